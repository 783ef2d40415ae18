#pragma once

#include "LevelMeter.h"
#include "PcmSink.h"
#include "TakeInfo.h"

#include <QAudioDevice>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <memory>

class QThread;

namespace MockLoop {

class CaptureWorker;

// Records spoken answers: QAudioSource at 16 kHz mono 16-bit, written by WavWriter (crash-safe
// .part, renamed to .wav when the take ends), with a level per 50 ms of audio for the meter.
//
// Threading: capture runs on the recorder's own thread. Samples arrive there, are metered and
// written there, and the once-a-second fdatasync happens there, so a slow or stalled disk never
// stalls the GUI; the GUI thread only sends commands and receives levels and results as queued
// signals. The recorder itself lives in the GUI thread.
//
// States:  Idle --start()--> Starting --(device open)--> Recording <--pause()/resume()--> Paused
//          Recording/Paused --stop() or an error--> Finishing --(WAV complete)--> Idle
// start() refuses at once (returns false, no file created) when there is no microphone or the
// chosen one is not connected. Anything that ends a take early (device lost, disk full) keeps
// what was captured as a valid WAV, then reports errorOccurred() followed by takeFinished().
class AudioRecorder : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, Starting, Recording, Paused, Finishing };
    Q_ENUM(State)

    enum class Error {
        None,
        NoMicrophone, // no input device at all (also: no sound server)
        MicrophoneNotConnected, // the device set with setDevice() is not connected
        MicrophoneUnavailable, // the device is there but could not be opened
        MicrophoneDisconnected, // the device went away (or stopped delivering sound) mid-take
        CannotCreateFile, // the take's file could not be created
        CannotContinueTake, // a take begun before MockLoop stopped could not be continued
        WriteFailed, // disk full, file too large or an I/O error mid-take
    };
    Q_ENUM(Error)

    static constexpr std::chrono::milliseconds DefaultStallTimeout{3000};

    explicit AudioRecorder(QObject *parent = nullptr);
    ~AudioRecorder() override; // finishes a take in progress, so nothing recorded is lost

    // The microphone to record from; a null device means AudioInputs::sensibleDefault().
    void setDevice(const QAudioDevice &device) { m_device = device; }
    QAudioDevice device() const { return m_device; }
    // A device that sends nothing for this long while recording counts as disconnected.
    void setStallTimeout(std::chrono::milliseconds timeout) { m_stallTimeout = timeout; }
    // Takes started from now on hand their PCM to sink as it is written, on the capture thread
    // (see PcmSink); null: none. The speech analysis listens this way (StreamingAnalyzer).
    void setPcmSink(std::shared_ptr<PcmSink> sink) { m_pcmSink = std::move(sink); }

    enum class TakeMode {
        New, // wavPath must not exist
        // Goes on with the take at wavPath (its .part left by a crash, or the finished WAV) when
        // there is one, after an interruption: the same file grows, its sidecar marks the join.
        // Without one, a new take. A take that cannot be continued (another format than the
        // microphone gives now, a file MockLoop did not write) fails with CannotContinueTake and
        // is left as it was.
        Continue,
    };

    // Starts a take at wavPath; subject is written into its sidecar. Returns false, with error()
    // and errorString() set and errorOccurred() emitted, when it cannot even begin.
    bool start(const QString &wavPath, const TakeSubject &subject = {}, TakeMode mode = TakeMode::New);
    void pause();
    void resume();
    void stop();

    State state() const { return m_state; }
    bool isActive() const { return m_state != State::Idle; }
    QString takePath() const { return m_takePath; }
    qint64 recordedMs() const { return m_recordedMs; } // pauses excluded
    QList<qint64> pauseMarksMs() const { return m_pauseMarksMs; }
    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }
    // The last take finished (valid once takeFinished() was emitted).
    TakeInfo lastTake() const { return m_lastTake; }

Q_SIGNALS:
    void stateChanged(MockLoop::AudioRecorder::State state);
    void levelMeasured(MockLoop::AudioLevel level);
    void recordedTimeChanged(qint64 milliseconds);
    void errorOccurred(MockLoop::AudioRecorder::Error error, const QString &message);
    // The take is a complete WAV on disk (also when an error ended it early).
    void takeFinished(const MockLoop::TakeInfo &take);

private Q_SLOTS:
    void checkDevicePresent();

private:
    void setState(State state);
    void reportError(Error error, const QString &message);
    void onStarted(const TakeInfo &take);
    void onStartFailed(Error error, const QString &message);
    void onLevel(const AudioLevel &level);
    void onPaused(qint64 markMs);
    void onFinished(const TakeInfo &take, bool kept);

    QAudioDevice m_device;
    QAudioDevice m_recordingDevice;
    std::chrono::milliseconds m_stallTimeout = DefaultStallTimeout;
    std::shared_ptr<PcmSink> m_pcmSink;
    State m_state = State::Idle;
    QString m_takePath;
    qint64 m_recordedMs = 0;
    QList<qint64> m_pauseMarksMs;
    Error m_error = Error::None;
    QString m_errorString;
    TakeInfo m_lastTake;
    QThread *m_thread = nullptr; // owned; left running (leaked) only if capture hangs at exit
    CaptureWorker *m_worker = nullptr; // lives in m_thread, deleted when it finishes
    QTimer m_devicePoll; // while recording: is the device still listed?
};

} // namespace MockLoop
