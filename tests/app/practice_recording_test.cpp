#include "AppTestSupport.h"
#include "AudioTestSupport.h"
#include "audio/AudioInputs.h"
#include "audio/MultimediaBackend.h"
#include "audio/TakeInfo.h"
#include "audio/TakePlayer.h"
#include "common/AppSettings.h"
#include "common/ApplicationIdentity.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "library/TakePlayerWidget.h"
#include "mainwindow/MainWindow.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "rating/RatingPanel.h"
#include "session/Clock.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// Practising with the microphone: the answer is spoken into the audio rig's virtual microphone,
// recorded by the app, replayable before rating, and kept in the library with its take.
class PracticeRecordingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void singleQuestion_spokenAnswer_isRecorded_replayed_andKept();
    void microphoneUnpluggedMidAnswer_keepsWhatWasSaid();
    void answerResumedAfterACrash_recordsTheRestIntoTheSameTake();

private:
    std::unique_ptr<MainWindow> openWindow(ManualClock &clock, PracticeLibrary &library, AudioInputs &inputs,
                                           const QString &sessionFile);
    void startSingleQuestion(MainWindow &window);
};

namespace {

// Speech saying text after leadSeconds of silence, as raw PCM at rawPath to feed the virtual
// microphone; returns its length in milliseconds, 0 when it could not be made.
qint64 writeSpeech(const QString &text, double leadSeconds, const QString &rawPath)
{
    QString error;
    const auto speech = AudioTest::speech(text, leadSeconds, 0.5, &error);
    QFile raw(rawPath);
    if (!speech || !raw.open(QIODevice::WriteOnly) || raw.write(*speech) != speech->size()) {
        qWarning("could not make the speech: %s", qPrintable(error));
        return 0;
    }
    return speech->size() / 32; // 16 kHz mono 16-bit
}

} // namespace

void PracticeRecordingTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*QCoreApplication::instance());
    selectMultimediaBackend();
    MOCKLOOP_REQUIRE_AUDIO_RIG();
    QSettings().clear();
    SessionSettings settings = AppSettings::sessionSettings();
    settings.followUpsPerQuestion = 0;
    AppSettings::setSessionSettings(settings);
}

std::unique_ptr<MainWindow> PracticeRecordingTest::openWindow(ManualClock &clock, PracticeLibrary &library,
                                                              AudioInputs &inputs, const QString &sessionFile)
{
    AppServices services;
    services.clock = &clock;
    services.library = &library;
    services.audioInputs = &inputs;
    services.sessionFilePath = sessionFile;
    auto window = std::make_unique<MainWindow>(services);
    window->show();
    if (!QTest::qWaitFor([&window] { return window->isCatalogLoaded(); }, 10000))
        qFatal("the loops did not load");
    return window;
}

void PracticeRecordingTest::startSingleQuestion(MainWindow &window)
{
    window.findChild<QRadioButton *>(u"modeSingleQuestion"_s)->setChecked(true);
    QTest::mouseClick(window.findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.sessionPage()->controller() != nullptr, 10000);
}

