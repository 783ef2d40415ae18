#pragma once

#include "analysis/AnswerAnalysis.h"
#include "library/LibraryTypes.h"
#include "loops/Loop.h"
#include "progress/ProgressTypes.h"

#include <QCoreApplication>
#include <QDate>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

namespace MockLoop {

class LibraryStore;

// Which answers a report covers: one session, a date range (local dates, inclusive), or a chosen
// set of answers. Exactly one of them is set.
struct ReportScope
{
    QString sessionId;
    QDate from;
    QDate to;
    QList<qint64> answerIds;
};

// Time spent in one story phase of an answer (its main part and probes), against the loop's target.
struct ReportPhaseTime
{
    QString title;
    qint64 spentMs = 0;
    qint64 targetMs = 0; // 0: no target
};

// One rubric dimension of an answer: the rating right after, the newest after a replay, and a
// coach's (brought back from a coach bundle).
struct ReportDimensionScore
{
    QString dimensionId;
    QString title;
    std::optional<int> rightAfter;
    std::optional<int> afterReplay;
    QString rightAfterAnchor; // the anchor's short name
    QString afterReplayAnchor;
    std::optional<int> coach;
    QString coachAnchor;
};

// An average per dimension over a group of answers (a round, or the whole report).
struct ReportAverage
{
    QString title;
    std::optional<double> rightAfter;
    std::optional<double> afterReplay;
    int rightAfterCount = 0;
    int afterReplayCount = 0;
    std::optional<double> coach;
    int coachCount = 0;
};

struct ReportAnswer
{
    AnswerDetail detail;
    QString anchorId; // unique within the report, for links (answer-<n>)
    qint64 suggestedMs = 0; // 0: no suggestion
    QList<ReportPhaseTime> phases;
    QList<ReportDimensionScore> scores;
    QStringList redFlagsRightAfter; // by name
    std::optional<QStringList> redFlagsAfterReplay; // the newest rating after a replay, if any
    std::optional<QStringList> redFlagsCoach; // a coach's rating, if any
    QStringList ratingNotes; // each rating's own notes, labelled with when it was given
    std::optional<AnswerAnalysis> analysis;
};

struct ReportRound
{
    QString title;
    QList<ReportAnswer> answers;
    QList<ReportAverage> averages;
};

struct ReportData
{
    QString title;
    QString loopTitle;
    QString levelTitle;
    QDateTime firstDate;
    QDateTime lastDate;
    QList<ReportRound> rounds;
    QList<ReportAverage> overall;
    // The Progress page's charts over the report's dates, for its loop and level (every answer in
    // those dates, not only the report's own), where they have a line to draw.
    QList<ChartData> charts;
    int answerCount() const;
};

// Pauses this long or longer are marked in the report's transcripts.
inline constexpr qint64 ReportLongPauseMs = 2000;

// The first clause of an anchor, at most eight words: what a report shows beside a score.
QString anchorShortName(const QString &anchor);

// Collects what a report shows. findLoop gives the loop of an id (null when unknown: the report
// then shows dimension ids and flag ids as they are stored).
class ReportBuilder
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::ReportBuilder)

public:
    using LoopLookup = std::function<std::shared_ptr<const Loop>(const QString &loopId)>;

    // Empty with *error set when the scope names nothing the library holds.
    static std::optional<ReportData> build(LibraryStore &store, const ReportScope &scope, const LoopLookup &findLoop,
                                           QString *error);
};

} // namespace MockLoop
