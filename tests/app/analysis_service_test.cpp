#include "AnalysisTestLibrary.h"
#include "AppTestSupport.h"
#include "analysis/AnalysisService.h"
#include "common/AppSettings.h"
#include "common/ApplicationIdentity.h"
#include "library/PracticeLibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

#include <cstdio>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using AnalysisTestLibrary::takesLeft;
using AppTest::wait;

namespace {

// The test runs itself as the app to be killed: with this variable naming a library folder, it
// analyses that library's takes and prints "analysing" once a second of a take is done.
constexpr auto ChildLibraryVariable = "MOCKLOOP_ANALYSIS_TEST_CHILD_LIBRARY";
constexpr int Patience = 120000; // ms: analysis on a busy 2-core machine, model load included

// Runs statements on the library's own connection, on its thread: how the tests make SQLite fail
// the way a full disk or a read-only file makes it fail, through the real store code.
bool onLibraryConnection(PracticeLibrary &library, const QStringList &statements)
{
    return wait(library.run([statements](LibraryStore *store) {
        if (!store)
            return false;
        for (const QString &name : QSqlDatabase::connectionNames()) {
            QSqlDatabase db = QSqlDatabase::database(name, false); // invalid unless it is this thread's
            if (!db.isValid() || !db.isOpen() || QFileInfo(db.databaseName()) != QFileInfo(store->databasePath()))
                continue;
            QSqlQuery query(db);
            for (QString statement : statements) {
                if (statement == u"%fill"_s) {
                    // Every page there is, filled: the next write that needs one fails.
                    while (query.exec(u"INSERT INTO ballast VALUES (randomblob(200))"_s)) { }
                    continue;
                }
                if (statement.contains(u"%pages"_s)) {
                    if (!query.exec(u"PRAGMA page_count"_s) || !query.next())
                        return false;
                    statement.replace(u"%pages"_s, query.value(0).toString());
                }
                if (!query.exec(statement))
                    return false;
            }
            return true;
        }
        return false;
    }));
}

std::optional<AnalysisRecord> analysisOf(PracticeLibrary &library, qint64 answerId)
{
    return wait(
        library.run([answerId](LibraryStore *store) { return store ? store->analysisOf(answerId) : std::nullopt; }));
}

// The child: the app's analysis service on the library, until it is killed.
int runChild(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(application);
    PracticeLibrary library;
    AnalysisService analysis(&library);
    bool told = false;
    QObject::connect(&analysis, &AnalysisService::takeProgress, &application,
                     [&told](qint64 answerId, qint64 analysedMs, qint64) {
                         if (told || analysedMs < 1000)
                             return;
                         told = true;
                         std::printf("analysing %lld\n", static_cast<long long>(answerId));
                         std::fflush(stdout);
                     });
    QObject::connect(&analysis, &AnalysisService::backgroundFinished, &application, [] {
        std::puts("finished before it was killed");
        std::fflush(stdout);
    });
    library.open(qEnvironmentVariable(ChildLibraryVariable));
    return application.exec();
}

} // namespace

// The background analysis of takes and its faults, on a real library of spoken takes: a result the
// library cannot store, a missing or damaged model, the app killed mid-analysis, the model folder
// changed while a take is analysed. Each ends in a clear message and a state that does not loop,
// no take is lost from the list, and the work resumes once the cause is gone.
class AnalysisServiceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void background_analysesEveryTakeNewestFirst_andStoresIt();
    void storeFails_reported_takeStaysOnTheList_resumesAfterRestart_data();
    void storeFails_reported_takeStaysOnTheList_resumesAfterRestart();
    void modelMissingAtStart_unavailableWithTheReason_andNothingRetried();
    void modelDamaged_unavailableNamingTheFile();
    void modelGoneDuringWork_stopsWithoutFailingTakes_resumesWhenBack();
    void modelFolderChanged_duringWork_switchesKeepsTheChoice_andFinishes();
    void modelFolderWithoutAModel_refusedNamingIt_nothingChanges();
    void turnedOff_stopsTheWork_andIsKept();
    void answerJustGiven_analysedBeforeTheOldTakes();
    void recordOf_leavesTheJsonToTheLibrarysThread_whichStoresItWhole();
    void killedMidAnalysis_takeStaysOnTheList_resumesAtNextStart();

private:
    std::unique_ptr<AnalysisTestLibrary::Scratch> m_scratch;
    QString m_libraryFolder;
};