void PracticeRecordingTest::singleQuestion_spokenAnswer_isRecorded_replayed_andKept()
{
    QTemporaryDir dir;
    ManualClock clock;
    PracticeLibrary library;
    library.open(dir.filePath(u"library"_s));
    AudioInputs inputs;
    QVERIFY2(!inputs.chosenInput().isNull(), "the rig's microphone is there");
    auto window = openWindow(clock, library, inputs, dir.filePath(u"session.json"_s));
    startSingleQuestion(*window);
    SessionEngine *engine = window->sessionPage()->controller()->engine();
    QVERIFY2(!window->findChild<QWidget *>(u"recordingBanner"_s)->isVisible(), "a microphone: no banner");

    const QString speechFile = dir.filePath(u"speech.raw"_s);
    const qint64 speechMs = writeSpeech(u"I took ownership of the migration and cut the p99 latency by forty percent "
                                        "for our members."_s,
                                        0.5, speechFile);
    QVERIFY(speechMs > 0);

    QVERIFY(engine->beginAnswer());
    auto *indicator = window->findChild<QLabel *>(u"recordingIndicator"_s);
    QTRY_COMPARE_WITH_TIMEOUT(indicator->text(), u"● Recording"_s, 10000);
    auto speaker = AudioTest::playInto(u"micfeed"_s, speechFile);
    QVERIFY(speaker->waitForFinished(30000));
    // The take is real time: wait until the recorder has heard it all.
    AudioRecorder *recorder = window->sessionPage()->controller()->recorder();
    QTRY_VERIFY_WITH_TIMEOUT(recorder->recordedMs() >= speechMs + 300, 20000);
    clock.advance(Milliseconds(recorder->recordedMs()));
    QVERIFY(engine->finishAnswer());
    QCOMPARE(engine->state(), SessionState::Rating);

    // Replay before rating, once the take is complete on disk.
    auto *replay = window->findChild<QPushButton *>(u"replayButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(replay->isEnabled(), 10000);
    QTest::mouseClick(replay, Qt::LeftButton);
    auto *status = window->findChild<QLabel *>(u"replayStatus"_s);
    QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(u"Playing the take"_s), 10000);
    QTest::mouseClick(replay, Qt::LeftButton); // pauses
    auto *panel = window->findChild<RatingPanel *>(u"ratingPanel"_s);
    for (DimensionChoice *choice : panel->findChildren<DimensionChoice *>())
        choice->setScore(3);
    QTest::keyClick(panel, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(engine->state(), SessionState::Finished);

    // In the library, with its take: a WAV as long as the recording, with the speech in it.
    QTRY_COMPARE_WITH_TIMEOUT(library.run([](LibraryStore *store) { return store->countAnswers(); }).result(), 1,
                              10000);
    const auto detail
        = library.run([](LibraryStore *store) { return store->answer(store->answers().first().id); }).result();
    QVERIFY(detail->recording);
    const QString take = QDir(library.folder()).filePath(detail->recording->relativePath);
    QVERIFY2(QFile::exists(take), qPrintable(take));
    QVERIFY(take.startsWith(library.folder() + u"/takes/"_s + engine->sessionId() + u'/'));
    QCOMPARE(detail->recording->format, u"WAV PCM 16-bit 16000 Hz mono"_s);
    QVERIFY(qAbs(detail->recording->duration.count() - recorder->lastTake().durationMs()) <= 1);
    QCOMPARE(detail->recording->checksum.size(), 64);
    const auto heard = AudioTest::findSound(AudioTest::pcmOf(take), 16000);
    QVERIFY2(heard, "the spoken answer is in the take");
    QVERIFY(heard->offsetMs - heard->onsetMs > speechMs / 2);

    // In the Library: the take plays over its waveform, at the speed chosen.
    window->showPage(MainWindow::Page::Library);
    LibraryPage *page = window->libraryPage();
    QTRY_VERIFY_WITH_TIMEOUT(page->findChild<QAbstractItemView *>(u"answerTable"_s)->model()->rowCount() == 1, 10000);
    page->selectAnswer(detail->row.id);
    auto *player = page->findChild<TakePlayerWidget *>(u"takePlayer"_s);
    QTRY_VERIFY_WITH_TIMEOUT(page->findChild<QPushButton *>(u"playButton"_s)->isEnabled(), 10000);
    auto *speed = page->findChild<QComboBox *>(u"playbackSpeed"_s);
    speed->setCurrentIndex(speed->findData(2.0));
    QTest::mouseClick(page->findChild<QPushButton *>(u"playButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(player->player()->position() > 500, 10000);
    QCOMPARE(player->player()->rate(), 2.0);
    QTest::mouseClick(page->findChild<QPushButton *>(u"playButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!player->isPlaying(), 10000);
    window.reset();
}

void PracticeRecordingTest::microphoneUnpluggedMidAnswer_keepsWhatWasSaid()
{
    // A USB microphone of its own, kept flowing with silence as a real one does, to pull out.
    AudioTest::RigModules modules;
    QVERIFY(modules.load(u"module-null-sink"_s,
                         {u"sink_name=unplugfeed"_s, u"format=s16le"_s, u"rate=16000"_s, u"channels=1"_s}));
    QVERIFY(modules.load(u"module-remap-source"_s,
                         {u"source_name=unplugmic"_s, u"master=unplugfeed.monitor"_s,
                          u"source_properties=device.description=USB-microphone"_s}));
    const auto feeder
        = AudioTest::startProcess(u"pacat"_s,
                                  {u"--playback"_s, u"--device=unplugfeed"_s, u"--latency-msec=20"_s, u"--raw"_s,
                                   u"--format=s16le"_s, u"--rate=16000"_s, u"--channels=1"_s, u"/dev/zero"_s},
                                  120);

    QTemporaryDir dir;
    ManualClock clock;
    PracticeLibrary library;
    library.open(dir.filePath(u"library"_s));
    AudioInputs inputs;
    QTRY_VERIFY_WITH_TIMEOUT((inputs.refresh(), !AudioInputs::findById(inputs.inputs(), "unplugmic").isNull()), 10000);
    inputs.pick("unplugmic");
    auto window = openWindow(clock, library, inputs, dir.filePath(u"session.json"_s));
    startSingleQuestion(*window);
    SessionEngine *engine = window->sessionPage()->controller()->engine();
    QVERIFY(engine->beginAnswer());
    AudioRecorder *recorder = window->sessionPage()->controller()->recorder();
    QTRY_VERIFY_WITH_TIMEOUT(recorder->recordedMs() >= 1500, 10000);

    // Pulled out mid-answer.
    const AudioTest::CommandResult unplugged = modules.unloadLast();
    QVERIFY2(unplugged.ok(), qPrintable(unplugged.describe(u"pactl"_s)));
    auto *banner = window->findChild<QWidget *>(u"recordingBanner"_s);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 15000);
    const QString message = window->findChild<QLabel *>(u"recordingBannerText"_s)->text();
    QVERIFY2(message.contains(u"USB-microphone"_s) && message.endsWith(u"What was recorded is kept."_s),
             qPrintable(message));
    QCOMPARE(engine->state(), SessionState::Answering); // the answer goes on, unrecorded
    clock.advance(20s);
    QVERIFY(engine->finishAnswer());
    QVERIFY(engine->skipRating());
    QTRY_COMPARE_WITH_TIMEOUT(library.run([](LibraryStore *store) { return store->countAnswers(); }).result(), 1,
                              10000);
    const auto detail
        = library.run([](LibraryStore *store) { return store->answer(store->answers().first().id); }).result();
    QVERIFY2(detail->recording, "the take up to the unplugging is kept with the answer");
    QVERIFY(detail->recording->duration >= Milliseconds(1000));
    QVERIFY(QFile::exists(QDir(library.folder()).filePath(detail->recording->relativePath)));
    window.reset();
    inputs.pick({});
    AudioTest::stopProcess(*feeder);
}

void PracticeRecordingTest::answerResumedAfterACrash_recordsTheRestIntoTheSameTake()
{
    // Killed 3 s into an answer: the session file says which take is the answer's, and the take
    // is a .part the recorder never finished.
    QTemporaryDir dir;
    const QString sessionFile = dir.filePath(u"session.json"_s);
    const QString takeFile = u"01-fr-gave-autonomy.wav"_s;
    const SessionSnapshot saved = CrashLeftovers::answering(u"fr-gave-autonomy"_s, 3000, takeFile);
    CrashLeftovers::writeSessionFile(sessionFile, saved);
    const QString take
        = QDir(dir.filePath(u"library"_s)).filePath(LibraryStore::takeRelativePath(saved.sessionId, takeFile));
    const QByteArray beforeTheCrash = CrashLeftovers::writeTake(take, 3.0, false);

    ManualClock clock;
    PracticeLibrary library;
    library.open(dir.filePath(u"library"_s));
    AudioInputs inputs;
    auto window = openWindow(clock, library, inputs, sessionFile);
    QTRY_VERIFY_WITH_TIMEOUT(window->findChild<QWidget *>(u"resumeBanner"_s)->isVisible(), 10000);
    QTest::mouseClick(window->findChild<QPushButton *>(u"resumeButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window->sessionPage()->controller() != nullptr, 10000);
    SessionEngine *engine = window->sessionPage()->controller()->engine();
    QCOMPARE(engine->state(), SessionState::Answering);
    QVERIFY(engine->isPaused());
    auto *indicator = window->findChild<QLabel *>(u"recordingIndicator"_s);
    QVERIFY2(indicator->text().contains(u"paused"_s), qPrintable(indicator->text()));

    // Resuming the session resumes the recording, in the same take, counting on from 0:03.
    const QString speechFile = dir.filePath(u"speech.raw"_s);
    const qint64 speechMs = writeSpeech(u"We cut the error rate by half for our members."_s, 0.3, speechFile);
    QVERIFY(speechMs > 0);
    QVERIFY(engine->resume());
    QTRY_VERIFY_WITH_TIMEOUT(indicator->text().contains(u"Recording"_s) && !indicator->text().contains(u"paused"_s),
                             10000);
    AudioRecorder *recorder = window->sessionPage()->controller()->recorder();
    QCOMPARE(recorder->takePath(), take);
    QTRY_VERIFY_WITH_TIMEOUT(recorder->recordedMs() >= 3000, 10000);
    auto speaker = AudioTest::playInto(u"micfeed"_s, speechFile);
    QVERIFY(speaker->waitForFinished(30000));
    QTRY_VERIFY_WITH_TIMEOUT(recorder->recordedMs() >= 3000 + speechMs + 300, 20000);
    clock.advance(Milliseconds(recorder->recordedMs() - 3000));
    QVERIFY(engine->finishAnswer());
    QVERIFY(engine->skipRating());

    // One answer, one take: what was said before the crash, then the rest.
    QTRY_COMPARE_WITH_TIMEOUT(library.run([](LibraryStore *store) { return store->countAnswers(); }).result(), 1,
                              10000);
    const auto detail
        = library.run([](LibraryStore *store) { return store->answer(store->answers().first().id); }).result();
    QVERIFY(detail->recording);
    QCOMPARE(QDir(library.folder()).filePath(detail->recording->relativePath), take);
    const QByteArray pcm = AudioTest::pcmOf(take);
    QVERIFY(pcm.size() > beforeTheCrash.size());
    QVERIFY2(pcm.startsWith(beforeTheCrash), "the take begins with what was recorded before the crash");
    const auto heard = AudioTest::findSound(pcm.mid(beforeTheCrash.size()), 16000);
    QVERIFY2(heard, "the rest of the answer is in the same take");
    QVERIFY(qAbs(detail->recording->duration.count() - recorder->lastTake().durationMs()) <= 1);
    // The join is marked: in the take's sidecar, and on the answer where the waveform shows it.
    const std::optional<TakeInfo> sidecar = TakeInfo::readSidecar(take);
    QVERIFY(sidecar);
    QCOMPARE(sidecar->resumptions.size(), 1);
    QCOMPARE(sidecar->resumptions.first().atMs, 3000);
    QCOMPARE(sidecar->subject.questionId, u"fr-gave-autonomy"_s);
    const QList<PauseMark> &pauses = detail->record.parts.first().pauses;
    QVERIFY(std::any_of(pauses.cbegin(), pauses.cend(),
                        [](const PauseMark &pause) { return pause.interrupted && pause.at == Milliseconds(3000); }));
    // Nothing left over to be offered as a stray recording.
    QVERIFY(QDir(QFileInfo(take).absolutePath()).entryList({u"*.wav"_s, u"*.part"_s}, QDir::Files).size() == 1);
    window.reset();
}

QTEST_MAIN(PracticeRecordingTest)
#include "practice_recording_test.moc"
