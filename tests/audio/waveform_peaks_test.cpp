#include "AudioTestSupport.h"

#include "audio/WavFormat.h"
#include "audio/WavWriter.h"
#include "audio/WaveformPeaks.h"
#include "common/ApplicationIdentity.h"

#include <QFile>
#include <QFutureWatcher>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <vector>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// 16 kHz mono: every 10 ms bucket (160 samples) holds -n..n with n the bucket's number.
bool writeRamps(const QString &path, int buckets)
{
    std::vector<qint16> samples;
    for (int bucket = 0; bucket < buckets; ++bucket) {
        for (int i = 0; i < 160; ++i)
            samples.push_back(qint16(i == 10 ? bucket : i == 20 ? -bucket : 0));
    }
    WavWriter writer;
    return writer.open(path, PcmFormat{16000, 1, 16})
        && writer.append(reinterpret_cast<const char *>(samples.data()), qint64(samples.size()) * 2) && writer.finish();
}

} // namespace

class WaveformPeaksTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void compute_givesLowestAndHighestSampleOf10ms();
    void lastBucket_mayBeShorter();
    void stereo_takesBothChannels();
    void load_writesCacheBesideTakeAndReusesIt();
    void changedTake_isComputedAgain();
    void damagedCache_isComputedAgain();
    void loadAsync_deliversOffTheCallingThread();
    void emptyTake_hasNoPeaks();
    void notAWav_saysWhy();
    void missingTake_saysWhy();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void WaveformPeaksTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void WaveformPeaksTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void WaveformPeaksTest::compute_givesLowestAndHighestSampleOf10ms()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    QVERIFY(writeRamps(path, 300));
    const WaveformResult result = WaveformPeaks::compute(path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    const Waveform &waveform = *result.waveform;
    QCOMPARE(waveform.sampleRate, 16000);
    QCOMPARE(waveform.frameCount, 300 * 160);
    QCOMPARE(waveform.framesPerBucket, 160);
    QCOMPARE(waveform.durationMs(), 3000);
    QCOMPARE(waveform.peaks.size(), 300);
    for (int bucket = 0; bucket < 300; ++bucket)
        QCOMPARE(waveform.peaks[bucket], (WaveformPeak{qint16(-bucket), qint16(bucket)}));
    QVERIFY(!QFile::exists(WaveformPeaks::cachePath(path)));
}

void WaveformPeaksTest::lastBucket_mayBeShorter()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    WavWriter writer;
    QVERIFY(writer.open(path, PcmFormat{16000, 1, 16}));
    std::vector<qint16> samples(170, 0);
    samples[165] = 99;
    QVERIFY(writer.append(reinterpret_cast<const char *>(samples.data()), 340));
    QVERIFY(writer.finish());
    const WaveformResult result = WaveformPeaks::compute(path);
    QVERIFY(result.ok());
    QCOMPARE(result.waveform->peaks.size(), 2);
    QCOMPARE(result.waveform->peaks[1], (WaveformPeak{0, 99}));
}

void WaveformPeaksTest::stereo_takesBothChannels()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    WavWriter writer;
    QVERIFY(writer.open(path, PcmFormat{8000, 2, 16}));
    std::vector<qint16> samples(2 * 80, 0); // one 10 ms bucket of stereo frames
    samples[3] = 500; // right
    samples[40] = -700; // left
    QVERIFY(writer.append(reinterpret_cast<const char *>(samples.data()), qint64(samples.size()) * 2));
    QVERIFY(writer.finish());
    const WaveformResult result = WaveformPeaks::compute(path);
    QVERIFY(result.ok());
    QCOMPARE(result.waveform->peaks.size(), 1);
    QCOMPARE(result.waveform->peaks[0], (WaveformPeak{-700, 500}));
}

void WaveformPeaksTest::load_writesCacheBesideTakeAndReusesIt()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    QVERIFY(writeRamps(path, 120));
    const WaveformResult first = WaveformPeaks::load(path);
    QVERIFY(first.ok());
    QVERIFY(!first.fromCache);
    QCOMPARE(WaveformPeaks::cachePath(path), m_dir->filePath(u"take.peaks"_s));
    QVERIFY(QFile::exists(WaveformPeaks::cachePath(path)));

    const WaveformResult second = WaveformPeaks::load(path);
    QVERIFY(second.ok());
    QVERIFY(second.fromCache);
    QCOMPARE(second.waveform->peaks, first.waveform->peaks);
    QCOMPARE(second.waveform->frameCount, first.waveform->frameCount);
    QCOMPARE(second.waveform->sampleRate, first.waveform->sampleRate);
}

void WaveformPeaksTest::changedTake_isComputedAgain()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    QVERIFY(writeRamps(path, 120));
    QVERIFY(WaveformPeaks::load(path).ok());
    QFile::remove(path);
    QVERIFY(writeRamps(path, 50));
    const WaveformResult result = WaveformPeaks::load(path);
    QVERIFY(result.ok());
    QVERIFY(!result.fromCache);
    QCOMPARE(result.waveform->peaks.size(), 50);
    QVERIFY(WaveformPeaks::load(path).fromCache);
}

void WaveformPeaksTest::damagedCache_isComputedAgain()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    QVERIFY(writeRamps(path, 120));
    QVERIFY(WaveformPeaks::load(path).ok());
    QFile cache(WaveformPeaks::cachePath(path));
    QVERIFY(cache.open(QIODevice::ReadWrite));
    cache.resize(cache.size() / 2);
    cache.close();
    const WaveformResult result = WaveformPeaks::load(path);
    QVERIFY(result.ok());
    QVERIFY(!result.fromCache);
    QCOMPARE(result.waveform->peaks.size(), 120);
}

void WaveformPeaksTest::loadAsync_deliversOffTheCallingThread()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    QVERIFY(writeRamps(path, 500));
    QFutureWatcher<WaveformResult> watcher;
    QSignalSpy finished(&watcher, &QFutureWatcherBase::finished);
    watcher.setFuture(WaveformPeaks::loadAsync(path));
    QVERIFY(finished.wait(10000));
    const WaveformResult result = watcher.result();
    QVERIFY(result.ok());
    QCOMPARE(result.waveform->peaks.size(), 500);
}

void WaveformPeaksTest::emptyTake_hasNoPeaks()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    WavWriter writer;
    QVERIFY(writer.open(path, PcmFormat{16000, 1, 16}));
    QVERIFY(writer.finish());
    const WaveformResult result = WaveformPeaks::load(path);
    QVERIFY(result.ok());
    QVERIFY(result.waveform->peaks.isEmpty());
    QCOMPARE(result.waveform->durationMs(), 0);
}

void WaveformPeaksTest::notAWav_saysWhy()
{
    const QString path = m_dir->filePath(u"take.wav"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(100, 'x'));
    file.close();
    const WaveformResult result = WaveformPeaks::load(path);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(path) && result.error.contains(u"not a WAV file"_s), qPrintable(result.error));
}

void WaveformPeaksTest::missingTake_saysWhy()
{
    const WaveformResult result = WaveformPeaks::load(m_dir->filePath(u"gone.wav"_s));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(u"missing"_s), qPrintable(result.error));
}

QTEST_GUILESS_MAIN(WaveformPeaksTest)
#include "waveform_peaks_test.moc"
