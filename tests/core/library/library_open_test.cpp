#include "common/ApplicationIdentity.h"
#include "library/LibrarySchema.h"
#include "library/LibraryStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <unistd.h>

#include <climits>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

QByteArray fileChecksum(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// Runs SQL on a database file directly, as another program (or a flipped bit) would.
void runSql(const QString &path, const QStringList &statements)
{
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(statement));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

struct ProbeRun
{
    int exitCode = -1;
    int error = -1; // LibraryStore::OpenError, as the probe printed it
    QString message;
    QString output;
};

ProbeRun parseProbe(QProcess &process)
{
    ProbeRun run;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = QString::fromUtf8(process.readAllStandardOutput());
    const QStringList lines = run.output.split(u'\n');
    if (lines.size() >= 2 && lines.first().startsWith(u"error="_s)) {
        run.error = lines.first().mid(6).toInt();
        run.message = lines.at(1);
    }
    return run;
}

} // namespace

// Every way a library file can be unusable at open: each is told apart, with a short message that
// says what happened and what to do, and none is changed, replaced or called damaged wrongly.
class LibraryOpenTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void negativeVersion_isRefusedAsNotOurs_unchanged();
    void upgrade_fromAVersionOutOfRange_isRefused();
    void emptiedFile_isReported_notReusedAsANewLibrary();
    void folderInPlaceOfTheFile_saysSo();
    void danglingLink_saysWhereItPoints();
    void heavyDamage_givesOneShortMessage();
    void unreadableFile_saysSo();
    void readOnlyFile_isReportedAtOpen_neverPretendingSavesWork();
    void fullDisk_isToldApartFromDamage_andTheLibraryIsIntact();

private:
    QString createLibrary(int sessions = 1);
    // Runs library_probe as an unprivileged user: root may write a read-only file, so as root the
    // probe runs as nobody (setpriv). Empty when that cannot be done here (the reason in *skip).
    ProbeRun probeAsUser(const QStringList &arguments, QString *skip);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void LibraryOpenTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
}

void LibraryOpenTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString LibraryOpenTest::createLibrary(int sessions)
{
    const QString folder = m_dir->filePath(u"library"_s);
    LibraryStore::OpenResult opened = LibraryStore::open(folder);
    if (!opened.store)
        return {};
    for (int i = 0; i < sessions; ++i) {
        SessionRecord session;
        session.id = u"s%1"_s.arg(i);
        session.loopId = u"netflix"_s;
        session.loopTitle = u"A title long enough to fill pages of the sessions table quickly. "_s.repeated(8);
        session.startedAt = QDateTime::currentDateTimeUtc();
        if (!opened.store->addSession(session))
            return {};
    }
    return folder;
}

ProbeRun LibraryOpenTest::probeAsUser(const QStringList &arguments, QString *skip)
{
    QStringList command{QStringLiteral(MOCKLOOP_LIBRARY_PROBE)};
    command += arguments;
    if (geteuid() == 0) {
        const QString setpriv = QStandardPaths::findExecutable(u"setpriv"_s);
        if (setpriv.isEmpty()) {
            *skip = u"running as root, and setpriv (util-linux) is not there to run the probe as another user"_s;
            return {};
        }
        command = QStringList{setpriv, u"--reuid=65534"_s, u"--regid=65534"_s, u"--clear-groups"_s} + command;
        // nobody must reach the folder: QTemporaryDir makes it private to root.
        QFile::setPermissions(m_dir->path(), QFileDevice::Permissions(0x7777));
    }
    QProcess process;
    process.start(command.takeFirst(), command);
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
    }
    ProbeRun run = parseProbe(process);
    if (run.error < 0)
        *skip = u"the probe could not run as an unprivileged user: "_s + run.output
            + QString::fromUtf8(process.readAllStandardError());
    return run;
}

void LibraryOpenTest::negativeVersion_isRefusedAsNotOurs_unchanged()
{
    const QString folder = createLibrary();
    QVERIFY(!folder.isEmpty());
    const QString path = QDir(folder).filePath(LibraryStore::databaseFileName());
    for (const int version : {-1, INT_MIN}) {
        runSql(path, {u"PRAGMA user_version = %1"_s.arg(version)});
        const QByteArray before = fileChecksum(path);
        const LibraryStore::OpenResult opened = LibraryStore::open(folder);
        QVERIFY(!opened.store);
        QCOMPARE(opened.error, LibraryStore::OpenError::TooNew);
        QVERIFY2(opened.message.contains(u"library version %1; this MockLoop reads up to %2"_s.arg(version).arg(
                     LibraryStore::SchemaVersion))
                     && opened.message.contains(u"It has not been changed"_s),
                 qPrintable(opened.message));
        QCOMPARE(fileChecksum(path), before);
    }
}

