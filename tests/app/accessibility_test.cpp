#include "PracticeWindow.h"
#include "common/Accessibility.h"
#include "common/ClockAnnouncements.h"
#include "practice/QuestionView.h"
#include "practice/SessionPage.h"
#include "rating/RatingPanel.h"
#include "widgets/CountdownLabel.h"
#include "widgets/LevelMeterWidget.h"
#include "widgets/PhaseBar.h"
#include "widgets/WaveformSlider.h"

#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QListWidget>
#include <QRadioButton>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QAccessibleInterface *accessible(QObject *object)
{
    return QAccessible::queryAccessibleInterface(object);
}

QString nameOf(QObject *object)
{
    QAccessibleInterface *iface = accessible(object);
    return iface ? iface->text(QAccessible::Name) : QString();
}

} // namespace

// What a screen reader hears (issue 18), offscreen through Qt's accessibility interfaces: the
// custom widgets' names and values, the steps of a question spoken on the focused element, the
// rating's choices, Tab order and names on every page. Offscreen, Qt sends no accessibility events
// (there is no platform accessibility to be active), so the events themselves, and that the
// clock sends none as it ticks, are checked by tests/app/atspi_test.py through AT-SPI, the bus
// Orca reads.
class AccessibilityTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        initFixture();
        installAccessibility(); // before any widget is asked about, as the app does
    }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void clock_speaksItsTimeInWords();
    void clockAnnouncements_atTheMinutesThirtySecondsZeroAndOvertime();
    void levelMeter_isALevelBarNamedInWords_withItsFillAsValue();
    void phaseBar_saysThePhaseAndOverrunInWords();
    void waveformSlider_speaksPositionOfDuration();
    void comboBoxes_keepTheirNames_andTheirChoiceAsValue();
    void questionSteps_areSpokenOnTheFocusedView();
    void recordingStartedPausedAgainAndStopped_areAnnounced_andTheLightSaysItInWords();
    void rating_choicesNamedWithAnchors_scoreSpokenOnTheDimension();
    void tabOrder_followsThePage_andEveryStopIsNamed_data();
    void tabOrder_followsThePage_andEveryStopIsNamed();
    void largeType_noTextIsCutOff_data();
    void largeType_noTextIsCutOff();

private:
    // Presses Tab from the current focus until it comes back round (or 80 stops), and returns the
    // stops in order.
    QList<QWidget *> tabStops();
    void goToRating();
    void openPage(const QString &page);
};

void AccessibilityTest::clock_speaksItsTimeInWords()
{
    CountdownLabel clock;
    clock.setSpokenName(u"Answer time"_s);
    clock.setRemaining(130s);
    QCOMPARE(nameOf(&clock), u"Answer time 2 minutes 10 seconds left"_s);
    QCOMPARE(accessible(&clock)->role(), QAccessible::StaticText);
    for (int tenth = 1; tenth <= 30; ++tenth)
        clock.setRemaining(130s - tenth * 100ms); // three seconds, ticking ten times a second
    QCOMPARE(nameOf(&clock), u"Answer time 2 minutes 7 seconds left"_s);
    QCOMPARE(clock.accessibleName(), u"Answer time"_s); // set once: QLabel sends no name change per tick
    clock.setRemaining(0ms);
    QCOMPARE(nameOf(&clock), u"Answer time time is up"_s);
    clock.setRemaining(-72s);
    QCOMPARE(nameOf(&clock), u"Answer time 1 minute 12 seconds over"_s);
    QVERIFY(clock.isOvertime());
}

void AccessibilityTest::clockAnnouncements_atTheMinutesThirtySecondsZeroAndOvertime()
{
    // The answer clock run from 3:00 to 2:30 over, ticking ten times a second.
    const auto run = [](ClockAnnouncements when) {
        QStringList said;
        for (auto at = 180000ms; at > -150000ms; at -= 100ms) {
            if (const auto news = clockAnnouncement(at, at - 100ms, when))
                said << *news;
        }
        return said;
    };
    QCOMPARE(run(ClockAnnouncements::EveryMinute),
             QStringList({u"2 minutes left"_s, u"1 minute left"_s, u"30 seconds left"_s, u"Time is up"_s,
                          u"1 minute over"_s, u"2 minutes over"_s}));
    QCOMPARE(run(ClockAnnouncements::Milestones),
             QStringList(
                 {u"1 minute left"_s, u"30 seconds left"_s, u"Time is up"_s, u"1 minute over"_s, u"2 minutes over"_s}));
    QVERIFY(run(ClockAnnouncements::Off).isEmpty());
    // A jump (a session resumed) is a reading, not time running out.
    QVERIFY(!clockAnnouncement(65s, 20s, ClockAnnouncements::EveryMinute));
}

