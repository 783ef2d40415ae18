#include "StoriesPage.h"

#include "CoverageView.h"
#include "StoryEditor.h"
#include "common/AnnouncementLabel.h"
#include "common/LoopChoice.h"
#include "library/PracticeLibrary.h"
#include "session/Clock.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct LoadedStories
{
    QList<Story> stories;
    std::optional<double> pace;
    QList<StoryPractice> practice;
};

QPushButton *button(const QString &text, const QString &name, QWidget *parent)
{
    auto *result = new QPushButton(text, parent);
    result->setObjectName(name);
    return result;
}

bool matches(const Story &story, const QString &text)
{
    if (text.isEmpty())
        return true;
    QStringList fields{story.title, story.memberImpact, story.company, story.period};
    fields << story.phases.values() << story.metrics << story.tags.values << story.tags.categories << story.tags.themes;
    for (const QString &field : std::as_const(fields)) {
        if (field.contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// Equal but for when they were saved.
bool sameContent(const Story &a, Story b)
{
    b.updated = a.updated;
    return a == b;
}

bool isUndo(const QKeyEvent *event)
{
    return event->matches(QKeySequence::Undo) && !event->matches(QKeySequence::Redo);
}

bool isRedo(const QKeyEvent *event)
{
    return event->matches(QKeySequence::Redo)
        || QKeySequence(event->keyCombination()) == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
}

} // namespace

StoriesPage::StoriesPage(const AppServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_transfers(new StoryTransfers(services.library, this))
    , m_loopChoice(new QComboBox(this))
    , m_search(new QLineEdit(this))
    , m_showArchived(new QCheckBox(tr("Show ar&chived"), this))
    , m_tabs(new QTabWidget(this))
    , m_list(new QListWidget(this))
    , m_new(button(tr("&New Story"), u"newStoryButton"_s, this))
    , m_duplicate(button(tr("&Duplicate"), u"duplicateStoryButton"_s, this))
    , m_archive(button(tr("&Archive"), u"archiveStoryButton"_s, this))
    , m_delete(button(tr("D&elete…"), u"deleteStoryButton"_s, this))
    , m_import(button(tr("&Import…"), u"importStoriesButton"_s, this))
    , m_export(button(tr("E&xport…"), u"exportStoryButton"_s, this))
    , m_exportBank(button(tr("Export &Bank…"), u"exportBankButton"_s, this))
    , m_undoButton(button(tr("&Undo"), u"undoStoryButton"_s, this))
    , m_redoButton(button(tr("&Redo"), u"redoStoryButton"_s, this))
    , m_newAction(new QAction(tr("New Story"), this))
    , m_undoAction(new QAction(tr("Undo"), this))
    , m_redoAction(new QAction(tr("Redo"), this))
    , m_editor(new StoryEditor(this))
    , m_status(new AnnouncementLabel(this))
    , m_coverage(new CoverageView(this))
{
    setObjectName(u"storiesPage"_s);
    m_loopChoice->setObjectName(u"storiesLoopChoice"_s);
    m_loopChoice->setAccessibleName(tr("Loop"));
    m_loopChoice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_search->setObjectName(u"storySearch"_s);
    m_search->setAccessibleName(tr("Search stories"));
    m_search->setPlaceholderText(tr("Words in a story"));
    m_search->setClearButtonEnabled(true);
    m_showArchived->setObjectName(u"showArchivedStories"_s);
    m_list->setObjectName(u"storyList"_s);
    m_list->setAccessibleName(tr("Stories"));
    m_status->setObjectName(u"storyStatus"_s);
    m_tabs->setObjectName(u"storiesTabs"_s);
    m_tabs->setAccessibleName(tr("Story bank and coverage"));
    m_new->setToolTip(tr("A new story (Ctrl+N)"));
    m_undoButton->setToolTip(tr("Undo the last change to the story (Ctrl+Z)"));
    m_redoButton->setToolTip(tr("Redo the change undone (Ctrl+Shift+Z)"));
    m_delete->setToolTip(tr("Delete the story and its links to questions (asks first)"));
    m_export->setToolTip(tr("Export the story to a Markdown or JSON file (by the name's extension)"));
    m_exportBank->setToolTip(tr("Export every story not archived to one Markdown document, to print or share"));
    m_import->setToolTip(tr("Import stories from Markdown or JSON files"));

    // Keys of the page: while the focus is in it (a text box's own undo is the page's, see eventFilter).
    m_newAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_N));
    m_undoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Z));
    m_redoAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    for (QAction *action : {m_newAction, m_undoAction, m_redoAction}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    m_newAction->setObjectName(u"newStoryAction"_s);
    m_undoAction->setObjectName(u"undoStoryAction"_s);
    m_redoAction->setObjectName(u"redoStoryAction"_s);

    auto *top = new QHBoxLayout;
    auto *loopLabel = new QLabel(tr("&Loop:"), this);
    loopLabel->setBuddy(m_loopChoice);
    auto *searchLabel = new QLabel(tr("&Search:"), this);
    searchLabel->setBuddy(m_search);
    top->addWidget(loopLabel);
    top->addWidget(m_loopChoice);
    top->addSpacing(12);
    top->addWidget(searchLabel);
    top->addWidget(m_search, 1);
    top->addWidget(m_showArchived);

    // The bank: the list and its buttons, the story beside it.
    auto *listSide = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listSide);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_list, 1);
    auto *storyButtons = new QGridLayout;
    storyButtons->addWidget(m_new, 0, 0);
    storyButtons->addWidget(m_duplicate, 0, 1);
    storyButtons->addWidget(m_archive, 1, 0);
    storyButtons->addWidget(m_delete, 1, 1);
    storyButtons->addWidget(m_import, 2, 0);
    storyButtons->addWidget(m_export, 2, 1);
    storyButtons->addWidget(m_exportBank, 3, 0, 1, 2);
    listLayout->addLayout(storyButtons);

    auto *editorSide = new QWidget(this);
    auto *editorLayout = new QVBoxLayout(editorSide);
    editorLayout->setContentsMargins(0, 0, 0, 0);
    auto *editorBar = new QHBoxLayout;
    editorBar->addWidget(m_status, 1);
    editorBar->addWidget(m_undoButton);
    editorBar->addWidget(m_redoButton);
    editorLayout->addLayout(editorBar);
    auto *scroll = new QScrollArea(editorSide);
    scroll->setObjectName(u"storyEditorScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setFocusPolicy(Qt::NoFocus); // no unnamed stop: what is in it takes the focus and scrolls it in
    scroll->setWidget(m_editor);
    editorLayout->addWidget(scroll, 1);

    auto *bank = new QSplitter(Qt::Horizontal, m_tabs);
    bank->setObjectName(u"storyBank"_s);
    bank->addWidget(listSide);
    bank->addWidget(editorSide);
    bank->setStretchFactor(0, 1);
    bank->setStretchFactor(1, 3);
    bank->setChildrenCollapsible(false);
    bank->setSizes({300, 900});
    m_list->setMinimumWidth(240);
    m_tabs->addTab(bank, tr("Stor&y Bank"));
    m_tabs->addTab(m_coverage, tr("Covera&ge"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_tabs, 1);

    // Tab order: the top row, the tabs, the list and its buttons, then the story, top to bottom.
    setTabOrder(m_loopChoice, m_search);
    setTabOrder(m_search, m_showArchived);
    setTabOrder(m_showArchived, m_tabs);
    setTabOrder(m_tabs, m_list);
    setTabOrder(m_list, m_new);
    setTabOrder(m_new, m_duplicate);
    setTabOrder(m_duplicate, m_archive);
    setTabOrder(m_archive, m_delete);
    setTabOrder(m_delete, m_import);
    setTabOrder(m_import, m_export);
    setTabOrder(m_export, m_exportBank);
    setTabOrder(m_exportBank, m_undoButton);
    setTabOrder(m_undoButton, m_redoButton);
    setTabOrder(m_redoButton, m_editor->titleEdit());

    m_saveTimer.setSingleShot(true);
    m_saveTimer.setInterval(AutosaveDelayMs);
    connect(&m_saveTimer, &QTimer::timeout, this, &StoriesPage::saveNow);
    connect(m_editor, &StoryEditor::edited, this, &StoriesPage::onEdited);
    connect(m_list, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        const qint64 id = item ? item->data(Qt::UserRole).toLongLong() : 0;
        if (id != m_currentId)
            showStory(id);
    });
    connect(m_search, &QLineEdit::textChanged, this, &StoriesPage::fillList);
    connect(m_showArchived, &QCheckBox::toggled, this, &StoriesPage::fillList);
    connect(m_loopChoice, &QComboBox::currentIndexChanged, this, [this] {
        m_editor->setLoop(loop());
        m_transfers->setLoop(loop());
        watchTextBoxes();
        m_coverageStale = true;
        refreshCoverage();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { refreshCoverage(); });
    connect(m_new, &QPushButton::clicked, m_newAction, &QAction::trigger);
    connect(m_newAction, &QAction::triggered, this, &StoriesPage::newStory);
    connect(m_undoButton, &QPushButton::clicked, m_undoAction, &QAction::trigger);
    connect(m_redoButton, &QPushButton::clicked, m_redoAction, &QAction::trigger);
    connect(m_undoAction, &QAction::triggered, this, &StoriesPage::undo);
    connect(m_redoAction, &QAction::triggered, this, &StoriesPage::redo);
    connect(m_duplicate, &QPushButton::clicked, this, &StoriesPage::duplicateStory);
    connect(m_archive, &QPushButton::clicked, this, &StoriesPage::toggleArchived);
    connect(m_delete, &QPushButton::clicked, this, &StoriesPage::deleteStory);
    connect(m_import, &QPushButton::clicked, this, [this] {
        saveNow();
        m_transfers->importStories();
    });
    connect(m_export, &QPushButton::clicked, this, [this] {
        saveNow();
        if (m_editor->hasStory())
            m_transfers->exportStory(m_editor->story());
    });
    connect(m_exportBank, &QPushButton::clicked, this, [this] {
        saveNow();
        QList<Story> shown;
        for (const Story &story : std::as_const(m_stories)) {
            if (!story.archived)
                shown << (story.id == m_currentId ? m_editor->story() : story);
        }
        m_transfers->exportBank(shown);
    });
    connect(m_transfers, &StoryTransfers::noticeReady, this, &StoriesPage::announce);
    connect(m_transfers, &StoryTransfers::failed, this, [this](const QString &title, const QString &message) {
        announce(title);
        QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
        box.setObjectName(u"storyFileProblemBox"_s);
        box.exec();
    });
    connect(m_transfers, &StoryTransfers::imported, this, [this](const QList<qint64> &ids) {
        m_coverageStale = true;
        reload(ids.isEmpty() ? KeepCurrent : ids.first());
    });
    connect(m_coverage, &CoverageView::linkToggled, this, &StoriesPage::setLinked);
    connect(m_coverage, &CoverageView::valueToggled, this, &StoriesPage::setValueTagged);
    connect(m_services.library, &PracticeLibrary::statusChanged, this, [this] {
        m_stale = m_coverageStale = true;
        if (m_active)
            reload();
    });
    watchTextBoxes();
    updateButtons();
}

StoriesPage::~StoriesPage()
{
    saveNow(); // the library outlives the page: what was typed last is kept
}

void StoriesPage::setFileChooser(StoryFileChooser chooser)
{
    m_transfers->setFileChooser(std::move(chooser));
}

void StoriesPage::setCatalog(const LoopCatalog &catalog)
{
    m_catalog = catalog;
    fillLoopChoice();
}

void StoriesPage::fillLoopChoice()
{
    MockLoop::fillLoopChoice(m_loopChoice, m_catalog);
    m_editor->setLoop(loop());
    m_transfers->setLoop(loop());
    watchTextBoxes();
    m_coverageStale = true;
    refreshCoverage();
}

std::shared_ptr<const Loop> StoriesPage::loop() const
{
    return m_catalog.find(m_loopChoice->currentData().toString());
}

void StoriesPage::setActive(bool active)
{
    m_active = active;
    if (!active) {
        saveNow();
        return;
    }
    if (m_stale)
        reload();
    refreshCoverage();
    // The page's keys (Ctrl+N, Ctrl+Z) work from the moment it shows.
    if (!isAncestorOf(QApplication::focusWidget()))
        m_list->setFocus(Qt::OtherFocusReason);
}

QDateTime StoriesPage::now() const
{
    return m_services.clock ? m_services.clock->wallTime() : QDateTime::currentDateTimeUtc();
}

void StoriesPage::reload(qint64 selectId, const std::function<void()> &shown)
{
    m_stale = false;
    m_services.library
        ->run([](LibraryStore *store) {
            return store ? LoadedStories{store->stories(true), store->measuredWordsPerMinute(), store->storyPractice()}
                         : LoadedStories{};
        })
        .then(this, [this, selectId, shown](const LoadedStories &loaded) {
            m_stories = loaded.stories;
            m_pace = loaded.pace;
            m_editor->setMeasuredPace(m_pace);
            m_practice.clear();
            for (const StoryPractice &practice : loaded.practice) {
                if (practice.storyId != 0)
                    m_practice.insert(practice.storyId, practice);
            }
            if (m_editor->hasStory())
                m_editor->setPractice(m_practice.contains(m_currentId) ? std::optional(m_practice.value(m_currentId))
                                                                       : std::nullopt);
            // The story being typed is as the editor holds it, not as the library had it a moment ago.
            if (m_editor->hasStory()) {
                for (Story &story : m_stories) {
                    if (story.id == m_currentId && m_pendingSave)
                        story = m_editor->story();
                }
            }
            const qint64 wanted = selectId == KeepCurrent ? m_currentId : selectId;
            if (wanted != m_currentId)
                showStory(wanted);
            else if (m_currentId != 0 && !m_pendingSave) {
                // Changed elsewhere (archived, imported over): shown as it is now.
                const auto found = std::find_if(m_stories.cbegin(), m_stories.cend(),
                                                [this](const Story &story) { return story.id == m_currentId; });
                if (found == m_stories.cend())
                    showStory(0);
                else if (!sameContent(*found, m_editor->story()))
                    showStory(m_currentId);
            }
            fillList();
            if (shown)
                shown();
            Q_EMIT storiesShown();
        });
}

void StoriesPage::fillList()
{
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    const QString text = m_search->text().trimmed();
    QListWidgetItem *current = nullptr;
    for (const Story &story : std::as_const(m_stories)) {
        const bool shownArchived = story.archived && story.id != m_currentId;
        if ((shownArchived && !m_showArchived->isChecked()) || !matches(story, text))
            continue;
        const QString title = story.title.isEmpty() ? tr("(untitled)") : story.title;
        auto *item = new QListWidgetItem(story.archived ? tr("%1 (archived)").arg(title) : title, m_list);
        item->setData(Qt::UserRole, story.id);
        if (story.id == m_currentId)
            current = item;
    }
    if (current)
        m_list->setCurrentItem(current);
    m_list->setAccessibleDescription(m_list->count() == 1 ? tr("1 story shown")
                                                          : tr("%1 stories shown").arg(m_list->count()));
}

void StoriesPage::showStory(qint64 storyId)
{
    saveNow();
    m_currentId = storyId;
    const auto found = std::find_if(m_stories.cbegin(), m_stories.cend(),
                                    [storyId](const Story &story) { return story.id == storyId; });
    if (storyId == 0 || found == m_stories.cend()) {
        m_currentId = 0;
        m_history.reset();
        m_editor->clearStory();
    } else {
        m_history.emplace(*found);
        m_editor->setStory(*found);
        m_editor->setPractice(m_practice.contains(storyId) ? std::optional(m_practice.value(storyId)) : std::nullopt);
    }
    // The list follows (it may be filtered: the story shown stays in it).
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(Qt::UserRole).toLongLong() == m_currentId && m_list->currentRow() != row) {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentRow(row);
        }
    }
    updateButtons();
}

