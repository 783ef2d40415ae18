#pragma once

#include <QtGlobal>

#include <memory>

namespace MockLoop {

// The voice's pitch on each 10 ms frame, with aubio's YIN ("yinfast"): the one wrapper around
// aubio's handles. Internal to core/analysis.
class PitchTracker
{
public:
    PitchTracker();
    ~PitchTracker();
    Q_DISABLE_COPY_MOVE(PitchTracker)

    struct Estimate
    {
        float hz = 0; // 0: none in a speaking voice's range (60 to 500 Hz)
        float confidence = 0; // YIN's: 1 - aperiodicity, 0 to 1
    };

    // The pitch of the frame just given (SpeechFrames::FrameSamples samples, following the ones
    // before it).
    Estimate estimate(const qint16 *frame);

private:
    struct Handles;
    std::unique_ptr<Handles> m_handles;
};

} // namespace MockLoop