void AccessibilityTest::levelMeter_isALevelBarNamedInWords_withItsFillAsValue()
{
    LevelMeterWidget meter;
    QAccessibleInterface *iface = accessible(&meter);
    QCOMPARE(iface->role(), QAccessible::ProgressBar);
    QVERIFY(meter.focusPolicy() & Qt::TabFocus);
    QCOMPARE(iface->text(QAccessible::Name), u"Microphone level: silent"_s);
    QAccessibleValueInterface *value = iface->valueInterface();
    QVERIFY(value);
    QCOMPARE(value->currentValue().toInt(), 0);
    meter.setLevel(0.1f, 0.3f); // -20 dBFS: speech
    QCOMPARE(iface->text(QAccessible::Name), u"Microphone level: speech"_s);
    QCOMPARE(value->currentValue().toInt(), 67);
    meter.setLevel(0.005f, 0.01f); // -46 dBFS
    QCOMPARE(iface->text(QAccessible::Name), u"Microphone level: quiet"_s);
    meter.setLevel(0.5f, 1.0f);
    QCOMPARE(iface->text(QAccessible::Name), u"Microphone level: too loud"_s);
}

void AccessibilityTest::phaseBar_saysThePhaseAndOverrunInWords()
{
    PhaseBar bar;
    bar.setPhases({{u"Situation"_s, 30s}, {u"Action"_s, 60s}});
    QCOMPARE(nameOf(&bar), u"Story phases: not started"_s);
    bar.setProgress(0, 12s);
    QCOMPARE(nameOf(&bar), u"Story phases: phase 1 of 2, Situation, 0:12 of 0:30"_s);
    QVERIFY(!bar.isOverrun());
    bar.setProgress(0, 45s);
    QCOMPARE(nameOf(&bar), u"Story phases: phase 1 of 2, Situation, 0:45 of 0:30, over its target"_s);
    QVERIFY(bar.isOverrun());
}

void AccessibilityTest::waveformSlider_speaksPositionOfDuration()
{
    WaveformSlider slider;
    slider.setDuration(290000);
    slider.setPosition(72000);
    QAccessibleInterface *iface = accessible(&slider);
    QCOMPARE(iface->role(), QAccessible::Slider);
    QCOMPARE(iface->text(QAccessible::Name), u"Position 1:12 of 4:50"_s);
    QCOMPARE(iface->valueInterface()->currentValue().toInt(), 72);
    QCOMPARE(iface->valueInterface()->maximumValue().toInt(), 290);
    slider.setPosition(73500);
    QCOMPARE(iface->text(QAccessible::Name), u"Position 1:13 of 4:50"_s);
}

void AccessibilityTest::comboBoxes_keepTheirNames_andTheirChoiceAsValue()
{
    QComboBox combo;
    combo.addItems({u"All rounds"_s, u"Values"_s});
    combo.setAccessibleName(u"Round"_s);
    QAccessibleInterface *iface = accessible(&combo);
    QCOMPARE(iface->role(), QAccessible::ComboBox);
    QCOMPARE(iface->text(QAccessible::Name), u"Round"_s);
    QCOMPARE(iface->text(QAccessible::Value), u"All rounds"_s);
    combo.setCurrentIndex(1);
    QCOMPARE(iface->text(QAccessible::Value), u"Values"_s);
    QCOMPARE(iface->childCount(), 1); // the list that pops up
}

