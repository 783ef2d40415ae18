#include "AppServices.h"
#include "AppTestSupport.h"
#include "ShownLibraryPage.h"
#include "audio/TakeInfo.h"
#include "audio/TakePlayer.h"
#include "audio/WavFormat.h"
#include "common/ApplicationIdentity.h"
#include "library/AnswerDetailView.h"
#include "library/AnswerTableModel.h"
#include "library/LibraryFormat.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "library/ReRatingDialog.h"
#include "library/RecoveredTakesDialog.h"
#include "library/TakePlayerWidget.h"
#include "loops/LoopCatalog.h"
#include "rating/RatingPanel.h"
#include "session/Clock.h"
#include "widgets/WaveformSlider.h"

#include <QAction>
#include <QApplication>
#include <QAudioDevice>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMediaDevices>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>
#include <QTreeWidget>

#include <cmath>
#include <numbers>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using AppTest::answerMessageBox;
using AppTest::wait;

namespace {

const QString NetflixId = u"netflix-engineering-leadership"_s;
constexpr int SampleRate = 16000;
constexpr int TakeSeconds = 12;

// Seconds of a 220 Hz sine at half scale, 16 kHz mono 16-bit little-endian PCM, fading in and out
// so the waveform has a shape to check.
QByteArray sinePcm(int seconds)
{
    const qint64 frames = qint64(seconds) * SampleRate;
    QByteArray pcm(frames * 2, Qt::Uninitialized);
    for (qint64 i = 0; i < frames; ++i) {
        const double envelope = std::sin(std::numbers::pi * double(i) / double(frames));
        const auto sample
            = qint16(16000.0 * envelope * std::sin(2 * std::numbers::pi * 220.0 * double(i) / SampleRate));
        pcm[2 * i] = char(sample & 0xff);
        pcm[2 * i + 1] = char((sample >> 8) & 0xff);
    }
    return pcm;
}

// A finished take (claimedBytes = the data's size) or one a crash left as .part (claimedBytes 0).
void writeWav(const QString &path, int seconds, bool finished = true)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QByteArray pcm = sinePcm(seconds);
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(file.errorString()));
    file.write(Wav::canonicalHeader(PcmFormat{SampleRate, 1, 16}, finished ? pcm.size() : 0));
    file.write(pcm);
}

QDateTime at(int year, int month, int day, int hour, int minute)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute));
}

Rating ratingOf(const QMap<QString, int> &scores, const QDateTime &when, const QStringList &flags = {},
                Rating::When kind = Rating::When::RightAfter)
{
    Rating rating;
    rating.when = kind;
    rating.scores = scores;
    rating.redFlagIds = flags;
    rating.ratedAt = when;
    return rating;
}

QMessageBox *visibleMessageBox(const QString &name)
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        auto *box = qobject_cast<QMessageBox *>(widget);
        if (box && box->objectName() == name && box->isVisible())
            return box;
    }
    return nullptr;
}

} // namespace

class LibraryPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void table_showsEveryAnswer();
    void roundFilter_narrowsTheTable();
    void textFilter_narrowsTheTableAfterTyping_andKeepsTheSelection();
    void filter_keepsTheSelection_ofAnAnswerBeyondTheFirstScreenful();
    void recordingOnlyAndScore_narrowTheTable();
    void nothingMatches_saysSo_andClearFiltersBringsAllBack();
    void selectingAnswer_showsQuestionBothRatingsAndWaveformWithPhaseMarks();
    void takesOfTheSameQuestion_areListed_andClickingOneSelectsIt();
    void playerKeys_seekFiveSeconds_andSpaceTogglesPlayback();
    void reRating_addsAnAfterReplayRating_andTheFirstStays();
    void answerOfARemovedLoop_showsButCannotBeReRated();
    void notes_areSavedWhenLeavingTheBox();
    void missingTake_saysWhatHappenedAndWhatToDo();
    void deleteConfirmed_removesTheRowAndTheTake();
    void deleteCancelled_keepsTheAnswer();
    void recoveredTake_bannerAppears_andKeepImportsIt();
    void recoveredTake_deleteRemovesItsFileAndSidecar();
    void recoveredTake_namesItsQuestion_andKeepLinksItToItsOwnAnswer();
    void recoveredTake_canBeAttachedToAnAnswerChosenFromThoseWithoutARecording();
    void emptyLibrary_saysHowItFills();
    void exportCsv_writesTheFilteredAnswers();
    void exportCsv_toAPlaceThatCannotBeWritten_saysWhy();
    void exportedSession_importsAsANewSession_andIsShown();
    void showSession_filtersWithAClearableChip();
    void showSession_stillBeingSaved_showsItsFirstAnswerWhenItArrives();
    void practiseAgain_asksForTheLoopAndQuestion();
    void fileActions_haveNamesAndShortcuts();
    void tabOrder_goesFromFiltersToTableToDetail();

private:
    void activate(int expectedRows);
    QTableView *table() const { return m_page->findChild<QTableView *>(u"answerTable"_s); }
    QSortFilterProxyModel *proxy() const { return qobject_cast<QSortFilterProxyModel *>(table()->model()); }
    AnswerTableModel *model() const { return qobject_cast<AnswerTableModel *>(proxy()->sourceModel()); }
    AnswerDetailView *detail() const { return m_page->findChild<AnswerDetailView *>(u"answerDetail"_s); }
    template<typename T> T *child(const QString &name) const { return m_page->findChild<T *>(name); }
    QString labelText(const QString &name) const;
    int proxyRowOf(qint64 answerId) const;
    void clickAnswer(qint64 answerId);
    AnswerDetail storedAnswer(qint64 answerId);

    LoopCatalog m_catalog;
    std::shared_ptr<const Loop> m_netflix;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<PracticeLibrary> m_library;
    std::unique_ptr<LibraryPage> m_page;
    QString m_libraryFolder;
    QString m_takePath;
    qint64 m_recordedId = 0; // hiring manager, fr-gave-autonomy, with a take, re-rated once
    qint64 m_technicalId = 0; // technical leadership, no take, notes
    qint64 m_retakeId = 0; // fr-gave-autonomy again, a week later
    qint64 m_retiredId = 0; // of a loop no longer in the catalogue
};

void LibraryPageTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*qApp);
    m_catalog = LoopCatalog::loadDefault();
    m_netflix = m_catalog.find(NetflixId);
    QVERIFY2(m_netflix, "the Netflix loop is built in");
}

void LibraryPageTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_libraryFolder = m_dir->filePath(u"library"_s);

    // The library is filled with LibraryStore directly, then closed, before the app opens it.
    {
        LibraryStore::OpenResult opened = LibraryStore::open(m_libraryFolder);
        QVERIFY2(opened.store, qPrintable(opened.message));
        LibraryStore &store = *opened.store;
        const auto addSession
            = [&store](const QString &id, const QString &loopId, const QString &title, const QDateTime &startedAt) {
                  SessionRecord session;
                  session.id = id;
                  session.loopId = loopId;
                  session.loopTitle = title;
                  session.startedAt = startedAt;
                  session.finishedAt = startedAt.addSecs(3600);
                  QVERIFY(store.addSession(session));
              };
        addSession(u"session-one"_s, NetflixId, m_netflix->title, at(2026, 1, 5, 9, 0));
        addSession(u"session-two"_s, NetflixId, m_netflix->title, at(2026, 1, 12, 10, 0));
        addSession(u"session-old"_s, u"retired-loop"_s, u"Retired Loop"_s, at(2025, 12, 1, 8, 0));

        const auto answer = [this](const QString &sessionId, const QString &roundId, const QString &questionId,
                                   const QDateTime &answeredAt, Milliseconds duration) {
            LibraryStore::NewAnswer added;
            added.sessionId = sessionId;
            added.answeredAt = answeredAt;
            added.record.roundId = roundId;
            added.record.questionId = questionId;
            const Round *round = m_netflix->round(roundId);
            const Question *question = m_netflix->question(questionId);
            added.roundTitle = round ? round->title : u"Old Round"_s;
            added.record.questionText = question ? question->text : u"Describe a question this loop no longer asks."_s;
            added.categoryId = question ? question->categoryId : u"old-category"_s;
            AnswerPart part;
            part.duration = duration;
            part.limit = 10s;
            added.record.parts = {part};
            return added;
        };

        // The take: 12 s, with three phases marked and a pause.
        const QString takeRelative = LibraryStore::takeRelativePath(u"session-one"_s, u"01-fr-gave-autonomy.wav"_s);
        m_takePath = store.absolutePath(takeRelative);
        writeWav(m_takePath, TakeSeconds);
        LibraryStore::NewAnswer recorded = answer(u"session-one"_s, u"hiring-manager"_s, u"fr-gave-autonomy"_s,
                                                  at(2026, 1, 5, 9, 10), Milliseconds(TakeSeconds * 1000));
        recorded.record.parts[0].phaseMarks = {{1, 3000ms}, {2, 6000ms}, {3, 9000ms}};
        recorded.record.parts[0].pauses = {{8000ms, 2000ms}};
        recorded.record.rating
            = ratingOf({{u"freedom-responsibility"_s, 2}, {u"high-performance"_s, 3}, {u"candor"_s, 2}},
                       at(2026, 1, 5, 9, 11), {u"needs-approval"_s});
        recorded.recording = LibraryStore::describeTake(m_takePath, takeRelative);
        m_recordedId = store.addAnswer(recorded).value_or(0);
        QVERIFY2(m_recordedId > 0, qPrintable(store.lastError()));
        QVERIFY(store.addReplayRating(
            m_recordedId,
            ratingOf({{u"freedom-responsibility"_s, 3}, {u"high-performance"_s, 3}, {u"candor"_s, 3}},
                     at(2026, 1, 6, 20, 0), {}, Rating::When::AfterReplay)));

        LibraryStore::NewAnswer technical = answer(u"session-one"_s, u"technical-leadership"_s,
                                                   u"tl-outage-during-launch"_s, at(2026, 1, 5, 9, 30), 95s);
        technical.record.rating = ratingOf({{u"innovation"_s, 4}, {u"member-obsession"_s, 3}}, at(2026, 1, 5, 9, 32));
        technical.record.notes = u"Mention the rollback metrics."_s;
        m_technicalId = store.addAnswer(technical).value_or(0);

        LibraryStore::NewAnswer retake
            = answer(u"session-two"_s, u"hiring-manager"_s, u"fr-gave-autonomy"_s, at(2026, 1, 12, 10, 5), 80s);
        retake.record.rating = ratingOf({{u"freedom-responsibility"_s, 4}, {u"candor"_s, 3}}, at(2026, 1, 12, 10, 7));
        m_retakeId = store.addAnswer(retake).value_or(0);

        LibraryStore::NewAnswer retired
            = answer(u"session-old"_s, u"old-round"_s, u"old-question"_s, at(2025, 12, 1, 8, 20), 60s);
        retired.record.rating = ratingOf({{u"old-dimension"_s, 1}}, at(2025, 12, 1, 8, 21));
        m_retiredId = store.addAnswer(retired).value_or(0);
        QVERIFY(m_technicalId > 0 && m_retakeId > 0 && m_retiredId > 0);
    }

    m_clock = std::make_unique<ManualClock>();
    m_clock->setWallStart(at(2026, 1, 20, 18, 0).toUTC());
    m_library = std::make_unique<PracticeLibrary>();
    const PracticeLibrary::Status status = wait(m_library->open(m_libraryFolder));
    QVERIFY2(status.ok(), qPrintable(status.message));

    m_page = shownLibraryPage(m_clock.get(), m_library.get(), m_catalog);
    QVERIFY(m_page);
}

void LibraryPageTest::cleanup()
{
    LibraryPage::setFilePathForTests({});
    m_page.reset();
    m_library.reset();
    m_clock.reset();
    m_dir.reset();
}

void LibraryPageTest::activate(int expectedRows)
{
    m_page->setActive(true);
    QTRY_VERIFY_WITH_TIMEOUT(!model()->isLoading(), 10000);
    QTRY_COMPARE(proxy()->rowCount(), expectedRows);
}

QString LibraryPageTest::labelText(const QString &name) const
{
    const auto *label = m_page->findChild<QLabel *>(name);
    return label ? label->text() : u"<no label %1>"_s.arg(name);
}

int LibraryPageTest::proxyRowOf(qint64 answerId) const
{
    return AppTest::rowWith(proxy(), AnswerTableModel::AnswerIdRole, answerId);
}

void LibraryPageTest::clickAnswer(qint64 answerId)
{
    const int row = proxyRowOf(answerId);
    QVERIFY2(row >= 0, "the answer is in the table");
    const QRect cell = table()->visualRect(proxy()->index(row, AnswerTableModel::Question));
    QTest::mouseClick(table()->viewport(), Qt::LeftButton, {}, cell.center());
    QTRY_COMPARE(m_page->shownAnswerId(), answerId);
}

AnswerDetail LibraryPageTest::storedAnswer(qint64 answerId)
{
    const auto detail = wait(m_library->run([answerId](LibraryStore *store) { return store->answer(answerId); }));
    return detail.value_or(AnswerDetail{});
}