void LibraryOpenTest::upgrade_fromAVersionOutOfRange_isRefused()
{
    const QString path = m_dir->filePath(u"any.sqlite"_s);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"range"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        for (const int from : {-1, INT_MIN, LibraryStore::SchemaVersion + 1, INT_MAX}) {
            QString error;
            QVERIFY(!LibrarySchema::upgrade(db, from, LibrarySchema::migrations(), {}, &error));
            QVERIFY2(error.contains(u"not one this MockLoop knows"_s), qPrintable(error));
        }
        QSqlQuery tables(u"SELECT count(*) FROM sqlite_schema"_s, db);
        QVERIFY(tables.next());
        QCOMPARE(tables.value(0).toInt(), 0);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"range"_s);
}

void LibraryOpenTest::emptiedFile_isReported_notReusedAsANewLibrary()
{
    const QString folder = createLibrary();
    QVERIFY(!folder.isEmpty());
    const QString path = QDir(folder).filePath(LibraryStore::databaseFileName());
    QVERIFY(QFile(path).resize(0));

    const LibraryStore::OpenResult opened = LibraryStore::open(folder);
    QVERIFY(!opened.store);
    QCOMPARE(opened.error, LibraryStore::OpenError::Corrupt);
    QVERIFY2(opened.message.contains(u"is empty (0 bytes)"_s) && opened.message.contains(u"backup"_s)
                 && opened.message.contains(u"start a fresh library"_s),
             qPrintable(opened.message));
    QCOMPARE(QFileInfo(path).size(), 0); // not quietly made into a new, empty library

    // Starting fresh is the way on: the empty file goes aside.
    QString movedTo;
    const LibraryStore::OpenResult fresh = LibraryStore::startFresh(folder, &movedTo);
    QVERIFY2(fresh.store, qPrintable(fresh.message));
    QVERIFY(QFile::exists(QDir(movedTo).filePath(LibraryStore::databaseFileName())));
}

void LibraryOpenTest::folderInPlaceOfTheFile_saysSo()
{
    const QString folder = m_dir->filePath(u"library"_s);
    QVERIFY(QDir().mkpath(QDir(folder).filePath(LibraryStore::databaseFileName())));
    const LibraryStore::OpenResult opened = LibraryStore::open(folder);
    QVERIFY(!opened.store);
    QCOMPARE(opened.error, LibraryStore::OpenError::NotALibrary);
    QVERIFY2(opened.message.contains(u"there is a folder"_s) && opened.message.contains(u"Move the folder away"_s),
             qPrintable(opened.message));
    QVERIFY(!opened.message.contains(u"unable to open database file"_s));
}

void LibraryOpenTest::danglingLink_saysWhereItPoints()
{
    const QString folder = m_dir->filePath(u"library"_s);
    QVERIFY(QDir().mkpath(folder));
    const QString target = m_dir->filePath(u"unplugged-disk/library.sqlite"_s);
    const QString path = QDir(folder).filePath(LibraryStore::databaseFileName());
    QVERIFY(QFile::link(target, path));

    const LibraryStore::OpenResult opened = LibraryStore::open(folder);
    QVERIFY(!opened.store);
    QCOMPARE(opened.error, LibraryStore::OpenError::Unreadable);
    QVERIFY2(opened.message.contains(target) && opened.message.contains(u"does not exist"_s),
             qPrintable(opened.message));
    QVERIFY(!QFile::exists(target)); // nothing was created at the other end of the link
}

void LibraryOpenTest::heavyDamage_givesOneShortMessage()
{
    const QString folder = createLibrary(400);
    QVERIFY(!folder.isEmpty());
    const QString path = QDir(folder).filePath(LibraryStore::databaseFileName());
    // Garbage in the cell pointers of every page of the sessions table (the schema left whole):
    // quick_check lists dozens of problems, one line each.
    QList<qint64> pages;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"pages"_s);
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery query(u"SELECT pageno FROM dbstat WHERE name = 'sessions' "
                        "AND pagetype = 'leaf'"_s,
                        db);
        QVERIFY2(query.isActive(), qPrintable(query.lastError().text()));
        while (query.next())
            pages << query.value(0).toLongLong();
        db.close();
    }
    QSqlDatabase::removeDatabase(u"pages"_s);
    QVERIFY2(pages.size() > 20, qPrintable(u"the library has pages enough to damage: %1"_s.arg(pages.size())));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    for (const qint64 page : std::as_const(pages)) {
        file.seek((page - 1) * 4096 + 8);
        file.write(QByteArray(24, '\xFF'));
    }
    file.close();

    const LibraryStore::OpenResult opened = LibraryStore::open(folder);
    QVERIFY(!opened.store);
    QCOMPARE(opened.error, LibraryStore::OpenError::Corrupt);
    qInfo("%s", qPrintable(opened.message));
    QVERIFY2(!opened.message.contains(u'\n') && opened.message.size() < 500, qPrintable(opened.message));
    QVERIFY2(opened.message.contains(u"is damaged"_s) && opened.message.contains(u"more problem"_s),
             qPrintable(opened.message));
}

