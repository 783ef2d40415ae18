#include "FileAnalysis.h"

#include "AnalysisEngine.h"
#include "AnalysisLogging.h"
#include "AnswerAssembler.h"
#include "audio/WavFormat.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QPromise>
#include <QThreadPool>

#include <vector>

namespace MockLoop {

namespace {

struct FileText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::FileAnalysis)
};

// Whatever the file holds, as signed 16-bit: 8-bit WAV is unsigned, wider ones keep their top bits.
void toSixteenBit(const QByteArray &bytes, int bytesPerSample, std::vector<qint16> &out)
{
    const auto count = bytes.size() / bytesPerSample;
    out.resize(size_t(count));
    const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
    for (qsizetype i = 0; i < count; ++i) {
        const uchar *sample = data + i * bytesPerSample;
        switch (bytesPerSample) {
        case 1:
            out[size_t(i)] = qint16((int(sample[0]) - 128) * 256);
            break;
        default: // little-endian: the two most significant bytes are the last two
            out[size_t(i)] = qint16(quint16(sample[bytesPerSample - 2]) | quint16(sample[bytesPerSample - 1]) << 8);
            break;
        }
    }
}

} // namespace

Expected<AnswerAnalysis> analyzeFile(const QString &path, SpeechModel &model, const AnswerContext &context,
                                     std::stop_token stop, const AnalysisProgress &progress)
{
    const QString shownPath = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return AnalysisError{AnalysisError::Kind::FileUnreadable,
                             FileText::tr("Cannot read %1: %2. Check that the file exists and that you may read it.")
                                 .arg(shownPath, file.errorString())};
    }
    QString headerProblem;
    const std::optional<Wav::Layout> layout = Wav::readLayout(file, &headerProblem);
    if (!layout) {
        return AnalysisError{AnalysisError::Kind::FileNotAudio,
                             FileText::tr("%1 cannot be analysed: %2. MockLoop analyses PCM WAV recordings, such as "
                                          "the takes it records.")
                                 .arg(shownPath, headerProblem)};
    }
    const PcmFormat format = layout->format;
    const qint64 presentBytes = Wav::presentDataBytes(*layout, file.size());
    // Cut short, or never finished (a crash leaves the sizes at 0 until a repair).
    const bool truncated
        = layout->declaredDataBytes > presentBytes || (layout->declaredDataBytes == 0 && presentBytes > 0);
    const qint64 totalMs = format.framesToMs(presentBytes / format.bytesPerFrame());

    // The model loaded (the first time) before the file is read; then lent for each utterance.
    if (Expected<DecoderLease> ready = model.acquire(stop); !ready)
        return ready.error();
    const AnalysisError cancelled{AnalysisError::Kind::Cancelled,
                                  FileText::tr("The analysis of %1 was cancelled.").arg(shownPath)};
    if (!file.seek(layout->dataOffset)) {
        return AnalysisError{AnalysisError::Kind::FileUnreadable,
                             FileText::tr("Cannot read %1: %2.").arg(shownPath, file.errorString())};
    }

    std::optional<AnalysisError> failure;
    AnalysisEngine engine(format.sampleRate, format.channelCount,
                          recognizerOf(model, SpeechModel::Use::Background, stop, failure));
    const qint64 chunkBytes
        = std::max<qint64>(format.bytesPerSecond() / format.bytesPerFrame(), 1) * format.bytesPerFrame();
    const int bytesPerSample = format.bitsPerSample / 8;
    std::vector<qint16> samples;
    qint64 readBytes = 0;
    while (readBytes < presentBytes) {
        if (stop.stop_requested())
            return cancelled;
        const QByteArray chunk = file.read(std::min(chunkBytes, presentBytes - readBytes));
        if (chunk.isEmpty())
            break; // the file shrank under us: what was read is analysed
        readBytes += chunk.size();
        toSixteenBit(chunk, bytesPerSample, samples);
        engine.feed(samples.data(), qsizetype(samples.size()));
        if (progress)
            progress(SpeechFrames::frameToMs(engine.framesAnalysed()), totalMs);
    }
    if (stop.stop_requested())
        return cancelled;
    AudioFindings findings = engine.finish();
    if (stop.stop_requested())
        return cancelled;
    if (failure)
        return *failure;

    AnswerAnalysis analysis = AnswerAssembler::assemble(std::move(findings), context);
    analysis.file = path;
    if (truncated) {
        analysis.warnings.append(
            {AnalysisWarning::Kind::Truncated,
             layout->declaredDataBytes == 0
                 ? FileText::tr("The file's header does not say how long it is (a take cut short?): the %n "
                                "second(s) it holds were analysed.",
                                nullptr, int(totalMs / 1000))
                 : FileText::tr("The file ends before its header says it should (cut short?): the %n second(s) "
                                "it holds were analysed.",
                                nullptr, int(totalMs / 1000))});
    }
    return analysis;
}

QFuture<Expected<AnswerAnalysis>> analyzeFileInBackground(QThreadPool &pool, const QString &path,
                                                          std::shared_ptr<SpeechModel> model,
                                                          const AnswerContext &context)
{
    auto promise = std::make_shared<QPromise<Expected<AnswerAnalysis>>>();
    QFuture<Expected<AnswerAnalysis>> future = promise->future();
    promise->start();
    pool.start([promise, path, model = std::move(model), context] {
        std::stop_source stop;
        if (promise->isCanceled()) {
            promise->finish();
            return;
        }
        Expected<AnswerAnalysis> result
            = analyzeFile(path, *model, context, stop.get_token(), [&](qint64 analysedMs, qint64 totalMs) {
                  if (promise->isCanceled())
                      stop.request_stop();
                  promise->setProgressRange(0, int(totalMs));
                  promise->setProgressValue(int(analysedMs));
              });
        if (!result)
            qCDebug(lcAnalysis).noquote() << "analysing" << path << ":" << result.error().message;
        promise->addResult(std::move(result));
        promise->finish();
    });
    return future;
}

} // namespace MockLoop
