#include "StoryTransfers.h"

#include "library/PracticeLibrary.h"
#include "stories/StoryFiles.h"

#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QString markdownFilter()
{
    return StoryTransfers::tr("Markdown (*.md *.markdown);;JSON (*.json)");
}

bool isJson(const QString &path)
{
    return path.endsWith(u".json"_s, Qt::CaseInsensitive);
}

// A file name from the story's title: letters, digits and dashes only.
QString fileNameFor(const QString &title, const QString &extension)
{
    QString name;
    for (const QChar c : title.toLower()) {
        if (c.isLetterOrNumber() && c.unicode() < 128)
            name += c;
        else if (!name.isEmpty() && !name.endsWith(u'-'))
            name += u'-';
    }
    while (name.endsWith(u'-'))
        name.chop(1);
    return (name.isEmpty() ? u"story"_s : name.left(60)) + extension;
}

QString documentsFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

} // namespace

StoryFileChooser StoryFileChooser::dialogs()
{
    StoryFileChooser chooser;
    chooser.open = [](QWidget *parent, const QString &title, const QString &filter) {
        return QFileDialog::getOpenFileNames(parent, title, documentsFolder(), filter);
    };
    chooser.save = [](QWidget *parent, const QString &title, const QString &name, const QString &filter) {
        return QFileDialog::getSaveFileName(parent, title, documentsFolder() + u'/' + name, filter);
    };
    return chooser;
}

// What reading the chosen files came to: the stories in them, and each file that failed and why.
struct StoryTransfers::ReadFiles
{
    QList<Story> stories;
    QStringList problems;
};

StoryTransfers::StoryTransfers(PracticeLibrary *library, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_library(library)
    , m_dialogParent(dialogParent)
{ }

void StoryTransfers::importStories()
{
    const QStringList paths = m_chooser.open(m_dialogParent, tr("Import Stories"), markdownFilter());
    if (paths.isEmpty())
        return;
    const StoryStructure structure = m_loop ? m_loop->storyStructure : StoryStructure{};
    auto *watcher = new QFutureWatcher<ReadFiles>(this);
    connect(watcher, &QFutureWatcher<ReadFiles>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const ReadFiles read = watcher->result();
        const QString problems = read.problems.join(u'\n');
        if (read.stories.isEmpty()) {
            Q_EMIT failed(tr("Nothing imported"), tr("No story could be read:\n%1").arg(problems));
            return;
        }
        settleConflicts(read.stories, problems);
    });
    watcher->setFuture(QtConcurrent::run([paths, structure] {
        ReadFiles read;
        for (const QString &path : paths) {
            const QString name = QFileInfo(path).fileName();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                read.problems
                    << StoryFileError{name, 0, tr("could not be opened (%1).").arg(file.errorString())}.text();
                continue;
            }
            // One byte more than a story may hold is enough to know it is too large.
            const QByteArray data = file.read(StoryFiles::MaxFileBytes + 1);
            const StoryFileResult result
                = isJson(path) ? StoryFiles::fromJson(data, name) : StoryFiles::fromMarkdown(data, structure, name);
            if (result.story)
                read.stories << *result.story;
            else
                read.problems << result.error.text();
        }
        return read;
    }));
}

