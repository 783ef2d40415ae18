#pragma once

#include "analysis/AnswerAnalysis.h"
#include "library/AnswerFacts.h"
#include "library/LibraryTypes.h"

#include <QFuture>

#include <optional>

namespace MockLoop {

struct Loop;
class PracticeLibrary;

// Two takes set side by side (the comparison view's data), read in one call on the library's
// worker: each answer in full, its take's path, its stored speech analysis read back, and its
// facts as the Progress page sums them up (LibraryStore::answerFactsOf: the measured figures and
// the time in each story phase from the person's marks).
struct ComparedTake
{
    AnswerDetail detail;
    QString takePath; // inside the library; empty when there is none to play
    std::optional<Expected<AnswerAnalysis>> storedAnalysis; // nullopt: none stored
    AnswerFacts facts;
};

struct TakeComparison
{
    // Take A is the older of the two, so that the changes read as what practice did.
    ComparedTake a;
    ComparedTake b;
    QString problem; // why there is no comparison (an answer is gone, the library is not open)

    bool ok() const { return problem.isEmpty(); }
};

namespace Comparison {

QFuture<TakeComparison> load(PracticeLibrary *library, qint64 firstAnswerId, qint64 secondAnswerId);

// The rating each take is compared on: the newest (after a replay if there is one, else the one
// given right after answering); nullopt when the take was never rated.
std::optional<Rating> newestRating(const AnswerDetail &detail);

// One rubric dimension, both takes' scores (0: not rated) and the change from A to B in words.
struct RatingLine
{
    QString dimensionId;
    QString title;
    int a = 0;
    int b = 0;
    QString change; // "+2", "−1", "same", "—" when either is not rated
};
// The dimensions of A's round in rubric order, then B's round's others, then any a rating holds
// that the loop no longer has; loop may be null.
QList<RatingLine> ratingLines(const AnswerDetail &a, const AnswerDetail &b, const Loop *loop);
QString scoreChange(int a, int b);
QString averageChange(const std::optional<double> &a, const std::optional<double> &b);

// A measured figure of both takes, as a sentence: "pace 172 → 148 wpm", "Autonomous Decision
// phase 1:40 → 0:58".
struct MeasureLine
{
    QString id; // pace, fillers, longestPause, overtime, phase-<index>
    QString text;
};
QList<MeasureLine> measureLines(const AnswerFacts &a, const AnswerFacts &b, const Loop *loop);

} // namespace Comparison

} // namespace MockLoop
