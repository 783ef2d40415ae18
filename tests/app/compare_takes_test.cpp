#include "AppServices.h"
#include "AppTestSupport.h"
#include "ShownLibraryPage.h"
#include "analysis/AnalysisService.h"
#include "common/ApplicationIdentity.h"
#include "compare/CompareDialog.h"
#include "library/AnswerTableModel.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "library/TakePlayerWidget.h"
#include "library/TranscriptView.h"
#include "loops/LoopCatalog.h"
#include "session/Clock.h"
#include "widgets/WaveformSlider.h"

#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QAudioDevice>
#include <QLabel>
#include <QMediaDevices>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using AppTest::wait;

namespace {

const QString NetflixId = u"netflix-engineering-leadership"_s;
const QString QuestionId = u"fr-gave-autonomy"_s;

QDateTime at(int day, int hour)
{
    return QDateTime(QDate(2026, 3, day), QTime(hour, 0));
}

Rating ratingOf(const QMap<QString, int> &scores, const QDateTime &when, Rating::When kind = Rating::When::RightAfter,
                const QStringList &flags = {})
{
    Rating rating;
    rating.when = kind;
    rating.scores = scores;
    rating.redFlagIds = flags;
    rating.ratedAt = when;
    return rating;
}

// An analysis of a take of lengthMs: speech with one pause of pauseMs in the middle, words said.
AnswerAnalysis analysisOf(qint64 lengthMs, double wordsPerMinute, double fillersPerMinute, qint64 pauseMs,
                          const QStringList &words)
{
    AnswerAnalysis analysis;
    analysis.durationMs = lengthMs;
    analysis.analysedMs = lengthMs;
    analysis.speechFound = true;
    const qint64 middle = lengthMs / 2;
    analysis.speech = {{200, middle}, {middle + pauseMs, lengthMs - 200}};
    analysis.pauses = {{middle, middle + pauseMs}};
    analysis.silenceBeforeSpeech = TimeRange{0, 200};
    analysis.speakingMs = analysis.speech.at(0).durationMs() + analysis.speech.at(1).durationMs();
    analysis.wordsPerMinute = wordsPerMinute;
    analysis.fillersPerMinute = fillersPerMinute;
    qint64 start = 200;
    for (const QString &word : words) {
        analysis.words.append({word, start, start + 300, 0.9, word == u"um"_s, 1});
        start += 400;
    }
    return analysis;
}

QString textOf(const QWidget *root, const QString &name)
{
    const auto *label = root->findChild<QLabel *>(name);
    return label ? label->text() : u"<no label %1>"_s.arg(name);
}

} // namespace

// Two takes side by side: opened from two rows selected in the Library and from an answer's list
// of takes; the waveforms on one time scale; the A/B switch at the same point of the answer; both
// ratings with the change, the measured figures with theirs, and what was not measured said so.
class CompareTakesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void twoRowsSelected_compareOpensThemOlderFirst();
    void answerDetail_listsEveryOtherTake_andComparesWithTheOneChosen();
    void waveforms_shareOneTimeScale_soPhaseMarksLineUp();
    void switchKey_playsTheOtherTakeAtTheSamePointOfTheAnswer();
    void ratingsAndMeasures_showBothWithTheirChanges();
    void takeNotAnalysed_orNotRecorded_saysSo();
    void controls_areNamed_andTabFollowsTheLayout();
    void newRatingOrDeletion_isShownAtOnce();

private:
    void activate();
    QTableView *table() const { return m_page->findChild<QTableView *>(u"answerTable"_s); }
    int rowOf(qint64 answerId) const;
    void clickRow(qint64 answerId, Qt::KeyboardModifiers modifiers = {});
    CompareDialog *openComparison(qint64 first, qint64 second);
    CompareDialog *dialog() const { return m_page->findChild<CompareDialog *>(u"compareDialog"_s); }

    LoopCatalog m_catalog;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<PracticeLibrary> m_library;
    std::unique_ptr<LibraryPage> m_page;
    qint64 m_firstId = 0; // 12 s take, analysed, re-rated after a replay
    qint64 m_secondId = 0; // 6 s take, analysed, a week later
    qint64 m_thirdId = 0; // 8 s take, not analysed
    qint64 m_unrecordedId = 0; // another question, no take
};

void CompareTakesTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*qApp);
    m_catalog = LoopCatalog::loadDefault();
    QVERIFY(m_catalog.find(NetflixId));
}

void CompareTakesTest::init()
{
    QSettings().clear();
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString folder = m_dir->filePath(u"library"_s);
    {
        LibraryStore::OpenResult opened = LibraryStore::open(folder);
        QVERIFY2(opened.store, qPrintable(opened.message));
        LibraryStore &store = *opened.store;
        const std::shared_ptr<const Loop> netflix = m_catalog.find(NetflixId);
        const auto add = [&](int day, const QString &questionId, qint64 lengthMs, QList<PhaseMark> marks,
                             bool recorded) -> qint64 {
            SessionRecord session;
            session.id = u"session-%1"_s.arg(day);
            session.loopId = NetflixId;
            session.loopTitle = netflix->title;
            session.startedAt = at(day, 9);
            if (!store.addSession(session))
                return 0;
            const Question *question = netflix->question(questionId);
            const QString roundId = questionId == QuestionId ? u"hiring-manager"_s : u"technical-leadership"_s;
            LibraryStore::NewAnswer answer;
            answer.sessionId = session.id;
            answer.answeredAt = at(day, 10);
            answer.roundTitle = netflix->round(roundId)->title;
            answer.categoryId = question->categoryId;
            answer.record.ordinal = 1;
            answer.record.roundId = roundId;
            answer.record.questionId = questionId;
            answer.record.questionText = question->text;
            AnswerPart part;
            part.duration = Milliseconds(lengthMs);
            part.limit = 10s;
            part.phaseMarks = marks;
            answer.record.parts = {part};
            if (recorded) {
                const QString relative = LibraryStore::takeRelativePath(session.id, u"01.wav"_s);
                const QString path = store.absolutePath(relative);
                CrashLeftovers::writeTake(path, double(lengthMs) / 1000.0, true);
                answer.recording = LibraryStore::describeTake(path, relative);
            }
            return store.addAnswer(answer).value_or(0);
        };
        m_firstId = add(2, QuestionId, 12000, {{1, 3000ms}, {2, 6000ms}, {3, 9000ms}}, true);
        m_secondId = add(9, QuestionId, 6000, {{1, 1500ms}, {2, 3000ms}, {3, 4500ms}}, true);
        m_thirdId = add(16, QuestionId, 8000, {}, true);
        m_unrecordedId = add(17, u"tl-outage-during-launch"_s, 30000, {}, false);
        QVERIFY(m_firstId > 0 && m_secondId > 0 && m_thirdId > 0 && m_unrecordedId > 0);

        // Ratings: the first take rated, then re-rated after a replay; the second rated once.
        QVERIFY(store.addReplayRating(
            m_firstId,
            ratingOf({{u"freedom-responsibility"_s, 3}, {u"high-performance"_s, 3}, {u"candor"_s, 3}}, at(3, 20),
                     Rating::When::AfterReplay, {u"needs-approval"_s})));
        QVERIFY(store.addReplayRating(
            m_secondId,
            ratingOf({{u"freedom-responsibility"_s, 4}, {u"candor"_s, 3}}, at(9, 11), Rating::When::AfterReplay)));
        QVERIFY(store.setAnalysis(
            m_firstId,
            AnalysisService::recordOf(analysisOf(12000, 172, 9, 3100, {u"we"_s, u"um"_s, u"cut"_s}), at(2, 11))));
        QVERIFY(store.setAnalysis(
            m_secondId, AnalysisService::recordOf(analysisOf(6000, 148, 3, 1000, {u"i"_s, u"decided"_s}), at(9, 11))));
    }

    m_clock = std::make_unique<ManualClock>();
    m_clock->setWallStart(at(20, 18).toUTC());
    m_library = std::make_unique<PracticeLibrary>();
    const PracticeLibrary::Status status = wait(m_library->open(folder));
    QVERIFY2(status.ok(), qPrintable(status.message));
    m_page = shownLibraryPage(m_clock.get(), m_library.get(), m_catalog);
    QVERIFY(m_page);
}

