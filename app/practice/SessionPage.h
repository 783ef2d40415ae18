#pragma once

#include "AppServices.h"
#include "session/SessionTypes.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QAction;
class QLabel;
class QPushButton;
class QStackedWidget;

namespace MockLoop {

class AnnouncementLabel;
class BriefingView;
class InterviewerBar;
class PauseForDialogs;
class CountdownLabel;
class QuestionView;
class RatingPanel;
class SessionController;
class StoryCueCard;
class TakePlayer;
class WrapUpView;
struct ClockReadings;

// A running session: the round header with its clock, the view of the moment (briefing,
// question, rating, wrap-up, break), banners for recording problems, and the session's actions
// with their keys (shown in the Practice menu).
class SessionPage : public QWidget
{
    Q_OBJECT

public:
    struct Actions
    {
        QAction *beginRound;
        QAction *startAnswer;
        QAction *nextPhase;
        QAction *finishAnswer;
        QAction *pause;
        QAction *skipQuestion;
        QAction *endRound;
        QAction *continueSession;
        QAction *abandon;
        QAction *voice; // the interviewer's voice off and on (V)
    };

    SessionPage(const AppServices &services, QWidget *parent = nullptr);
    ~SessionPage() override;

    // Takes over a controller whose session has just started or been restored.
    void run(std::unique_ptr<SessionController> controller);
    bool isRunning() const;
    SessionController *controller() const { return m_controller.get(); }
    const Actions &actions() const { return m_actions; }
    QList<QAction *> actionList() const;

    // Pauses a running session when the window closes; it was saved after every step and is
    // resumed from the practice home.
    void pauseForLeaving();

Q_SIGNALS:
    void settingsRequested();
    void libraryRequested(const QString &sessionId);
    // The session is over and its summary was dismissed: back to the practice home.
    void closed();

private:
    void onStateChanged();
    void onTick(const ClockReadings &clocks);
    void updateActions();
    void updateHeader();
    void updateRecordingLight();
    void showBanner(const QString &message, bool offerSettings);
    void showRating();
    // Beside the rating: the measured feedback on answer, or why there is none (yet).
    void showMeasuredFeedback(const AnswerRecord &answer);
    // The rating page shows the answer with this ordinal.
    bool isRating(int ordinal) const;
    // For an abandoned session: asks the library what it keeps of it, and says so.
    void showWhatWasKept();
    TakePlayer *replayer();
    void toggleReplay();
    void replayFrom(qint64 takeMs);
    void stopReplay();
    void confirmEndRound();
    void skipQuestion();
    void confirmAbandon();

    AppServices m_services;
    std::unique_ptr<SessionController> m_controller;
    Actions m_actions{};

    QLabel *m_roundTitle;
    QLabel *m_pausedLabel;
    QLabel *m_roundClockCaption;
    CountdownLabel *m_roundClock;
    InterviewerBar *m_interviewerBar;
    QWidget *m_banner;
    AnnouncementLabel *m_bannerText;
    QPushButton *m_bannerSettings;
    QStackedWidget *m_stack;
    BriefingView *m_briefing;
    QuestionView *m_question;
    QWidget *m_questionPage = nullptr; // the question with the session's buttons, in m_stack
    RatingPanel *m_rating;
    QLabel *m_replayStatus;
    WrapUpView *m_wrapUp;
    QWidget *m_break;
    QLabel *m_breakText;
    CountdownLabel *m_breakClock;
    TakePlayer *m_replay = nullptr; // made on first replay
    PauseForDialogs *m_pauseForDialogs;
    StoryCueCard *m_cueCard = nullptr; // the story for the question, in think time (C)
    QString m_sessionId;
    QString m_saveProblem; // the banner's message while the library refuses to save
    QHash<int, QString> m_analysisFailures; // why answers of this session could not be analysed
};

} // namespace MockLoop