void AccessibilityTest::questionSteps_areSpokenOnTheFocusedView()
{
    chooseMode(u"modeOneRound"_s);
    choose(u"roundChoice"_s, u"netflix-values"_s);
    startSession();
    key(Qt::Key_Return); // begin the round: the first question, think time
    QTRY_COMPARE(engine()->state(), SessionState::Thinking);
    auto *view = find<QWidget>(u"questionView"_s);
    QTRY_VERIFY(view->hasFocus());
    const QString question = find<QLabel>(u"questionText"_s)->text();
    QVERIFY(nameOf(view).contains(question));
    QVERIFY(nameOf(view).startsWith(u"Question 1"_s));

    // Think time runs out: the step is spoken, with the question again.
    m_clock->advance(engine()->clocks().thinkRemaining() + 1s);
    QTRY_COMPARE(engine()->state(), SessionState::Answering);
    QTRY_COMPARE(nameOf(view), u"Answer now: "_s + question);
    QVERIFY(view->hasFocus());
    auto *answerClock = find<CountdownLabel>(u"answerClock"_s);
    QVERIFY(nameOf(answerClock).startsWith(u"Answer time "_s));

    // The clock's announcement points, on the status line below it.
    auto *news = find<QLabel>(u"questionNews"_s);
    const auto remaining = engine()->clocks().answerRemaining();
    for (auto step = 0ms; step < remaining - 25s; step += 500ms)
        m_clock->advance(500ms);
    QTRY_COMPARE(news->text(), u"Answer time: 30 seconds left"_s);
    QCOMPARE(accessible(news)->role(), QAccessible::Notification);
    for (int second = 0; second < 40; ++second)
        m_clock->advance(1s);
    QTRY_COMPARE(news->text(), u"Answer time: Time is up"_s);
    m_clock->advance(2s);
    QTRY_COMPARE(find<QLabel>(u"clockCaption"_s)->text(), u"Overtime: finish when you are ready"_s); // not only red

    // A follow-up: spoken on the focused view when it arrives, with its text.
    key(Qt::Key_Return); // finish the main answer
    QTRY_VERIFY(engine()->followUpIndex() >= 0);
    const QString probe = engine()->currentPrompt();
    QVERIFY(!probe.isEmpty());
    QTRY_VERIFY(nameOf(view).startsWith(u"Follow-up 1 of "_s));
    QVERIFY(nameOf(view).endsWith(u": "_s + probe));
    QVERIFY(view->hasFocus());
    QCOMPARE(nameOf(find<CountdownLabel>(u"answerClock"_s)).section(u' ', 0, 2), u"Follow-up answer time"_s);
}

void AccessibilityTest::recordingStartedPausedAgainAndStopped_areAnnounced_andTheLightSaysItInWords()
{
    chooseMode(u"modeSingleQuestion"_s);
    startSession();
    auto *view = find<QuestionView>(u"questionView"_s);
    auto *news = find<QLabel>(u"questionNews"_s);
    auto *light = find<QLabel>(u"recordingIndicator"_s);
    // The recorder's states as the session page passes them on (no microphone here).
    view->setRecording(true, false);
    QCOMPARE(news->text(), u"Recording"_s);
    QCOMPARE(nameOf(light), u"Recording"_s);
    view->setRecording(true, true); // paused with the session, or by the recorder
    QCOMPARE(news->text(), u"Recording paused"_s);
    QCOMPARE(accessible(news)->role(), QAccessible::Notification);
    QCOMPARE(nameOf(light), u"Recording paused"_s);
    view->setRecording(true, false);
    QCOMPARE(news->text(), u"Recording again"_s);
    view->setRecording(false, false);
    QCOMPARE(news->text(), u"Recording stopped"_s);
    QCOMPARE(nameOf(light), u"Not recording"_s);
}

void AccessibilityTest::goToRating()
{
    chooseMode(u"modeOneRound"_s);
    choose(u"roundChoice"_s, u"netflix-values"_s);
    startSession();
    key(Qt::Key_Return);
    QTRY_COMPARE(engine()->state(), SessionState::Thinking);
    key(Qt::Key_Return);
    for (int parts = 0; parts < 10 && engine()->state() == SessionState::Answering; ++parts) {
        m_clock->advance(40s);
        key(Qt::Key_Return);
    }
    QTRY_COMPARE(engine()->state(), SessionState::Rating);
}

// A page by its name in the _data rows: the question being answered, the rating, or a page of the
// sidebar.
void AccessibilityTest::openPage(const QString &page)
{
    if (page == u"rating"_s) {
        goToRating();
    } else if (page == u"question"_s) {
        chooseMode(u"modeOneRound"_s);
        choose(u"roundChoice"_s, u"netflix-values"_s);
        startSession();
        key(Qt::Key_Return);
        QTRY_COMPARE(engine()->state(), SessionState::Thinking);
    } else {
        const QStringList pages{u"practice"_s, u"library"_s, u"progress"_s, u"stories"_s, u"settings"_s};
        find<QListWidget>(u"navigation"_s)->setCurrentRow(int(pages.indexOf(page)));
    }
}

