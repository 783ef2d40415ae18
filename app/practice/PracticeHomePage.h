#pragma once

#include "AppServices.h"
#include "loops/LoopCatalog.h"
#include "session/SessionSnapshot.h"

#include <QWidget>

#include <memory>

class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace MockLoop {

class LoopOverview;
class SessionController;

// Where practice starts: choose the loop, the level and the mode (the whole loop, one round, a
// single question, a quick drill), see the loop's rounds, or resume an unfinished session.
class PracticeHomePage : public QWidget
{
    Q_OBJECT

public:
    PracticeHomePage(const AppServices &services, QWidget *parent = nullptr);

    void setCatalog(const LoopCatalog &catalog);
    const LoopCatalog &catalog() const { return m_catalog; }
    // Loads a loop file the person chose; its errors are shown with line and column.
    void openLoopFile(const QString &path);
    // Looks for an unfinished session (off the GUI thread) and offers to resume it.
    void checkForUnfinishedSession();
    bool hasUnfinishedSession() const { return m_unfinished.has_value(); }

    // Prepares a single question of a loop, as "Practise this question again" asks.
    void prepareQuestion(const QString &loopId, const QString &questionId);

public Q_SLOTS:
    void start();
    void resume();

Q_SIGNALS:
    // A session is planned and started (or restored): the window shows it.
    void sessionStarted(MockLoop::SessionController *controller);
    void unfinishedSessionChanged(bool available);
    // The summary of the questions due ("4 questions due today") was followed to the Progress page.
    void progressRequested();
    void loopErrorsShown();

private:
    void fillLoopChoice(const QString &selectLoopId);
    void showLoop();
    void updateModeControls();
    std::shared_ptr<const Loop> currentLoop() const;
    SessionRequest request() const;
    void showUnfinished(std::optional<SessionSnapshot> snapshot, const QString &error);
    void discardUnfinished();
    // Ends the unfinished session without resuming it, keeping what it holds.
    void endUnfinished(bool newSessionFollows);
    void showLoopErrors(const QString &path, const LoopDiagnostics &diagnostics);
    void begin(std::unique_ptr<SessionController> controller);
    void showDueSummary(); // off the GUI thread: loadDueSummary

    AppServices m_services;
    LoopCatalog m_catalog;
    std::optional<SessionSnapshot> m_unfinished;
    // The loop to show: the one chosen last time until it has loaded, then the one chosen.
    QString m_wantedLoopId;

    QWidget *m_resumeBanner;
    QLabel *m_resumeText;
    QPushButton *m_resumeButton;
    QPushButton *m_discardButton;
    QComboBox *m_loopChoice;
    QLabel *m_loopOrigin;
    QPushButton *m_openLoop;
    QComboBox *m_levelChoice;
    QLabel *m_levelDetails;
    QButtonGroup *m_modes;
    QRadioButton *m_fullLoop;
    QRadioButton *m_oneRound;
    QRadioButton *m_singleQuestion;
    QRadioButton *m_quickDrill;
    QComboBox *m_roundChoice;
    QComboBox *m_pickChoice;
    QComboBox *m_categoryChoice;
    QComboBox *m_questionChoice;
    QSpinBox *m_drillCount;
    QPushButton *m_startButton;
    QLabel *m_tip;
    QLabel *m_dueSummary;
    LoopOverview *m_overview;
    bool m_starting = false;
};

} // namespace MockLoop