void LibraryOpenTest::unreadableFile_saysSo()
{
    const QString folder = createLibrary();
    QVERIFY(!folder.isEmpty());
    const QString path = QDir(folder).filePath(LibraryStore::databaseFileName());
    QFile::setPermissions(folder, QFileDevice::Permissions(0x7777));
    QVERIFY(QFile::setPermissions(path, QFileDevice::Permissions()));
    QString skip;
    const ProbeRun run = probeAsUser({u"open"_s, folder}, &skip);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    QCOMPARE(run.error, int(LibraryStore::OpenError::Unreadable));
    QVERIFY2(run.message.contains(u"cannot be read by your user"_s) && run.message.contains(path),
             qPrintable(run.output));
    QVERIFY(!run.message.contains(u"unable to open database file"_s));
}

void LibraryOpenTest::readOnlyFile_isReportedAtOpen_neverPretendingSavesWork()
{
    const QString folder = createLibrary();
    QVERIFY(!folder.isEmpty());
    const QString path = QDir(folder).filePath(LibraryStore::databaseFileName());
    // The folder may be written (a new file could go there), the database file may not.
    QFile::setPermissions(folder, QFileDevice::Permissions(0x7777));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther));
    const QByteArray before = fileChecksum(path);
    QString skip;
    const ProbeRun run = probeAsUser({u"open"_s, folder}, &skip);
    if (!skip.isEmpty())
        QSKIP(qPrintable(skip));
    QCOMPARE(run.error, int(LibraryStore::OpenError::ReadOnly));
    QVERIFY2(run.message.contains(path) && run.message.contains(u"read-only"_s)
                 && run.message.contains(u"choose another library folder"_s),
             qPrintable(run.output));
    QVERIFY2(!run.output.contains(u"save failed"_s), "the library opened and a save was tried");
    QCOMPARE(fileChecksum(path), before);
}

void LibraryOpenTest::fullDisk_isToldApartFromDamage_andTheLibraryIsIntact()
{
    // A disk of its own, 1 MB, in a private mount namespace (as root, or through a user
    // namespace): the library is made on it, the disk is filled, and the library opened.
    const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
    if (unshare.isEmpty())
        QSKIP("unshare (util-linux) is not installed");
    const QString disk = m_dir->filePath(u"disk"_s);
    QVERIFY(QDir().mkpath(disk));
    const QString probe = QStringLiteral(MOCKLOOP_LIBRARY_PROBE);
    const QString script = uR"(set -e
mount -t tmpfs -o size=1m tmpfs "$1"
"$2" create "$1/library" >/dev/null
head -c 2000000 /dev/zero > "$1/filler" 2>/dev/null || true
echo "--- full"
"$2" open "$1/library" || true
rm "$1/filler"
echo "--- space again"
"$2" count "$1/library"
)"_s;
    QStringList arguments{u"--mount"_s};
    if (geteuid() != 0)
        arguments += {u"--user"_s, u"--map-root-user"_s};
    arguments += {u"sh"_s, u"-c"_s, script, u"sh"_s, disk, probe};
    QProcess process;
    process.start(unshare, arguments);
    QVERIFY(process.waitForFinished(60000));
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    if (!output.contains(u"--- full"_s))
        QSKIP(qPrintable(u"cannot mount a small disk here: "_s + errors.trimmed()));
    qInfo("%s", qPrintable(output));

    const QString full = output.section(u"--- full\n"_s, 1).section(u"--- space again"_s, 0, 0);
    QVERIFY2(full.startsWith(u"error=%1\n"_s.arg(int(LibraryStore::OpenError::DiskFull))), qPrintable(output));
    QVERIFY2(full.contains(u"is full"_s) && full.contains(u"not damaged"_s) && full.contains(u"free some space"_s),
             qPrintable(full));
    QVERIFY2(!full.contains(u"damaged (") && !full.contains(u"start a fresh library"_s), qPrintable(full));
    // With space again the same library opens, with what it held.
    const QString again = output.section(u"--- space again\n"_s, 1);
    QVERIFY2(again.startsWith(u"error=0\n"_s) && again.contains(u"sessions=1"_s), qPrintable(output + errors));
}

QTEST_GUILESS_MAIN(LibraryOpenTest)
#include "library_open_test.moc"
