#include "AppTestSupport.h"
#include "AudioTestSupport.h"
#include "SpeechFixtures.h"
#include "analysis/AnalysisService.h"
#include "audio/AudioInputs.h"
#include "audio/MultimediaBackend.h"
#include "audio/TakePlayer.h"
#include "common/AppSettings.h"
#include "common/ApplicationIdentity.h"
#include "library/PracticeLibrary.h"
#include "mainwindow/MainWindow.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "rating/FeedbackTranscript.h"
#include "rating/MeasuredFeedbackView.h"
#include "rating/RatingPanel.h"
#include "session/Clock.h"

#include <QFile>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// Measured feedback end to end: an answer spoken (by flite) into the audio rig's virtual
// microphone during a real practice session, recorded and measured while it is spoken; the rating
// page shows its transcript and figures, and the library keeps the analysis with the answer.
class PracticeFeedbackTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void spokenAnswer_isMeasured_shownOnTheRatingPage_andKeptInTheLibrary();
};

void PracticeFeedbackTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*QCoreApplication::instance());
    selectMultimediaBackend();
    MOCKLOOP_REQUIRE_AUDIO_RIG();
    MOCKLOOP_REQUIRE_TOOL("flite");
    QSettings().clear();
    SessionSettings settings = AppSettings::sessionSettings();
    settings.followUpsPerQuestion = 0;
    AppSettings::setSessionSettings(settings);
}

