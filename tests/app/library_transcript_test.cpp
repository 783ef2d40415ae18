#include "AppServices.h"
#include "AppTestSupport.h"
#include "ShownLibraryPage.h"
#include "analysis/AnalysisService.h"
#include "common/AppSettings.h"
#include "common/ApplicationIdentity.h"
#include "library/AnswerDetailView.h"
#include "library/AnswerTableModel.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "library/ReRatingDialog.h"
#include "library/TakeMarks.h"
#include "library/TakePlayerWidget.h"
#include "library/TranscriptModel.h"
#include "library/TranscriptView.h"
#include "loops/LoopCatalog.h"
#include "rating/RatingPanel.h"
#include "session/Clock.h"
#include "widgets/WaveformSlider.h"

#include <QAudioDevice>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
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
constexpr int TakeSeconds = 12;

QDateTime at(int day, int hour)
{
    return QDateTime(QDate(2026, 2, day), QTime(hour, 0));
}

RecognizedWord word(const QString &text, qint64 startMs, qint64 endMs, bool filler = false)
{
    return {text, startMs, endMs, 0.9, filler, 1};
}

// A take of TakeSeconds with speech in these stretches, silence between them.
AnswerAnalysis spoken(const QList<TimeRange> &speech, double wordsPerMinute, double fillersPerMinute)
{
    AnswerAnalysis analysis;
    analysis.durationMs = TakeSeconds * 1000;
    analysis.analysedMs = analysis.durationMs;
    analysis.speechFound = true;
    analysis.speech = speech;
    for (qsizetype i = 0; i < speech.size(); ++i) {
        analysis.speakingMs += speech.at(i).durationMs();
        if (i > 0)
            analysis.pauses.append({speech.at(i - 1).endMs, speech.at(i).startMs});
    }
    analysis.silenceBeforeSpeech = TimeRange{0, speech.constFirst().startMs};
    analysis.wordsPerMinute = wordsPerMinute;
    analysis.fillersPerMinute = fillersPerMinute;
    return analysis;
}

// "We cut … um latency by forty percent, maybe": a long pause after "cut", a likely filler, a
// number heard and a hedge; 150 words a minute.
AnswerAnalysis latencyAnswer()
{
    AnswerAnalysis analysis = spoken({{500, 1000}, {4100, 7000}}, 150, 2.5);
    analysis.words = {word(u"we"_s, 500, 700),        word(u"cut"_s, 700, 1000),   word(u"um"_s, 4100, 4600, true),
                      word(u"latency"_s, 4700, 5300), word(u"by"_s, 5300, 5500),   word(u"forty"_s, 5500, 5900),
                      word(u"percent"_s, 5900, 6400), word(u"maybe"_s, 6600, 7000)};
    analysis.numbersHeard = {{u"forty percent"_s, 5500, 6400, u"40%"_s}};
    analysis.hedges = {{u"maybe"_s, 6600, 7000, {}}};
    analysis.firstPersonPlural = {{u"we"_s, 500, 700, {}}};
    analysis.articulationRate = 4.2;
    analysis.phases = {{0, 0, 7000, 3400, 30000}};
    return analysis;
}

// "We shipped the migration": slower, almost no fillers, no long pause.
AnswerAnalysis migrationAnswer()
{
    AnswerAnalysis analysis = spoken({{1000, 3000}, {3800, 5000}}, 110, 0.5);
    analysis.words = {word(u"we"_s, 1000, 1300), word(u"shipped"_s, 1300, 1900), word(u"the"_s, 1900, 2100),
                      word(u"migration"_s, 2100, 3000)};
    return analysis;
}

} // namespace

// The Library shows what the speech analysis measured in a take: its approximate transcript beside
// the player (following it, and seeking it), the likely fillers and long pauses on the waveform and
// in the transcript, the take's figures, and the figures as table columns to sort and filter by;
// the search box finds words heard in a take.
class LibraryTranscriptTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void analysedAnswer_showsItsTranscriptAndMeasurements();
    void clickingOrEnteringAWord_seeksThePlayerThere();
    void playerPosition_highlightsTheWordUnderIt();
    void fillersAndLongPauses_areMarkedOnTheWaveformAndInTheTranscript();
    void interviewersLines_areMarkedOnTheWaveform_whereTheTakeHeardThem();
    void sortingByPace_ordersTheRows_notAnalysedLast();
    void measuredFilters_hideTheRowsOutsideThem();
    void searchingAWordHeardOnlyInATake_findsIt_andShowsTheWords();
    void unanalysedAnswer_saysSo();
    void reRating_showsTheMeasuredFeedbackBesideTheRubric();
    void backgroundAnalysis_showsProgress_thenTheResultOrWhyNot();
    void answerAnalysedWhileThePageWasAway_isListedWithItsFigures();
    void largeTextInAShortWindow_nothingOverlaps();

