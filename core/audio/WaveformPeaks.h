#pragma once

#include <QFuture>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace MockLoop {

struct WaveformPeak
{
    qint16 minimum = 0;
    qint16 maximum = 0;

    friend bool operator==(const WaveformPeak &, const WaveformPeak &) = default;
};

// The outline of a take for drawing: the lowest and highest sample of every 10 ms (all channels
// together). A 10-minute take gives 60,000 peaks; a view draws them at whatever width it has.
struct Waveform
{
    int sampleRate = 0;
    qint64 frameCount = 0;
    int framesPerBucket = 0;
    QList<WaveformPeak> peaks;

    qint64 durationMs() const { return sampleRate > 0 ? frameCount * 1000 / sampleRate : 0; }
};

struct WaveformResult
{
    std::optional<Waveform> waveform;
    QString error; // for the user, when there is no waveform
    bool fromCache = false;

    bool ok() const { return waveform.has_value(); }
};

// Computes waveforms from 16-bit PCM WAV takes and caches them beside the take (<take>.peaks).
// The cache records the WAV's size and modification time and is recomputed when either changes.
namespace WaveformPeaks {

inline constexpr int BucketsPerSecond = 100;

QString cachePath(const QString &wavPath);

// From the WAV itself (memory-mapped); touches no cache.
WaveformResult compute(const QString &wavPath);
// From the cache if it is fresh; else computes and writes the cache. Reads files: use loadAsync
// on the GUI thread.
WaveformResult load(const QString &wavPath);
// load() on Qt's global thread pool.
QFuture<WaveformResult> loadAsync(const QString &wavPath);

} // namespace WaveformPeaks

} // namespace MockLoop

Q_DECLARE_METATYPE(MockLoop::WaveformResult)