void AnalysisServiceTest::initTestCase()
{
    if (const QString missing = AnalysisTestLibrary::prepare(); !missing.isEmpty()) {
        if (qEnvironmentVariableIntValue("MOCKLOOP_REQUIRE_AUDIO") == 1)
            QFAIL(qPrintable(missing));
        QSKIP(qPrintable(missing));
    }
}

void AnalysisServiceTest::init()
{
    m_scratch = std::make_unique<AnalysisTestLibrary::Scratch>();
    m_libraryFolder = m_scratch->libraryFolder();
}

void AnalysisServiceTest::cleanup()
{
    m_scratch.reset();
}

void AnalysisServiceTest::background_analysesEveryTakeNewestFirst_andStoresIt()
{
    const QList<qint64> ids = m_scratch->fill(3, 4);
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QSignalSpy stored(&analysis, &AnalysisService::analysisStored);
    QSignalSpy progress(&analysis, &AnalysisService::backgroundProgress);
    wait(library.open(m_libraryFolder));

    QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::AllAnalysed, Patience);
    QVERIFY(!analysis.isWorking());
    QCOMPARE(stored.size(), 3);
    QCOMPARE(stored.at(0).at(0).toLongLong(), ids.at(2)); // newest first
    QCOMPARE(stored.at(2).at(0).toLongLong(), ids.at(0));
    QCOMPARE(progress.last(), (QVariantList{3, 3}));
    QVERIFY(analysis.failures().isEmpty());
    QCOMPARE(takesLeft(library), 0);
    const std::optional<AnalysisRecord> record = analysisOf(library, ids.at(0));
    QVERIFY(record);
    QCOMPARE(record->analyzerVersion, AnswerAnalysis::CurrentAnalyzerVersion);
    QVERIFY2(record->transcript.split(u' ').size() >= 5, qPrintable(record->transcript));
    QVERIFY(!record->resultJson.isEmpty());
}

void AnalysisServiceTest::storeFails_reported_takeStaysOnTheList_resumesAfterRestart_data()
{
    QTest::addColumn<QStringList>("fault");
    QTest::addColumn<QString>("heard");
    // SQLite's own errors: no page may be added (as when the disk is full), or no write made (as
    // with a read-only file).
    QTest::newRow("disk full") << QStringList{u"CREATE TABLE ballast (b)"_s, u"PRAGMA max_page_count = %pages"_s,
                                              u"%fill"_s}
                               << u"Free some disk space"_s;
    QTest::newRow("read-only") << QStringList{u"PRAGMA query_only = ON"_s} << u"readonly"_s;
}

void AnalysisServiceTest::storeFails_reported_takeStaysOnTheList_resumesAfterRestart()
{
    QFETCH(QStringList, fault);
    QFETCH(QString, heard);
    const QList<qint64> ids = m_scratch->fill(3, 4);
    {
        auto library = std::make_unique<PracticeLibrary>();
        wait(library->open(m_libraryFolder));
        QVERIFY(onLibraryConnection(*library, fault));
        AnalysisService analysis(library.get());
        QSignalSpy failed(&analysis, &AnalysisService::analysisFailed);
        QSignalSpy stored(&analysis, &AnalysisService::analysisStored);
        QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::StoreFailed, Patience);

        // A take's result not stored is said, naming the take, and the work stops there rather
        // than analysing takes it cannot keep. (A full disk may still take a small result or two
        // before: what counts is what happens at the first that fails.)
        QCOMPARE(failed.size(), 1);
        const qint64 failedId = failed.at(0).at(0).toLongLong();
        const int takeNumber = int(ids.indexOf(failedId)) + 1;
        QVERIFY(takeNumber > 0);
        QCOMPARE(stored.size(), 3 - takeNumber); // newest first: those before it are kept
        QCOMPARE(analysis.failures().size(), 1);
        const QString message = analysis.failures().first().message;
        QVERIFY2(message.contains(u"could not be stored"_s)
                     && message.contains(u"%1-question.wav"_s.arg(takeNumber, 2, 10, QChar(u'0')))
                     && message.contains(heard) && message.contains(u"next starts"_s),
                 qPrintable(message));
        QVERIFY(!analysis.isWorking());
        QCOMPARE(analysis.modelState(), AnalysisService::ModelState::Ready);
        // It stays on the list, and nothing is retried behind the person's back: two round trips
        // through the library later, still one failure and no work.
        QCOMPARE(takesLeft(*library), takeNumber);
        QCOMPARE(takesLeft(*library), takeNumber);
        QCOMPARE(failed.size(), 1);
        QVERIFY(!analysis.isWorking());
    }
    // The next start (the fault gone with the connection): every take is analysed and kept.
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QSignalSpy stored(&analysis, &AnalysisService::analysisStored);
    wait(library.open(m_libraryFolder));
    QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::AllAnalysed, Patience);
    QVERIFY(!stored.isEmpty());
    QCOMPARE(takesLeft(library), 0);
    for (const qint64 id : ids)
        QVERIFY(analysisOf(library, id));
}