void CompareTakesTest::cleanup()
{
    m_page.reset();
    m_library.reset();
    m_clock.reset();
    m_dir.reset();
}

void CompareTakesTest::activate()
{
    m_page->setActive(true);
    QTRY_COMPARE(table()->model()->rowCount(), 4);
}

int CompareTakesTest::rowOf(qint64 answerId) const
{
    return AppTest::rowWith(table()->model(), AnswerTableModel::AnswerIdRole, answerId);
}

void CompareTakesTest::clickRow(qint64 answerId, Qt::KeyboardModifiers modifiers)
{
    const int row = rowOf(answerId);
    QVERIFY2(row >= 0, "the answer is in the table");
    const QRect cell = table()->visualRect(table()->model()->index(row, AnswerTableModel::Question));
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, modifiers, cell.center());
}

CompareDialog *CompareTakesTest::openComparison(qint64 first, qint64 second)
{
    activate();
    clickRow(first);
    clickRow(second, Qt::ControlModifier);
    auto *compare = m_page->findChild<QPushButton *>(u"compareSelectedButton"_s);
    if (!compare || !compare->isEnabled())
        return nullptr;
    compare->click();
    CompareDialog *comparison = dialog();
    if (comparison && !QTest::qWaitFor([comparison] { return comparison->isReady(); }, 10000))
        return nullptr;
    return comparison;
}

