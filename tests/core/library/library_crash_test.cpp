#include "common/ApplicationIdentity.h"
#include "library/LibraryStore.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

int scalar(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery query(sql, db);
    return query.next() ? query.value(0).toInt() : -1;
}

} // namespace

// A writer killed with SIGKILL in the middle of its transactions, twenty times over, must leave
// a library that is intact and holds only whole answers, and every answer it reported committed.
class LibraryCrashTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { applyApplicationIdentity(*QCoreApplication::instance()); }
    void killedWriter_leavesWholeAnswersOnly();
};

void LibraryCrashTest::killedWriter_leavesWholeAnswersOnly()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(u"library"_s);
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("random kill points from seed %u", seed);
    QRandomGenerator random(seed);
    int reportedCommitted = 0;

    for (int kill = 1; kill <= 20; ++kill) {
        QProcess writer;
        writer.setProgram(QStringLiteral(MOCKLOOP_LIBRARY_WRITER));
        writer.setArguments({folder});
        writer.setProcessChannelMode(QProcess::SeparateChannels);
        writer.start();
        QVERIFY(writer.waitForStarted());
        // Let it commit a random number of answers, then kill it wherever it is.
        const int commits = 1 + int(random.bounded(40));
        int seen = 0;
        QByteArray pending;
        while (seen < commits) {
            QVERIFY2(writer.waitForReadyRead(10000), qPrintable(QString::fromUtf8(writer.readAllStandardError())));
            pending += writer.readAllStandardOutput();
            seen += int(pending.count("committed"));
            pending = pending.mid(pending.lastIndexOf('\n') + 1);
        }
        writer.kill(); // SIGKILL
        QVERIFY(writer.waitForFinished(10000));
        reportedCommitted += seen;

        LibraryStore::OpenResult opened = LibraryStore::open(folder);
        QVERIFY2(opened.store, qPrintable(opened.message));
        opened.store.reset();

        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"check"_s);
        {
            db.setDatabaseName(folder + u"/library.sqlite"_s);
            QVERIFY(db.open());
            QSqlQuery integrity(u"PRAGMA integrity_check"_s, db);
            QVERIFY(integrity.next());
            QCOMPARE(integrity.value(0).toString(), u"ok"_s);
            const int halfWritten = scalar(db, uR"(SELECT count(*) FROM answers a WHERE
                (SELECT count(*) FROM ratings r WHERE r.answer_id = a.id) <> 1
                OR (SELECT count(*) FROM rating_scores s JOIN ratings r ON r.id = s.rating_id
                    WHERE r.answer_id = a.id) <> 5
                OR (SELECT count(*) FROM rating_red_flags f JOIN ratings r ON r.id = f.rating_id
                    WHERE r.answer_id = a.id) <> 2
                OR (SELECT count(*) FROM recordings c WHERE c.answer_id = a.id) <> 1
                OR a.has_recording <> 1 OR a.latest_score IS NULL)"_s);
            QCOMPARE(halfWritten, 0);
            QCOMPARE(scalar(db, u"SELECT count(*) FROM ratings WHERE answer_id NOT IN (SELECT id FROM answers)"_s), 0);
            QCOMPARE(scalar(db, u"SELECT count(*) FROM recordings WHERE answer_id NOT IN (SELECT id FROM answers)"_s),
                     0);
            const int stored = scalar(db, u"SELECT count(*) FROM answers"_s);
            QVERIFY2(stored >= reportedCommitted,
                     qPrintable(u"%1 answers stored, %2 reported committed"_s.arg(stored).arg(reportedCommitted)));
            db.close();
        }
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(u"check"_s);
    }
}

QTEST_GUILESS_MAIN(LibraryCrashTest)
#include "library_crash_test.moc"
