#include "SpeechTimeline.h"

#include <algorithm>

namespace MockLoop::SpeechTimeline {

namespace {

using SpeechFrames::FrameMs;

constexpr qint64 MinimumPauseFrames = MinimumPauseMs / FrameMs;
constexpr float NoiseBelowSpeechDb = 25; // a stretch whose peak is this far under the speech level
constexpr float AboveFloorDb = 12; // a stretch must peak this far above the noise floor
constexpr float EdgeBelowPeakDb = 35; // edges quieter than this under the stretch's peak are cut
constexpr qsizetype MinimumFloorFrames = 50; // half a second without voice tells the noise floor

struct FrameRange
{
    qint64 first = 0;
    qint64 end = 0; // one past the last
};

float percentile(std::vector<float> values, double share)
{
    if (values.empty())
        return SpeechFrames::SilenceDb;
    const auto at = std::min(values.size() - 1, size_t(double(values.size()) * share));
    std::nth_element(values.begin(), values.begin() + qsizetype(at), values.end());
    return values[at];
}

// Whether each frame lies in an excluded range.
std::vector<bool> excludedFrames(qint64 frameCount, const QList<TimeRange> &excluded)
{
    std::vector<bool> result(size_t(frameCount), false);
    for (const TimeRange &range : excluded) {
        const qint64 first = std::clamp<qint64>(range.startMs / FrameMs, 0, frameCount);
        const qint64 end = std::clamp<qint64>((range.endMs + FrameMs - 1) / FrameMs, 0, frameCount);
        std::fill(result.begin() + first, result.begin() + end, true);
    }
    return result;
}

bool anyExcluded(const std::vector<bool> &excluded, qint64 first, qint64 end)
{
    return std::any_of(excluded.begin() + first, excluded.begin() + end, [](bool frame) { return frame; });
}

// Joins ranges less than a minimum pause apart, unless excluded time lies between them.
std::vector<FrameRange> joinClose(const std::vector<FrameRange> &ranges, const std::vector<bool> &excluded)
{
    std::vector<FrameRange> joined;
    for (const FrameRange &range : ranges) {
        if (!joined.empty() && range.first - joined.back().end < MinimumPauseFrames
            && !anyExcluded(excluded, joined.back().end, range.first))
            joined.back().end = range.end;
        else
            joined.push_back(range);
    }
    return joined;
}

} // namespace

qint64 overlapMs(const TimeRange &range, const QList<TimeRange> &ranges)
{
    qint64 total = 0;
    for (const TimeRange &other : ranges)
        total += std::max<qint64>(0, std::min(range.endMs, other.endMs) - std::max(range.startMs, other.startMs));
    return std::min(total, range.durationMs());
}

Timeline find(const std::vector<SpeechFrames::Features> &frames, const QList<TimeRange> &excluded)
{
    const auto count = qint64(frames.size());
    const std::vector<bool> isExcluded = excludedFrames(count, excluded);

    std::vector<FrameRange> runs;
    for (qint64 i = 0; i < count;) {
        if (!frames[size_t(i)].voiceActivity || isExcluded[size_t(i)]) {
            ++i;
            continue;
        }
        qint64 end = i;
        while (end < count && frames[size_t(end)].voiceActivity && !isExcluded[size_t(end)])
            ++end;
        runs.push_back({i, end});
        i = end;
    }
    runs = joinClose(runs, isExcluded);

    std::vector<float> voicedLevels;
    std::vector<float> quietLevels;
    for (qint64 i = 0; i < count; ++i) {
        if (isExcluded[size_t(i)])
            continue;
        (frames[size_t(i)].voiceActivity ? voicedLevels : quietLevels).push_back(frames[size_t(i)].levelDb);
    }
    const float loud = percentile(voicedLevels, 0.95);
    // The noise floor, from the frames without voice; a take that is speech throughout has none.
    const float floor
        = qsizetype(quietLevels.size()) >= MinimumFloorFrames ? percentile(quietLevels, 0.10) : SpeechFrames::SilenceDb;

    std::vector<FrameRange> kept;
    for (FrameRange range : runs) {
        float peak = SpeechFrames::SilenceDb;
        for (qint64 i = range.first; i < range.end; ++i)
            peak = std::max(peak, frames[size_t(i)].levelDb);
        if (peak < loud - NoiseBelowSpeechDb || peak < floor + AboveFloorDb)
            continue;
        while (range.end - range.first > 1 && frames[size_t(range.end - 1)].levelDb < peak - EdgeBelowPeakDb)
            --range.end;
        while (range.end - range.first > 1 && frames[size_t(range.first)].levelDb < peak - EdgeBelowPeakDb)
            ++range.first;
        kept.push_back(range);
    }
    kept = joinClose(kept, isExcluded);

    Timeline timeline;
    std::vector<float> speechLevels;
    for (const FrameRange &range : kept) {
        timeline.speech.append({range.first * FrameMs, range.end * FrameMs});
        for (qint64 i = range.first; i < range.end; ++i)
            speechLevels.push_back(frames[size_t(i)].levelDb);
    }
    timeline.speechLevelDb = percentile(speechLevels, 0.95);

    // Pauses: the gaps between stretches of speech, in pieces around excluded time.
    for (qsizetype i = 1; i < timeline.speech.size(); ++i) {
        const TimeRange gap{timeline.speech[i - 1].endMs, timeline.speech[i].startMs};
        QList<TimeRange> pieces{gap};
        for (const TimeRange &cut : excluded) {
            QList<TimeRange> remaining;
            for (const TimeRange &piece : pieces) {
                if (cut.endMs <= piece.startMs || cut.startMs >= piece.endMs) {
                    remaining.append(piece);
                    continue;
                }
                if (cut.startMs > piece.startMs)
                    remaining.append({piece.startMs, cut.startMs});
                if (cut.endMs < piece.endMs)
                    remaining.append({cut.endMs, piece.endMs});
            }
            pieces = remaining;
        }
        for (const TimeRange &piece : pieces) {
            if (piece.durationMs() >= MinimumPauseMs)
                timeline.pauses.append(piece);
        }
    }
    return timeline;
}

} // namespace MockLoop::SpeechTimeline
