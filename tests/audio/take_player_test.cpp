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

#include <algorithm>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

QList<qint64> reportedPositions(const QSignalSpy &spy)
{
    QList<qint64> positions;
    for (const QList<QVariant> &arguments : spy)
        positions.append(arguments.first().toLongLong());
    return positions;
}

QString describe(const QList<qint64> &positions)
{
    QStringList text;
    for (qint64 position : positions)
        text.append(QString::number(position));
    return text.join(u' ');
}

} // namespace

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
    QSignalSpy positions(&player, &TakePlayer::positionChanged);
    player.setTake(m_take);
    player.seek(3000); // not loaded yet: kept until seekableChanged
    player.play();
    QVERIFY(finished.wait(15000));
    // Played from 3 s: the first three seconds were never played, however long starting took.
    const QList<qint64> played = reportedPositions(positions);
    qInfo("from 3 s: positions reported %s", qPrintable(describe(played)));
    QVERIFY2(std::none_of(played.cbegin(), played.cend(), [](qint64 ms) { return ms >= 500 && ms < 2900; }),
             "the seek was not applied");
    QVERIFY(!played.isEmpty() && played.last() >= 3900);
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
    const qint64 before = player.position();
    QSignalSpy positions(&player, &TakePlayer::positionChanged);
    player.seek(3500);
    QTRY_VERIFY_WITH_TIMEOUT(player.position() >= 3500, 5000);
    QVERIFY(finished.wait(10000));
    // It jumped: nothing between where it was and 3.5 s was played.
    const QList<qint64> played = reportedPositions(positions);
    qInfo("seek from %lld ms: positions reported %s", before, qPrintable(describe(played)));
    QVERIFY2(
        std::none_of(played.cbegin(), played.cend(), [before](qint64 ms) { return ms >= before + 500 && ms < 3400; }),
        "played on instead of jumping");
}

void TakePlayerTest::doubleRate_playsInHalfTheTime()
{
    TakePlayer player;
    QSignalSpy finished(&player, &TakePlayer::finished);
    QSignalSpy rates(&player, &TakePlayer::rateChanged);
    player.setRate(2.0); // before loading: applied once the take is loaded
    QCOMPARE(rates.size(), 1);
    player.setTake(m_take);
    // The speed is measured from the take's own progress once it plays, not from pressing play:
    // how long the pipeline takes to start on a busy machine is not the rate.
    QElapsedTimer clock;
    clock.start();
    QList<std::pair<qint64, qint64>> progress; // (wall-clock ms, position ms)
    connect(&player, &TakePlayer::positionChanged, this, [&](qint64 position) {
        progress.append({clock.elapsed(), position});
    });
    player.play();
    QVERIFY(finished.wait(15000));
    progress.removeIf([](const auto &sample) { return sample.second < 300 || sample.second > 3900; });
    QVERIFY2(progress.size() >= 2, "too few position reports to measure the rate");
    const double played = double(progress.last().second - progress.first().second);
    const double took = double(progress.last().first - progress.first().first);
    QVERIFY(took > 0);
    qInfo("at 2x: %.0f ms of the take played in %.0f ms (%.2fx)", played, took, played / took);
    QVERIFY2(played >= 2000, "the position hardly moved");
    QVERIFY2(played / took > 1.5 && played / took < 3.0, qPrintable(QString::number(played / took)));
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
