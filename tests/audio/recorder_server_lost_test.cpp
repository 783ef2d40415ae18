#include "AudioTestSupport.h"

#include "audio/AudioRecorder.h"
#include "audio/MultimediaBackend.h"
#include "audio/WavFormat.h"
#include "common/ApplicationIdentity.h"

#include <QDir>
#include <QFile>
#include <QMediaDevices>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The sound server dies mid-take (here: SIGKILL). Qt 6.4 reports it: the source stops with
// FatalError, and deletes the QIODevice it handed out. This test runs a rig of its own, since
// it kills it, and points this process at it before any Qt Multimedia use.
class RecorderServerLostTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void serverKilled_stopsWithErrorAndKeepsValidWav();

private:
    QTemporaryDir m_rig{u"/tmp/mockloop-rig-XXXXXX"_s}; // short: it holds a Unix socket
    QTemporaryDir m_dir;
};

void RecorderServerLostTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    const AudioTest::CommandResult started
        = AudioTest::run(QStringLiteral(MOCKLOOP_AUDIO_RIG_SCRIPT), {u"start"_s, m_rig.path()}, 60);
    qputenv("MOCKLOOP_AUDIO_RIG", m_rig.path().toLocal8Bit());
    if (!started.ok())
        qWarning().noquote() << started.describe(u"audio-rig.sh"_s);
    MOCKLOOP_REQUIRE_AUDIO_RIG();
    qputenv("PULSE_SERVER", "unix:" + m_rig.filePath(u"native"_s).toLocal8Bit());
    qputenv("PULSE_CLIENTCONFIG", m_rig.filePath(u"client.conf"_s).toLocal8Bit());
    qputenv("PULSE_COOKIE", m_rig.filePath(u"home/.config/pulse/cookie"_s).toLocal8Bit());
    selectMultimediaBackend();
}

void RecorderServerLostTest::cleanupTestCase()
{
    AudioTest::run(QStringLiteral(MOCKLOOP_AUDIO_RIG_SCRIPT), {u"stop"_s, m_rig.path()}, 60);
}

void RecorderServerLostTest::serverKilled_stopsWithErrorAndKeepsValidWav()
{
    const QString path = m_dir.filePath(u"answer.wav"_s);
    AudioRecorder recorder;
    QList<AudioRecorder::Error> errors;
    QList<TakeInfo> takes;
    connect(&recorder, &AudioRecorder::errorOccurred, this,
            [&errors](AudioRecorder::Error error) { errors.append(error); });
    connect(&recorder, &AudioRecorder::takeFinished, this, [&takes](const TakeInfo &take) { takes.append(take); });
    QVERIFY(recorder.start(path));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordedMs() >= 1500, 15000);

    QFile pidFile(m_rig.filePath(u"runtime/pulse/pid"_s));
    QVERIFY(pidFile.open(QIODevice::ReadOnly));
    const int pid = pidFile.readAll().trimmed().toInt();
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid, SIGKILL), 0);

    QTRY_COMPARE_WITH_TIMEOUT(takes.size(), 1, 15000);
    QCOMPARE(errors, QList<AudioRecorder::Error>{AudioRecorder::Error::MicrophoneDisconnected});
    QVERIFY2(recorder.errorString().contains(u"saved"_s), qPrintable(recorder.errorString()));
    QCOMPARE(recorder.state(), AudioRecorder::State::Idle);
    QVERIFY(takes.first().complete);
    QVERIFY(takes.first().durationMs() >= 1500);
    const auto layout = Wav::readLayout(path, nullptr);
    QVERIFY(layout);
    QCOMPARE(layout->declaredDataBytes, QFileInfo(path).size() - 44);
    QVERIFY(!QFile::exists(path + u".part"_s));

    // No server, no new take: refused, with no file left behind.
    const QString again = m_dir.filePath(u"again.wav"_s);
    if (recorder.start(again))
        QTRY_COMPARE_WITH_TIMEOUT(recorder.state(), AudioRecorder::State::Idle, 15000);
    QVERIFY(recorder.error() == AudioRecorder::Error::NoMicrophone
            || recorder.error() == AudioRecorder::Error::MicrophoneUnavailable);
    qInfo().noquote() << "after the server died:" << recorder.errorString();
    QVERIFY(!QFile::exists(again) && !QFile::exists(again + u".part"_s));
}

QTEST_GUILESS_MAIN(RecorderServerLostTest)
#include "recorder_server_lost_test.moc"
