// Opening the practice library: every way the database file can be missing, unreadable, read-only,
// damaged, foreign, too new or on a full disk is told apart here, each with a message that says
// what happened and what to do. A library that could be intact is never called damaged.

#include "LibrarySchema.h"
#include "LibraryStore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStorageInfo>

#include <atomic>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

using OpenError = LibraryStore::OpenError;

std::atomic<int> connectionCounter{0};

// SQLite's primary result codes, as Qt's driver reports them in nativeErrorCode().
constexpr int SqliteBusy = 5;
constexpr int SqliteIoError = 10;
constexpr int SqliteFull = 13;
constexpr int SqliteReadOnly = 8;
constexpr int SqliteCantOpen = 14;

// Below this much free space an I/O error at open is taken for a full disk: SQLite needs room for
// its shared-memory index and write-ahead log even to read a library.
constexpr qint64 NearlyFullBytes = 1024 * 1024;

// A damage report keeps its first problem; PRAGMA quick_check can list a hundred.
constexpr qsizetype MaxReasonLength = 160;

int primaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xFF : -1;
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

QString shortened(QString reason)
{
    reason = reason.simplified();
    if (reason.size() > MaxReasonLength)
        reason = reason.left(MaxReasonLength - 1) + u'…';
    return reason;
}

struct Failure
{
    OpenError error = OpenError::None;
    QString message;
};

Failure damaged(const QString &path, const QString &reason)
{
    return {OpenError::Corrupt,
            LibraryStore::tr("The practice library %1 is damaged (%2). It has not been changed. You can start a "
                             "fresh library beside it; your recordings stay in the folder and can be recovered.")
                .arg(native(path), shortened(reason))};
}

Failure diskFull(const QString &path)
{
    return {OpenError::DiskFull,
            LibraryStore::tr("The disk holding the practice library %1 is full, so the library could not be opened. "
                             "The library itself is not damaged and nothing in it was changed: free some space on "
                             "that disk, then start MockLoop again.")
                .arg(native(path))};
}

Failure readOnly(const QString &path)
{
    return {OpenError::ReadOnly,
            LibraryStore::tr("The practice library %1 is read-only, so nothing you practise could be saved in it. "
                             "Make the file writable for your user (chmod u+w), or choose another library folder "
                             "in Settings. Nothing in it was changed.")
                .arg(native(path))};
}

bool isDiskFull(const QSqlError &error, const QString &folder)
{
    const int code = primaryCode(error);
    if (code == SqliteFull)
        return true;
    const QStorageInfo storage(folder);
    return code == SqliteIoError && storage.isValid() && storage.bytesAvailable() < NearlyFullBytes;
}

// What a failed statement at open means: a full disk and a read-only file are not damage.
Failure classify(const QSqlError &error, const QString &path, const QString &folder)
{
    if (isDiskFull(error, folder))
        return diskFull(path);
    if (primaryCode(error) == SqliteReadOnly)
        return readOnly(path);
    if (primaryCode(error) == SqliteCantOpen) {
        return {OpenError::Unreadable,
                LibraryStore::tr("The practice library %1 could not be opened (%2). Check that the file and its "
                                 "folder can be read and written by your user, or choose another library folder in "
                                 "Settings.")
                    .arg(native(path), shortened(error.databaseText()))};
    }
    return damaged(path, error.databaseText().isEmpty() ? error.text() : error.databaseText());
}

// Looks at the file before SQLite does: SQLite would create a new library in place of a dangling
// link, reuse an emptied file as a new library, or say only "unable to open database file".
Failure checkFile(const QString &path, const QString &folder)
{
    const QFileInfo info(path);
    if (info.isSymLink() && !info.exists()) {
        return {OpenError::Unreadable,
                LibraryStore::tr("The practice library %1 is a link to %2, which does not exist: was it on a disk "
                                 "that is not connected now? Connect it, or remove the link to start a new library "
                                 "there, or choose another library folder in Settings.")
                    .arg(native(path), native(info.symLinkTarget()))};
    }
    if (!info.exists())
        return {};
    if (info.isDir()) {
        return {OpenError::NotALibrary,
                LibraryStore::tr("In place of the practice library file %1 there is a folder. Nothing was changed. "
                                 "Move the folder away, or choose another library folder in Settings.")
                    .arg(native(path))};
    }
    if (!info.isReadable()) {
        return {OpenError::Unreadable,
                LibraryStore::tr("The practice library %1 cannot be read by your user. Nothing was changed. Give "
                                 "your user read and write access to it (chmod u+rw), or choose another library "
                                 "folder in Settings.")
                    .arg(native(path))};
    }
    if (!info.isWritable())
        return readOnly(path);
    if (info.size() == 0 && QFileInfo(path + u"-wal"_s).size() == 0) {
        return {OpenError::Corrupt,
                LibraryStore::tr("The practice library %1 is empty (0 bytes): what it held was lost, perhaps when "
                                 "the disk filled up or a copy was cut short. It has not been changed. Put a backup "
                                 "in its place (library-v…-backup files in %2 are copies from before upgrades), or "
                                 "start a fresh library; your recordings stay in the folder and can be recovered.")
                    .arg(native(path), native(folder))};
    }
    return {};
}