void StoriesPage::onEdited()
{
    m_pendingSave = true;
    m_saveTimer.start();
    // The list shows the title as it is typed.
    const Story edited = m_editor->story();
    if (QListWidgetItem *item = m_list->currentItem(); item && item->data(Qt::UserRole).toLongLong() == m_currentId) {
        const QString title = edited.title.isEmpty() ? tr("(untitled)") : edited.title;
        item->setText(edited.archived ? tr("%1 (archived)").arg(title) : title);
    }
    m_status->setQuietText(tr("Editing…"));
    updateButtons();
}

void StoriesPage::saveNow()
{
    m_saveTimer.stop();
    if (!m_pendingSave || !m_editor->hasStory() || !m_history)
        return;
    m_pendingSave = false;
    const Story edited = m_editor->story();
    m_history->record(edited); // kept with the time it was loaded with: equal states stay equal
    for (Story &story : m_stories) {
        if (story.id == edited.id)
            story = edited;
    }
    Story stored = edited;
    stored.updated = now();
    ++m_savesInFlight;
    m_coverageStale = true;
    m_services.library
        ->run([stored](LibraryStore *store) -> QString {
            if (!store)
                return tr("The practice library is not open.");
            return store->updateStory(stored) ? QString() : store->lastError();
        })
        .then(this, [this](const QString &error) {
            --m_savesInFlight;
            if (!error.isEmpty())
                announce(tr("Not saved: %1 Your text is still here; it is saved with the next change.").arg(error));
            else if (!isSaving())
                m_status->setQuietText(tr("All changes saved"));
            if (m_tabs->currentWidget() == m_coverage)
                refreshCoverage();
        });
    updateButtons();
}

