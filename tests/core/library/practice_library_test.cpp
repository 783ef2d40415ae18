#include "common/ApplicationIdentity.h"
#include "library/AnswerTableModel.h"
#include "library/PracticeLibrary.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

LibraryStore::NewAnswer answerTo(const QString &questionId, int minutesAgo, std::optional<int> score)
{
    LibraryStore::NewAnswer answer;
    answer.sessionId = u"session"_s;
    answer.answeredAt = QDateTime::currentDateTimeUtc().addSecs(-60 * minutesAgo);
    answer.roundTitle = u"Hiring Manager"_s;
    answer.record.roundId = u"hiring-manager"_s;
    answer.record.questionId = questionId;
    answer.record.questionText = u"Tell me about "_s + questionId;
    AnswerPart part;
    part.duration = Milliseconds(60000 + minutesAgo * 1000);
    answer.record.parts = {part};
    if (score) {
        Rating rating;
        rating.scores = {{u"candor"_s, *score}};
        rating.ratedAt = answer.answeredAt;
        answer.record.rating = rating;
    }
    return answer;
}

template<typename T> T wait(QFuture<T> future)
{
    // Continuations of the library's futures run on this thread's event loop, so wait in it.
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, 10000))
        qFatal("a practice library call did not finish within 10 s");
    return future.result();
}

} // namespace

class PracticeLibraryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void callsRunOffTheCallingThread();
    void model_loadsAndFollowsChanges_andPassesTheModelTester();
    void model_filterReloads_andSortProxySortsByValue();
    void model_neverLoaded_listsNoLoneNewAnswer_andItsFirstLoadListsThemAll();
    void model_manyAnswers_theFirstScreenfulInTheShownOrderComesFirst_thenTheRest();
    void model_transcriptMatch_showsTheWordsHeard_withTheFirstRows_andOnceShownAfterItChanges();
    void moveTo_movesDatabaseAndTakes();
    void folder_isKnownBeforeTheDatabaseIsOpen();
    void damagedLibrary_reportsStatus_andStartFreshRecovers();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PracticeLibrary> m_library;
};

void PracticeLibraryTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void PracticeLibraryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<PracticeLibrary>();
    const PracticeLibrary::Status status = wait(m_library->open(m_dir->filePath(u"library"_s)));
    QVERIFY2(status.ok(), qPrintable(status.message));
    SessionRecord session;
    session.id = u"session"_s;
    session.loopId = u"netflix"_s;
    session.loopTitle = u"Netflix"_s;
    session.startedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(wait(m_library->run([session](LibraryStore *store) { return store->addSession(session); })));
}

void PracticeLibraryTest::cleanup()
{
    m_library.reset();
    m_dir.reset();
}

void PracticeLibraryTest::folder_isKnownBeforeTheDatabaseIsOpen()
{
    // The library's thread is held up (a slow disk, a long upgrade): a session started or resumed
    // meanwhile must still record its takes into the library's folder, not relative to wherever
    // the app was started from.
    PracticeLibrary library;
    QSemaphore busy;
    QFuture<bool> held = library.run([&busy](LibraryStore *) { return busy.tryAcquire(1, 30000); });
    const QString folder = m_dir->filePath(u"another"_s);
    QFuture<PracticeLibrary::Status> opening = library.open(folder);
    QCOMPARE(library.folder(), QDir(folder).absolutePath());
    QVERIFY(!opening.isFinished());
    busy.release();
    QVERIFY(wait(held));
    QVERIFY(wait(opening).ok());
    QCOMPARE(library.folder(), QDir(folder).absolutePath());
}

void PracticeLibraryTest::callsRunOffTheCallingThread()
{
    QThread *caller = QThread::currentThread();
    const bool elsewhere
        = wait(m_library->run([caller](LibraryStore *) { return QThread::currentThread() != caller; }));
    QVERIFY(elsewhere);
}

