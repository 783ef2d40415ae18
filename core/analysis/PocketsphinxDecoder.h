#pragma once

#include "AnalysisError.h"
#include "AnswerAnalysis.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace MockLoop {

struct SpeechModelPaths;

// One pocketsphinx decoder, the one wrapper around pocketsphinx's handles (its configuration and
// decoder), with the filler words added to its vocabulary. Not thread-safe: one thread at a time
// (SpeechModel lends each to one analysis). Internal to core/analysis.
class PocketsphinxDecoder
{
public:
    // Loads the model at paths (already checked by SpeechModel); ModelBroken when pocketsphinx
    // refuses it.
    static Expected<std::unique_ptr<PocketsphinxDecoder>> create(const SpeechModelPaths &paths);
    ~PocketsphinxDecoder();
    Q_DISABLE_COPY_MOVE(PocketsphinxDecoder)

    // Recognises one utterance of 16 kHz mono audio, decoded as a whole (so cepstral mean
    // normalisation sees all of it), silence removal off (so word times match the audio). Word
    // times count from the utterance's first sample plus offsetMs. Filler words (um, uh, ah, hmm)
    // come back with likelyFiller set, whatever their confidence: AnswerAssembler decides which
    // are likely enough to keep.
    QList<RecognizedWord> recognize(const qint16 *samples, qsizetype count, qint64 offsetMs);

private:
    struct Handles;
    explicit PocketsphinxDecoder(std::unique_ptr<Handles> handles);
    int syllablesOf(const char *dictionaryWord);

    std::unique_ptr<Handles> m_handles;
    QHash<QByteArray, int> m_syllables; // by dictionary word, alternates included ("and(2)")
};

} // namespace MockLoop