void AccessibilityTest::rating_choicesNamedWithAnchors_scoreSpokenOnTheDimension()
{
    goToRating();
    auto *dimension = qobject_cast<DimensionChoice *>(QApplication::focusWidget());
    QTRY_VERIFY(dimension = qobject_cast<DimensionChoice *>(QApplication::focusWidget()));
    const QList<QRadioButton *> levels = dimension->findChildren<QRadioButton *>();
    QCOMPARE(levels.size(), 4);
    for (QRadioButton *level : levels) {
        QVERIFY2(nameOf(level).size() > 4 && nameOf(level).startsWith(level->text() + u": "_s),
                 qPrintable(nameOf(level)));
    }
    QVERIFY2(nameOf(dimension).endsWith(u": not rated"_s), qPrintable(nameOf(dimension)));
    key(Qt::Key_3);
    QCOMPARE(dimension->score(), 3);
    QVERIFY(dimension->hasFocus());
    const QString chosen = nameOf(levels.at(2));
    QVERIFY2(nameOf(dimension).endsWith(u": "_s + chosen), qPrintable(nameOf(dimension)));
    key(Qt::Key_Up); // the arrows too
    QCOMPARE(dimension->score(), 2);
    QVERIFY2(nameOf(dimension).endsWith(u": "_s + nameOf(levels.at(1))), qPrintable(nameOf(dimension)));
}

QList<QWidget *> AccessibilityTest::tabStops()
{
    QWidget *first = QApplication::focusWidget();
    QList<QWidget *> stops{first};
    for (int i = 0; i < 80; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QWidget *now = QApplication::focusWidget();
        if (now == stops.last())
            continue; // Tab moved within it (a label's links)
        if (!now || now == first || stops.contains(now))
            break;
        stops << now;
    }
    return stops;
}

void AccessibilityTest::tabOrder_followsThePage_andEveryStopIsNamed_data()
{
    QTest::addColumn<QString>("page");
    QTest::addColumn<QStringList>("inOrder"); // object names that must come in this order
    QTest::newRow("practice home") << u"practice"_s
                                   << QStringList{u"loopChoice"_s,  u"levelChoice"_s,         u"modeFullLoop"_s,
                                                  u"startButton"_s, u"qt_tabwidget_tabbar"_s, u"roundList"_s};
    QTest::newRow("question") << u"question"_s << QStringList{u"questionView"_s, u"answerClock"_s, u"answerNotes"_s};
    QTest::newRow("rating") << u"rating"_s
                            << QStringList{u"dimension_"_s, u"redFlag_"_s, u"ratingNotes"_s, u"skipRatingButton"_s,
                                           u"submitRatingButton"_s};
    QTest::newRow("library") << u"library"_s
                             << QStringList{u"filterText"_s, u"filterRound"_s, u"filterCategory"_s,
                                            u"filterMinLongestPause"_s};
    QTest::newRow("progress") << u"progress"_s
                              << QStringList{u"progressLoopChoice"_s, u"readinessList"_s, u"qt_calendar_calendarview"_s,
                                             u"trendChartChoice"_s, u"calibrationChartExportButton"_s};
    QTest::newRow("stories") << u"stories"_s
                             << QStringList{u"storiesLoopChoice"_s, u"storySearch"_s, u"showArchivedStories"_s,
                                            u"storyList"_s, u"newStoryButton"_s};
    QTest::newRow("settings") << u"settings"_s
                              << QStringList{u"microphoneTestMeter"_s, u"thinkSeconds"_s, u"clockAnnouncements"_s,
                                             u"voiceEnabled"_s, u"changeLibraryFolder"_s};
}

