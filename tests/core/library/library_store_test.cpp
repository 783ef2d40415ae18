#include "audio/WavFormat.h"
#include "common/ApplicationIdentity.h"
#include "library/LibrarySchema.h"
#include "library/LibraryStore.h"
#include "loops/Loop.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QDateTime Monday(QDate(2026, 11, 2), QTime(9, 0), Qt::LocalTime);

SessionRecord sessionAt(const QString &id, const QDateTime &startedAt, const QString &loopId = u"netflix"_s)
{
    SessionRecord session;
    session.id = id;
    session.mode = SessionMode::OneRound;
    session.loopId = loopId;
    session.loopVersion = 1;
    session.loopTitle = loopId == u"netflix"_s ? u"Netflix Loop"_s : u"Other Loop"_s;
    session.levelId = u"L6"_s;
    session.seed = 0xFFFFFFFFFFFFFFF1ULL;
    session.startedAt = startedAt;
    return session;
}

Rating rating(QMap<QString, int> scores, QStringList flags = {}, QString notes = {})
{
    Rating result;
    result.scores = std::move(scores);
    result.redFlagIds = std::move(flags);
    result.notes = std::move(notes);
    result.ratedAt = QDateTime::currentDateTimeUtc();
    return result;
}

LibraryStore::NewAnswer newAnswer(const QString &sessionId, const QString &questionId, const QDateTime &at,
                                  std::optional<Rating> first, const QString &roundId = u"hiring-manager"_s)
{
    LibraryStore::NewAnswer answer;
    answer.sessionId = sessionId;
    answer.answeredAt = at;
    answer.roundTitle = roundId == u"hiring-manager"_s ? u"Hiring Manager"_s : u"Technical Leadership"_s;
    answer.categoryId = questionId.startsWith(u"fr"_s) ? u"freedom"_s : u"technical"_s;
    AnswerRecord &record = answer.record;
    record.roundId = roundId;
    record.questionId = questionId;
    record.questionText = u"Question text of "_s + questionId;
    record.thinkTime = 12s;
    AnswerPart part;
    part.duration = 200s;
    part.limit = 240s;
    part.phaseMarks = {{1, 28s}, {2, 95s}};
    part.pauses = {{60s, 15s}};
    part.interviewer = {{InterviewerMark::Kind::Interruption, 150s, 2300ms, 1, u"What did you decide?"_s}};
    AnswerPart probe;
    probe.followUpIndex = 0;
    probe.prompt = u"What would you do differently?"_s;
    probe.asking = 4s;
    probe.interviewer = {{InterviewerMark::Kind::Probe, 1s, 2500ms, -1, probe.prompt}};
    probe.probeReason = ProbeReason{ProbeSignal::MissingPhase, u"decision"_s, u"Autonomous Decision"_s};
    probe.duration = 100s;
    probe.limit = 90s;
    record.parts = {part, probe};
    record.rating = std::move(first);
    record.ratingSkipped = !record.rating;
    return answer;
}

QByteArray fileChecksum(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// A finished take: seconds of silence at 16 kHz mono 16-bit.
void writeWav(const QString &path, int seconds)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const PcmFormat format;
    const qint64 dataBytes = seconds * format.bytesPerSecond();
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(Wav::canonicalHeader(format, dataBytes));
    file.write(QByteArray(int(dataBytes), '\0'));
}

} // namespace

class LibraryStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void open_createsAVersionedWalDatabase();
    void answer_keepsEverything_andTheFirstRatingNeverChanges();
    void filters_narrowTheList_data();
    void filters_narrowTheList();
    void sort_byEveryColumn_data();
    void sort_byEveryColumn();
    void takesOfOneQuestion_newestFirst();
    void dimensionAverages_weekByWeek();
    void questionStats_feedQuestionSelection();
    void deleteAnswer_removesItsAudioToo();
    void exportCsv_quotesWhatNeedsQuoting();
    void sessionJson_roundTrips();
    void recoveredTakes_areFoundAndImported();
    void recoveredTakes_claimedByTheUnfinishedSession_areNotOffered();
    void recoveredTake_attachedToItsAnswer_isItsRecording();
    void answerSavedTwice_isStoredOnce_andGainsItsMissingRecording();
    void upgradeFromTheFirstLibrary_keepsAnswers_andRecoveredRowsLoseOvertime();
    void analysis_isKept_searchable_sortable_andFilterable();
    void transcriptExcerpts_showTheWordsAroundWhatWasFound();
    void corruptDatabase_isNeverOverwritten();
    void newerLibrary_isRefused_unchanged();
    void otherProgramsDatabase_isRefused();
    void unwritableFolder_saysWhere();
    void startFresh_movesTheDamagedOneAside();
    void upgrade_backsUpFirst_andRollsBackAFailedMigration();
    void schemaVersion_matchesTheMigrations();

private:
    void fill();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LibraryStore> m_store;
    QHash<QString, qint64> m_ids;
};

void LibraryStoreTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void LibraryStoreTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    LibraryStore::OpenResult opened = LibraryStore::open(m_dir->filePath(u"library"_s));
    QVERIFY2(opened.store, qPrintable(opened.message));
    m_store = std::move(opened.store);
    m_ids.clear();
}

void LibraryStoreTest::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

