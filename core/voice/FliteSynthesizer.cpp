#include "FliteSynthesizer.h"

#include "SpeakableText.h"
#include "VoiceLogging.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLibrary>
#include <QtEndian>

#include <flite/flite.h>

#include <cmath>
#include <csetjmp>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct VoiceText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::InterviewerVoice)
};

// Every voice is brought to about the same loudness, so that changing the voice does not change
// the volume: flite's voices differ by 14 dB (slt speaks at about -15 dBFS, kal16 at -29 dBFS).
// The speech is scaled towards this RMS level (-18 dBFS), as far as its peaks allow (-1 dBFS).
constexpr double TargetRms = 4100;
constexpr double PeakLimit = 29000;

using RegisterVoice = cst_voice *(*)(const char *voxdir);

struct LoadedVoice
{
    cst_voice *voice = nullptr;
    float ownStretch = 1; // the voice's duration_stretch: its own speed (kal16 speaks 10% slower)
};

// Everything below is guarded by fliteLock(): see FliteSynthesizer.h.
std::mutex &fliteLock()
{
    static std::mutex lock;
    return lock;
}

bool fliteReady = false;

// By library name; never unloaded, since libflite keeps pointers into each voice's library.
std::unordered_map<std::string, LoadedVoice> &loadedVoices()
{
    static std::unordered_map<std::string, LoadedVoice> voices;
    return voices;
}

// The libraries behind them, kept (destroying a QLibrary does not unload it).
std::vector<std::unique_ptr<QLibrary>> &voiceLibraries()
{
    static std::vector<std::unique_ptr<QLibrary>> libraries;
    return libraries;
}

// Calls into libflite that may end in cst_error(): it then jumps back here instead of ending the
// process. Nothing with a destructor may live in these functions (longjmp would skip it).
cst_wave *textToWave(const char *text, cst_voice *voice)
{
    std::jmp_buf jump;
    std::jmp_buf *const previous = cst_errjmp;
    cst_wave *volatile wave = nullptr;
    cst_errjmp = &jump;
    if (setjmp(jump) == 0)
        wave = flite_text_to_wave(text, voice);
    cst_errjmp = previous;
    return wave;
}

cst_voice *registerVoice(RegisterVoice registerFunction)
{
    std::jmp_buf jump;
    std::jmp_buf *const previous = cst_errjmp;
    cst_voice *volatile voice = nullptr;
    cst_errjmp = &jump;
    if (setjmp(jump) == 0)
        voice = registerFunction(nullptr);
    cst_errjmp = previous;
    return voice;
}

QString shownLine(const QString &text)
{
    const QString simplified = text.simplified();
    return simplified.size() <= 60 ? simplified : simplified.left(57) + u"..."_s;
}

VoiceError unknownVoice(const QString &voiceId, const QList<VoiceDescription> &voices)
{
    QStringList ids;
    for (const VoiceDescription &voice : voices)
        ids.append(voice.id);
    return {VoiceError::Kind::UnknownVoice,
            VoiceText::tr("There is no interviewer voice named \"%1\"; the voices are %2. Choose one in Settings.")
                .arg(shownLine(voiceId), ids.join(u", "_s))};
}

// Loads the voice's library and registers the voice, under fliteLock().
std::variant<LoadedVoice, VoiceError> loadLocked(const VoiceDescription &description)
{
    const std::string key = description.library.toStdString();
    if (const auto found = loadedVoices().find(key); found != loadedVoices().end())
        return found->second;
    if (!fliteReady) {
        flite_init();
        fliteReady = true;
    }
    QElapsedTimer timer;
    timer.start();
    auto library = std::make_unique<QLibrary>(description.library, description.libraryMajorVersion);
    const QString fileName = u"lib%1.so.%2"_s.arg(description.library).arg(description.libraryMajorVersion);
    if (!library->load()) {
        return VoiceError{VoiceError::Kind::VoiceNotInstalled,
                          VoiceText::tr("The interviewer's voice %1 is not installed: its library %2 cannot be "
                                        "loaded (%3). Install the Debian package %4 (sudo apt-get install %4), or "
                                        "choose another voice in Settings.")
                              .arg(description.id, fileName, library->errorString(), description.package)};
    }
    const auto registerFunction
        = reinterpret_cast<RegisterVoice>(library->resolve(description.registerFunction.constData()));
    cst_voice *voice = registerFunction ? registerVoice(registerFunction) : nullptr;
    if (!voice) {
        return VoiceError{VoiceError::Kind::VoiceNotInstalled,
                          VoiceText::tr("The interviewer's voice %1 is damaged: %2 holds no voice that libflite can "
                                        "use. Reinstall the Debian package %3 (sudo apt-get install --reinstall %3), "
                                        "or choose another voice in Settings.")
                              .arg(description.id, fileName, description.package)};
    }
    voiceLibraries().push_back(std::move(library)); // stays loaded for the life of the process
    const LoadedVoice loaded{voice, flite_get_param_float(voice->features, "duration_stretch", 1.0f)};
    loadedVoices().emplace(key, loaded);
    qCDebug(lcVoice) << "voice" << description.id << "loaded from" << fileName << "in" << timer.elapsed() << "ms";
    return loaded;
}

