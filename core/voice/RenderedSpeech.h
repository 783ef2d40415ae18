#pragma once

#include "VoiceError.h"
#include "audio/WavFormat.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace MockLoop {

// A stretch of the take, in milliseconds from its first sample, while the interviewer speaks: the
// session marks it in the take and the analysis leaves it out (AnswerContext::excluded), so a
// candidate practising on speakers is not scored on the interviewer's words.
struct SpeakingInterval
{
    qint64 startMs = 0;
    qint64 endMs = 0;

    qint64 durationMs() const { return endMs - startMs; }
    friend bool operator==(const SpeakingInterval &, const SpeakingInterval &) = default;
};

// One line in the interviewer's voice: mono signed 16-bit PCM at the voice's sample rate, or the
// error that prevented it. A plain value; the samples are shared between copies (QByteArray), so
// handing the same cached line out many times costs nothing.
struct RenderedSpeech
{
    // How the line came to be, for statistics and the benchmark.
    enum class Source { Rendered, MemoryCache, DiskCache };

    // Sound from the speakers reaches the microphone late (the output's and the input's buffers,
    // 50 to 200 ms on PulseAudio) and rings on in the room: the speaking interval runs this much
    // past the end of the audio.
    static constexpr qint64 DefaultTailMs = 300;

    QString text; // as asked
    QString voiceId;
    double rate = 1.0; // speaking speed, 1 = the voice's own
    double volume = 1.0; // 0 to 1, applied to the samples
    int sampleRate = 0;
    QByteArray pcm; // little-endian signed 16-bit samples, one channel
    Source source = Source::Rendered;
    std::optional<VoiceError> error;

    bool ok() const { return !error.has_value(); }
    qint64 sampleCount() const { return pcm.size() / qsizetype(sizeof(qint16)); }
    qint64 durationMs() const { return sampleRate > 0 ? sampleCount() * 1000 / sampleRate : 0; }
    PcmFormat format() const { return {sampleRate, 1, 16}; }
    qint16 sample(qint64 index) const;

    // Where the interviewer is heard in a take when playback starts at startMs of it.
    SpeakingInterval intervalStartingAt(qint64 startMs, qint64 tailMs = DefaultTailMs) const;

    // The audio as a WAV file's bytes (the canonical 44-byte header, then the samples).
    QByteArray toWav() const;

    static RenderedSpeech failure(const QString &text, VoiceError error);
};

} // namespace MockLoop
