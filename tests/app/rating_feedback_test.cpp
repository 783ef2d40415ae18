#include "AppTestSupport.h"
#include "PracticeWindow.h"
#include "analysis/AnalysisService.h"
#include "audio/WavFormat.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "rating/MeasuredFeedbackView.h"
#include "rating/RatingPanel.h"
#include "session/SessionStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The measured feedback on the session's rating page: what it says when there is nothing to
// measure, a take measured from its file after MockLoop stopped on the rating page, and a result
// arriving while the person rates, shown beside the rating and never changing it. (A spoken answer
// measured as it is recorded, through the microphone: practice_feedback_test, on the audio rig.)
class RatingFeedbackTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void unrecordedAnswer_saysThereIsNothingToMeasure();
    void resultArrivingWhileRating_showsBesideIt_andLeavesTheRatingAsEntered();
    void resumedOnTheRatingPage_theTakeIsMeasuredFromItsFile();

private:
    void answerSingleQuestion();
    QString status() const { return find<QLabel>(u"feedbackStatus"_s)->text(); }
    MeasuredFeedbackView::State feedbackState() const
    {
        return find<MeasuredFeedbackView>(u"measuredFeedback"_s)->state();
    }
};

namespace {

AnswerAnalysis spokenAnswer()
{
    AnswerAnalysis analysis;
    analysis.durationMs = 95000;
    analysis.analysedMs = 95000;
    analysis.speechFound = true;
    analysis.speakingMs = 80000;
    analysis.speech = {{1200, 50000}, {52500, 95000}};
    analysis.pauses = {{50000, 52500}};
    analysis.silenceBeforeSpeech = TimeRange{0, 1200};
    analysis.wordsPerMinute = 151;
    analysis.articulationRate = 4.4;
    analysis.fillersPerMinute = 0;
    analysis.words = {{u"we"_s, 1200, 1400, 0.9, false, 1}, {u"shipped"_s, 1400, 1800, 0.9, false, 1}};
    analysis.numbersHeard = {{u"twelve"_s, 30000, 30400, u"12"_s}};
    analysis.phases = {{0, 0, 35000, 30000, 30000}, {1, 35000, 60000, 50000, 60000}};
    return analysis;
}

} // namespace

void RatingFeedbackTest::answerSingleQuestion()
{
    chooseMode(u"modeSingleQuestion"_s);
    choose(u"questionPickChoice"_s, 3); // a question I choose
    choose(u"questionChoice"_s, u"fr-take-over-project"_s);
    startSession();
    key(Qt::Key_Return);
    m_clock->advance(35s);
    key(Qt::Key_Space);
    for (int parts = 0; parts < 10 && engine()->state() == SessionState::Answering; ++parts) {
        m_clock->advance(60s);
        key(Qt::Key_Return);
    }
    QCOMPARE(engine()->state(), SessionState::Rating);
}

void RatingFeedbackTest::unrecordedAnswer_saysThereIsNothingToMeasure()
{
    answerSingleQuestion();
    QVERIFY(find<MeasuredFeedbackView>(u"measuredFeedback"_s)->isVisible());
    QCOMPARE(feedbackState(), MeasuredFeedbackView::State::Unavailable);
    QCOMPARE(status(), u"This answer was not recorded, so there is nothing to measure."_s);
    QVERIFY(!find<QLabel>(u"evidence_quantified-results"_s)->isVisible());
    // The phase times from the marks are there all the same.
    QVERIFY(find<QWidget>(u"phaseTimes"_s)->isVisible());
}

