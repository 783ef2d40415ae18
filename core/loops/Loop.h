#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace MockLoop {

// The model of an interview loop as a loop file describes it (see interview_loops/README.md).
// Plain values: a Loop is copied freely and shared read-only between threads.

// What the interviewer expects at one level (L5, L6, L7 ...).
struct Level
{
    QString id;
    QString title;
    QString teamInfluence;
    QString scope;
    QString impact;
    QString focus;
};

// One part of a well-shaped answer, with the time it deserves.
struct StoryPhase
{
    QString id;
    QString title;
    int targetSeconds = 0;
    QString purpose;
    QString prompt;
    // Short lines the interviewer may break in with when an answer runs well past this phase's
    // target, in rounds that interrupt ("What did you decide?").
    QStringList interruptions;
};

struct StoryStructure
{
    QList<StoryPhase> phases;

    int totalSeconds() const;
};

enum class DimensionKind { Value, Craft };

// A rubric dimension scored 1 to 4; anchors[0] describes a 1, anchors[3] a 4.
struct RubricDimension
{
    static constexpr int MinScore = 1;
    static constexpr int MaxScore = 4;

    QString id;
    QString title;
    DimensionKind kind = DimensionKind::Value;
    QString description;
    QStringList meaning;
    QString avoid;
    QString use;
    std::array<QString, MaxScore> anchors;

    QString anchor(int score) const;
};

struct RedFlag
{
    QString id;
    QString text;
};

struct RedFlagGroup
{
    QString id;
    QString title;
    QList<RedFlag> flags;
};

struct Category
{
    QString id;
    QString title;
    QString description;
};

// A recurring subject of the company's interviews, with what interviewers look for.
struct Theme
{
    QString id;
    QString title;
    QStringList lookingFor;
    QStringList powerStories;
    QString storyFramework;
};

struct Question
{
    QString id;
    QString text;
    QString categoryId;
    QStringList themeIds;
    QStringList roundIds; // rounds the question fits, besides those that pick it by category or id
    int answerSeconds = 0; // 0: the round's or the story structure's time applies
    QStringList followUps;
    QStringList strongAnswer;
};

// A round's own interruption lines for one story phase, replacing the story structure's there.
struct PhaseInterruptions
{
    QString phaseId;
    QStringList lines;
};

struct Round
{
    QString id;
    QString title;
    QString interviewer;
    int durationMinutes = 0;
    QStringList focus;
    QStringList evaluates;
    QStringList sourceCategoryIds;
    QStringList sourceQuestionIds;
    std::optional<int> questionCount; // empty: ask questions until the round's time is up
    int answerSeconds = 0; // 0: each question's own time applies
    QStringList followUps; // probes the interviewer may add to any question of this round
    QStringList rubricDimensionIds;
    QStringList redFlagGroupIds; // empty: every group applies
    QString opening; // what the interviewer says to begin the round; empty: nothing
    QString closing; // what the interviewer says to end it; empty: nothing
    // Whether the interviewer breaks in when a story phase runs well past its target (the threshold
    // is a setting), with the phase's interruption lines.
    bool interruptsOverruns = false;
    QList<PhaseInterruptions> interruptions;

    bool untilTimeIsUp() const { return !questionCount.has_value(); }
};

// What the analysis of an answer can show is missing from it, so that the interviewer's first
// follow-up asks for it (as a real interviewer digs where an answer is thin).
enum class ProbeSignal {
    NoNumbers, // no number heard: ask for the measurable result
    NoMemberMention, // no member, customer or user mentioned: ask what it changed for them
    WeOverI, // "we" far more often than "I": ask what the candidate personally decided
    MissingPhase, // a story phase never marked, or with no speech in it: ask for that phase
};

// As the loop format writes it: no_numbers, no_member_mention, we_over_i, missing_phase.
QString probeSignalId(ProbeSignal signal);
std::optional<ProbeSignal> probeSignalFromId(QStringView id);
QStringList probeSignalIds();

// Probes the interviewer picks from when an answer shows signal (the loop's `probes`).
struct ProbeSet
{
    ProbeSignal signal = ProbeSignal::NoNumbers;
    QString phaseId; // MissingPhase only: the story phase the probes ask for
    QStringList roundIds; // the rounds they are for; empty: every round
    QStringList lines;
};

struct PreparationMilestone
{
    QString id;
    QString title;
    int daysBefore = 0;
    QStringList items;
};

struct SuccessFactor
{
    QString title;
    QString text;
};

struct Loop
{
    static constexpr int SupportedFormatVersion = 1;
    static constexpr int FallbackAnswerSeconds = 180;

    int formatVersion = SupportedFormatVersion;
    QString id;
    int version = 1;
    QString title;
    QString company;
    QString description;
    QStringList tips;
    QList<SuccessFactor> successFactors;
    QList<Level> levels;
    StoryStructure storyStructure;
    QList<RubricDimension> dimensions;
    QList<RedFlagGroup> redFlagGroups;
    QList<Category> categories;
    QList<Theme> themes;
    QList<Question> questions;
    QList<Round> rounds;
    QList<PreparationMilestone> preparation;
    QList<ProbeSet> probeSets;
    // Whether the interviewer reads questions and probes aloud unless the person says otherwise
    // (Settings, the V key).
    bool interviewerSpeaks = true;

    const Round *round(const QString &roundId) const;
    const Question *question(const QString &questionId) const;
    const Category *category(const QString &categoryId) const;
    const RubricDimension *dimension(const QString &dimensionId) const;
    const Level *level(const QString &levelId) const;
    const RedFlagGroup *redFlagGroup(const QString &groupId) const;

    // Every question the round may ask, in question-bank order: those it names, those of its
    // categories and those that name the round.
    QList<const Question *> questionPool(const Round &round) const;
    QList<const RubricDimension *> rubricFor(const Round &round) const;
    QList<const RedFlagGroup *> redFlagsFor(const Round &round) const;

    // The answer time the loop suggests: the question's own, else the round's, else the length
    // of the story structure.
    int suggestedAnswerSeconds(const Question &question, const Round *round = nullptr) const;

    // The lines the interviewer may break in with when phaseId runs over in round: the round's own
    // for that phase, else the story structure's. Empty when the round does not interrupt.
    QStringList interruptionLines(const Round &round, const QString &phaseId) const;
    // What the interviewer may say in round besides its questions and probes, in the order it is
    // likely to be said (opening, interruptions, closing), each line once: to render ahead.
    QStringList spokenLines(const Round &round) const;

    // The probes for signal (and, for MissingPhase, phaseId) in round: a set that names the round,
    // else one for every round. Empty when the loop has none.
    QStringList probeLines(const Round &round, ProbeSignal signal, const QString &phaseId = {}) const;
    // Every probe round may pick from after an answer, each once: to render ahead.
    QStringList adaptiveProbeLines(const Round &round) const;

    int totalMinutes() const;
};

} // namespace MockLoop
