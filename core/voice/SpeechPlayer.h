#pragma once

#include "RenderedSpeech.h"

#include <QAudioDevice>
#include <QBuffer>
#include <QObject>
#include <QTimer>

class QAudioSink;

namespace MockLoop {

// Plays the interviewer's lines on an audio output (Qt Multimedia's QAudioSink, fed from memory):
// one line at a time, started and stopped at once. The session marks in the take where the line
// was heard (RenderedSpeech::intervalStartingAt with the take's position at started(), cut short
// at playedMs() when stopped), so the analysis leaves the interviewer's words out.
//
// Never blocks: play() hands the samples to the output and returns; the signals come from the
// output's state changes. finished() comes once the output has played what it still held after
// the last sample (so think time can start when the reading ends); stop() drops what is still
// buffered (QAudioSink::reset) before it stops, so the voice goes quiet at once rather than after
// the output's buffer has drained.
class SpeechPlayer : public QObject
{
    Q_OBJECT

public:
    explicit SpeechPlayer(QObject *parent = nullptr);
    ~SpeechPlayer() override;

    // The output to play on, by QAudioDevice::id(), from the next line on; empty (the default),
    // or an output not connected when a line starts, plays on the system's default output.
    void setDeviceId(const QByteArray &deviceId) { m_deviceId = deviceId; }
    QByteArray deviceId() const { return m_deviceId; }
    // The output a line started now would play on; null when there is none.
    QAudioDevice output() const;

    // Plays speech from its start, cutting short a line still playing (stopped()). False, with
    // errorOccurred(), when speech holds no audio or the output cannot start.
    bool play(const RenderedSpeech &speech);
    // Silences the line at once (the V key); stopped() tells how much was heard.
    void stop();

    bool isSpeaking() const { return m_sink != nullptr; }
    // How much of the current (or last) line the output has played, in milliseconds.
    qint64 playedMs() const;
    const QString &text() const { return m_text; }

Q_SIGNALS:
    void started(); // the output has begun playing the line
    void finished(qint64 playedMs); // played to its end
    void stopped(qint64 playedMs); // cut short by stop(), or by play() of another line
    void errorOccurred(const QString &message);

private:
    // The line's samples as the output reads them. Never at its end: Qt 6.4's PulseAudio sink,
    // running dry at the end of its source, asks the server to drain the stream and hands it
    // itself as the answer's callback data; a sink deleted before the answer comes is then written
    // to from PulseAudio's thread (a crash seen in CI as a line ended). Not at its end, the sink
    // leaves the drain to its own close(), which passes no callback data. The player knows where
    // the line ends without it (handedOver()).
    class LineAudio : public QBuffer
    {
    public:
        bool atEnd() const override { return false; }
        bool handedOver() const { return isOpen() && pos() >= size(); }
    };

    void onStateChanged();
    void finishLine();
    void release();

    QByteArray m_deviceId;
    // Parented to the player: a sink taken out of use is deleted later, from the event loop,
    // because deleting Qt 6.4's PulseAudio sink processes events (inside play() or stop(), that
    // would run other code halfway through them).
    QAudioSink *m_sink = nullptr;
    LineAudio m_buffer;
    QTimer m_drain; // from the last sample handed over to the last one heard
    QByteArray m_pcm;
    QString m_text;
    qint64 m_durationMs = 0;
    qint64 m_lastPlayedMs = 0;
    bool m_started = false;
};

} // namespace MockLoop