void PracticeLibraryTest::model_loadsAndFollowsChanges_andPassesTheModelTester()
{
    for (int i = 0; i < 3; ++i)
        QVERIFY(wait(m_library->addAnswer(answerTo(u"q%1"_s.arg(i), 10 - i, 2 + i))));
    AnswerTableModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy loaded(&model, &AnswerTableModel::loaded);
    model.reload();
    // The load may even finish before reload() returns; wait on the state, not for a signal.
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
    QVERIFY(loaded.size() >= 1);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.columnCount(), int(AnswerTableModel::ColumnCount));
    QCOMPARE(model.index(0, AnswerTableModel::Question).data().toString(), u"Tell me about q2"_s);
    QCOMPARE(model.index(0, AnswerTableModel::Score).data().toString(), u"4.0"_s);
    QCOMPARE(model.index(0, AnswerTableModel::Duration).data().toString(), u"1:08"_s);
    QCOMPARE(model.headerData(AnswerTableModel::RedFlags, Qt::Horizontal).toString(), u"Red flags"_s);

    // A new answer appears without a reload, a replay rating updates it, a deletion removes it.
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    const auto added = wait(m_library->addAnswer(answerTo(u"q9"_s, 0, std::nullopt)));
    QVERIFY(added);
    QTRY_COMPARE(model.rowCount(), 4);
    QCOMPARE(inserted.size(), 1);
    const int row = model.rowOf(*added);
    QCOMPARE(model.index(row, AnswerTableModel::Score).data().toString(), u"—"_s);

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    Rating replay;
    replay.scores = {{u"candor"_s, 1}};
    replay.ratedAt = QDateTime::currentDateTimeUtc();
    QVERIFY(wait(m_library->addReplayRating(*added, replay)));
    QTRY_COMPARE(changed.size(), 1);
    QCOMPARE(model.index(model.rowOf(*added), AnswerTableModel::Score).data().toString(), u"1.0"_s);

    QVERIFY(wait(m_library->deleteAnswer(*added)));
    QTRY_COMPARE(model.rowCount(), 3);
    QCOMPARE(model.rowOf(*added), -1);
}

void PracticeLibraryTest::model_filterReloads_andSortProxySortsByValue()
{
    QVERIFY(wait(m_library->addAnswer(answerTo(u"alpha"_s, 5, 4))));
    QVERIFY(wait(m_library->addAnswer(answerTo(u"beta"_s, 50, 1))));
    QVERIFY(wait(m_library->addAnswer(answerTo(u"gamma"_s, 600, std::nullopt))));
    AnswerTableModel model(m_library.get());
    AnswerSortProxy proxy;
    proxy.setSourceModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AnswerFilter filter;
    filter.minScore = 1.0;
    model.setFilter(filter);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
    QCOMPARE(proxy.rowCount(), 2);

    model.setFilter({});
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
    QCOMPARE(proxy.rowCount(), 3);
    // Duration 10:00 sorts after 0:50 by value, though "10:00" < "0:50" would be false by text too;
    // take a pair where text and value disagree: 1:05 vs 10:00.
    proxy.sort(AnswerTableModel::Duration, Qt::AscendingOrder);
    QCOMPARE(proxy.index(0, AnswerTableModel::Question).data().toString(), u"Tell me about alpha"_s);
    QCOMPARE(proxy.index(2, AnswerTableModel::Question).data().toString(), u"Tell me about gamma"_s);
    QCOMPARE(proxy.index(2, AnswerTableModel::Duration).data().toString(), u"11:00"_s);
    proxy.sort(AnswerTableModel::Score, Qt::DescendingOrder);
    QCOMPARE(proxy.index(0, AnswerTableModel::Question).data().toString(), u"Tell me about alpha"_s);
    QCOMPARE(proxy.index(2, AnswerTableModel::Question).data().toString(), u"Tell me about gamma"_s);
}

// The library page loads its table on its first visit, unless the table already has rows: answers
// given before that visit must not make a table of one answer among many look loaded.
void PracticeLibraryTest::model_neverLoaded_listsNoLoneNewAnswer_andItsFirstLoadListsThemAll()
{
    QVERIFY(wait(m_library->addAnswer(answerTo(u"earlier"_s, 30, 3))));
    AnswerTableModel model(m_library.get()); // made after the library opened, and not loaded
    QSignalSpy heard(m_library.get(), &PracticeLibrary::answerAdded);
    QVERIFY(wait(m_library->addAnswer(answerTo(u"now"_s, 0, 2))));
    QTRY_COMPARE(heard.size(), 1);
    // Whatever the model asked the library on hearing of it is answered before a call made now.
    bool caughtUp = false;
    m_library->run([](LibraryStore *) { return 0; }).then(&model, [&caughtUp](int) { caughtUp = true; });
    QTRY_VERIFY(caughtUp);
    QCOMPARE(model.rowCount(), 0);

    model.reload();
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
    QCOMPARE(model.rowCount(), 2);
}

