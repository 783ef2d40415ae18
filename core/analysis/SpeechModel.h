#pragma once

#include "AnalysisError.h"
#include "AnswerAnalysis.h"

#include <QString>

#include <memory>
#include <optional>
#include <stop_token>

namespace MockLoop {

class PocketsphinxDecoder;

// Where the speech model's files are: by default those of the Debian package pocketsphinx-en-us
// (CMU Sphinx's US English model: acoustic model, language model and pronouncing dictionary).
struct SpeechModelPaths
{
    QString acousticModel; // folder: mdef, means, variances, transition_matrices, sendump, ...
    QString languageModel; // en-us.lm.bin
    QString dictionary; // cmudict-en-us.dict
    // dpkg's checksums of the package, to tell a damaged model before pocketsphinx reads it (it
    // ends the process on some damaged files instead of reporting them); paths in it are relative
    // to checksumRoot. Files it does not list are checked by their headers only.
    QString checksumList;
    QString checksumRoot;

    // /usr/share/pocketsphinx/model/en-us, or the folder in $MOCKLOOP_SPEECH_MODEL (laid out the
    // same way: en-us/, en-us.lm.bin, cmudict-en-us.dict).
    static SpeechModelPaths debianDefault();
    static QString defaultFolder(); // debianDefault()'s folder
    static SpeechModelPaths inFolder(const QString &folder);
};

// Lends a decoder for the time it is held; moves, does not copy.
class DecoderLease
{
public:
    DecoderLease(DecoderLease &&other) noexcept;
    DecoderLease &operator=(DecoderLease &&other) noexcept;
    ~DecoderLease(); // gives the decoder back
    PocketsphinxDecoder &decoder() const { return *m_decoder; }

private:
    friend class SpeechModel;
    struct Pool;
    DecoderLease(std::shared_ptr<Pool> pool, std::unique_ptr<PocketsphinxDecoder> decoder);

    std::shared_ptr<Pool> m_pool;
    std::unique_ptr<PocketsphinxDecoder> m_decoder;
};

// The speech model, loaded once and shared: create one for the app (or use shared()) and hand it
// to every analyser. Loading is lazy (about a second and 100 MB, on the first analysis, in that
// analysis's thread) and thread-safe. A pocketsphinx decoder serves one thread at a time, and each
// holds a whole copy of the model, so the model keeps one decoder (maxDecoders) and lends it for
// one utterance at a time (recognize()): analyses running at once take turns, utterance by
// utterance. That is exact, not an approximation: the model normalises each utterance on its own
// (cepstral mean "batch"), so nothing of one utterance carries into the next. An answer being
// recorded goes first: while one is (LiveUse), background analyses wait between utterances.
class SpeechModel
{
public:
    static constexpr int DefaultMaxDecoders = 1;

    // Who asks: the answer being recorded, or a take analysed in the background.
    enum class Use { Live, Background };

    // Held while an answer is being recorded and analysed live: background analyses pause
    // between their utterances meanwhile, so that the answer's feedback never waits behind them.
    class LiveUse
    {
    public:
        LiveUse(LiveUse &&other) noexcept;
        LiveUse &operator=(LiveUse &&other) = delete;
        ~LiveUse();

    private:
        friend class SpeechModel;
        explicit LiveUse(std::shared_ptr<DecoderLease::Pool> pool);
        std::shared_ptr<DecoderLease::Pool> m_pool;
    };

    explicit SpeechModel(SpeechModelPaths paths = SpeechModelPaths::debianDefault(),
                         int maxDecoders = DefaultMaxDecoders);
    ~SpeechModel();
    Q_DISABLE_COPY_MOVE(SpeechModel)

    // The process-wide model on the default paths (the command line uses it).
    static std::shared_ptr<SpeechModel> shared();

    const SpeechModelPaths &paths() const { return m_paths; }

    // What load() checks before pocketsphinx reads a file (each file there, not empty, starting as
    // its kind does, and as the package installed it), without loading anything: a missing or
    // damaged model is found in a fraction of a second (reading about 40 MB) and 100 MB lighter.
    static std::optional<AnalysisError> checkFiles(const SpeechModelPaths &paths);

    // Checks the files and loads the model now, if it is not loaded yet: for warming it up in the
    // background. Returns what is wrong (missing package, damaged file) or nothing. A failed
    // load is tried again next time (the package may have been installed meanwhile).
    std::optional<AnalysisError> load();

    // A decoder; loads the model first if need be. Waits while maxDecoders are lent out (and, for
    // Use::Background, while an answer is being recorded), until one comes back or stop is
    // requested (Cancelled). Hold it for one utterance: others are waiting.
    Expected<DecoderLease> acquire(std::stop_token stop = {}, Use use = Use::Background);

    // Recognises one utterance (PocketsphinxDecoder::recognize) with a decoder lent for it.
    Expected<QList<RecognizedWord>> recognize(const qint16 *samples, qsizetype count, qint64 offsetMs, Use use,
                                              std::stop_token stop);

    LiveUse beginLiveUse();

    // How many copies of the model are in memory (decoders made): 1 once loaded, whatever runs.
    int decodersLoaded() const;

private:
    SpeechModelPaths m_paths;
    std::shared_ptr<DecoderLease::Pool> m_pool;
};

} // namespace MockLoop