void AnalysisServiceTest::modelMissingAtStart_unavailableWithTheReason_andNothingRetried()
{
    m_scratch->fill(2, 3);
    const QString empty = m_scratch->filePath(u"no-model"_s);
    QVERIFY(QDir().mkpath(empty));
    AppSettings::setSpeechModelFolder(empty);
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QSignalSpy failed(&analysis, &AnalysisService::analysisFailed);
    QSignalSpy progress(&analysis, &AnalysisService::backgroundProgress);
    wait(library.open(m_libraryFolder));

    QTRY_COMPARE_WITH_TIMEOUT(analysis.modelState(), AnalysisService::ModelState::Unavailable, 10000);
    const QString problem = analysis.modelProblem();
    QVERIFY2(problem.contains(empty) && problem.contains(u"pocketsphinx-en-us"_s)
                 && problem.contains(u"apt-get install"_s),
             qPrintable(problem));
    // Unavailable: no take is tried (none would fail on its own account), and none is given a
    // failure of its own.
    QCOMPARE(takesLeft(library), 2);
    QCOMPARE(takesLeft(library), 2);
    QVERIFY(!analysis.isWorking());
    QCOMPARE(progress.size(), 0);
    QCOMPARE(failed.size(), 0);
    QVERIFY(analysis.failures().isEmpty());
    // Answers given meanwhile are told why they are not analysed, at once.
    QVERIFY(!analysis.newStreamingAnalyzer());
    const Expected<AnswerAnalysis> result
        = wait(analysis.analyseTake(m_libraryFolder + u"/takes/x/01-question.wav"_s, {}));
    QVERIFY(!result);
    QCOMPARE(result.error().message, problem);
}

void AnalysisServiceTest::modelDamaged_unavailableNamingTheFile()
{
    const QString folder = m_scratch->modelCopy(u"damaged-model"_s);
    const QString mdef = folder + u"/en-us/mdef"_s;
    {
        QFile file(mdef);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.write("garbage!") == 8); // no longer starts as a model definition does
    }
    AppSettings::setSpeechModelFolder(folder);
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QTRY_COMPARE_WITH_TIMEOUT(analysis.modelState(), AnalysisService::ModelState::Unavailable, 10000);
    QVERIFY2(analysis.modelProblem().contains(mdef) && analysis.modelProblem().contains(u"damaged"_s),
             qPrintable(analysis.modelProblem()));
}

void AnalysisServiceTest::modelGoneDuringWork_stopsWithoutFailingTakes_resumesWhenBack()
{
    m_scratch->fill(2, 3);
    const QString folder = m_scratch->modelCopy(u"model"_s);
    AppSettings::setSpeechModelFolder(folder);
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QSignalSpy failed(&analysis, &AnalysisService::analysisFailed);
    QTRY_COMPARE_WITH_TIMEOUT(analysis.modelState(), AnalysisService::ModelState::Ready, 10000);

    // The package removed after the start: the first take finds it gone.
    const QString lm = folder + u"/en-us.lm.bin"_s;
    QVERIFY(QFile::rename(lm, lm + u".away"_s));
    wait(library.open(m_libraryFolder));
    QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::ModelUnavailable, Patience);
    QCOMPARE(analysis.modelState(), AnalysisService::ModelState::Unavailable);
    QVERIFY2(analysis.modelProblem().contains(lm), qPrintable(analysis.modelProblem()));
    QCOMPARE(failed.size(), 0); // the takes are not at fault
    QCOMPARE(takesLeft(library), 2);
    QCOMPARE(takesLeft(library), 2);
    QVERIFY(!analysis.isWorking());

    // Back again, and checked again: the work resumes.
    QVERIFY(QFile::rename(lm + u".away"_s, lm));
    analysis.checkModelAgain();
    QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::AllAnalysed, Patience);
    QCOMPARE(takesLeft(library), 0);
    QCOMPARE(failed.size(), 0);
}