// Two sessions in two weeks, five answers with known scores, flags, notes and one recording.
void LibraryStoreTest::fill()
{
    QVERIFY(m_store->addSession(sessionAt(u"s1"_s, Monday)));
    QVERIFY(m_store->addSession(sessionAt(u"s2"_s, Monday.addDays(8))));
    QVERIFY(m_store->addSession(sessionAt(u"s3"_s, Monday.addDays(9), u"other"_s)));
    const auto add = [this](const QString &key, LibraryStore::NewAnswer answer) {
        const auto id = m_store->addAnswer(answer);
        QVERIFY2(id, qPrintable(m_store->lastError()));
        m_ids.insert(key, *id);
    };
    add(u"a"_s,
        newAnswer(u"s1"_s, u"fr-autonomy"_s, Monday.addSecs(600),
                  rating({{u"candor"_s, 2}, {u"ownership"_s, 2}}, {u"excuses"_s})));
    LibraryStore::NewAnswer withRecording
        = newAnswer(u"s1"_s, u"tl-design"_s, Monday.addSecs(1200), rating({{u"candor"_s, 4}, {u"ownership"_s, 3}}),
                    u"technical-leadership"_s);
    withRecording.record.notes = u"Forgot the 50% latency number"_s;
    withRecording.record.parts.last().skipped = true; // the probe was skipped
    withRecording.recording
        = RecordingInfo{u"takes/s1/a2.wav"_s, u"WAV PCM 16-bit 16000 Hz mono"_s, 300s, 9600044, u"abc"_s, false};
    add(u"b"_s, withRecording);
    add(u"c"_s,
        newAnswer(u"s2"_s, u"fr-autonomy"_s, Monday.addDays(8).addSecs(60),
                  rating({{u"candor"_s, 3}, {u"ownership"_s, 4}}, {}, u"Much better, \"sharper\""_s)));
    add(u"d"_s, newAnswer(u"s2"_s, u"fr-approval"_s, Monday.addDays(8).addSecs(600), std::nullopt));
    add(u"e"_s, newAnswer(u"s3"_s, u"fr-autonomy"_s, Monday.addDays(9), rating({{u"candor"_s, 1}})));
}

