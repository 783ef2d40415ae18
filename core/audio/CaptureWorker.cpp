#include "CaptureWorker.h"

#include "AudioLogging.h"
#include "PcmConversion.h"

#include <QAudioSource>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QThread>

#include <utility>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr std::chrono::milliseconds StallCheckInterval{250};
constexpr qint64 ReadBufferMs = 500;

} // namespace

CaptureWorker::CaptureWorker(QObject *parent)
    : QObject(parent)
    , m_stallTimer(this) // children, so they move to the capture thread with the worker
    , m_stopTimer(this)
{
    m_stallTimer.setInterval(StallCheckInterval);
    connect(&m_stallTimer, &QTimer::timeout, this, &CaptureWorker::checkStall);
    m_stopTimer.setSingleShot(true);
    m_stopTimer.setInterval(StopDrain);
    connect(&m_stopTimer, &QTimer::timeout, this, &CaptureWorker::finishTake);
}

CaptureWorker::~CaptureWorker()
{
    finishTake();
}

QAudioFormat CaptureWorker::openWriter(const QString &wavPath, const QAudioDevice &device, bool continueTake)
{
    if (continueTake && (QFileInfo::exists(wavPath) || QFileInfo::exists(WavWriter::partPath(wavPath)))) {
        if (!m_writer.reopen(wavPath)) {
            Q_EMIT startFailed(AudioRecorder::Error::CannotContinueTake, m_writer.errorString());
            return {};
        }
        const PcmFormat earlier = m_writer.format();
        const QAudioFormat format
            = PcmConversion::negotiateCaptureFormat(device, earlier.sampleRate, earlier.channelCount);
        if (format.sampleRate() != earlier.sampleRate || format.channelCount() != earlier.channelCount) {
            m_writer.finish(); // back as it was
            Q_EMIT startFailed(AudioRecorder::Error::CannotContinueTake,
                               tr("The microphone “%1” cannot record in the format of the take begun before "
                                  "MockLoop stopped (%2), so the rest of the answer goes into a take of its own.")
                                   .arg(device.description(), earlier.description()));
            return {};
        }
        std::optional<TakeInfo> sidecar = TakeInfo::readSidecar(wavPath);
        m_take = sidecar.value_or(TakeInfo{});
        m_take.resumptions.append({earlier.framesToMs(m_writer.frames()), QDateTime::currentDateTimeUtc()});
        return format;
    }
    const QAudioFormat format = PcmConversion::negotiateCaptureFormat(device);
    if (!format.isValid()) {
        Q_EMIT startFailed(AudioRecorder::Error::MicrophoneUnavailable,
                           tr("The microphone “%1” offers no audio format MockLoop can record. Choose another "
                              "microphone.")
                               .arg(device.description()));
        return {};
    }
    if (!m_writer.open(wavPath, PcmFormat{format.sampleRate(), format.channelCount(), 16})) {
        Q_EMIT startFailed(AudioRecorder::Error::CannotCreateFile, m_writer.errorString());
        return {};
    }
    m_take.startedAt = QDateTime::currentDateTimeUtc();
    return format;
}

void CaptureWorker::start(const QString &wavPath, const QAudioDevice &device, std::chrono::milliseconds stallTimeout,
                          const TakeSubject &subject, bool continueTake, std::shared_ptr<PcmSink> sink)
{
    if (m_active)
        finishTake();
    m_paused = false;
    m_stopping = false;
    m_stallTimeout = stallTimeout;
    m_take = {};

    const QAudioFormat format = openWriter(wavPath, device, continueTake);
    if (!format.isValid())
        return;
    const PcmFormat stored = m_writer.format();

    m_take.deviceId = device.id();
    m_take.deviceDescription = device.description();
    m_source = new QAudioSource(device, format, this);
    // Push mode: the source hands out a QIODevice that signals readyRead every period (~50 ms).
    m_io = m_source->start();
    if (!m_io || m_source->state() == QAudio::StoppedState) {
        const QAudio::Error error = m_source->error();
        qCWarning(lcAudio) << "could not open" << device.id() << "error" << error;
        delete m_source;
        m_source = nullptr;
        m_io = nullptr;
        // A new take is removed; a continued one is left as it was.
        if (!m_writer.discardEmpty())
            m_writer.finish();
        // FatalError: Qt 6.4 lost the sound server and does not reconnect within this process.
        Q_EMIT startFailed(AudioRecorder::Error::MicrophoneUnavailable,
                           error == QAudio::FatalError
                               ? tr("Could not open the microphone “%1”: the connection to the sound system was "
                                    "lost. Restart MockLoop to record again.")
                                     .arg(device.description())
                               : tr("Could not open the microphone “%1”. Check that it is connected and not in use "
                                    "by another application, then try again.")
                                     .arg(device.description()));
        return;
    }
    connect(m_io, &QIODevice::readyRead, this, &CaptureWorker::readAvailable);
    connect(m_source, &QAudioSource::stateChanged, this, &CaptureWorker::onSourceStateChanged);

    const QAudioFormat captured = m_source->format();
    m_sampleFormat = captured.sampleFormat();
    const qint64 frameBytes = std::max(captured.bytesPerFrame(), 1);
    const qint64 bufferBytes
        = std::max<qint64>(captured.bytesForDuration(ReadBufferMs * 1000) / frameBytes, 1) * frameBytes;
    m_buffer.resize(size_t(bufferBytes + 1) / 2);
    // A continued take counts on from where it stopped.
    m_meter.reset(stored.sampleRate, stored.channelCount, m_writer.frames());

    m_take.path = wavPath;
    m_take.format = stored;
    m_take.capturedFormat = captured;
    m_take.resampled = false;
    m_take.sampleFormatConverted = m_sampleFormat != QAudioFormat::Int16;
    if (!m_take.startedAt.isValid())
        m_take.startedAt = QDateTime::currentDateTimeUtc();
    if (!subject.isEmpty())
        m_take.subject = subject;
    m_take.frames = m_writer.frames();
    m_take.complete = false;
    m_take.recovered = false; // a continued take is whole again, with its joins marked
    m_take.stopReason.clear();
    m_take.fileBytes = 0;
    m_take.sha256.clear();
    writeSidecar();

    m_active = true;
    m_sinceData.start();
    m_stallTimer.start();
    m_sink = std::move(sink);
    if (m_sink)
        m_sink->pcmStarted(stored, m_writer.frames());
    qCInfo(lcAudio) << (m_take.resumptions.isEmpty() ? "recording" : "continuing") << wavPath << "from" << device.id()
                    << captured;
    Q_EMIT started(m_take);
}