void LibraryPageTest::table_showsEveryAnswer()
{
    activate(4);
    // Newest first.
    QCOMPARE(proxy()->index(0, 0).data(AnswerTableModel::AnswerIdRole).toLongLong(), m_retakeId);
    const int row = proxyRowOf(m_recordedId);
    QCOMPARE(proxy()->index(row, AnswerTableModel::Round).data().toString(), u"Hiring Manager"_s);
    QCOMPARE(proxy()->index(row, AnswerTableModel::Question).data().toString(),
             m_netflix->question(u"fr-gave-autonomy"_s)->text);
    QCOMPARE(proxy()->index(row, AnswerTableModel::Duration).data().toString(), u"0:12"_s);
    QCOMPARE(proxy()->index(row, AnswerTableModel::Score).data().toString(), u"3.0"_s); // the latest rating
    QCOMPARE(proxy()->index(row, AnswerTableModel::Recording).data().toString(), u"Yes"_s);
    QVERIFY(child<QWidget>(u"answerTable"_s)->isVisible());
    QCOMPARE(labelText(u"answerCount"_s), u"4 answers"_s);

    // Clicking a header sorts by that column's value.
    QHeaderView *header = table()->horizontalHeader();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(AnswerTableModel::Duration) + 5, header->height() / 2));
    QTRY_COMPARE(header->sortIndicatorSection(), int(AnswerTableModel::Duration));
    // 12 s, 60 s, 80 s, 95 s: by value, not by text.
    const auto first = [this] { return proxy()->index(0, 0).data(AnswerTableModel::AnswerIdRole).toLongLong(); };
    QCOMPARE(first(), header->sortIndicatorOrder() == Qt::AscendingOrder ? m_recordedId : m_technicalId);
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                      QPoint(header->sectionViewportPosition(AnswerTableModel::Duration) + 5, header->height() / 2));
    QCOMPARE(first(), header->sortIndicatorOrder() == Qt::AscendingOrder ? m_recordedId : m_technicalId);
}

void LibraryPageTest::roundFilter_narrowsTheTable()
{
    activate(4);
    auto *round = child<QComboBox>(u"filterRound"_s);
    QVERIFY(round);
    const int technical = round->findData(u"technical-leadership"_s);
    QVERIFY2(technical > 0, "the rounds come from the catalogue");
    round->setCurrentIndex(technical);
    QTRY_COMPARE(proxy()->rowCount(), 1);
    QCOMPARE(proxy()->index(0, 0).data(AnswerTableModel::AnswerIdRole).toLongLong(), m_technicalId);
    QTRY_COMPARE(labelText(u"answerCount"_s), u"1 answer match"_s); // once every row is in

    round->setCurrentIndex(round->findData(u"hiring-manager"_s));
    QTRY_COMPARE(proxy()->rowCount(), 2);
    round->setCurrentIndex(0);
    QTRY_COMPARE(proxy()->rowCount(), 4);
}

void LibraryPageTest::textFilter_narrowsTheTableAfterTyping_andKeepsTheSelection()
{
    activate(4);
    clickAnswer(m_recordedId);
    auto *text = child<QLineEdit>(u"filterText"_s);
    QTest::keyClicks(text, u"autonomy"_s);
    // Debounced: the table does not reload on every key.
    QCOMPARE(proxy()->rowCount(), 4);
    QTRY_COMPARE(proxy()->rowCount(), 2);
    // The answer shown stays shown and selected through the reload.
    QCOMPARE(m_page->shownAnswerId(), m_recordedId);
    const QModelIndexList selected = table()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(AnswerTableModel::AnswerIdRole).toLongLong(), m_recordedId);

    // Notes are searched too.
    text->clear();
    QTest::keyClicks(text, u"ROLLBACK"_s);
    QTRY_COMPARE(proxy()->rowCount(), 1);
    QCOMPARE(proxy()->index(0, 0).data(AnswerTableModel::AnswerIdRole).toLongLong(), m_technicalId);
}

// A filter's rows come in two steps (the first screenful, then the rest): an answer selected far
// down the table is still selected and shown once the rest are in.
void LibraryPageTest::filter_keepsTheSelection_ofAnAnswerBeyondTheFirstScreenful()
{
    constexpr int newer = AnswerTableModel::FirstRows;
    const bool added = wait(m_library->run([](LibraryStore *store) {
        bool allAdded = true;
        for (int i = 0; i < newer; ++i) {
            LibraryStore::NewAnswer answer;
            answer.sessionId = u"session-two"_s;
            answer.answeredAt = at(2026, 1, 13, 9, 0).addSecs(60 * i);
            answer.roundTitle = u"Hiring Manager"_s;
            answer.record.roundId = u"hiring-manager"_s;
            answer.record.questionId = u"fr-gave-autonomy"_s;
            answer.record.questionText = u"Tell me about a time you gave autonomy."_s;
            answer.record.parts = {AnswerPart{}};
            allAdded = store->addAnswer(answer).has_value() && allAdded;
        }
        return allAdded;
    }));
    QVERIFY(added);
    activate(newer + 4);
    table()->scrollTo(proxy()->index(proxyRowOf(m_recordedId), 0));
    clickAnswer(m_recordedId);

    auto *round = child<QComboBox>(u"filterRound"_s);
    round->setCurrentIndex(round->findData(u"hiring-manager"_s));
    QTRY_COMPARE_WITH_TIMEOUT(labelText(u"answerCount"_s), u"%1 answers match"_s.arg(newer + 2), 10000);
    QCOMPARE(m_page->shownAnswerId(), m_recordedId);
    const QModelIndexList selected = table()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(AnswerTableModel::AnswerIdRole).toLongLong(), m_recordedId);
    QVERIFY(labelText(u"answerQuestion"_s).contains(m_netflix->question(u"fr-gave-autonomy"_s)->text));
}

void LibraryPageTest::recordingOnlyAndScore_narrowTheTable()
{
    activate(4);
    auto *recordings = child<QCheckBox>(u"filterRecordingsOnly"_s);
    recordings->click();
    QTRY_COMPARE(proxy()->rowCount(), 1);
    QCOMPARE(proxy()->index(0, 0).data(AnswerTableModel::AnswerIdRole).toLongLong(), m_recordedId);
    recordings->click();
    QTRY_COMPARE(proxy()->rowCount(), 4);

    auto *score = child<QComboBox>(u"filterMinScore"_s);
    score->setCurrentIndex(score->findData(3.5)); // 3.5 and 3.5: the technical answer and the retake
    QTRY_COMPARE(proxy()->rowCount(), 2);
    QVERIFY(proxyRowOf(m_technicalId) >= 0);
    QVERIFY(proxyRowOf(m_retakeId) >= 0);
}

void LibraryPageTest::nothingMatches_saysSo_andClearFiltersBringsAllBack()
{
    activate(4);
    QTest::keyClicks(child<QLineEdit>(u"filterText"_s), u"no such words"_s);
    QTRY_COMPARE(proxy()->rowCount(), 0);
    QTRY_VERIFY(child<QWidget>(u"libraryEmptyState"_s)->isVisible());
    QVERIFY2(labelText(u"emptyStateText"_s).contains(u"No answers match"_s),
             qPrintable(labelText(u"emptyStateText"_s)));
    auto *clear = child<QPushButton>(u"emptyClearFiltersButton"_s);
    QTRY_VERIFY(clear->isVisible());
    clear->click();
    QTRY_COMPARE(proxy()->rowCount(), 4);
    QTRY_VERIFY(table()->isVisible());
    QVERIFY(child<QLineEdit>(u"filterText"_s)->text().isEmpty());
}

