#include "SessionTypes.h"

#include <algorithm>
#include <numeric>

namespace MockLoop {

std::optional<double> Rating::average() const
{
    if (scores.isEmpty())
        return std::nullopt;
    const int sum = std::accumulate(scores.cbegin(), scores.cend(), 0);
    return double(sum) / double(scores.size());
}

Milliseconds AnswerRecord::answerTime() const
{
    return std::accumulate(parts.cbegin(), parts.cend(), Milliseconds(0),
                           [](Milliseconds sum, const AnswerPart &part) { return sum + part.duration; });
}

Milliseconds AnswerRecord::overtime() const
{
    return std::accumulate(parts.cbegin(), parts.cend(), Milliseconds(0),
                           [](Milliseconds sum, const AnswerPart &part) { return sum + part.overtime(); });
}

QString AnswerRecord::defaultTakeFile() const
{
    const QString question = questionId.isEmpty() ? QStringLiteral("answer") : questionId.left(64);
    return QStringLiteral("%1-%2.wav").arg(ordinal + 1, 2, 10, QChar(u'0')).arg(question);
}

int AnswerRecord::followUpsAnswered() const
{
    return int(std::count_if(parts.cbegin(), parts.cend(),
                             [](const AnswerPart &part) { return part.followUpIndex >= 0 && !part.skipped; }));
}

QList<Milliseconds> markedPhaseTimes(const QList<AnswerPart> &parts)
{
    const auto main
        = std::find_if(parts.cbegin(), parts.cend(), [](const AnswerPart &part) { return part.followUpIndex < 0; });
    if (main == parts.cend() || main->phaseMarks.isEmpty())
        return {};
    // A story has a handful of phases; an index past 100 (as an imported session may not hold) is
    // no phase of any loop.
    constexpr int HighestPhase = 100;
    QList<PhaseMark> starts{{0, Milliseconds(0)}};
    for (const PhaseMark &mark : main->phaseMarks) {
        if (mark.phaseIndex > 0 && mark.phaseIndex <= HighestPhase)
            starts.append(mark);
    }
    std::stable_sort(starts.begin(), starts.end(), [](const PhaseMark &a, const PhaseMark &b) { return a.at < b.at; });
    QList<Milliseconds> times;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        const PhaseMark &start = starts.at(i);
        const Milliseconds end = i + 1 < starts.size() ? starts.at(i + 1).at : main->duration;
        if (times.size() <= start.phaseIndex)
            times.resize(start.phaseIndex + 1, Milliseconds(0));
        times[start.phaseIndex] += std::max(Milliseconds(0), end - start.at);
    }
    return times;
}

int SessionSummary::questionsAnswered() const
{
    return std::accumulate(rounds.cbegin(), rounds.cend(), 0,
                           [](int sum, const RoundSummary &round) { return sum + round.questionsAnswered; });
}

Milliseconds SessionSummary::timeUsed() const
{
    return std::accumulate(rounds.cbegin(), rounds.cend(), Milliseconds(0),
                           [](Milliseconds sum, const RoundSummary &round) { return sum + round.used; });
}

} // namespace MockLoop