private:
    void activate(int expectedRows);
    void clickAnswer(qint64 answerId);
    int proxyRowOf(qint64 answerId) const;
    QTableView *table() const { return m_page->findChild<QTableView *>(u"answerTable"_s); }
    QAbstractItemModel *proxy() const { return table()->model(); }
    AnswerDetailView *detail() const { return m_page->findChild<AnswerDetailView *>(u"answerDetail"_s); }
    TranscriptView *transcript() const { return detail()->transcript(); }
    TranscriptWordsView *words() const { return transcript()->wordsView(); }
    template<typename T> T *child(const QString &name) const
    {
        T *found = m_page->findChild<T *>(name);
        if (!found)
            qFatal("no widget %s", qPrintable(name));
        return found;
    }
    QString labelText(const QString &name) const { return child<QLabel>(name)->text(); }
    int rowOfText(const QString &text) const;
    void startPage(bool withAnalysisService);

    LoopCatalog m_catalog;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<PracticeLibrary> m_library;
    std::unique_ptr<AnalysisService> m_analysis;
    std::unique_ptr<LibraryPage> m_page;
    qint64 m_latencyId = 0; // analysed: 150 wpm, 2.5 fillers/min, 3.1 s pause
    qint64 m_migrationId = 0; // analysed: 110 wpm, 0.5 fillers/min, 0.8 s pause
    qint64 m_waitingId = 0; // recorded, not analysed
    qint64 m_unrecordedId = 0; // no take
    qint64 m_damagedId = 0; // newest; its take is not a WAV
};

void LibraryTranscriptTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*qApp);
    m_catalog = LoopCatalog::loadDefault();
    QVERIFY(m_catalog.find(NetflixId));
}

void LibraryTranscriptTest::init()
{
    QSettings().clear(); // analysis on, as it is by default
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    const QString folder = m_dir->filePath(u"library"_s);
    {
        LibraryStore::OpenResult opened = LibraryStore::open(folder);
        QVERIFY2(opened.store, qPrintable(opened.message));
        LibraryStore &store = *opened.store;
        const std::shared_ptr<const Loop> netflix = m_catalog.find(NetflixId);
        SessionRecord session;
        session.id = u"session"_s;
        session.loopId = NetflixId;
        session.loopTitle = netflix->title;
        session.startedAt = at(2, 9);
        QVERIFY(store.addSession(session));
        const QList<const Question *> questions = netflix->questionPool(*netflix->round(u"hiring-manager"_s));
        QVERIFY(questions.size() >= 5);
        int ordinal = 0;
        const auto add = [&](int hour, bool recorded, const QByteArray &notWav = {}) -> qint64 {
            const Question *question = questions.at(ordinal);
            LibraryStore::NewAnswer answer;
            answer.sessionId = session.id;
            answer.answeredAt = at(2, hour);
            answer.roundTitle = netflix->round(u"hiring-manager"_s)->title;
            answer.categoryId = question->categoryId;
            answer.record.ordinal = ++ordinal;
            answer.record.roundId = u"hiring-manager"_s;
            answer.record.questionId = question->id;
            answer.record.questionText = question->text;
            AnswerPart part;
            part.duration = Milliseconds(TakeSeconds * 1000);
            part.limit = 60s;
            answer.record.parts = {part};
            if (recorded) {
                const QString relative = LibraryStore::takeRelativePath(session.id, u"%1.wav"_s.arg(ordinal));
                const QString path = store.absolutePath(relative);
                CrashLeftovers::writeTake(path, TakeSeconds, true);
                if (!notWav.isEmpty()) {
                    QFile file(path);
                    if (!file.open(QIODevice::WriteOnly))
                        return 0;
                    file.write(notWav);
                }
                answer.recording = LibraryStore::describeTake(path, relative);
            }
            return store.addAnswer(answer).value_or(0);
        };
        m_latencyId = add(10, true);
        m_migrationId = add(11, true);
        m_waitingId = add(12, true);
        m_unrecordedId = add(13, false);
        m_damagedId = add(14, true, "this is not a recording");
        QVERIFY(m_latencyId > 0 && m_migrationId > 0 && m_waitingId > 0 && m_unrecordedId > 0 && m_damagedId > 0);
        // As the analysis service stores them.
        QVERIFY2(store.setAnalysis(m_latencyId, AnalysisService::recordOf(latencyAnswer(), at(2, 10))),
                 qPrintable(store.lastError()));
        QVERIFY2(store.setAnalysis(m_migrationId, AnalysisService::recordOf(migrationAnswer(), at(2, 11))),
                 qPrintable(store.lastError()));
    }
    m_clock = std::make_unique<ManualClock>();
    m_clock->setWallStart(at(20, 18).toUTC());
    m_library = std::make_unique<PracticeLibrary>();
    const PracticeLibrary::Status status = wait(m_library->open(folder));
    QVERIFY2(status.ok(), qPrintable(status.message));
}