void AnalysisServiceTest::modelFolderChanged_duringWork_switchesKeepsTheChoice_andFinishes()
{
    m_scratch->fill(3, 6);
    const QString folder = m_scratch->modelCopy(u"other-model"_s);
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QSignalSpy stored(&analysis, &AnalysisService::analysisStored);
    QSignalSpy failed(&analysis, &AnalysisService::analysisFailed);
    QSignalSpy changed(&analysis, &AnalysisService::modelFolderChanged);
    QSignalSpy takeProgress(&analysis, &AnalysisService::takeProgress);
    wait(library.open(m_libraryFolder));
    QTRY_VERIFY_WITH_TIMEOUT(!takeProgress.isEmpty(), Patience); // a take is being analysed

    analysis.setModelFolder(folder);
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 1, Patience);
    QCOMPARE(changed.first().first().toString(), folder);
    QCOMPARE(analysis.modelFolder(), folder);
    QVERIFY(!analysis.usesDefaultModelFolder());
    QVERIFY(analysis.modelPaths().acousticModel.startsWith(folder));
    QCOMPARE(AppSettings::speechModelFolder(), folder);

    QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::AllAnalysed, Patience);
    QCOMPARE(failed.size(), 0);
    QCOMPARE(stored.size(), 3); // the take stopped for the switch was analysed again, once
    QCOMPARE(takesLeft(library), 0);

    // Back to the default: the choice is forgotten.
    analysis.setModelFolder({});
    QTRY_COMPARE_WITH_TIMEOUT(changed.size(), 2, Patience);
    QVERIFY(analysis.usesDefaultModelFolder());
    QCOMPARE(AppSettings::speechModelFolder(), QString());
}

void AnalysisServiceTest::modelFolderWithoutAModel_refusedNamingIt_nothingChanges()
{
    const QString empty = m_scratch->filePath(u"holiday-photos"_s);
    QVERIFY(QDir().mkpath(empty));
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QTRY_COMPARE_WITH_TIMEOUT(analysis.modelState(), AnalysisService::ModelState::Ready, 10000);
    QSignalSpy refused(&analysis, &AnalysisService::modelFolderRefused);
    QSignalSpy changed(&analysis, &AnalysisService::modelFolderChanged);
    analysis.setModelFolder(empty);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, 10000);
    QCOMPARE(refused.first().at(0).toString(), empty);
    QVERIFY2(refused.first().at(1).toString().contains(empty), qPrintable(refused.first().at(1).toString()));
    QCOMPARE(changed.size(), 0);
    QVERIFY(analysis.usesDefaultModelFolder());
    QCOMPARE(analysis.modelState(), AnalysisService::ModelState::Ready);
    QCOMPARE(AppSettings::speechModelFolder(), QString());
}

void AnalysisServiceTest::turnedOff_stopsTheWork_andIsKept()
{
    m_scratch->fill(3, 6);
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QSignalSpy takeProgress(&analysis, &AnalysisService::takeProgress);
    wait(library.open(m_libraryFolder));
    QTRY_VERIFY_WITH_TIMEOUT(!takeProgress.isEmpty(), Patience);

    analysis.setEnabled(false);
    QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::Stopped, Patience);
    QVERIFY(!analysis.isWorking());
    QVERIFY(!AppSettings::analysisEnabled());
    QVERIFY(!analysis.newStreamingAnalyzer());
    QVERIFY(!analysis.analyseTake(m_libraryFolder + u"/takes/x/01-question.wav"_s, {}).isValid());
    QCOMPARE(takesLeft(library), 3); // the take cut short keeps its place on the list

    // A new start reads the choice.
    PracticeLibrary again;
    AnalysisService next(&again);
    QVERIFY(!next.isEnabled());
}

