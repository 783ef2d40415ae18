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