void LibraryTranscriptTest::startPage(bool withAnalysisService)
{
    if (withAnalysisService) {
        m_analysis = std::make_unique<AnalysisService>(m_library.get());
        m_analysis->setCatalog(m_catalog);
    }
    m_page = shownLibraryPage(m_clock.get(), m_library.get(), m_catalog, m_analysis.get(), QSize(1400, 900));
    QVERIFY(m_page);
}

void LibraryTranscriptTest::cleanup()
{
    m_page.reset();
    m_analysis.reset(); // stops its work and waits for it
    m_library.reset();
    m_clock.reset();
    m_dir.reset();
    QSettings().clear();
}

void LibraryTranscriptTest::activate(int expectedRows)
{
    if (!m_page)
        startPage(false);
    m_page->setActive(true);
    QTRY_COMPARE_WITH_TIMEOUT(proxy()->rowCount(), expectedRows, 10000);
}

int LibraryTranscriptTest::proxyRowOf(qint64 answerId) const
{
    return AppTest::rowWith(proxy(), AnswerTableModel::AnswerIdRole, answerId);
}

void LibraryTranscriptTest::clickAnswer(qint64 answerId)
{
    const int row = proxyRowOf(answerId);
    QVERIFY2(row >= 0, "the answer is in the table");
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {},
                      table()->visualRect(proxy()->index(row, AnswerTableModel::Question)).center());
    QTRY_COMPARE(m_page->shownAnswerId(), answerId);
    QTRY_COMPARE(detail()->answerId(), answerId);
}

int LibraryTranscriptTest::rowOfText(const QString &text) const
{
    const TranscriptModel *model = transcript()->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row).data().toString() == text)
            return row;
    }
    return -1;
}

void LibraryTranscriptTest::analysedAnswer_showsItsTranscriptAndMeasurements()
{
    activate(5);
    clickAnswer(m_latencyId);
    QTRY_COMPARE(detail()->analysis().state, TakeAnalysis::State::Analysed);
    QCOMPARE(transcript()->title(), u"Approximate transcript"_s);
    QVERIFY(words()->isVisible());
    QVERIFY(!child<QLabel>(u"analysisStatus"_s)->isVisible());
    // Eight words, with the long pause between "cut" and "um" in its place.
    const TranscriptModel *model = transcript()->model();
    QStringList shown;
    for (int row = 0; row < model->rowCount(); ++row)
        shown << model->index(row).data().toString();
    QCOMPARE(shown,
             QStringList({u"we"_s, u"cut"_s, u"[pause 3.1 s]"_s, u"(um)"_s, u"latency"_s, u"by"_s, u"forty"_s,
                          u"percent"_s, u"maybe"_s}));

    // Its figures, as facts with their units.
    QVERIFY(child<QWidget>(u"speechMetrics"_s)->isVisible());
    QCOMPARE(labelText(u"metricPace"_s), u"150 words a minute"_s);
    QCOMPARE(labelText(u"metricSpeakingTime"_s), u"0:03 of 0:12 recorded (28%)"_s);
    QVERIFY2(labelText(u"metricArticulation"_s).startsWith(u"4.2 syllables"_s),
             qPrintable(labelText(u"metricArticulation"_s)));
    QCOMPARE(labelText(u"metricPauses"_s), u"longest 3.1 s · 1 over 2 s"_s);
    QCOMPARE(labelText(u"metricFillers"_s), u"2.5 a minute (1 in all)"_s);
    const QString challenge = m_catalog.find(NetflixId)->storyStructure.phases.at(0).title;
    QCOMPARE(labelText(u"metricPhases"_s), challenge + u": 0:07 of 0:30 (speaking 0:03)"_s);
    QCOMPARE(labelText(u"metricNumbers"_s), u"“40%” at 0:05"_s);
    QCOMPARE(labelText(u"metricHedges"_s), u"“maybe” at 0:06"_s);
    QVERIFY(labelText(u"metricFootnote"_s).contains(u"approximate"_s));
    QVERIFY(!child<QLabel>(u"metricWarnings"_s)->isVisible());
}