void CompareTakesTest::twoRowsSelected_compareOpensThemOlderFirst()
{
    activate();
    auto *compare = m_page->findChild<QPushButton *>(u"compareSelectedButton"_s);
    QAction *action = m_page->findChild<QAction *>(u"compareTakesAction"_s);
    QVERIFY(compare && action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    QVERIFY(table()->actions().contains(action)); // in the rows' context menu too
    QCOMPARE(table()->contextMenuPolicy(), Qt::ActionsContextMenu);
    QVERIFY(!compare->accessibleName().isEmpty());
    // One row: nothing to compare. Two: the button and the key. Three: which two?
    clickRow(m_secondId);
    QVERIFY(!compare->isEnabled());
    QVERIFY(!action->isEnabled());
    clickRow(m_firstId, Qt::ControlModifier);
    QVERIFY(compare->isEnabled());
    clickRow(m_thirdId, Qt::ControlModifier);
    QVERIFY(!compare->isEnabled());
    clickRow(m_thirdId, Qt::ControlModifier);
    QVERIFY(action->isEnabled());

    // The key opens it; the newer take was selected first, the older is A all the same.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    QTest::keyClick(table(), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(dialog() && dialog()->isVisible());
    QTRY_VERIFY(dialog()->isReady());
    QCOMPARE(dialog()->answerIds(), std::pair(m_firstId, m_secondId));
    QCOMPARE(textOf(dialog(), u"compareQuestion"_s), m_catalog.find(NetflixId)->question(QuestionId)->text);
    QVERIFY2(textOf(dialog(), u"compareTitleA"_s).startsWith(u"Take A  ·  "_s),
             qPrintable(textOf(dialog(), u"compareTitleA"_s)));
    QVERIFY(textOf(dialog(), u"compareTitleA"_s).endsWith(u"answered in 0:12"_s));
    QVERIFY(textOf(dialog(), u"compareTitleB"_s).endsWith(u"answered in 0:06"_s));
    QCOMPARE(dialog()->player(CompareDialog::Side::A)->slider()->duration(), 12000);
    QCOMPARE(dialog()->player(CompareDialog::Side::B)->slider()->duration(), 6000);
    // The story phases marked on both waveforms.
    const auto phaseStarts = [this](CompareDialog::Side side) {
        QList<qint64> starts;
        for (const WaveformSlider::Mark &mark : dialog()->player(side)->slider()->marks()) {
            if (mark.kind == WaveformSlider::Mark::Kind::Phase)
                starts << mark.at;
        }
        return starts;
    };
    QCOMPARE(phaseStarts(CompareDialog::Side::A), (QList<qint64>{0, 3000, 6000, 9000}));
    QCOMPARE(phaseStarts(CompareDialog::Side::B), (QList<qint64>{0, 1500, 3000, 4500}));
}

void CompareTakesTest::answerDetail_listsEveryOtherTake_andComparesWithTheOneChosen()
{
    activate();
    clickRow(m_secondId);
    QTRY_COMPARE(m_page->shownAnswerId(), m_secondId);
    auto *button = m_page->findChild<QPushButton *>(u"compareWithTakeButton"_s);
    QVERIFY(button);
    QTRY_VERIFY(button->isVisible());
    QCOMPARE(button->accessibleName(), u"Compare with another take of this question"_s);
    const QList<QAction *> takes = button->menu()->actions();
    QCOMPARE(takes.size(), 2); // the other two takes of the question, newest first
    QCOMPARE(takes.at(0)->objectName(), u"compareWithTake_%1"_s.arg(m_thirdId));
    QCOMPARE(takes.at(1)->objectName(), u"compareWithTake_%1"_s.arg(m_firstId));
    QVERIFY(takes.at(1)->text().contains(u"score 3.0"_s));
    takes.at(0)->trigger();
    QTRY_VERIFY(dialog() && dialog()->isReady());
    QCOMPARE(dialog()->answerIds(), std::pair(m_secondId, m_thirdId));
    QVERIFY(dialog()->isVisible());

    // An answer of a question answered once offers nothing to compare with.
    clickRow(m_unrecordedId);
    QTRY_COMPARE(m_page->shownAnswerId(), m_unrecordedId);
    QVERIFY(!button->isVisible());
}

void CompareTakesTest::waveforms_shareOneTimeScale_soPhaseMarksLineUp()
{
    CompareDialog *comparison = openComparison(m_firstId, m_secondId);
    QVERIFY(comparison);
    WaveformSlider *a = comparison->player(CompareDialog::Side::A)->slider();
    WaveformSlider *b = comparison->player(CompareDialog::Side::B)->slider();
    QCOMPARE(a->timeScale(), 12000); // the longer take sets it
    QCOMPARE(b->timeScale(), 12000);
    QCOMPARE(a->width(), b->width());
    QCOMPARE(a->mapTo(comparison, QPoint(0, 0)).x(), b->mapTo(comparison, QPoint(0, 0)).x());
    // A moment of each take lies at the same place: the second's whole 6 s spans half the first's.
    for (const qint64 moment : {0, 1500, 3000, 4500, 6000})
        QCOMPARE(b->xOfPosition(moment), a->xOfPosition(moment));
    QVERIFY(a->xOfPosition(12000) - a->xOfPosition(0) > 1.9 * (b->xOfPosition(6000) - b->xOfPosition(0)));
    QVERIFY(!a->peaks().isEmpty() && !b->peaks().isEmpty());
}

void CompareTakesTest::switchKey_playsTheOtherTakeAtTheSamePointOfTheAnswer()
{
    CompareDialog *comparison = openComparison(m_firstId, m_secondId);
    QVERIFY(comparison);
    comparison->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(comparison));
    TakePlayerWidget *a = comparison->player(CompareDialog::Side::A);
    TakePlayerWidget *b = comparison->player(CompareDialog::Side::B);
    QCOMPARE(comparison->currentSide(), CompareDialog::Side::A);
    QCOMPARE(textOf(comparison, u"compareStateA"_s), u"● Selected"_s);
    QCOMPARE(textOf(comparison, u"compareStateB"_s), QString());
    auto *switchButton = comparison->findChild<QPushButton *>(u"switchTakeButton"_s);
    QCOMPARE(switchButton->text(), u"Switch to Take &B"_s);

    // Half way through A is half way through B: 6 s of 12, 3 s of 6.
    a->seekTo(6000);
    QTest::keyClick(comparison, Qt::Key_S);
    QCOMPARE(comparison->currentSide(), CompareDialog::Side::B);
    QCOMPARE(b->position(), 3000);
    QCOMPARE(a->position(), 6000); // A stays where it was
    QCOMPARE(textOf(comparison, u"compareAnnouncement"_s), u"Take B selected, at 0:03: press Play or S"_s);
    QCOMPARE(comparison->findChild<QLabel *>(u"compareAnnouncement"_s)->accessibleName(),
             u"Take B selected, at 0:03"_s);
    QCOMPARE(textOf(comparison, u"compareStateB"_s), u"● Selected"_s);
    QCOMPARE(textOf(comparison, u"compareStateA"_s), QString());
    QCOMPARE(switchButton->text(), u"Switch to Take &A"_s);

    // And back, from a quarter of B (the button does the same as the key).
    b->seekTo(1500);
    switchButton->click();
    QCOMPARE(comparison->currentSide(), CompareDialog::Side::A);
    QCOMPARE(a->position(), 3000);
    QCOMPARE(b->position(), 1500);

    // Playing, the switch plays the other take from there; with no sound output the player says
    // why it cannot, and nothing is played.
    a->togglePlayback();
    if (QMediaDevices::audioOutputs().isEmpty()) {
        QTRY_VERIFY(a->statusText().contains(u"No speakers or headphones"_s));
        QVERIFY(!a->isPlaying() && !b->isPlaying());
        return;
    }
    QTRY_VERIFY_WITH_TIMEOUT(a->isPlaying() || !a->statusText().isEmpty(), 10000);
    if (!a->isPlaying())
        return; // the output could not play: the positions above are what the switch keeps
    QTest::keyClick(comparison, Qt::Key_S);
    QTRY_VERIFY(b->isPlaying());
    QVERIFY(!a->isPlaying());
    QVERIFY(textOf(comparison, u"compareAnnouncement"_s).startsWith(u"Now playing take B, 0:0"_s));
    QCOMPARE(textOf(comparison, u"compareStateB"_s), u"▶ Playing"_s);
    comparison->close();
    QTRY_VERIFY(!b->isPlaying());
}

