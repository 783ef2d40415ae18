#include "PocketsphinxDecoder.h"

#include "AnalysisLogging.h"
#include "SpeechModel.h"

#include <QCoreApplication>
#include <QFile>

#include <pocketsphinx.h>
#include <sphinxbase/ckd_alloc.h>
#include <sphinxbase/err.h>
#include <sphinxbase/ngram_model.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <mutex>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct DecoderText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::SpeechModel)
};

// Filled pauses, added to the language model under names of their own as unigrams much likelier
// than the model's own "um" and "uh" (which it almost never picks): measured on flite answers with
// inserted fillers, this finds about half of them with no false alarms once confidence and
// length are checked (AnswerAssembler), at no extra decoding cost. The research note's
// alternative, interpolating a small filler language model, found as many but doubled the
// decoding time; a filler dictionary (-fdict) with these makes pocketsphinx assert. "er" is left
// out: the recogniser then hears it at the end of "partner", "customer", "earlier".
struct FillerWord
{
    const char *name;
    const char *phones;
    const char *text;
};
constexpr std::array FillerWords{
    FillerWord{"um_filler", "AH M", "um"},
    FillerWord{"uh_filler", "AH", "uh"},
    FillerWord{"ah_filler", "AA", "ah"},
    FillerWord{"hmm_filler", "HH M", "hmm"},
};
// The added words' weight relative to a uniform unigram (ngram_model_add_word()); see above.
constexpr float FillerWeight = 30000.f;
// The model's own spellings of filled pauses, treated the same way when it hears them.
constexpr std::array DictionaryFillers{"um", "umm", "uh", "ah", "hmm", "hm", "mm"};

// pocketsphinx logs every step to stderr; its log goes to the analysis category at debug level.
void forwardLog(void *, err_lvl_t, const char *format, ...)
{
    if (!lcAnalysis().isDebugEnabled())
        return;
    char line[512];
    va_list arguments;
    va_start(arguments, format);
    std::vsnprintf(line, sizeof line, format, arguments);
    va_end(arguments);
    qCDebug(lcAnalysis).noquote() << "pocketsphinx:" << QString::fromLocal8Bit(line).trimmed();
}

bool isVowel(const QByteArray &phone)
{
    static constexpr std::array Vowels{"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER",
                                       "EY", "IH", "IY", "OW", "OY", "UH", "UW"};
    return std::any_of(Vowels.begin(), Vowels.end(), [&phone](const char *vowel) { return phone == vowel; });
}

} // namespace

struct PocketsphinxDecoder::Handles
{
    cmd_ln_t *config = nullptr;
    ps_decoder_t *decoder = nullptr;

    ~Handles()
    {
        if (decoder)
            ps_free(decoder);
        if (config)
            cmd_ln_free_r(config);
    }
};

Expected<std::unique_ptr<PocketsphinxDecoder>> PocketsphinxDecoder::create(const SpeechModelPaths &paths)
{
    static std::once_flag logRedirected;
    std::call_once(logRedirected, [] {
        // No log file first (ps_init prints its whole configuration to it), then the callback.
        err_set_logfp(nullptr);
        err_set_callback(forwardLog, nullptr);
    });

    const QByteArray acoustic = QFile::encodeName(paths.acousticModel);
    const QByteArray language = QFile::encodeName(paths.languageModel);
    const QByteArray dictionary = QFile::encodeName(paths.dictionary);
    auto handles = std::make_unique<Handles>();
    // Silence removal off: it drops the quiet frames, so word times drift away from the audio
    // (a 69.7 s file ended at 60.1 s); the voice activity detector cuts utterances instead.
    handles->config = cmd_ln_init(nullptr, ps_args(), TRUE, "-hmm", acoustic.constData(), "-lm", language.constData(),
                                  "-dict", dictionary.constData(), "-remove_silence", "no", nullptr);
    if (handles->config)
        handles->decoder = ps_init(handles->config);
    if (!handles->decoder) {
        return AnalysisError{AnalysisError::Kind::ModelBroken,
                             DecoderText::tr("The speech model in %1 could not be loaded; it may be damaged. "
                                             "Reinstall it: sudo apt-get install --reinstall pocketsphinx-en-us")
                                 .arg(paths.acousticModel)};
    }
    // The search that -lm makes is named "_default" (PS_DEFAULT_SEARCH, an internal header). Asking
    // ps_get_search() for the name instead leaks a hash-table iterator on every call in Debian 12's
    // pocketsphinx (5prealpha), which LeakSanitizer reports against every decoder made.
    ngram_model_t *languageModel = ps_get_lm(handles->decoder, "_default");
    if (!languageModel)
        qCWarning(lcAnalysis)
            << "the speech model's language model was not found; likely fillers are weighted as any word";
    for (std::size_t i = 0; i < FillerWords.size(); ++i) {
        const FillerWord &filler = FillerWords[i];
        if (languageModel)
            ngram_model_add_word(languageModel, filler.name, FillerWeight);
        // Rebuilding the search once, after the last word.
        if (ps_add_word(handles->decoder, filler.name, filler.phones, i + 1 == FillerWords.size()) < 0)
            qCWarning(lcAnalysis) << "could not add the filler word" << filler.name;
    }
    return std::unique_ptr<PocketsphinxDecoder>(new PocketsphinxDecoder(std::move(handles)));
}