void LibraryTranscriptTest::clickingOrEnteringAWord_seeksThePlayerThere()
{
    activate(5);
    clickAnswer(m_latencyId);
    TakePlayerWidget *player = detail()->player();
    QTRY_VERIFY(!player->isWaveformLoading());
    QTRY_VERIFY(words()->isVisible());

    // With the keyboard: Tab from the player's speed comes to the word being played, the arrows
    // move on, Enter plays from the word reached.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    player->seekTo(5600);
    auto *speed = child<QComboBox>(u"playbackSpeed"_s);
    speed->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(speed->hasFocus());
    QTest::keyClick(speed, Qt::Key_Tab);
    QTRY_VERIFY(words()->hasFocus());
    QCOMPARE(words()->currentIndex().data().toString(), u"forty"_s);
    // The word says what it is to a screen reader, marks included.
    QCOMPARE(words()->currentIndex().data(Qt::AccessibleTextRole).toString(), u"forty, number heard"_s);
    QTest::keyClick(words(), Qt::Key_Right);
    QTest::keyClick(words(), Qt::Key_Right);
    QCOMPARE(words()->currentIndex().data().toString(), u"maybe"_s);
    QTest::keyClick(words(), Qt::Key_Return);
    QCOMPARE(player->position(), 6600);
    QCOMPARE(child<QLabel>(u"playerTime"_s)->text(), u"0:06 / 0:12"_s);

    // With the mouse: a click on the word.
    const int latency = rowOfText(u"latency"_s);
    QVERIFY(latency >= 0);
    const QModelIndex index = transcript()->model()->index(latency);
    QTRY_VERIFY(words()->visualRect(index).isValid());
    QTest::mouseClick(words()->viewport(), Qt::LeftButton, {}, words()->visualRect(index).center());
    QCOMPARE(player->position(), 4700);
    QCOMPARE(player->slider()->position(), 4700);
}

void LibraryTranscriptTest::playerPosition_highlightsTheWordUnderIt()
{
    activate(5);
    clickAnswer(m_latencyId);
    TakePlayerWidget *player = detail()->player();
    QTRY_VERIFY(!player->isWaveformLoading());
    const TranscriptModel *model = transcript()->model();
    const auto playing = [model]() -> QString {
        const int row = model->playingRow();
        return row < 0 ? u"<none>"_s : model->index(row).data().toString();
    };
    QCOMPARE(playing(), u"<none>"_s); // before the first word
    player->seekTo(800);
    QCOMPARE(playing(), u"cut"_s);
    QVERIFY(model->index(rowOfText(u"cut"_s)).data(TranscriptModel::PlayingRole).toBool());
    player->seekTo(2500);
    QCOMPARE(playing(), u"[pause 3.1 s]"_s);
    player->seekTo(5600);
    QCOMPARE(playing(), u"forty"_s);
    QVERIFY(!model->index(rowOfText(u"cut"_s)).data(TranscriptModel::PlayingRole).toBool());
    player->seekTo(11000);
    QCOMPARE(playing(), u"<none>"_s); // long after the last word

    // Played: the highlight moves with the sound.
    player->seekTo(0);
    QTest::mouseClick(child<QWidget>(u"playButton"_s), Qt::LeftButton);
    if (QMediaDevices::audioOutputs().isEmpty())
        QSKIP("No audio output on this machine: the highlight follows seeking above, as it follows playback.");
    QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying() || !player->statusText().isEmpty(), 10000);
    if (!player->isPlaying())
        QSKIP(qPrintable(u"The audio output could not play: "_s + player->statusText()));
    QTRY_VERIFY_WITH_TIMEOUT(playing() == u"we"_s || playing() == u"cut"_s, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(playing() == u"latency"_s || playing() == u"by"_s || playing() == u"forty"_s, 10000);
    player->pause();
}

