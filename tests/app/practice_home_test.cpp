#include "PracticeWindow.h"
#include "common/AppSettings.h"
#include "loops/LoopCatalog.h"
#include "practice/PracticeHomePage.h"

#include <QComboBox>
#include <QPushButton>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The practice home's choices, and what it remembers of them.
class PracticeHomeTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void level_isRememberedPerLoop_evenAfterPractisingALoopWithoutLevels();
    void loopChosenLastTime_isShownOnceItLoads_whicheverLoopArrivesFirst();

private:
    void openLoop(const char *fixture, const QString &loopId);
    QString levelShown() const { return find<QComboBox>(u"levelChoice"_s)->currentData().toString(); }
};

void PracticeHomeTest::openLoop(const char *fixture, const QString &loopId)
{
    m_window->practiceHome()->openLoopFile(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/") + QLatin1String(fixture)
                                           + u"/loop.yaml"_s);
    QTRY_COMPARE_WITH_TIMEOUT(find<QComboBox>(u"loopChoice"_s)->currentData().toString(), loopId, 10000);
}

void PracticeHomeTest::level_isRememberedPerLoop_evenAfterPractisingALoopWithoutLevels()
{
    const QString netflix = find<QComboBox>(u"loopChoice"_s)->currentData().toString();
    choose(u"levelChoice"_s, u"L7"_s);
    openLoop("valid-complete", u"example-loop"_s);
    choose(u"levelChoice"_s, u"L5"_s);

    // A loop without levels, practised and left.
    openLoop("valid-minimal-flow-style", u"minimal"_s);
    QVERIFY(!find<QComboBox>(u"levelChoice"_s)->isEnabled());
    chooseMode(u"modeOneRound"_s);
    startSession();
    onNextMessageBox(u"Abandon Session"_s);
    key(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(engine()->state(), SessionState::Finished);
    QTest::mouseClick(find<QPushButton>(u"continueButton"_s), Qt::LeftButton);
    QTRY_VERIFY(find<QWidget>(u"practiceHomePage"_s)->isVisible());

    // Each loop shows its own level.
    choose(u"loopChoice"_s, netflix);
    QCOMPARE(levelShown(), u"L7"_s);
    choose(u"loopChoice"_s, u"example-loop"_s);
    QCOMPARE(levelShown(), u"L5"_s);

    // And still after a restart.
    m_window.reset();
    openWindow();
    choose(u"loopChoice"_s, netflix);
    QCOMPARE(levelShown(), u"L7"_s);
}

void PracticeHomeTest::loopChosenLastTime_isShownOnceItLoads_whicheverLoopArrivesFirst()
{
    // Loops arrive one by one; the one chosen last time (a loop of the person's own) comes last.
    AppSettings::setLastLoopId(u"example-loop"_s);
    m_window.reset();
    openWindow(); // with the built-in loop only, so far
    QCOMPARE(AppSettings::lastLoopId(), u"example-loop"_s);
    LoopCatalog builtInOnly;
    builtInOnly.addBuiltIn();
    PracticeHomePage *home = m_window->practiceHome();
    home->setCatalog(builtInOnly);
    QCOMPARE(AppSettings::lastLoopId(), u"example-loop"_s); // not replaced by the first to arrive
    LoopCatalog both = builtInOnly;
    both.addFile(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/valid-complete/loop.yaml"), LoopOrigin::UserFolder);
    home->setCatalog(both);
    QCOMPARE(find<QComboBox>(u"loopChoice"_s)->currentData().toString(), u"example-loop"_s);
    QCOMPARE(AppSettings::lastLoopId(), u"example-loop"_s);

    // A loop the person chooses is the one remembered.
    choose(u"loopChoice"_s, builtInOnly.activeEntries().first().loop->id);
    QCOMPARE(AppSettings::lastLoopId(), builtInOnly.activeEntries().first().loop->id);
}

QTEST_MAIN(PracticeHomeTest)
#include "practice_home_test.moc"
