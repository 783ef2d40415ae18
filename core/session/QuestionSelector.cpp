#include "QuestionSelector.h"

#include "loops/Loop.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace MockLoop {

quint64 SeededRandom::bounded(quint64 bound)
{
    // Rejection sampling: unbiased, and unlike std::uniform_int_distribution the same everywhere.
    const quint64 limit = std::numeric_limits<quint64>::max() - std::numeric_limits<quint64>::max() % bound;
    quint64 value = 0;
    do {
        value = m_engine();
    } while (value >= limit);
    return value % bound;
}

QuestionSelector::QuestionSelector(SeededRandom &random, QHash<QString, QuestionStats> stats, QDateTime now)
    : m_random(random)
    , m_stats(std::move(stats))
    , m_now(std::move(now))
{ }

QuestionStats QuestionSelector::statsOf(const Question *question) const
{
    return m_stats.value(question->id);
}

QList<const Question *> QuestionSelector::preferred(QList<const Question *> candidates)
{
    m_random.shuffle(candidates);
    std::stable_sort(candidates.begin(), candidates.end(), [this](const Question *a, const Question *b) {
        const QuestionStats statsA = statsOf(a);
        const QuestionStats statsB = statsOf(b);
        if (statsA.timesPractised != statsB.timesPractised)
            return statsA.timesPractised < statsB.timesPractised;
        // Practised but never rated counts as the lowest score: nothing says it went well.
        return statsA.lastScore.value_or(0.0) < statsB.lastScore.value_or(0.0);
    });
    return candidates;
}

const Question *QuestionSelector::random(const QList<const Question *> &candidates)
{
    if (candidates.isEmpty())
        return nullptr;
    return candidates.at(qsizetype(m_random.bounded(quint64(candidates.size()))));
}

QDateTime QuestionSelector::dueAt(const QuestionStats &stats)
{
    // Days until a question comes back, by its last score (unrated counts as 1).
    static constexpr int IntervalDays[] = {1, 1, 3, 7, 14};
    const long score = std::lround(std::clamp(stats.lastScore.value_or(1.0), 1.0, 4.0));
    return stats.lastPractisedAt.addDays(IntervalDays[score]);
}

QList<DueQuestion> QuestionSelector::dueQueue(const QList<const Question *> &candidates,
                                              const QHash<QString, QuestionStats> &stats, const QDateTime &now)
{
    QList<DueQuestion> queue;
    queue.reserve(candidates.size());
    for (const Question *question : candidates) {
        DueQuestion entry;
        entry.question = question;
        entry.stats = stats.value(question->id);
        entry.neverPractised = entry.stats.timesPractised == 0 || !entry.stats.lastPractisedAt.isValid();
        entry.dueAt = entry.neverPractised ? now : dueAt(entry.stats);
        queue.append(entry);
    }
    // Never practised: due now, but after anything already overdue.
    const auto rank = [&now](const DueQuestion &entry) {
        const int group = entry.neverPractised ? 1 : entry.dueAt <= now ? 0 : 2;
        // Practised but never rated counts as the lowest score: nothing says it went well.
        return std::tuple(group, entry.neverPractised ? now : entry.dueAt, entry.stats.lastScore.value_or(0.0));
    };
    std::stable_sort(queue.begin(), queue.end(),
                     [&rank](const DueQuestion &a, const DueQuestion &b) { return rank(a) < rank(b); });
    return queue;
}

const Question *QuestionSelector::nextDue(QList<const Question *> candidates)
{
    if (candidates.isEmpty())
        return nullptr;
    m_random.shuffle(candidates); // ties go at random
    return dueQueue(candidates, m_stats, m_now).constFirst().question;
}

} // namespace MockLoop
