#include "common/ApplicationIdentity.h"
#include "loops/LoopCatalog.h"
#include "loops/LoopLoader.h"
#include "rating/FeedbackFormat.h"
#include "rating/FeedbackTranscript.h"
#include "rating/MeasuredFeedbackView.h"
#include "rating/RatingPanel.h"
#include "widgets/CountdownLabel.h"

#include <QAccessible>
#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QMouseEvent>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The measured feedback beside the rating, on its own: what it shows of an analysis, what it says
// while there is none, the evidence next to the rubric dimensions it informs, and that none of it
// touches the rating.
class MeasuredFeedbackTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void result_showsItsFigures_phasesAgainstTargets_andTheTranscript();
    void beforeTheResult_andWithoutOne_thePanelSaysWhy();
    void evidence_standsBesideTheDimensionsItInforms();
    void dimensionsOfOtherLoops_getNoEvidence();
    void feedback_neverTouchesTheRating();
    void playableTake_timesAndWordsAskToPlayFromThere();
    void arrivalOfTheResult_isAnnounced();
    void tab_goesFromTheRubricToTheTranscriptToTheNotes();
    void darkPalette_linksStayReadable();

private:
    template<typename T> T *find(const QString &name) const
    {
        T *widget = m_panel->findChild<T *>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }
    QString text(const QString &labelName) const { return find<QLabel>(labelName)->text(); }
    MeasuredFeedbackView *view() const { return m_panel->feedbackView(); }

    std::shared_ptr<const Loop> m_netflix;
    std::unique_ptr<RatingPanel> m_panel;
};

namespace {

RecognizedWord word(const QString &text, qint64 startMs, bool filler = false)
{
    return {text, startMs, startMs + 300, 0.9, filler, 1};
}

EvidenceItem said(const QString &text, qint64 startMs, const QString &value = {})
{
    return {text, startMs, startMs + 400, value};
}

// A 2:30 answer: Challenge 0:25, Autonomous Decision 1:40 (of 1:00), then follow-ups; quiet.
AnswerAnalysis sampleAnalysis()
{
    AnswerAnalysis analysis;
    analysis.durationMs = 150000;
    analysis.analysedMs = 150000;
    analysis.speechFound = true;
    analysis.speakingMs = 120000;
    analysis.speech = {{1800, 10000}, {10800, 40000}, {43200, 90000}, {92500, 150000}};
    analysis.pauses = {{10000, 10800}, {40000, 43200}, {90000, 92500}};
    analysis.silenceBeforeSpeech = TimeRange{0, 1800};
    analysis.wordsPerMinute = 148.4;
    analysis.articulationRate = 4.12;
    analysis.fillersPerMinute = 0.5;
    analysis.words
        = {word(u"i"_s, 1800),        word(u"led"_s, 2200),     word(u"the"_s, 2600),  word(u"migration"_s, 3000),
           word(u"um"_s, 9000, true), word(u"we"_s, 10800),     word(u"cut"_s, 11200), word(u"latency"_s, 43200),
           word(u"forty"_s, 43600),   word(u"percent"_s, 44000)};
    analysis.numbersHeard = {said(u"forty percent"_s, 42000, u"40%"_s), said(u"three weeks"_s, 70000, u"3"_s)};
    analysis.audienceMentions = {said(u"members"_s, 61000), said(u"users"_s, 75000), said(u"members"_s, 98000)};
    analysis.firstPersonSingular = {said(u"i"_s, 1800), said(u"my"_s, 20000), said(u"i"_s, 50000)};
    analysis.firstPersonPlural = {said(u"we"_s, 10800), said(u"our"_s, 61000)};
    analysis.hedges = {said(u"kind of"_s, 31000)};
    analysis.phases = {{0, 0, 25000, 20000, 30000}, {1, 25000, 100000, 80000, 60000}, {-1, 125000, 25000, 21000, {}}};
    analysis.warnings = {{AnalysisWarning::Kind::VeryQuiet, u"The speech is very quiet."_s}};
    return analysis;
}

// Where a link is in a label: the first point the pointer turns into a hand over it.
std::optional<QPoint> linkIn(QLabel *label)
{
    QCoreApplication::processEvents(); // the layout, for the label's size
    for (int y = 2; y < label->height(); y += 3) {
        for (int x = 1; x < label->width(); x += 2) {
            // Sent as such: offscreen, moving the pointer sends nothing.
            QMouseEvent move(QEvent::MouseMove, QPointF(x, y), label->mapToGlobal(QPointF(x, y)), Qt::NoButton,
                             Qt::NoButton, Qt::NoModifier);
            QApplication::sendEvent(label, &move);
            if (label->cursor().shape() == Qt::PointingHandCursor)
                return QPoint(x, y);
        }
    }
    return std::nullopt;
}

} // namespace

void MeasuredFeedbackTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    m_netflix = LoopCatalog::loadDefault().find(u"netflix-engineering-leadership"_s);
    QVERIFY(m_netflix);
}

void MeasuredFeedbackTest::init()
{
    m_panel = std::make_unique<RatingPanel>();
    m_panel->resize(1200, 900);
    m_panel->setRubric(*m_netflix, *m_netflix->round(u"hiring-manager"_s));
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void MeasuredFeedbackTest::cleanup()
{
    m_panel.reset();
}

void MeasuredFeedbackTest::result_showsItsFigures_phasesAgainstTargets_andTheTranscript()
{
    QSignalSpy states(view(), &MeasuredFeedbackView::stateChanged);
    m_panel->showMeasuredFeedback(sampleAnalysis());
    QCOMPARE(view()->state(), MeasuredFeedbackView::State::Ready);
    QCOMPARE(states.size(), 1);
    QVERIFY(view()->isVisible());
    QCOMPARE(view()->title(), u"Measured feedback"_s);

    QCOMPARE(text(u"feedbackSpeakingTime"_s), u"2:00 of 2:30 recorded"_s);
    QCOMPARE(text(u"feedbackPace"_s), u"148 words a minute; 4.1 syllables a second without the pauses"_s);
    const QString pauses = find<QLabel>(u"feedbackPauses"_s)->accessibleName();
    QCOMPARE(pauses, u"Pauses: longest 3.2 s at 0:40; 2 over 2 s; 1.8 s before the first word"_s);
    QCOMPARE(text(u"feedbackFillers"_s), u"0.5 a minute (1 in all)"_s);

    // Each phase against its target, in words; over target also in the warning colour.
    QCOMPARE(text(u"feedbackPhaseSpent_challenge"_s), u"0:25 of 0:30"_s);
    QCOMPARE(text(u"feedbackPhaseVerdict_challenge"_s), u"on time"_s);
    QCOMPARE(text(u"feedbackPhaseSpent_decision"_s), u"1:40 of 1:00"_s);
    auto *over = find<QLabel>(u"feedbackPhaseVerdict_decision"_s);
    QCOMPARE(over->text(), u"0:40 over"_s);
    QCOMPARE(over->palette().color(QPalette::WindowText), warningColour(over->palette()));
    QCOMPARE(text(u"feedbackPhaseSpeaking_decision"_s), u"1:20 speaking"_s);
    QCOMPARE(text(u"feedbackPhaseSpent_execution"_s), u"– of 1:30"_s);
    QCOMPARE(text(u"feedbackPhaseVerdict_execution"_s), u"not reached"_s);
    QCOMPARE(text(u"feedbackPhaseSpent_followUps"_s), u"0:25"_s);
    // One table of phase times, not two: the marks' own table steps aside for the measured one.
    QVERIFY(!find<QWidget>(u"phaseTimes"_s)->isVisible());

    auto *warnings = find<QLabel>(u"feedbackWarnings"_s);
    QVERIFY(warnings->isVisible());
    QCOMPARE(warnings->text(), u"Recording: The speech is very quiet."_s);

    // The transcript, labelled approximate, with the likely filler marked as likely, and the
    // pause of 3.2 s where it was.
    QVERIFY(find<QLabel>(u"feedbackTranscriptCaption"_s)->isVisible());
    QCOMPARE(text(u"feedbackTranscriptCaption"_s), u"Approximate transcript"_s);
    QVERIFY(text(u"feedbackTranscriptLegend"_s).contains(u"(um?) marks a likely filler"_s));
    auto *transcript = find<FeedbackTranscript>(u"feedbackTranscript"_s);
    QCOMPARE(transcript->shownText().simplified(),
             u"i led the migration (um?) we cut [pause 3.2 s] latency forty percent"_s);
    QCOMPARE(transcript->accessibleName(), u"Approximate transcript"_s);
}

void MeasuredFeedbackTest::beforeTheResult_andWithoutOne_thePanelSaysWhy()
{
    auto *status = find<QLabel>(u"feedbackStatus"_s);
    m_panel->showFeedbackPending();
    QCOMPARE(view()->state(), MeasuredFeedbackView::State::Pending);
    QVERIFY(status->isVisible());
    QCOMPARE(status->text(), u"Analysing your answer…"_s);
    QVERIFY(!find<QWidget>(u"feedbackSpeakingTime"_s)->isVisible());
    QVERIFY(!find<QWidget>(u"feedbackTranscript"_s)->isVisible());
    QVERIFY(!find<QLabel>(u"evidence_quantified-results"_s)->isVisible());

    m_panel->showFeedbackFailed(u"the speech model is missing: install pocketsphinx-en-us"_s);
    QCOMPARE(view()->state(), MeasuredFeedbackView::State::Failed);
    QCOMPARE(status->text(),
             u"Your answer could not be analysed: the speech model is missing: install pocketsphinx-en-us"_s);
    QVERIFY(!find<QWidget>(u"feedbackPace"_s)->isVisible());

    AnswerAnalysis silence;
    silence.durationMs = 20000;
    silence.analysedMs = 20000;
    m_panel->showMeasuredFeedback(silence);
    QCOMPARE(view()->state(), MeasuredFeedbackView::State::NoSpeech);
    QVERIFY2(status->text().startsWith(u"No speech found in the recording"_s), qPrintable(status->text()));
    QVERIFY(!find<QWidget>(u"feedbackPace"_s)->isVisible());
    QVERIFY(!find<QLabel>(u"evidence_quantified-results"_s)->isVisible());

    m_panel->showFeedbackUnavailable(u"This answer was not recorded, so there is nothing to measure."_s);
    QCOMPARE(view()->state(), MeasuredFeedbackView::State::Unavailable);
    QCOMPARE(status->text(), u"This answer was not recorded, so there is nothing to measure."_s);

    // A new rubric (the next answer) starts with nothing shown.
    m_panel->setRubric(*m_netflix, *m_netflix->round(u"hiring-manager"_s));
    QCOMPARE(view()->state(), MeasuredFeedbackView::State::Hidden);
    QVERIFY(!view()->isVisible());
}

void MeasuredFeedbackTest::evidence_standsBesideTheDimensionsItInforms()
{
    m_panel->showMeasuredFeedback(sampleAnalysis());
    const auto evidence = [this](const QString &dimension) -> QString {
        auto *label = find<QLabel>(u"evidence_"_s + dimension);
        if (!label)
            return u"(no label)"_s;
        // Beside its own dimension: a part of that dimension's box.
        if (label->parentWidget() != find<DimensionChoice>(u"dimension_"_s + dimension))
            return u"(elsewhere)"_s;
        return label->isVisible() ? label->accessibleName() : u"(hidden)"_s;
    };
    QCOMPARE(evidence(u"quantified-results"_s), u"Measured: Numbers heard (2): 40% at 0:42, 3 at 1:10."_s);
    QCOMPARE(
        evidence(u"member-obsession"_s),
        u"Measured: Members, customers or users mentioned 3 times: members 2 times, first at 1:01, users at 1:15."_s);
    QVERIFY(find<QLabel>(u"evidence_member-obsession"_s)->text().contains(u"members ×2 (first 1:01)"_s));
    QCOMPARE(evidence(u"member-impact-link"_s), evidence(u"member-obsession"_s));
    QCOMPARE(evidence(u"story-structure"_s),
             u"Measured: 2 of 5 phases reached, 1 over target: Challenge 0:25 of 0:30 "
             "at 0:00, Autonomous Decision 1:40 of 1:00, 0:40 over at 0:25."_s);
    QCOMPARE(evidence(u"freedom-responsibility"_s), u"Measured: “I” 3 times, “we” 2 times."_s);
    QCOMPARE(evidence(u"candor"_s), u"Measured: Hedges heard (1): kind of at 0:31."_s);
    QCOMPARE(evidence(u"high-performance"_s), u"(hidden)"_s); // nothing measured informs it
    // A screen reader on the dimension hears the evidence with it.
    const QString described = find<DimensionChoice>(u"dimension_quantified-results"_s)->accessibleDescription();
    QVERIFY2(described.contains(u"Numbers heard (2): 40% at 0:42"_s), qPrintable(described));
    QVERIFY(find<QLabel>(u"evidence_quantified-results"_s)->text().contains(u"40%"_s));

    // No speech: no evidence.
    AnswerAnalysis silence;
    m_panel->showMeasuredFeedback(silence);
    QCOMPARE(evidence(u"quantified-results"_s), u"(hidden)"_s);
    QVERIFY(!find<DimensionChoice>(u"dimension_quantified-results"_s)->accessibleDescription().contains(u"Numbers"_s));
}

void MeasuredFeedbackTest::dimensionsOfOtherLoops_getNoEvidence()
{
    const LoopLoadResult loaded
        = LoopLoader::loadFile(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/valid-complete/loop.yaml"));
    QVERIFY(loaded.ok());
    m_panel->setRubric(*loaded.loop, *loaded.loop->round(u"manager"_s));
    m_panel->showMeasuredFeedback(sampleAnalysis());
    QCOMPARE(view()->state(), MeasuredFeedbackView::State::Ready);
    QVERIFY(find<QWidget>(u"feedbackPace"_s)->isVisible());
    const QList<DimensionChoice *> choices = m_panel->findChildren<DimensionChoice *>();
    QVERIFY(!choices.isEmpty());
    for (DimensionChoice *choice : choices) {
        auto *label = choice->findChild<QLabel *>(u"evidence_"_s + choice->dimensionId());
        QVERIFY(label);
        QVERIFY2(!label->isVisible(), qPrintable(choice->dimensionId()));
    }
}

void MeasuredFeedbackTest::feedback_neverTouchesTheRating()
{
    Rating entered;
    entered.scores = {{u"quantified-results"_s, 1}, {u"candor"_s, 4}, {u"story-structure"_s, 2}};
    entered.redFlagIds = {u"excuses-for-results"_s};
    entered.notes = u"Numbers late"_s;
    m_panel->setDraft(entered);
    QSignalSpy edited(m_panel.get(), &RatingPanel::edited);

    m_panel->showFeedbackPending();
    m_panel->showMeasuredFeedback(sampleAnalysis());
    m_panel->setTakePlayable(true);
    m_panel->showFeedbackFailed(u"gone"_s);
    m_panel->showMeasuredFeedback(sampleAnalysis());

    const Rating shown = m_panel->rating();
    QCOMPARE(shown.scores, entered.scores);
    QCOMPARE(shown.redFlagIds, entered.redFlagIds);
    QCOMPARE(shown.notes, entered.notes);
    QCOMPARE(edited.size(), 0);
    QVERIFY(!find<DimensionChoice>(u"dimension_member-obsession"_s)->score());
}

void MeasuredFeedbackTest::playableTake_timesAndWordsAskToPlayFromThere()
{
    QSignalSpy play(m_panel.get(), &RatingPanel::playFromRequested);
    m_panel->showMeasuredFeedback(sampleAnalysis());
    // Not playable (no take here): no links to follow.
    auto *numbers = find<QLabel>(u"evidence_quantified-results"_s);
    QVERIFY(!numbers->text().contains(u"<a "_s));

    m_panel->setTakePlayable(true);
    QVERIFY(numbers->text().contains(u"<a "_s));
    // A time next to a dimension: the first link is 40% at 0:42.
    const std::optional<QPoint> link = linkIn(numbers);
    QVERIFY2(link, "no link under the pointer in the evidence line");
    QTest::mouseClick(numbers, Qt::LeftButton, {}, *link);
    QCOMPARE(play.size(), 1);
    QCOMPARE(play.takeFirst().first().toLongLong(), 42000);

    // The longest pause's time in the figures.
    auto *pauses = find<QLabel>(u"feedbackPauses"_s);
    const std::optional<QPoint> pauseLink = linkIn(pauses);
    QVERIFY(pauseLink);
    QTest::mouseClick(pauses, Qt::LeftButton, {}, *pauseLink);
    QCOMPARE(play.size(), 1);
    QCOMPARE(play.takeFirst().first().toLongLong(), 40000);

    // A word of the transcript: "migration" was said at 0:03.
    auto *transcript = find<FeedbackTranscript>(u"feedbackTranscript"_s);
    QTextCursor at = transcript->document()->find(u"migration"_s);
    QVERIFY(!at.isNull());
    at.setPosition(at.selectionStart() + 2);
    const QRect wordRect = transcript->cursorRect(at);
    QTest::mouseClick(transcript->viewport(), Qt::LeftButton, {}, wordRect.center());
    QCOMPARE(play.size(), 1);
    QCOMPARE(play.takeFirst().first().toLongLong(), 3000);

    // By keyboard: the text cursor on the filler, Return plays from there.
    transcript->setFocus();
    QTextCursor filler = transcript->document()->find(u"(um?)"_s);
    filler.setPosition(filler.selectionStart() + 1);
    transcript->setTextCursor(filler);
    QTest::keyClick(transcript, Qt::Key_Return);
    QCOMPARE(play.size(), 1);
    QCOMPARE(play.takeFirst().first().toLongLong(), 9000);
}

namespace {

// Counts the times a widget is shown: to assistive technology, each is an "object shown" event.
class ShowCounter : public QObject
{
public:
    int shows = 0;

protected:
    bool eventFilter(QObject *, QEvent *event) override
    {
        shows += event->type() == QEvent::Show ? 1 : 0;
        return false;
    }
};

} // namespace

void MeasuredFeedbackTest::arrivalOfTheResult_isAnnounced()
{
    auto *status = find<QLabel>(u"feedbackStatus"_s);
    ShowCounter counter;
    status->installEventFilter(&counter);
    m_panel->showFeedbackPending();
    QVERIFY(status->isVisible());
    counter.shows = 0;

    // The status line, already showing, appears anew as a notification naming what arrived: what
    // screen readers speak without the focus moving.
    m_panel->showMeasuredFeedback(sampleAnalysis());
    QCOMPARE(counter.shows, 1);
    QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(status);
    QVERIFY(accessible);
    QCOMPARE(accessible->role(), QAccessible::Notification);
    QCOMPARE(accessible->text(QAccessible::Name),
             u"Measured feedback ready: 2 min speaking, 148 words a minute, 1 "
             "likely filler, with a recording warning"_s);
    // The words on screen say it is measured, not a score.
    QVERIFY(status->text().contains(u"not a score"_s));

    counter.shows = 0;
    m_panel->showFeedbackFailed(u"the take is unreadable"_s);
    QCOMPARE(counter.shows, 1);
    QCOMPARE(accessible->text(QAccessible::Name), u"Your answer could not be analysed: the take is unreadable"_s);
    status->removeEventFilter(&counter);
}

void MeasuredFeedbackTest::tab_goesFromTheRubricToTheTranscriptToTheNotes()
{
    m_panel->showMeasuredFeedback(sampleAnalysis());
    QApplication::setActiveWindow(m_panel.get());
    QVERIFY(QTest::qWaitForWindowActive(m_panel.get()));
    const QList<DimensionChoice *> choices = m_panel->findChildren<DimensionChoice *>();
    const QList<QCheckBox *> flags = m_panel->findChildren<QCheckBox *>();
    QVERIFY(!choices.isEmpty() && !flags.isEmpty());
    // Dimension to dimension: evidence lines take no stop of their own.
    choices.first()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), choices.at(1));
    // From the rubric's last red flag to the transcript beside the rubric, then the notes below.
    flags.last()->setFocus(Qt::TabFocusReason);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), find<QWidget>(u"feedbackTranscript"_s));
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget(), find<QWidget>(u"ratingNotes"_s));
}