void LibraryTranscriptTest::interviewersLines_areMarkedOnTheWaveform_whereTheTakeHeardThem()
{
    // A main answer of 90 s the interviewer broke into at 70 s, and a follow-up it asked aloud.
    AnswerRecord record;
    AnswerPart main;
    main.duration = Milliseconds(90000);
    main.interviewer.append(
        {InterviewerMark::Kind::Interruption, Milliseconds(70000), Milliseconds(1500), 1, u"What did you decide?"_s});
    AnswerPart probe;
    probe.followUpIndex = 0;
    probe.duration = Milliseconds(30000);
    probe.interviewer.append(
        {InterviewerMark::Kind::Probe, Milliseconds(0), Milliseconds(2500), -1, u"What was the result?"_s});
    record.parts = {main, probe};
    using Mark = WaveformSlider::Mark;
    QList<Mark> spoke;
    for (const Mark &mark : TakeMarks::ofAnswer(record, nullptr)) {
        if (mark.kind == Mark::Kind::InterviewerSpoke)
            spoke << mark;
    }
    const QList<Mark> expected = {{Mark::Kind::InterviewerSpoke, 70000, u"What did you decide?"_s, 71500},
                                  {Mark::Kind::InterviewerSpoke, 90000, u"What was the result?"_s, 92500}};
    QCOMPARE(spoke, expected);

    // In words on the slider, at the place and in all.
    WaveformSlider slider;
    slider.setDuration(120000);
    slider.setMarks(TakeMarks::ofAnswer(record, nullptr));
    QVERIFY2(slider.accessibleDescription().contains(u"the interviewer speaks 2 times"_s),
             qPrintable(slider.accessibleDescription()));
    slider.setValue(70500);
    QVERIFY2(slider.accessibleDescription().contains(u"the interviewer: “What did you decide?”"_s),
             qPrintable(slider.accessibleDescription()));
    slider.resize(600, 80);
    QVERIFY(!slider.grab().isNull());
}

void LibraryTranscriptTest::fillersAndLongPauses_areMarkedOnTheWaveformAndInTheTranscript()
{
    activate(5);
    clickAnswer(m_latencyId);
    WaveformSlider *slider = detail()->player()->slider();
    QTRY_VERIFY(!detail()->player()->isWaveformLoading());
    using Mark = WaveformSlider::Mark;
    QList<Mark> measured;
    for (const Mark &mark : slider->marks()) {
        if (mark.kind == Mark::Kind::LikelyFiller || mark.kind == Mark::Kind::LongPause)
            measured << mark;
    }
    const QList<Mark> expected = {{Mark::Kind::LongPause, 1000, {}, 4100}, {Mark::Kind::LikelyFiller, 4100, u"um"_s}};
    QCOMPARE(measured, expected);
    // The phase marks are still there.
    QVERIFY(std::any_of(slider->marks().cbegin(), slider->marks().cend(),
                        [](const Mark &mark) { return mark.kind == Mark::Kind::Phase; }));
    // In words, for everyone: under the waveform, and in the slider's description.
    QCOMPARE(labelText(u"waveformLegend"_s), u"Marked: ◆ 1 likely filler · ▨ 1 pause over 2 s"_s);
    QVERIFY(child<QLabel>(u"waveformLegend"_s)->isVisible());
    QCOMPARE(child<QLabel>(u"waveformLegend"_s)->accessibleName(),
             u"Marked on the waveform: "_s
                 + QLocale().createSeparatedList({u"1 likely filler"_s, u"1 pause over 2 s"_s}));
    QVERIFY2(slider->accessibleDescription().contains(u"1 likely filler marked; 1 long pause marked"_s),
             qPrintable(slider->accessibleDescription()));
    detail()->player()->seekTo(4200);
    QVERIFY2(slider->accessibleDescription().contains(u"likely filler “um”"_s),
             qPrintable(slider->accessibleDescription()));
    detail()->player()->seekTo(2000);
    QVERIFY2(slider->accessibleDescription().contains(u"pause of 3.1 s"_s),
             qPrintable(slider->accessibleDescription()));
    QVERIFY(!slider->grab().isNull()); // drawn without trouble

    // In the transcript: as text, with what each is in the tooltip and the screen reader's text.
    const TranscriptModel *model = transcript()->model();
    const QModelIndex filler = model->index(rowOfText(u"(um)"_s));
    QCOMPARE(filler.data(TranscriptModel::KindRole).toInt(), int(TranscriptModel::Kind::LikelyFiller));
    QCOMPARE(filler.data(Qt::AccessibleTextRole).toString(), u"um, likely filler"_s);
    QVERIFY(filler.data(Qt::ToolTipRole).toString().startsWith(u"Likely filler\n"_s));
    const QModelIndex pause = model->index(rowOfText(u"[pause 3.1 s]"_s));
    QCOMPARE(pause.data(TranscriptModel::KindRole).toInt(), int(TranscriptModel::Kind::LongPause));
    QCOMPARE(pause.data(Qt::AccessibleTextRole).toString(), u"pause of 3.1 seconds, at 0:01"_s);
    QVERIFY(model->index(rowOfText(u"maybe"_s)).data(TranscriptModel::EvidenceRole).toInt() & TranscriptModel::Hedge);
    QVERIFY(model->index(rowOfText(u"forty"_s)).data(Qt::FontRole).value<QFont>().underline());
    QVERIFY(child<QLabel>(u"transcriptLegend"_s)->text().contains(u"(um): a likely filler"_s));
}

