#include "PracticeWindow.h"
#include "audio/AudioInputs.h"
#include "audio/WavFormat.h"
#include "common/ApplicationIdentity.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "mainwindow/MainWindow.h"
#include "practice/PracticeHomePage.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "rating/RatingPanel.h"
#include "session/Clock.h"
#include "widgets/CountdownLabel.h"
#include "widgets/PhaseBar.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The practice screens driven as a person would: real windows and widgets, found by objectName,
// on a manual clock. No sound here (recording is off); the recording flows run on the audio rig.
class PracticeFlowTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void singleQuestion_fromStartToRating_landsInTheLibrary();
    void fullRound_withOvertimeAndAPhaseMark();
    void pauseAndResume_stopTheClocks();
    void malformedLoop_showsItsErrorsWithLineAndColumn();
    void restart_offersTheUnfinishedSession_andResumesExactlyThere();
    void menus_showEveryActionWithItsKey_includingTheSessionControls();
    void noMicrophone_theRoundRunsUnderABanner_withAWayToSettings();
    void takeCutShortByACrash_isRepairedAtStart_andOfferedInTheLibrary();
    void preparationPlan_followsTheInterviewDate_andKeepsItsTicks();
};

void PracticeFlowTest::initTestCase()
{
    initFixture();
}

void PracticeFlowTest::init()
{
    setUpWindow();
}

void PracticeFlowTest::cleanup()
{
    tearDownWindow();
}

void PracticeFlowTest::singleQuestion_fromStartToRating_landsInTheLibrary()
{
    QTest::mouseClick(find<QRadioButton>(u"modeSingleQuestion"_s), Qt::LeftButton);
    choose(u"questionPickChoice"_s, 3); // a question I choose
    choose(u"questionChoice"_s, u"fr-take-over-project"_s);
    startSession();

    // A single question starts at once with its think time.
    QCOMPARE(engine()->state(), SessionState::Thinking);
    QVERIFY(find<QLabel>(u"questionText"_s)->text().contains(u"documentation is incomplete"_s));
    auto *clock = find<CountdownLabel>(u"answerClock"_s);
    QCOMPARE(clock->text(), u"0:30"_s);
    m_clock->advance(12s);
    QCOMPARE(clock->text(), u"0:18"_s);
    key(Qt::Key_Return); // start answering early
    QCOMPARE(engine()->state(), SessionState::Answering);
    m_clock->advance(100s);
    QCOMPARE(clock->text(), u"2:20"_s);
    QCOMPARE(find<QLabel>(u"recordingIndicator"_s)->text(), u"○ Not recording"_s);
    key(Qt::Key_Return); // finish the answer: the follow-up probes come next
    while (engine()->state() == SessionState::Answering) {
        QVERIFY(find<QLabel>(u"followUpText"_s)->isVisible());
        m_clock->advance(40s);
        key(Qt::Key_Return);
    }
    QCOMPARE(engine()->state(), SessionState::Rating);

    // Rating with the keyboard: digits choose, Tab moves to the next dimension.
    auto *panel = find<RatingPanel>(u"ratingPanel"_s);
    QVERIFY(panel->isVisible());
    QVERIFY(find<QPushButton>(u"replayButton"_s)->isVisible());
    QVERIFY2(!find<QPushButton>(u"replayButton"_s)->isEnabled(), "nothing was recorded to replay");
    QWidget *first = QApplication::focusWidget();
    QVERIFY(first && first->objectName().startsWith(u"dimension_"_s));
    QTest::keyClick(first, Qt::Key_3);
    QTest::keyClick(first, Qt::Key_Tab);
    QWidget *second = QApplication::focusWidget();
    QVERIFY(second != first && second->objectName().startsWith(u"dimension_"_s));
    QTest::keyClick(second, Qt::Key_4);
    auto *flag = find<QCheckBox>(u"redFlag_excuses-for-results"_s);
    flag->setFocus(Qt::TabFocusReason);
    QTest::keyClick(flag, Qt::Key_Space);
    QVERIFY(flag->isChecked());
    QTest::keyClicks(find<QPlainTextEdit>(u"ratingNotes"_s), u"Say who owned the gap"_s);
    const QString firstDimension = first->objectName().mid(int(qstrlen("dimension_")));
    QTest::keyClick(panel, Qt::Key_Return, Qt::ControlModifier);

    // A single question has no wrap-up: the summary shows, and the answer is in the library.
    QCOMPARE(engine()->state(), SessionState::Finished);
    QTRY_VERIFY(find<QWidget>(u"wrapUpView"_s)->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(m_library->run([](LibraryStore *store) { return store->countAnswers(); }).result(), 1,
                              10000);
    const AnswerRow row = m_library->run([](LibraryStore *store) { return store->answers().first(); }).result();
    QCOMPARE(row.questionId, u"fr-take-over-project"_s);
    QCOMPARE(row.roundTitle, u"Hiring Manager"_s);
    QVERIFY(row.answerTime >= Milliseconds(100s));
    const auto detail = m_library->run([id = row.id](LibraryStore *store) { return store->answer(id); }).result();
    QCOMPARE(detail->rightAfter->scores.value(firstDimension), 3);
    QCOMPARE(detail->rightAfter->redFlagIds, QStringList{u"excuses-for-results"_s});
    QCOMPARE(detail->rightAfter->notes, u"Say who owned the gap"_s);
    QVERIFY(!detail->recording);

    QTest::mouseClick(find<QPushButton>(u"continueButton"_s), Qt::LeftButton);
    QTRY_VERIFY(find<QWidget>(u"practiceHomePage"_s)->isVisible());
    // A finished session leaves nothing to resume, once the library holds it all.
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(m_services.sessionFilePath), 10000);
}

