#pragma once

#include "SpeechOutput.h"
#include "voice/RenderedSpeech.h"

#include <QFutureWatcher>

namespace MockLoop {

class InterviewerVoice;
class SpeechPlayer;

// The interviewer's voice for real: each line rendered by InterviewerVoice (at once when it was
// prepared or cached) and played by SpeechPlayer on the chosen audio output.
class VoiceSpeechOutput : public SpeechOutput
{
    Q_OBJECT

public:
    explicit VoiceSpeechOutput(InterviewerVoice *voice, QObject *parent = nullptr);
    ~VoiceSpeechOutput() override;

    void prepare(const QStringList &lines) override;
    void say(const QString &text) override;
    void stop() override;
    bool isBusy() const override;
    void setOutputDeviceId(const QByteArray &deviceId) override;

    SpeechPlayer *player() const { return m_player; }

private:
    void onRendered();
    // Ends the line being said, if any, with stopped().
    void cutShort();

    InterviewerVoice *m_voice;
    SpeechPlayer *m_player;
    QFutureWatcher<RenderedSpeech> m_rendering;
    QString m_text; // the line being rendered or said; empty: none
    qint64 m_durationMs = 0;
    bool m_playing = false;
};

} // namespace MockLoop