void PracticeFeedbackTest::spokenAnswer_isMeasured_shownOnTheRatingPage_andKeptInTheLibrary()
{
    // The answer, as raw PCM for the microphone's feed.
    QTemporaryDir dir;
    QString error;
    const auto spoken = SpeechFixtures::render(SpeechFixtures::scriptPath(u"rating-page-answer"_s), dir.path(), &error);
    QVERIFY2(spoken, qPrintable(error));
    const std::vector<qint16> samples = SpeechFixtures::readWav(spoken->wavPath);
    const QString feed = dir.filePath(u"answer.raw"_s);
    {
        QFile raw(feed);
        QVERIFY(raw.open(QIODevice::WriteOnly));
        raw.write(reinterpret_cast<const char *>(samples.data()), qint64(samples.size()) * 2);
    }
    const qint64 speechMs = qint64(samples.size()) / 16;

    ManualClock clock;
    PracticeLibrary library;
    library.open(dir.filePath(u"library"_s));
    AudioInputs inputs;
    QVERIFY2(!inputs.chosenInput().isNull(), "the rig's microphone is there");
    AnalysisService analysis(&library);
    AppServices services;
    services.clock = &clock;
    services.library = &library;
    services.audioInputs = &inputs;
    services.analysis = &analysis;
    services.sessionFilePath = dir.filePath(u"session.json"_s);
    auto window = std::make_unique<MainWindow>(services);
    window->show();
    QTRY_VERIFY_WITH_TIMEOUT(window->isCatalogLoaded(), 10000);

    window->findChild<QRadioButton *>(u"modeSingleQuestion"_s)->setChecked(true);
    QTest::mouseClick(window->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window->sessionPage()->controller() != nullptr, 10000);
    SessionController *controller = window->sessionPage()->controller();
    SessionEngine *engine = controller->engine();
    QVERIFY(engine->beginAnswer());
    AudioRecorder *recorder = controller->recorder();
    QTRY_COMPARE_WITH_TIMEOUT(recorder->state(), AudioRecorder::State::Recording, 15000);
    // Spoken into the microphone, in real time; a generous buffer rides out a starved feeder.
    auto speaker = AudioTest::playInto(u"micfeed"_s, feed, 90, 250);
    QVERIFY(speaker->waitForFinished(90000));
    QTRY_VERIFY_WITH_TIMEOUT(recorder->recordedMs() >= speechMs + 300, 30000);
    clock.advance(Milliseconds(recorder->recordedMs()));
    QVERIFY(engine->finishAnswer());
    QCOMPARE(engine->state(), SessionState::Rating);

    // The rating page measures it: analysing, then the figures.
    auto *feedback = window->findChild<MeasuredFeedbackView *>(u"measuredFeedback"_s);
    QVERIFY(feedback->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(feedback->state() != MeasuredFeedbackView::State::Pending, 120000);
    auto *status = window->findChild<QLabel *>(u"feedbackStatus"_s);
    QVERIFY2(feedback->state() == MeasuredFeedbackView::State::Ready, qPrintable(status->text()));
    const AnswerAnalysis measured = *feedback->analysis();

    // The transcript on screen holds the words said (recognition is approximate: most of them).
    auto *transcript = window->findChild<FeedbackTranscript *>(u"feedbackTranscript"_s);
    QVERIFY(transcript->isVisible());
    const QString shown = transcript->shownText();
    const QStringList said{u"migration"_s, u"payments"_s, u"service"_s, u"releases"_s, u"sixty"_s,
                           u"percent"_s,   u"members"_s,  u"fixes"_s,   u"days"_s,     u"weeks"_s};
    const qsizetype heard
        = std::count_if(said.cbegin(), said.cend(), [&shown](const QString &word) { return shown.contains(word); });
    QVERIFY2(heard >= 5, qPrintable(u"%1 of the words said in: %2"_s.arg(heard).arg(shown)));
    qInfo("heard %d of %d: %s", int(heard), int(said.size()), qPrintable(shown));
    // And the figures: time speaking, a pace, the long pause between the sentences.
    const QString speaking = window->findChild<QLabel *>(u"feedbackSpeakingTime"_s)->text();
    QVERIFY2(speaking.endsWith(u"recorded"_s), qPrintable(speaking));
    QVERIFY(measured.speakingMs > 3000 && measured.speakingMs < speechMs);
    const QString pace = window->findChild<QLabel *>(u"feedbackPace"_s)->text();
    QVERIFY2(pace.contains(u"words a minute"_s), qPrintable(pace));
    QVERIFY2(measured.pausesLongerThan(2000) >= 1,
             qPrintable(window->findChild<QLabel *>(u"feedbackPauses"_s)->text()));
    QVERIFY(window->findChild<QLabel *>(u"feedbackPauses"_s)->accessibleName().contains(u"over 2 s"_s));
    QVERIFY(window->findChild<QLabel *>(u"evidence_quantified-results"_s)->isVisible());

    // A click on the last word replays the take from there: it jumps, never playing the middle.
    const RecognizedWord last = measured.words.constLast();
    QVERIFY2(last.startMs > 6000, qPrintable(last.text));
    const QTextCursor lastWord
        = transcript->document()->find(last.likelyFiller ? u"(%1?)"_s.arg(last.text) : last.text,
                                       transcript->document()->characterCount(), QTextDocument::FindBackward);
    QVERIFY(!lastWord.isNull());
    QTextCursor inWord = lastWord;
    inWord.setPosition(lastWord.selectionStart() + 1);
    transcript->setTextCursor(inWord);
    transcript->ensureCursorVisible();
    QTest::mouseClick(transcript->viewport(), Qt::LeftButton, {}, transcript->cursorRect(inWord).center());
    auto *player = window->sessionPage()->findChild<TakePlayer *>();
    QVERIFY2(player, "the click started the replay");
    QSignalSpy positions(player, &TakePlayer::positionChanged);
    QTRY_VERIFY_WITH_TIMEOUT(player->state() == TakePlayer::State::Playing && player->position() >= last.startMs - 500,
                             30000);
    player->pause();
    for (const QList<QVariant> &position : std::as_const(positions)) {
        const qint64 ms = position.first().toLongLong();
        QVERIFY2(ms < 1000 || ms >= last.startMs - 1500, qPrintable(u"played the middle: %1 ms"_s.arg(ms)));
    }

    // Rated as the person chose; the library keeps the answer with the analysis shown.
    auto *panel = window->findChild<RatingPanel *>(u"ratingPanel"_s);
    for (DimensionChoice *choice : panel->findChildren<DimensionChoice *>())
        choice->setScore(2);
    const Rating entered = panel->rating();
    QTest::keyClick(panel, Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(engine->state(), SessionState::Finished);
    QTRY_COMPARE_WITH_TIMEOUT(AppTest::wait(library.run([](LibraryStore *store) { return store->countAnswers(); })), 1,
                              20000);
    const auto stored = AppTest::wait(library.run([](LibraryStore *store) {
        const qint64 id = store->answers().first().id;
        return std::make_pair(store->answer(id), store->analysisOf(id));
    }));
    QVERIFY(stored.first && stored.first->recording);
    QCOMPARE(stored.first->rightAfter.value_or(Rating{}).scores, entered.scores);
    QVERIFY2(stored.second, "the library holds the answer's analysis");
    QCOMPARE(stored.second->transcript, measured.transcript());
    const auto kept = AnswerAnalysis::fromJson(QJsonDocument::fromJson(stored.second->resultJson).object());
    QVERIFY(kept);
    QCOMPARE(kept->words, measured.words);
    QCOMPARE(kept->speakingMs, measured.speakingMs);
    window.reset(); // before the services it uses
}

QTEST_MAIN(PracticeFeedbackTest)
#include "practice_feedback_test.moc"
