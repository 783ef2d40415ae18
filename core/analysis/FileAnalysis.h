#pragma once

#include "AnswerAnalysis.h"
#include "SpeechModel.h"

#include <QFuture>

#include <functional>
#include <memory>
#include <stop_token>

class QThreadPool;

namespace MockLoop {

// Called after each second of audio analysed, from the analysing thread.
using AnalysisProgress = std::function<void(qint64 analysedMs, qint64 totalMs)>;

// Analyses a recorded take from its WAV file (any PCM WAV: other rates and channel counts are
// converted), reading it a second at a time, so a two-hour take needs little more memory than a
// short one (measured: 131 MB added at the peak against 110 MB for five minutes, the model
// included; tests/bench/analysis_bench --long). Runs in the calling thread; stop ends it early
// with Cancelled. A file that ends before its header says it does (a take cut short) is analysed
// as far as it goes, with a Truncated warning.
Expected<AnswerAnalysis> analyzeFile(const QString &path, SpeechModel &model, const AnswerContext &context = {},
                                     std::stop_token stop = {}, const AnalysisProgress &progress = {});

// The same on a thread of pool (give it a pool of one thread to analyse one take at a time). The
// future reports progress in milliseconds of audio (progressValue() of progressMaximum()) and
// cancel() stops the analysis (its result is then Cancelled, or none). Cancel and wait for the
// futures before the pool or the model go away.
QFuture<Expected<AnswerAnalysis>> analyzeFileInBackground(QThreadPool &pool, const QString &path,
                                                          std::shared_ptr<SpeechModel> model,
                                                          const AnswerContext &context = {});

} // namespace MockLoop