void LibraryPageTest::selectingAnswer_showsQuestionBothRatingsAndWaveformWithPhaseMarks()
{
    activate(4);
    clickAnswer(m_recordedId);
    QCOMPARE(labelText(u"answerQuestion"_s), m_netflix->question(u"fr-gave-autonomy"_s)->text);
    QVERIFY(labelText(u"answerMeta"_s).contains(u"Hiring Manager"_s));
    QVERIFY(labelText(u"answerMeta"_s).contains(m_netflix->title));
    QVERIFY2(labelText(u"answerTiming"_s).contains(u"12 s of 10 s suggested"_s),
             qPrintable(labelText(u"answerTiming"_s)));
    QVERIFY2(labelText(u"answerTiming"_s).contains(u"2 s over</span>"_s), qPrintable(labelText(u"answerTiming"_s)));

    // Both ratings side by side, with the dimension titles from the loop.
    QCOMPARE(labelText(u"dimensionTitle_freedom-responsibility"_s),
             m_netflix->dimension(u"freedom-responsibility"_s)->title);
    QCOMPARE(labelText(u"rightAfterScore_freedom-responsibility"_s), u"2"_s);
    QCOMPARE(labelText(u"afterReplayScore_freedom-responsibility"_s), u"3 (+1)"_s);
    QCOMPARE(labelText(u"rightAfterScore_high-performance"_s), u"3"_s);
    QCOMPARE(labelText(u"afterReplayScore_high-performance"_s), u"3"_s);
    QCOMPARE(labelText(u"rightAfterAverage"_s), u"2.3"_s);
    QCOMPARE(labelText(u"afterReplayAverage"_s), u"3.0"_s);
    // Red flags by their text, not their id.
    QString needsApproval;
    for (const RedFlagGroup &group : m_netflix->redFlagGroups) {
        for (const RedFlag &flag : group.flags) {
            if (flag.id == u"needs-approval"_s)
                needsApproval = flag.text;
        }
    }
    QVERIFY(!needsApproval.isEmpty());
    QVERIFY2(labelText(u"rightAfterRedFlags"_s).contains(needsApproval),
             qPrintable(labelText(u"rightAfterRedFlags"_s)));
    QCOMPARE(labelText(u"afterReplayRedFlags"_s), u"None"_s);

    // The waveform, with the story phases marked by title and the pause.
    auto *player = detail()->player();
    WaveformSlider *slider = player->slider();
    QTRY_VERIFY(!player->isWaveformLoading());
    QVERIFY2(player->statusText().isEmpty(), qPrintable(player->statusText()));
    QCOMPARE(slider->peaks().size(), TakeSeconds * WaveformPeaks::BucketsPerSecond);
    QVERIFY(std::any_of(slider->peaks().cbegin(), slider->peaks().cend(),
                        [](const WaveformPeak &peak) { return peak.maximum > 10000; }));
    QCOMPARE(slider->duration(), TakeSeconds * 1000);
    const QList<StoryPhase> &phases = m_netflix->storyStructure.phases;
    using Mark = WaveformSlider::Mark;
    const QList<Mark> expected = {{Mark::Kind::Phase, 0, phases.at(0).title},
                                  {Mark::Kind::Phase, 3000, phases.at(1).title},
                                  {Mark::Kind::Phase, 6000, phases.at(2).title},
                                  {Mark::Kind::Pause, 8000, {}},
                                  {Mark::Kind::Phase, 9000, phases.at(3).title}};
    QCOMPARE(slider->marks(), expected);
    QCOMPARE(labelText(u"playerTime"_s), u"0:00 / 0:12"_s);
    QVERIFY(child<QPushButton>(u"playButton"_s)->isEnabled());
    QVERIFY(child<QPushButton>(u"reRateButton"_s)->isEnabled());

    // An answer without a take says so where the waveform would be.
    clickAnswer(m_technicalId);
    QCOMPARE(labelText(u"answerQuestion"_s), m_netflix->question(u"tl-outage-during-launch"_s)->text);
    QVERIFY(slider->peaks().isEmpty());
    QCOMPARE(slider->placeholderText(), u"This answer was not recorded"_s);
    QVERIFY(!child<QPushButton>(u"playButton"_s)->isEnabled());
    QVERIFY(m_page->findChild<QLabel *>(u"afterReplayAverage"_s) == nullptr); // never re-rated
}

void LibraryPageTest::takesOfTheSameQuestion_areListed_andClickingOneSelectsIt()
{
    activate(4);
    clickAnswer(m_recordedId);
    auto *takes = child<QTreeWidget>(u"otherTakes"_s);
    QTRY_COMPARE(takes->topLevelItemCount(), 2);
    QVERIFY(labelText(u"takesTitle"_s).contains(u"2 times"_s));
    QTreeWidgetItem *retake = nullptr;
    for (int i = 0; i < takes->topLevelItemCount(); ++i) {
        if (takes->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() == m_retakeId)
            retake = takes->topLevelItem(i);
    }
    QVERIFY(retake);
    QCOMPARE(retake->text(2), u"3.5"_s);
    QTest::mouseClick(takes->viewport(), Qt::LeftButton, {}, takes->visualItemRect(retake).center());
    QTRY_COMPARE(m_page->shownAnswerId(), m_retakeId);
    QTRY_COMPARE(table()->selectionModel()->selectedRows().value(0).data(AnswerTableModel::AnswerIdRole).toLongLong(),
                 m_retakeId);
}