PocketsphinxDecoder::PocketsphinxDecoder(std::unique_ptr<Handles> handles)
    : m_handles(std::move(handles))
{ }

PocketsphinxDecoder::~PocketsphinxDecoder() = default;

int PocketsphinxDecoder::syllablesOf(const char *dictionaryWord)
{
    const QByteArray key(dictionaryWord);
    const auto known = m_syllables.constFind(key);
    if (known != m_syllables.cend())
        return *known;
    int vowels = 0;
    if (char *phones = ps_lookup_word(m_handles->decoder, dictionaryWord)) {
        for (const QByteArray &phone : QByteArray(phones).split(' '))
            vowels += isVowel(phone) ? 1 : 0;
        ckd_free(phones);
    }
    m_syllables.insert(key, vowels);
    return vowels;
}

QList<RecognizedWord> PocketsphinxDecoder::recognize(const qint16 *samples, qsizetype count, qint64 offsetMs)
{
    QList<RecognizedWord> words;
    ps_decoder_t *decoder = m_handles->decoder;
    // A stream of its own for each utterance: frame numbers then count from its first sample.
    if (ps_start_stream(decoder) < 0 || ps_start_utt(decoder) < 0)
        return words;
    ps_process_raw(decoder, samples, size_t(count), FALSE, TRUE);
    if (ps_end_utt(decoder) < 0)
        return words;
    logmath_t *logmath = ps_get_logmath(decoder);
    for (ps_seg_t *segment = ps_seg_iter(decoder); segment; segment = ps_seg_next(segment)) {
        const char *dictionaryWord = ps_seg_word(segment);
        // Silence, sentence marks and noise: <s>, </s>, <sil>, [NOISE], [SPEECH].
        if (!dictionaryWord || dictionaryWord[0] == '<' || dictionaryWord[0] == '[')
            continue;
        int startFrame = 0;
        int endFrame = 0;
        ps_seg_frames(segment, &startFrame, &endFrame);
        int32 acoustic = 0;
        int32 language = 0;
        int32 backoff = 0;
        const double posterior = logmath_exp(logmath, ps_seg_prob(segment, &acoustic, &language, &backoff));

        QByteArray text(dictionaryWord);
        if (const qsizetype alternate = text.indexOf('('); alternate > 0)
            text.truncate(alternate); // "and(2)": the second pronunciation of "and"
        RecognizedWord word;
        word.startMs = offsetMs + qint64(startFrame) * 10;
        word.endMs = offsetMs + qint64(endFrame + 1) * 10;
        word.confidence = std::clamp(posterior, 0.0, 1.0);
        word.syllables = syllablesOf(dictionaryWord);
        const auto added = std::find_if(FillerWords.begin(), FillerWords.end(),
                                        [&text](const FillerWord &filler) { return text == filler.name; });
        if (added != FillerWords.end()) {
            word.text = QString::fromLatin1(added->text);
            word.likelyFiller = true;
        } else {
            word.text = QString::fromUtf8(text);
            word.likelyFiller = std::any_of(DictionaryFillers.begin(), DictionaryFillers.end(),
                                            [&text](const char *filler) { return text == filler; });
        }
        words.append(word);
    }
    return words;
}

} // namespace MockLoop
