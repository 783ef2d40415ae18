#include "AudioTestSupport.h"

#include "audio/TakeRepair.h"
#include "audio/WavFormat.h"
#include "common/ApplicationIdentity.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// A recording process killed with SIGKILL mid-take (the worst crash: no handler runs) leaves a
// .part that repair turns into a WAV holding nearly everything that was recorded.
class RecorderCrashTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedRecorder_leavesPartThatRepairsToValidWav();
};

void RecorderCrashTest::initTestCase()
{
    MOCKLOOP_REQUIRE_AUDIO_RIG();
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void RecorderCrashTest::killedRecorder_leavesPartThatRepairsToValidWav()
{
    QTemporaryDir dir;
    const QString wav = dir.filePath(u"takes/answer.wav"_s);
    const QString part = wav + u".part"_s;

    QProcess recorder;
    recorder.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QByteArray said;
    connect(&recorder, &QProcess::readyReadStandardOutput, this, [&] { said += recorder.readAllStandardOutput(); });
    recorder.start(QStringLiteral(MOCKLOOP_RECORD_HELPER), {wav, u"mic"_s});
    QVERIFY2(recorder.waitForStarted(10000), qPrintable(recorder.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(said.contains("recording"), 15000);
    // Four seconds of audio on disk, by the recorder's own output rather than the wall clock: on a
    // busy machine the helper may get less than four seconds of audio in four seconds.
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(part).size() >= 44 + 4 * 32000, 20000);
    recorder.kill(); // SIGKILL
    QVERIFY(recorder.waitForFinished(10000));
    QCOMPARE(recorder.exitStatus(), QProcess::CrashExit);

    // What the crash left: a .part whose header is a checkpoint at most a second old.
    QVERIFY(!QFile::exists(wav));
    QVERIFY(QFile::exists(part));
    const auto left = Wav::readLayout(part, nullptr);
    QVERIFY(left);
    const qint64 onDisk = QFileInfo(part).size() - 44;
    qInfo("left by the crash: %lld bytes of audio, the header claims %lld", onDisk, left->declaredDataBytes);
    // The header is patched after every second of audio: at most that much (and the read in
    // flight, up to half a second) is beyond the last checkpoint.
    QVERIFY(onDisk >= 4 * 32000);
    QVERIFY2(onDisk - left->declaredDataBytes <= 32000 + 16000,
             qPrintable(u"%1 bytes past the last checkpoint"_s.arg(onDisk - left->declaredDataBytes)));
    QVERIFY(left->declaredDataBytes <= onDisk);

    const QList<RepairedTake> repaired = TakeRepair::repairFolder(dir.path());
    QCOMPARE(repaired.size(), 1);
    QVERIFY2(repaired.first().isRecovered(), qPrintable(repaired.first().message));
    QCOMPARE(repaired.first().wavPath, wav);
    QVERIFY(!QFile::exists(part));
    QVERIFY(repaired.first().take.recovered);
    QCOMPARE(repaired.first().take.deviceId, "mic"); // from the sidecar written at the start

    const AudioTest::SoxCheck sox = AudioTest::checkWithSox(wav);
    qInfo("recovered: soxi says %.3f s", sox.seconds);
    QVERIFY2(sox.clean, qPrintable(sox.details));
    QVERIFY(sox.seconds * 32000 >= double(onDisk) - 2); // everything on disk is kept
    QVERIFY(std::abs(sox.seconds * 1000 - double(repaired.first().take.durationMs())) <= 1);
}

QTEST_GUILESS_MAIN(RecorderCrashTest)
#include "recorder_crash_test.moc"
