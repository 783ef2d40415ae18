#include "PracticeWindow.h"
#include "library/LibraryPage.h"
#include "rating/RatingPanel.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// How a session ends: one summary of what was done, what was kept when it was abandoned, and the
// way from there to its answers in the Library.
class SessionSummaryTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void oneRound_endsOnASingleSummary();
    void quickDrill_endsOnASingleSummary();
    void fullLoop_wrapsUpEachRound_thenSumsUpTheSession();
    void abandonedSession_saysSo_andWhatTheLibraryKeeps();
    void abandonedBeforeAnyAnswer_saysNothingWasKept();
    void openInLibrary_showsTheSessionAtItsFirstAnswer();

private:
    QString title() const { return find<QLabel>(u"wrapUpTitle"_s)->text(); }
    QString overview() const { return find<QLabel>(u"wrapUpOverview"_s)->text(); }
    void expectBackHomeAfterOnePress();
};

void SessionSummaryTest::expectBackHomeAfterOnePress()
{
    QVERIFY(find<QPushButton>(u"openInLibraryButton"_s)->isVisible());
    QCOMPARE(find<QPushButton>(u"continueButton"_s)->text(), u"&Done"_s);
    key(Qt::Key_Return);
    QTRY_VERIFY(find<QWidget>(u"practiceHomePage"_s)->isVisible());
}

void SessionSummaryTest::oneRound_endsOnASingleSummary()
{
    chooseMode(u"modeOneRound"_s);
    choose(u"roundChoice"_s, u"peer-manager"_s);
    startSession();
    key(Qt::Key_Return);
    answerAll(3);
    QCOMPARE(engine()->state(), SessionState::Finished);
    QVERIFY(find<QWidget>(u"wrapUpView"_s)->isVisible());
    QCOMPARE(title(), u"Peer Manager — complete"_s);
    QVERIFY2(overview().startsWith(u"You answered 5 of 5 questions in "_s), qPrintable(overview()));
    expectBackHomeAfterOnePress();
}

void SessionSummaryTest::quickDrill_endsOnASingleSummary()
{
    chooseMode(u"modeQuickDrill"_s);
    startSession();
    answerAll(2);
    QCOMPARE(engine()->state(), SessionState::Finished);
    QCOMPARE(title(), u"Quick drill — complete"_s);
    expectBackHomeAfterOnePress();
}

void SessionSummaryTest::fullLoop_wrapsUpEachRound_thenSumsUpTheSession()
{
    chooseMode(u"modeFullLoop"_s);
    startSession();
    key(Qt::Key_Return);
    answerAll(3);
    QCOMPARE(engine()->state(), SessionState::RoundWrapUp);
    QCOMPARE(title(), u"Hiring Manager — round complete"_s);
    QVERIFY(!find<QPushButton>(u"openInLibraryButton"_s)->isVisible());
}

void SessionSummaryTest::abandonedSession_saysSo_andWhatTheLibraryKeeps()
{
    chooseMode(u"modeOneRound"_s);
    startSession();
    key(Qt::Key_Return);
    key(Qt::Key_Return); // the first question: answered and rated
    m_clock->advance(1min);
    while (engine()->state() == SessionState::Answering)
        key(Qt::Key_Return);
    rateAndSubmit(3);
    key(Qt::Key_Return); // the second: abandoned half-way
    m_clock->advance(40s);
    onNextMessageBox(u"Abandon Session"_s);
    key(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(engine()->state(), SessionState::Finished);

    QCOMPARE(title(), u"Session abandoned"_s);
    QTRY_COMPARE_WITH_TIMEOUT(overview(),
                              u"You abandoned the session. Your library keeps 2 answers from it, and no recording. 1 "
                              "answer not rated yet: the Library lets you rate answers after a replay."_s,
                              10000);
    QVERIFY(!overview().contains(u"0 s"_s));
    QVERIFY(find<QPushButton>(u"openInLibraryButton"_s)->isVisible());
}

void SessionSummaryTest::abandonedBeforeAnyAnswer_saysNothingWasKept()
{
    chooseMode(u"modeFullLoop"_s);
    startSession();
    QCOMPARE(engine()->state(), SessionState::Briefing);
    onNextMessageBox(u"Abandon Session"_s);
    key(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(title(), u"Session abandoned"_s);
    QTRY_COMPARE_WITH_TIMEOUT(overview(),
                              u"You abandoned the session before answering a question, so your library has nothing "
                              "from it."_s,
                              10000);
    QVERIFY(!find<QPushButton>(u"openInLibraryButton"_s)->isVisible());
}

void SessionSummaryTest::openInLibrary_showsTheSessionAtItsFirstAnswer()
{
    // An earlier session's answer is the one the Library shows.
    chooseMode(u"modeSingleQuestion"_s);
    startSession();
    answerAll(2);
    QTest::mouseClick(find<QPushButton>(u"openInLibraryButton"_s), Qt::LeftButton);
    auto *question = find<QLabel>(u"answerQuestion"_s);
    // The Library shows its first page: seconds on a machine loaded by other tests.
    QTRY_VERIFY_WITH_TIMEOUT(question->isVisible(), 30000);
    const QString earlier = question->text();
    key(Qt::Key_1, Qt::ControlModifier);
    key(Qt::Key_Return); // done with the summary

    // A round of two answers, ended there.
    chooseMode(u"modeOneRound"_s);
    choose(u"roundChoice"_s, u"peer-manager"_s);
    startSession();
    key(Qt::Key_Return);
    for (int answered = 0; answered < 2; ++answered) {
        key(Qt::Key_Return);
        m_clock->advance(1min);
        while (engine()->state() == SessionState::Answering)
            key(Qt::Key_Return);
        rateAndSubmit(3);
    }
    const QString first = engine()->answers().first().questionText;
    QVERIFY(first != earlier);
    onNextMessageBox(u"End Round"_s);
    key(Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(engine()->state(), SessionState::Finished);

    QTest::mouseClick(find<QPushButton>(u"openInLibraryButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(question->text(), first, 10000);
    QVERIFY2(question->isVisible(), qPrintable(find<QLabel>(u"noAnswerSelected"_s)->text()));
    QVERIFY(!find<QLabel>(u"noAnswerSelected"_s)->isVisible());
    auto *table = find<QTableView>(u"answerTable"_s);
    QCOMPARE(table->model()->rowCount(), 2);
    const QModelIndexList selected = table->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().siblingAtColumn(3).data().toString(), first);
}

QTEST_MAIN(SessionSummaryTest)
#include "session_summary_test.moc"
