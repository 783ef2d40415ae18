#include "audio/TakeInfo.h"
#include "audio/WavFormat.h"
#include "audio/WaveformPeaks.h"
#include "common/ApplicationIdentity.h"
#include "library/LibraryStore.h"
#include "library/SessionImport.h"
#include "library/TakeFiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

QByteArray wav(int seconds)
{
    const qint64 bytes = seconds * PcmFormat{}.bytesPerSecond();
    return Wav::canonicalHeader(PcmFormat{}, bytes) + QByteArray(bytes, '\0');
}

// A session export as LibraryStore writes it, with one answer whose recording is at path.
QJsonObject exportWith(const QString &sessionId, const QJsonValue &recordingPath)
{
    QJsonObject answer{{u"answeredAt"_s, u"2026-11-02T09:10:00.000Z"_s},
                       {u"roundId"_s, u"hiring-manager"_s},
                       {u"questionId"_s, u"fr-gave-autonomy"_s},
                       {u"questionText"_s, u"Tell me about a time you gave autonomy."_s},
                       {u"parts"_s, QJsonArray{QJsonObject{{u"followUp"_s, -1}, {u"durationMs"_s, 90000}}}},
                       {u"ratings"_s, QJsonArray{}}};
    if (!recordingPath.isUndefined())
        answer.insert(u"recording"_s, QJsonObject{{u"path"_s, recordingPath}, {u"durationMs"_s, 2000}});
    return {{u"mockloopSessionExport"_s, 1},
            {u"session"_s,
             QJsonObject{{u"id"_s, sessionId},
                         {u"mode"_s, u"one-round"_s},
                         {u"loopId"_s, u"netflix-engineering-leadership"_s},
                         {u"seed"_s, u"12"_s},
                         {u"startedAt"_s, u"2026-11-02T09:00:00.000Z"_s}}},
            {u"answers"_s, QJsonArray{answer}}};
}

QByteArray bytesOf(const QJsonObject &object)
{
    return QJsonDocument(object).toJson();
}

} // namespace

// Shared files crafted by someone else, and a tampered database: no path read from a file reaches
// outside the library's takes folder, and a bad import is refused as a whole, with the field named.
class HostileLibraryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void takePaths_outsideTheTakesFolder_areRefused_data();
    void takePaths_outsideTheTakesFolder_areRefused();
    void importedRecordingPaths_leadingOut_areRefused_andDeletingNeverReachesOut_data();
    void importedRecordingPaths_leadingOut_areRefused_andDeletingNeverReachesOut();
    void tamperedDatabasePath_deletesNothingOutside();
    void symlinkedSidecar_isNeverWrittenThrough();
    void importFields_areCheckedOneByOne_withTheFieldNamed_data();
    void importFields_areCheckedOneByOne_withTheFieldNamed();
    void hugeImports_areRefusedQuickly();

private:
    QString outsideFile(const QString &name, const QByteArray &content = "precious");

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LibraryStore> m_store;
    QString m_library;
};

void HostileLibraryTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void HostileLibraryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = m_dir->filePath(u"home/library"_s);
    LibraryStore::OpenResult opened = LibraryStore::open(m_library);
    QVERIFY2(opened.store, qPrintable(opened.message));
    m_store = std::move(opened.store);
}

void HostileLibraryTest::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

QString HostileLibraryTest::outsideFile(const QString &name, const QByteArray &content)
{
    const QString path = m_dir->filePath(u"home/Documents/"_s + name);
    writeFile(path, content);
    return path;
}

