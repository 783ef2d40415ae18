#pragma once

#include <QMetaType>
#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace MockLoop {

// The loudness of one short window of a take, for the level meter. Linear, 0 (silence) to 1
// (full scale).
struct AudioLevel
{
    float rms = 0;
    float peak = 0;
    qint64 positionMs = 0; // where the window ends, in the take's time (pauses excluded)

    // In dBFS, -100 for digital silence.
    float rmsDb() const { return toDb(rms); }
    float peakDb() const { return toDb(peak); }
    static float toDb(float linear) { return linear > 1e-5f ? 20.f * std::log10(linear) : -100.f; }
};

// Computes RMS and peak per window of ~50 ms of 16-bit audio, where the samples arrive: one pass
// of integer arithmetic over each buffer, windows carried across buffer boundaries.
class LevelMeter
{
public:
    static constexpr int WindowMs = 50;

    void reset(int sampleRate, int channelCount, qint64 startFrame = 0)
    {
        m_channelCount = std::max(channelCount, 1);
        m_sampleRate = std::max(sampleRate, 1);
        m_windowSamples = std::max<qint64>(qint64(m_sampleRate) * WindowMs / 1000, 1) * m_channelCount;
        m_frames = startFrame;
        m_count = 0;
        m_sumSquares = 0;
        m_peak = 0;
    }

    // Feeds interleaved samples; calls emitLevel(AudioLevel) for every window completed.
    template<typename Emit> void process(const qint16 *samples, qsizetype count, Emit &&emitLevel)
    {
        while (count > 0) {
            const qsizetype take = qsizetype(std::min<qint64>(count, m_windowSamples - m_count));
            qint64 sum = 0;
            int peak = m_peak;
            for (qsizetype i = 0; i < take; ++i) {
                const int sample = samples[i];
                sum += sample * sample;
                peak = std::max(peak, std::abs(sample));
            }
            m_sumSquares += sum;
            m_peak = peak;
            m_count += take;
            samples += take;
            count -= take;
            if (m_count == m_windowSamples) {
                m_frames += m_windowSamples / m_channelCount;
                AudioLevel level;
                level.rms = float(std::sqrt(double(m_sumSquares) / double(m_count)) / 32768.0);
                level.peak = float(m_peak) / 32768.f;
                level.positionMs = m_frames * 1000 / m_sampleRate;
                m_count = 0;
                m_sumSquares = 0;
                m_peak = 0;
                emitLevel(level);
            }
        }
    }

private:
    int m_sampleRate = 16000;
    int m_channelCount = 1;
    qint64 m_windowSamples = 800;
    qint64 m_frames = 0; // frames in completed windows, plus the start
    qint64 m_count = 0; // samples in the current window
    qint64 m_sumSquares = 0;
    int m_peak = 0;
};

} // namespace MockLoop

Q_DECLARE_METATYPE(MockLoop::AudioLevel)
