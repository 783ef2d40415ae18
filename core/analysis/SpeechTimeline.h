#pragma once

#include "AnswerAnalysis.h"
#include "SpeechFrames.h"

#include <vector>

namespace MockLoop::SpeechTimeline {

inline constexpr qint64 MinimumPauseMs = 250; // shorter silences belong to the speech around them

struct Timeline
{
    QList<TimeRange> speech;
    QList<TimeRange> pauses; // between stretches of speech, excluded time cut out
    float speechLevelDb = SpeechFrames::SilenceDb; // 95th percentile of the frames kept as speech
};

// The stretches of speech and the pauses between them, from the voice activity detector's calls
// on each frame: calls 250 ms apart or less are joined; a stretch much quieter than the speech of
// the take (25 dB under its loud frames) or hardly above its noise floor (12 dB) is noise; each
// stretch's edges are trimmed to where its level comes within 35 dB of its peak (the detector
// holds on a little after speech ends). Excluded time is never speech, and never bridged.
Timeline find(const std::vector<SpeechFrames::Features> &frames, const QList<TimeRange> &excluded);

// The share of range covered by ranges (sorted or not), in ms.
qint64 overlapMs(const TimeRange &range, const QList<TimeRange> &ranges);

} // namespace MockLoop::SpeechTimeline
