#pragma once

#include "SessionSnapshot.h"
#include "SessionTypes.h"

#include <QObject>
#include <QTimer>

#include <memory>

namespace MockLoop {

struct Loop;
struct Round;
class PracticeHistory;
class SessionStore;

// The clocks of a session at one moment. Remaining times go negative in overtime.
struct ClockReadings
{
    Milliseconds roundElapsed{0};
    Milliseconds roundLimit{0}; // 0: the segment has no round clock
    Milliseconds thinkElapsed{0};
    Milliseconds thinkLimit{0};
    Milliseconds answerElapsed{0};
    Milliseconds answerLimit{0};
    Milliseconds breakElapsed{0};
    Milliseconds breakLimit{0};
    Milliseconds phaseElapsed{0}; // time in the current story phase
    Milliseconds phaseTarget{0};

    Milliseconds roundRemaining() const { return roundLimit - roundElapsed; }
    Milliseconds thinkRemaining() const { return thinkLimit - thinkElapsed; }
    Milliseconds answerRemaining() const { return answerLimit - answerElapsed; }
    Milliseconds breakRemaining() const { return breakLimit - breakElapsed; }
};

// Turns a loop into a timed practice session: full loop, one round, a single question or a
// quick drill. No UI: the app drives it through the commands below and follows its signals.
//
// States and transitions (commands in quotes, the clock's own moves in brackets):
//
//   NotStarted --"start"--> Briefing --"beginRound"--> Thinking
//      (segments without a briefing, such as a single question, go straight to Thinking)
//   Thinking  --"beginAnswer" or [think time over]--> Answering (main answer)
//   Thinking  --"skipQuestion"--> Thinking (next question) or RoundWrapUp
//   Thinking  --[round time over] or "endRound"--> RoundWrapUp
//   Answering --"finishAnswer"--> Answering (next follow-up probe) or Rating
//   Answering --[answer or round time over, hard stop only]--> as "finishAnswer"
//   Answering --"skipQuestion"--> main answer: next question, unrated; probe: Rating
//   Answering --"endRound"--> Rating, then RoundWrapUp
//   Rating    --"submitRating" / "skipRating"--> Thinking (next question) or RoundWrapUp
//   RoundWrapUp --"continueSession"--> Break (full loop) or Briefing (next round) or Finished
//   Break     --"skipBreak" or [break over]--> Briefing (next round)
//   any       --"abandon"--> Finished
//   "pause" / "resume" stop and restart every running clock, in any state.
//
// Clocks: the round clock runs while thinking and answering (rating is outside interview time);
// the think, answer and break clocks run in their states. Time comes from the injected Clock;
// remaining time is always computed from when clocks started and paused, never from ticks.
// Overtime: the answer clock runs past zero and overtimeBegan() is emitted; nothing is stopped
// unless hard stop is on. When the round clock runs out during an answer, the answer is finished
// first (its remaining probes are dropped), then, after rating, the round ends.
//
// The interviewer's voice (setInterviewerAsks): while the interviewer reads a question aloud, its
// think clock waits, and think time starts when the reading ends (promptAsked()); a follow-up's
// answer clock likewise waits while the probe is chosen and asked. The round clock runs on: the
// reading is interview time. promptWaiting() tells that a prompt waits to be asked.
// Interruptions (setOverrunThreshold): in a round that interrupts, phaseOverran() comes once a
// story phase has run that far past its target.
//
// After every transition the session is handed to the SessionStore, if one is set, so that a
// quit or crash can resume from there (paused, with the clocks as they stood).
class SessionEngine : public QObject
{
    Q_OBJECT

public:
    // Plans a new session. Returns null and sets error when the request cannot be planned.
    static std::unique_ptr<SessionEngine> create(std::shared_ptr<const Loop> loop, SessionRequest request, Clock &clock,
                                                 const PracticeHistory *history = nullptr, QString *error = nullptr);
    // Continues a saved session, paused. Returns null and sets error when the loop no longer fits.
    static std::unique_ptr<SessionEngine> restore(std::shared_ptr<const Loop> loop, const SessionSnapshot &snapshot,
                                                  Clock &clock, QString *error = nullptr);