void LibraryPageTest::playerKeys_seekFiveSeconds_andSpaceTogglesPlayback()
{
    activate(4);
    clickAnswer(m_recordedId);
    TakePlayerWidget *player = detail()->player();
    QTRY_VERIFY(!player->isWaveformLoading());
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    player->slider()->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(player->slider()->hasFocus());

    QTest::keyClick(player->slider(), Qt::Key_Right);
    QCOMPARE(player->position(), 5000);
    QCOMPARE(player->slider()->position(), 5000);
    QTest::keyClick(player->slider(), Qt::Key_Right);
    QTest::keyClick(player->slider(), Qt::Key_Right);
    QCOMPARE(player->position(), TakeSeconds * 1000); // clamped to the take
    QTest::keyClick(player->slider(), Qt::Key_Left);
    QCOMPARE(player->position(), 7000);
    QCOMPARE(labelText(u"playerTime"_s), u"0:07 / 0:12"_s);
    auto *speed = child<QComboBox>(u"playbackSpeed"_s);
    QCOMPARE(speed->count(), 5);
    speed->setCurrentIndex(speed->findData(1.5));
    QCOMPARE(player->player()->rate(), 1.5);
    // The play button has the same keys: they do not move the focus.
    auto *play = child<QPushButton>(u"playButton"_s);
    play->setFocus(Qt::TabFocusReason);
    QTest::keyClick(play, Qt::Key_Left);
    QCOMPARE(player->position(), 2000);
    QVERIFY(play->hasFocus());

    // Space plays. Without a sound output the player says what to do; with one it plays, and
    // leaving the page stops it.
    QTest::keyClick(play, Qt::Key_Space);
    if (QMediaDevices::audioOutputs().isEmpty()) {
        QTRY_VERIFY(player->statusText().contains(u"No speakers or headphones"_s));
        QVERIFY(!player->isPlaying());
        QSKIP("No audio output on this machine: playback itself is covered by the rig-based replay test.");
    }
    QTRY_VERIFY_WITH_TIMEOUT(player->isPlaying() || !player->statusText().isEmpty(), 10000);
    if (!player->isPlaying())
        QSKIP(qPrintable(u"The audio output could not play: "_s + player->statusText()));
    QTest::keyClick(play, Qt::Key_Space);
    QTRY_VERIFY(!player->isPlaying());
    QTest::keyClick(play, Qt::Key_Space);
    QTRY_VERIFY(player->isPlaying());
    m_page->setActive(false);
    QTRY_VERIFY(!player->isPlaying());
}

void LibraryPageTest::reRating_addsAnAfterReplayRating_andTheFirstStays()
{
    activate(4);
    clickAnswer(m_recordedId);
    auto *reRate = child<QPushButton>(u"reRateButton"_s);
    QPointer<ReRatingDialog> dialog = qobject_cast<ReRatingDialog *>(AppTest::openReRating(m_page.get()));
    QVERIFY(dialog);
    // Cancel keeps everything as it was.
    dialog->ratingPanel()->findChild<QPushButton *>(u"skipRatingButton"_s)->click();
    QTRY_VERIFY(!dialog->isVisible());
    QCOMPARE(storedAnswer(m_recordedId).afterReplay.size(), 1);
    QVERIFY(reRate->isEnabled());
    reRate->click();
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->findChild<QLabel *>(u"reRatingQuestion"_s)->text(),
             m_netflix->question(u"fr-gave-autonomy"_s)->text);
    // The take plays in the dialog, with its phase marks, while rating.
    QTRY_VERIFY(!dialog->player()->isWaveformLoading());
    QVERIFY(!dialog->player()->slider()->peaks().isEmpty());
    QCOMPARE(dialog->player()->slider()->marks(), detail()->player()->slider()->marks());
    RatingPanel *panel = dialog->ratingPanel();
    for (const auto &[dimension, score] :
         {std::pair(u"freedom-responsibility"_s, 4), std::pair(u"candor"_s, 4), std::pair(u"high-performance"_s, 3)}) {
        auto *choice = panel->findChild<QRadioButton *>(u"score_%1_%2"_s.arg(dimension).arg(score));
        QVERIFY2(choice, qPrintable(dimension));
        choice->click();
    }
    panel->findChild<QPushButton *>(u"submitRatingButton"_s)->click();

    QTRY_VERIFY(!dialog->isVisible());
    QTRY_COMPARE(labelText(u"afterReplayScore_freedom-responsibility"_s), u"4 (+2)"_s);
    QCOMPARE(labelText(u"rightAfterScore_freedom-responsibility"_s), u"2"_s);
    QVERIFY(labelText(u"afterReplayHeader"_s).contains(u"latest of 2"_s));
    QVERIFY(labelText(u"libraryNoticeText"_s).contains(u"first rating stays"_s));

    const AnswerDetail stored = storedAnswer(m_recordedId);
    QVERIFY(stored.rightAfter);
    const QMap<QString, int> firstScores
        = {{u"freedom-responsibility"_s, 2}, {u"high-performance"_s, 3}, {u"candor"_s, 2}};
    QCOMPARE(stored.rightAfter->scores, firstScores);
    QCOMPARE(stored.rightAfter->redFlagIds, QStringList{u"needs-approval"_s});
    QCOMPARE(stored.afterReplay.size(), 2);
    const Rating &latest = stored.afterReplay.last();
    QCOMPARE(latest.when, Rating::When::AfterReplay);
    QCOMPARE(latest.scores.value(u"freedom-responsibility"_s), 4);
    QCOMPARE(latest.ratedAt, m_clock->wallTime());
    // The table shows the newest average.
    QTRY_COMPARE(proxy()->index(proxyRowOf(m_recordedId), AnswerTableModel::Score).data().toString(), u"3.7"_s);
}

void LibraryPageTest::answerOfARemovedLoop_showsButCannotBeReRated()
{
    activate(4);
    clickAnswer(m_retiredId);
    QCOMPARE(labelText(u"answerQuestion"_s), u"Describe a question this loop no longer asks."_s);
    QVERIFY(labelText(u"answerMeta"_s).contains(u"Retired Loop"_s));
    QCOMPARE(labelText(u"dimensionTitle_old-dimension"_s), u"old-dimension"_s); // its id: the title is gone
    QCOMPARE(labelText(u"rightAfterScore_old-dimension"_s), u"1"_s);
    auto *reRate = child<QPushButton>(u"reRateButton"_s);
    QVERIFY(!reRate->isEnabled());
    QVERIFY2(reRate->toolTip().contains(u"no longer in your loop list"_s), qPrintable(reRate->toolTip()));
    QVERIFY(!child<QPushButton>(u"practiseAgainButton"_s)->isEnabled());
    QVERIFY(child<QPushButton>(u"deleteAnswerButton"_s)->isEnabled());
}

void LibraryPageTest::notes_areSavedWhenLeavingTheBox()
{
    activate(4);
    clickAnswer(m_technicalId);
    auto *notes = child<QPlainTextEdit>(u"answerNotes"_s);
    QCOMPARE(notes->toPlainText(), u"Mention the rollback metrics."_s);
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    notes->setFocus(Qt::MouseFocusReason);
    QTRY_VERIFY(notes->hasFocus());
    notes->moveCursor(QTextCursor::End);
    QTest::keyClicks(notes, u" And the timeline."_s);
    table()->setFocus(Qt::MouseFocusReason);
    QTRY_COMPARE(labelText(u"notesStatus"_s), u"Saved"_s);
    QCOMPARE(storedAnswer(m_technicalId).row.notes, u"Mention the rollback metrics. And the timeline."_s);
    // The table's search finds the new words.
    QTest::keyClicks(child<QLineEdit>(u"filterText"_s), u"timeline"_s);
    QTRY_COMPARE(proxy()->rowCount(), 1);
}

