#include "PracticeWindow.h"
#include "rating/RatingPanel.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
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
    void review_showsPhaseTimesNotesAndStrongAnswer_onlyOnceAnswered();

private:
    // Whether any visible text of the window says this.
    bool anyVisibleLabelSays(const QString &text) const;
    // Answers the question being asked: the main answer, then every probe.
    void answerQuestion();
};

void RatingPageTest::answerQuestion()
{
    if (engine()->state() == SessionState::Thinking)
        key(Qt::Key_Return);
    for (int parts = 0; parts < 10 && engine()->state() == SessionState::Answering; ++parts) {
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

bool RatingPageTest::anyVisibleLabelSays(const QString &text) const
{
    const QList<QLabel *> labels = m_window->findChildren<QLabel *>();
    return std::any_of(labels.cbegin(), labels.cend(),
                       [&text](const QLabel *label) { return label->isVisible() && label->text().contains(text); });
}

void RatingPageTest::review_showsPhaseTimesNotesAndStrongAnswer_onlyOnceAnswered()
{
    chooseMode(u"modeSingleQuestion"_s);
    choose(u"questionPickChoice"_s, 3); // a question I choose
    choose(u"questionChoice"_s, u"fr-take-over-project"_s);
    startSession();
    const QString strongPoint = u"Makes early, reversible decisions"_s;
    QVERIFY2(!anyVisibleLabelSays(strongPoint), "a strong answer's points would steer the answer");

    key(Qt::Key_Return);
    // (The library's notes box has the same name.)
    auto *notes = find<QWidget>(u"questionView"_s)->findChild<QPlainTextEdit *>(u"answerNotes"_s);
    typeInto(notes, u"Start with the logs"_s);
    QTest::keyClick(notes, Qt::Key_Escape);
    m_clock->advance(25s);
    key(Qt::Key_Space); // Autonomous Decision, after 0:25 of Challenge
    m_clock->advance(90s);
    key(Qt::Key_Space); // High Performance Execution, after 1:30 of Autonomous Decision
    QVERIFY(!anyVisibleLabelSays(strongPoint));
    answerQuestion(); // 0:40 later

    // The phases against their targets, in words.
    const auto phase = [this](const QString &id) -> QString {
        return find<QLabel>(u"phaseSpent_"_s + id)->text() + u" · "_s + find<QLabel>(u"phaseVerdict_"_s + id)->text();
    };
    auto *phases = find<QWidget>(u"phaseTimes"_s);
    QVERIFY(phases && phases->isVisible());
    QCOMPARE(phase(u"challenge"_s), u"0:25 of 0:30 · on time"_s);
    QCOMPARE(phase(u"decision"_s), u"1:30 of 1:00 · 0:30 over"_s);
    QCOMPARE(phase(u"execution"_s), u"0:40 of 1:30 · on time"_s);
    QCOMPARE(phase(u"communication"_s), u"– of 0:30 · not reached"_s);
    // The notes typed while answering, and what a strong answer shows.
    auto *notesShown = find<QLabel>(u"notesWhileAnswering"_s);
    QVERIFY(notesShown->isVisible());
    QCOMPARE(notesShown->text(), u"Start with the logs"_s);
    auto *strong = find<QLabel>(u"strongAnswerPoints"_s);
    QVERIFY(strong->isVisible());
    QVERIFY2(strong->text().contains(strongPoint), qPrintable(strong->text()));
}

QTEST_MAIN(RatingPageTest)
#include "rating_page_test.moc"
