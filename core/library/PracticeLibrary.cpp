#include "PracticeLibrary.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// Moves every file of from into to, keeping the tree; renames when it can, copies otherwise.
bool moveTree(const QString &from, const QString &to, QString *error)
{
    if (QDir().exists(to) && !QDir(to).isEmpty()) {
        *error = QCoreApplication::translate("MockLoop::PracticeLibrary", "The folder %1 is not empty.")
                     .arg(QDir::toNativeSeparators(to));
        return false;
    }
    QDir().mkpath(QFileInfo(to).absolutePath());
    QDir().rmdir(to);
    if (QDir().rename(from, to))
        return true;
    // Another file system: copy everything, and remove the original only once all is copied.
    QDirIterator it(from, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    const QDir source(from);
    while (it.hasNext()) {
        const QString file = it.next();
        const QString target = QDir(to).filePath(source.relativeFilePath(file));
        QDir().mkpath(QFileInfo(target).absolutePath());
        if (!QFile::copy(file, target)) {
            *error = QCoreApplication::translate("MockLoop::PracticeLibrary", "Could not copy %1 to %2.")
                         .arg(QDir::toNativeSeparators(file), QDir::toNativeSeparators(target));
            QDir(to).removeRecursively();
            return false;
        }
    }
    QDir(from).removeRecursively();
    return true;
}

} // namespace

PracticeLibrary::PracticeLibrary(QObject *parent)
    : QObject(parent)
    , m_worker(new QObject)
{
    m_thread.setObjectName(u"practice library"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

PracticeLibrary::~PracticeLibrary()
{
    // Closing the database belongs on the thread that opened it.
    run([this](LibraryStore *) { m_store.reset(); }).waitForFinished();
    m_thread.quit();
    m_thread.wait();
}

QString PracticeLibrary::folder() const
{
    QMutexLocker locker(&m_folderMutex);
    return m_folder;
}

QFuture<PracticeLibrary::Status> PracticeLibrary::reopen(std::function<LibraryStore::OpenResult()> openStore,
                                                         const QString &folder)
{
    QFuture<Status> status = run([this, openStore = std::move(openStore), folder](LibraryStore *) {
        m_store.reset();
        LibraryStore::OpenResult result = openStore();
        m_store = std::move(result.store);
        // A library that failed to open still names the folder it is about, for its message.
        const QString current = m_store ? m_store->folder() : folder;
        {
            QMutexLocker locker(&m_folderMutex);
            m_folder = current;
        }
        return Status{result.error, result.message, current};
    });
    status.then(this, [this](const Status &opened) { Q_EMIT statusChanged(opened); });
    return status;
}

QFuture<PracticeLibrary::Status> PracticeLibrary::open(const QString &folder)
{
    if (this->folder().isEmpty()) {
        // Known from the moment it is asked for, not once the database is open: a session started
        // or resumed meanwhile (a slow disk, a long upgrade) records its takes where this library
        // keeps them, never in a folder relative to wherever the app was started from.
        QMutexLocker locker(&m_folderMutex);
        m_folder = QDir(folder).absolutePath();
    }
    return reopen([folder] { return LibraryStore::open(folder); }, folder);
}

QFuture<PracticeLibrary::Status> PracticeLibrary::startFresh()
{
    const QString folder = this->folder();
    return reopen([folder] { return LibraryStore::startFresh(folder); }, folder);
}

QFuture<PracticeLibrary::Status> PracticeLibrary::moveTo(const QString &folder)
{
    const QString from = this->folder();
    const QString to = QDir(folder).absolutePath();
    return reopen(
        [this, from, to] {
            m_store.reset(); // the database must be closed while its files move
            QString error;
            if (!moveTree(from, to, &error)) {
                LibraryStore::OpenResult stayed = LibraryStore::open(from);
                stayed.error = LibraryStore::OpenError::NotWritable;
                stayed.message = QCoreApplication::translate("MockLoop::PracticeLibrary",
                                                             "The library could not be moved: %1 It stays in %2.")
                                     .arg(error, QDir::toNativeSeparators(from));
                return stayed;
            }
            return LibraryStore::open(to);
        },
        to);
}

QFuture<std::optional<qint64>> PracticeLibrary::addAnswer(LibraryStore::NewAnswer answer)
{
    auto added = run(
        [answer = std::move(answer)](LibraryStore *store) { return store ? store->addAnswer(answer) : std::nullopt; });
    added.then(this, [this](const std::optional<qint64> &id) {
        if (id)
            Q_EMIT answerAdded(*id);
    });
    return added;
}

QFuture<bool> PracticeLibrary::addReplayRating(qint64 answerId, Rating rating)
{
    auto added = run([answerId, rating = std::move(rating)](LibraryStore *store) {
        return store && store->addReplayRating(answerId, rating);
    });
    added.then(this, [this, answerId](bool ok) {
        if (ok)
            Q_EMIT answerChanged(answerId);
    });
    return added;
}

QFuture<bool> PracticeLibrary::deleteAnswer(qint64 answerId)
{
    auto deleted = run([answerId](LibraryStore *store) { return store && store->deleteAnswer(answerId); });
    deleted.then(this, [this, answerId](bool ok) {
        if (ok)
            Q_EMIT answerDeleted(answerId);
    });
    return deleted;
}

QFuture<bool> PracticeLibrary::setNotes(qint64 answerId, QString notes)
{
    auto saved = run([answerId, notes = std::move(notes)](LibraryStore *store) {
        return store && store->setNotes(answerId, notes);
    });
    saved.then(this, [this, answerId](bool ok) {
        if (ok)
            Q_EMIT answerChanged(answerId);
    });
    return saved;
}

} // namespace MockLoop
