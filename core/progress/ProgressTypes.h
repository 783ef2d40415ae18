#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace MockLoop {

// What the Progress page shows: the answers of one loop, narrowed down.
struct ProgressFilter
{
    QString loopId;
    QString levelId; // empty: every level
    QString roundId; // empty: every round
    QString categoryId; // empty: every category
    QDate from; // inclusive, local dates; invalid: open
    QDate to;

    friend bool operator==(const ProgressFilter &, const ProgressFilter &) = default;
};

// One line (or set of bars) of a chart: a value per point, absent where there is nothing to show,
// and how many answers (or scores) it stands for.
struct ChartSeries
{
    QString id;
    QString title;
    QList<std::optional<double>> values; // one per ChartData::points
    QList<int> counts;

    bool hasValues() const;
};

// The numbers of one chart, which its table shows as they are: the chart and its accessible text
// equivalent are drawn from the same values.
struct ChartData
{
    enum class Kind { Line, Bar };

    QString id;
    QString title;
    Kind kind = Kind::Line;
    QString pointTitle; // what the points are: "Week", "Session", "Dimension", "Your rating"
    QString valueTitle; // what the values are: "Average score (1–4)", "Words per minute"
    double minValue = 0; // the value axis
    double maxValue = 1;
    int decimals = 1;
    QString note; // how to read it, and what is measured and how far to trust it
    QStringList points; // the labels along the axis
    QList<ChartSeries> series;

    bool hasValues() const;
    // A value as the chart's table writes it ("2.5"; "–" for none).
    QString formatValue(const std::optional<double> &value) const;
};

// Where one round stands for the target level.
struct RoundReadiness
{
    struct QuestionAverage
    {
        QString questionId;
        QString text;
        double average = 0;
    };
    struct DimensionAverage
    {
        QString dimensionId;
        QString title;
        double average = 0;
    };
    struct RecurringFlag
    {
        QString flagId;
        QString text;
        int times = 0;
    };

    QString roundId;
    QString roundTitle;
    int questionCount = 0;
    QStringList neverPractised; // question ids, in question-bank order
    QList<QuestionAverage> belowThree; // questions whose newest ratings average below 3, lowest first
    QList<DimensionAverage> weakDimensions; // the round's dimensions averaging below 3, weakest first
    QList<RecurringFlag> recurringFlags; // ticked in two answers or more, most often first
    QString sentence; // "Technical Leadership: 2 of 8 questions never practised; Candor averages 2.1"
};

// One question of the spaced-repetition queue, as the Progress page lists it.
struct QueueEntry
{
    enum class Status { Overdue, NeverPractised, Upcoming };

    QString questionId;
    QString text;
    QString roundTitle; // the first round that asks it
    Status status = Status::Upcoming;
    QDateTime dueAt;
    int timesPractised = 0;
    std::optional<double> lastScore;
    QString statusText; // "Overdue by 3 days · last rated 2.4", "Never practised", "Due in 4 days"
};

// A part of the preparation plan, from its milestone to the next, with the practice done in it.
struct PlanPeriod
{
    QString milestoneId;
    QString title;
    QDate from;
    QDate to; // inclusive
    int daysPractised = 0;
    int answers = 0;
    QString summary; // "8 Weeks Before (6 Jan – 2 Feb): practised on 12 of 28 days, 40 answers"
};

struct PracticeCalendar
{
    QList<std::pair<QDate, int>> answersByDay; // days with practice, oldest first
    int streakDays = 0; // days in a row up to today (or yesterday, when today is still to come)
    QString streakText;
    QDate interviewDate; // invalid: none chosen
    bool interviewDateChosen = false; // false: the plan is counted back from a date eight weeks out
    QList<PlanPeriod> plan;
};

// A story of the story bank practised on the cue card, in one sentence: how often, how rated, the
// time told in each phase against its target.
struct PractisedStorySummary
{
    qint64 storyId = 0; // 0: deleted since
    QString title;
    QString sentence;
};

struct ProgressData
{
    ProgressFilter filter;
    QString loopTitle;
    int answers = 0; // in the filter, skipped ones left out
    int ratedAnswers = 0;
    int ratedTwice = 0;
    int analysedAnswers = 0;

    ChartData trendByWeek;
    ChartData trendBySession;
    QList<ChartData> measures; // pace, likely fillers, longest pause, overtime, time per story phase
    ChartData calibrationByWeek; // mean absolute difference between the two ratings, per dimension
    ChartData calibrationByDimension; // the two ratings side by side
    int coachRated = 0; // answers a coach rated
    ChartData calibrationWithCoach; // the person's newest rating against a coach's, by dimension
    ChartData evidence; // self-rating against measured evidence

    QList<RoundReadiness> readiness;
    QList<QueueEntry> queue; // due and weak first
    int dueToday = 0; // practised questions due by the end of today
    int neverPractised = 0;
    PracticeCalendar calendar;
    QList<PractisedStorySummary> stories; // practised on the cue card, most practised first
};

} // namespace MockLoop