void LibraryStoreTest::open_createsAVersionedWalDatabase()
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"inspect"_s);
    {
        db.setDatabaseName(m_store->databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        const auto pragma = [&query](const QString &name) {
            query.exec(u"PRAGMA "_s + name);
            query.next();
            return query.value(0);
        };
        QCOMPARE(pragma(u"journal_mode"_s).toString(), u"wal"_s);
        QCOMPARE(pragma(u"user_version"_s).toInt(), LibraryStore::SchemaVersion);
        QCOMPARE(pragma(u"application_id"_s).toLongLong(), LibrarySchema::ApplicationId);
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"inspect"_s);
    QCOMPARE(QFileInfo(m_store->databasePath()).fileName(), u"library.sqlite"_s);
    QCOMPARE(LibraryStore::defaultFolder(),
             QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/MockLoop"_s + u"/library"_s);
}

void LibraryStoreTest::answer_keepsEverything_andTheFirstRatingNeverChanges()
{
    fill();
    const qint64 id = m_ids.value(u"b"_s);
    QVERIFY(
        m_store->addReplayRating(id, rating({{u"candor"_s, 2}, {u"ownership"_s, 2}}, {u"blame"_s}, u"on replay"_s)));
    const std::optional<AnswerDetail> detail = m_store->answer(id);
    QVERIFY(detail);
    QCOMPARE(detail->row.loopTitle, u"Netflix Loop"_s);
    QCOMPARE(detail->row.roundTitle, u"Technical Leadership"_s);
    QCOMPARE(detail->row.answerTime, Milliseconds(300s));
    QCOMPARE(detail->row.overtime, Milliseconds(10s));
    QCOMPARE(detail->record.thinkTime, Milliseconds(12s));
    QCOMPARE(detail->record.parts.size(), 2);
    QCOMPARE(detail->record.parts.first().phaseMarks.at(1).at, Milliseconds(95s));
    QCOMPARE(detail->record.parts.first().pauses.first().length, Milliseconds(15s));
    QCOMPARE(detail->record.parts.at(1).prompt, u"What would you do differently?"_s);
    // Where the interviewer spoke, and why the probe was asked.
    QCOMPARE(detail->record.parts.first().interviewer.first().text, u"What did you decide?"_s);
    QCOMPARE(detail->record.parts.first().interviewer.first().length, Milliseconds(2300ms));
    QCOMPARE(detail->record.parts.at(1).asking, Milliseconds(4s));
    QCOMPARE(detail->record.parts.at(1).interviewer.first().kind, InterviewerMark::Kind::Probe);
    QCOMPARE(detail->record.parts.at(1).probeReason->text(),
             u"Asked because the Autonomous Decision phase was missing"_s);
    QVERIFY(detail->record.parts.at(1).skipped);
    QVERIFY(!detail->record.parts.first().skipped);
    QVERIFY(detail->rightAfter);
    QCOMPARE(detail->rightAfter->scores.value(u"candor"_s), 4);
    QCOMPARE(detail->afterReplay.size(), 1);
    QCOMPARE(detail->afterReplay.first().notes, u"on replay"_s);
    QCOMPARE(detail->row.firstScore, 3.5);
    QCOMPARE(detail->row.latestScore, 2.0);
    QCOMPARE(detail->row.redFlagCount, 1);
    QVERIFY(detail->recording);
    QCOMPARE(detail->recording->relativePath, u"takes/s1/a2.wav"_s);
    QCOMPARE(detail->recording->duration, Milliseconds(300s));

    // Even a direct write cannot change the first rating.
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
    {
        db.setDatabaseName(m_store->databasePath());
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(!query.exec(u"UPDATE ratings SET average = 1 WHERE kind = 0"_s));
        QVERIFY(query.lastError().databaseText().contains(u"kept as it was given"_s));
        QVERIFY(!query.exec(u"UPDATE rating_scores SET score = 1"_s));
        QVERIFY2(!query.exec(u"INSERT INTO ratings (answer_id, kind, rated_at) VALUES (%1, 0, 0)"_s.arg(id)),
                 "an answer has one first rating");
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"tamper"_s);
    QCOMPARE(m_store->answer(id)->rightAfter->scores.value(u"candor"_s), 4);
}

void LibraryStoreTest::filters_narrowTheList_data()
{
    QTest::addColumn<AnswerFilter>("filter");
    QTest::addColumn<QStringList>("expected");
    const auto filter = [](auto set) {
        AnswerFilter f;
        set(f);
        return f;
    };
    QTest::newRow("everything") << AnswerFilter() << QStringList{u"e"_s, u"d"_s, u"c"_s, u"b"_s, u"a"_s};
    QTest::newRow("session") << filter([](AnswerFilter &f) { f.sessionId = u"s2"_s; }) << QStringList{u"d"_s, u"c"_s};
    QTest::newRow("loop") << filter([](AnswerFilter &f) { f.loopId = u"other"_s; }) << QStringList{u"e"_s};
    QTest::newRow("round") << filter([](AnswerFilter &f) { f.roundId = u"technical-leadership"_s; })
                           << QStringList{u"b"_s};
    QTest::newRow("question") << filter([](AnswerFilter &f) { f.questionId = u"fr-autonomy"_s; })
                              << QStringList{u"e"_s, u"c"_s, u"a"_s};
    QTest::newRow("category") << filter([](AnswerFilter &f) { f.categoryId = u"technical"_s; }) << QStringList{u"b"_s};
    QTest::newRow("from date") << filter([](AnswerFilter &f) { f.from = Monday.date().addDays(8); })
                               << QStringList{u"e"_s, u"d"_s, u"c"_s};
    QTest::newRow("date range") << filter([](AnswerFilter &f) {
        f.from = Monday.date();
        f.to = Monday.date();
    }) << QStringList{u"b"_s, u"a"_s};
    QTest::newRow("score range") << filter([](AnswerFilter &f) {
        f.minScore = 2.0;
        f.maxScore = 3.5;
    }) << QStringList{u"c"_s, u"b"_s, u"a"_s};
    QTest::newRow("has recording") << filter([](AnswerFilter &f) { f.hasRecording = true; }) << QStringList{u"b"_s};
    QTest::newRow("no recording") << filter([](AnswerFilter &f) { f.hasRecording = false; })
                                  << QStringList{u"e"_s, u"d"_s, u"c"_s, u"a"_s};
    QTest::newRow("text in question") << filter([](AnswerFilter &f) { f.text = u"OF FR-APPROVAL"_s; })
                                      << QStringList{u"d"_s};
    QTest::newRow("text in notes") << filter([](AnswerFilter &f) { f.text = u"50%"_s; }) << QStringList{u"b"_s};
    QTest::newRow("text in rating notes")
        << filter([](AnswerFilter &f) { f.text = u"\"sharper\""_s; }) << QStringList{u"c"_s};
    QTest::newRow("wildcards are literal") << filter([](AnswerFilter &f) { f.text = u"5_%"_s; }) << QStringList{};
    QTest::newRow("round and score") << filter([](AnswerFilter &f) {
        f.roundId = u"hiring-manager"_s;
        f.minScore = 3.0;
    }) << QStringList{u"c"_s};
}

void LibraryStoreTest::filters_narrowTheList()
{
    QFETCH(AnswerFilter, filter);
    QFETCH(QStringList, expected);
    fill();
    QStringList found;
    for (const AnswerRow &row : m_store->answers(filter))
        found << m_ids.key(row.id);
    QCOMPARE(found, expected);
    QCOMPARE(m_store->countAnswers(filter), expected.size());
}

void LibraryStoreTest::sort_byEveryColumn_data()
{
    QTest::addColumn<AnswerSort>("sort");
    QTest::addColumn<QStringList>("ascending");
    QTest::newRow("date") << AnswerSort::Date << QStringList{u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s};
    QTest::newRow("loop") << AnswerSort::Loop << QStringList{u"d"_s, u"c"_s, u"b"_s, u"a"_s, u"e"_s};
    QTest::newRow("round") << AnswerSort::Round << QStringList{u"e"_s, u"d"_s, u"c"_s, u"a"_s, u"b"_s};
    QTest::newRow("question") << AnswerSort::Question << QStringList{u"d"_s, u"e"_s, u"c"_s, u"a"_s, u"b"_s};
    QTest::newRow("score") << AnswerSort::Score << QStringList{u"e"_s, u"a"_s, u"c"_s, u"b"_s, u"d"_s};
    QTest::newRow("red flags") << AnswerSort::RedFlags << QStringList{u"e"_s, u"d"_s, u"c"_s, u"b"_s, u"a"_s};
    QTest::newRow("recording") << AnswerSort::Recording << QStringList{u"e"_s, u"d"_s, u"c"_s, u"a"_s, u"b"_s};
}

void LibraryStoreTest::sort_byEveryColumn()
{
    QFETCH(AnswerSort, sort);
    QFETCH(QStringList, ascending);
    fill();
    QStringList found;
    for (const AnswerRow &row : m_store->answers({}, sort, Qt::AscendingOrder))
        found << m_ids.key(row.id);
    QCOMPARE(found, ascending);
    QCOMPARE(m_store->answers({}, sort, Qt::AscendingOrder, 2, 1).size(), 2);
}

void LibraryStoreTest::takesOfOneQuestion_newestFirst()
{
    fill();
    QStringList found;
    for (const AnswerRow &row : m_store->takesOf(u"netflix"_s, u"fr-autonomy"_s))
        found << m_ids.key(row.id);
    QCOMPARE(found, (QStringList{u"c"_s, u"a"_s}));
}

void LibraryStoreTest::dimensionAverages_weekByWeek()
{
    fill();
    QVERIFY(m_store->addReplayRating(m_ids.value(u"a"_s), rating({{u"candor"_s, 4}})));
    const QList<DimensionAverage> averages = m_store->dimensionAverages(u"netflix"_s);
    QStringList lines;
    for (const DimensionAverage &average : averages)
        lines << u"%1 %2 %3 (%4)"_s.arg(average.periodStart.toString(Qt::ISODate), average.dimensionId)
                     .arg(average.average)
                     .arg(average.count);
    // Replays do not count: the trend is of answers as first rated.
    QCOMPARE(lines,
             (QStringList{u"2026-11-02 candor 3 (2)"_s, u"2026-11-02 ownership 2.5 (2)"_s, u"2026-11-09 candor 3 (1)"_s,
                          u"2026-11-09 ownership 4 (1)"_s}));

    // Deleting answers takes their scores out of the trend; a week left without scores disappears.
    QVERIFY(m_store->deleteAnswer(m_ids.value(u"a"_s)));
    QVERIFY(m_store->deleteAnswer(m_ids.value(u"c"_s)));
    lines.clear();
    for (const DimensionAverage &average : m_store->dimensionAverages(u"netflix"_s))
        lines << u"%1 %2 %3 (%4)"_s.arg(average.periodStart.toString(Qt::ISODate), average.dimensionId)
                     .arg(average.average)
                     .arg(average.count);
    QCOMPARE(lines, (QStringList{u"2026-11-02 candor 4 (1)"_s, u"2026-11-02 ownership 3 (1)"_s}));
    QCOMPARE(m_store->dimensionAverages(u"other"_s).size(), 1);
}

void LibraryStoreTest::questionStats_feedQuestionSelection()
{
    fill();
    const QHash<QString, QuestionStats> stats = m_store->questionStats(u"netflix"_s);
    QCOMPARE(stats.size(), 3);
    const QuestionStats autonomy = stats.value(u"fr-autonomy"_s);
    QCOMPARE(autonomy.timesPractised, 2);
    QCOMPARE(autonomy.lastScore, 3.5);
    QCOMPARE(autonomy.lastPractisedAt, Monday.addDays(8).addSecs(60));
    QVERIFY(!stats.value(u"fr-approval"_s).lastScore);
    QCOMPARE(m_store->questionStats(u"other"_s).value(u"fr-autonomy"_s).lastScore, 1.0);
}

void LibraryStoreTest::deleteAnswer_removesItsAudioToo()
{
    fill();
    const QString take = m_store->absolutePath(u"takes/s1/a2.wav"_s);
    writeWav(take, 1);
    // The files the audio module keeps beside a take go with it.
    const QString sidecar = m_store->absolutePath(u"takes/s1/a2.json"_s);
    const QString peaks = m_store->absolutePath(u"takes/s1/a2.peaks"_s);
    QFile(sidecar).open(QIODevice::WriteOnly);
    QFile(peaks).open(QIODevice::WriteOnly);
    QVERIFY(m_store->deleteAnswer(m_ids.value(u"b"_s)));
    QVERIFY(!QFile::exists(take));
    QVERIFY(!QFile::exists(sidecar));
    QVERIFY(!QFile::exists(peaks));
    QVERIFY(!m_store->answer(m_ids.value(u"b"_s)));
    QCOMPARE(m_store->countAnswers(), 4);
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"count"_s);
    {
        db.setDatabaseName(m_store->databasePath());
        db.open();
        QSqlQuery query(u"SELECT (SELECT count(*) FROM ratings) + (SELECT count(*) FROM recordings)"_s, db);
        query.next();
        QCOMPARE(query.value(0).toInt(), 3); // a, c, e keep their ratings; no recording is left
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"count"_s);
}

