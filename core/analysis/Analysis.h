#pragma once

// Speech analysis of recorded answers: an approximate transcript with word times, pauses, likely
// fillers, pace, pitch spread and interview evidence, all computed on this machine.
//
// Design
// - SpeechModel (SpeechModel.h): the pocketsphinx model, created once for the app and shared;
//   loaded lazily and thread-safely, it lends its one decoder to the running analyses an
//   utterance at a time, the answer being recorded first. A missing or damaged model package is
//   an AnalysisError naming the path and the Debian package.
// - StreamingAnalyzer (StreamingAnalyzer.h): fed PCM while the answer is recorded (it is a PcmSink
//   the recorder calls from its capture thread); its worker thread finds voice activity, level and
//   pitch on every 10 ms and recognises each utterance as soon as it ends, so finish() only has
//   the last one left and returns a QFuture.
// - analyzeFile() / analyzeFileInBackground() (FileAnalysis.h): old or recovered takes from their
//   WAV, a second at a time, with progress and cancellation.
// - AnswerAnalysis (AnswerAnalysis.h): the result, with its JSON form (the CLI's output, and what
//   the library stores) and analyzerVersion to redo takes after the analysis improves.
//   AnswerContext carries what only the caller knows: phase marks and targets, and stretches to
//   leave out (the interviewer's voice).
// Both analysers run the same pipeline (AnalysisEngine) and assemble the result the same way
// (AnswerAssembler), so a take analysed live and from its file give the same figures.
//
// Measured, not judged: every figure is a measurement with its own error (README, "Analysing a
// recording"); the transcript is approximate and fillers are "likely", never certain.

#include "AnalysisError.h"
#include "AnswerAnalysis.h"
#include "FileAnalysis.h"
#include "SpeechModel.h"
#include "StreamingAnalyzer.h"