void AnalysisServiceTest::answerJustGiven_analysedBeforeTheOldTakes()
{
    m_scratch->fill(3, 8);
    const QString justGiven = m_scratch->filePath(u"just-given.wav"_s);
    QVERIFY(QFile::copy(QDir(m_libraryFolder).filePath(u"takes"_s) + u'/'
                            + QDir(m_libraryFolder + u"/takes"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot).first()
                            + u"/01-question.wav"_s,
                        justGiven));
    PracticeLibrary library;
    AnalysisService analysis(&library);
    QSignalSpy stored(&analysis, &AnalysisService::analysisStored);
    QSignalSpy takeProgress(&analysis, &AnalysisService::takeProgress);
    wait(library.open(m_libraryFolder));
    QTRY_VERIFY_WITH_TIMEOUT(!takeProgress.isEmpty(), Patience); // an old take is being analysed

    const QFuture<Expected<AnswerAnalysis>> future = analysis.analyseTake(justGiven, {});
    QTRY_VERIFY_WITH_TIMEOUT(future.isFinished(), Patience);
    const Expected<AnswerAnalysis> result = future.result();
    QVERIFY2(result, result ? "" : qPrintable(result.error().message));
    QVERIFY(result->speechFound);
    QCOMPARE(stored.size(), 0); // the old take waited for it
    QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::AllAnalysed, Patience);
    QCOMPARE(stored.size(), 3); // and was analysed after it
    QVERIFY(analysis.failures().isEmpty());
}

void AnalysisServiceTest::recordOf_leavesTheJsonToTheLibrarysThread_whichStoresItWhole()
{
    const QList<qint64> ids = m_scratch->fill(1, 3);
    AnswerAnalysis analysis;
    analysis.durationMs = 3000;
    analysis.speechFound = true;
    analysis.words = {{u"we"_s, 100, 300, 0.9, false, 1},
                      {u"um"_s, 400, 900, 0.5, true, 1},
                      {u"shipped"_s, 1000, 1500, 0.8, false, 1}};
    analysis.wordsPerMinute = 120;
    const AnalysisRecord record = AnalysisService::recordOf(analysis, QDateTime::currentDateTimeUtc());
    // Nothing encoded on the caller's (GUI) thread ...
    QVERIFY(record.resultJson.isEmpty());
    QVERIFY(record.makeResultJson);
    QCOMPARE(record.transcript, u"we um shipped"_s);
    // ... and all of it stored by the library.
    PracticeLibrary library;
    wait(library.open(m_libraryFolder));
    const qint64 answerId = ids.first();
    QVERIFY(
        wait(library.run([answerId, record](LibraryStore *store) { return store->setAnalysis(answerId, record); })));
    const std::optional<AnalysisRecord> stored = analysisOf(library, answerId);
    QVERIFY(stored);
    const Expected<AnswerAnalysis> back
        = AnswerAnalysis::fromJson(QJsonDocument::fromJson(stored->resultJson).object());
    QVERIFY2(back, back ? "" : qPrintable(back.error().message));
    QCOMPARE(back->words, analysis.words);
    QCOMPARE(stored->transcript, u"we um shipped"_s);
}

void AnalysisServiceTest::killedMidAnalysis_takeStaysOnTheList_resumesAtNextStart()
{
    const QList<qint64> ids = m_scratch->fill(3, 8);
    QProcess child;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(ChildLibraryVariable), m_libraryFolder);
    child.setProcessEnvironment(environment);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY(child.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(child.canReadLine(), Patience);
    const QByteArray line = child.readLine().trimmed();
    QCOMPARE(line, "analysing " + QByteArray::number(ids.at(2)));
    child.kill(); // SIGKILL, mid-take
    QVERIFY(child.waitForFinished());
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);

    // The next start: the library opens as it was, the take cut short is still to do, and the
    // work resumes with it first.
    PracticeLibrary library;
    const PracticeLibrary::Status status = wait(library.open(m_libraryFolder));
    QVERIFY2(status.ok(), qPrintable(status.message));
    QCOMPARE(takesLeft(library), 3);
    AnalysisService analysis(&library);
    QSignalSpy stored(&analysis, &AnalysisService::analysisStored);
    QTRY_COMPARE_WITH_TIMEOUT(analysis.lastOutcome(), AnalysisService::Outcome::AllAnalysed, Patience);
    QCOMPARE(stored.size(), 3);
    QCOMPARE(stored.first().first().toLongLong(), ids.at(2));
    QCOMPARE(takesLeft(library), 0);
}

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsSet(ChildLibraryVariable))
        return runChild(argc, argv);
    QCoreApplication application(argc, argv);
    AnalysisServiceTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "analysis_service_test.moc"