// Checks, sets up and migrates an open connection. Its queries end with it, so the connection can
// be dropped when it fails.
Failure initialise(QSqlDatabase &db, const QString &folder, bool existed)
{
    const QString path = db.databaseName();
    QSqlQuery query(db);
    // Reading the header is where SQLite notices a file that is not a database at all, and where
    // a full disk first shows (the write-ahead log's index needs space even to read).
    if (!query.exec(u"PRAGMA application_id"_s) || !query.next())
        return classify(query.lastError(), path, folder);
    const qint64 applicationId = query.value(0).toLongLong();
    query.exec(u"PRAGMA user_version"_s);
    query.next();
    const int version = query.value(0).toInt();
    query.exec(u"SELECT count(*) FROM sqlite_schema"_s);
    query.next();
    const int objects = query.value(0).toInt();

    if (objects > 0 && applicationId != LibrarySchema::ApplicationId) {
        return {OpenError::NotALibrary,
                LibraryStore::tr("%1 is a database of another program, not a MockLoop practice library. It has not "
                                 "been changed. Choose another library folder in Settings.")
                    .arg(native(path))};
    }
    // A negative version is no version any MockLoop wrote (one flipped bit makes 1 negative): like
    // a newer one, it is not this MockLoop's to read or migrate.
    if (version > LibraryStore::SchemaVersion || version < 0) {
        return {OpenError::TooNew,
                LibraryStore::tr("The practice library %1 was written by a newer version of MockLoop (library "
                                 "version %2; this MockLoop reads up to %3). It has not been changed. Update "
                                 "MockLoop, or start a fresh library in another folder.")
                    .arg(native(path))
                    .arg(version)
                    .arg(LibraryStore::SchemaVersion)};
    }
    if (!query.exec(u"PRAGMA quick_check"_s))
        return classify(query.lastError(), path, folder);
    // One problem per line; a row may hold many, under a "*** in database main ***" heading.
    QStringList problems;
    while (query.next())
        problems += query.value(0).toString().split(u'\n', Qt::SkipEmptyParts);
    problems.removeIf([](const QString &line) { return line.startsWith(u"***"_s); });
    if (problems != QStringList{u"ok"_s}) {
        QString reason = problems.value(0);
        if (problems.size() > 1)
            reason = LibraryStore::tr("%1; and %n more problem(s)", nullptr, int(problems.size() - 1))
                         .arg(shortened(reason));
        return damaged(path, reason);
    }
    for (const char *pragma :
         {"PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"}) {
        if (!query.exec(QString::fromLatin1(pragma))) {
            const Failure failure = classify(query.lastError(), path, folder);
            if (failure.error != OpenError::Corrupt)
                return failure;
            return {OpenError::Failed,
                    LibraryStore::tr("The practice library %1 could not be set up: %2")
                        .arg(native(path), shortened(query.lastError().databaseText()))};
        }
    }
    // SQLite quietly opens a file it may not write read-only; every save would then fail. Taking
    // the write lock, and giving it back untouched, is how to find out before anything is lost.
    // (Busy means another MockLoop holds the lock to write: writable, then.)
    if (query.exec(u"BEGIN IMMEDIATE"_s))
        query.exec(u"ROLLBACK"_s);
    else if (primaryCode(query.lastError()) != SqliteBusy)
        return classify(query.lastError(), path, folder);
    if (version < LibraryStore::SchemaVersion) {
        // A copy before every migration of an existing library: a migration that goes wrong must
        // not cost the history.
        const QString backup = existed && version > 0
            ? QDir(folder).filePath(u"library-v%1-backup-%2.sqlite"_s.arg(version).arg(
                QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s)))
            : QString();
        QString error;
        if (!LibrarySchema::upgrade(db, version, LibrarySchema::migrations(), backup, &error)) {
            if (isDiskFull(db.lastError(), folder) || error.contains(u"disk is full"_s))
                return diskFull(path);
            return {OpenError::Failed,
                    LibraryStore::tr("Could not update the practice library %1: %2. It was left as it was.")
                        .arg(native(path), shortened(error))};
        }
    }
    return {};
}

} // namespace

LibraryStore::OpenResult LibraryStore::open(const QString &folder)
{
    OpenResult result;
    if (!QDir().mkpath(folder) || !QFileInfo(folder).isWritable()) {
        result.error = OpenError::NotWritable;
        result.message = tr("The practice library folder %1 cannot be created or written. Choose another folder in "
                            "Settings, or make this one writable.")
                             .arg(native(folder));
        return result;
    }
    const QString path = QDir(folder).filePath(databaseFileName());
    if (const Failure failure = checkFile(path, folder); failure.error != OpenError::None) {
        result.error = failure.error;
        result.message = failure.message;
        return result;
    }
    const bool existed = QFileInfo::exists(path);
    const QString connectionName = u"mockloop-library-%1"_s.arg(connectionCounter.fetch_add(1));
    result.store.reset(new LibraryStore(folder, connectionName));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName);
        db.setDatabaseName(path);
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
        Failure failure;
        if (!db.open())
            failure = classify(db.lastError(), path, folder);
        else
            failure = initialise(db, folder, existed);
        result.error = failure.error;
        result.message = failure.message;
        if (result.error != OpenError::None)
            db.close();
    }
    if (result.error != OpenError::None)
        result.store.reset();
    return result;
}

LibraryStore::OpenResult LibraryStore::startFresh(const QString &folder, QString *movedTo)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s);
    const QString aside = QDir(folder).filePath(u"damaged-"_s + stamp);
    QDir().mkpath(aside);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        const QString file = QDir(folder).filePath(databaseFileName() + suffix);
        const QFileInfo info(file);
        if ((info.exists() || info.isSymLink())
            && !QFile::rename(file, QDir(aside).filePath(databaseFileName() + suffix))) {
            OpenResult result;
            result.error = OpenError::NotWritable;
            result.message = tr("Could not move the damaged library %1 aside. Move or delete it yourself, then "
                                "try again.")
                                 .arg(native(file));
            return result;
        }
    }
    if (movedTo)
        *movedTo = aside;
    return open(folder);
}

} // namespace MockLoop
