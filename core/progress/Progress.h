#pragma once

#include "ProgressTypes.h"
#include "library/AnswerFacts.h"
#include "library/LibraryTypes.h"
#include "session/PracticeHistory.h"

#include <memory>

namespace MockLoop {

struct Loop;
struct StoryStructure;

// The Progress page's numbers, worked out from the library's facts (LibraryStore::answerFacts) and
// the loop. Plain functions of their inputs, on any thread: the time is given, never read.
//
// What each figure is:
// - Trends: the average of the newest rating of each answer (after a replay if there is one), per
//   rubric dimension and overall (the mean of the answers' averages), by week (Monday to Sunday,
//   local time) and by session.
// - Measured figures: means over the answers measured, by week. Pace, likely fillers and the longest
//   pause come from the speech analysis of the take (approximate); overtime from the clock; time
//   per story phase from the person's phase marks (answers without marks left out).
// - Calibration: for each answer rated twice, the rating right after against the newest after a
//   replay, per dimension both rated; the mean absolute difference per week says whether the two
//   judgements are coming closer.
// - Evidence: per self-rating level (1 to 4) of a dimension, the mean of what was measured that
//   bears on it: numbers heard (Quantified Results), story phases on time, that is marked and lasting
//   between half and one and a half times their target (Story Structure), and mentions of members,
//   customers, users or subscribers (Member Impact Link, Member Obsession). Measured evidence beside
//   the rating, never a verdict on it.
// - Readiness: per round, its questions never practised, those whose answers' newest ratings
//   average below 3, its dimensions averaging below 3, and red flags ticked in two answers or more.
// - The queue: QuestionSelector::dueQueue over the loop's questions (those of the round and
//   category chosen), due and weak first.
namespace Progress {

struct Input
{
    std::shared_ptr<const Loop> loop;
    ProgressFilter filter;
    AnswerFactSet facts; // of filter.loopId and filter.levelId, with the loop's dimensions and flags
    QHash<QString, QuestionStats> questionStats; // of the loop, for the queue
    QDateTime now;
    QDate interviewDate; // invalid: none chosen
    QList<StoryPractice> storyPractice; // LibraryStore::storyPractice, for the stories practised
};

ProgressData compute(const Input &input);

// The dimensions and red flags answerFacts() is asked for, in the order compute() expects.
QStringList dimensionIdsOf(const Loop &loop);
QStringList redFlagIdsOf(const Loop &loop);

// The interview date the plan counts back from when none was chosen: eight weeks out, so the plan's
// first milestone is today (as the Practice page shows it).
QDate defaultInterviewDate(const QDate &today);

// What the Practice home says about the queue: "4 questions due today", "2 never practised".
struct DueSummary
{
    int dueToday = 0;
    int neverPractised = 0;
    QString text; // empty when nothing is due and everything was practised
};
DueSummary dueSummary(const Loop &loop, const QHash<QString, QuestionStats> &stats, const QDateTime &now);

// The measured figures of one answer, as the Progress page sums them up and a comparison of two
// takes would set side by side ("pace 172 → 148 wpm").
enum class Measure { Pace, Fillers, LongestPause, Overtime };
QList<Measure> allMeasures();
QString measureTitle(Measure measure); // "Pace (words per minute)"
std::optional<double> measureOf(const AnswerFacts &answer, Measure measure); // in the unit of the title
QString describeChange(Measure measure, const std::optional<double> &before, const std::optional<double> &after);

// "Practised 3 times on the cue card, rated 3.2 on average; time in each phase: Challenge 0:28 of
// 0:30, Decision 1:40 of 1:00 (over), …; last on 3 Mar." The phases are structure's, in order.
QString describeStoryPractice(const StoryPractice &practice, const StoryStructure &structure);

} // namespace Progress

} // namespace MockLoop
