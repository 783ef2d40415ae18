#include "AudioRecorder.h"

#include "AudioInputs.h"
#include "AudioLogging.h"
#include "CaptureWorker.h"

#include <QDeadlineTimer>
#include <QMediaDevices>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace MockLoop {

namespace {

constexpr std::chrono::milliseconds DevicePollInterval{1000};
// How long the destructor waits for the capture thread to finish the take before giving up on it.
constexpr std::chrono::seconds ShutdownTimeout{10};

} // namespace

AudioRecorder::AudioRecorder(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_worker(new CaptureWorker)
    , m_devicePoll(this)
{
    qRegisterMetaType<MockLoop::TakeInfo>();
    qRegisterMetaType<MockLoop::AudioLevel>();
    m_thread->setObjectName(u"mockloop-capture"_s);
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &CaptureWorker::started, this, &AudioRecorder::onStarted);
    connect(m_worker, &CaptureWorker::startFailed, this, &AudioRecorder::onStartFailed);
    connect(m_worker, &CaptureWorker::levelMeasured, this, &AudioRecorder::onLevel);
    connect(m_worker, &CaptureWorker::paused, this, &AudioRecorder::onPaused);
    connect(m_worker, &CaptureWorker::failed, this, &AudioRecorder::reportError);
    connect(m_worker, &CaptureWorker::finished, this, &AudioRecorder::onFinished);
    m_devicePoll.setInterval(DevicePollInterval);
    connect(&m_devicePoll, &QTimer::timeout, this, &AudioRecorder::checkDevicePresent);
    m_thread->start();
}

AudioRecorder::~AudioRecorder()
{
    m_devicePoll.stop();
    QMetaObject::invokeMethod(m_worker, &CaptureWorker::shutdown, Qt::QueuedConnection);
    if (!m_thread->wait(QDeadlineTimer(ShutdownTimeout))) {
        // The sound system hangs inside Qt. Deleting a running thread would crash; the .part on
        // disk is repaired at the next start.
        qCCritical(lcAudio) << "the capture thread did not stop; leaving it behind";
        return;
    }
    delete m_thread;
}

bool AudioRecorder::start(const QString &wavPath, const TakeSubject &subject, TakeMode mode)
{
    if (isActive()) {
        qCWarning(lcAudio) << "start() while a take is in progress; ignored";
        return false;
    }
    m_error = Error::None;
    m_errorString.clear();
    m_recordedMs = 0;
    m_pauseMarksMs.clear();

    const QList<QAudioDevice> inputs = QMediaDevices::audioInputs();
    if (inputs.isEmpty()) {
        reportError(Error::NoMicrophone,
                    tr("No microphone found. Connect a microphone (and check that the sound "
                       "system is running), then try again."));
        return false;
    }
    const QAudioDevice device
        = m_device.isNull() ? AudioInputs::sensibleDefault(inputs) : AudioInputs::findById(inputs, m_device.id());
    if (device.isNull()) {
        reportError(Error::MicrophoneNotConnected,
                    tr("The microphone “%1” is not connected. Connect it or choose "
                       "another microphone, then try again.")
                        .arg(m_device.description()));
        return false;
    }

    m_recordingDevice = device;
    m_takePath = wavPath;
    setState(State::Starting);
    QMetaObject::invokeMethod(
        m_worker,
        [worker = m_worker, wavPath, device, timeout = m_stallTimeout, subject, mode, sink = m_pcmSink] {
            worker->start(wavPath, device, timeout, subject, mode == TakeMode::Continue, sink);
        },
        Qt::QueuedConnection);
    return true;
}

void AudioRecorder::pause()
{
    if (m_state != State::Recording)
        return;
    QMetaObject::invokeMethod(m_worker, &CaptureWorker::pause, Qt::QueuedConnection);
    setState(State::Paused);
}

void AudioRecorder::resume()
{
    if (m_state != State::Paused)
        return;
    QMetaObject::invokeMethod(m_worker, &CaptureWorker::resume, Qt::QueuedConnection);
    setState(State::Recording);
}

void AudioRecorder::stop()
{
    if (m_state != State::Starting && m_state != State::Recording && m_state != State::Paused)
        return;
    QMetaObject::invokeMethod(m_worker, &CaptureWorker::stop, Qt::QueuedConnection);
    setState(State::Finishing);
}

void AudioRecorder::checkDevicePresent()
{
    if (m_state != State::Recording && m_state != State::Paused)
        return;
    // Qt 6.4 with PulseAudio does not report a removed source to the stream reading from it;
    // it does drop it from the list of inputs.
    if (AudioInputs::findById(QMediaDevices::audioInputs(), m_recordingDevice.id()).isNull()) {
        qCWarning(lcAudio) << m_recordingDevice.id() << "is no longer listed";
        QMetaObject::invokeMethod(m_worker, &CaptureWorker::deviceGone, Qt::QueuedConnection);
    }
}

void AudioRecorder::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void AudioRecorder::reportError(Error error, const QString &message)
{
    m_error = error;
    m_errorString = message;
    qCWarning(lcAudio).noquote() << message;
    Q_EMIT errorOccurred(error, message);
}

void AudioRecorder::onStarted(const TakeInfo &take)
{
    Q_UNUSED(take);
    if (m_state != State::Starting)
        return;
    m_devicePoll.start();
    setState(State::Recording);
}

void AudioRecorder::onStartFailed(Error error, const QString &message)
{
    reportError(error, message);
    setState(State::Idle);
}

void AudioRecorder::onLevel(const AudioLevel &level)
{
    Q_EMIT levelMeasured(level);
    if (level.positionMs != m_recordedMs) {
        m_recordedMs = level.positionMs;
        Q_EMIT recordedTimeChanged(m_recordedMs);
    }
}

void AudioRecorder::onPaused(qint64 markMs)
{
    m_pauseMarksMs.append(markMs);
}

void AudioRecorder::onFinished(const TakeInfo &take, bool kept)
{
    m_devicePoll.stop();
    if (kept) {
        m_lastTake = take;
        m_recordedMs = take.durationMs();
    }
    setState(State::Idle);
    if (kept)
        Q_EMIT takeFinished(take);
}

} // namespace MockLoop
