#include "StreamingAnalyzer.h"

#include "AnalysisEngine.h"
#include "AnalysisLogging.h"
#include "AnswerAssembler.h"

#include <QCoreApplication>
#include <QPromise>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace MockLoop {

namespace {

struct StreamingText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::StreamingAnalyzer)
};

// How far the worker may fall behind before the analysis gives up (a starved CPU): five minutes
// of 16 kHz mono, 9.6 MB.
constexpr qint64 MaximumBacklogMs = 5 * 60 * 1000;

} // namespace

using AnalysisPromise = std::shared_ptr<QPromise<Expected<AnswerAnalysis>>>;

// An analysis of the answer so far, asked for while the input goes on.
struct SnapshotRequest
{
    qint64 afterSamples = 0; // due once the worker has analysed this much of the input
    AnswerContext context;
    AnalysisPromise promise;
};

void fulfil(const AnalysisPromise &promise, Expected<AnswerAnalysis> result)
{
    promise->addResult(std::move(result));
    promise->finish();
}

struct StreamingAnalyzer::Worker
{
    // What the worker does next: analyse a chunk, give an analysis so far, or finish.
    struct Work
    {
        std::optional<std::vector<qint16>> chunk;
        std::optional<SnapshotRequest> snapshot;
    };

    std::shared_ptr<SpeechModel> model;

    mutable std::mutex mutex;
    std::condition_variable_any wake;
    PcmFormat format;
    std::deque<std::vector<qint16>> queue;
    qint64 queuedSamples = 0;
    bool inputEnded = false;
    bool fellBehind = false;
    bool partialTake = false;
    AnswerContext context;
    std::deque<SnapshotRequest> snapshots;
    qint64 enqueuedSamples = 0; // every sample queued, under mutex
    qint64 consumedSamples = 0; // every sample taken by the worker, under mutex

    std::atomic<qint64> receivedFrames = 0; // in the input's own format
    std::atomic<qint64> analysedMs = 0;
    QPromise<Expected<AnswerAnalysis>> promise;
    QFuture<Expected<AnswerAnalysis>> future;
    std::jthread thread;

    void run(std::stop_token stop);
    Expected<AnswerAnalysis> analyse(std::stop_token stop);
    // The next work: a snapshot that has fallen due, else the next chunk; neither once the input
    // has ended and all was taken.
    Work next(std::stop_token stop);
    bool snapshotDue() const // under mutex
    {
        return !snapshots.empty() && snapshots.front().afterSamples <= consumedSamples;
    }
    // What the analysis so far can be: the error that stops it, if any. Under mutex.
    std::optional<AnalysisError> incompleteError() const;
    // Every snapshot still waiting, given what there is (the input has ended).
    void answerSnapshots(const std::function<Expected<AnswerAnalysis>(const AnswerContext &)> &analysis);
};

StreamingAnalyzer::Worker::Work StreamingAnalyzer::Worker::next(std::stop_token stop)
{
    std::unique_lock lock(mutex);
    wake.wait(lock, stop, [this] { return !queue.empty() || inputEnded || snapshotDue(); });
    if (stop.stop_requested())
        return {};
    if (snapshotDue()) {
        Work work{std::nullopt, std::move(snapshots.front())};
        snapshots.pop_front();
        return work;
    }
    if (queue.empty())
        return {};
    std::vector<qint16> chunk = std::move(queue.front());
    queue.pop_front();
    queuedSamples -= qint64(chunk.size());
    consumedSamples += qint64(chunk.size());
    return {std::move(chunk), std::nullopt};
}

std::optional<AnalysisError> StreamingAnalyzer::Worker::incompleteError() const
{
    if (!fellBehind && !partialTake)
        return std::nullopt;
    return AnalysisError{AnalysisError::Kind::StreamIncomplete,
                         fellBehind ? StreamingText::tr("The analysis could not keep up with the recording. "
                                                        "Analyse the take from its file instead.")
                                    : StreamingText::tr("This take was continued after an interruption, so "
                                                        "the analysis saw only part of it. Analyse the take "
                                                        "from its file instead.")};
}

void StreamingAnalyzer::Worker::answerSnapshots(
    const std::function<Expected<AnswerAnalysis>(const AnswerContext &)> &analysis)
{
    std::deque<SnapshotRequest> waiting;
    {
        const std::lock_guard lock(mutex);
        waiting.swap(snapshots);
    }
    for (const SnapshotRequest &request : waiting)
        fulfil(request.promise, analysis(request.context));
}

