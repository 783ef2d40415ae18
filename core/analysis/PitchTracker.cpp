#include "PitchTracker.h"

#include "SpeechFrames.h"

#include <aubio/aubio.h>

namespace MockLoop {

namespace {

// 64 ms of signal: two periods of the lowest voice pitch looked for.
constexpr uint_t WindowSamples = 1024;
// Speaking voices: below and above this is an octave error or noise.
constexpr smpl_t LowestPitchHz = 60;
constexpr smpl_t HighestPitchHz = 500;

} // namespace

struct PitchTracker::Handles
{
    aubio_pitch_t *pitch = nullptr;
    fvec_t *input = nullptr;
    fvec_t *output = nullptr;

    ~Handles()
    {
        if (pitch)
            del_aubio_pitch(pitch);
        if (input)
            del_fvec(input);
        if (output)
            del_fvec(output);
    }
};

PitchTracker::PitchTracker()
    : m_handles(std::make_unique<Handles>())
{
    m_handles->pitch = new_aubio_pitch("yinfast", WindowSamples, SpeechFrames::FrameSamples, SpeechFrames::SampleRate);
    m_handles->input = new_fvec(SpeechFrames::FrameSamples);
    m_handles->output = new_fvec(1);
    if (m_handles->pitch)
        aubio_pitch_set_unit(m_handles->pitch, "Hz");
}

PitchTracker::~PitchTracker() = default;

PitchTracker::Estimate PitchTracker::estimate(const qint16 *frame)
{
    if (!m_handles->pitch || !m_handles->input || !m_handles->output)
        return {};
    for (int i = 0; i < SpeechFrames::FrameSamples; ++i)
        m_handles->input->data[i] = smpl_t(frame[i]) / 32768.f;
    aubio_pitch_do(m_handles->pitch, m_handles->input, m_handles->output);
    const smpl_t hz = m_handles->output->data[0];
    const smpl_t confidence = aubio_pitch_get_confidence(m_handles->pitch);
    if (hz < LowestPitchHz || hz > HighestPitchHz)
        return {0, confidence};
    return {hz, confidence};
}

} // namespace MockLoop
