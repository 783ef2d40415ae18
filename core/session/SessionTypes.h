#pragma once

#include "Clock.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace MockLoop {

// What an answer lacked, to which an adaptive probe responds (loops/Loop.h). Declared only: the
// loop model's names (Question, Round) stay out of every file that uses the session's types.
enum class ProbeSignal;

// Where a session stands; see SessionEngine.h for the transitions.
enum class SessionState {
    NotStarted,
    Briefing, // the round's title, interviewer, focus, what it evaluates, the level's expectations
    Thinking, // the question is shown; the think clock runs
    Answering, // the main answer or a follow-up probe; the answer clock runs
    Rating, // waiting for the person's rating, or an explicit skip
    RoundWrapUp, // time used against time allotted, questions answered
    Break, // between rounds of a full loop
    Finished,
};

enum class SessionMode {
    FullLoop, // every round in order, with breaks between them
    OneRound, // one round of the loop
    SingleQuestion, // one timed question
    QuickDrill, // a few timed questions drawn across the loop
};

// How a single-question session picks its question.
enum class QuestionPick {
    Chosen, // SessionRequest::questionId
    RandomFromRound, // SessionRequest::roundId
    RandomFromCategory, // SessionRequest::categoryId
    RandomAny,
    NextDue, // spaced repetition: the question most due for practice
};

// What the person can change about a session.
struct SessionSettings
{
    int thinkSeconds = 30;
    int answerSecondsOverride = 0; // 0: each question's suggested time
    bool hardStop = false; // end an answer when its clock (or the round's) reaches zero
    int breakMinutes = 10; // between rounds of a full loop; 0: none
    int followUpsPerQuestion = 2;
    int followUpAnswerSeconds = 90;
    int drillQuestionCount = 5;
    QString levelId; // the level whose expectations the briefing shows (L5, L6, L7)
};

struct SessionRequest
{
    SessionMode mode = SessionMode::FullLoop;
    QuestionPick pick = QuestionPick::RandomAny;
    QString roundId;
    QString questionId;
    QString categoryId;
    quint64 seed = 0; // 0: choose one (and keep it, so the session can be reproduced)
    SessionSettings settings;
};

// One question as the session will ask it.
struct PlannedQuestion
{
    QString questionId;
    QString roundId; // the round whose rubric rates it
    int answerSeconds = 0;
    QStringList followUps; // probes asked after the main answer, in order
};

// A stretch of the session with its own clock: a round of the loop, or a drill.
struct SessionSegment
{
    QString roundId; // empty for a drill across rounds
    QString title;
    int durationMinutes = 0; // 0: no round clock
    bool untilTimeIsUp = false; // ask planned questions until the round clock runs out
    bool hasBriefing = true;
    bool hasWrapUp = true;
    QList<PlannedQuestion> questions;
};

struct SessionPlan
{
    QList<SessionSegment> segments;
};

// The person's own mark that the answer moved on to the next story phase.
struct PhaseMark
{
    int phaseIndex = 0;
    Milliseconds at{0}; // into the answer
};

struct PauseMark
{
    Milliseconds at{0}; // into the answer
    Milliseconds length{0};
    // MockLoop stopped here (a crash, or a quit mid-answer) and the answer was resumed later: the
    // take goes on from this point, and its waveform marks the join.
    bool interrupted = false;
};

// Where the interviewer spoke during an answer, as the take holds it: asking a follow-up probe,
// or breaking in on a story phase that ran long. The analysis leaves the heard stretch out, so a
// candidate practising on speakers is not scored on the interviewer's words.
struct InterviewerMark
{
    enum class Kind { Probe, Interruption };

    Kind kind = Kind::Interruption;
    // From the start of the part in the take: its asking time (AnswerPart::asking) included, its
    // pauses left out, as the take is recorded.
    Milliseconds at{0};
    Milliseconds length{0}; // heard, with the room's echo; 0: shown as text only (the voice off)
    int phaseIndex = -1; // the story phase an interruption broke into
    QString text;

    friend bool operator==(const InterviewerMark &, const InterviewerMark &) = default;
};

// Why the interviewer asked a probe: what the analysis of the main answer found missing.
struct ProbeReason
{
    ProbeSignal signal{}; // NoNumbers
    QString phaseId; // MissingPhase: the phase that was missing
    QString phaseTitle; // as the loop named it then, for the Library