void LibraryStoreTest::exportCsv_quotesWhatNeedsQuoting()
{
    fill();
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(m_store->exportCsv({}, &buffer));
    const QStringList lines = QString::fromUtf8(buffer.data()).split(u"\r\n"_s, Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 6);
    QVERIFY(lines.first().startsWith(u"date,loop,round,question_id,question,"_s));
    QVERIFY2(lines.at(2).contains(u",tl-design,Question text of tl-design,technical,no,300.0,10.0,3.50,3.50,,"_s),
             qPrintable(lines.at(2)));
    QVERIFY2(lines.at(2).contains(u",yes,Forgot the 50% latency number"_s), qPrintable(lines.at(2)));
    QVERIFY2(lines.at(1).contains(u",2.00,2.00,,"_s) && lines.at(1).contains(u",no,"_s), qPrintable(lines.at(1)));
}

void LibraryStoreTest::sessionJson_roundTrips()
{
    fill();
    QVERIFY(m_store->addReplayRating(m_ids.value(u"b"_s), rating({{u"candor"_s, 1}}, {u"blame"_s}, u"replayed"_s)));
    QVERIFY(m_store->finishSession(u"s1"_s, Monday.addSecs(3600), false));
    const QByteArray exported = m_store->exportSessionJson(u"s1"_s);
    QVERIFY(!exported.isEmpty());
    QVERIFY2(!m_store->importSessionJson(exported), "a session already in the library is not imported twice");
    QCOMPARE(m_store->lastError(), u"This session is already in the library."_s);
    // The same session under another id refers to another session's take: refused.
    QByteArray renamed = exported;
    renamed.replace("\"id\": \"s1\"", "\"id\": \"s1-copy\"");
    QVERIFY(!m_store->importSessionJson(renamed));
    QVERIFY2(m_store->lastError().contains(u"answers[1].recording.path: expected a take of this session"_s),
             qPrintable(m_store->lastError()));
    QVERIFY2(!m_store->session(u"s1-copy"_s), "a refused import leaves nothing behind");

    // Into a fresh library, and out again: the same document.
    QTemporaryDir other;
    auto fresh = LibraryStore::open(other.path());
    QVERIFY(fresh.store);
    const auto imported = fresh.store->importSessionJson(exported);
    QVERIFY2(imported, qPrintable(fresh.store->lastError()));
    QCOMPARE(*imported, u"s1"_s);
    QCOMPARE(fresh.store->exportSessionJson(u"s1"_s), exported);
    QCOMPARE(fresh.store->session(u"s1"_s)->seed, 0xFFFFFFFFFFFFFFF1ULL);
    QCOMPARE(fresh.store->countAnswers(), 2);

    // An export from before parts said whether they were skipped: its probes read as answered.
    QTemporaryDir older;
    auto fromBefore = LibraryStore::open(older.path());
    QVERIFY(fromBefore.store);
    QByteArray withoutSkippedParts = exported;
    QVERIFY(withoutSkippedParts.contains("\"skipped\": true,"));
    withoutSkippedParts.replace("\"skipped\": true,", "").replace("\"skipped\": false,", "");
    QVERIFY2(fromBefore.store->importSessionJson(withoutSkippedParts), qPrintable(fromBefore.store->lastError()));
    AnswerFilter withRecording;
    withRecording.hasRecording = true;
    const QList<AnswerRow> rows = fromBefore.store->answers(withRecording);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(fromBefore.store->answer(rows.first().id)->record.parts.size(), 2);
    QVERIFY(!fromBefore.store->answer(rows.first().id)->record.parts.at(1).skipped);

    QVERIFY(!fresh.store->importSessionJson("{\"something\": 1}"));
    QVERIFY(fresh.store->lastError().startsWith(u"This is not a session exported by MockLoop"_s));
    QVERIFY(!fresh.store->importSessionJson("garbage"));
}