void LibraryPageTest::missingTake_saysWhatHappenedAndWhatToDo()
{
    QVERIFY(QFile::remove(m_takePath));
    activate(4);
    clickAnswer(m_recordedId);
    TakePlayerWidget *player = detail()->player();
    QTRY_VERIFY(!player->isWaveformLoading());
    QVERIFY(player->isTakeMissing());
    QVERIFY2(player->statusText().contains(u"missing"_s), qPrintable(player->statusText()));
    QVERIFY(player->statusText().contains(QDir::toNativeSeparators(m_takePath)));
    QVERIFY(player->statusText().contains(u"Put the file back"_s));
    QVERIFY(child<QLabel>(u"playerStatus"_s)->isVisible());
    QVERIFY(!child<QPushButton>(u"playButton"_s)->isEnabled());
    // The rest of the answer still shows.
    QCOMPARE(labelText(u"rightAfterScore_freedom-responsibility"_s), u"2"_s);
}

void LibraryPageTest::deleteConfirmed_removesTheRowAndTheTake()
{
    activate(4);
    clickAnswer(m_recordedId);
    QTRY_VERIFY(!detail()->player()->isWaveformLoading());
    QVERIFY(QFile::exists(m_takePath));
    QString question;
    answerMessageBox(u"deleteAnswerConfirmation"_s, QMessageBox::DestructiveRole, &question);
    child<QPushButton>(u"deleteAnswerButton"_s)->click();
    QVERIFY2(question.contains(u"significant autonomy"_s), qPrintable(question));
    QTRY_COMPARE(proxy()->rowCount(), 3);
    QCOMPARE(proxyRowOf(m_recordedId), -1);
    QTRY_VERIFY(!QFile::exists(m_takePath));
    QVERIFY(!storedAnswer(m_recordedId).row.id);
    // The next answer is shown in its place (the deleted one stays until the next has loaded).
    QTRY_VERIFY(m_page->shownAnswerId() != 0 && m_page->shownAnswerId() != m_recordedId);
}

void LibraryPageTest::deleteCancelled_keepsTheAnswer()
{
    activate(4);
    clickAnswer(m_recordedId);
    // The Delete key in the table asks too.
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    table()->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(table()->hasFocus());
    bool asked = false;
    answerMessageBox(u"deleteAnswerConfirmation"_s, QMessageBox::RejectRole);
    QTimer::singleShot(0, this, [&asked] { asked = visibleMessageBox(u"deleteAnswerConfirmation"_s) != nullptr; });
    QTest::keyClick(table(), Qt::Key_Delete);
    QVERIFY(asked);
    QCOMPARE(m_page->shownAnswerId(), m_recordedId);
    QCOMPARE(proxy()->rowCount(), 4);
    QVERIFY(QFile::exists(m_takePath));
    QCOMPARE(storedAnswer(m_recordedId).row.id, m_recordedId);
}

void LibraryPageTest::recoveredTake_bannerAppears_andKeepImportsIt()
{
    // A crash left a take as .part: the page repairs it and offers it when it first shows.
    const QString part = QDir(m_libraryFolder).filePath(u"takes/session-two/02-hp-hire-a-talent.wav.part"_s);
    writeWav(part, 3, false);
    activate(4);
    auto *banner = child<QWidget>(u"recoveredBanner"_s);
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(labelText(u"recoveredBannerText"_s).contains(u"1 recording left behind"_s),
             qPrintable(labelText(u"recoveredBannerText"_s)));
    QVERIFY(!QFile::exists(part));
    const QString repaired = part.chopped(5);
    QVERIFY(QFile::exists(repaired));

    child<QPushButton>(u"reviewRecoveredButton"_s)->click();
    RecoveredTakesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<RecoveredTakesDialog *>()) && dialog->isVisible());
    auto *list = dialog->findChild<QTreeWidget *>(u"recoveredTakesList"_s);
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(1), u"Unknown question"_s); // an old take, without its question
    QCOMPARE(list->topLevelItem(0)->text(2), u"0:03"_s);
    QVERIFY2(list->topLevelItem(0)->text(3).contains(m_netflix->title), qPrintable(list->topLevelItem(0)->text(3)));
    QVERIFY(list->topLevelItem(0)->isSelected());
    auto *keep = dialog->findChild<QPushButton *>(u"keepRecoveredButton"_s);
    QVERIFY(keep->isEnabled());
    keep->click();

    QTRY_COMPARE(proxy()->rowCount(), 5);
    QTRY_COMPARE(list->topLevelItemCount(), 0);
    QTRY_VERIFY(!banner->isVisible());
    int recoveredRow = -1;
    for (int row = 0; row < proxy()->rowCount(); ++row) {
        if (proxy()->index(row, AnswerTableModel::Question).data().toString().startsWith(u"Recovered recording from"_s))
            recoveredRow = row;
    }
    QVERIFY(recoveredRow >= 0);
    QCOMPARE(proxy()->index(recoveredRow, AnswerTableModel::Recording).data().toString(), u"Yes"_s);
    dialog->close();
}

void LibraryPageTest::recoveredTake_namesItsQuestion_andKeepLinksItToItsOwnAnswer()
{
    // The library holds the answer (its session's third question) but lost the link to its take,
    // whose sidecar says which answer it was recorded for.
    const Question *question = m_netflix->question(u"tl-outage-during-launch"_s);
    LibraryStore::NewAnswer unlinked;
    unlinked.sessionId = u"session-two"_s;
    unlinked.answeredAt = at(2026, 1, 12, 10, 20);
    unlinked.record.ordinal = 2;
    unlinked.record.roundId = u"technical-leadership"_s;
    unlinked.record.questionId = question->id;
    unlinked.record.questionText = question->text;
    unlinked.record.parts = {AnswerPart{}};
    const qint64 unlinkedId = wait(m_library->addAnswer(unlinked)).value_or(0);
    QVERIFY(unlinkedId > 0);
    const QString part = QDir(m_libraryFolder).filePath(u"takes/session-two/03-tl-outage-during-launch.wav.part"_s);
    writeWav(part, 4, false);
    TakeInfo sidecar;
    sidecar.path = part.chopped(5);
    sidecar.subject = {u"session-two"_s, 2, question->id, question->text};
    QVERIFY(sidecar.writeSidecar());

    activate(5);
    QTRY_VERIFY(child<QWidget>(u"recoveredBanner"_s)->isVisible());
    child<QPushButton>(u"reviewRecoveredButton"_s)->click();
    RecoveredTakesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<RecoveredTakesDialog *>()) && dialog->isVisible());
    auto *list = dialog->findChild<QTreeWidget *>(u"recoveredTakesList"_s);
    QCOMPARE(list->topLevelItemCount(), 1);
    QCOMPARE(list->topLevelItem(0)->text(1), question->text);
    QVERIFY(list->topLevelItem(0)->toolTip(1).contains(u"Keep links them again"_s));
    dialog->findChild<QPushButton *>(u"keepRecoveredButton"_s)->click();

    // Linked to its own answer: no new row, and that answer has its recording back.
    QTRY_COMPARE(list->topLevelItemCount(), 0);
    QTRY_COMPARE(storedAnswer(unlinkedId).recording.has_value(), true);
    QCOMPARE(storedAnswer(unlinkedId).recording->relativePath, u"takes/session-two/03-tl-outage-during-launch.wav"_s);
    QCOMPARE(storedAnswer(unlinkedId).recording->duration, Milliseconds(4s));
    QTRY_COMPARE(proxy()->rowCount(), 5);
    dialog->close();
}