void StoriesPage::undo()
{
    saveNow();
    if (!m_history || !m_history->canUndo())
        return;
    announce(tr("Undone")); // first: the save below may report at once
    showHistoryState(m_history->undo());
}

void StoriesPage::redo()
{
    saveNow();
    if (!m_history || !m_history->canRedo())
        return;
    announce(tr("Redone"));
    showHistoryState(m_history->redo());
}

void StoriesPage::showHistoryState(const Story &story)
{
    m_editor->setStory(story);
    m_pendingSave = true; // the history has it already: record() skips the equal state
    saveNow();
    fillList();
}

void StoriesPage::updateButtons()
{
    const bool story = m_editor->hasStory();
    m_duplicate->setEnabled(story);
    m_archive->setEnabled(story);
    m_archive->setText(story && m_editor->story().archived ? tr("Un&archive") : tr("&Archive"));
    m_delete->setEnabled(story);
    m_export->setEnabled(story);
    const bool canUndo = m_pendingSave || (m_history && m_history->canUndo());
    const bool canRedo = !m_pendingSave && m_history && m_history->canRedo();
    m_undoAction->setEnabled(story);
    m_redoAction->setEnabled(story);
    m_undoButton->setEnabled(canUndo);
    m_redoButton->setEnabled(canRedo);
}

void StoriesPage::watchTextBoxes()
{
    for (QWidget *box : m_editor->textBoxes())
        box->installEventFilter(this);
}

bool StoriesPage::eventFilter(QObject *watched, QEvent *event)
{
    // A text box's own undo would undo its box alone, and not the rest of the story: the page's
    // history does it for the whole story.
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        const bool undoKey = isUndo(key);
        const bool redoKey = isRedo(key);
        if (undoKey || redoKey) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                undoKey ? undo() : redo();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void StoriesPage::announce(const QString &message)
{
    m_status->announce(message);
    updateButtons();
}

} // namespace MockLoop
