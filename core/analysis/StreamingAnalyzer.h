#pragma once

#include "AnswerAnalysis.h"
#include "SpeechModel.h"
#include "audio/PcmSink.h"

#include <QFuture>

#include <memory>

namespace MockLoop {

// Analyses an answer while it is being recorded, so its feedback is ready seconds after it ends,
// whatever its length. Feed it the take's PCM as it is captured, either as the recorder's PcmSink
// (AudioRecorder::setPcmSink) or by calling the PcmSink functions yourself; then finish().
//
// Threading: feeding (pcmStarted, pcmCaptured, pcmFinished) comes from one thread at a time, the
// capture thread typically, never the GUI thread's job; each call only copies the samples into a
// queue and returns. The analysis runs on the analyzer's own worker thread: voice activity, level
// and pitch on every 10 ms, and recognition of each utterance as soon as it ends, so finish() has
// only the last utterance left. finish() may be called from any thread (the GUI thread too: it
// returns at once) and its future is fulfilled on the worker thread (watch it with a
// QFutureWatcher). The model (its decoder) is loaded by the worker thread, not the caller.
//
// One take per analyzer. If the worker falls more than five minutes behind the recording (a
// starved CPU), or the take is one continued after an interruption (pcmStarted with frames already
// in it), the result is StreamIncomplete: analyse the take's file instead (analyzeFile()).
class StreamingAnalyzer final : public PcmSink
{
public:
    // format: what is fed when pcmStarted() is not called (the recorder calls it).
    explicit StreamingAnalyzer(std::shared_ptr<SpeechModel> model, const PcmFormat &format = {});
    // Stops the worker; a result not yet given is abandoned (its future is cancelled).
    ~StreamingAnalyzer() override;
    Q_DISABLE_COPY_MOVE(StreamingAnalyzer)

    void pcmStarted(const PcmFormat &format, qint64 framesAlreadyInTake) override;
    void pcmCaptured(const qint16 *samples, qsizetype sampleCount) override;
    void pcmFinished() override;

    // Ends the input (anything fed afterwards is ignored) and gives the analysis of what was fed,
    // with the caller's phase marks and excluded stretches. Calling it again returns the same
    // future (the first context counts).
    QFuture<Expected<AnswerAnalysis>> finish(const AnswerContext &context = {});

    // The analysis of what has been fed until now, with the caller's context, while the input goes
    // on (the main answer, analysed to choose a follow-up while the take continues into it). The
    // future is fulfilled on the worker thread once it has analysed that much: at once when it keeps
    // up, plus the recognition of the utterance in progress. After finish(), it is finish()'s own
    // future. Errors as finish() gives them.
    QFuture<Expected<AnswerAnalysis>> analyseSoFar(const AnswerContext &context);

    // How much audio has been fed, and how much of it analysed (for progress or tests).
    qint64 receivedMs() const;
    qint64 analysedMs() const;

private:
    // Shared with its thread, which keeps it until the thread ends: the last reference to the
    // analyser may go on that thread (a continuation of finish() holding it, say), where it
    // cannot be joined.
    struct Worker;
    std::shared_ptr<Worker> m_worker;
};

} // namespace MockLoop