void LibraryPageTest::recoveredTake_canBeAttachedToAnAnswerChosenFromThoseWithoutARecording()
{
    const QString take = QDir(m_libraryFolder).filePath(u"takes/session-two/mystery.wav"_s);
    writeWav(take, 2);
    activate(4);
    QTRY_VERIFY(child<QWidget>(u"recoveredBanner"_s)->isVisible());
    child<QPushButton>(u"reviewRecoveredButton"_s)->click();
    RecoveredTakesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<RecoveredTakesDialog *>()) && dialog->isVisible());
    auto *attach = dialog->findChild<QPushButton *>(u"attachRecoveredButton"_s);
    QVERIFY(attach->isEnabled());

    // The chooser lists the answers without a recording, the take's own session first; the one
    // chosen gets the take.
    bool listed = false;
    QTimer::singleShot(0, this, [this, &listed] {
        QTRY_VERIFY(QApplication::activeModalWidget()
                    && QApplication::activeModalWidget()->objectName() == u"attachTakeDialog"_s);
        auto *chooser = QApplication::activeModalWidget();
        auto *candidates = chooser->findChild<QTreeWidget *>(u"attachCandidates"_s);
        QTRY_COMPARE(candidates->topLevelItemCount(), 3); // the recorded answer is not offered
        listed = candidates->topLevelItem(0)->data(0, Qt::UserRole).toLongLong() == m_retakeId;
        for (int i = 0; i < candidates->topLevelItemCount(); ++i) {
            if (candidates->topLevelItem(i)->data(0, Qt::UserRole).toLongLong() == m_retakeId)
                candidates->setCurrentItem(candidates->topLevelItem(i));
        }
        chooser->findChild<QPushButton *>(u"attachButton"_s)->click();
    });
    attach->click();
    QVERIFY2(listed, "the take's own session comes first");
    QTRY_COMPARE(storedAnswer(m_retakeId).recording.has_value(), true);
    QCOMPARE(storedAnswer(m_retakeId).recording->relativePath, u"takes/session-two/mystery.wav"_s);
    QTRY_COMPARE(dialog->takeCount(), 0);
    QCOMPARE(proxy()->rowCount(), 4);
    dialog->close();
}

void LibraryPageTest::recoveredTake_deleteRemovesItsFileAndSidecar()
{
    const QString part = QDir(m_libraryFolder).filePath(u"takes/session-two/02-hp-hire-a-talent.wav.part"_s);
    writeWav(part, 2, false);
    activate(4);
    auto *banner = child<QWidget>(u"recoveredBanner"_s);
    QTRY_VERIFY(banner->isVisible());
    const QString repaired = part.chopped(5);
    QVERIFY(QFile::exists(TakeInfo::sidecarPath(repaired))); // written by the repair

    // The action finds it again and opens the review.
    child<QAction>(u"reviewRecoveredTakesAction"_s)->trigger();
    RecoveredTakesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_page->findChild<RecoveredTakesDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->takeCount(), 1);
    answerMessageBox(u"deleteRecoveredConfirmation"_s, QMessageBox::DestructiveRole);
    dialog->findChild<QPushButton *>(u"deleteRecoveredButton"_s)->click();
    // The dialog lets go of the take once the worker has removed its files.
    QTRY_COMPARE(dialog->takeCount(), 0);
    QVERIFY(!QFile::exists(repaired));
    QVERIFY(!QFile::exists(TakeInfo::sidecarPath(repaired)));
    QTRY_VERIFY(!banner->isVisible());
    QCOMPARE(proxy()->rowCount(), 4);
    dialog->close();

    // Nothing is left to review, and the page says so.
    child<QAction>(u"reviewRecoveredTakesAction"_s)->trigger();
    QTRY_VERIFY(child<QWidget>(u"libraryNotice"_s)->isVisible());
    QVERIFY2(labelText(u"libraryNoticeText"_s).contains(u"No recordings are waiting"_s),
             qPrintable(labelText(u"libraryNoticeText"_s)));
}

void LibraryPageTest::emptyLibrary_saysHowItFills()
{
    activate(4);
    clickAnswer(m_recordedId);
    // Another, empty library is opened (as after moving it in the settings).
    const PracticeLibrary::Status status = wait(m_library->open(m_dir->filePath(u"empty-library"_s)));
    QVERIFY2(status.ok(), qPrintable(status.message));
    QTRY_COMPARE(proxy()->rowCount(), 0);
    QTRY_VERIFY(child<QWidget>(u"libraryEmptyState"_s)->isVisible());
    QTRY_VERIFY2(labelText(u"emptyStateText"_s).startsWith(u"Your library is empty"_s),
                 qPrintable(labelText(u"emptyStateText"_s)));
    QVERIFY(!child<QPushButton>(u"emptyClearFiltersButton"_s)->isVisible());
    QCOMPARE(m_page->shownAnswerId(), 0);
    QVERIFY(!child<QAction>(u"exportSessionAction"_s)->isEnabled());
}

void LibraryPageTest::exportCsv_writesTheFilteredAnswers()
{
    activate(4);
    auto *round = child<QComboBox>(u"filterRound"_s);
    round->setCurrentIndex(round->findData(u"hiring-manager"_s));
    QTRY_COMPARE(proxy()->rowCount(), 2);
    const QString path = m_dir->filePath(u"answers.csv"_s);
    LibraryPage::setFilePathForTests(path);
    child<QAction>(u"exportCsvAction"_s)->trigger();
    QTRY_VERIFY(child<QWidget>(u"libraryNotice"_s)->isVisible());
    QVERIFY2(labelText(u"libraryNoticeText"_s).contains(u"Exported 2 answers"_s),
             qPrintable(labelText(u"libraryNoticeText"_s)));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 3); // the header and the two hiring-manager answers
    QVERIFY(lines.at(0).startsWith("date,loop,round"));
    QVERIFY(lines.at(1).contains("Hiring Manager") && lines.at(2).contains("Hiring Manager"));
}

void LibraryPageTest::exportCsv_toAPlaceThatCannotBeWritten_saysWhy()
{
    activate(4);
    const QString path = m_dir->filePath(u"no-such-folder/answers.csv"_s);
    LibraryPage::setFilePathForTests(path);
    child<QAction>(u"exportCsvAction"_s)->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleMessageBox(u"libraryError"_s)));
    QVERIFY2(box->text().contains(u"Could not write"_s) && box->text().contains(u"Nothing was exported"_s),
             qPrintable(box->text()));
    box->accept();
    QVERIFY(!QFile::exists(path));
}