Expected<AnswerAnalysis> StreamingAnalyzer::Worker::analyse(std::stop_token stop)
{
    const AnalysisError cancelled{AnalysisError::Kind::Cancelled, StreamingText::tr("The analysis was cancelled.")};
    // Background analyses pause between their utterances until this answer's is done.
    const SpeechModel::LiveUse live = model->beginLiveUse();
    // The model loaded (the first time) before the audio is taken in.
    if (Expected<DecoderLease> ready = model->acquire(stop, SpeechModel::Use::Live); !ready) {
        // Nothing can be recognised; the input is still taken so the recorder never waits.
        for (Work work = next(stop); work.chunk || work.snapshot; work = next(stop)) {
            if (work.snapshot)
                fulfil(work.snapshot->promise, ready.error());
        }
        answerSnapshots([&ready](const AnswerContext &) { return ready.error(); });
        return ready.error();
    }
    // The format is known once the first audio (or the end) has arrived.
    {
        std::unique_lock lock(mutex);
        wake.wait(lock, stop, [this] { return !queue.empty() || inputEnded || !snapshots.empty(); });
    }
    PcmFormat input;
    {
        const std::lock_guard lock(mutex);
        input = format;
    }
    std::optional<AnalysisError> failure;
    AnalysisEngine engine(input.sampleRate, input.channelCount,
                          recognizerOf(*model, SpeechModel::Use::Live, stop, failure));
    const auto soFar = [this, &engine, &failure](const AnswerContext &snapshotContext) -> Expected<AnswerAnalysis> {
        std::optional<AnalysisError> incomplete;
        {
            const std::lock_guard lock(mutex);
            incomplete = incompleteError();
        }
        if (incomplete)
            return *incomplete;
        AudioFindings findings = engine.findingsSoFar();
        if (failure)
            return *failure;
        return AnswerAssembler::assemble(std::move(findings), snapshotContext);
    };
    for (Work work = next(stop); work.chunk || work.snapshot; work = next(stop)) {
        if (work.snapshot) {
            fulfil(work.snapshot->promise, soFar(work.snapshot->context));
            continue;
        }
        engine.feed(work.chunk->data(), qsizetype(work.chunk->size()));
        analysedMs = SpeechFrames::frameToMs(engine.framesAnalysed());
    }
    if (stop.stop_requested())
        return cancelled;
    answerSnapshots(soFar); // asked for as the input ended: all of it

    AudioFindings findings = engine.finish();
    if (stop.stop_requested())
        return cancelled;
    if (failure)
        return *failure;
    const std::lock_guard lock(mutex);
    if (const std::optional<AnalysisError> incomplete = incompleteError())
        return *incomplete;
    return AnswerAssembler::assemble(std::move(findings), context);
}

void StreamingAnalyzer::Worker::run(std::stop_token stop)
{
    Expected<AnswerAnalysis> result = analyse(stop);
    if (stop.stop_requested())
        return; // the analyzer is going away; its destructor cancels the future
    if (!result)
        qCDebug(lcAnalysis).noquote() << "streaming analysis:" << result.error().message;
    promise.addResult(std::move(result));
    promise.finish();
}

StreamingAnalyzer::StreamingAnalyzer(std::shared_ptr<SpeechModel> model, const PcmFormat &format)
    : m_worker(std::make_shared<Worker>())
{
    m_worker->model = std::move(model);
    m_worker->format = format;
    m_worker->future = m_worker->promise.future();
    m_worker->promise.start();
    m_worker->thread = std::jthread([worker = m_worker](std::stop_token stop) { worker->run(stop); });
}

StreamingAnalyzer::~StreamingAnalyzer()
{
    m_worker->thread.request_stop();
    if (m_worker->thread.get_id() == std::this_thread::get_id()) {
        // Let go on its own thread (inside the continuation of its result): that thread is on its
        // way out, and its reference to the worker keeps it until it has ended.
        m_worker->thread.detach();
        return;
    }
    m_worker->thread.join();
    // A promise destroyed unfinished cancels its future.
}

void StreamingAnalyzer::pcmStarted(const PcmFormat &format, qint64 framesAlreadyInTake)
{
    const std::lock_guard lock(m_worker->mutex);
    if (m_worker->receivedFrames == 0 && format.isValid() && format.bitsPerSample == 16)
        m_worker->format = format;
    if (framesAlreadyInTake > 0)
        m_worker->partialTake = true;
}

void StreamingAnalyzer::pcmCaptured(const qint16 *samples, qsizetype sampleCount)
{
    if (sampleCount <= 0)
        return;
    {
        const std::lock_guard lock(m_worker->mutex);
        if (m_worker->inputEnded || m_worker->fellBehind)
            return;
        const qint64 channels = std::max(m_worker->format.channelCount, 1);
        m_worker->receivedFrames += sampleCount / channels;
        const qint64 backlogMs = m_worker->queuedSamples / channels * 1000 / std::max(m_worker->format.sampleRate, 1);
        if (backlogMs > MaximumBacklogMs) {
            qCWarning(lcAnalysis) << "the streaming analysis fell" << backlogMs << "ms behind; giving up";
            m_worker->fellBehind = true;
            m_worker->consumedSamples += m_worker->queuedSamples; // dropped: snapshots are due at once
            m_worker->queue.clear();
            m_worker->queuedSamples = 0;
        } else {
            m_worker->queue.emplace_back(samples, samples + sampleCount);
            m_worker->queuedSamples += sampleCount;
            m_worker->enqueuedSamples += sampleCount;
        }
    }
    m_worker->wake.notify_all();
}

void StreamingAnalyzer::pcmFinished()
{
    // The take is closed; the caller's finish() brings the context.
}

QFuture<Expected<AnswerAnalysis>> StreamingAnalyzer::finish(const AnswerContext &context)
{
    {
        const std::lock_guard lock(m_worker->mutex);
        if (!m_worker->inputEnded) {
            m_worker->inputEnded = true;
            m_worker->context = context;
        }
    }
    m_worker->wake.notify_all();
    return m_worker->future;
}

QFuture<Expected<AnswerAnalysis>> StreamingAnalyzer::analyseSoFar(const AnswerContext &context)
{
    auto promise = std::make_shared<QPromise<Expected<AnswerAnalysis>>>();
    promise->start();
    QFuture<Expected<AnswerAnalysis>> future = promise->future();
    {
        const std::lock_guard lock(m_worker->mutex);
        if (m_worker->inputEnded)
            return m_worker->future; // the whole take, as finish() analyses it
        m_worker->snapshots.push_back({m_worker->enqueuedSamples, context, promise});
    }
    m_worker->wake.notify_all();
    return future;
}

qint64 StreamingAnalyzer::receivedMs() const
{
    const std::lock_guard lock(m_worker->mutex);
    return m_worker->format.framesToMs(m_worker->receivedFrames);
}

qint64 StreamingAnalyzer::analysedMs() const
{
    return m_worker->analysedMs;
}

} // namespace MockLoop