void LibraryStoreTest::recoveredTakes_areFoundAndImported()
{
    fill();
    writeWav(m_store->absolutePath(u"takes/s1/a2.wav"_s), 1); // owned by answer b
    writeWav(m_store->absolutePath(u"takes/s2/orphan.wav"_s), 3);
    writeWav(m_store->absolutePath(u"takes/unknown-session/lost.wav"_s), 2);
    const QList<RecoveredTake> takes = m_store->findRecoveredTakes();
    QCOMPARE(takes.size(), 2);
    QCOMPARE(takes.at(0).relativePath, u"takes/s2/orphan.wav"_s);
    QCOMPARE(takes.at(0).sessionId, u"s2"_s);
    QCOMPARE(takes.at(0).recording.duration, Milliseconds(3s));
    QCOMPARE(takes.at(0).recording.format, u"WAV PCM 16-bit 16000 Hz mono"_s);
    QCOMPARE(takes.at(0).recording.checksum.size(), 64);
    QVERIFY(takes.at(1).sessionId.isEmpty());

    const auto first = m_store->importRecoveredTake(takes.at(0), u"Recovered answer"_s);
    const auto second = m_store->importRecoveredTake(takes.at(1), u"Recovered answer"_s);
    QVERIFY(first && second);
    QVERIFY(m_store->findRecoveredTakes().isEmpty());
    const auto detail = m_store->answer(*second);
    QVERIFY(detail->recording->recovered);
    QCOMPARE(detail->row.loopTitle, u"Recovered takes"_s);
    QCOMPARE(detail->row.answerTime, Milliseconds(2s));
    // A take kept without its question had no time limit: it is never "over".
    QCOMPARE(detail->row.overtime, Milliseconds(0));
    QCOMPARE(m_store->answer(*first)->row.overtime, Milliseconds(0));
}

void LibraryStoreTest::recoveredTakes_claimedByTheUnfinishedSession_areNotOffered()
{
    fill();
    writeWav(m_store->absolutePath(u"takes/s2/03-q.wav"_s), 2);
    writeWav(m_store->absolutePath(u"takes/s2/orphan.wav"_s), 1);
    const QList<RecoveredTake> takes = m_store->findRecoveredTakes({u"takes/s2/03-q.wav"_s});
    QCOMPARE(takes.size(), 1);
    QCOMPARE(takes.first().relativePath, u"takes/s2/orphan.wav"_s);
}

void LibraryStoreTest::recoveredTake_attachedToItsAnswer_isItsRecording()
{
    fill();
    writeWav(m_store->absolutePath(u"takes/s2/c.wav"_s), 2);
    const RecoveredTake take = m_store->findRecoveredTakes().first();
    const qint64 answerId = m_ids.value(u"c"_s);
    QVERIFY(!m_store->answer(answerId)->recording);
    QVERIFY2(m_store->attachRecording(answerId, take.recording), qPrintable(m_store->lastError()));
    const auto detail = m_store->answer(answerId);
    QVERIFY(detail->recording);
    QCOMPARE(detail->recording->relativePath, u"takes/s2/c.wav"_s);
    QVERIFY(detail->row.hasRecording);
    QVERIFY(m_store->findRecoveredTakes().isEmpty());
    // One take per answer: a second one is refused, and the first stays.
    writeWav(m_store->absolutePath(u"takes/s2/c2.wav"_s), 1);
    QVERIFY(!m_store->attachRecording(answerId, m_store->findRecoveredTakes().first().recording));
    QCOMPARE(m_store->answer(answerId)->recording->relativePath, u"takes/s2/c.wav"_s);
}

