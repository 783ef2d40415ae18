#pragma once

#include "AppServices.h"
#include "RecoveredTakesBanner.h"
#include "TakeAnalysis.h"
#include "library/LibraryTypes.h"
#include "loops/LoopCatalog.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QPushButton;
class QSplitter;
class QStackedWidget;
class QToolButton;

namespace MockLoop {

class AnswerDetailView;
class AnswerSortProxy;
class AnswerTableView;
class AnswerTableModel;
class CompareLauncher;
class LibraryFilterBar;
class LibraryTransfers;
class ReportTransfers;

// The practice library: every answer in a table with filters (its measured pace, likely fillers and
// longest pause among them), and for the selected one its question, both ratings, notes, a player
// over its waveform with the phase marks and the measured ones, the approximate transcript that
// follows the player, what was measured in the take, re-rating after a replay, every take of the
// same question, practising it again, and deleting it. Takes left by a crash are offered here for
// recovery. (LibraryPage.cpp: the table and its filters; LibraryPageAnswer.cpp: the answer shown.)
//
// Every library call runs on the library's worker thread, reading a stored analysis too;
// waveforms and file exports never run on the GUI thread either.
class LibraryPage : public QWidget
{
    Q_OBJECT

public:
    LibraryPage(const AppServices &services, QWidget *parent = nullptr);
    ~LibraryPage() override;

    // The loops, for names, rubrics and red flags.
    void setCatalog(const LoopCatalog &catalog);
    // Called when the page is shown or hidden: loads on first show, stops playback on hide.
    void setActive(bool active);
    // Shows the answers of one session (after "Open in Library").
    void showSession(const QString &sessionId);
    // Export, import and folder actions for the File menu, each with its shortcut.
    QList<QAction *> fileActions() const;

    // Repairs takes a crash interrupted and looks for takes no answer owns; with review, opens the
    // dialog to keep or delete them once the search is done.
    void lookForRecoveredTakes(bool review = false);
    // The answer shown in the detail pane (0: none).
    qint64 shownAnswerId() const { return m_shownAnswerId; }
    // Selects the answer in the table if the filters show it, and shows it in any case.
    void selectAnswer(qint64 answerId);

    // For tests: the file the export and import actions write or read instead of asking with a
    // file dialog. Empty (the default) asks.
    static void setFilePathForTests(const QString &path);

Q_SIGNALS:
    void practiseQuestion(const QString &loopId, const QString &questionId);
    // After each search for recordings left by a crash: how many are waiting to be kept.
    void recoveredTakesFound(int count);
    void catalogNeeded();

private:
    // LibraryPageAnswer.cpp
    void followShownAnswer();
    TakeAnalysis analysisStateOf(const AnswerDetail &detail,
                                 const std::optional<Expected<AnswerAnalysis>> &stored) const;
    // stored: the analysis the library holds for the answer shown, read back; nullopt: none, or
    // not read again (the service's progress changed).
    void showAnalysisState(const std::optional<Expected<AnswerAnalysis>> &stored);

    void applyFilter();
    void onSelectionChanged();
    void loadDetail(qint64 answerId);
    void showNoAnswer(const QString &message);
    void updateEmptyState();
    void updateActions();
    void saveNotes(qint64 answerId, const QString &notes);
    void saveReplayRating(const Rating &rating);
    void confirmDelete();
    void selectProxyRow(int row);
    void selectFirstAnswerOfSession();
    void showNotice(const QString &text);
    void showError(const QString &title, const QString &text);
    void saveSplitterState();
    // "Export Report…" (report) or "Export for a Coach…": which answers, then where.
    void openReportExport(bool coachBundle);

    AppServices m_services;
    LoopCatalog m_catalog;
    AnswerTableModel *m_model;
    RecoveredTakesBanner *m_recoveredBanner;
    QWidget *m_notice;
    QLabel *m_noticeText;
    QToolButton *m_dismissNotice;
    LibraryFilterBar *m_filters;
    QSplitter *m_splitter;
    QStackedWidget *m_tableStack;
    AnswerTableView *m_table;
    AnswerSortProxy *m_proxy; // the table's
    QWidget *m_emptyState;
    QLabel *m_emptyText;
    QPushButton *m_emptyClearFilters;
    QLabel *m_count;
    QStackedWidget *m_detailStack;
    QLabel *m_noAnswer;
    AnswerDetailView *m_detail;
    LibraryTransfers *m_transfers;
    CompareLauncher *m_compare; // two takes side by side
    ReportTransfers *m_reports; // reports, coach bundles and a coach's ratings (ReportTransfers.cpp)
    QAction *m_exportCsvAction;
    QAction *m_exportSessionAction;
    QAction *m_importSessionAction;
    QAction *m_openFolderAction;
    QAction *m_reviewRecoveredAction;
    QAction *m_exportReportAction;
    QAction *m_exportCoachBundleAction;
    QAction *m_importCoachRatingsAction;
    QTimer m_noticeTimer;
    QTimer m_splitterSave;

    AnswerFilter m_appliedFilter;
    QString m_libraryProblem; // why the library could not be opened, if it could not
    qint64 m_shownAnswerId = 0;
    qint64 m_reselectAfterReset = 0;
    QString m_sessionToOpen; // showSession() selects its first answer once it is in the table
    quint64 m_detailGeneration = 0; // details of answers shown before are dropped
    bool m_activated = false; // the table has been loaded once
    bool m_active = false; // shown now
    bool m_answersAddedWhileAway = false;
    bool m_resetting = false;
    // The speech analysis: takes that could not be analysed (and why), the background work's
    // progress (done, total), whether the answer shown has a stored result, and whether the next
    // one shown came on its own (to be announced).
    QHash<qint64, QString> m_analysisFailures;
    std::pair<int, int> m_analysisProgress{0, 0};
    bool m_shownHasStoredAnalysis = false;
    bool m_announceAnalysis = false;
};

} // namespace MockLoop