void AccessibilityTest::tabOrder_followsThePage_andEveryStopIsNamed()
{
    QFETCH(QString, page);
    QFETCH(QStringList, inOrder);
    m_window->resize(1200, 900);
    activate();
    auto *navigation = find<QListWidget>(u"navigation"_s);
    openPage(page);
    if (page != u"question"_s && page != u"rating"_s)
        navigation->setFocus(Qt::OtherFocusReason);
    QTest::qWait(50); // pages fill in from their workers
    if (qEnvironmentVariableIsSet("MOCKLOOP_DUMP_FOCUS_CHAIN")) {
        QWidget *w = m_window.get();
        QStringList chain;
        do {
            if ((w->focusPolicy() & Qt::TabFocus) && w->isVisible())
                chain << QString::fromLatin1(w->metaObject()->className()) + u':' + w->objectName();
            w = w->nextInFocusChain();
        } while (w != m_window.get());
        qInfo().noquote() << chain.join(u" "_s);
    }
    const QList<QWidget *> stops = tabStops();
    QStringList seen;
    QStringList unnamed;
    for (QWidget *stop : stops) {
        QAccessibleInterface *iface = accessible(stop);
        const QString name = iface ? iface->text(QAccessible::Name).trimmed() : QString();
        seen << stop->objectName() + u" \""_s + name + u'"';
        // A combo box must be named for what it is, not read as its choice.
        const bool combo = iface && iface->role() == QAccessible::ComboBox;
        if (name.isEmpty() || (combo && name == iface->text(QAccessible::Value)))
            unnamed << QString::fromLatin1(stop->metaObject()->className()) + u' ' + stop->objectName();
    }
    qInfo().noquote() << page << "Tab stops:" << seen.join(u" → "_s);
    QVERIFY2(unnamed.isEmpty(), qPrintable(u"unnamed: "_s + unnamed.join(u", "_s)));
    qsizetype at = 0;
    for (const QString &expected : std::as_const(inOrder)) {
        const auto next = std::find_if(stops.cbegin() + at, stops.cend(),
                                       [&expected](QWidget *stop) { return stop->objectName().startsWith(expected); });
        QVERIFY2(next != stops.cend(),
                 qPrintable(expected + u" not after the stops before it; stops: "_s + seen.join(u" → "_s)));
        at = next - stops.cbegin() + 1;
    }
    // Tab stays in the page: the sidebar comes only once, as the way to the next page.
    const auto sidebar = std::count(stops.cbegin(), stops.cend(), navigation);
    QVERIFY(sidebar <= 1);
}

void AccessibilityTest::largeType_noTextIsCutOff_data()
{
    QTest::addColumn<QString>("page");
    for (const QString &page :
         {u"practice"_s, u"question"_s, u"rating"_s, u"library"_s, u"progress"_s, u"stories"_s, u"settings"_s})
        QTest::newRow(qPrintable(page)) << page;
}

// At twice the text size, in a window of 1280 x 800, every label and button on the page shows its
// whole text: wrapped labels are as tall as their text, others as wide (a scroll area may hold
// them), and buttons as wide as their text.
void AccessibilityTest::largeType_noTextIsCutOff()
{
    QFETCH(QString, page);
    QFont larger = m_window->font();
    larger.setPointSizeF(larger.pointSizeF() * 2);
    m_window->setFont(larger);
    m_window->resize(1280, 800);
    activate();
    openPage(page);
    const auto cutOff = [this] {
        QStringList cut;
        for (QWidget *widget : m_window->findChildren<QWidget *>()) {
            if (!widget->isVisible() || widget->width() <= 0)
                continue;
            const QString name = QString::fromLatin1(widget->metaObject()->className()) + u' ' + widget->objectName();
            if (auto *label = qobject_cast<QLabel *>(widget);
                label && !label->text().isEmpty() && label->pixmap().isNull()) {
                if (label->wordWrap()) {
                    if (label->heightForWidth(label->width()) > label->height() + 1)
                        cut << u"%1 \"%2\": %3 px tall of %4"_s.arg(name, label->text().left(40))
                                   .arg(label->height())
                                   .arg(label->heightForWidth(label->width()));
                } else if (label->sizeHint().width() > label->width() + 1) {
                    cut << u"%1 \"%2\": %3 px wide of %4"_s.arg(name, label->text().left(40))
                               .arg(label->width())
                               .arg(label->sizeHint().width());
                }
            } else if (auto *button = qobject_cast<QAbstractButton *>(widget); button && !button->text().isEmpty()) {
                if (button->sizeHint().width() > button->width() + 1)
                    cut << u"%1 \"%2\": %3 px wide of %4"_s.arg(name, button->text())
                               .arg(button->width())
                               .arg(button->sizeHint().width());
            }
        }
        return cut;
    };
    // The pages fill in from their workers, then lay out again on the next turns of the event loop.
    QTest::qWait(200);
    QTRY_VERIFY2(cutOff().isEmpty(), qPrintable(page + u": "_s + cutOff().join(u"\n  "_s)));
}

QTEST_MAIN(AccessibilityTest)
#include "accessibility_test.moc"