void PracticeFlowTest::fullRound_withOvertimeAndAPhaseMark()
{
    QTest::mouseClick(find<QRadioButton>(u"modeOneRound"_s), Qt::LeftButton);
    choose(u"roundChoice"_s, u"peer-manager"_s);
    startSession();
    QCOMPARE(engine()->state(), SessionState::Briefing);
    QVERIFY(find<QLabel>(u"briefingTitle"_s)->text().contains(u"Peer Manager"_s));
    QVERIFY(find<QLabel>(u"briefingDetails"_s)->text().contains(u"8-15 engineers"_s)); // L6 expectations
    QVERIFY(find<CountdownLabel>(u"roundClock"_s)->isVisible());
    key(Qt::Key_Return);
    QCOMPARE(engine()->state(), SessionState::Thinking);

    // The think time runs out by itself: the answer clock starts.
    m_clock->advance(31s);
    QCOMPARE(engine()->state(), SessionState::Answering);
    auto *phaseBar = find<PhaseBar>(u"phaseBar"_s);
    QVERIFY(phaseBar->isVisible());
    QCOMPARE(phaseBar->currentPhase(), 0);
    m_clock->advance(25s);
    key(Qt::Key_Space); // next phase
    QCOMPARE(phaseBar->currentPhase(), 1);
    QCOMPARE(engine()->currentAnswer()->parts.first().phaseMarks.size(), 1);

    // Overtime: a minus sign, in the warning colour; the answer goes on.
    auto *clock = find<CountdownLabel>(u"answerClock"_s);
    m_clock->advance(240s);
    QVERIFY(clock->isOvertime());
    QVERIFY2(clock->text().startsWith(u"\u2212"_s), qPrintable(clock->text()));
    QCOMPARE(clock->palette().color(QPalette::WindowText), warningColour(clock->palette()));
    QCOMPARE(engine()->state(), SessionState::Answering);
    key(Qt::Key_Return);
    answerAll(2);

    // Play the rest of the round, then see its wrap-up: the session's summary.
    QTRY_COMPARE(engine()->state(), SessionState::Finished);
    QVERIFY(find<QWidget>(u"wrapUpView"_s)->isVisible());
    const QString overview = find<QLabel>(u"wrapUpOverview"_s)->text();
    QVERIFY2(overview.contains(u"of 5 questions"_s), qPrintable(overview));
    const RoundSummary summary = engine()->roundSummaries().first();
    QCOMPARE(summary.questionsAnswered, 5);
    QVERIFY(!summary.dimensionAverages.isEmpty());
}