void CompareTakesTest::ratingsAndMeasures_showBothWithTheirChanges()
{
    CompareDialog *comparison = openComparison(m_secondId, m_firstId);
    QVERIFY(comparison);
    // The newest rating of each: after the replay.
    QCOMPARE(textOf(comparison, u"compareRatingsHeaderA"_s), u"Take A\n(after replay)"_s);
    QCOMPARE(textOf(comparison, u"compareRatingsHeaderB"_s), u"Take B\n(after replay)"_s);
    QCOMPARE(textOf(comparison, u"compareDimension_freedom-responsibility"_s), u"Freedom & Responsibility"_s);
    QCOMPARE(textOf(comparison, u"compareScoreA_freedom-responsibility"_s), u"3"_s);
    QCOMPARE(textOf(comparison, u"compareScoreB_freedom-responsibility"_s), u"4"_s);
    QCOMPARE(textOf(comparison, u"compareChange_freedom-responsibility"_s), u"+1"_s);
    QCOMPARE(textOf(comparison, u"compareChange_candor"_s), u"same"_s);
    QCOMPARE(textOf(comparison, u"compareScoreA_high-performance"_s), u"3"_s);
    QCOMPARE(textOf(comparison, u"compareScoreB_high-performance"_s), u"—"_s);
    QCOMPARE(textOf(comparison, u"compareChange_high-performance"_s), u"—"_s);
    QCOMPARE(comparison->findChild<QLabel *>(u"compareChange_freedom-responsibility"_s)->accessibleName(),
             u"Freedom & Responsibility, change: +1"_s);
    QCOMPARE(textOf(comparison, u"compareAverageA"_s), u"3.0"_s);
    QCOMPARE(textOf(comparison, u"compareAverageB"_s), u"3.5"_s);
    QCOMPARE(textOf(comparison, u"compareAverageChange"_s), u"+0.5"_s);
    QCOMPARE(textOf(comparison, u"compareRedFlagsA"_s), u"⚑ 1 red flag"_s);
    QCOMPARE(textOf(comparison, u"compareRedFlagsB"_s), u"none"_s);

    // The measured figures, A to B.
    QCOMPARE(textOf(comparison, u"compareMeasure_pace"_s), u"• pace 172 → 148 wpm"_s);
    QCOMPARE(textOf(comparison, u"compareMeasure_fillers"_s), u"• likely fillers 9.0 → 3.0 per min"_s);
    QCOMPARE(textOf(comparison, u"compareMeasure_longestPause"_s), u"• longest pause 3.1 → 1.0 s"_s);
    QCOMPARE(textOf(comparison, u"compareMeasure_overtime"_s), u"• overtime 2 → 0 s"_s);
    QCOMPARE(textOf(comparison, u"compareMeasure_phase-0"_s), u"• Challenge phase 0:03 → 0:01"_s);
    QCOMPARE(textOf(comparison, u"compareMeasure_phase-1"_s), u"• Autonomous Decision phase 0:03 → 0:01"_s);
    QCOMPARE(textOf(comparison, u"compareMeasure_phase-3"_s), u"• Direct Communication phase 0:03 → 0:01"_s);
    QVERIFY(!comparison->findChild<QLabel *>(u"compareMeasure_phase-4"_s)); // neither take reached it
    QVERIFY(comparison->findChild<QWidget *>(u"compareMeasuresBox"_s)
                ->accessibleDescription()
                .startsWith(u"From take A to take B: pace 172 → 148 wpm, likely fillers 9.0 → 3.0 per min, "_s));
    QVERIFY(comparison->findChild<QLabel *>(u"compareAnalysisA"_s)->isHidden());
    QVERIFY(comparison->findChild<QLabel *>(u"compareAnalysisB"_s)->isHidden());

    // Both transcripts, each following its own player.
    QCOMPARE(comparison->transcript(CompareDialog::Side::A)->wordsView()->model()->rowCount() > 0, true);
    QCOMPARE(comparison->transcript(CompareDialog::Side::B)->wordsView()->model()->rowCount() > 0, true);
    QVERIFY(comparison->transcript(CompareDialog::Side::A)->title().contains(u"Take A"_s));
}