void HostileLibraryTest::takePaths_outsideTheTakesFolder_areRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("accepted");
    QTest::newRow("a take") << u"takes/s1/01-q.wav"_s << true;
    QTest::newRow("climbing out") << u"../../Documents/thesis.docx"_s << false;
    QTest::newRow("climbing out from the takes") << u"takes/../../Documents/thesis.wav"_s << false;
    QTest::newRow("absolute") << u"/etc/passwd"_s << false;
    QTest::newRow("dot in the middle") << u"takes/s1/./01-q.wav"_s << false;
    QTest::newRow("too deep") << u"takes/s1/sub/01-q.wav"_s << false;
    QTest::newRow("not a take") << u"takes/s1/notes.txt"_s << false;
    QTest::newRow("the database") << u"library.sqlite"_s << false;
    QTest::newRow("backslash") << u"takes/s1/..\\..\\x.wav"_s << false;
    QTest::newRow("control character") << u"takes/s1/a\nb.wav"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void HostileLibraryTest::takePaths_outsideTheTakesFolder_areRefused()
{
    QFETCH(QString, path);
    QFETCH(bool, accepted);
    QString why;
    const std::optional<QString> resolved = TakeFiles(m_library).resolve(path, &why);
    QCOMPARE(resolved.has_value(), accepted);
    if (accepted)
        QCOMPARE(*resolved, QDir(m_library).filePath(path));
    else
        QVERIFY2(!why.isEmpty(), "a refusal says why");
}

void HostileLibraryTest::importedRecordingPaths_leadingOut_areRefused_andDeletingNeverReachesOut_data()
{
    QTest::addColumn<QString>("recordingPath");
    QTest::addColumn<QString>("problem");
    QTest::newRow("climbing out") << u"../../../../Documents/thesis.docx"_s << u"answers[0].recording.path"_s;
    QTest::newRow("absolute") << u"/etc/passwd"_s << u"answers[0].recording.path"_s;
    QTest::newRow("another session's take, disguised") << u"takes/s1/./01-q.wav"_s << u"answers[0].recording.path"_s;
    QTest::newRow("another session's take") << u"takes/s1/01-q.wav"_s << u"answers[0].recording.path"_s;
    QTest::newRow("through a symbolic link") << u"takes/linked/01-q.wav"_s << u"leads outside"_s;
}

void HostileLibraryTest::importedRecordingPaths_leadingOut_areRefused_andDeletingNeverReachesOut()
{
    QFETCH(QString, recordingPath);
    QFETCH(QString, problem);
    const QString thesis = outsideFile(u"thesis.docx"_s);
    const QString thesisSidecar = outsideFile(u"thesis.json"_s);
    // Another session's take, and a folder in the takes that is a link to the person's documents.
    writeFile(QDir(m_library).filePath(u"takes/s1/01-q.wav"_s), wav(1));
    QVERIFY(QFile::link(m_dir->filePath(u"home/Documents"_s), QDir(m_library).filePath(u"takes/linked"_s)));
    writeFile(m_dir->filePath(u"home/Documents/01-q.wav"_s), wav(1));

    const QString sessionId = recordingPath.startsWith(u"takes/linked"_s) ? u"linked"_s : u"s2"_s;
    QVERIFY(!m_store->importSessionJson(bytesOf(exportWith(sessionId, recordingPath))));
    QVERIFY2(m_store->lastError().contains(problem), qPrintable(m_store->lastError()));
    QVERIFY2(m_store->lastError().contains(u"Nothing was imported"_s) || m_store->lastError().contains(u"not valid"_s),
             qPrintable(m_store->lastError()));
    QCOMPARE(m_store->countAnswers(), 0);
    QVERIFY(!m_store->session(sessionId));
    QVERIFY(QFile::exists(thesis) && QFile::exists(thesisSidecar));
    QVERIFY(QFile::exists(QDir(m_library).filePath(u"takes/s1/01-q.wav"_s)));
    QVERIFY(QFile::exists(m_dir->filePath(u"home/Documents/01-q.wav"_s)));
}

