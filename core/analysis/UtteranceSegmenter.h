#pragma once

#include <QtGlobal>

#include <optional>
#include <vector>

namespace MockLoop {

// Cuts the audio into utterances for the recogniser as it arrives, 10 ms frame by frame, on the
// voice activity detector's calls: an utterance starts 200 ms before the first voiced frame and ends
// 200 ms after the last one once half a second has passed without voice. One going on past 5 s is
// cut at the next short gap (150 ms), and at 10 s at its quietest frame of the last 2 s: the
// utterance in progress when the answer ends is recognised after Finish, whole (the model's
// cepstral mean is per utterance, so it cannot be decoded as it comes), and at 0.14-0.32 s of
// decoding per second of speech 10 s keeps that within the 3 s the feedback may take.
// Internal to core/analysis.
class UtteranceSegmenter
{
public:
    static constexpr int PrerollFrames = 20;
    static constexpr int PostrollFrames = 20;
    static constexpr int EndSilenceFrames = 50;
    static constexpr int SoftMaximumFrames = 500;
    static constexpr int SoftCutSilenceFrames = 15;
    static constexpr int HardMaximumFrames = 1000;
    static constexpr int HardCutSearchFrames = 200;

    struct Utterance
    {
        qint64 firstFrame = 0; // of the take
        std::vector<qint16> samples;
    };

    // The next frame (SpeechFrames::FrameSamples samples); an utterance when this one completed it.
    std::optional<Utterance> add(const qint16 *frame, bool voiced, float levelDb);
    // The utterance in progress, if any, once the audio has ended.
    std::optional<Utterance> finish();
    // The utterance in progress as finish() would give it, leaving it to go on (an analysis of the
    // answer so far).
    std::optional<Utterance> pending() const;

private:
    void append(const qint16 *frame, bool voiced, float levelDb);
    void keepAsPreroll(const qint16 *frame, float levelDb);
    Utterance cutAt(qint64 endFrame);

    qint64 m_nextFrame = 0;
    bool m_inUtterance = false;
    qint64 m_firstFrame = 0; // of m_samples
    qint64 m_lastVoicedFrame = -1;
    std::vector<qint16> m_samples; // the utterance so far, or the preroll between utterances
    std::vector<float> m_levels; // a level for each frame in m_samples
};

} // namespace MockLoop