void CaptureWorker::pause()
{
    if (!m_active || m_finishing || m_paused || m_stopping)
        return;
    readAvailable(); // what arrived before the pause belongs to the take
    if (!m_active)
        return;
    m_paused = true;
    const qint64 mark = m_take.format.framesToMs(m_writer.frames());
    m_take.pauseMarksMs.append(mark);
    writeSidecar();
    Q_EMIT paused(mark);
    Q_EMIT levelMeasured(AudioLevel{0, 0, mark});
}

void CaptureWorker::resume()
{
    if (!m_active || m_finishing || !m_paused || m_stopping)
        return;
    readAvailable(); // captured while paused: dropped
    m_paused = false;
    m_meter.reset(m_take.format.sampleRate, m_take.format.channelCount, m_writer.frames());
}

void CaptureWorker::stop()
{
    if (!m_active || m_finishing || m_stopping)
        return;
    m_stopping = true;
    m_stopTimer.start();
}

void CaptureWorker::deviceGone()
{
    if (!m_active || m_finishing)
        return;
    fail(AudioRecorder::Error::MicrophoneDisconnected,
         withWhatWasKept(tr("The microphone “%1” was disconnected.").arg(deviceName())));
}

void CaptureWorker::shutdown()
{
    finishTake();
    thread()->quit();
}

void CaptureWorker::readAvailable()
{
    while (m_active && m_io) {
        const qint64 capacity = qint64(m_buffer.size()) * 2;
        const qint64 bytes = m_io->read(reinterpret_cast<char *>(m_buffer.data()), capacity);
        if (bytes <= 0)
            return;
        m_sinceData.restart();
        if (!m_paused)
            consume(m_buffer.data(), bytes);
    }
}

void CaptureWorker::consume(const qint16 *buffer, qint64 bytes)
{
    const qint16 *samples = buffer;
    qsizetype count = qsizetype(bytes / 2);
    if (m_sampleFormat != QAudioFormat::Int16) {
        const int sampleBytes = std::max(m_take.capturedFormat.bytesPerSample(), 1);
        count = qsizetype(bytes / sampleBytes);
        if (m_converted.size() < size_t(count))
            m_converted.resize(size_t(count));
        PcmConversion::toInt16(reinterpret_cast<const char *>(buffer), count, m_sampleFormat, m_converted.data());
        samples = m_converted.data();
        bytes = qint64(count) * 2;
    }
    if (!m_writer.append(reinterpret_cast<const char *>(samples), bytes)) {
        fail(AudioRecorder::Error::WriteFailed, m_writer.errorString());
        return;
    }
    if (m_sink)
        m_sink->pcmCaptured(samples, count);
    m_meter.process(samples, count, [this](const AudioLevel &level) { Q_EMIT levelMeasured(level); });
}

void CaptureWorker::onSourceStateChanged(QAudio::State state)
{
    if (!m_active || state != QAudio::StoppedState || !m_source || m_source->error() == QAudio::NoError)
        return;
    // Qt reports a lost sound server as FatalError and a broken stream as IOError. Handled from
    // the event loop, not inside the source's own signal: finishing the take deletes the source.
    qCWarning(lcAudio) << "capture stopped by the backend:" << m_source->error();
    QMetaObject::invokeMethod(
        this,
        [this] {
            fail(AudioRecorder::Error::MicrophoneDisconnected,
                 withWhatWasKept(tr("The microphone “%1” stopped working.").arg(deviceName())));
        },
        Qt::QueuedConnection);
}

