#include "WaveformPeaks.h"

#include "FileSync.h"

#include "AudioLogging.h"
#include "WavFormat.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtConcurrent>

#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct WaveformText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::WaveformPeaks)
};

constexpr quint32 CacheMagic = 0x4d4c5750; // "MLWP"
constexpr quint32 CacheVersion = 1;

struct WavStamp
{
    qint64 size = 0;
    qint64 modifiedMs = 0;
};

WavStamp stampOf(const QString &wavPath)
{
    const QFileInfo info(wavPath);
    return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

WaveformResult failure(const QString &wavPath, const QString &reason)
{
    WaveformResult result;
    result.error
        = WaveformText::tr("Could not show the waveform of %1: %2.").arg(QDir::toNativeSeparators(wavPath), reason);
    return result;
}

std::optional<Waveform> readCache(const QString &wavPath)
{
    QFile file(WaveformPeaks::cachePath(wavPath));
    if (FileSync::isSymbolicLink(file.fileName()) || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    QDataStream in(&file);
    in.setByteOrder(QDataStream::LittleEndian);
    quint32 magic = 0;
    quint32 version = 0;
    WavStamp stamp;
    Waveform waveform;
    qint64 count = 0;
    in >> magic >> version >> stamp.size >> stamp.modifiedMs >> waveform.sampleRate >> waveform.frameCount
        >> waveform.framesPerBucket >> count;
    const WavStamp now = stampOf(wavPath);
    if (in.status() != QDataStream::Ok || magic != CacheMagic || version != CacheVersion || stamp.size != now.size
        || stamp.modifiedMs != now.modifiedMs || count < 0 || count > file.size() / qint64(sizeof(WaveformPeak))) {
        return std::nullopt;
    }
    waveform.peaks.resize(qsizetype(count));
    for (WaveformPeak &peak : waveform.peaks)
        in >> peak.minimum >> peak.maximum;
    if (in.status() != QDataStream::Ok)
        return std::nullopt;
    return waveform;
}

void writeCache(const QString &wavPath, const Waveform &waveform, const WavStamp &stamp)
{
    QByteArray bytes;
    {
        QDataStream out(&bytes, QIODevice::WriteOnly);
        out.setByteOrder(QDataStream::LittleEndian);
        out << CacheMagic << CacheVersion << stamp.size << stamp.modifiedMs << waveform.sampleRate
            << waveform.frameCount << waveform.framesPerBucket << qint64(waveform.peaks.size());
        for (const WaveformPeak &peak : waveform.peaks)
            out << peak.minimum << peak.maximum;
    }
    FileSync::removeSymbolicLink(WaveformPeaks::cachePath(wavPath));
    QSaveFile file(WaveformPeaks::cachePath(wavPath));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        qCWarning(lcAudio) << "could not cache the waveform of" << wavPath << ":" << file.errorString();
}

} // namespace

namespace WaveformPeaks {

QString cachePath(const QString &wavPath)
{
    const QFileInfo info(wavPath);
    return info.dir().filePath(info.completeBaseName() + u".peaks"_s);
}

WaveformResult compute(const QString &wavPath)
{
    QFile file(wavPath);
    if (!file.open(QIODevice::ReadOnly))
        return failure(wavPath, file.errorString());
    QString error;
    const auto layout = Wav::readLayout(file, &error);
    if (!layout)
        return failure(wavPath, error);
    if (layout->format.bitsPerSample != 16)
        return failure(wavPath, WaveformText::tr("only 16-bit audio is supported"));

    const int channels = layout->format.channelCount;
    const qint64 dataBytes = std::min(Wav::presentDataBytes(*layout, file.size()),
                                      layout->declaredDataBytes > 0 ? layout->declaredDataBytes : Wav::MaxDataBytes);
    Waveform waveform;
    waveform.sampleRate = layout->format.sampleRate;
    waveform.frameCount = dataBytes / layout->format.bytesPerFrame();
    waveform.framesPerBucket = std::max(waveform.sampleRate / BucketsPerSecond, 1);
    if (waveform.frameCount == 0) {
        WaveformResult result;
        result.waveform = std::move(waveform);
        return result;
    }

    uchar *mapped = file.map(layout->dataOffset, dataBytes);
    if (!mapped)
        return failure(wavPath, file.errorString());
    // The data chunk starts at an even offset in every WAV MockLoop can read, so samples are aligned.
    const auto *samples = static_cast<const qint16 *>(static_cast<const void *>(mapped));
    const qint64 sampleCount = waveform.frameCount * channels;
    const qint64 bucketSamples = qint64(waveform.framesPerBucket) * channels;
    waveform.peaks.resize(qsizetype((sampleCount + bucketSamples - 1) / bucketSamples));
    WaveformPeak *peak = waveform.peaks.data();
    for (qint64 start = 0; start < sampleCount; start += bucketSamples, ++peak) {
        const qint64 end = std::min(start + bucketSamples, sampleCount);
        qint16 low = std::numeric_limits<qint16>::max();
        qint16 high = std::numeric_limits<qint16>::min();
        for (qint64 i = start; i < end; ++i) {
            low = std::min(low, samples[i]);
            high = std::max(high, samples[i]);
        }
        *peak = {low, high};
    }
    file.unmap(mapped);
    WaveformResult result;
    result.waveform = std::move(waveform);
    return result;
}

WaveformResult load(const QString &wavPath)
{
    if (!QFileInfo::exists(wavPath))
        return failure(wavPath, WaveformText::tr("the file is missing"));
    if (auto cached = readCache(wavPath)) {
        WaveformResult result;
        result.waveform = std::move(cached);
        result.fromCache = true;
        return result;
    }
    const WavStamp stamp = stampOf(wavPath);
    WaveformResult result = compute(wavPath);
    if (result.ok() && stampOf(wavPath).size == stamp.size)
        writeCache(wavPath, *result.waveform, stamp);
    return result;
}

QFuture<WaveformResult> loadAsync(const QString &wavPath)
{
    return QtConcurrent::run([wavPath] { return load(wavPath); });
}

} // namespace WaveformPeaks

} // namespace MockLoop