void LibraryPageTest::exportedSession_importsAsANewSession_andIsShown()
{
    activate(4);
    clickAnswer(m_retakeId);
    const QString exported = m_dir->filePath(u"session.json"_s);
    LibraryPage::setFilePathForTests(exported);
    QAction *exportSession = child<QAction>(u"exportSessionAction"_s);
    QVERIFY(exportSession->isEnabled());
    exportSession->trigger();
    QTRY_VERIFY(QFile::exists(exported));

    // Importing it again is refused: the session is already there.
    LibraryPage::setFilePathForTests(exported);
    child<QAction>(u"importSessionAction"_s)->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = visibleMessageBox(u"libraryError"_s)));
    QVERIFY2(box->text().contains(u"already in the library"_s), qPrintable(box->text()));
    box->accept();

    // As another session (a copy from another machine), it comes in and is shown.
    QFile file(exported);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray json = file.readAll();
    json.replace("\"id\": \"session-two\"", "\"id\": \"session-copy\"");
    const QString copy = m_dir->filePath(u"copy.json"_s);
    QFile out(copy);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(json);
    out.close();
    LibraryPage::setFilePathForTests(copy);
    child<QAction>(u"importSessionAction"_s)->trigger();
    QTRY_VERIFY(child<QWidget>(u"sessionFilterChip"_s)->isVisible());
    QTRY_COMPARE(proxy()->rowCount(), 1);
    QVERIFY2(labelText(u"libraryNoticeText"_s).contains(u"1 answer;"_s), qPrintable(labelText(u"libraryNoticeText"_s)));
    QVERIFY(proxy()->index(0, 0).data(AnswerTableModel::AnswerIdRole).toLongLong() != m_retakeId);
    QTRY_VERIFY(labelText(u"sessionFilterLabel"_s).startsWith(u"Session of"_s));
}

void LibraryPageTest::showSession_filtersWithAClearableChip()
{
    m_page->showSession(u"session-two"_s);
    activate(1);
    QCOMPARE(proxy()->index(0, 0).data(AnswerTableModel::AnswerIdRole).toLongLong(), m_retakeId);
    auto *chip = child<QWidget>(u"sessionFilterChip"_s);
    QVERIFY(chip->isVisible());
    const QString expected = u"Session of "_s + LibraryFormat::dateTime(at(2026, 1, 12, 10, 0));
    QTRY_COMPARE(labelText(u"sessionFilterLabel"_s), expected);
    child<QToolButton>(u"clearSessionFilterButton"_s)->click();
    QTRY_COMPARE(proxy()->rowCount(), 4);
    QVERIFY(!chip->isVisible());
}

// "Open in Library" the moment a session ends: its answers may still be on their way into the
// library. The first to arrive is shown, not "Select an answer" over an empty detail.
void LibraryPageTest::showSession_stillBeingSaved_showsItsFirstAnswerWhenItArrives()
{
    SessionRecord session;
    session.id = u"session-three"_s;
    session.loopId = NetflixId;
    session.loopTitle = m_netflix->title;
    session.startedAt = at(2026, 1, 19, 9, 0);
    QVERIFY(wait(m_library->run([session](LibraryStore *store) { return store && store->addSession(session); })));
    m_page->showSession(session.id);
    activate(0);
    QCOMPARE(m_page->shownAnswerId(), 0);

    const Question *question = m_netflix->question(u"fr-gave-autonomy"_s);
    LibraryStore::NewAnswer first;
    first.sessionId = session.id;
    first.answeredAt = at(2026, 1, 19, 9, 5);
    first.record.roundId = u"hiring-manager"_s;
    first.record.questionId = question->id;
    first.record.questionText = question->text;
    const qint64 firstId = wait(m_library->addAnswer(first)).value_or(0);
    QVERIFY(firstId > 0);
    QTRY_COMPARE(m_page->shownAnswerId(), firstId);
    QTRY_COMPARE(labelText(u"answerQuestion"_s), question->text);

    // Once shown, the answers that follow leave the selection where the person may have moved it.
    LibraryStore::NewAnswer second = first;
    second.answeredAt = at(2026, 1, 19, 9, 15);
    second.record.ordinal = 1;
    QVERIFY(wait(m_library->addAnswer(second)).value_or(0) > 0);
    QTRY_COMPARE(proxy()->rowCount(), 2);
    QCOMPARE(m_page->shownAnswerId(), firstId);
}

void LibraryPageTest::practiseAgain_asksForTheLoopAndQuestion()
{
    QSignalSpy practise(m_page.get(), &LibraryPage::practiseQuestion);
    activate(4);
    clickAnswer(m_retakeId);
    child<QPushButton>(u"practiseAgainButton"_s)->click();
    QCOMPARE(practise.size(), 1);
    QCOMPARE(practise.first().at(0).toString(), NetflixId);
    QCOMPARE(practise.first().at(1).toString(), u"fr-gave-autonomy"_s);
}

void LibraryPageTest::fileActions_haveNamesAndShortcuts()
{
    const QList<QAction *> actions = m_page->fileActions();
    QCOMPARE(actions.size(), 8); // and the report and coach actions (library_reports_test)
    const QList<std::pair<QString, QKeySequence>> expected
        = {{u"exportCsvAction"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E)},
           {u"exportSessionAction"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S)},
           {u"importSessionAction"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)},
           {u"openLibraryFolderAction"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)},
           {u"reviewRecoveredTakesAction"_s, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K)}};
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(actions.at(i)->objectName(), expected.at(i).first);
        QCOMPARE(actions.at(i)->shortcut(), expected.at(i).second);
    }
    // Exporting a session needs an answer to be shown.
    QVERIFY(!actions.at(1)->isEnabled());
}

void LibraryPageTest::tabOrder_goesFromFiltersToTableToDetail()
{
    activate(4);
    clickAnswer(m_recordedId);
    m_page->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    auto *search = child<QLineEdit>(u"filterText"_s);
    search->setFocus(Qt::TabFocusReason);
    QTRY_VERIFY(search->hasFocus());
    // Through every filter to the table (the hidden and disabled ones are passed over).
    QStringList visited;
    for (int i = 0; i < 20 && !table()->hasFocus(); ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        visited << QApplication::focusWidget()->objectName();
    }
    QVERIFY2(table()->hasFocus(), qPrintable(visited.join(u", "_s)));
    for (const QString &filter :
         {u"filterRound"_s, u"filterCategory"_s, u"filterMinScore"_s, u"filterRecordingsOnly"_s})
        QVERIFY2(visited.contains(filter), qPrintable(visited.join(u", "_s)));
    // Tab leaves the table for the answer shown.
    QTest::keyClick(table(), Qt::Key_Tab);
    QCOMPARE(QApplication::focusWidget()->objectName(), u"practiseAgainButton"_s);
}

QTEST_MAIN(LibraryPageTest)
#include "library_page_test.moc"
