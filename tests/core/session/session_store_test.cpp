#include "common/ApplicationIdentity.h"
#include "loops/LoopLoader.h"
#include "session/SessionEngine.h"
#include "session/SessionStore.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class SessionStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void snapshot_survivesJsonUnchanged();
    void skippedProbe_isKept_andFilesFromBeforeReadItAsAnswered();
    void store_writesAtomically_andClearRemovesTheFile();
    void damagedFile_isReportedNotThrown_data();
    void damagedFile_isReportedNotThrown();
    void snapshotThatDoesNotHoldTogether_isRefused_andKeptAside_data();
    void snapshotThatDoesNotHoldTogether_isRefused_andKeptAside();
    void unwritableFolder_reportsWhereAndWhy();
    void defaultLocation_isUnderApplicationData();

private:
    SessionSnapshot midSessionSnapshot();

    std::shared_ptr<const Loop> m_loop;
};

void SessionStoreTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    const LoopLoadResult result
        = LoopLoader::loadFile(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/sessions/timing-loop.yaml"));
    QVERIFY(result.ok());
    m_loop = std::make_shared<const Loop>(*result.loop);
}

// A session stopped in the middle of a follow-up probe, with a rated answer behind it.
SessionSnapshot SessionStoreTest::midSessionSnapshot()
{
    ManualClock clock;
    SessionRequest request;
    request.mode = SessionMode::FullLoop;
    request.seed = 0xFEDCBA9876543210ULL; // more than a JSON number holds exactly
    request.settings.levelId = u"L6"_s;
    request.settings.followUpsPerQuestion = 1;
    auto engine = SessionEngine::create(m_loop, request, clock);
    engine->start();
    engine->beginRound();
    clock.advance(5s);
    engine->beginAnswer();
    clock.advance(40s);
    engine->markNextPhase();
    clock.advance(10s);
    engine->pause();
    clock.advance(1min);
    engine->resume();
    clock.advance(20s);
    engine->finishAnswer();
    clock.advance(30s);
    engine->finishAnswer();
    Rating rating;
    rating.scores = {{u"ownership"_s, 3}, {u"numbers"_s, 2}};
    rating.redFlagIds = {u"blame"_s};
    rating.notes = u"Too long on the \"challenge\" — ünïcode kept"_s;
    engine->submitRating(rating);
    engine->beginAnswer();
    engine->setAnswerNotes(u"second answer notes"_s);
    clock.advance(70s);
    engine->finishAnswer(); // now in the probe
    clock.advance(15s);
    return engine->snapshot();
}

void SessionStoreTest::snapshot_survivesJsonUnchanged()
{
    const SessionSnapshot original = midSessionSnapshot();
    QCOMPARE(original.state, SessionState::Answering);
    QCOMPARE(original.followUpIndex, 0);
    QString error;
    const auto copy = SessionSnapshot::fromJson(original.toJson(), &error);
    QVERIFY2(copy, qPrintable(error));
    QCOMPARE(copy->toJson(), original.toJson());
    QCOMPARE(copy->request.seed, 0xFEDCBA9876543210ULL);
    QCOMPARE(copy->answers.size(), 1);
    const AnswerRecord &answer = copy->answers.first();
    QCOMPARE(answer.rating->scores.value(u"ownership"_s), 3);
    QCOMPARE(answer.rating->notes, u"Too long on the \"challenge\" — ünïcode kept"_s);
    QCOMPARE(answer.parts.first().phaseMarks.first().at, Milliseconds(40s));
    QCOMPARE(answer.parts.first().pauses.first().length, Milliseconds(1min));
    QCOMPARE(copy->current->notes, u"second answer notes"_s);
    QCOMPARE(copy->answerElapsed, Milliseconds(15s));
}