void CompareTakesTest::takeNotAnalysed_orNotRecorded_saysSo()
{
    CompareDialog *comparison = openComparison(m_secondId, m_thirdId);
    QVERIFY(comparison);
    QCOMPARE(textOf(comparison, u"compareAnalysisB"_s),
             u"Take B is not analysed yet: its pace, fillers and pauses are not measured."_s);
    QVERIFY(comparison->findChild<QLabel *>(u"compareAnalysisB"_s)->isVisible());
    QCOMPARE(textOf(comparison, u"compareMeasure_pace"_s), u"• pace 148 wpm → not measured"_s);
    QCOMPARE(textOf(comparison, u"compareMeasure_phase-0"_s), u"• Challenge phase 0:01 → not marked"_s);
    QVERIFY(!comparison->transcript(CompareDialog::Side::B)->statusText().isEmpty());
    QCOMPARE(textOf(comparison, u"compareRatingsHeaderB"_s), u"Take B\n(not rated)"_s);
    comparison->close();

    // No recording: said in words, where the waveform would be and beside the figures; the switch
    // says there is nothing to play.
    m_page->findChild<QTableView *>(u"answerTable"_s)->clearSelection();
    clickRow(m_firstId);
    clickRow(m_unrecordedId, Qt::ControlModifier);
    m_page->findChild<QPushButton *>(u"compareSelectedButton"_s)->click();
    QTRY_VERIFY(dialog()->isReady() && dialog()->answerIds() == std::pair(m_firstId, m_unrecordedId));
    QCOMPARE(textOf(dialog(), u"compareQuestion"_s), u"Two different questions"_s);
    QCOMPARE(textOf(dialog(), u"compareAnalysisB"_s),
             u"Take B has no recording: there is nothing to play or measure."_s);
    QCOMPARE(dialog()->player(CompareDialog::Side::B)->slider()->placeholderText(), u"Not recorded"_s);
    QTest::keyClick(dialog(), Qt::Key_S);
    QCOMPARE(dialog()->currentSide(), CompareDialog::Side::A);
    QCOMPARE(textOf(dialog(), u"compareAnnouncement"_s), u"Take B has no recording to play."_s);
}

