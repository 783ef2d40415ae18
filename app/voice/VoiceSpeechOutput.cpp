#include "VoiceSpeechOutput.h"

#include "voice/InterviewerVoice.h"
#include "voice/SpeechPlayer.h"

namespace MockLoop {

VoiceSpeechOutput::VoiceSpeechOutput(InterviewerVoice *voice, QObject *parent)
    : SpeechOutput(parent)
    , m_voice(voice)
    , m_player(new SpeechPlayer(this))
{
    connect(&m_rendering, &QFutureWatcherBase::finished, this, &VoiceSpeechOutput::onRendered);
    connect(m_player, &SpeechPlayer::started, this, [this] {
        if (m_playing)
            Q_EMIT started(m_text, m_durationMs);
    });
    connect(m_player, &SpeechPlayer::finished, this, [this] {
        if (!std::exchange(m_playing, false))
            return;
        Q_EMIT finished(std::exchange(m_text, {}));
    });
    connect(m_player, &SpeechPlayer::errorOccurred, this, [this](const QString &message) {
        if (!std::exchange(m_playing, false))
            return;
        Q_EMIT failed(std::exchange(m_text, {}), message);
    });
}

VoiceSpeechOutput::~VoiceSpeechOutput()
{
    m_rendering.disconnect(this);
    m_player->disconnect(this);
}

void VoiceSpeechOutput::prepare(const QStringList &lines)
{
    m_voice->prepare(lines);
}

void VoiceSpeechOutput::say(const QString &text)
{
    cutShort();
    m_text = text;
    m_rendering.setFuture(m_voice->render(text));
}

void VoiceSpeechOutput::stop()
{
    cutShort();
}

bool VoiceSpeechOutput::isBusy() const
{
    return !m_text.isEmpty();
}

void VoiceSpeechOutput::setOutputDeviceId(const QByteArray &deviceId)
{
    m_player->setDeviceId(deviceId); // from the next line on
}

void VoiceSpeechOutput::cutShort()
{
    if (m_text.isEmpty())
        return;
    qint64 played = 0;
    if (std::exchange(m_playing, false)) {
        played = m_player->playedMs();
        m_player->stop();
    }
    // A line still rendering is dropped when it arrives: nothing waits for it any more.
    Q_EMIT stopped(std::exchange(m_text, {}), played);
}

void VoiceSpeechOutput::onRendered()
{
    const QFuture<RenderedSpeech> future = m_rendering.future();
    if (m_text.isEmpty() || m_playing || future.resultCount() == 0)
        return;
    const RenderedSpeech speech = future.result();
    if (speech.text != m_text)
        return; // cut short while it was rendered
    if (!speech.ok()) {
        Q_EMIT failed(std::exchange(m_text, {}), speech.error->message);
        return;
    }
    m_durationMs = speech.durationMs();
    m_playing = true;
    if (!m_player->play(speech)) // errorOccurred has ended the line
        m_playing = false;
}

} // namespace MockLoop