void CaptureWorker::checkStall()
{
    if (!m_active || m_finishing || m_stopping)
        return;
    readAvailable(); // a source that stopped signalling may still have data
    if (!m_active || m_sinceData.elapsed() < m_stallTimeout.count())
        return;
    // Qt 6.4 with PulseAudio keeps a stream whose source was removed "active" with no error; it
    // simply delivers nothing more. This is how such a loss shows up.
    qCWarning(lcAudio) << "no audio from" << m_take.deviceId << "for" << m_sinceData.elapsed() << "ms";
    if (m_writer.frames() == 0) {
        fail(AudioRecorder::Error::MicrophoneUnavailable,
             tr("The microphone “%1” sends no sound, so nothing was recorded. Check that it is switched on and not "
                "muted, or choose another microphone.")
                 .arg(deviceName()));
        return;
    }
    fail(AudioRecorder::Error::MicrophoneDisconnected,
         withWhatWasKept(tr("The microphone “%1” stopped sending sound.").arg(deviceName())));
}

void CaptureWorker::fail(AudioRecorder::Error error, const QString &message)
{
    if (!m_active || m_finishing)
        return;
    m_take.stopReason = message;
    Q_EMIT failed(error, message);
    finishTake();
}

void CaptureWorker::closeSource()
{
    if (!m_source)
        return;
    // In push mode QAudioSource::stop() deletes the QIODevice it handed out: read what it still
    // holds first (unless the source already stopped and deleted it), and never touch it after.
    if (m_writer.error() == WavWriter::Error::None && m_source->state() != QAudio::StoppedState)
        readAvailable();
    QAudioSource *source = std::exchange(m_source, nullptr);
    if (m_io)
        disconnect(m_io, nullptr, this, nullptr);
    disconnect(source, nullptr, this, nullptr);
    source->stop();
    m_io = nullptr;
    // Deleted now, not with deleteLater(): a deferred delete that is still pending when the
    // capture thread ends runs inside QThread's clean-up, where Qt 6.4's PulseAudio source
    // crashes in its destructor. Never called from inside the source's own signals.
    delete source;
}

void CaptureWorker::finishTake()
{
    if (!m_active || m_finishing)
        return;
    // Deleting the source may process events (Qt 6.4 with PulseAudio): keep them out.
    m_finishing = true;
    const auto finishing = qScopeGuard([this] { m_finishing = false; });
    closeSource();
    m_active = false;
    m_stallTimer.stop();
    m_stopTimer.stop();
    if (const std::shared_ptr<PcmSink> sink = std::exchange(m_sink, nullptr))
        sink->pcmFinished(); // closeSource() gave it the last of the audio

    const qint64 frames = m_writer.frames();
    if (frames == 0 && m_writer.discardEmpty()) {
        // Not a single sample arrived: nothing to keep, and no empty "take" pretending otherwise.
        QFile::remove(TakeInfo::sidecarPath(m_take.path));
        qCInfo(lcAudio) << "discarded" << m_take.path << "(no audio)";
        Q_EMIT finished(m_take, false);
        return;
    }
    const bool saved = m_writer.finish();
    if (!saved && m_take.stopReason.isEmpty()) {
        m_take.stopReason = m_writer.errorString();
        Q_EMIT failed(AudioRecorder::Error::WriteFailed, m_writer.errorString());
    }
    m_take.frames = m_writer.frames();
    m_take.complete = saved;
    const QString onDisk = saved ? m_take.path : WavWriter::partPath(m_take.path);
    m_take.fileBytes = QFileInfo(onDisk).size();
    m_take.sha256 = saved ? sha256OfFile(onDisk) : QString();
    writeSidecar();
    qCInfo(lcAudio) << "take finished" << onDisk << m_take.durationMs() << "ms" << m_take.stopReason;
    Q_EMIT finished(m_take, true);
}

void CaptureWorker::writeSidecar()
{
    QString error;
    if (!m_take.writeSidecar(&error))
        qCWarning(lcAudio) << "could not write the sidecar of" << m_take.path << ":" << error;
}

QString CaptureWorker::deviceName() const
{
    return m_take.deviceDescription.isEmpty() ? QString::fromUtf8(m_take.deviceId) : m_take.deviceDescription;
}

QString CaptureWorker::withWhatWasKept(const QString &problem) const
{
    const qint64 frames = m_writer.frames();
    if (frames == 0)
        return problem + u' ' + tr("Nothing was recorded.");
    // Rounded, but never "0 seconds" for a take that holds something.
    const int seconds = std::max(1, int((m_take.format.framesToMs(frames) + 500) / 1000));
    return problem + u' ' + tr("Recording stopped; the %n second(s) recorded are saved.", nullptr, seconds);
}

} // namespace MockLoop
