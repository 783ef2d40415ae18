#include "audio/TakeInfo.h"
#include "common/ApplicationIdentity.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

class TakeInfoTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void sidecarPath_isBesideTheTake();
    void sidecar_roundTripsEveryField();
    void damagedSidecar_readsAsNothing();
    void formatDescription_matchesTheLibrary();
};

void TakeInfoTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void TakeInfoTest::sidecarPath_isBesideTheTake()
{
    QCOMPARE(TakeInfo::sidecarPath(u"/takes/s1/q3 take.wav"_s), u"/takes/s1/q3 take.json"_s);
}

void TakeInfoTest::sidecar_roundTripsEveryField()
{
    QTemporaryDir dir;
    TakeInfo take;
    take.path = dir.filePath(u"answer.wav"_s);
    take.format = PcmFormat{48000, 2, 16};
    take.capturedFormat.setSampleRate(48000);
    take.capturedFormat.setChannelCount(2);
    take.capturedFormat.setSampleFormat(QAudioFormat::Float);
    take.sampleFormatConverted = true;
    take.deviceId = "alsa_input.usb-mic";
    take.deviceDescription = u"USB “Yeti” microphone"_s;
    take.startedAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 678), Qt::UTC);
    take.frames = 96000;
    take.pauseMarksMs = {250, 1250};
    take.fileBytes = 384044;
    take.sha256 = u"ab"_s.repeated(32);
    take.complete = true;
    take.stopReason = u"The microphone was disconnected."_s;
    QVERIFY(take.writeSidecar());

    const auto read = TakeInfo::readSidecar(take.path);
    QVERIFY(read);
    QCOMPARE(read->path, take.path);
    QCOMPARE(read->format, take.format);
    QCOMPARE(read->capturedFormat, take.capturedFormat);
    QCOMPARE(read->sampleFormatConverted, true);
    QCOMPARE(read->resampled, false);
    QCOMPARE(read->deviceId, take.deviceId);
    QCOMPARE(read->deviceDescription, take.deviceDescription);
    QCOMPARE(read->startedAt, take.startedAt);
    QCOMPARE(read->frames, take.frames);
    QCOMPARE(read->durationMs(), 2000);
    QCOMPARE(read->pauseMarksMs, take.pauseMarksMs);
    QCOMPARE(read->fileBytes, take.fileBytes);
    QCOMPARE(read->sha256, take.sha256);
    QCOMPARE(read->complete, true);
    QCOMPARE(read->recovered, false);
    QCOMPARE(read->stopReason, take.stopReason);
}

void TakeInfoTest::damagedSidecar_readsAsNothing()
{
    QTemporaryDir dir;
    const QString wav = dir.filePath(u"answer.wav"_s);
    QFile file(TakeInfo::sidecarPath(wav));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"version\": 1, \"frames\": ");
    file.close();
    QVERIFY(!TakeInfo::readSidecar(wav));
    QVERIFY(!TakeInfo::readSidecar(dir.filePath(u"missing.wav"_s)));
}

void TakeInfoTest::formatDescription_matchesTheLibrary()
{
    QCOMPARE(PcmFormat({16000, 1, 16}).description(), u"WAV PCM 16-bit 16000 Hz mono"_s);
    QCOMPARE(PcmFormat({44100, 2, 16}).description(), u"WAV PCM 16-bit 44100 Hz 2 channels"_s);
}

QTEST_GUILESS_MAIN(TakeInfoTest)
#include "take_info_test.moc"
