#pragma once

#include "AnalysisEngine.h"
#include "AnswerAnalysis.h"

// Turns what the audio gave (AudioFindings) and what the caller knows (AnswerContext) into an
// AnswerAnalysis: speech and pauses, which recognised words to keep and which fillers are likely,
// pace, pitch, evidence, phase timings, level warnings. Pure: the same input gives the same result.
// Internal to core/analysis.
namespace MockLoop::AnswerAssembler {

// A filler the recogniser heard counts as likely from this confidence and length (tuned on flite
// answers with inserted fillers: no false alarms there, about half of them found; the research
// note's 0.15 s let one false alarm in five through). Weaker ones are dropped from the transcript.
inline constexpr double LikelyFillerConfidence = 0.1;
inline constexpr qint64 LikelyFillerMs = 200;

AnswerAnalysis assemble(const AudioFindings &findings, const AnswerContext &context);

// The phases' time and speaking time, from the marks, against their targets.
QList<PhaseTiming> phaseTimings(const AnswerContext &context, qint64 durationMs, const QList<TimeRange> &speech);

} // namespace MockLoop::AnswerAssembler
