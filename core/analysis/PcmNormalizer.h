#pragma once

#include <QtGlobal>

#include <vector>

namespace MockLoop {

// Turns interleaved 16-bit PCM of any rate and channel count into the 16 kHz mono the speech model
// wants: channels averaged, rate changed by a windowed-sinc filter. 16 kHz mono (what MockLoop
// records) passes through untouched. Streaming: any chunk sizes. Internal to core/analysis.
class PcmNormalizer
{
public:
    PcmNormalizer(int sampleRate, int channelCount);

    // Appends the converted samples to out.
    void convert(const qint16 *interleaved, qsizetype sampleCount, std::vector<qint16> &out);
    // The filter's last few samples, once the input has ended.
    void flush(std::vector<qint16> &out);

private:
    void resample(std::vector<qint16> &out);

    int m_channels = 1;
    bool m_passThrough = true;
    double m_step = 1; // input samples per output sample
    int m_halfTaps = 0;
    std::vector<float> m_table; // one row of 2 * m_halfTaps taps for each fractional phase
    std::vector<float> m_history; // mono input not yet consumed, with m_halfTaps samples before
    double m_position = 0; // in m_history, of the next output sample
};

} // namespace MockLoop
