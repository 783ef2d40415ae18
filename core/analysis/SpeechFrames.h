#pragma once

#include <QtGlobal>

// The analysis timeline: 16 kHz mono, cut into 10 ms frames. Internal to core/analysis.
namespace MockLoop::SpeechFrames {

inline constexpr int SampleRate = 16000; // what the speech model was trained on
inline constexpr int FrameSamples = 160;
inline constexpr qint64 FrameMs = 10;
inline constexpr float SilenceDb = -100.f; // the level given to digital silence

// What is measured on each 10 ms frame; kept for the whole take (12 bytes a frame: about 4 MB an
// hour), because pauses, syllable nuclei and pitch spread are judged against the take as a whole.
struct Features
{
    float levelDb = SilenceDb; // RMS level, dB relative to full scale
    float pitchHz = 0; // 0: none in a speaking voice's range
    quint16 clippedSamples = 0; // samples at (or next to) full scale
    quint8 pitchConfidence = 0; // the pitch tracker's confidence, 0 to 255
    bool voiceActivity = false; // the voice activity detector's call
};

// From this confidence a frame counts as voiced, for syllable nuclei (tuned on flite voices: at
// 0.7 a low diphone voice lost half its nuclei).
inline constexpr quint8 VoicedConfidence = 77; // 0.3
// From this one its pitch is trusted, for the pitch spread (lower ones add octave jumps).
inline constexpr quint8 TrustedPitchConfidence = 179; // 0.7

inline bool isVoiced(const Features &frame)
{
    return frame.pitchHz > 0 && frame.pitchConfidence >= VoicedConfidence;
}

inline bool hasTrustedPitch(const Features &frame)
{
    return frame.pitchHz > 0 && frame.pitchConfidence >= TrustedPitchConfidence;
}

inline qint64 frameToMs(qint64 frame)
{
    return frame * FrameMs;
}

} // namespace MockLoop::SpeechFrames