// Scales the samples to the common level and stores them little-endian.
QByteArray leveledPcm(const short *samples, int count)
{
    double sumOfSquares = 0;
    int peak = 0;
    for (int i = 0; i < count; ++i) {
        sumOfSquares += double(samples[i]) * samples[i];
        peak = std::max(peak, std::abs(int(samples[i])));
    }
    const double rms = count > 0 ? std::sqrt(sumOfSquares / count) : 0;
    const double gain = rms > 0 && peak > 0 ? std::min(TargetRms / rms, PeakLimit / peak) : 1.0;
    QByteArray pcm(qsizetype(count) * qsizetype(sizeof(qint16)), Qt::Uninitialized);
    char *out = pcm.data();
    for (int i = 0; i < count; ++i) {
        const long scaled = std::lround(samples[i] * gain);
        qToLittleEndian<qint16>(qint16(std::clamp<long>(scaled, -32768, 32767)), out + i * qsizetype(sizeof(qint16)));
    }
    return pcm;
}

} // namespace

FliteSynthesizer::FliteSynthesizer(QList<VoiceDescription> voices)
    : m_voices(std::move(voices))
{ }

std::optional<VoiceError> FliteSynthesizer::find(const QString &voiceId, const VoiceDescription **voice) const
{
    *voice = VoiceCatalog::find(m_voices, voiceId);
    if (!*voice)
        return unknownVoice(voiceId, m_voices);
    return std::nullopt;
}

std::optional<VoiceError> FliteSynthesizer::load(const QString &voiceId) const
{
    const VoiceDescription *description = nullptr;
    if (auto error = find(voiceId, &description))
        return error;
    const std::lock_guard lock(fliteLock());
    auto loaded = loadLocked(*description);
    if (auto *error = std::get_if<VoiceError>(&loaded))
        return *error;
    return std::nullopt;
}

std::variant<SynthesizedAudio, VoiceError> FliteSynthesizer::synthesize(const QString &text, const QString &voiceId,
                                                                        double rate) const
{
    const VoiceDescription *description = nullptr;
    if (auto error = find(voiceId, &description))
        return *error;
    const QByteArray speakable = speakableText(text);
    if (speakable.isEmpty()) {
        return VoiceError{VoiceError::Kind::NothingToSay,
                          VoiceText::tr("There is nothing to say in \"%1\": it holds no words.").arg(shownLine(text))};
    }

    const std::lock_guard lock(fliteLock());
    auto loaded = loadLocked(*description);
    if (auto *error = std::get_if<VoiceError>(&loaded))
        return *error;
    const LoadedVoice &voice = std::get<LoadedVoice>(loaded);
    // duration_stretch lengthens every sound: a rate of 2 halves the voice's own stretch.
    const double clampedRate = std::clamp(rate, MinimumRate, MaximumRate);
    flite_feat_set_float(voice.voice->features, "duration_stretch", float(voice.ownStretch / clampedRate));
    // The clustergen voices' excitation noise comes from rand(): seeded alike, a line always sounds
    // the same, so a line rendered again matches its cached copy. (Nothing else in MockLoop uses
    // rand(); Qt and pocketsphinx have generators of their own.)
    std::srand(1);
    cst_wave *wave = textToWave(speakable.constData(), voice.voice);
    if (!wave || !wave->samples || wave->num_samples <= 0 || wave->num_channels != 1 || wave->sample_rate <= 0) {
        if (wave)
            delete_wave(wave);
        return VoiceError{VoiceError::Kind::SynthesisFailed,
                          VoiceText::tr("The interviewer's voice %1 could not say \"%2\" (libflite gave up on it).")
                              .arg(description->id, shownLine(text))};
    }
    SynthesizedAudio audio{wave->sample_rate, leveledPcm(wave->samples, wave->num_samples)};
    delete_wave(wave);
    return audio;
}

} // namespace MockLoop