void LibraryTranscriptTest::sortingByPace_ordersTheRows_notAnalysedLast()
{
    activate(5);
    QCOMPARE(proxy()->index(proxyRowOf(m_latencyId), AnswerTableModel::Pace).data().toString(), u"150"_s);
    QCOMPARE(proxy()->index(proxyRowOf(m_latencyId), AnswerTableModel::Fillers).data().toString(), u"2.5"_s);
    QCOMPARE(proxy()->index(proxyRowOf(m_latencyId), AnswerTableModel::LongestPause).data().toString(), u"3.1 s"_s);
    QCOMPARE(proxy()->index(proxyRowOf(m_waitingId), AnswerTableModel::Pace).data().toString(), QString());
    QCOMPARE(proxy()->index(proxyRowOf(m_waitingId), AnswerTableModel::Pace).data(Qt::ToolTipRole).toString(),
             u"Not analysed yet"_s);
    QCOMPARE(proxy()->headerData(AnswerTableModel::Fillers, Qt::Horizontal, Qt::AccessibleTextRole).toString(),
             u"Likely fillers/min"_s);

    QHeaderView *header = table()->horizontalHeader();
    QVERIFY(!header->isSectionHidden(AnswerTableModel::Pace));
    table()->scrollTo(proxy()->index(0, AnswerTableModel::Pace));
    const auto clickPace = [header] {
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(AnswerTableModel::Pace) + 5, header->height() / 2));
    };
    const auto order = [this] {
        QList<qint64> ids;
        for (int row = 0; row < proxy()->rowCount(); ++row)
            ids << proxy()->index(row, 0).data(AnswerTableModel::AnswerIdRole).toLongLong();
        return ids;
    };
    clickPace();
    QTRY_COMPARE(header->sortIndicatorSection(), int(AnswerTableModel::Pace));
    for (int direction = 0; direction < 2; ++direction) {
        const QList<qint64> ids = order();
        const bool ascending = header->sortIndicatorOrder() == Qt::AscendingOrder;
        QCOMPARE(ids.mid(0, 2),
                 ascending ? QList<qint64>({m_migrationId, m_latencyId}) : QList<qint64>({m_latencyId, m_migrationId}));
        // Not analysed, whichever the direction: after every figure.
        QCOMPARE(QSet<qint64>(ids.begin() + 2, ids.end()), QSet<qint64>({m_waitingId, m_unrecordedId, m_damagedId}));
        clickPace();
    }
}

void LibraryTranscriptTest::measuredFilters_hideTheRowsOutsideThem()
{
    activate(5);
    // The table reloads a moment after each change: wait for the very answer, not only a count.
    const auto onlyShows = [this](qint64 answerId) { return proxy()->rowCount() == 1 && proxyRowOf(answerId) == 0; };
    auto *minPace = child<QSpinBox>(u"filterMinPace"_s);
    auto *maxPace = child<QSpinBox>(u"filterMaxPace"_s);
    QCOMPARE(minPace->text(), u"any"_s);
    minPace->setValue(120);
    QTRY_VERIFY(onlyShows(m_latencyId));
    QVERIFY(child<QWidget>(u"clearFiltersButton"_s)->isEnabled());
    minPace->setValue(0);
    maxPace->setValue(120);
    QTRY_VERIFY(onlyShows(m_migrationId));
    maxPace->setValue(0);
    QTRY_COMPARE(proxy()->rowCount(), 5);

    auto *fillers = child<QComboBox>(u"filterMaxFillers"_s);
    fillers->setCurrentIndex(fillers->findData(1.0));
    QTRY_VERIFY(onlyShows(m_migrationId));
    fillers->setCurrentIndex(0);
    auto *pause = child<QComboBox>(u"filterMinLongestPause"_s);
    pause->setCurrentIndex(pause->findData(qint64(3000)));
    QTRY_VERIFY(onlyShows(m_latencyId));

    child<QPushButton>(u"clearFiltersButton"_s)->click();
    QTRY_COMPARE(proxy()->rowCount(), 5);
    QCOMPARE(pause->currentIndex(), 0);
}