void MeasuredFeedbackTest::darkPalette_linksStayReadable()
{
    // A dark palette that keeps the light one's blue links, as some do.
    QPalette dark = m_panel->palette();
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Link, QColor(0x00, 0x00, 0xff));
    m_panel->setPalette(dark);
    m_panel->setTakePlayable(true);
    m_panel->showMeasuredFeedback(sampleAnalysis());
    const QString html = find<QLabel>(u"evidence_quantified-results"_s)->text();
    QVERIFY2(!html.contains(u"#0000ff"_s), qPrintable(html));
    // The warning colour for a dark window, on the phase over its target.
    auto *over = find<QLabel>(u"feedbackPhaseVerdict_decision"_s);
    QCOMPARE(over->palette().color(QPalette::WindowText), QColor(0xff, 0x6b, 0x6b));
    QVERIFY(html.contains(FeedbackFormat::readableLinkColour(dark).name()));
    // And back to light: the links follow.
    m_panel->setPalette(QApplication::palette());
    QVERIFY(find<QLabel>(u"evidence_quantified-results"_s)
                ->text()
                .contains(FeedbackFormat::readableLinkColour(QApplication::palette()).name()));
}

QTEST_MAIN(MeasuredFeedbackTest)
#include "measured_feedback_test.moc"