void HostileLibraryTest::tamperedDatabasePath_deletesNothingOutside()
{
    // A database someone edited: one answer's recording points out of the library, another's is
    // a take whose file is a link to a document.
    const QString thesis = outsideFile(u"thesis.docx"_s);
    const QString thesisSidecar = outsideFile(u"thesis.json"_s);
    const QString target = outsideFile(u"report.wav"_s, wav(1));
    QVERIFY(m_store->importSessionJson(bytesOf(exportWith(u"s2"_s, u"takes/s2/01-q.wav"_s))));
    QVERIFY(m_store->importSessionJson(bytesOf(exportWith(u"s3"_s, u"takes/s3/02-q.wav"_s))));
    QDir().mkpath(QDir(m_library).filePath(u"takes/s3"_s));
    QVERIFY(QFile::link(target, QDir(m_library).filePath(u"takes/s3/02-q.wav"_s)));
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"tamper"_s);
    {
        db.setDatabaseName(m_store->databasePath());
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(
            u"UPDATE recordings SET path = '../../Documents/thesis.docx' WHERE path = 'takes/s2/01-q.wav'"_s));
        db.close();
    }
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(u"tamper"_s);

    for (const AnswerRow &row : m_store->answers())
        QVERIFY2(m_store->deleteAnswer(row.id), "the answer itself goes");
    QCOMPARE(m_store->countAnswers(), 0);
    QVERIFY2(QFile::exists(thesis), "the document the database named is still there");
    QVERIFY(QFile::exists(thesisSidecar));
    QVERIFY2(QFile::exists(target), "the document the linked take led to is still there");
}

void HostileLibraryTest::symlinkedSidecar_isNeverWrittenThrough()
{
    // A take whose sidecar and waveform cache are links to the person's files.
    const QString bashrc = outsideFile(u"bashrc"_s, "export PATH");
    const QString take = QDir(m_library).filePath(u"takes/s4/01-q.wav"_s);
    writeFile(take, wav(1));
    QVERIFY(QFile::link(bashrc, TakeInfo::sidecarPath(take)));
    QVERIFY(QFile::link(bashrc, WaveformPeaks::cachePath(take)));
    QVERIFY2(!TakeInfo::readSidecar(take), "a linked sidecar is not read");
    TakeInfo info;
    info.path = take;
    QVERIFY(info.writeSidecar());
    QVERIFY(WaveformPeaks::load(take).waveform.has_value());
    QFile outside(bashrc);
    QVERIFY(outside.open(QIODevice::ReadOnly));
    QCOMPARE(outside.readAll(), QByteArray("export PATH"));
    QVERIFY(!QFileInfo(TakeInfo::sidecarPath(take)).isSymLink());
}