void LibraryTranscriptTest::searchingAWordHeardOnlyInATake_findsIt_andShowsTheWords()
{
    activate(5);
    auto *search = child<QLineEdit>(u"filterText"_s);
    QVERIFY(search->placeholderText().contains(u"transcripts"_s));
    QTest::keyClicks(search, u"migration"_s);
    QTRY_COMPARE(proxy()->rowCount(), 1);
    const QModelIndex question = proxy()->index(0, AnswerTableModel::Question);
    QCOMPARE(question.data(AnswerTableModel::AnswerIdRole).toLongLong(), m_migrationId);
    QTRY_COMPARE(question.data(AnswerTableModel::TranscriptExcerptRole).toString(), u"we shipped the migration"_s);
    QVERIFY2(question.data().toString().startsWith(u"Heard “we shipped the migration” · "_s),
             qPrintable(question.data().toString()));
    QVERIFY(question.data(Qt::ToolTipRole).toString().contains(u"Found in the approximate transcript"_s));

    // Found by its question: shown as it is.
    search->clear();
    QTRY_COMPARE(proxy()->rowCount(), 5);
    const QString questionText = proxy()->index(proxyRowOf(m_latencyId), AnswerTableModel::Question).data().toString();
    QTest::keyClicks(search, questionText);
    QTRY_VERIFY(proxyRowOf(m_latencyId) >= 0 && proxyRowOf(m_migrationId) < 0);
    const QModelIndex byQuestion = proxy()->index(proxyRowOf(m_latencyId), AnswerTableModel::Question);
    QVERIFY(byQuestion.data(AnswerTableModel::TranscriptExcerptRole).toString().isEmpty());
    QCOMPARE(byQuestion.data().toString(), questionText);
}

void LibraryTranscriptTest::unanalysedAnswer_saysSo()
{
    activate(5);
    clickAnswer(m_waitingId);
    QTRY_VERIFY(child<QLabel>(u"analysisStatus"_s)->isVisible());
    QCOMPARE(labelText(u"analysisStatus"_s), u"Not analysed yet."_s);
    QVERIFY(!words()->isVisible());
    QVERIFY(!child<QWidget>(u"speechMetrics"_s)->isVisible());
    QVERIFY(!child<QLabel>(u"waveformLegend"_s)->isVisible());
    QVERIFY(std::none_of(detail()->player()->slider()->marks().cbegin(), detail()->player()->slider()->marks().cend(),
                         [](const WaveformSlider::Mark &mark) {
                             return mark.kind == WaveformSlider::Mark::Kind::LikelyFiller
                                 || mark.kind == WaveformSlider::Mark::Kind::LongPause;
                         }));

    clickAnswer(m_unrecordedId);
    QTRY_COMPARE(labelText(u"analysisStatus"_s), u"This answer has no recording, so there is no transcript."_s);

    // And back to an analysed one: its transcript again.
    clickAnswer(m_latencyId);
    QTRY_VERIFY(words()->isVisible());
    QVERIFY(!child<QLabel>(u"analysisStatus"_s)->isVisible());
}

void LibraryTranscriptTest::reRating_showsTheMeasuredFeedbackBesideTheRubric()
{
    activate(5);
    clickAnswer(m_latencyId);
    QTRY_COMPARE(detail()->analysis().state, TakeAnalysis::State::Analysed);
    auto *reRate = child<QPushButton>(u"reRateButton"_s);
    QPointer<ReRatingDialog> dialog = qobject_cast<ReRatingDialog *>(AppTest::openReRating(m_page.get()));
    QVERIFY(dialog);
    const auto dialogLabel = [&dialog](const QString &name) {
        const auto *label = dialog->findChild<QLabel *>(name);
        return label && label->isVisibleTo(dialog) ? label->text() : QString();
    };
    // The same measured figures as on the rating page of a session, while the answer is rated again.
    QVERIFY2(dialogLabel(u"feedbackPace"_s).startsWith(u"150 words a minute"_s),
             qPrintable(dialogLabel(u"feedbackPace"_s)));
    QVERIFY2(dialogLabel(u"feedbackFillers"_s).contains(u"2.5"_s), qPrintable(dialogLabel(u"feedbackFillers"_s)));
    // A measured moment plays the take from there.
    Q_EMIT dialog->ratingPanel()->playFromRequested(5000);
    QTRY_VERIFY(std::abs(dialog->player()->position() - 5000) < 1000);
    dialog->reject();

    // An answer not analysed yet says so there too.
    clickAnswer(m_waitingId);
    QTRY_COMPARE(labelText(u"analysisStatus"_s), u"Not analysed yet."_s);
    reRate->click();
    QTRY_VERIFY(dialog->isVisible());
    QTRY_COMPARE(dialogLabel(u"feedbackStatus"_s), u"Not analysed yet."_s);
    QCOMPARE(dialogLabel(u"feedbackPace"_s), QString());
    dialog->reject();
}

