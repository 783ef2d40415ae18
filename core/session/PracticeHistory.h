#pragma once

#include <QDateTime>
#include <QHash>
#include <QString>

#include <optional>

namespace MockLoop {

// What the person has done with one question so far.
struct QuestionStats
{
    int timesPractised = 0;
    std::optional<double> lastScore; // average of the latest rating's scores, 1..4
    QDateTime lastPractisedAt;
};

// The practice library, as question selection sees it. Without one, selection is plain seeded
// random.
class PracticeHistory
{
public:
    virtual ~PracticeHistory() = default;

    // Stats of every question of the loop that has been practised; absent ones never were.
    virtual QHash<QString, QuestionStats> questionStats(const QString &loopId) const = 0;
};

// Stats fetched beforehand (from the library, on its own thread), for planning on the GUI thread.
class StaticHistory : public PracticeHistory
{
public:
    explicit StaticHistory(QHash<QString, QuestionStats> stats)
        : m_stats(std::move(stats))
    { }

    QHash<QString, QuestionStats> questionStats(const QString &) const override { return m_stats; }

private:
    QHash<QString, QuestionStats> m_stats;
};

} // namespace MockLoop
