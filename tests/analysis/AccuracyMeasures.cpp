#include "AccuracyMeasures.h"

#include <QHash>

#include <algorithm>
#include <cmath>
#include <vector>

using MockLoop::TimeRange;
using namespace Qt::StringLiterals;

namespace AccuracyMeasures {

WordErrors &WordErrors::operator+=(const WordErrors &other)
{
    errors += other.errors;
    referenceWords += other.referenceWords;
    return *this;
}

WordErrors wordErrors(const QStringList &reference, const QStringList &spoken)
{
    // The dictionary's abbreviations are the words a reader says.
    static const QHash<QString, QString> spelledOut{
        {u"mr"_s, u"mister"_s}, {u"mrs"_s, u"missus"_s}, {u"dr"_s, u"doctor"_s}, {u"st"_s, u"saint"_s}};
    QStringList hypothesis;
    for (const QString &word : spoken)
        hypothesis.append(spelledOut.value(word, word));
    std::vector<int> previous(size_t(hypothesis.size()) + 1);
    std::vector<int> current(previous.size());
    for (size_t j = 0; j < previous.size(); ++j)
        previous[j] = int(j);
    for (qsizetype i = 1; i <= reference.size(); ++i) {
        current[0] = int(i);
        for (qsizetype j = 1; j <= hypothesis.size(); ++j) {
            const int substitution = previous[size_t(j - 1)] + (reference[i - 1] == hypothesis[j - 1] ? 0 : 1);
            current[size_t(j)] = std::min({previous[size_t(j)] + 1, current[size_t(j - 1)] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return {previous.back(), int(reference.size())};
}

QStringList spokenWords(const MockLoop::AnswerAnalysis &analysis)
{
    QStringList words;
    for (const MockLoop::RecognizedWord &word : analysis.words) {
        if (!word.likelyFiller)
            words.append(word.text);
    }
    return words;
}

PauseMatch &PauseMatch::operator+=(const PauseMatch &other)
{
    const int edges = 2 * truthPauses + 2 * other.truthPauses;
    if (edges > 0)
        meanEdgeErrorMs = (meanEdgeErrorMs * 2 * truthPauses + other.meanEdgeErrorMs * 2 * other.truthPauses) / edges;
    truthPauses += other.truthPauses;
    found += other.found;
    worstEdgeErrorMs = std::max(worstEdgeErrorMs, other.worstEdgeErrorMs);
    return *this;
}

PauseMatch matchPauses(const QList<TimeRange> &truth, const QList<TimeRange> &detected, qint64 minimumMs,
                       qint64 toleranceMs)
{
    PauseMatch match;
    double errorSum = 0;
    for (const TimeRange &pause : truth) {
        if (pause.durationMs() < minimumMs)
            continue;
        ++match.truthPauses;
        // The detected pause closest to it, edge by edge.
        double best = -1;
        qint64 startError = 0;
        qint64 endError = 0;
        for (const TimeRange &candidate : detected) {
            const qint64 start = std::abs(candidate.startMs - pause.startMs);
            const qint64 end = std::abs(candidate.endMs - pause.endMs);
            if (best < 0 || start + end < best) {
                best = double(start + end);
                startError = start;
                endError = end;
            }
        }
        if (best < 0) {
            startError = pause.durationMs();
            endError = pause.durationMs();
        }
        errorSum += double(startError + endError);
        match.worstEdgeErrorMs = std::max(match.worstEdgeErrorMs, double(std::max(startError, endError)));
        if (startError <= toleranceMs && endError <= toleranceMs)
            ++match.found;
    }
    match.meanEdgeErrorMs = match.truthPauses > 0 ? errorSum / (2.0 * match.truthPauses) : 0;
    return match;
}

FillerMatch &FillerMatch::operator+=(const FillerMatch &other)
{
    flagged += other.flagged;
    correct += other.correct;
    truthFillers += other.truthFillers;
    found += other.found;
    return *this;
}

FillerMatch matchFillers(const QList<TimeRange> &truth, const QList<MockLoop::RecognizedWord> &words)
{
    FillerMatch match;
    match.truthFillers = int(truth.size());
    std::vector<bool> hit(size_t(truth.size()), false);
    for (const MockLoop::RecognizedWord &word : words) {
        if (!word.likelyFiller)
            continue;
        ++match.flagged;
        for (qsizetype i = 0; i < truth.size(); ++i) {
            if (word.startMs < truth[i].endMs && word.endMs > truth[i].startMs) {
                ++match.correct;
                hit[size_t(i)] = true;
                break;
            }
        }
    }
    match.found = int(std::count(hit.begin(), hit.end(), true));
    return match;
}

double percentError(double measured, double truth)
{
    return truth != 0 ? (measured - truth) / truth * 100.0 : 0;
}

} // namespace AccuracyMeasures