void SessionStoreTest::skippedProbe_isKept_andFilesFromBeforeReadItAsAnswered()
{
    SessionSnapshot snapshot = midSessionSnapshot();
    snapshot.current->parts.last().skipped = true;
    QString error;
    const auto copy = SessionSnapshot::fromJson(snapshot.toJson(), &error);
    QVERIFY2(copy, qPrintable(error));
    QVERIFY(copy->current->parts.last().skipped);
    QVERIFY(!copy->current->parts.first().skipped);

    // A file written before parts said whether they were skipped.
    QByteArray old = snapshot.toJson();
    QVERIFY(old.contains("\"skipped\": true"));
    old.replace("\"skipped\": true,", "").replace("\"skipped\": false,", "");
    QVERIFY(!old.contains("\"skipped\": true"));
    const auto fromBefore = SessionSnapshot::fromJson(old, &error);
    QVERIFY2(fromBefore, qPrintable(error));
    QVERIFY(!fromBefore->current->parts.last().skipped);
    QCOMPARE(fromBefore->current->parts.size(), snapshot.current->parts.size());
}

void SessionStoreTest::store_writesAtomically_andClearRemovesTheFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"nested/folder/unfinished-session.json"_s);
    FileSessionStore store(path);
    const SessionSnapshot snapshot = midSessionSnapshot();
    for (int i = 0; i < 50; ++i)
        store.save(snapshot); // many saves in a burst: the newest wins, none is torn
    store.waitForWrites();
    QVERIFY(store.lastError().isEmpty());
    QString error;
    const auto loaded = FileSessionStore::load(path, &error);
    QVERIFY2(loaded, qPrintable(error));
    QCOMPARE(loaded->toJson(), snapshot.toJson());
    QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files), QStringList{u"unfinished-session.json"_s});

    store.clear();
    store.waitForWrites();
    QVERIFY(!QFile::exists(path));
    QVERIFY(!FileSessionStore::load(path, &error));
}

void SessionStoreTest::damagedFile_isReportedNotThrown_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");
    QTest::newRow("truncated") << QByteArray("{\"format\": 1, \"loopId\": \"x\"") << u"damaged"_s;
    QTest::newRow("not json") << QByteArray("\x00\x01garbage", 9) << u"damaged"_s;
    QTest::newRow("newer format") << QByteArray("{\"format\": 99}") << u"different version of MockLoop (format 99)"_s;
    QTest::newRow("unknown state") << QByteArray(R"({"format": 1, "loopId": "x", "request": {"mode": "full-loop",
        "pick": "random"}, "state": "dancing"})")
                                   << u"unknown mode or state"_s;
    QTest::newRow("position outside plan") << QByteArray(R"({"format": 1, "loopId": "x", "request": {"mode":
        "full-loop", "pick": "random"}, "state": "thinking", "plan": [], "segment": 3})")
                                           << u"it has no plan"_s;
}

