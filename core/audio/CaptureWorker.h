#pragma once

#include "AudioRecorder.h"
#include "LevelMeter.h"
#include "TakeInfo.h"
#include "WavWriter.h"

#include <QAudio>
#include <QAudioDevice>
#include <QElapsedTimer>
#include <QIODevice>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>
#include <vector>

class QAudioSource;

namespace MockLoop {

// AudioRecorder's half on the capture thread: owns the QAudioSource (push mode) and the
// WavWriter; everything here runs in that thread, commands arrive as queued calls.
class CaptureWorker : public QObject
{
    Q_OBJECT

public:
    // How long stop() keeps reading, so the last words before the click are in the take.
    static constexpr std::chrono::milliseconds StopDrain{120};

    explicit CaptureWorker(QObject *parent = nullptr);
    ~CaptureWorker() override;

    // continueTake: go on with the take at wavPath if there is one (AudioRecorder::TakeMode).
    // sink: told of the take's PCM as it is written, if the take begins.
    void start(const QString &wavPath, const QAudioDevice &device, std::chrono::milliseconds stallTimeout,
               const TakeSubject &subject, bool continueTake, std::shared_ptr<PcmSink> sink = {});
    void pause();
    void resume();
    void stop();
    void deviceGone(); // the recorder saw the device vanish from the list of inputs
    void shutdown(); // finishes a take at once, then ends the thread

Q_SIGNALS:
    void started(const MockLoop::TakeInfo &take);
    void startFailed(MockLoop::AudioRecorder::Error error, const QString &message);
    void levelMeasured(MockLoop::AudioLevel level);
    void paused(qint64 markMs);
    void failed(MockLoop::AudioRecorder::Error error, const QString &message);
    // kept: the take is on disk (take.complete tells whether as a finished WAV); false when it
    // held no audio and was removed.
    void finished(const MockLoop::TakeInfo &take, bool kept);

private:
    // Opens the writer for a new take, or reopens the take being continued; the capture format
    // (invalid: refused, startFailed() emitted).
    QAudioFormat openWriter(const QString &wavPath, const QAudioDevice &device, bool continueTake);
    void readAvailable();
    void consume(const qint16 *buffer, qint64 bytes); // bytes as delivered by the device
    void onSourceStateChanged(QAudio::State state);
    void checkStall();
    void fail(AudioRecorder::Error error, const QString &message);
    void finishTake();
    void closeSource();
    void writeSidecar();
    QString deviceName() const;
    // problem, then what became of the take: saved (how long) or nothing recorded.
    QString withWhatWasKept(const QString &problem) const;

    QAudioSource *m_source = nullptr; // child of this
    // Belongs to m_source, which deletes it in push mode on stop() and also on its own when the
    // sound server goes away (Qt 6.4, PulseAudio): hence a guarded pointer.
    QPointer<QIODevice> m_io;
    QAudioFormat::SampleFormat m_sampleFormat = QAudioFormat::Int16; // as the device delivers it
    WavWriter m_writer;
    std::shared_ptr<PcmSink> m_sink; // while a take it was given to is open
    LevelMeter m_meter;
    TakeInfo m_take;
    std::vector<qint16> m_buffer; // what the device delivers (in its sample format), read as bytes
    std::vector<qint16> m_converted;
    bool m_active = false;
    bool m_paused = false;
    bool m_stopping = false;
    bool m_finishing = false;
    std::chrono::milliseconds m_stallTimeout{3000};
    QElapsedTimer m_sinceData; // monotonic: a suspended laptop does not count as a stall
    QTimer m_stallTimer;
    QTimer m_stopTimer;
};

} // namespace MockLoop
