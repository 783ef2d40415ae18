#pragma once

#include <QtGlobal>

#include <memory>

namespace webrtc {
class AudioProcessing;
class AudioFrame;
} // namespace webrtc

namespace MockLoop {

// The WebRTC voice activity detector (libwebrtc-audio-processing 0.3), the one wrapper around its
// handles. Works on 10 ms frames of 16 kHz mono. Internal to core/analysis.
class VoiceActivityDetector
{
public:
    VoiceActivityDetector();
    ~VoiceActivityDetector();
    Q_DISABLE_COPY_MOVE(VoiceActivityDetector)

    // Whether the frame (SpeechFrames::FrameSamples samples) holds speech.
    bool isSpeech(const qint16 *frame);

private:
    std::unique_ptr<webrtc::AudioProcessing> m_processing;
    std::unique_ptr<webrtc::AudioFrame> m_frame;
};

} // namespace MockLoop