void SessionStoreTest::damagedFile_isReportedNotThrown()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath(u"unfinished-session.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QString error;
    QVERIFY(!FileSessionStore::load(path, &error));
    QVERIFY2(error.startsWith(u"Could not resume the unfinished session in "_s + path), qPrintable(error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(QFile::exists(path), "a damaged session file is left for the person to inspect");
}

void SessionStoreTest::snapshotThatDoesNotHoldTogether_isRefused_andKeptAside_data()
{
    // Each once crashed MockLoop on Resume.
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("reason");
    const QJsonObject valid = QJsonDocument::fromJson(midSessionSnapshot().toJson()).object();
    QCOMPARE(valid.value(u"state"_s).toString(), u"answering"_s);
    const auto changed = [&valid](const std::function<void(QJsonObject &)> &change) {
        QJsonObject copy = valid;
        change(copy);
        return QJsonDocument(copy).toJson();
    };
    QTest::newRow("answering with no answer in progress")
        << changed([](QJsonObject &root) { root.remove(u"current"_s); }) << u"answering with no answer in progress"_s;
    QTest::newRow("answering with no parts") << changed([](QJsonObject &root) {
        QJsonObject current = root.value(u"current"_s).toObject();
        current.insert(u"parts"_s, QJsonArray());
        root.insert(u"current"_s, current);
    }) << u"has no part"_s;
    QTest::newRow("question index equal to the plan's size") << changed([](QJsonObject &root) {
        const int questions
            = int(root.value(u"plan"_s).toArray().at(0).toObject().value(u"questions"_s).toArray().size());
        root.insert(u"state"_s, u"thinking"_s);
        root.insert(u"question"_s, questions);
    }) << u"question is outside its plan"_s;
    QTest::newRow("a break in a single-question session") << changed([](QJsonObject &root) {
        QJsonObject request = root.value(u"request"_s).toObject();
        request.insert(u"mode"_s, u"single-question"_s);
        root.insert(u"request"_s, request);
        root.insert(u"state"_s, u"break"_s);
    }) << u"a break where no round follows"_s;
    QTest::newRow("round wrap-up with no summaries") << changed([](QJsonObject &root) {
        root.insert(u"state"_s, u"round-wrap-up"_s);
        root.insert(u"roundSummaries"_s, QJsonArray());
    }) << u"has no summary"_s;
    QTest::newRow("a follow-up the question does not have")
        << changed([](QJsonObject &root) { root.insert(u"followUp"_s, 7); }) << u"follow-up"_s;
    QTest::newRow("a negative clock") << changed([](QJsonObject &root) {
        QJsonObject clocks = root.value(u"clocks"_s).toObject();
        clocks.insert(u"answerMs"_s, -5);
        root.insert(u"clocks"_s, clocks);
    }) << u"a clock is negative"_s;
    QTest::newRow("a session id that climbs out")
        << changed([](QJsonObject &root) { root.insert(u"sessionId"_s, u"../../Documents"_s); })
        << u"its id is not a valid name"_s;
    QTest::newRow("a take that climbs out") << changed([](QJsonObject &root) {
        QJsonObject current = root.value(u"current"_s).toObject();
        current.insert(u"takeFile"_s, u"../../../thesis.docx"_s);
        root.insert(u"current"_s, current);
    }) << u"leads outside its folder"_s;
}

void SessionStoreTest::snapshotThatDoesNotHoldTogether_isRefused_andKeptAside()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!SessionSnapshot::fromJson(content, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));

    // Not offered again, yet not lost.
    QTemporaryDir dir;
    const QString path = dir.filePath(u"unfinished-session.json"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    QVERIFY(!FileSessionStore::loadForResume(path, &error));
    QVERIFY2(error.contains(reason) && error.contains(u"kept aside"_s), qPrintable(error));
    QVERIFY2(!QFile::exists(path), "not offered again");
    const QStringList aside = QDir(dir.path()).entryList({u"unfinished-session-damaged-*.json"_s});
    QCOMPARE(aside.size(), 1);
    QFile kept(dir.filePath(aside.first()));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), content);
}

void SessionStoreTest::unwritableFolder_reportsWhereAndWhy()
{
    QTemporaryDir dir;
    // A file where the folder should be: no user, not even root, can write below it.
    const QString blocker = dir.filePath(u"blocker"_s);
    QFile(blocker).open(QIODevice::WriteOnly);
    const QString path = blocker + u"/unfinished-session.json"_s;
    FileSessionStore store(path);
    store.save(midSessionSnapshot());
    store.waitForWrites();
    QVERIFY2(store.lastError().startsWith(u"Could not save the session's progress to "_s + path),
             qPrintable(store.lastError()));
}

void SessionStoreTest::defaultLocation_isUnderApplicationData()
{
    QCOMPARE(FileSessionStore::defaultFilePath(),
             QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/MockLoop"_s
                 + u"/unfinished-session.json"_s);
}

QTEST_GUILESS_MAIN(SessionStoreTest)
#include "session_store_test.moc"
