#include "PracticeWindow.h"
#include "rating/RatingPanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

// The rating page of a session: where it starts, and what it shows about the answer just given.
class RatingPageTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void everyRating_startsAtTheTop_withTheFocusedDimensionInSight();
    void header_countsOnlyTheFollowUpsAnswered();

private:
    // Answers the question being asked: the main answer, then every probe.
    void answerQuestion();
};

void RatingPageTest::answerQuestion()
{
    if (engine()->state() == SessionState::Thinking)
        key(Qt::Key_Return);
    while (engine()->state() == SessionState::Answering) {
        m_clock->advance(40s);
        key(Qt::Key_Return);
    }
    QCOMPARE(engine()->state(), SessionState::Rating);
}

void RatingPageTest::everyRating_startsAtTheTop_withTheFocusedDimensionInSight()
{
    m_window->resize(1000, 560); // a laptop's window: the rubric is taller than the page
    chooseMode(u"modeOneRound"_s);
    choose(u"roundChoice"_s, u"netflix-values"_s);
    startSession();
    key(Qt::Key_Return); // begin the round
    answerQuestion();

    // The first rating, left scrolled to its last red flag.
    auto *scroll = find<QScrollArea>(u"ratingScroll"_s);
    QScrollBar *bar = scroll->verticalScrollBar();
    QTRY_VERIFY2(bar->maximum() > 0, "the rubric fits: nothing to scroll");
    QList<QCheckBox *> flags = scroll->widget()->findChildren<QCheckBox *>();
    QVERIFY(!flags.isEmpty());
    flags.last()->setFocus(Qt::TabFocusReason);
    bar->setValue(bar->maximum());
    rateAndSubmit(3);
    answerQuestion();

    // The next one starts at the top, the first dimension focused and in sight: 2 rates it.
    QTRY_COMPARE(bar->value(), 0);
    QWidget *focused = QApplication::focusWidget();
    auto *first = qobject_cast<DimensionChoice *>(focused);
    QVERIFY2(first, qPrintable(focused ? focused->objectName() : u"nothing"_s));
    QCOMPARE(first, find<RatingPanel>(u"ratingPanel"_s)->findChildren<DimensionChoice *>().first());
    const QRect inViewport(first->mapTo(scroll->viewport(), QPoint(0, 0)), first->size());
    QVERIFY(scroll->viewport()->rect().contains(inViewport.topLeft()));
    key(Qt::Key_2);
    QCOMPARE(first->score(), 2);
}

void RatingPageTest::header_countsOnlyTheFollowUpsAnswered()
{
    chooseMode(u"modeSingleQuestion"_s);
    startSession();
    key(Qt::Key_Return);
    m_clock->advance(2min);
    key(Qt::Key_Return); // the first follow-up
    m_clock->advance(30s);
    key(Qt::Key_Return); // the second
    QCOMPARE(engine()->followUpIndex(), 1);
    m_clock->advance(5s);
    onNextMessageBox(u"Skip Follow-up"_s);
    key(Qt::Key_S);
    QCOMPARE(engine()->state(), SessionState::Rating);
    const QString header = find<QLabel>(u"ratingDetail"_s)->text();
    QVERIFY2(header.endsWith(u", with 1 follow-up"_s), qPrintable(header));
}

QTEST_MAIN(RatingPageTest)
#include "rating_page_test.moc"
