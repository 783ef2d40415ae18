#include "PracticeWindow.h"
#include "practice/SessionPage.h"

#include <QDialog>
#include <QLabel>
#include <QMessageBox>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The questions a session asks before it does something that cannot be undone, and what happens
// to the clocks while they are open: nothing runs behind a dialog.
class SessionConfirmationsTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void endRound_asksFirst();
    void endRoundQuestion_stopsTheClocksWhileOpen_andCancelLeavesThemRunning();
    void abandonQuestion_leavesASessionPausedBeforeItPaused();
    void anyDialog_stopsTheClocksWhileOpen();
    void skipWhileAnswering_asksFirst_andCancelKeepsTheAnswerGoing();
    void skipWhileAnswering_confirmed_keepsWhatWasSaidAsASkippedAnswer();
    void skipDuringTheThinkTime_isImmediate();
    void skipDuringAFollowUp_asksFirst_thenGoesToRating();

private:
    // One round of the built-in loop, its briefing passed: the first question's think time runs.
    void startRound();
};

void SessionConfirmationsTest::startRound()
{
    chooseMode(u"modeOneRound"_s);
    startSession();
    key(Qt::Key_Return); // begin the round
    QCOMPARE(engine()->state(), SessionState::Thinking);
}

void SessionConfirmationsTest::endRound_asksFirst()
{
    startRound();
    onNextMessageBox(u"Cancel"_s);
    key(Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(m_askedBy, u"endRoundConfirmation"_s);
    QCOMPARE(engine()->state(), SessionState::Thinking);
    onNextMessageBox(u"End Round"_s);
    key(Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(m_askedBy, u"endRoundConfirmation"_s);
    QCOMPARE(engine()->state(), SessionState::Finished); // the only round ended: so did the session
}

void SessionConfirmationsTest::endRoundQuestion_stopsTheClocksWhileOpen_andCancelLeavesThemRunning()
{
    startRound();
    m_clock->advance(10s);
    onNextMessageBox(u"Cancel"_s, [this](QMessageBox *) {
        QVERIFY(engine()->isPaused());
        QVERIFY(find<QLabel>(u"pausedLabel"_s)->isVisible());
        m_clock->advance(90s); // well past the think time
        QCOMPARE(engine()->state(), SessionState::Thinking);
    });
    key(Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(m_askedBy, u"endRoundConfirmation"_s);

    // No answer began behind the question, and the think time is where it was.
    QCOMPARE(engine()->state(), SessionState::Thinking);
    QVERIFY(engine()->currentAnswer()->parts.isEmpty());
    QCOMPARE(engine()->clocks().thinkElapsed, Milliseconds(10s));
    // Running again, as before the question.
    QVERIFY(!engine()->isPaused());
    QVERIFY(!find<QLabel>(u"pausedLabel"_s)->isVisible());
    m_clock->advance(21s);
    QCOMPARE(engine()->state(), SessionState::Answering);
}

void SessionConfirmationsTest::abandonQuestion_leavesASessionPausedBeforeItPaused()
{
    startRound();
    key(Qt::Key_Return); // start answering
    m_clock->advance(20s);
    key(Qt::Key_P);
    QVERIFY(engine()->isPaused());
    onNextMessageBox(u"Cancel"_s, [this](QMessageBox *) { m_clock->advance(5min); });
    key(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_askedBy, u"abandonConfirmation"_s);
    QVERIFY2(engine()->isPaused(), "the person paused it; closing the question does not resume it");
    QCOMPARE(engine()->clocks().answerElapsed, Milliseconds(20s));
    key(Qt::Key_P);
    m_clock->advance(5s);
    QCOMPARE(engine()->clocks().answerElapsed, Milliseconds(25s));
}

void SessionConfirmationsTest::anyDialog_stopsTheClocksWhileOpen()
{
    startRound();
    key(Qt::Key_Return);
    m_clock->advance(30s);
    bool pausedWhileOpen = false;
    onNextDialog([this, &pausedWhileOpen](QWidget *dialog) {
        pausedWhileOpen = engine()->isPaused();
        m_clock->advance(10min);
        qobject_cast<QDialog *>(dialog)->reject();
    });
    key(Qt::Key_F1); // the list of keyboard shortcuts
    QCOMPARE(m_askedBy, u"shortcutsDialog"_s);
    QVERIFY(pausedWhileOpen);
    QVERIFY(!engine()->isPaused());
    QCOMPARE(engine()->clocks().answerElapsed, Milliseconds(30s));
    // The answer's recording was paused too: the answer keeps the pause as a mark.
    QCOMPARE(engine()->currentAnswer()->parts.last().pauses.size(), 1);
    QCOMPARE(engine()->currentAnswer()->parts.last().pauses.first().length, Milliseconds(10min));
}

void SessionConfirmationsTest::skipWhileAnswering_asksFirst_andCancelKeepsTheAnswerGoing()
{
    startRound();
    key(Qt::Key_Return);
    m_clock->advance(20s);
    onNextMessageBox(u"Cancel"_s, [this](QMessageBox *box) {
        QCOMPARE(box->windowTitle(), u"Skip this question?"_s);
        QVERIFY(engine()->isPaused());
        m_clock->advance(1min);
    });
    key(Qt::Key_S);
    QCOMPARE(m_askedBy, u"skipQuestionConfirmation"_s);
    QCOMPARE(engine()->state(), SessionState::Answering);
    QCOMPARE(engine()->questionIndex(), 0);
    QVERIFY(engine()->answers().isEmpty());
    QVERIFY(!engine()->isPaused());
    QCOMPARE(engine()->clocks().answerElapsed, Milliseconds(20s));
}

void SessionConfirmationsTest::skipWhileAnswering_confirmed_keepsWhatWasSaidAsASkippedAnswer()
{
    startRound();
    key(Qt::Key_Return);
    m_clock->advance(20s);
    onNextMessageBox(u"Skip Question"_s);
    key(Qt::Key_S);
    QCOMPARE(m_askedBy, u"skipQuestionConfirmation"_s);
    QCOMPARE(engine()->state(), SessionState::Thinking);
    QCOMPARE(engine()->questionIndex(), 1);
    QCOMPARE(engine()->answers().size(), 1);
    QVERIFY(engine()->answers().first().skipped);
    QCOMPARE(engine()->answers().first().parts.first().duration, Milliseconds(20s));
    QTRY_COMPARE_WITH_TIMEOUT(m_library->run([](LibraryStore *store) { return store->countAnswers(); }).result(), 1,
                              10000);
}

void SessionConfirmationsTest::skipDuringTheThinkTime_isImmediate()
{
    startRound();
    m_clock->advance(5s);
    onNextDialog([](QWidget *dialog) { qobject_cast<QDialog *>(dialog)->reject(); });
    key(Qt::Key_S);
    stopWaitingForMessageBox();
    QVERIFY2(m_askedBy.isEmpty(), qPrintable(m_askedBy));
    QCOMPARE(engine()->state(), SessionState::Thinking);
    QCOMPARE(engine()->questionIndex(), 1);
    QVERIFY(engine()->answers().first().skipped);
}

void SessionConfirmationsTest::skipDuringAFollowUp_asksFirst_thenGoesToRating()
{
    startRound();
    key(Qt::Key_Return);
    m_clock->advance(2min);
    key(Qt::Key_Return); // the main answer is done: the first follow-up
    QCOMPARE(engine()->followUpIndex(), 0);
    m_clock->advance(10s);
    onNextMessageBox(u"Skip Follow-up"_s,
                     [](QMessageBox *box) { QCOMPARE(box->windowTitle(), u"Skip this follow-up?"_s); });
    key(Qt::Key_S);
    QCOMPARE(m_askedBy, u"skipQuestionConfirmation"_s);
    QCOMPARE(engine()->state(), SessionState::Rating);
    QVERIFY(!engine()->currentAnswer()->skipped);
}

QTEST_MAIN(SessionConfirmationsTest)
#include "session_confirmations_test.moc"
