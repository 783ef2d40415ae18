#include "StoriesPage.h"

#include "CoverageView.h"
#include "StoryEditor.h"
#include "library/PracticeLibrary.h"

#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>

// What the Stories page asks the library to change (a new story, a copy, the archive, deleting,
// the links and the value tags of the coverage matrices), and the coverage worked out on its thread.

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct CoverageData
{
    QList<Story> stories;
    StoryCoverageResult coverage;
};

} // namespace

void StoriesPage::newStory()
{
    saveNow();
    Story story;
    story.title = tr("New story");
    story.created = story.updated = now();
    m_services.library->run([story](LibraryStore *store) { return store ? store->addStory(story) : std::nullopt; })
        .then(this, [this](std::optional<qint64> id) {
            if (!id) {
                announce(tr("The story could not be added to the practice library."));
                return;
            }
            m_search->clear();
            m_coverageStale = true;
            reload(*id, [this] {
                m_editor->titleEdit()->setFocus();
                m_editor->titleEdit()->selectAll();
            });
            announce(tr("New story added: type its title"));
        });
}

void StoriesPage::duplicateStory()
{
    saveNow();
    const qint64 id = m_currentId;
    const QDateTime time = now();
    m_services.library
        ->run([id, time](LibraryStore *store) { return store ? store->duplicateStory(id, time) : std::nullopt; })
        .then(this, [this](std::optional<qint64> copy) {
            if (!copy)
                return announce(tr("The story could not be duplicated."));
            m_coverageStale = true;
            reload(*copy);
            announce(tr("Duplicated: the copy is shown"));
        });
}

void StoriesPage::toggleArchived()
{
    saveNow();
    if (!m_editor->hasStory())
        return;
    const qint64 id = m_currentId;
    const bool archive = !m_editor->story().archived;
    const QDateTime time = now();
    m_services.library
        ->run([id, archive, time](LibraryStore *store) { return store && store->setStoryArchived(id, archive, time); })
        .then(this, [this, archive](bool ok) {
            if (!ok)
                return announce(tr("The story could not be changed."));
            m_coverageStale = true;
            reload();
            announce(archive ? tr("Archived: it takes no part in coverage or suggestions")
                             : tr("Back from the archive"));
        });
}

void StoriesPage::deleteStory()
{
    saveNow();
    if (!m_editor->hasStory())
        return;
    const Story story = m_editor->story();
    QMessageBox box(QMessageBox::Warning, tr("Delete Story"),
                    tr("Delete \"%1\"? Its links to questions go with it. This cannot be undone; archive it instead "
                       "to keep it out of the way.")
                        .arg(story.title),
                    QMessageBox::NoButton, this);
    box.setObjectName(u"deleteStoryBox"_s);
    QPushButton *remove = box.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove)
        return;
    const qint64 id = story.id;
    const int row = m_list->currentRow();
    m_services.library->run([id](LibraryStore *store) { return store && store->deleteStory(id); })
        .then(this, [this, row, title = story.title](bool ok) {
            if (!ok)
                return announce(tr("The story could not be deleted."));
            // The neighbour is shown next.
            const int next = row + 1 < m_list->count() ? row + 1 : row - 1;
            const qint64 nextId
                = next >= 0 && next < m_list->count() ? m_list->item(next)->data(Qt::UserRole).toLongLong() : 0;
            m_history.reset();
            m_currentId = 0;
            m_editor->clearStory();
            m_coverageStale = true;
            reload(nextId);
            announce(tr("Deleted \"%1\"").arg(title));
        });
}

void StoriesPage::refreshCoverage()
{
    if (!m_active || m_tabs->currentWidget() != m_coverage || !m_coverageStale)
        return;
    const std::shared_ptr<const Loop> current = loop();
    if (!current)
        return;
    m_coverageStale = false;
    m_coverageLoading = true;
    m_coverage->showLoading();
    const int generation = ++m_coverageGeneration;
    m_services.library
        ->run([current](LibraryStore *store) {
            CoverageData computed;
            if (!store)
                return computed;
            computed.stories = store->stories(false);
            computed.coverage = StoryCoverage::compute(*current, computed.stories, store->storyLinks(current->id));
            return computed;
        })
        .then(this, [this, current, generation](const CoverageData &computed) {
            if (generation != m_coverageGeneration)
                return;
            m_coverageLoading = false;
            m_coverage->showCoverage(current, computed.stories, computed.coverage);
            Q_EMIT coverageShown();
        });
}

void StoriesPage::setLinked(qint64 storyId, const QString &questionId, bool link)
{
    const std::shared_ptr<const Loop> current = loop();
    if (!current)
        return;
    const QString loopId = current->id;
    m_services.library
        ->run([=](LibraryStore *store) {
            return store
                && (link ? store->linkStory(storyId, loopId, questionId)
                         : store->unlinkStory(storyId, loopId, questionId));
        })
        .then(this, [this, link](bool ok) {
            if (!ok)
                return announce(tr("The link could not be saved."));
            announce(link ? tr("Linked") : tr("Unlinked"));
            m_coverageStale = true;
            refreshCoverage();
        });
}

void StoriesPage::setValueTagged(qint64 storyId, const QString &valueId, bool tag)
{
    if (storyId == m_currentId) {
        saveNow();
        m_stale = true;
    }
    const QDateTime time = now();
    m_services.library
        ->run([=](LibraryStore *store) {
            std::optional<Story> story = store ? store->story(storyId) : std::nullopt;
            if (!story)
                return false;
            story->tags.values.removeAll(valueId);
            if (tag)
                story->tags.values << valueId;
            story->updated = time;
            return store->updateStory(*story);
        })
        .then(this, [this, tag](bool ok) {
            if (!ok)
                return announce(tr("The tag could not be saved."));
            announce(tag ? tr("Tagged") : tr("Untagged"));
            m_coverageStale = true;
            reload();
            refreshCoverage();
        });
}

} // namespace MockLoop