    // "Asked because no numbers were heard".
    QString text() const;
    friend bool operator==(const ProbeReason &, const ProbeReason &) = default;
};

// The main answer to a question, or the answer to one follow-up probe.
struct AnswerPart
{
    int followUpIndex = -1; // -1: the main answer
    QString prompt;
    QDateTime startedAt; // wall time
    Milliseconds limit{0};
    Milliseconds duration{0};
    bool stoppedAtLimit = false; // ended by the hard stop
    bool skipped = false; // cut short by skipQuestion: a probe skipped is not one answered
    QList<PhaseMark> phaseMarks;
    QList<PauseMark> pauses;
    // The take ran this long into the part before its clock started: the interviewer choosing and
    // asking its probe. (A question's reading happens in its think time, before the take.)
    Milliseconds asking{0};
    QList<InterviewerMark> interviewer;
    std::optional<ProbeReason> probeReason; // an adaptive probe: what the answer lacked

    // A part with no limit (a take recovered without its question) has no overtime.
    Milliseconds overtime() const
    {
        return limit > Milliseconds(0) && duration > limit ? duration - limit : Milliseconds(0);
    }
};

struct Rating
{
    // Coach: given by someone else (a coach bundle brought back), never the person's own.
    enum class When { RightAfter, AfterReplay, Coach };

    When when = When::RightAfter;
    QMap<QString, int> scores; // dimension id -> 1..4; dimensions left unrated are absent
    QStringList redFlagIds;
    QString notes;
    QDateTime ratedAt;

    std::optional<double> average() const;
};

// Everything about one question of the session: what was asked, how long, and the rating.
struct AnswerRecord
{
    // Its place among the session's questions (0, 1, ...), counting skipped ones: the library
    // knows an answer it already holds by its session and ordinal, so saving twice stores it once.
    int ordinal = -1;
    int segmentIndex = 0;
    QString roundId;
    QString questionId;
    QString questionText;
    Milliseconds thinkTime{0};
    QList<AnswerPart> parts;
    bool skipped = false; // the person skipped the question
    bool ratingSkipped = false;
    std::optional<Rating> rating;
    QString notes;
    // The take of this answer: a file name in the session's folder of the library
    // (takes/<session id>/<file>), set before its first sample is written, so that after a crash
    // the session knows which take is its own. Empty: not recorded.
    QString takeFile;
    // The rating being entered, saved with the session so a crash on the rating page keeps it.
    std::optional<Rating> draftRating;

    Milliseconds answerTime() const;
    Milliseconds overtime() const;
    // <nn>-<question>.wav, nn counting the session's questions from 01: the name alone says which
    // answer of its session a take belongs to.
    QString defaultTakeFile() const;
    // The follow-up probes answered, not counting one skipped.
    int followUpsAnswered() const;
};

// The time spent in each story phase of the main answer, by the person's marks (index: phase): the
// first phase from the start of the answer, each other from its mark to the next mark or the end; a
// phase marked twice adds up. Empty when the main answer has no marks, since nothing then says where
// its phases began.
QList<Milliseconds> markedPhaseTimes(const QList<AnswerPart> &parts);

struct RoundSummary
{
    int segmentIndex = 0;
    QString roundId;
    QString title;
    Milliseconds allotted{0}; // 0: the segment had no round clock
    Milliseconds used{0};
    int questionsPlanned = 0;
    int questionsAnswered = 0;
    int questionsSkipped = 0;
    QMap<QString, double> dimensionAverages;
    QMap<QString, int> redFlagCounts;
};

struct SessionSummary
{
    bool abandoned = false;
    QList<RoundSummary> rounds;
    int questionsAnswered() const;
    Milliseconds timeUsed() const;
};

// The interviewer's marks and a probe's reason as the session file and the library keep them.
QJsonArray interviewerMarksToJson(const QList<InterviewerMark> &marks);
QList<InterviewerMark> interviewerMarksFromJson(const QJsonValue &value);
QJsonValue probeReasonToJson(const std::optional<ProbeReason> &reason);
std::optional<ProbeReason> probeReasonFromJson(const QJsonValue &value);
QString interviewerMarkKindName(InterviewerMark::Kind kind);
std::optional<InterviewerMark::Kind> interviewerMarkKindFromName(const QString &name);

QString modeName(SessionMode mode);
QString stateName(SessionState state);
std::optional<SessionMode> modeFromName(const QString &name);

} // namespace MockLoop