void PracticeFlowTest::pauseAndResume_stopTheClocks()
{
    QTest::mouseClick(find<QRadioButton>(u"modeOneRound"_s), Qt::LeftButton);
    startSession();
    key(Qt::Key_Return); // begin round
    key(Qt::Key_Return); // start answering
    m_clock->advance(20s);
    key(Qt::Key_P);
    QVERIFY(engine()->isPaused());
    QVERIFY(find<QLabel>(u"pausedLabel"_s)->isVisible());
    QCOMPARE(m_window->sessionPage()->actions().pause->text(), u"Res&ume"_s);
    QVERIFY2(!m_window->sessionPage()->actions().finishAnswer->isEnabled(), "a paused answer cannot be finished");
    const QString roundClock = find<CountdownLabel>(u"roundClock"_s)->text();
    m_clock->advance(10min);
    QCOMPARE(find<CountdownLabel>(u"answerClock"_s)->text(), u"3:40"_s);
    QCOMPARE(find<CountdownLabel>(u"roundClock"_s)->text(), roundClock);
    key(Qt::Key_P);
    QVERIFY(!engine()->isPaused());
    QVERIFY(!find<QLabel>(u"pausedLabel"_s)->isVisible());
    m_clock->advance(10s);
    QCOMPARE(find<CountdownLabel>(u"answerClock"_s)->text(), u"3:30"_s);
    key(Qt::Key_Return);
    QCOMPARE(engine()->currentAnswer()->parts.first().pauses.size(), 1);
    QCOMPARE(engine()->currentAnswer()->parts.first().pauses.first().length, Milliseconds(10min));
}