    ~SessionEngine() override;

    void setStore(SessionStore *store);
    // How often tick() is emitted while a clock runs; 0 turns ticks off (transitions still happen
    // on time). Default 100 ms.
    void setTickInterval(int milliseconds);
    // From the next question or probe on, each waits for promptAsked() before its clock runs (off:
    // clocks start at once, as without a voice).
    void setInterviewerAsks(bool asks);
    bool interviewerAsks() const { return m_interviewerAsks; }
    // How far past its target a story phase runs before phaseOverran(), in rounds that interrupt;
    // 0 (the default): never.
    void setOverrunThreshold(Milliseconds threshold);

    const Loop &loop() const { return *m_loop; }
    const SessionRequest &request() const { return m_request; }
    const SessionPlan &plan() const { return m_plan; }
    QString sessionId() const { return m_sessionId; }
    QDateTime startedAt() const { return m_startedAt; }

    SessionState state() const { return m_state; }
    bool isPaused() const { return m_paused; }
    int segmentIndex() const { return m_segmentIndex; }
    const SessionSegment &currentSegment() const;
    int questionIndex() const { return m_questionIndex; }
    const PlannedQuestion *currentQuestion() const;
    // -1 during the main answer, else the index of the follow-up probe being answered.
    int followUpIndex() const { return m_followUpIndex; }
    QString currentPrompt() const;
    int phaseIndex() const { return m_phaseIndex; }
    bool roundTimeIsUp() const { return m_roundTimeUp; }
    ClockReadings clocks() const;
    // The question or probe is still being asked (its clock waits for promptAsked()).
    bool isAskingPrompt() const { return m_asking; }
    // How far the take of the answer in progress is into its current part: the asking time, then
    // the answer clock (pauses left out, as the take leaves them out). Where the interviewer's marks go.
    Milliseconds partElapsed() const;
    // The answer in progress (from its question to its rating), if any.
    const std::optional<AnswerRecord> &currentAnswer() const { return m_current; }
    const QList<AnswerRecord> &answers() const { return m_answers; }
    const QList<RoundSummary> &roundSummaries() const { return m_roundSummaries; }
    SessionSummary summary() const;
    SessionSnapshot snapshot() const;

    // Commands. Each returns false, changing nothing, when it does not apply in the current state.
    bool start();
    bool beginRound();
    bool beginAnswer();
    bool markNextPhase();
    bool finishAnswer();
    bool submitRating(Rating rating, QString *error = nullptr);
    bool skipRating();
    bool skipQuestion();
    bool pause();
    bool resume();
    bool endRound();
    bool continueSession();
    bool skipBreak();
    bool abandon();
    bool setAnswerNotes(const QString &notes);
    // Names the take of the answer in progress (a file in the session's folder of the library),
    // saved with the session at once, before the take holds any audio.
    bool setTakeFile(const QString &fileName);
    // The rating as entered so far on the rating page, saved with the session.
    bool setDraftRating(const Rating &draft);
    // The interviewer has asked the question or probe (read to its end, silenced, or not spoken at
    // all): its clock starts now.
    bool promptAsked();
    // While a follow-up is being asked: asks prompt instead (an adaptive probe, for reason). The
    // planned probe moves one place on; the number of probes stays.
    bool replaceFollowUp(const QString &prompt, const ProbeReason &reason);
    // Where the interviewer spoke in a part of the answer in progress (partIndex -1: the current
    // one), while it is answered or rated: a line ends after the part it began in.
    bool addInterviewerMark(const InterviewerMark &mark, int partIndex = -1);

public Q_SLOTS:
    // Brings the session up to the clock's present: makes due transitions, emits due signals.
    void poll();

Q_SIGNALS:
    void stateChanged(MockLoop::SessionState state);
    void pausedChanged(bool paused);
    void tick(const MockLoop::ClockReadings &clocks);
    void phaseChanged(int phaseIndex);
    void phaseTargetReached(int phaseIndex);
    // In a round that interrupts, the story phase has run the overrun threshold past its target.
    void phaseOverran(int phaseIndex);
    // A question (followUpIndex -1) or a probe waits to be asked: its clock starts on promptAsked().
    void promptWaiting(int followUpIndex);
    // The prompt has been asked: its clock runs (unless paused).
    void askingFinished();
    // The probe being asked was replaced (replaceFollowUp).
    void promptChanged();
    void overtimeBegan();
    void roundTimeRanOut();
    // A question is done with: rated, rating skipped, or the question skipped.
    void answerRecorded(const MockLoop::AnswerRecord &answer);
    void roundEnded(const MockLoop::RoundSummary &summary);
    void sessionFinished(const MockLoop::SessionSummary &summary);

private:
    enum class Event { ThinkOver, RoundOver, AnswerLimit, PhaseTarget, PhaseOverrun, BreakOver };
    struct PendingEvent
    {
        Event event;
        Milliseconds at;
    };

