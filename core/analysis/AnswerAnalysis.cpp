#include "AnswerAnalysis.h"

#include <QStringList>

#include <algorithm>

namespace MockLoop {

QString AnswerAnalysis::transcript() const
{
    QStringList texts;
    texts.reserve(words.size());
    for (const RecognizedWord &word : words)
        texts.append(word.text);
    return texts.join(u' ');
}

int AnswerAnalysis::likelyFillerCount() const
{
    return int(
        std::count_if(words.cbegin(), words.cend(), [](const RecognizedWord &word) { return word.likelyFiller; }));
}

qint64 AnswerAnalysis::longestPauseMs() const
{
    qint64 longest = 0;
    for (const TimeRange &pause : pauses)
        longest = std::max(longest, pause.durationMs());
    return longest;
}

int AnswerAnalysis::pausesLongerThan(qint64 ms) const
{
    return int(std::count_if(pauses.cbegin(), pauses.cend(),
                             [ms](const TimeRange &pause) { return pause.durationMs() > ms; }));
}

qint64 AnswerAnalysis::speakingSpanMs() const
{
    if (speech.isEmpty())
        return 0;
    qint64 span = speech.constLast().endMs - speech.constFirst().startMs;
    for (const TimeRange &range : excluded) {
        const qint64 overlap
            = std::min(range.endMs, speech.constLast().endMs) - std::max(range.startMs, speech.constFirst().startMs);
        span -= std::max<qint64>(overlap, 0);
    }
    return std::max<qint64>(span, 0);
}

} // namespace MockLoop