void StoryTransfers::settleConflicts(const QList<Story> &incoming, const QString &readProblems)
{
    m_library
        ->run([incoming](LibraryStore *store) {
            return store ? store->storyConflicts(incoming) : QList<LibraryStore::StoryConflict>();
        })
        .then(this, [this, incoming, readProblems](const QList<LibraryStore::StoryConflict> &conflicts) {
            QHash<int, LibraryStore::StoryConflictChoice> choices;
            for (const LibraryStore::StoryConflict &conflict : conflicts) {
                QMessageBox box(QMessageBox::Question, tr("Story Already in the Bank"),
                                tr("\"%1\" is already in your story bank. Replace it with the imported one, keep both, "
                                   "or skip this one?")
                                    .arg(conflict.title),
                                QMessageBox::NoButton, m_dialogParent);
                box.setObjectName(u"storyConflictBox"_s);
                QPushButton *replace = box.addButton(tr("Replace"), QMessageBox::DestructiveRole);
                QPushButton *keepBoth = box.addButton(tr("Keep Both"), QMessageBox::AcceptRole);
                QPushButton *skip = box.addButton(tr("Skip"), QMessageBox::RejectRole);
                QPushButton *cancel = box.addButton(tr("Cancel Import"), QMessageBox::NoRole);
                box.setDefaultButton(keepBoth);
                box.setEscapeButton(cancel);
                box.exec();
                if (box.clickedButton() == replace)
                    choices.insert(conflict.incomingIndex, LibraryStore::StoryConflictChoice::Replace);
                else if (box.clickedButton() == keepBoth)
                    choices.insert(conflict.incomingIndex, LibraryStore::StoryConflictChoice::KeepBoth);
                else if (box.clickedButton() == skip)
                    choices.insert(conflict.incomingIndex, LibraryStore::StoryConflictChoice::Skip);
                else {
                    Q_EMIT noticeReady(tr("Import cancelled: nothing was changed."));
                    return;
                }
            }
            m_library
                ->run([incoming, choices](LibraryStore *store) -> std::pair<std::optional<QList<qint64>>, QString> {
                    if (!store)
                        return {std::nullopt, tr("The practice library is not open.")};
                    auto ids = store->importStories(incoming, choices);
                    return {ids, ids ? QString() : store->lastError()};
                })
                .then(this, [this, readProblems](const std::pair<std::optional<QList<qint64>>, QString> &result) {
                    if (!result.first) {
                        Q_EMIT failed(tr("Stories not imported"), result.second);
                        return;
                    }
                    Q_EMIT imported(*result.first);
                    const QString done = result.first->size() == 1
                        ? tr("Imported 1 story.")
                        : tr("Imported %1 stories.").arg(result.first->size());
                    if (readProblems.isEmpty())
                        Q_EMIT noticeReady(done);
                    else
                        Q_EMIT failed(tr("Some files not imported"),
                                      tr("%1 These files could not be read:\n%2").arg(done, readProblems));
                });
        });
}

void StoryTransfers::exportStory(const Story &story)
{
    const QString path
        = m_chooser.save(m_dialogParent, tr("Export Story"), fileNameFor(story.title, u".md"_s), markdownFilter());
    if (path.isEmpty())
        return;
    const QByteArray data = isJson(path)
        ? StoryFiles::toJson(story)
        : StoryFiles::toMarkdown(story, m_loop ? m_loop->storyStructure : StoryStructure{});
    write(path, data, tr("\"%1\"").arg(story.title));
}

void StoryTransfers::exportBank(const QList<Story> &stories)
{
    const QString path
        = m_chooser.save(m_dialogParent, tr("Export Story Bank"), u"story-bank.md"_s, tr("Markdown (*.md *.markdown)"));
    if (path.isEmpty())
        return;
    write(path, StoryFiles::bankToMarkdown(stories, m_loop ? m_loop->storyStructure : StoryStructure{}),
          stories.size() == 1 ? tr("1 story") : tr("%1 stories").arg(stories.size()));
}

void StoryTransfers::write(const QString &path, const QByteArray &data, const QString &what)
{
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path, what] {
        watcher->deleteLater();
        const QString error = watcher->result();
        if (error.isEmpty())
            Q_EMIT noticeReady(tr("Exported %1 to %2.").arg(what, QFileInfo(path).fileName()));
        else
            Q_EMIT failed(tr("Not exported"), tr("%1 could not be written: %2").arg(path, error));
    });
    // QSaveFile: a failed write leaves the file as it was.
    watcher->setFuture(QtConcurrent::run([path, data]() -> QString {
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit())
            return file.errorString();
        return {};
    }));
}

} // namespace MockLoop
