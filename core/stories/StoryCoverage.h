#pragma once

#include "Story.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QSet>

namespace MockLoop {

struct Loop;

// A story the candidate chose for a question of a loop.
struct StoryLink
{
    qint64 storyId = 0;
    QString questionId;

    bool operator==(const StoryLink &) const = default;
};

// A story suggested for a question, and why.
struct StorySuggestion
{
    qint64 storyId = 0;
    int score = 0;

    bool operator==(const StorySuggestion &) const = default;
};

struct QuestionCoverage
{
    QString questionId;
    QList<qint64> linked; // the candidate's choices, in story order
    QList<StorySuggestion> suggested; // best first, never a linked story
    bool covered() const { return !linked.isEmpty() || !suggested.isEmpty(); }
};

struct RoundCoverage
{
    QString roundId; // empty: questions no round asks
    QString roundTitle;
    QList<QuestionCoverage> questions;
};

struct ValueCoverage
{
    QString valueId;
    QString valueTitle;
    QList<qint64> tagged; // stories tagged with the value
    QList<qint64> suggested; // stories whose words name the value, untagged
    qsizetype storyCount() const { return tagged.size() + suggested.size(); }
};

struct StoryCoverageResult
{
    QList<RoundCoverage> rounds; // the loop's rounds in order, a question in each round that asks it
    QList<ValueCoverage> values; // the loop's value dimensions in order
    int questionCount = 0; // distinct questions
    int coveredQuestionCount = 0;
    QStringList uncoveredQuestionIds; // question-bank order
    QStringList uncoveredValueIds;
    // "31 of 34 questions covered, Candor by 1 story only"
    QString summary;
};

// Which stories answer which question and stand for which value. Archived stories take no part.
//
// Suggestions, deterministic: a story scores for a question
//   3 for each of the question's themes the story is tagged with,
//   2 when the story is tagged with the question's category,
//   1 for each distinct word of five letters or more (not a stop word) that the question's text and
//     the story's title and phases share, at most 3;
// a story scoring SuggestionThreshold or more is suggested unless linked; at most MaxSuggestions
// per question, by score then story id. A question is covered when a story is linked or suggested.
// A story stands for a value when tagged with it (by id), or is suggested for it when the value's
// title appears among its words.
class StoryCoverage
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::StoryCoverage)

public:
    static constexpr int SuggestionThreshold = 3;
    static constexpr int MaxSuggestions = 3;
    static constexpr int MaxWordScore = 3;
    static constexpr int MinKeywordLength = 5;

    static StoryCoverageResult compute(const Loop &loop, const QList<Story> &stories, const QList<StoryLink> &links);
};

} // namespace MockLoop
