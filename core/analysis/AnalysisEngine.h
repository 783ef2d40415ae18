#pragma once

#include "AnswerAnalysis.h"
#include "PcmNormalizer.h"
#include "PitchTracker.h"
#include "SpeechFrames.h"
#include "SpeechModel.h"
#include "UtteranceSegmenter.h"
#include "VoiceActivityDetector.h"

#include <functional>
#include <optional>
#include <stop_token>
#include <vector>

namespace MockLoop {

// What the audio of a take gave, before it is turned into an AnswerAnalysis (AnswerAssembler).
struct AudioFindings
{
    std::vector<SpeechFrames::Features> frames; // one for each 10 ms of the take
    QList<RecognizedWord> words; // as recognised, times from the start of the take
    int inputSampleRate = SpeechFrames::SampleRate;
};

// The analysis of one take as a pipeline fed in any chunk sizes: PCM in its own format is turned
// into 16 kHz mono; each 10 ms frame gets its voice activity, level and pitch; utterances are
// recognised as soon as they end. Synchronous and single-threaded: StreamingAnalyzer runs it on
// its worker thread, the file analysis on the caller's. Internal to core/analysis.
class AnalysisEngine
{
public:
    // Recognises one utterance of 16 kHz mono (PocketsphinxDecoder::recognize), in the calling
    // thread: SpeechModel::recognize() with the decoder lent for it.
    using Recognizer = std::function<QList<RecognizedWord>(const qint16 *samples, qsizetype count, qint64 offsetMs)>;

    AnalysisEngine(int sampleRate, int channelCount, Recognizer recognizer);

    void feed(const qint16 *interleaved, qsizetype sampleCount);
    // Recognises the last utterance and hands everything over; the engine is spent afterwards.
    AudioFindings finish();
    // What the audio fed so far gave, the utterance in progress recognised as it stands; the engine
    // goes on (recognising that utterance again once it ends).
    AudioFindings findingsSoFar();

    qint64 framesAnalysed() const { return qint64(m_findings.frames.size()); }

private:
    void analyseFrames();
    void recognize(const UtteranceSegmenter::Utterance &utterance);

    Recognizer m_recognizer;
    PcmNormalizer m_normalizer;
    VoiceActivityDetector m_voiceActivity;
    PitchTracker m_pitch;
    UtteranceSegmenter m_segmenter;
    std::vector<qint16> m_pending; // 16 kHz mono not yet making a whole frame
    AudioFindings m_findings;
};

// A Recognizer that borrows model's decoder for each utterance, as use. The first failure (the
// model could not be loaded, or stop was requested) goes into failure; no utterance after it is
// recognised. failure must outlive the recognizer.
AnalysisEngine::Recognizer recognizerOf(SpeechModel &model, SpeechModel::Use use, std::stop_token stop,
                                        std::optional<AnalysisError> &failure);

} // namespace MockLoop
