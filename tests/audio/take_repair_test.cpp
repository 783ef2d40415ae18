#include "AudioTestSupport.h"

#include "audio/TakeRepair.h"
#include "audio/WavFormat.h"
#include "audio/WavWriter.h"
#include "common/ApplicationIdentity.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

constexpr PcmFormat Speech{16000, 1, 16};

QByteArray pcm(qint64 bytes)
{
    QByteArray data(bytes, Qt::Uninitialized);
    for (qint64 i = 0; i < bytes; ++i)
        data[i] = char((i * 7) % 251);
    return data;
}

// A .part as a killed recorder leaves it: a header claiming claimedBytes, then the data.
void writePart(const QString &path, qint64 claimedBytes, const QByteArray &data, const PcmFormat &format = Speech)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Wav::canonicalHeader(format, claimedBytes));
    file.write(data);
}

} // namespace

class TakeRepairTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void zeroSizedHeader_isRecoveredFromFileLength();
    void staleSizes_areSetFromFileLength();
    void tornLastFrame_isCutOff();
    void headerOnly_isDiscarded();
    void truncatedHeader_isDiscarded();
    void notAWav_isLeftUntouchedWithReason();
    void takenName_getsRecoveredName();
    void sidecar_keepsPauseMarksAndIsMarkedRecovered();
    void partBeingRecorded_isLeftAlone();
    void folder_repairsEveryPartInSubfolders();
    void recoveredTake_readsCleanlyWithSox();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TakeRepairTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void TakeRepairTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TakeRepairTest::zeroSizedHeader_isRecoveredFromFileLength()
{
    const QString part = m_dir->filePath(u"answer.wav.part"_s);
    const QByteArray data = pcm(48000);
    writePart(part, 0, data);

    const RepairedTake result = TakeRepair::repair(part);
    QCOMPARE(result.outcome, RepairedTake::Outcome::Recovered);
    QCOMPARE(result.wavPath, m_dir->filePath(u"answer.wav"_s));
    QVERIFY(!QFile::exists(part));
    QCOMPARE(AudioTest::pcmOf(result.wavPath), data);
    const auto layout = Wav::readLayout(result.wavPath, nullptr);
    QVERIFY(layout);
    QCOMPARE(layout->declaredDataBytes, 48000);
    QCOMPARE(result.take.frames, 24000);
    QCOMPARE(result.take.durationMs(), 1500);
    QVERIFY(result.take.recovered);
    QVERIFY(!result.take.complete);
    QCOMPARE(result.take.formatDescription(), u"WAV PCM 16-bit 16000 Hz mono"_s);
    QCOMPARE(result.take.sha256, sha256OfFile(result.wavPath));
    QCOMPARE(result.take.fileBytes, 44 + 48000);
    QVERIFY2(result.message.contains(u"Recovered 2 seconds"_s), qPrintable(result.message));
}

void TakeRepairTest::staleSizes_areSetFromFileLength()
{
    // The last checkpoint said one second; 3.5 s reached the disk before the crash.
    const QString part = m_dir->filePath(u"answer.wav.part"_s);
    writePart(part, 32000, pcm(112000));
    const RepairedTake result = TakeRepair::repair(part);
    QCOMPARE(result.outcome, RepairedTake::Outcome::Recovered);
    QCOMPARE(Wav::readLayout(result.wavPath, nullptr)->declaredDataBytes, 112000);
    QCOMPARE(result.take.durationMs(), 3500);
}

void TakeRepairTest::tornLastFrame_isCutOff()
{
    const QString part = m_dir->filePath(u"stereo.wav.part"_s);
    const PcmFormat stereo{16000, 2, 16};
    writePart(part, 0, pcm(4000 + 3), stereo);
    const RepairedTake result = TakeRepair::repair(part);
    QCOMPARE(result.outcome, RepairedTake::Outcome::Recovered);
    QCOMPARE(Wav::readLayout(result.wavPath, nullptr)->declaredDataBytes, 4000);
    QCOMPARE(QFileInfo(result.wavPath).size(), 44 + 4000);
    QCOMPARE(result.take.frames, 1000);
}

void TakeRepairTest::headerOnly_isDiscarded()
{
    const QString part = m_dir->filePath(u"answer.wav.part"_s);
    writePart(part, 0, {});
    const RepairedTake result = TakeRepair::repair(part);
    QCOMPARE(result.outcome, RepairedTake::Outcome::Discarded);
    QVERIFY(!QFile::exists(part));
    QVERIFY(!QFile::exists(m_dir->filePath(u"answer.wav"_s)));
}

void TakeRepairTest::truncatedHeader_isDiscarded()
{
    const QString part = m_dir->filePath(u"answer.wav.part"_s);
    QFile file(part);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Wav::canonicalHeader(Speech, 0).left(20));
    file.close();
    QCOMPARE(TakeRepair::repair(part).outcome, RepairedTake::Outcome::Discarded);
    QVERIFY(!QFile::exists(part));
}

