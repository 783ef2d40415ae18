#include "SpeechPlayer.h"

#include "VoiceLogging.h"
#include "audio/AudioInputs.h"

#include <QAudioSink>
#include <QCoreApplication>
#include <QMediaDevices>

using namespace Qt::StringLiterals;

namespace MockLoop {

SpeechPlayer::SpeechPlayer(QObject *parent)
    : QObject(parent)
{
    m_drain.setSingleShot(true);
    connect(&m_drain, &QTimer::timeout, this, &SpeechPlayer::finishLine);
}

SpeechPlayer::~SpeechPlayer()
{
    release();
    // The sinks still waiting for the event loop go now, while the buffer they read is alive. Their
    // deferred deletions are taken back first: the events a sink's destructor processes would
    // otherwise delete it, or the next one, a second time.
    const QList<QAudioSink *> retired = findChildren<QAudioSink *>(Qt::FindDirectChildrenOnly);
    for (QAudioSink *sink : retired)
        QCoreApplication::removePostedEvents(sink, QEvent::DeferredDelete);
    qDeleteAll(retired);
}

QAudioDevice SpeechPlayer::output() const
{
    const QAudioDevice chosen = AudioInputs::findById(QMediaDevices::audioOutputs(), m_deviceId);
    return chosen.isNull() ? QMediaDevices::defaultAudioOutput() : chosen;
}

bool SpeechPlayer::play(const RenderedSpeech &speech)
{
    if (m_sink) {
        const qint64 played = playedMs();
        release();
        Q_EMIT stopped(played);
    }
    if (!speech.ok() || speech.pcm.isEmpty() || speech.sampleRate <= 0) {
        Q_EMIT errorOccurred(speech.error ? speech.error->message : tr("The interviewer's line has no audio to play."));
        return false;
    }

    QAudioFormat format;
    format.setSampleRate(speech.sampleRate);
    format.setChannelCount(1);
    format.setSampleFormat(QAudioFormat::Int16);
    const QAudioDevice output = this->output();
    if (output.isNull()) {
        Q_EMIT errorOccurred(tr("There is no audio output to play the interviewer's voice on."));
        return false;
    }

    m_pcm = speech.pcm;
    m_text = speech.text;
    m_durationMs = speech.durationMs();
    m_lastPlayedMs = 0;
    m_started = false;
    m_buffer.setData(m_pcm);
    m_buffer.open(QIODevice::ReadOnly);
    m_sink = new QAudioSink(output, format, this);
    connect(m_sink, &QAudioSink::stateChanged, this, &SpeechPlayer::onStateChanged);
    m_sink->start(&m_buffer);
    if (m_sink->error() != QAudio::NoError) {
        release();
        Q_EMIT errorOccurred(tr("The audio output %1 cannot play the interviewer's voice.").arg(output.description()));
        return false;
    }
    qCDebug(lcVoice) << "speaking" << m_durationMs << "ms on" << output.description() << ":" << m_text.left(60);
    return true;
}

void SpeechPlayer::stop()
{
    if (!m_sink)
        return;
    const qint64 played = playedMs();
    release();
    Q_EMIT stopped(played);
}

qint64 SpeechPlayer::playedMs() const
{
    if (!m_sink)
        return m_lastPlayedMs;
    return std::min(m_durationMs, m_sink->processedUSecs() / 1000);
}

void SpeechPlayer::onStateChanged()
{
    if (!m_sink)
        return;
    switch (m_sink->state()) {
    case QAudio::ActiveState:
        if (!std::exchange(m_started, true))
            Q_EMIT started();
        break;
    case QAudio::IdleState:
        // Out of data: the whole line has gone to the output, which still holds its last part.
        if (m_buffer.handedOver() && !m_drain.isActive()) {
            const qint64 heldBytes = qMax<qint64>(0, m_sink->bufferSize() - m_sink->bytesFree());
            m_drain.start(int(m_sink->format().durationForBytes(qint32(heldBytes)) / 1000));
        }
        break;
    case QAudio::StoppedState:
        if (m_sink->error() != QAudio::NoError) {
            const qint64 played = playedMs();
            release();
            m_lastPlayedMs = played;
            Q_EMIT errorOccurred(tr("The interviewer's voice stopped: the audio output failed."));
        }
        break;
    case QAudio::SuspendedState:
        break;
    }
}

void SpeechPlayer::finishLine()
{
    if (!m_sink)
        return;
    release();
    m_lastPlayedMs = m_durationMs;
    Q_EMIT finished(m_durationMs);
}

void SpeechPlayer::release()
{
    m_drain.stop();
    if (!m_sink)
        return;
    m_lastPlayedMs = playedMs();
    QAudioSink *sink = std::exchange(m_sink, nullptr);
    sink->disconnect(this);
    // Drop what the output still holds, then stop: silent at once, with nothing left to drain.
    sink->reset();
    sink->stop();
    m_buffer.close();
    sink->deleteLater();
}

} // namespace MockLoop