    SessionEngine(std::shared_ptr<const Loop> loop, Clock &clock);

    Milliseconds now() const;
    const Round *currentRound() const;
    Milliseconds thinkLimit() const;
    Milliseconds answerLimit() const;
    Milliseconds roundLimit() const;
    Milliseconds breakLimit() const;
    Milliseconds phaseTarget() const;

    QList<PendingEvent> pendingEvents(Milliseconds now) const;
    bool handleDueEvent(Milliseconds now);
    void handle(Event event, Milliseconds at);
    void scheduleNextDeadline(Milliseconds now);

    void setState(SessionState state, Milliseconds at);
    void syncClocks(Milliseconds at);
    void persist(Milliseconds at);

    // Ends the asking of the prompt, if any: a probe's asking time goes into its part.
    void stopAsking(Milliseconds at);
    bool phaseOverrunDue() const;

    void enterSegment(int segmentIndex, Milliseconds at);
    void askQuestion(int questionIndex, Milliseconds at);
    void beginAnswerAt(Milliseconds at);
    void startAnswerPart(int followUpIndex, Milliseconds at);
    void finishAnswerPart(Milliseconds at, bool stoppedAtLimit);
    void completeQuestion(Milliseconds at);
    void nextQuestionOrWrapUp(Milliseconds at);
    void wrapUpRound(Milliseconds at);
    void finishSession(Milliseconds at, bool abandoned);
    RoundSummary summarizeSegment(int segmentIndex, Milliseconds at) const;

    std::shared_ptr<const Loop> m_loop;
    Clock &m_clock;
    SessionStore *m_store = nullptr;
    QTimer m_tickTimer;
    QTimer m_deadlineTimer;

    QString m_sessionId;
    QDateTime m_startedAt;
    SessionRequest m_request;
    SessionPlan m_plan;

    SessionState m_state = SessionState::NotStarted;
    bool m_paused = false;
    bool m_interrupted = false; // restored after a crash or quit, and not resumed since
    int m_segmentIndex = 0;
    int m_questionIndex = 0;
    int m_followUpIndex = -1;
    int m_phaseIndex = 0;
    Milliseconds m_phaseStartedAt{0}; // answer time at which the current phase began
    Milliseconds m_pausedAt{0};
    Milliseconds m_lastSavedAt{0};
    Stopwatch m_roundClock;
    Stopwatch m_thinkClock;
    Stopwatch m_answerClock;
    Stopwatch m_breakClock;
    bool m_roundTimeUp = false;
    bool m_endRoundRequested = false;
    bool m_overtimeReported = false;
    int m_phaseTargetReported = -1;
    bool m_interviewerAsks = false;
    bool m_asking = false; // the current prompt waits for promptAsked()
    Stopwatch m_askClock; // how long a probe has been asked, its answer clock waiting
    Milliseconds m_overrunThreshold{0};
    int m_phaseOverrunReported = -1;
    bool m_abandoned = false; // the session finished by abandon()

    std::optional<AnswerRecord> m_current;
    QList<AnswerRecord> m_answers;
    QList<RoundSummary> m_roundSummaries;

    friend struct SessionSnapshot;
};

} // namespace MockLoop