// A search among thousands of answers shows its first rows long before the last are listed: the
// first screenful comes alone, and it is the one the view's order puts at the top.
void PracticeLibraryTest::model_manyAnswers_theFirstScreenfulInTheShownOrderComesFirst_thenTheRest()
{
    constexpr int total = AnswerTableModel::FirstRows + 40;
    const bool added = wait(m_library->run([](LibraryStore *store) {
        bool allAdded = true;
        // Scores 1 to 4 in turn, 35 of each.
        for (int i = 0; i < total; ++i)
            allAdded = store->addAnswer(answerTo(u"q%1"_s.arg(i), i, 1 + i % 4)).has_value() && allAdded;
        return allAdded;
    }));
    QVERIFY(added);
    AnswerTableModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setShownOrder(AnswerTableModel::Score, Qt::DescendingOrder);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy loaded(&model, &AnswerTableModel::loaded);
    int rowsAtFirst = -1;
    bool loadingAtFirst = false;
    double lowestAtFirst = 4;
    connect(&model, &QAbstractItemModel::modelReset, this, [&] {
        rowsAtFirst = model.rowCount();
        loadingAtFirst = model.isLoading();
        for (int row = 0; row < model.rowCount(); ++row)
            lowestAtFirst = std::min(
                lowestAtFirst, model.index(row, AnswerTableModel::Score).data(AnswerTableModel::SortRole).toDouble());
    });
    model.reload();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 10000);
    QCOMPARE(reset.size(), 1);
    QCOMPARE(rowsAtFirst, AnswerTableModel::FirstRows);
    QVERIFY(loadingAtFirst);
    // The best rated first: the first 100 hold no score below 2.
    QCOMPARE(lowestAtFirst, 2.0);
    QVERIFY(!model.isLoading());
    QCOMPARE(model.rowCount(), total);
    QSet<qint64> listed;
    for (int row = 0; row < model.rowCount(); ++row)
        listed.insert(model.index(row, 0).data(AnswerTableModel::AnswerIdRole).toLongLong());
    QCOMPARE(listed.size(), total); // none twice, none missing

    // Loads overtaken by another before the library got to them deliver nothing: one reset, the
    // last filter's.
    QSemaphore release;
    m_library->run([&release](LibraryStore *) { return release.acquire(), 0; });
    AnswerFilter bestOnly;
    bestOnly.minScore = 4.0;
    model.setFilter({});
    model.setFilter(bestOnly);
    release.release();
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 10000);
    QCOMPARE(reset.size(), 2);
    QCOMPARE(model.rowCount(), total / 4);
}