void PracticeFlowTest::malformedLoop_showsItsErrorsWithLineAndColumn()
{
    QSignalSpy shown(m_window->practiceHome(), &PracticeHomePage::loopErrorsShown);
    m_window->practiceHome()->openLoopFile(
        QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/many-errors-one-pass/loop.yaml"));
    QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
    auto *dialog = m_window->findChild<QDialog *>(u"loopErrorsDialog"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    const QString errors = dialog->findChild<QPlainTextEdit *>(u"loopErrorsList"_s)->toPlainText();
    QVERIFY2(errors.contains(u"line 116, column 23: rounds[0].duration_minutes: expected a positive whole number of "
                             "minutes, got 'forty-five'"_s),
             qPrintable(errors));
    QCOMPARE(errors.count(u'\n') + 1, 6);
    // Long messages wrap: nothing to scroll sideways, even in a narrow dialog.
    dialog->resize(480, 360);
    auto *list = dialog->findChild<QPlainTextEdit *>(u"loopErrorsList"_s);
    int longest = 0;
    for (const QString &line : errors.split(u'\n'))
        longest = std::max(longest, list->fontMetrics().horizontalAdvance(line));
    QTRY_VERIFY(list->viewport()->width() > 0 && longest > list->viewport()->width());
    QTRY_COMPARE(list->horizontalScrollBar()->maximum(), 0);
    dialog->close();

    // A valid file opens and becomes the chosen loop.
    m_window->practiceHome()->openLoopFile(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/valid-complete/loop.yaml"));
    QTRY_COMPARE_WITH_TIMEOUT(find<QComboBox>(u"loopChoice"_s)->currentData().toString(), u"example-loop"_s, 10000);
    QCOMPARE(find<QLabel>(u"loopTitle"_s)->text(), u"Example Leadership Loop"_s);
}

void PracticeFlowTest::restart_offersTheUnfinishedSession_andResumesExactlyThere()
{
    QTest::mouseClick(find<QRadioButton>(u"modeOneRound"_s), Qt::LeftButton);
    choose(u"roundChoice"_s, u"technical-leadership"_s);
    startSession();
    key(Qt::Key_Return); // begin round
    m_clock->advance(10s);
    key(Qt::Key_Return); // start answering
    m_clock->advance(75s);
    key(Qt::Key_Space); // a phase mark at 1:15
    m_clock->advance(45s);
    const QString question = find<QLabel>(u"questionText"_s)->text();

    // Quitting the app pauses and saves the session.
    m_window->close();
    m_window.reset();
    m_clock->advance(2h);
    openWindow();
    auto *banner = find<QWidget>(u"resumeBanner"_s);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 10000);
    QVERIFY2(find<QLabel>(u"resumeText"_s)->text().contains(u"Technical Leadership"_s),
             qPrintable(find<QLabel>(u"resumeText"_s)->text()));
    QTest::mouseClick(find<QPushButton>(u"resumeButton"_s), Qt::LeftButton);
    QTRY_VERIFY(m_window->sessionPage()->isVisible());

    // Exactly there: the same question, the answer clock at 2:00 gone, paused, the phase as marked.
    QCOMPARE(engine()->state(), SessionState::Answering);
    QVERIFY(engine()->isPaused());
    QCOMPARE(find<QLabel>(u"questionText"_s)->text(), question);
    QCOMPARE(engine()->clocks().answerElapsed, Milliseconds(120s));
    QCOMPARE(find<PhaseBar>(u"phaseBar"_s)->currentPhase(), 1);
    key(Qt::Key_P);
    m_clock->advance(30s);
    QCOMPARE(engine()->clocks().answerElapsed, Milliseconds(150s));
}

void PracticeFlowTest::menus_showEveryActionWithItsKey_includingTheSessionControls()
{
    QMenuBar *menuBar = m_window->menuBar();
    QStringList titles;
    for (QAction *menu : menuBar->actions())
        titles << menu->text();
    QCOMPARE(titles, (QStringList{u"&File"_s, u"&Practice"_s, u"&View"_s, u"&Help"_s}));

    // The session's controls join the Practice menu just after the first frame, before anyone
    // could reach for them.
    QMenu *practice = menuBar->actions().at(1)->menu();
    const auto practiceActionNames = [practice] {
        QStringList names;
        for (QAction *action : practice->actions())
            names << action->objectName();
        return names;
    };
    QTRY_VERIFY_WITH_TIMEOUT(practiceActionNames().contains(u"finishAnswerAction"_s), 5000);
    // The library's export and recovery actions join the File menu likewise.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<LibraryPage *>(), 5000);
    QStringList withoutKey;
    int actionCount = 0;
    for (QAction *menu : menuBar->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (action->isSeparator())
                continue;
            ++actionCount;
            if (action->shortcut().isEmpty())
                withoutKey << action->text();
        }
    }
    QVERIFY2(withoutKey.isEmpty(), qPrintable(withoutKey.join(u", "_s)));
    QVERIFY2(actionCount >= 20, qPrintable(QString::number(actionCount)));
    const QList<QAction *> sessionActions = m_window->sessionPage()->actionList();
    for (QAction *action : sessionActions)
        QVERIFY2(practice->actions().contains(action), qPrintable(action->text()));
}

void PracticeFlowTest::noMicrophone_theRoundRunsUnderABanner_withAWayToSettings()
{
    // This test runs with PULSE_SERVER pointing nowhere: there is no microphone at all.
    AudioInputs inputs;
    QVERIFY(inputs.chosenInput().isNull());
    m_window.reset();
    m_services.audioInputs = &inputs;
    m_services.recordAudio = true;
    openWindow();
    QTest::mouseClick(find<QRadioButton>(u"modeOneRound"_s), Qt::LeftButton);
    startSession();
    auto *banner = find<QWidget>(u"recordingBanner"_s);
    QVERIFY(banner->isVisible());
    QVERIFY2(find<QLabel>(u"recordingBannerText"_s)->text().startsWith(u"No microphone found."_s),
             qPrintable(find<QLabel>(u"recordingBannerText"_s)->text()));

    // The round still runs: clocks, phases, rating.
    key(Qt::Key_Return);
    key(Qt::Key_Return);
    m_clock->advance(40s);
    key(Qt::Key_Space);
    QCOMPARE(find<PhaseBar>(u"phaseBar"_s)->currentPhase(), 1);
    QCOMPARE(find<QLabel>(u"recordingIndicator"_s)->text(), u"○ Not recording"_s);
    key(Qt::Key_Return);
    while (engine()->state() == SessionState::Answering)
        key(Qt::Key_Return);
    QCOMPARE(engine()->state(), SessionState::Rating);
    QVERIFY(!find<QPushButton>(u"replayButton"_s)->isEnabled());
    QCOMPARE(find<QPushButton>(u"replayButton"_s)->toolTip(), u"This answer was not recorded"_s);

    // The banner leads to Settings, where the microphone is chosen.
    QTest::mouseClick(find<QPushButton>(u"bannerSettingsButton"_s), Qt::LeftButton);
    QTRY_VERIFY(find<QWidget>(u"settingsPage"_s)->isVisible());
    auto *microphones = find<QComboBox>(u"microphoneChoice"_s);
    QCOMPARE(microphones->currentText(), u"No microphone found"_s);
    QVERIFY(!microphones->isEnabled());
    m_window.reset(); // before the inputs it points to
}

void PracticeFlowTest::takeCutShortByACrash_isRepairedAtStart_andOfferedInTheLibrary()
{
    // What a crash mid-answer leaves: a .part whose header still says zero bytes.
    m_window.reset();
    const QString part = m_library->folder() + u"/takes/crashed-session/03-fr-take-over-project.wav.part"_s;
    QDir().mkpath(QFileInfo(part).absolutePath());
    QFile file(part);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(Wav::canonicalHeader(PcmFormat{16000, 1, 16}, 0));
    file.write(QByteArray(32000 * 3, '\x01')); // 3 s of audio
    file.close();

    openWindow();
    auto *navigation = find<QListWidget>(u"navigation"_s);
    QTRY_COMPARE_WITH_TIMEOUT(navigation->item(int(MainWindow::Page::Library))->text(), u"Library (1)"_s, 10000);
    QVERIFY(!QFile::exists(part));
    QVERIFY(QFile::exists(m_library->folder() + u"/takes/crashed-session/03-fr-take-over-project.wav"_s));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(u"left behind by a crash"_s),
             qPrintable(m_window->statusBar()->currentMessage()));
}