void LibraryStoreTest::answerSavedTwice_isStoredOnce_andGainsItsMissingRecording()
{
    QVERIFY(m_store->addSession(sessionAt(u"s1"_s, Monday)));
    LibraryStore::NewAnswer answer = newAnswer(u"s1"_s, u"q1"_s, Monday, rating({{u"candor"_s, 3}}));
    answer.record.ordinal = 4;
    const auto first = m_store->addAnswer(answer);
    QVERIFY(first);
    // Saved again after a crash, this time with the take that was still being repaired before.
    writeWav(m_store->absolutePath(u"takes/s1/05-q1.wav"_s), 1);
    answer.recording
        = LibraryStore::describeTake(m_store->absolutePath(u"takes/s1/05-q1.wav"_s), u"takes/s1/05-q1.wav"_s);
    QCOMPARE(m_store->addAnswer(answer), first);
    QCOMPARE(m_store->addAnswer(answer), first);
    QCOMPARE(m_store->countAnswers(), 1);
    const auto detail = m_store->answer(*first);
    QVERIFY(detail->recording);
    QCOMPARE(detail->recording->relativePath, u"takes/s1/05-q1.wav"_s);
    QCOMPARE(detail->rightAfter->scores.value(u"candor"_s), 3);
    // Another ordinal of the same session is another answer; answers without one are all kept.
    answer.record.ordinal = 5;
    answer.recording.reset();
    QVERIFY(m_store->addAnswer(answer) != first);
    answer.record.ordinal = -1;
    QVERIFY(m_store->addAnswer(answer));
    QVERIFY(m_store->addAnswer(answer));
    QCOMPARE(m_store->countAnswers(), 4);
}

void LibraryStoreTest::upgradeFromTheFirstLibrary_keepsAnswers_andRecoveredRowsLoseOvertime()
{
    // A library as the first MockLoop wrote it, with a recovered take kept as an answer that was
    // counted as all overtime.
    const QString folder = m_store->folder();
    const QString path = m_store->databasePath();
    m_store.reset();
    QFile::remove(path);
    QFile::remove(path + u"-wal"_s);
    QFile::remove(path + u"-shm"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"first"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QString error;
        QVERIFY2(LibrarySchema::upgrade(db, 0, LibrarySchema::migrations().mid(0, 1), {}, &error), qPrintable(error));
        QSqlQuery query(db);
        QVERIFY(query.exec(u"INSERT INTO sessions (id, mode, loop_id, loop_version, seed, started_at) "
                           "VALUES ('recovered-takes', 'single-question', '', 0, '0', 0)"_s));
        QVERIFY(
            query.exec(u"INSERT INTO answers (session_id, round_id, question_id, question_text, answered_at, "
                       "answer_ms, overtime_ms) VALUES ('recovered-takes', '', '', 'Recovered', 0, 22000, 21600)"_s));
        QVERIFY(query.exec(u"INSERT INTO sessions (id, mode, loop_id, loop_version, seed, started_at) "
                           "VALUES ('s1', 'one-round', 'netflix', 1, '0', 0)"_s));
        QVERIFY(query.exec(u"INSERT INTO answers (session_id, round_id, question_id, question_text, answered_at, "
                           "answer_ms, overtime_ms) VALUES ('s1', 'hiring-manager', 'q', 'Q', 0, 300000, 60000)"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"first"_s);

    LibraryStore::OpenResult opened = LibraryStore::open(folder);
    QVERIFY2(opened.store, qPrintable(opened.message));
    m_store = std::move(opened.store);
    QCOMPARE(m_store->countAnswers(), 2);
    const QList<AnswerRow> rows = m_store->answers({}, AnswerSort::Duration, Qt::AscendingOrder);
    QCOMPARE(rows.at(0).overtime, Milliseconds(0)); // the recovered take
    QCOMPARE(rows.at(1).overtime, Milliseconds(60s)); // a real answer keeps its overtime
    const QStringList backups = QDir(folder).entryList({u"library-v1-backup-*.sqlite"_s});
    QCOMPARE(backups.size(), 1);
}

void LibraryStoreTest::corruptDatabase_isNeverOverwritten()
{
    fill();
    const QString path = m_store->databasePath();
    m_store.reset();
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    file.seek(4096); // past the header, into the first table pages
    file.write(QByteArray(8192, '\xA5'));
    file.close();
    const QByteArray before = fileChecksum(path);

    const LibraryStore::OpenResult opened = LibraryStore::open(QFileInfo(path).absolutePath());
    QVERIFY(!opened.store);
    QCOMPARE(opened.error, LibraryStore::OpenError::Corrupt);
    QVERIFY2(opened.message.startsWith(u"The practice library "_s + path + u" is damaged"_s),
             qPrintable(opened.message));
    QVERIFY(opened.message.contains(u"start a fresh library"_s));
    QCOMPARE(fileChecksum(path), before);

    // A file that is not a database at all.
    QFile garbage(path);
    garbage.open(QIODevice::WriteOnly);
    garbage.write(QByteArray(10000, 'x'));
    garbage.close();
    const QByteArray garbageSum = fileChecksum(path);
    QCOMPARE(LibraryStore::open(QFileInfo(path).absolutePath()).error, LibraryStore::OpenError::Corrupt);
    QCOMPARE(fileChecksum(path), garbageSum);
}

void LibraryStoreTest::newerLibrary_isRefused_unchanged()
{
    const QString path = m_store->databasePath();
    m_store.reset();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"future"_s);
    {
        db.setDatabaseName(path);
        db.open();
        QSqlQuery(u"PRAGMA user_version = %1"_s.arg(LibraryStore::SchemaVersion + 1), db);
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"future"_s);
    const QByteArray before = fileChecksum(path);
    const LibraryStore::OpenResult opened = LibraryStore::open(QFileInfo(path).absolutePath());
    QCOMPARE(opened.error, LibraryStore::OpenError::TooNew);
    QVERIFY2(opened.message.contains(u"newer version of MockLoop (library version %1; this MockLoop reads up to %2)"_s
                                         .arg(LibraryStore::SchemaVersion + 1)
                                         .arg(LibraryStore::SchemaVersion)),
             qPrintable(opened.message));
    QCOMPARE(fileChecksum(path), before);
}

void LibraryStoreTest::otherProgramsDatabase_isRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(LibraryStore::databaseFileName());
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"foreign"_s);
    {
        db.setDatabaseName(path);
        db.open();
        QSqlQuery(u"CREATE TABLE bookmarks (url TEXT)"_s, db);
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"foreign"_s);
    const LibraryStore::OpenResult opened = LibraryStore::open(dir.path());
    QCOMPARE(opened.error, LibraryStore::OpenError::NotALibrary);
    QVERIFY(opened.message.contains(u"another program"_s));
}

