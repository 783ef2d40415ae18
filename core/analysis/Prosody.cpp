#include "Prosody.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <numbers>
#include <numeric>

namespace MockLoop::Prosody {

namespace {

using SpeechFrames::FrameMs;

constexpr int SmoothingRadius = 3; // frames on each side: a 70 ms window
constexpr float BelowLoudDb = 25; // de Jong & Wempe's "silence threshold"
constexpr float MinimumDipDb = 2;
constexpr int MinimumVoicedFrames = 50;
constexpr double OctaveSemitones = 12;

// The intensity contour in dB: frame powers averaged over a Hann window.
std::vector<float> smoothedIntensity(const std::vector<SpeechFrames::Features> &frames)
{
    std::vector<double> weights;
    for (int k = -SmoothingRadius; k <= SmoothingRadius; ++k)
        weights.push_back(0.5 + 0.5 * std::cos(std::numbers::pi * k / (SmoothingRadius + 1)));
    std::vector<float> contour(frames.size(), SpeechFrames::SilenceDb);
    const auto count = qsizetype(frames.size());
    for (qsizetype i = 0; i < count; ++i) {
        double power = 0;
        double weightSum = 0;
        for (int k = -SmoothingRadius; k <= SmoothingRadius; ++k) {
            const qsizetype at = i + k;
            if (at < 0 || at >= count)
                continue;
            const double weight = weights[size_t(k + SmoothingRadius)];
            power += weight * std::pow(10.0, frames[size_t(at)].levelDb / 10.0);
            weightSum += weight;
        }
        contour[size_t(i)] = power > 0 ? float(10 * std::log10(power / weightSum)) : SpeechFrames::SilenceDb;
    }
    return contour;
}

bool voicedNear(const std::vector<SpeechFrames::Features> &frames, qsizetype frame)
{
    for (qsizetype at = std::max<qsizetype>(frame - 1, 0);
         at <= std::min<qsizetype>(frame + 1, qsizetype(frames.size()) - 1); ++at) {
        if (SpeechFrames::isVoiced(frames[size_t(at)]))
            return true;
    }
    return false;
}

} // namespace

std::vector<qint64> syllableNuclei(const std::vector<SpeechFrames::Features> &frames, const QList<TimeRange> &speech)
{
    std::vector<qint64> nuclei;
    if (frames.empty() || speech.isEmpty())
        return nuclei;
    const std::vector<float> contour = smoothedIntensity(frames);
    std::vector<float> sorted;
    for (const TimeRange &range : speech)
        sorted.insert(sorted.end(), contour.begin() + range.startMs / FrameMs, contour.begin() + range.endMs / FrameMs);
    if (sorted.empty())
        return nuclei;
    const size_t at99 = std::min(sorted.size() - 1, size_t(double(sorted.size()) * 0.99));
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(at99), sorted.end());
    const float threshold = sorted[at99] - BelowLoudDb;

    for (const TimeRange &range : speech) {
        const qsizetype first = range.startMs / FrameMs;
        const qsizetype end = std::min<qsizetype>(range.endMs / FrameMs, qsizetype(contour.size()));
        std::vector<qsizetype> peaks;
        for (qsizetype i = first; i < end; ++i) {
            const float here = contour[size_t(i)];
            const bool risingIn = i == first || here > contour[size_t(i - 1)];
            const bool fallingOut = i + 1 == end || here >= contour[size_t(i + 1)];
            if (risingIn && fallingOut && here > threshold)
                peaks.push_back(i);
        }
        for (size_t k = 0; k < peaks.size(); ++k) {
            const qsizetype peak = peaks[k];
            const qsizetype until = k + 1 < peaks.size() ? peaks[k + 1] : end - 1;
            const float dip = *std::min_element(contour.begin() + peak, contour.begin() + until + 1);
            if (contour[size_t(peak)] - dip >= MinimumDipDb && voicedNear(frames, peak))
                nuclei.push_back(peak);
        }
    }
    return nuclei;
}

std::optional<double> pitchSpreadSemitones(const std::vector<SpeechFrames::Features> &frames,
                                           const QList<TimeRange> &speech)
{
    std::vector<double> semitones;
    for (const TimeRange &range : speech) {
        const qsizetype end = std::min<qsizetype>(range.endMs / FrameMs, qsizetype(frames.size()));
        for (qsizetype i = range.startMs / FrameMs; i < end; ++i) {
            if (SpeechFrames::hasTrustedPitch(frames[size_t(i)]))
                semitones.push_back(OctaveSemitones * std::log2(frames[size_t(i)].pitchHz));
        }
    }
    if (qsizetype(semitones.size()) < MinimumVoicedFrames)
        return std::nullopt;
    std::vector<double> sorted = semitones;
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(sorted.size() / 2), sorted.end());
    const double median = sorted[sorted.size() / 2];
    std::vector<double> kept;
    std::copy_if(semitones.begin(), semitones.end(), std::back_inserter(kept),
                 [median](double value) { return std::abs(value - median) <= OctaveSemitones; });
    if (qsizetype(kept.size()) < MinimumVoicedFrames)
        return std::nullopt;
    const double mean = std::accumulate(kept.begin(), kept.end(), 0.0) / double(kept.size());
    double variance = 0;
    for (double value : kept)
        variance += (value - mean) * (value - mean);
    return std::sqrt(variance / double(kept.size()));
}

} // namespace MockLoop::Prosody
