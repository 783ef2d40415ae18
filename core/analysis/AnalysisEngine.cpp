#include "AnalysisEngine.h"

#include <algorithm>
#include <cmath>

namespace MockLoop {

using SpeechFrames::FrameSamples;

namespace {

// A sample this close to full scale counts as clipped.
constexpr int ClippedAmplitude = 32700;

} // namespace

AnalysisEngine::AnalysisEngine(int sampleRate, int channelCount, Recognizer recognizer)
    : m_recognizer(std::move(recognizer))
    , m_normalizer(sampleRate, channelCount)
{
    m_findings.inputSampleRate = sampleRate;
}

void AnalysisEngine::feed(const qint16 *interleaved, qsizetype sampleCount)
{
    m_normalizer.convert(interleaved, sampleCount, m_pending);
    analyseFrames();
}

AudioFindings AnalysisEngine::finish()
{
    m_normalizer.flush(m_pending);
    analyseFrames();
    if (std::optional<UtteranceSegmenter::Utterance> last = m_segmenter.finish())
        recognize(*last);
    return std::move(m_findings);
}

AudioFindings AnalysisEngine::findingsSoFar()
{
    AudioFindings findings = m_findings;
    if (const std::optional<UtteranceSegmenter::Utterance> open = m_segmenter.pending(); open && !open->samples.empty())
        findings.words.append(m_recognizer(open->samples.data(), qsizetype(open->samples.size()),
                                           SpeechFrames::frameToMs(open->firstFrame)));
    return findings;
}

void AnalysisEngine::analyseFrames()
{
    qsizetype at = 0;
    for (; at + FrameSamples <= qsizetype(m_pending.size()); at += FrameSamples) {
        const qint16 *frame = m_pending.data() + at;
        SpeechFrames::Features features;
        double energy = 0;
        int clipped = 0;
        for (int i = 0; i < FrameSamples; ++i) {
            energy += double(frame[i]) * frame[i];
            clipped += std::abs(int(frame[i])) >= ClippedAmplitude ? 1 : 0;
        }
        const double meanSquare = energy / FrameSamples / (32768.0 * 32768.0);
        features.levelDb = meanSquare > 1e-10 ? float(10 * std::log10(meanSquare)) : SpeechFrames::SilenceDb;
        features.clippedSamples = quint16(clipped);
        features.voiceActivity = m_voiceActivity.isSpeech(frame);
        const PitchTracker::Estimate pitch = m_pitch.estimate(frame);
        features.pitchHz = pitch.hz;
        features.pitchConfidence = quint8(std::clamp(std::lround(pitch.confidence * 255.f), 0L, 255L));
        m_findings.frames.push_back(features);
        if (std::optional<UtteranceSegmenter::Utterance> utterance
            = m_segmenter.add(frame, features.voiceActivity, features.levelDb))
            recognize(*utterance);
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + at);
}

void AnalysisEngine::recognize(const UtteranceSegmenter::Utterance &utterance)
{
    if (utterance.samples.empty())
        return;
    m_findings.words.append(m_recognizer(utterance.samples.data(), qsizetype(utterance.samples.size()),
                                         SpeechFrames::frameToMs(utterance.firstFrame)));
}

AnalysisEngine::Recognizer recognizerOf(SpeechModel &model, SpeechModel::Use use, std::stop_token stop,
                                        std::optional<AnalysisError> &failure)
{
    return [&model, use, stop, &failure](const qint16 *samples, qsizetype count, qint64 offsetMs) {
        if (failure)
            return QList<RecognizedWord>();
        Expected<QList<RecognizedWord>> words = model.recognize(samples, count, offsetMs, use, stop);
        if (!words) {
            failure = words.error();
            return QList<RecognizedWord>();
        }
        return std::move(words.value());
    };
}

} // namespace MockLoop
