#include "PcmNormalizer.h"

#include "SpeechFrames.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace MockLoop {

namespace {

constexpr int Phases = 256; // fractional positions the filter is tabulated at
constexpr int ZeroCrossings = 8; // on each side of the filter's centre
constexpr double Rolloff = 0.92; // cut-off as a share of the lower Nyquist frequency

qint16 toSample(float value)
{
    return qint16(std::clamp(std::lround(value), -32768L, 32767L));
}

} // namespace

PcmNormalizer::PcmNormalizer(int sampleRate, int channelCount)
    : m_channels(std::max(channelCount, 1))
    , m_passThrough(sampleRate == SpeechFrames::SampleRate)
{
    if (m_passThrough || sampleRate <= 0)
        return;
    m_step = double(sampleRate) / SpeechFrames::SampleRate;
    // Cut-off in cycles per input sample: below the output's Nyquist when going down, the input's
    // when going up.
    const double cutoff = 0.5 * std::min(1.0, 1.0 / m_step) * Rolloff;
    m_halfTaps = int(std::ceil(ZeroCrossings / (2 * cutoff)));
    const int width = 2 * m_halfTaps;
    m_table.resize(size_t(Phases + 1) * size_t(width));
    for (int phase = 0; phase <= Phases; ++phase) {
        const double fraction = double(phase) / Phases;
        for (int i = 0; i < width; ++i) {
            const double t = fraction - (i - m_halfTaps + 1); // distance from the tap to the output
            const double x = 2 * cutoff * t;
            const double sinc = std::abs(x) < 1e-9 ? 1.0 : std::sin(std::numbers::pi * x) / (std::numbers::pi * x);
            const double window = std::abs(t) >= m_halfTaps ? 0.0
                                                            : 0.42 + 0.5 * std::cos(std::numbers::pi * t / m_halfTaps)
                    + 0.08 * std::cos(2 * std::numbers::pi * t / m_halfTaps); // Blackman
            m_table[size_t(phase) * size_t(width) + size_t(i)] = float(2 * cutoff * sinc * window);
        }
    }
    m_history.assign(size_t(m_halfTaps - 1), 0.f);
    m_position = m_halfTaps - 1;
}

void PcmNormalizer::convert(const qint16 *interleaved, qsizetype sampleCount, std::vector<qint16> &out)
{
    const qsizetype frames = sampleCount / m_channels;
    if (m_passThrough && m_channels == 1) {
        out.insert(out.end(), interleaved, interleaved + frames);
        return;
    }
    if (m_passThrough) {
        for (qsizetype frame = 0; frame < frames; ++frame) {
            int sum = 0;
            for (int channel = 0; channel < m_channels; ++channel)
                sum += interleaved[frame * m_channels + channel];
            out.push_back(qint16(sum / m_channels));
        }
        return;
    }
    for (qsizetype frame = 0; frame < frames; ++frame) {
        float sum = 0;
        for (int channel = 0; channel < m_channels; ++channel)
            sum += interleaved[frame * m_channels + channel];
        m_history.push_back(sum / float(m_channels));
    }
    resample(out);
}

void PcmNormalizer::flush(std::vector<qint16> &out)
{
    if (m_passThrough)
        return;
    m_history.insert(m_history.end(), size_t(m_halfTaps), 0.f);
    resample(out);
}

void PcmNormalizer::resample(std::vector<qint16> &out)
{
    const qsizetype width = 2 * m_halfTaps;
    for (;;) {
        const auto base = qsizetype(std::floor(m_position));
        if (base + m_halfTaps >= qsizetype(m_history.size()))
            break;
        const auto phase = qsizetype(std::lround((m_position - double(base)) * Phases));
        const float *taps = m_table.data() + phase * width;
        const float *samples = m_history.data() + (base - m_halfTaps + 1);
        float sum = 0;
        for (qsizetype i = 0; i < width; ++i)
            sum += samples[i] * taps[i];
        out.push_back(toSample(sum));
        m_position += m_step;
    }
    const auto consumed = qsizetype(std::floor(m_position)) - m_halfTaps + 1;
    if (consumed > 0) {
        m_history.erase(m_history.begin(), m_history.begin() + consumed);
        m_position -= double(consumed);
    }
}

} // namespace MockLoop