void LibraryTranscriptTest::backgroundAnalysis_showsProgress_thenTheResultOrWhyNot()
{
    // Off in Settings when the app starts, so that nothing is analysed before the answer is shown:
    // on a fast machine the background work would otherwise be done before the first look.
    AppSettings::setAnalysisEnabled(false);
    startPage(true);
    QVERIFY(!m_analysis->isEnabled());
    activate(5);
    clickAnswer(m_waitingId);
    QTRY_COMPARE(labelText(u"analysisStatus"_s), u"Not analysed: speech analysis is turned off in Settings."_s);

    // What the answer shown says at each step of the background work, read as the page has shown it
    // (connected after the page), so that no step passes unseen between two looks.
    QStringList statusesShown;
    connect(m_analysis.get(), &AnalysisService::backgroundProgress, m_page.get(),
            [&] { statusesShown.append(labelText(u"analysisStatus"_s)); });
    m_analysis->setEnabled(true); // resumes the background work: the damaged take first (newest), then this one

    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(statusesShown.cbegin(), statusesShown.cend(),
                                         [](const QString &status) { return status.startsWith(u"Analysing…"_s); }),
                             10000);
    // When its analysis is stored the answer shown changes on its own: its result, or why there is none.
    QTRY_VERIFY_WITH_TIMEOUT(detail()->analysis().state == TakeAnalysis::State::Analysed
                                 || detail()->analysis().state == TakeAnalysis::State::Failed,
                             60000);
    if (detail()->analysis().state == TakeAnalysis::State::Analysed) {
        QVERIFY(child<QWidget>(u"speechMetrics"_s)->isVisible());
        // Its row in the table has been brought up to date (figures, or a tooltip saying none).
        QTRY_VERIFY(proxy()->index(proxyRowOf(m_waitingId), AnswerTableModel::Pace).data(Qt::ToolTipRole).toString()
                    != u"Not analysed yet"_s);
    } else {
        QVERIFY2(labelText(u"analysisStatus"_s).startsWith(u"This take could not be analysed."_s),
                 qPrintable(labelText(u"analysisStatus"_s)));
    }

    // The damaged take could not be analysed, and says why.
    QTRY_VERIFY_WITH_TIMEOUT(!m_analysis->isWorking(), 60000);
    clickAnswer(m_damagedId);
    QTRY_VERIFY2(labelText(u"analysisStatus"_s).startsWith(u"This take could not be analysed. "_s),
                 qPrintable(labelText(u"analysisStatus"_s)));
    QVERIFY(labelText(u"analysisStatus"_s).size() > 40); // with the reason
}

void LibraryTranscriptTest::answerAnalysedWhileThePageWasAway_isListedWithItsFigures()
{
    activate(5);
    m_page->setActive(false); // off to practise
    // A new answer goes into the library; its analysis follows it, stored as the practice session
    // stores it, with no word to the Library.
    LibraryStore::NewAnswer answer;
    answer.sessionId = u"session"_s;
    answer.answeredAt = at(2, 15);
    answer.record.ordinal = 6;
    answer.record.questionText = u"A question asked just now"_s;
    const std::optional<qint64> added = wait(m_library->addAnswer(answer));
    QVERIFY(added);
    QTRY_COMPARE(proxy()->rowCount(), 6); // listed as it came, not analysed yet
    QCOMPARE(proxy()->index(proxyRowOf(*added), AnswerTableModel::Pace).data().toString(), QString());
    const qint64 id = *added;
    QVERIFY(wait(m_library->run([id](LibraryStore *store) {
        return store->setAnalysis(id, AnalysisService::recordOf(migrationAnswer(), at(2, 15)));
    })));

    m_page->setActive(true);
    QTRY_COMPARE(proxy()->index(proxyRowOf(id), AnswerTableModel::Pace).data().toString(), u"110"_s);
}

// At 200% type in a window 800 pixels tall the answer's details scroll rather than squeeze: the
// transcript's words, its legend and the player never lie over one another.
void LibraryTranscriptTest::largeTextInAShortWindow_nothingOverlaps()
{
    startPage(false);
    QFont larger = m_page->font();
    larger.setPointSizeF(larger.pointSizeF() * 2);
    m_page->setFont(larger);
    m_page->resize(1280, 800);
    activate(5);
    clickAnswer(m_latencyId);
    QTRY_COMPARE(detail()->analysis().state, TakeAnalysis::State::Analysed);
    const auto placeOf = [this](const QString &name) {
        auto *widget = child<QWidget>(name);
        return QRect(widget->mapTo(m_page.get(), QPoint(0, 0)), widget->size());
    };
    QTRY_VERIFY(!placeOf(u"transcriptWords"_s).intersects(placeOf(u"transcriptLegend"_s)));
    QVERIFY(placeOf(u"transcriptWords"_s).bottom() < placeOf(u"transcriptLegend"_s).top());
    QVERIFY(placeOf(u"recordingInfo"_s).bottom() < placeOf(u"transcript"_s).top());
}

QTEST_MAIN(LibraryTranscriptTest)
#include "library_transcript_test.moc"
