#pragma once

#include "PracticeHistory.h"

#include <QList>

#include <random>

namespace MockLoop {

struct Question;

// A seeded random source whose sequence is the same on every platform and library version.
class SeededRandom
{
public:
    explicit SeededRandom(quint64 seed)
        : m_engine(seed)
    { }

    // Uniform in [0, bound); bound > 0.
    quint64 bounded(quint64 bound);

    template<typename T> void shuffle(QList<T> &items)
    {
        for (qsizetype i = items.size() - 1; i > 0; --i)
            items.swapItemsAt(i, qsizetype(bounded(quint64(i) + 1)));
    }

private:
    std::mt19937_64 m_engine;
};

// A question's place in the spaced-repetition queue.
struct DueQuestion
{
    const Question *question = nullptr;
    QuestionStats stats;
    bool neverPractised = false;
    QDateTime dueAt; // when it comes back; for one never practised, now

    bool isDue(const QDateTime &now) const { return neverPractised || dueAt <= now; }
};

// Orders and picks questions: those practised least first, then those rated lowest, ties broken
// at random; and the question most due under spaced repetition.
class QuestionSelector
{
public:
    QuestionSelector(SeededRandom &random, QHash<QString, QuestionStats> stats, QDateTime now);

    QList<const Question *> preferred(QList<const Question *> candidates);
    const Question *random(const QList<const Question *> &candidates);
    // Overdue questions first (most overdue first), then ones never practised, then the one that
    // falls due soonest.
    const Question *nextDue(QList<const Question *> candidates);

    // When a question practised with these stats should come back: a low score brings it back
    // sooner than a high one.
    static QDateTime dueAt(const QuestionStats &stats);

    // The spaced-repetition queue, in the order nextDue() picks from: overdue questions (most
    // overdue first, then the lowest rated), then those never practised (in the order given), then
    // the rest by when they fall due.
    static QList<DueQuestion> dueQueue(const QList<const Question *> &candidates,
                                       const QHash<QString, QuestionStats> &stats, const QDateTime &now);

private:
    QuestionStats statsOf(const Question *question) const;

    SeededRandom &m_random;
    QHash<QString, QuestionStats> m_stats;
    QDateTime m_now;
};

} // namespace MockLoop