void TakeRepairTest::notAWav_isLeftUntouchedWithReason()
{
    const QString part = m_dir->filePath(u"answer.wav.part"_s);
    QFile file(part);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray junk(500, 'x');
    file.write(junk);
    file.close();
    const RepairedTake result = TakeRepair::repair(part);
    QCOMPARE(result.outcome, RepairedTake::Outcome::Failed);
    QVERIFY2(result.message.contains(u"not a WAV file"_s), qPrintable(result.message));
    QVERIFY2(result.message.contains(part), qPrintable(result.message));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), junk);
}

void TakeRepairTest::takenName_getsRecoveredName()
{
    const QString wav = m_dir->filePath(u"answer.wav"_s);
    QVERIFY(AudioTest::writeSineWav(wav, 16000, 0.5, 440, 0.5));
    const QByteArray original = AudioTest::pcmOf(wav);
    writePart(wav + u".part"_s, 0, pcm(3200));

    const RepairedTake result = TakeRepair::repair(wav + u".part"_s);
    QCOMPARE(result.outcome, RepairedTake::Outcome::Recovered);
    QCOMPARE(result.wavPath, m_dir->filePath(u"answer (recovered).wav"_s));
    QCOMPARE(AudioTest::pcmOf(wav), original);
    QCOMPARE(AudioTest::pcmOf(result.wavPath), pcm(3200));
}

void TakeRepairTest::sidecar_keepsPauseMarksAndIsMarkedRecovered()
{
    const QString wav = m_dir->filePath(u"answer.wav"_s);
    TakeInfo started;
    started.path = wav;
    started.deviceId = "mic";
    started.deviceDescription = u"Desk microphone"_s;
    started.pauseMarksMs = {400, 900};
    started.capturedFormat.setSampleRate(16000);
    started.capturedFormat.setChannelCount(1);
    started.capturedFormat.setSampleFormat(QAudioFormat::Int16);
    started.startedAt = QDateTime(QDate(2026, 3, 1), QTime(9, 30), Qt::UTC);
    QVERIFY(started.writeSidecar());
    writePart(wav + u".part"_s, 0, pcm(64000));

    const RepairedTake result = TakeRepair::repair(wav + u".part"_s);
    QCOMPARE(result.outcome, RepairedTake::Outcome::Recovered);
    const auto sidecar = TakeInfo::readSidecar(wav);
    QVERIFY(sidecar);
    QVERIFY(sidecar->recovered);
    QVERIFY(!sidecar->complete);
    QCOMPARE(sidecar->pauseMarksMs, QList<qint64>({400, 900}));
    QCOMPARE(sidecar->deviceId, "mic");
    QCOMPARE(sidecar->startedAt, started.startedAt);
    QCOMPARE(sidecar->durationMs(), 2000);
    QCOMPARE(sidecar->sha256, sha256OfFile(wav));
}

void TakeRepairTest::partBeingRecorded_isLeftAlone()
{
    const QString wav = m_dir->filePath(u"live.wav"_s);
    WavWriter writer;
    QVERIFY(writer.open(wav, Speech));
    const QByteArray data = pcm(32000);
    QVERIFY(writer.append(data.constData(), data.size()));

    const QList<RepairedTake> results = TakeRepair::repairFolder(m_dir->path());
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.first().outcome, RepairedTake::Outcome::InUse);
    QVERIFY(QFile::exists(wav + u".part"_s));
    QVERIFY(writer.finish());
    QCOMPARE(AudioTest::pcmOf(wav), data);
}

void TakeRepairTest::folder_repairsEveryPartInSubfolders()
{
    writePart(m_dir->filePath(u"takes/s1/a.wav.part"_s), 0, pcm(1600));
    writePart(m_dir->filePath(u"takes/s2/b.wav.part"_s), 0, pcm(3200));
    writePart(m_dir->filePath(u"takes/s2/empty.wav.part"_s), 0, {});
    QVERIFY(AudioTest::writeSineWav(m_dir->filePath(u"takes/s1/done.wav"_s), 16000, 0.1, 440, 0.5));

    const QList<RepairedTake> results = TakeRepair::repairFolder(m_dir->filePath(u"takes"_s));
    QCOMPARE(results.size(), 3);
    QCOMPARE(results[0].wavPath, m_dir->filePath(u"takes/s1/a.wav"_s));
    QCOMPARE(results[0].take.durationMs(), 50);
    QCOMPARE(results[1].wavPath, m_dir->filePath(u"takes/s2/b.wav"_s));
    QCOMPARE(results[2].outcome, RepairedTake::Outcome::Discarded);
    QVERIFY(TakeRepair::repairFolder(m_dir->filePath(u"takes"_s)).isEmpty());
}

void TakeRepairTest::recoveredTake_readsCleanlyWithSox()
{
    MOCKLOOP_REQUIRE_TOOL("sox");
    MOCKLOOP_REQUIRE_TOOL("soxi");
    const QString part = m_dir->filePath(u"answer.wav.part"_s);
    writePart(part, 0, pcm(96001));
    const RepairedTake result = TakeRepair::repair(part);
    QVERIFY(result.isRecovered());
    const AudioTest::SoxCheck sox = AudioTest::checkWithSox(result.wavPath);
    QVERIFY2(sox.clean, qPrintable(sox.details));
    QCOMPARE(sox.seconds, 3.0);
}

QTEST_GUILESS_MAIN(TakeRepairTest)
#include "take_repair_test.moc"