// Thousands of answers can hold a common word: the words heard are read for the rows a view shows,
// not for every match (which took seconds), and come a moment after the row.
void PracticeLibraryTest::model_transcriptMatch_showsTheWordsHeard_withTheFirstRows_andOnceShownAfterItChanges()
{
    const auto analysed = [this](qint64 answerId, const QString &transcript) {
        AnalysisRecord record;
        record.analyzerVersion = 1;
        record.transcript = transcript;
        record.resultJson = R"({"formatVersion": 1})";
        return wait(
            m_library->run([answerId, record](LibraryStore *store) { return store->setAnalysis(answerId, record); }));
    };
    const std::optional<qint64> heard = wait(m_library->addAnswer(answerTo(u"alpha"_s, 5, 4)));
    const std::optional<qint64> asked = wait(m_library->addAnswer(answerTo(u"rollout"_s, 6, 3)));
    QVERIFY(heard && asked);
    QVERIFY(analysed(*heard, u"then we rolled back the release within the hour"_s));
    AnswerTableModel model(m_library.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    AnswerFilter filter;
    filter.text = u"roll"_s;
    model.setFilter(filter);
    QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
    QCOMPARE(model.rowCount(), 2);

    // Found by its question: as it is, with nothing to read.
    const QModelIndex byQuestion = model.index(model.rowOf(*asked), AnswerTableModel::Question);
    QCOMPARE(byQuestion.data().toString(), u"Tell me about rollout"_s);
    // Found by its transcript: among the first rows, it comes with the words heard around it.
    const QModelIndex byTranscript = model.index(model.rowOf(*heard), AnswerTableModel::Question);
    QCOMPARE(byTranscript.data(AnswerTableModel::TranscriptExcerptRole).toString(),
             u"then we rolled back the release within the…"_s);
    QCOMPARE(byTranscript.data().toString(),
             u"Heard “then we rolled back the release within the…” · Tell me about alpha"_s);

    // Analysed again: its row is read again, the question alone until shown, then the words heard
    // in the new transcript (rows that come later than the first are read so too).
    QVERIFY(analysed(*heard, u"we rolled it out slowly"_s));
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.refreshAnswer(*heard); // as the Library page does when an analysis is stored
    QTRY_COMPARE(changed.size(), 1);
    const QModelIndex reread = model.index(model.rowOf(*heard), AnswerTableModel::Question);
    QCOMPARE(reread.data().toString(), u"Tell me about alpha"_s);
    QTRY_COMPARE(reread.data(AnswerTableModel::TranscriptExcerptRole).toString(), u"we rolled it out slowly"_s);
    QCOMPARE(reread.data().toString(), u"Heard “we rolled it out slowly” · Tell me about alpha"_s);
    QCOMPARE(changed.size(), 2);
    QCOMPARE(changed.last().at(0).toModelIndex(), reread);
}

void PracticeLibraryTest::moveTo_movesDatabaseAndTakes()
{
    const QString take = m_library->folder() + u"/takes/session/a.wav"_s;
    QDir().mkpath(QFileInfo(take).absolutePath());
    QFile(take).open(QIODevice::WriteOnly);
    LibraryStore::NewAnswer answer = answerTo(u"moved"_s, 1, 3);
    answer.recording = RecordingInfo{u"takes/session/a.wav"_s, {}, 1s, 0, {}, false};
    QVERIFY(wait(m_library->addAnswer(answer)));

    const QString target = m_dir->filePath(u"elsewhere/my library"_s);
    QSignalSpy status(m_library.get(), &PracticeLibrary::statusChanged);
    const PracticeLibrary::Status moved = wait(m_library->moveTo(target));
    QVERIFY2(moved.ok(), qPrintable(moved.message));
    QCOMPARE(m_library->folder(), target);
    QVERIFY(QFile::exists(target + u"/library.sqlite"_s));
    QVERIFY(QFile::exists(target + u"/takes/session/a.wav"_s));
    QVERIFY(!QFile::exists(take));
    const int count = wait(m_library->run([](LibraryStore *store) { return store->countAnswers(); }));
    QCOMPARE(count, 1);
    QTRY_COMPARE(status.size(), 1);

    // Moving into a folder that is not empty is refused, and the library stays where it was.
    const QString occupied = m_dir->filePath(u"occupied"_s);
    QDir().mkpath(occupied);
    QFile(occupied + u"/something.txt"_s).open(QIODevice::WriteOnly);
    const PracticeLibrary::Status refused = wait(m_library->moveTo(occupied));
    QVERIFY(!refused.ok());
    QVERIFY2(refused.message.contains(u"is not empty"_s), qPrintable(refused.message));
    QCOMPARE(refused.folder, target);
    QCOMPARE(m_library->folder(), target);
    QCOMPARE(wait(m_library->run([](LibraryStore *store) { return store ? store->folder() : QString(); })), target);
}

void PracticeLibraryTest::damagedLibrary_reportsStatus_andStartFreshRecovers()
{
    const QString folder = m_dir->filePath(u"broken"_s);
    QDir().mkpath(folder);
    QFile file(folder + u"/library.sqlite"_s);
    file.open(QIODevice::WriteOnly);
    file.write(QByteArray(4096, 'q'));
    file.close();
    const PracticeLibrary::Status status = wait(m_library->open(folder));
    QCOMPARE(status.error, LibraryStore::OpenError::Corrupt);
    // With no library open, calls answer empty rather than crash.
    QCOMPARE(wait(m_library->run([](LibraryStore *store) { return store ? store->countAnswers() : -1; })), -1);
    QVERIFY(!wait(m_library->addAnswer(answerTo(u"lost"_s, 0, 1))));
    const PracticeLibrary::Status fresh = wait(m_library->startFresh());
    QVERIFY2(fresh.ok(), qPrintable(fresh.message));
    QCOMPARE(fresh.folder, folder);
}

QTEST_GUILESS_MAIN(PracticeLibraryTest)
#include "practice_library_test.moc"
