#pragma once

#include "analysis/AnswerAnalysis.h"
#include "session/SessionTypes.h"
#include "widgets/WaveformSlider.h"

namespace MockLoop {

struct Loop;

// The marks on a take's waveform (and in its transcript): what the session recorded about the
// answer, and what the speech analysis measured in it.
namespace TakeMarks {

// A silence in the speech longer than this is a long pause: marked on the waveform and in the
// transcript, and counted as "pauses over 2 s" (AnswerAnalysis::pausesLongerThan).
inline constexpr qint64 LongPauseMs = 2000;

// The story phases of the main answer (the first phase begins with the answer; the engine marks
// each move to the next), where each follow-up began (a follow-up continues the take of its
// question), every pause, and where the take went on after MockLoop stopped mid-answer.
QList<WaveformSlider::Mark> ofAnswer(const AnswerRecord &record, const Loop *loop);

// Likely fillers, and the long pauses: between stretches of speech, and before the first words.
QList<WaveformSlider::Mark> ofAnalysis(const AnswerAnalysis &analysis);

// The long pauses of the analysis in time order, the silence before the first words included.
QList<TimeRange> longPauses(const AnswerAnalysis &analysis);

} // namespace TakeMarks

} // namespace MockLoop