void HostileLibraryTest::importFields_areCheckedOneByOne_withTheFieldNamed_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QJsonObject session = exportWith(u"s5"_s, QJsonValue::Undefined);
    const auto with = [&session](const std::function<void(QJsonObject &)> &change) {
        QJsonObject copy = session;
        change(copy);
        return bytesOf(copy);
    };
    const auto answerWith = [&with](const QString &key, const QJsonValue &value) {
        return with([&key, &value](QJsonObject &root) {
            QJsonArray answers = root.value(u"answers"_s).toArray();
            QJsonObject answer = answers.at(0).toObject();
            if (value.isUndefined())
                answer.remove(key);
            else
                answer.insert(key, value);
            answers[0] = answer;
            root.insert(u"answers"_s, answers);
        });
    };
    QTest::newRow("answers as an object")
        << with([](QJsonObject &root) { root.insert(u"answers"_s, QJsonObject{}); }) << u"answers: expected a list"_s;
    QTest::newRow("answers as text") << with([](QJsonObject &root) { root.insert(u"answers"_s, u"none"_s); })
                                     << u"answers: expected a list"_s;
    QTest::newRow("answers missing") << with([](QJsonObject &root) { root.remove(u"answers"_s); })
                                     << u"answers: missing"_s;
    QTest::newRow("answeredAt missing") << answerWith(u"answeredAt"_s, QJsonValue::Undefined)
                                        << u"answers[0].answeredAt: missing"_s;
    QTest::newRow("answeredAt not a time")
        << answerWith(u"answeredAt"_s, u"yesterday"_s) << u"answers[0].answeredAt: expected a date and time"_s;
    QTest::newRow("negative think time") << answerWith(u"thinkMs"_s, -5) << u"answers[0].thinkMs: expected a whole"_s;
    // Numbers no whole number type holds (found by fuzzing: converting them was undefined behaviour).
    QTest::newRow("think time of 1e300") << answerWith(u"thinkMs"_s, 1e300)
                                         << u"answers[0].thinkMs: expected a whole"_s;
    QTest::newRow("think time of 2^63") << answerWith(u"thinkMs"_s, 9223372036854775808.0)
                                        << u"answers[0].thinkMs: expected a whole"_s;
    QTest::newRow("think time of 2.5") << answerWith(u"thinkMs"_s, 2.5) << u"answers[0].thinkMs: expected a whole"_s;
    QTest::newRow("score out of range")
        << answerWith(
               u"ratings"_s,
               QJsonArray{QJsonObject{{u"when"_s, u"right-after"_s}, {u"scores"_s, QJsonObject{{u"candor"_s, 9}}}}})
        << u"answers[0].ratings[0].scores.candor: expected a whole number from 1 to 4"_s;
    QTest::newRow("two first ratings") << answerWith(
        u"ratings"_s,
        QJsonArray{QJsonObject{{u"when"_s, u"right-after"_s}, {u"scores"_s, QJsonObject{}}},
                   QJsonObject{{u"when"_s, u"right-after"_s}, {u"scores"_s, QJsonObject{}}}})
                                       << u"answers[0].ratings[1]: a second rating given right after"_s;
    QTest::newRow("a key that forges lines")
        << answerWith(u"ratings"_s,
                      QJsonArray{QJsonObject{{u"when"_s, u"right-after"_s},
                                             {u"scores"_s, QJsonObject{{u"x\n/etc/passwd:1:1: error"_s, 2}}}}})
        << u"scores.x\\u000a/etc/passwd"_s;
    QTest::newRow("session id with a slash") << with([](QJsonObject &root) {
        QJsonObject s = root.value(u"session"_s).toObject();
        s.insert(u"id"_s, u"../../x"_s);
        root.insert(u"session"_s, s);
    }) << u"session.id: expected letters"_s;
    QTest::newRow("too many phase marks") << answerWith(
        u"parts"_s, QJsonArray{QJsonObject{{u"phaseMarks"_s, QJsonArray::fromVariantList(QVariantList(1001, 0))}}})
                                          << u"answers[0].parts[0].phaseMarks: 1001 entries"_s;
}

void HostileLibraryTest::importFields_areCheckedOneByOne_withTheFieldNamed()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QVERIFY(!m_store->importSessionJson(json));
    QVERIFY2(m_store->lastError().contains(message), qPrintable(m_store->lastError()));
    QVERIFY2(!m_store->lastError().contains(u'\n'), "one line, whatever the file holds");
    QCOMPARE(m_store->sessions().size(), 0);
}

void HostileLibraryTest::hugeImports_areRefusedQuickly()
{
    // 2.5 million phase marks (62 MB) once took 2.4 GB; 200,000 answers 106 s.
    QByteArray marks = "{\"mockloopSessionExport\":1,\"answers\":[{\"parts\":[{\"phaseMarks\":[";
    marks.reserve(64 * 1024 * 1024);
    for (int i = 0; i < 2500000; ++i)
        marks += "{\"phase\":1,\"atMs\":1},";
    marks += "{}]}]}]}";
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!m_store->importSessionJson(marks));
    QVERIFY2(m_store->lastError().contains(u"far larger than a MockLoop session export"_s),
             qPrintable(m_store->lastError()));

    QJsonObject root = exportWith(u"s6"_s, QJsonValue::Undefined);
    QJsonArray answers;
    for (int i = 0; i <= SessionImport::MaxAnswers; ++i)
        answers.append(root.value(u"answers"_s).toArray().at(0));
    root.insert(u"answers"_s, answers);
    QVERIFY(!m_store->importSessionJson(bytesOf(root)));
    QVERIFY2(m_store->lastError().contains(u"answers: 2001 entries; an export holds at most 2000"_s),
             qPrintable(m_store->lastError()));
    qInfo("refused both in %lld ms", qint64(timer.elapsed()));
}

QTEST_GUILESS_MAIN(HostileLibraryTest)
#include "hostile_library_test.moc"
