#include "AudioTestSupport.h"

#include "audio/MultimediaBackend.h"
#include "audio/TakePlayer.h"
#include "common/ApplicationIdentity.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// Plays takes to the rig's speaker, a null sink that consumes audio in real time.
class TakePlayerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void take_playsToTheEnd();
    void seek_beforeItIsSeekable_isApplied();
    void seek_whilePlaying_jumps();
    void doubleRate_playsInHalfTheTime();
    void rate_isClampedToItsRange();
    void pauseAndPlay_continue();
    void damagedTake_saysWhy();
    void missingTake_saysWhy();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_take; // 4 s of a quiet tone
};

void TakePlayerTest::initTestCase()
{
    MOCKLOOP_REQUIRE_AUDIO_RIG();
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    QCOMPARE(selectMultimediaBackend(), u"gstreamer"_s);
}

void TakePlayerTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_take = m_dir->filePath(u"take.wav"_s);
    QVERIFY(AudioTest::writeSineWav(m_take, 16000, 4.0, 440, 0.2));
}

void TakePlayerTest::take_playsToTheEnd()
{
    TakePlayer player;
    QSignalSpy finished(&player, &TakePlayer::finished);
    QSignalSpy durations(&player, &TakePlayer::durationChanged);
    QSignalSpy positions(&player, &TakePlayer::positionChanged);
    QSignalSpy states(&player, &TakePlayer::stateChanged);
    player.setTake(m_take);
    QElapsedTimer clock;
    clock.start();
    player.play();
    QVERIFY(finished.wait(15000));
    const qint64 took = clock.elapsed();
    qInfo("4 s take played in %lld ms", took);
    QVERIFY2(took >= 3500, "played faster than real time: not really played");
    QVERIFY(!durations.isEmpty());
    QVERIFY(std::abs(player.duration() - 4000) <= 50);
    QVERIFY(positions.size() >= 10);
    QVERIFY(positions.last().first().toLongLong() >= 3900);
    QCOMPARE(states.first().first().value<TakePlayer::State>(), TakePlayer::State::Playing);
    QCOMPARE(player.state(), TakePlayer::State::Stopped);
    QVERIFY(player.errorString().isEmpty());
}

void TakePlayerTest::seek_beforeItIsSeekable_isApplied()
{
    TakePlayer player;
    QSignalSpy finished(&player, &TakePlayer::finished);
    player.setTake(m_take);
    player.seek(3000); // not loaded yet: kept until seekableChanged
    QElapsedTimer clock;
    clock.start();
    player.play();
    QVERIFY(finished.wait(15000));
    qInfo("from 3 s: played in %lld ms", clock.elapsed());
    QVERIFY2(clock.elapsed() < 2000, "the seek was not applied");
}

void TakePlayerTest::seek_whilePlaying_jumps()
{
    TakePlayer player;
    QSignalSpy finished(&player, &TakePlayer::finished);
    QSignalSpy seekable(&player, &TakePlayer::seekableChanged);
    player.setTake(m_take);
    player.play();
    QTRY_VERIFY_WITH_TIMEOUT(player.isSeekable() && player.position() > 200, 10000);
    QVERIFY(!seekable.isEmpty());
    QElapsedTimer clock;
    clock.start();
    player.seek(3500);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 3500, 5000);
    QVERIFY(finished.wait(10000));
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
}

void TakePlayerTest::doubleRate_playsInHalfTheTime()
{
    TakePlayer player;
    QSignalSpy finished(&player, &TakePlayer::finished);
    QSignalSpy rates(&player, &TakePlayer::rateChanged);
    player.setRate(2.0); // before loading: applied once the take is loaded
    QCOMPARE(rates.size(), 1);
    player.setTake(m_take);
    QElapsedTimer clock;
    clock.start();
    player.play();
    QVERIFY(finished.wait(15000));
    qInfo("4 s take at 2x played in %lld ms", clock.elapsed());
    QVERIFY2(clock.elapsed() < 2800 && clock.elapsed() > 1500, qPrintable(QString::number(clock.elapsed())));
}

void TakePlayerTest::rate_isClampedToItsRange()
{
    TakePlayer player;
    player.setRate(0.1);
    QCOMPARE(player.rate(), TakePlayer::MinimumRate);
    player.setRate(5);
    QCOMPARE(player.rate(), TakePlayer::MaximumRate);
    player.setRate(1.25);
    QCOMPARE(player.rate(), 1.25);
}

void TakePlayerTest::pauseAndPlay_continue()
{
    TakePlayer player;
    QSignalSpy finished(&player, &TakePlayer::finished);
    player.setTake(m_take);
    player.play();
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 1000, 10000);
    player.pause();
    QTRY_COMPARE_WITH_TIMEOUT(player.state(), TakePlayer::State::Paused, 5000);
    const qint64 pausedAt = player.position();
    QVERIFY(!finished.wait(1000)); // paused: it does not run on
    QVERIFY(std::abs(player.position() - pausedAt) <= 100);
    player.play();
    QVERIFY(finished.wait(15000));
}

void TakePlayerTest::damagedTake_saysWhy()
{
    const QString damaged = m_dir->filePath(u"damaged.wav"_s);
    QFile file(damaged);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(20000, '\x7f'));
    file.close();
    TakePlayer player;
    QSignalSpy errors(&player, &TakePlayer::errorOccurred);
    player.setTake(damaged);
    player.play();
    QVERIFY(errors.wait(10000));
    const QString message = errors.first().first().toString();
    QVERIFY2(message.startsWith(u"Could not play "_s) && message.contains(damaged), qPrintable(message));
    QCOMPARE(player.errorString(), message);
}

void TakePlayerTest::missingTake_saysWhy()
{
    TakePlayer player;
    QSignalSpy errors(&player, &TakePlayer::errorOccurred);
    player.setTake(m_dir->filePath(u"gone.wav"_s));
    player.play();
    QVERIFY(!errors.isEmpty());
    const QString message = errors.last().first().toString();
    QVERIFY2(message.contains(u"gone.wav"_s) && message.contains(u"missing"_s), qPrintable(message));
}

QTEST_GUILESS_MAIN(TakePlayerTest)
#include "take_player_test.moc"
