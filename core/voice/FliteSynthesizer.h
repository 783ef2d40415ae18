#pragma once

// Internal to core/voice: the one place that calls libflite.

#include "VoiceCatalog.h"
#include "VoiceError.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace MockLoop {

struct SynthesizedAudio
{
    int sampleRate = 0;
    QByteArray pcm; // little-endian signed 16-bit, one channel, at a level common to every voice
};

// Renders text with a libflite voice. Voices are loaded from their libraries (QLibrary) when first
// used and stay loaded for the life of the process, as libflite keeps pointers into them.
//
// Thread safety: libflite is not made to be called from several threads at once: registering a
// voice (register_cmu_us_*) and the US English lexicon (cmu_lex_init) check and set plain static
// variables; rendering at a rate writes the rate into the voice's shared feature list; and its
// error hook (cst_errjmp) is one global. So every call into libflite, from any FliteSynthesizer,
// holds one process-wide lock. Rendering a line takes tens of milliseconds of CPU (a 22-word
// question 0.08 s with slt), so one line at a time costs nothing the interviewer would notice.
//
// libflite ends the process (exit()) on an internal error unless cst_errjmp is set: each call sets
// it, so such an error becomes SynthesisFailed (what flite had allocated for that line is lost).
class FliteSynthesizer
{
public:
    // Speaking speed, relative to the voice's own.
    static constexpr double MinimumRate = 0.5;
    static constexpr double MaximumRate = 2.0;

    explicit FliteSynthesizer(QList<VoiceDescription> voices = VoiceCatalog::debianVoices());

    const QList<VoiceDescription> &voices() const { return m_voices; }

    // Loads voiceId now if it is not loaded yet (a few milliseconds); what is wrong, or nothing.
    std::optional<VoiceError> load(const QString &voiceId) const;

    std::variant<SynthesizedAudio, VoiceError> synthesize(const QString &text, const QString &voiceId,
                                                          double rate) const;

private:
    std::optional<VoiceError> find(const QString &voiceId, const VoiceDescription **voice) const;

    QList<VoiceDescription> m_voices;
};

} // namespace MockLoop
