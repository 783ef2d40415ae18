#pragma once

#include "AnswerAnalysis.h"
#include "SpeechFrames.h"

#include <optional>
#include <vector>

// Measures of the voice that need no transcript. Internal to core/analysis.
namespace MockLoop::Prosody {

// Syllable nuclei after de Jong & Wempe (2009): peaks of the intensity contour (smoothed over about
// 70 ms, as Praat's intensity for a 50 Hz minimum pitch) within speech, above the take's 99th
// percentile less 25 dB, with a dip of at least 2 dB before the next peak, and voiced at the peak
// (SpeechFrames::isVoiced() within 10 ms of it). Returns their frame numbers.
std::vector<qint64> syllableNuclei(const std::vector<SpeechFrames::Features> &frames, const QList<TimeRange> &speech);

// The standard deviation of the voice's pitch in semitones over the frames within speech whose
// pitch is trusted (SpeechFrames::hasTrustedPitch()), octave errors (more than 12 semitones from
// the median) left out; nothing with under half a second of such frames. A small spread (under 2
// semitones) hints at a monotone delivery.
std::optional<double> pitchSpreadSemitones(const std::vector<SpeechFrames::Features> &frames,
                                           const QList<TimeRange> &speech);

} // namespace MockLoop::Prosody
