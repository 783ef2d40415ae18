#include "QuestionSelector.h"

#include "loops/Loop.h"

#include <algorithm>
#include <cmath>

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

const Question *QuestionSelector::nextDue(QList<const Question *> candidates)
{
    if (candidates.isEmpty())
        return nullptr;
    m_random.shuffle(candidates);
    // Never practised: due now, but after anything already overdue.
    const auto rank = [this](const Question *question) {
        const QuestionStats stats = statsOf(question);
        if (stats.timesPractised == 0 || !stats.lastPractisedAt.isValid())
            return std::pair(1, m_now);
        const QDateTime due = dueAt(stats);
        return std::pair(due <= m_now ? 0 : 2, due);
    };
    return *std::min_element(candidates.cbegin(), candidates.cend(),
                             [&rank](const Question *a, const Question *b) { return rank(a) < rank(b); });
}

} // namespace MockLoop
