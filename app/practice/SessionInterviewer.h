#pragma once

#include "session/SessionTypes.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace MockLoop {

class SessionEngine;
class SpeechOutput;

// The interviewer of a running session, speaking through a SpeechOutput:
// - reads each question aloud, and the engine starts its think time when the reading ends (the
//   engine waits for promptAsked(); see SessionEngine::setInterviewerAsks); asks each follow-up
//   probe the same way (the controller may choose the probe first, then calls askCurrentPrompt());
// - says a round's opening before its first question, and its closing at the wrap-up;
// - breaks in, in rounds that interrupt, when a story phase runs past its target by the threshold
//   (SessionEngine::phaseOverran), with one of the loop's lines for that phase;
// - renders the lines to come ahead (the round's at its briefing, the next question while one is
//   answered), so that a line starts at once;
// - marks in the answer where it was heard during the take (InterviewerMark), so the analysis
//   leaves those stretches out.
// The voice goes off and on at any time (V): off, it falls silent at once, a prompt counts as asked
// and its clock starts, and an interruption is only shown. A line that cannot be said (a voice not
// installed, no audio output) shows its message once, and the session goes on silently. Pausing
// silences it; resuming reads the prompt being asked again. Without an output it is always silent.
class SessionInterviewer : public QObject
{
    Q_OBJECT

public:
    enum class LineKind { Opening, Question, Probe, Interruption, Closing };

    SessionInterviewer(SessionEngine *engine, SpeechOutput *output, bool voiceOn, QObject *parent = nullptr);
    ~SessionInterviewer() override;

    bool canSpeak() const { return m_output != nullptr; }
    bool isVoiceOn() const { return m_voiceOn && m_output; }
    void setVoiceOn(bool on);
    void toggleVoice() { setVoiceOn(!isVoiceOn()); }

    // Asks the question or probe the engine waits for: reads it aloud, or, with the voice off,
    // lets its clock start at once.
    void askCurrentPrompt();

    // The line being said, if any (the page shows it as text too).
    bool isSpeaking() const { return m_current.has_value(); }
    QString currentLine() const { return m_current ? m_current->text : QString(); }
    LineKind currentKind() const { return m_current ? m_current->kind : LineKind::Question; }
    // Why the voice fell silent, once said; empty while it works.
    QString problem() const { return m_problem; }

    // A line is heard this long after its last sample: the room's echo and the microphone's delay.
    static constexpr qint64 TailMs = 300;
    // A line that has not started this long after it was asked for, or not ended this long after its
    // audio should have, is given up (an output that hangs must not hold the clock).
    static constexpr int StartTimeoutMs = 10000;
    static constexpr int EndGraceMs = 3000;

Q_SIGNALS:
    void voiceChanged(bool on);
    // A line began or ended being said.
    void speakingChanged();
    // The interviewer breaks in with text (said, or with the voice off shown only).
    void interrupted(const QString &text);
    // The voice fell silent for this reason (said once a session).
    void problemOccurred(const QString &message);

private:
    struct Line
    {
        QString text;
        LineKind kind = LineKind::Question;
        int phaseIndex = -1;
    };
    // Why a line ends early: the next line, a pause (said again on resume), the voice turned off,
    // the session moved on.
    enum class StopReason { None, Superseded, Pause, VoiceOff, MovedOn };
    // The engine's prompt a line belongs to, so a late end never starts another prompt's clock.
    struct PromptKey
    {
        int ordinal = -1;
        int followUpIndex = -2;
        friend bool operator==(const PromptKey &, const PromptKey &) = default;
    };
    // Where a line was heard in the take: its answer and part, and from when.
    struct Heard
    {
        int ordinal = -1;
        int partIndex = -1;
        Milliseconds at{0};
    };

    PromptKey currentPromptKey() const;
    bool promptStillWaits() const;
    void sayNext();
    void stopLine(StopReason reason);
    void onStarted(const QString &text, qint64 durationMs);
    void onEnded(const QString &text, qint64 heardMs, bool completed, const QString &failure = {});
    void markHeard(const Line &line, qint64 heardMs);
    void promptDone();
    // The voice cannot go on: message once, then silent for the rest of the session.
    void fail(const QString &message);
    void onStateChanged(SessionState state);
    void onPausedChanged(bool paused);
    void onPhaseOverran(int phaseIndex);
    void onRoundEnded();
    void prepareRound();
    void prepareNextQuestion();

    SessionEngine *m_engine;
    SpeechOutput *m_output;
    bool m_voiceOn = true;
    QList<Line> m_queue; // lines still to say for the prompt, in order
    std::optional<Line> m_current; // the line being said
    std::optional<Heard> m_heard; // where the current line started to be heard, once it has
    qint64 m_durationMs = 0; // of the current line, once it is heard
    std::optional<PromptKey> m_prompt; // the prompt being asked, its clock waiting
    QList<Line> m_repeatOnResume; // the prompt's lines cut by a pause
    StopReason m_stopReason = StopReason::None;
    int m_openedSegment = -1; // the round whose opening was said
    QString m_problem;
    QTimer m_watchdog;
};

} // namespace MockLoop