void RatingFeedbackTest::resultArrivingWhileRating_showsBesideIt_andLeavesTheRatingAsEntered()
{
    answerSingleQuestion();
    const int ordinal = engine()->currentAnswer()->ordinal;
    auto *panel = find<RatingPanel>(u"ratingPanel"_s);
    find<DimensionChoice>(u"dimension_quantified-results"_s)->setScore(2);
    find<DimensionChoice>(u"dimension_candor"_s)->setScore(4);
    const Rating entered = panel->rating();
    QCOMPARE(entered.scores.size(), 2);

    SessionController *controller = m_window->sessionPage()->controller();
    // Another answer's result is not this one's.
    Q_EMIT controller->analysisReady(ordinal + 1, spokenAnswer());
    QCOMPARE(feedbackState(), MeasuredFeedbackView::State::Unavailable);
    Q_EMIT controller->analysisReady(ordinal, spokenAnswer());
    QCOMPARE(feedbackState(), MeasuredFeedbackView::State::Ready);
    QCOMPARE(find<QLabel>(u"feedbackPace"_s)->text(),
             u"151 words a minute; 4.4 syllables a second without the pauses"_s);
    auto *numbers = find<QLabel>(u"evidence_quantified-results"_s);
    QVERIFY(numbers->isVisible());
    QCOMPARE(numbers->accessibleName(), u"Measured: Numbers heard (1): 12 at 0:30."_s);
    // What the person entered is as it was, and is what is kept.
    QCOMPARE(panel->rating().scores, entered.scores);
    QCOMPARE(engine()->currentAnswer()->draftRating.value_or(Rating{}).scores, entered.scores);
    QTest::mouseClick(find<QPushButton>(u"submitRatingButton"_s), Qt::LeftButton);
    QCOMPARE(engine()->state(), SessionState::Finished);
    QCOMPARE(engine()->answers().last().rating.value_or(Rating{}).scores, entered.scores);

    // A failure for an answer no longer on screen changes nothing there.
    Q_EMIT controller->analysisFailed(ordinal, u"too late"_s);
    QVERIFY(!find<RatingPanel>(u"ratingPanel"_s)->isVisible());
}

void RatingFeedbackTest::resumedOnTheRatingPage_theTakeIsMeasuredFromItsFile()
{
    // MockLoop stopped on the rating page; the take (4 s of silence) is on disk, finished.
    const QString takeFile = u"01-fr-gave-autonomy.wav"_s;
    Rating draft;
    draft.scores = {{u"candor"_s, 3}};
    const SessionSnapshot saved = CrashLeftovers::rating(u"fr-gave-autonomy"_s, 4000, takeFile, draft);
    CrashLeftovers::writeSessionFile(m_services.sessionFilePath, saved);
    const QString take = QDir(m_library->folder()).filePath(LibraryStore::takeRelativePath(saved.sessionId, takeFile));
    QDir().mkpath(QFileInfo(take).absolutePath());
    {
        QFile wav(take);
        QVERIFY(wav.open(QIODevice::WriteOnly));
        const QByteArray silence(4 * 16000 * 2, '\0');
        wav.write(Wav::canonicalHeader(PcmFormat{}, silence.size()));
        wav.write(silence);
    }

    AnalysisService analysis(m_library.get());
    m_window.reset();
    m_services.analysis = &analysis;
    openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(u"resumeBanner"_s)->isVisible(), 10000);
    QTest::mouseClick(find<QPushButton>(u"resumeButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sessionPage()->controller(), 10000);
    QCOMPARE(engine()->state(), SessionState::Rating);
    // Measured again from its file: analysing, then what was found (here, nothing said).
    QCOMPARE(feedbackState(), MeasuredFeedbackView::State::Pending);
    QCOMPARE(status(), u"Analysing your answer…"_s);
    QTRY_COMPARE_WITH_TIMEOUT(feedbackState(), MeasuredFeedbackView::State::NoSpeech, 60000);
    QVERIFY2(status().startsWith(u"No speech found in the recording"_s), qPrintable(status()));
    QCOMPARE(find<RatingPanel>(u"ratingPanel"_s)->rating().scores, draft.scores);

    // Rated: the library holds the answer with that analysis.
    QTest::mouseClick(find<QPushButton>(u"submitRatingButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(AppTest::wait(m_library->run([](LibraryStore *store) { return store->countAnswers(); })),
                              1, 10000);
    const auto stored = AppTest::wait(m_library->run([](LibraryStore *store) {
        const qint64 id = store->answers().first().id;
        return std::make_pair(store->answer(id), store->analysisOf(id));
    }));
    QVERIFY(stored.first && stored.second);
    QCOMPARE(stored.first->rightAfter.value_or(Rating{}).scores, draft.scores);
    const auto kept = AnswerAnalysis::fromJson(QJsonDocument::fromJson(stored.second->resultJson).object());
    QVERIFY(kept);
    QVERIFY(!kept->speechFound);
    QCOMPARE(kept->durationMs, 4000);
    m_window.reset(); // before the service it uses
}

QTEST_MAIN(RatingFeedbackTest)
#include "rating_feedback_test.moc"