void LibraryStoreTest::unwritableFolder_saysWhere()
{
    QTemporaryDir dir;
    const QString blocker = dir.filePath(u"file"_s);
    QFile(blocker).open(QIODevice::WriteOnly);
    const LibraryStore::OpenResult opened = LibraryStore::open(blocker + u"/library"_s);
    QCOMPARE(opened.error, LibraryStore::OpenError::NotWritable);
    QVERIFY(opened.message.contains(blocker + u"/library"_s));
}

void LibraryStoreTest::startFresh_movesTheDamagedOneAside()
{
    fill();
    writeWav(m_store->absolutePath(u"takes/s1/a2.wav"_s), 1);
    const QString folder = m_store->folder();
    const QString path = m_store->databasePath();
    m_store.reset();
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(QByteArray(5000, 'z'));
    file.close();
    QVERIFY(!LibraryStore::open(folder).store);

    QString movedTo;
    LibraryStore::OpenResult fresh = LibraryStore::startFresh(folder, &movedTo);
    QVERIFY2(fresh.store, qPrintable(fresh.message));
    QVERIFY(QFile::exists(movedTo + u"/library.sqlite"_s));
    QCOMPARE(fileChecksum(movedTo + u"/library.sqlite"_s).size(), 32);
    QCOMPARE(fresh.store->countAnswers(), 0);
    // The takes stayed, and are offered back.
    QCOMPARE(fresh.store->findRecoveredTakes().size(), 1);
}

void LibraryStoreTest::upgrade_backsUpFirst_andRollsBackAFailedMigration()
{
    fill();
    const QString folder = m_store->folder();
    const QString path = m_store->databasePath();
    m_store.reset();
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"upgrade"_s);
    {
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QList<const char *> steps = LibrarySchema::migrations();
        steps << "ALTER TABLE answers ADD COLUMN mood TEXT\n;;\nTHIS IS NOT SQL";
        const int current = LibraryStore::SchemaVersion;
        const QString backup = QDir(folder).filePath(u"backup-before-2.sqlite"_s);
        QString error;
        QVERIFY(!LibrarySchema::upgrade(db, current, steps, backup, &error));
        QVERIFY2(error.startsWith(u"migration %1 failed"_s.arg(current + 1)), qPrintable(error));
        QSqlQuery query(u"PRAGMA user_version"_s, db);
        query.next();
        QCOMPARE(query.value(0).toInt(), current);
        QVERIFY2(!QSqlQuery(db).exec(u"SELECT mood FROM answers"_s), "the half-done migration was rolled back");
        QVERIFY(QFile::exists(backup));

        steps.last() = "ALTER TABLE answers ADD COLUMN mood TEXT";
        QVERIFY(LibrarySchema::upgrade(db, current, steps, {}, &error));
        QSqlQuery upgraded(u"PRAGMA user_version"_s, db);
        upgraded.next();
        QCOMPARE(upgraded.value(0).toInt(), current + 1);
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"upgrade"_s);

    // The backup holds the library as it was before.
    QSqlDatabase copy = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"backup"_s);
    {
        copy.setDatabaseName(QDir(folder).filePath(u"backup-before-2.sqlite"_s));
        QVERIFY(copy.open());
        QSqlQuery query(u"SELECT count(*) FROM answers"_s, copy);
        query.next();
        QCOMPARE(query.value(0).toInt(), 5);
        copy.close();
    }
    copy = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"backup"_s);
    // A library from a newer schema is what this MockLoop now refuses.
    QCOMPARE(LibraryStore::open(folder).error, LibraryStore::OpenError::TooNew);
}

void LibraryStoreTest::schemaVersion_matchesTheMigrations()
{
    QCOMPARE(LibrarySchema::migrations().size(), LibraryStore::SchemaVersion);
}