void PracticeFlowTest::preparationPlan_followsTheInterviewDate_andKeepsItsTicks()
{
    // The manual clock's day is 5 January 2026; the interview is set for 2 March.
    auto *date = find<QDateEdit>(u"interviewDate"_s);
    date->setDate(QDate(2026, 3, 2));
    QCOMPARE(find<QLabel>(u"interviewCountdown"_s)->text(), u"56 days to go"_s);
    auto *plan = find<QTreeWidget>(u"preparationPlan"_s);
    QCOMPARE(plan->topLevelItemCount(), 4);
    const QString eightWeeks = plan->topLevelItem(0)->text(0);
    QVERIFY2(eightWeeks.contains(QLocale().toString(QDate(2026, 1, 5), QLocale::ShortFormat))
                 && eightWeeks.endsWith(u": now"_s),
             qPrintable(eightWeeks));
    QVERIFY(!plan->topLevelItem(1)->text(0).endsWith(u": now"_s)); // four weeks before: not yet
    QTreeWidgetItem *first = plan->topLevelItem(0)->child(0);
    QCOMPARE(first->checkState(0), Qt::Unchecked);
    first->setCheckState(0, Qt::Checked);

    // Another start: the date and the tick are still there.
    m_window.reset();
    openWindow();
    QCOMPARE(find<QDateEdit>(u"interviewDate"_s)->date(), QDate(2026, 3, 2));
    QCOMPARE(find<QTreeWidget>(u"preparationPlan"_s)->topLevelItem(0)->child(0)->checkState(0), Qt::Checked);
    QCOMPARE(find<QTreeWidget>(u"preparationPlan"_s)->topLevelItem(0)->child(1)->checkState(0), Qt::Unchecked);
}

QTEST_MAIN(PracticeFlowTest)
#include "practice_flow_test.moc"
