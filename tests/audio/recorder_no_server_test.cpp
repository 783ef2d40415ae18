#include "AudioTestSupport.h"

#include "audio/AudioInputs.h"
#include "audio/AudioRecorder.h"
#include "audio/MultimediaBackend.h"
#include "audio/TakePlayer.h"
#include "common/ApplicationIdentity.h"

#include <QDir>
#include <QMediaDevices>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// Runs with PULSE_SERVER pointing at a socket that does not exist: no sound server at all.
class RecorderNoServerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void noServer_listsNoMicrophone();
    void start_refusesWithNoMicrophone_andCreatesNoFile();
    void player_saysThereIsNoOutput();

private:
    QTemporaryDir m_settings;
};

void RecorderNoServerTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QVERIFY2(qEnvironmentVariable("PULSE_SERVER").contains(u"nonexistent"_s), "run through ctest");
    selectMultimediaBackend();
}

void RecorderNoServerTest::noServer_listsNoMicrophone()
{
    QVERIFY(QMediaDevices::audioInputs().isEmpty());
    AudioInputs inputs;
    QVERIFY(inputs.inputs().isEmpty());
    QVERIFY(inputs.chosenInput().isNull());
}

void RecorderNoServerTest::start_refusesWithNoMicrophone_andCreatesNoFile()
{
    QTemporaryDir dir;
    AudioRecorder recorder;
    QSignalSpy errors(&recorder, &AudioRecorder::errorOccurred);
    QSignalSpy states(&recorder, &AudioRecorder::stateChanged);
    QVERIFY(!recorder.start(dir.filePath(u"answer.wav"_s)));
    QCOMPARE(recorder.error(), AudioRecorder::Error::NoMicrophone);
    QVERIFY2(recorder.errorString().startsWith(u"No microphone found."_s), qPrintable(recorder.errorString()));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().at(0).value<AudioRecorder::Error>(), AudioRecorder::Error::NoMicrophone);
    QCOMPARE(recorder.state(), AudioRecorder::State::Idle);
    QVERIFY(states.isEmpty());
    QVERIFY(QDir(dir.path()).isEmpty());
}

void RecorderNoServerTest::player_saysThereIsNoOutput()
{
    QTemporaryDir dir;
    const QString take = dir.filePath(u"take.wav"_s);
    QVERIFY(AudioTest::writeSineWav(take, 16000, 1, 440, 0.3));
    TakePlayer player;
    QSignalSpy errors(&player, &TakePlayer::errorOccurred);
    player.setTake(take);
    player.play();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(player.errorString().startsWith(u"No speakers or headphones found."_s), qPrintable(player.errorString()));
    QCOMPARE(player.state(), TakePlayer::State::Stopped);
}

QTEST_GUILESS_MAIN(RecorderNoServerTest)
#include "recorder_no_server_test.moc"
