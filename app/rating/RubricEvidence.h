#pragma once

#include "analysis/AnswerAnalysis.h"

#include <QList>
#include <QString>

#include <optional>

namespace MockLoop {

struct StoryStructure;

// What the speech analysis measured that bears on a rubric dimension, written next to it on the
// rating page ("Numbers heard: 40% at 0:42, ..."). Facts with their times, never a score: the
// person's rating stays theirs.
namespace RubricEvidence {

enum class Kind {
    NumbersHeard, // numbers and percentages, with when they were said
    AudienceMentions, // members, customers, users, subscribers
    PhaseTimings, // each story phase's time against its target
    Ownership, // "I" against "we"
    Hedges, // "I think", "kind of", "maybe", ...
};

// Which dimension each kind of evidence informs, by the dimension's id in the loop file. A table,
// not code: a dimension whose id is not here (a user's own loop, say) simply gets no evidence.
struct Rule
{
    QString dimensionId;
    Kind kind;
};
const QList<Rule> &rules();
std::optional<Kind> kindFor(const QString &dimensionId);

// A moment of the take the evidence points at; a player can jump there. A word said again and
// again ("members") is one moment: its first time, with how often it was said.
struct Moment
{
    QString text; // "40%", "members", "Autonomous Decision 1:40 of 1:00, 0:40 over"
    qint64 atMs = 0;
    int times = 1;
};

struct Line
{
    static constexpr int MostMoments = 8; // more are counted, not listed

    QString caption; // "Numbers heard (3)", "No numbers heard"
    QList<Moment> moments; // at most MostMoments, in time order
    int unlisted = 0; // moments left out of the list
    bool over = false; // a phase ran past its target (PhaseTimings)

    // The line as one sentence, times included ("Numbers heard (2): 40% at 0:42, 3x at 1:10.",
    // "...: members 3 times, first at 0:12."), for screen readers and tests.
    QString plainText() const;
};

// The evidence for dimensionId, or nothing when no rule maps it or the analysis found no speech.
std::optional<Line> lineFor(const QString &dimensionId, const AnswerAnalysis &analysis, const StoryStructure &story);

} // namespace RubricEvidence

} // namespace MockLoop