void LibraryStoreTest::analysis_isKept_searchable_sortable_andFilterable()
{
    fill();
    const auto analysis = [](double pace, double fillers, qint64 longestPause, const QString &transcript) {
        AnalysisRecord record;
        record.analyzerVersion = 3;
        record.analysedAt = Monday.addDays(20);
        record.wordsPerMinute = pace;
        record.fillersPerMinute = fillers;
        record.longestPauseMs = longestPause;
        record.transcript = transcript;
        record.resultJson = R"({"formatVersion": 1})";
        return record;
    };
    // Only b has a recording: it is the one take waiting for an analysis.
    QCOMPARE(m_store->countTakesToAnalyse(3), 1);
    QCOMPARE(m_store->takesToAnalyse(3).first().answerId, m_ids.value(u"b"_s));
    QCOMPARE(m_store->takesToAnalyse(3).first().relativePath, u"takes/s1/a2.wav"_s);
    QVERIFY(m_store->setAnalysis(
        m_ids.value(u"b"_s), analysis(172, 9.5, 4200, u"we cut the p99 latency by forty percent um for members"_s)));
    QVERIFY(m_store->setAnalysis(m_ids.value(u"c"_s), analysis(128, 1.0, 900, u"i decided to roll back"_s)));
    QCOMPARE(m_store->countTakesToAnalyse(3), 0);
    QCOMPARE(m_store->countTakesToAnalyse(4), 1); // a better analyser redoes it

    const auto detail = m_store->answer(m_ids.value(u"b"_s));
    QVERIFY(detail->analysis);
    QCOMPARE(detail->analysis->wordsPerMinute, 172.0);
    QCOMPARE(detail->analysis->transcript, u"we cut the p99 latency by forty percent um for members"_s);
    QCOMPARE(detail->analysis->resultJson, QByteArray(R"({"formatVersion": 1})"));
    QCOMPARE(detail->row.fillersPerMinute, 9.5);
    QCOMPARE(detail->row.longestPauseMs, 4200);

    // The search box finds words of the transcript, by their beginnings, all of them.
    const auto ids = [this](const AnswerFilter &filter, AnswerSort sort = AnswerSort::Date,
                            Qt::SortOrder order = Qt::DescendingOrder) {
        QList<qint64> found;
        for (const AnswerRow &row : m_store->answers(filter, sort, order))
            found << row.id;
        return found;
    };
    AnswerFilter search;
    search.text = u"laten forty"_s;
    QCOMPARE(ids(search), QList<qint64>{m_ids.value(u"b"_s)});
    search.text = u"roll \"back"_s; // quotes typed are words, not syntax
    QCOMPARE(ids(search), QList<qint64>{m_ids.value(u"c"_s)});
    search.text = u"latency roll"_s;
    QVERIFY(ids(search).isEmpty());

    // Sorted by pace, answers not analysed last either way; filtered by the figures.
    const QList<qint64> byPace = ids({}, AnswerSort::Pace, Qt::AscendingOrder);
    QCOMPARE(byPace.mid(0, 2), (QList<qint64>{m_ids.value(u"c"_s), m_ids.value(u"b"_s)}));
    QCOMPARE(ids({}, AnswerSort::Pace, Qt::DescendingOrder).mid(0, 2),
             (QList<qint64>{m_ids.value(u"b"_s), m_ids.value(u"c"_s)}));
    AnswerFilter calm;
    calm.maxFillersPerMinute = 5;
    QCOMPARE(ids(calm), QList<qint64>{m_ids.value(u"c"_s)});
    AnswerFilter pausing;
    pausing.minLongestPauseMs = 2000;
    QCOMPARE(ids(pausing), QList<qint64>{m_ids.value(u"b"_s)});

    // A newer analysis replaces the old one; a deleted answer takes its transcript with it.
    QVERIFY(m_store->setAnalysis(m_ids.value(u"b"_s), analysis(150, 2, 1000, u"a calmer answer"_s)));
    search.text = u"forty"_s;
    QVERIFY(ids(search).isEmpty());
    search.text = u"calmer"_s;
    QCOMPARE(ids(search), QList<qint64>{m_ids.value(u"b"_s)});
    QVERIFY(m_store->deleteAnswer(m_ids.value(u"c"_s)));
    QVERIFY(m_store->setAnalysis(m_ids.value(u"a"_s), analysis(140, 3, 800, u"nothing about rolling"_s)));
    search.text = u"roll"_s;
    QCOMPARE(ids(search), QList<qint64>{m_ids.value(u"a"_s)});
    // c's transcript went with it: the index holds a's and b's only.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"look"_s);
        db.setDatabaseName(m_store->databasePath());
        QVERIFY(db.open());
        QSqlQuery query(u"SELECT count(*) FROM answer_transcripts"_s, db);
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), 2);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"look"_s);
}

void LibraryStoreTest::transcriptExcerpts_showTheWordsAroundWhatWasFound()
{
    fill();
    const auto analysed = [this](const QString &answer, const QString &transcript) {
        AnalysisRecord record;
        record.analyzerVersion = 1;
        record.transcript = transcript;
        record.resultJson = R"({"formatVersion": 1})";
        QVERIFY(m_store->setAnalysis(m_ids.value(answer), record));
    };
    analysed(u"b"_s,
             u"so the challenge was that checkout timed out and we cut the p99 latency by forty percent "
             "for members in the evening peak"_s);
    analysed(u"c"_s, u"forty"_s);
    const qint64 b = m_ids.value(u"b"_s);
    const qint64 c = m_ids.value(u"c"_s);

    // A few words either side of the match, ellipses where the transcript goes on.
    const QHash<qint64, QString> both = m_store->transcriptExcerpts(u"fort"_s, {b, c, m_ids.value(u"a"_s)});
    QCOMPARE(both.size(), 2); // a has no transcript
    QVERIFY2(both.value(b).contains(u"forty"_s) && both.value(b).startsWith(u"…"_s) && both.value(b).endsWith(u"…"_s),
             qPrintable(both.value(b)));
    QVERIFY(both.value(b).size() < 80);
    QCOMPARE(both.value(c), u"forty"_s);
    // Only the answers asked about; nothing for words not heard, or nothing to search for.
    QCOMPARE(m_store->transcriptExcerpts(u"forty"_s, {c}).keys(), QList<qint64>{c});
    QVERIFY(m_store->transcriptExcerpts(u"rollback"_s, {b, c}).isEmpty());
    QVERIFY(m_store->transcriptExcerpts(u"\"\""_s, {b, c}).isEmpty());
    QVERIFY(m_store->transcriptExcerpts(u"forty"_s, {}).isEmpty());
}

QTEST_GUILESS_MAIN(LibraryStoreTest)
#include "library_store_test.moc"
