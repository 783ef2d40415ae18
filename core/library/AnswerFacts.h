#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVarLengthArray>

#include <optional>

namespace MockLoop {

// What the Progress page sums up about one answer, read for thousands of answers at once
// (LibraryStore::answerFacts, LibraryProgress.cpp): plain numbers, dimensions and red flags as
// indexes into the lists of the set that holds it.
struct AnswerFacts
{
    qint64 id = 0;
    int session = -1; // index into AnswerFactSet::sessions
    qint64 answeredAtMs = 0; // since the epoch
    qint64 localDay = 0; // the Julian day of answeredAtMs in local time
    QString roundId;
    QString questionId;
    QString categoryId;
    qint64 answerMs = 0;
    qint64 overtimeMs = 0;
    bool skipped = false;
    // Scores by dimension index (0: not rated): the rating right after the answer, and the newest
    // one given after a replay (empty when there is none).
    QVarLengthArray<qint8, 12> rightAfter;
    QVarLengthArray<qint8, 12> afterReplay;
    QVarLengthArray<qint8, 12> coach; // a coach's rating (brought back from a coach bundle), empty without one
    QVarLengthArray<qint16, 4> redFlags; // ticked in the newest rating, indexes into redFlagIds
    // Measured from the take's analysis (approximate); absent when it was not analysed.
    std::optional<double> wordsPerMinute;
    std::optional<double> fillersPerMinute; // likely fillers
    std::optional<qint64> longestPauseMs;
    std::optional<int> numbersHeard;
    std::optional<int> audienceMentions; // member, customer, user, subscriber
    // Time in each story phase from the person's marks (markedPhaseTimes), empty without marks.
    QVarLengthArray<qint32, 6> phaseMs;

    bool rated() const { return !rightAfter.isEmpty(); }
    // The newest rating: after a replay if there is one, else right after.
    const QVarLengthArray<qint8, 12> &newest() const { return afterReplay.isEmpty() ? rightAfter : afterReplay; }
    QDate localDate() const { return QDate::fromJulianDay(localDay); }
};

struct FactSession
{
    QString id;
    QDateTime startedAt;
    QString levelId;
};

struct AnswerFactSet
{
    QStringList dimensionIds; // as asked for: the order of the scores
    QStringList redFlagIds; // as asked for
    QList<FactSession> sessions; // oldest first
    QList<AnswerFacts> answers; // oldest first
};

// The last set read, with what it was read for and the state of the database then: another filter
// of the same loop and level (the round, category and dates are applied after) needs no new read
// until the library changes.
struct CachedFactSet
{
    QString request;
    QString databaseState; // total_changes() of the connection and data_version of the file
    AnswerFactSet set;
};

} // namespace MockLoop