void CompareTakesTest::controls_areNamed_andTabFollowsTheLayout()
{
    CompareDialog *comparison = openComparison(m_firstId, m_secondId);
    QVERIFY(comparison);
    comparison->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(comparison));
    // Every control Tab reaches has a name a screen reader speaks.
    for (QWidget *widget : comparison->findChildren<QWidget *>()) {
        if (!widget->isVisibleTo(comparison) || !widget->isEnabled() || !(widget->focusPolicy() & Qt::TabFocus))
            continue;
        QAccessibleInterface *accessible = QAccessible::queryAccessibleInterface(widget);
        QVERIFY(accessible);
        QVERIFY2(!accessible->text(QAccessible::Name).remove(u'&').trimmed().isEmpty(),
                 qPrintable(widget->objectName() + u" has no accessible name"_s));
    }
    // Tab: the switch, take A's player, take B's, the transcripts, Close.
    auto *switchButton = comparison->findChild<QPushButton *>(u"switchTakeButton"_s);
    switchButton->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(switchButton->hasFocus());
    const auto playerA = comparison->player(CompareDialog::Side::A);
    const auto playerB = comparison->player(CompareDialog::Side::B);
    const QList<QWidget *> expected{playerA->findChild<QWidget *>(u"playButton"_s),
                                    playerA->slider(),
                                    playerA->findChild<QWidget *>(u"playbackSpeed"_s),
                                    playerB->findChild<QWidget *>(u"playButton"_s),
                                    playerB->slider(),
                                    playerB->findChild<QWidget *>(u"playbackSpeed"_s),
                                    comparison->transcript(CompareDialog::Side::A)->wordsView(),
                                    comparison->transcript(CompareDialog::Side::B)->wordsView(),
                                    comparison->findChild<QWidget *>(u"compareCloseButton"_s)};
    for (QWidget *next : expected) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), next);
    }
    // Two players, one Alt+letter each would say neither: only the switch has one (and Close).
    QCOMPARE(playerA->findChild<QPushButton *>(u"playButton"_s)->text(), u"Play"_s);
    QCOMPARE(playerB->findChild<QPushButton *>(u"playButton"_s)->text(), u"Play"_s);
    QCOMPARE(comparison->findChild<QPushButton *>(u"switchTakeButton"_s)->text(), u"Switch to Take &B"_s);
}

void CompareTakesTest::newRatingOrDeletion_isShownAtOnce()
{
    CompareDialog *comparison = openComparison(m_firstId, m_secondId);
    QVERIFY(comparison);
    comparison->player(CompareDialog::Side::A)->seekTo(4000);
    // Re-rated after another replay: the newest rating is the one compared.
    QVERIFY(wait(m_library->addReplayRating(
        m_secondId,
        ratingOf({{u"freedom-responsibility"_s, 2}, {u"candor"_s, 4}}, at(21, 9), Rating::When::AfterReplay))));
    QTRY_COMPARE(textOf(comparison, u"compareChange_freedom-responsibility"_s), u"\u22121"_s);
    QCOMPARE(textOf(comparison, u"compareChange_candor"_s), u"+1"_s);
    QCOMPARE(comparison->player(CompareDialog::Side::A)->position(), 4000); // playback stays where it was
    // Deleted: said in words, nothing left to play.
    QVERIFY(wait(m_library->deleteAnswer(m_firstId)));
    QTRY_COMPARE(textOf(comparison, u"compareQuestion"_s), u"One of the answers is no longer in the library."_s);
    QVERIFY(comparison->player(CompareDialog::Side::A)->takePath().isEmpty());
}

QTEST_MAIN(CompareTakesTest)
#include "compare_takes_test.moc"
