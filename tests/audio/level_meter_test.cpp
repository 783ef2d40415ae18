#include "audio/LevelMeter.h"
#include "audio/PcmConversion.h"
#include "common/ApplicationIdentity.h"

#include <QStandardPaths>
#include <QTest>

#include <cmath>
#include <cstring>
#include <numbers>
#include <vector>

using namespace MockLoop;

namespace {

std::vector<AudioLevel> measure(const std::vector<qint16> &samples, int sampleRate, int channels,
                                const std::vector<size_t> &chunks = {})
{
    LevelMeter meter;
    meter.reset(sampleRate, channels);
    std::vector<AudioLevel> levels;
    const auto collect = [&levels](const AudioLevel &level) { levels.push_back(level); };
    if (chunks.empty()) {
        meter.process(samples.data(), qsizetype(samples.size()), collect);
        return levels;
    }
    size_t at = 0;
    for (size_t i = 0; at < samples.size(); ++i) {
        const size_t size = std::min(chunks[i % chunks.size()], samples.size() - at);
        meter.process(samples.data() + at, qsizetype(size), collect);
        at += size;
    }
    return levels;
}

std::vector<qint16> sine(int sampleRate, double seconds, double amplitude)
{
    std::vector<qint16> samples(size_t(sampleRate * seconds));
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i]
            = qint16(std::lround(amplitude * 32767 * std::sin(2 * std::numbers::pi * 500 * double(i) / sampleRate)));
    return samples;
}

} // namespace

class LevelMeterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void window_is50msOfAudio();
    void silence_measuresZero();
    void fullScale_measuresOne();
    void sine_rmsIsAmplitudeOverRootTwo();
    void buffersOfAnySize_giveTheSameLevels();
    void stereo_countsFramesNotSamples();
    void startFrame_offsetsPositions();
    void decibels_ofSilenceAndFullScale();
    void conversion_float_uint8_int32_toInt16();
};

void LevelMeterTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void LevelMeterTest::window_is50msOfAudio()
{
    const auto levels = measure(std::vector<qint16>(16000 + 799, 0), 16000, 1);
    QCOMPARE(levels.size(), size_t(20)); // the 799 samples left wait for the next buffer
    QCOMPARE(levels.front().positionMs, 50);
    QCOMPARE(levels.back().positionMs, 1000);
}

void LevelMeterTest::silence_measuresZero()
{
    for (const AudioLevel &level : measure(std::vector<qint16>(8000, 0), 16000, 1)) {
        QCOMPARE(level.rms, 0.f);
        QCOMPARE(level.peak, 0.f);
    }
}

void LevelMeterTest::fullScale_measuresOne()
{
    std::vector<qint16> square(1600);
    for (size_t i = 0; i < square.size(); ++i)
        square[i] = i % 2 ? qint16(-32768) : qint16(32767);
    for (const AudioLevel &level : measure(square, 16000, 1)) {
        QCOMPARE(level.peak, 1.f);
        QVERIFY(std::abs(level.rms - 1.f) < 1e-4f);
    }
}

void LevelMeterTest::sine_rmsIsAmplitudeOverRootTwo()
{
    for (const AudioLevel &level : measure(sine(16000, 1, 0.5), 16000, 1)) {
        QVERIFY2(std::abs(level.rms - 0.5f / std::numbers::sqrt2_v<float>) < 0.005f,
                 qPrintable(QString::number(level.rms)));
        QVERIFY(std::abs(level.peak - 0.5f) < 0.005f);
    }
}

void LevelMeterTest::buffersOfAnySize_giveTheSameLevels()
{
    const auto samples = sine(16000, 2, 0.3);
    const auto whole = measure(samples, 16000, 1);
    const auto pieces = measure(samples, 16000, 1, {1, 799, 1601, 37, 4000});
    QCOMPARE(pieces.size(), whole.size());
    for (size_t i = 0; i < whole.size(); ++i) {
        QCOMPARE(pieces[i].positionMs, whole[i].positionMs);
        QCOMPARE(pieces[i].rms, whole[i].rms);
        QCOMPARE(pieces[i].peak, whole[i].peak);
    }
}

void LevelMeterTest::stereo_countsFramesNotSamples()
{
    const auto levels = measure(std::vector<qint16>(2 * 48000, 100), 48000, 2);
    QCOMPARE(levels.size(), size_t(20));
    QCOMPARE(levels.back().positionMs, 1000);
}

void LevelMeterTest::startFrame_offsetsPositions()
{
    LevelMeter meter;
    meter.reset(16000, 1, 16000 * 3);
    std::vector<qint16> samples(800, 0);
    qint64 position = 0;
    meter.process(samples.data(), 800, [&position](const AudioLevel &level) { position = level.positionMs; });
    QCOMPARE(position, 3050);
}

void LevelMeterTest::decibels_ofSilenceAndFullScale()
{
    QCOMPARE(AudioLevel{}.rmsDb(), -100.f);
    QCOMPARE(AudioLevel({1.f, 1.f, 0}).peakDb(), 0.f);
    QVERIFY(std::abs(AudioLevel({0.1f, 0.1f, 0}).rmsDb() + 20.f) < 1e-4f);
}

void LevelMeterTest::conversion_float_uint8_int32_toInt16()
{
    qint16 out[3];
    const float floats[3] = {0.f, 1.f, -2.f};
    PcmConversion::toInt16(reinterpret_cast<const char *>(floats), 3, QAudioFormat::Float, out);
    QCOMPARE(out[0], 0);
    QCOMPARE(out[1], 32767);
    QCOMPARE(out[2], -32767);

    const quint8 bytes[3] = {128, 255, 0};
    PcmConversion::toInt16(reinterpret_cast<const char *>(bytes), 3, QAudioFormat::UInt8, out);
    QCOMPARE(out[0], 0);
    QCOMPARE(out[1], 127 * 256);
    QCOMPARE(out[2], -32768);

    const qint32 ints[3] = {0, 0x7fffffff, -0x7fffffff - 1};
    PcmConversion::toInt16(reinterpret_cast<const char *>(ints), 3, QAudioFormat::Int32, out);
    QCOMPARE(out[0], 0);
    QCOMPARE(out[1], 32767);
    QCOMPARE(out[2], -32768);
}

QTEST_GUILESS_MAIN(LevelMeterTest)
#include "level_meter_test.moc"
