#pragma once

#include "AppServices.h"
#include "StoryTransfers.h"
#include "library/LibraryTypes.h"
#include "loops/LoopCatalog.h"
#include "stories/StoryEditHistory.h"

#include <QHash>
#include <QTimer>
#include <QWidget>

#include <functional>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QTabWidget;

namespace MockLoop {

class AnnouncementLabel;
class CoverageView;
class StoryEditor;

// The Stories page: the candidate's story bank. On the left the stories (search, archived ones on
// request) with New, Duplicate, Archive, Delete (asks first), Import and Export; on the right the
// story in the loop's five-part shape (StoryEditor) with its hints. Every change is saved on its
// own a moment after typing stops, on the library's thread (no Save button); Ctrl+Z and
// Ctrl+Shift+Z go back and forth through the story's states (StoryEditHistory). The Coverage tab
// shows the questions and values of the chosen loop against the stories (CoverageView), worked
// out on the library's thread.
class StoriesPage : public QWidget
{
    Q_OBJECT

public:
    // How long after the last change the story is saved.
    static constexpr int AutosaveDelayMs = 700;

    StoriesPage(const AppServices &services, QWidget *parent = nullptr);
    ~StoriesPage() override;

    void setCatalog(const LoopCatalog &catalog);
    // The page is shown (or hidden): it loads when shown; leaving it saves what is pending.
    void setActive(bool active);
    void setFileChooser(StoryFileChooser chooser);

    // The stories as last read, archived ones too.
    const QList<Story> &stories() const { return m_stories; }
    qint64 currentStoryId() const { return m_currentId; }
    // Whether a change waits to be saved, or a save is on its way.
    bool isSaving() const { return m_pendingSave || m_savesInFlight > 0; }
    bool isCoverageLoading() const { return m_coverageLoading; }
    StoryEditor *editor() const { return m_editor; }
    CoverageView *coverage() const { return m_coverage; }
    // Saves a pending change now.
    void saveNow();

Q_SIGNALS:
    // The stories list shows what the library holds.
    void storiesShown();
    void coverageShown();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    std::shared_ptr<const Loop> loop() const;
    void fillLoopChoice();
    // Reads the stories again, shows selectId (KeepCurrent: the one shown when they come), then
    // calls shown.
    static constexpr qint64 KeepCurrent = -1;
    void reload(qint64 selectId = KeepCurrent, const std::function<void()> &shown = {});
    void fillList();
    void showStory(qint64 storyId);
    void onEdited();
    void undo();
    void redo();
    void showHistoryState(const Story &story);
    void newStory();
    void duplicateStory();
    void toggleArchived();
    void deleteStory();
    void refreshCoverage();
    void setLinked(qint64 storyId, const QString &questionId, bool link);
    void setValueTagged(qint64 storyId, const QString &valueId, bool tag);
    void updateButtons();
    void watchTextBoxes();
    void announce(const QString &message);
    QDateTime now() const;

    AppServices m_services;
    LoopCatalog m_catalog;
    StoryTransfers *m_transfers;
    QList<Story> m_stories;
    qint64 m_currentId = 0;
    std::optional<StoryEditHistory> m_history;
    std::optional<double> m_pace;
    QHash<qint64, StoryPractice> m_practice; // by story
    QTimer m_saveTimer;
    bool m_pendingSave = false;
    int m_savesInFlight = 0;
    bool m_active = false;
    bool m_stale = true;
    bool m_coverageStale = true;
    bool m_coverageLoading = false;
    int m_coverageGeneration = 0;

    QComboBox *m_loopChoice;
    QLineEdit *m_search;
    QCheckBox *m_showArchived;
    QTabWidget *m_tabs;
    QListWidget *m_list;
    QPushButton *m_new;
    QPushButton *m_duplicate;
    QPushButton *m_archive;
    QPushButton *m_delete;
    QPushButton *m_import;
    QPushButton *m_export;
    QPushButton *m_exportBank;
    QPushButton *m_undoButton;
    QPushButton *m_redoButton;
    QAction *m_newAction;
    QAction *m_undoAction;
    QAction *m_redoAction;
    StoryEditor *m_editor;
    AnnouncementLabel *m_status;
    CoverageView *m_coverage;
};

} // namespace MockLoop
