#include "RenderedSpeech.h"

#include <QtEndian>

namespace MockLoop {

qint16 RenderedSpeech::sample(qint64 index) const
{
    if (index < 0 || index >= sampleCount())
        return 0;
    return qFromLittleEndian<qint16>(pcm.constData() + index * qsizetype(sizeof(qint16)));
}

SpeakingInterval RenderedSpeech::intervalStartingAt(qint64 startMs, qint64 tailMs) const
{
    return {startMs, startMs + durationMs() + qMax<qint64>(0, tailMs)};
}

QByteArray RenderedSpeech::toWav() const
{
    return Wav::canonicalHeader(format(), pcm.size()) + pcm;
}

RenderedSpeech RenderedSpeech::failure(const QString &text, VoiceError error)
{
    RenderedSpeech speech;
    speech.text = text;
    speech.error = std::move(error);
    return speech;
}

} // namespace MockLoop
