#pragma once

#include "LibraryStore.h"

#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QPromise>
#include <QThread>

#include <memory>

namespace MockLoop {

// The practice library for the app: every call runs on the library's own worker thread (SQLite
// connections belong to one thread) and returns a QFuture, so the GUI thread never waits on the
// disk. Calls run in the order they were made.
class PracticeLibrary : public QObject
{
    Q_OBJECT

public:
    struct Status
    {
        LibraryStore::OpenError error = LibraryStore::OpenError::None;
        QString message;
        QString folder;

        bool ok() const { return error == LibraryStore::OpenError::None; }
    };

    explicit PracticeLibrary(QObject *parent = nullptr);
    ~PracticeLibrary() override; // finishes queued calls, then closes the database

    // Opens (or creates) the library in folder, closing the one open before.
    QFuture<Status> open(const QString &folder);
    // Moves the damaged database aside and opens a fresh library in the same folder.
    QFuture<Status> startFresh();
    // Moves the whole library (database and takes) to folder and opens it there.
    QFuture<Status> moveTo(const QString &folder);
    // The folder of the library open now: the last one opened, or the one a failed move left it in;
    // from the first open() on, before its database is open, the folder asked for.
    QString folder() const;

    // Runs function(store) on the worker thread; store is null when no library is open, and the
    // result is then function's value for null.
    template<typename Function> auto run(Function function) -> QFuture<std::invoke_result_t<Function, LibraryStore *>>
    {
        using Result = std::invoke_result_t<Function, LibraryStore *>;
        auto promise = std::make_shared<QPromise<Result>>();
        QFuture<Result> future = promise->future();
        promise->start();
        QMetaObject::invokeMethod(
            m_worker,
            [this, promise, function = std::move(function)]() mutable {
                if constexpr (std::is_void_v<Result>) {
                    function(m_store.get());
                } else {
                    promise->addResult(function(m_store.get()));
                }
                promise->finish();
            },
            Qt::QueuedConnection);
        return future;
    }

    // The common calls, which also tell listeners what changed.
    QFuture<std::optional<qint64>> addAnswer(LibraryStore::NewAnswer answer);
    QFuture<bool> addReplayRating(qint64 answerId, Rating rating);
    QFuture<bool> deleteAnswer(qint64 answerId);
    QFuture<bool> setNotes(qint64 answerId, QString notes);

Q_SIGNALS:
    void statusChanged(const MockLoop::PracticeLibrary::Status &status);
    void answerAdded(qint64 answerId);
    void answerChanged(qint64 answerId);
    void answerDeleted(qint64 answerId);

private:
    QFuture<Status> reopen(std::function<LibraryStore::OpenResult()> openStore, const QString &folder);

    QThread m_thread;
    QObject *m_worker = nullptr; // lives in m_thread; owns nothing, runs calls
    std::unique_ptr<LibraryStore> m_store; // used only on m_thread
    mutable QMutex m_folderMutex;
    QString m_folder; // written on m_thread, read anywhere
};

} // namespace MockLoop
