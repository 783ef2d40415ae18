#pragma once

#include "SessionSnapshot.h"

#include <QFuture>
#include <QMutex>
#include <QString>
#include <QThreadPool>

namespace MockLoop {

// Where the session engine keeps the progress of an unfinished session.
class SessionStore
{
public:
    virtual ~SessionStore() = default;

    virtual void save(const SessionSnapshot &snapshot) = 0;
    // The session finished: nothing is left to resume.
    virtual void clear() = 0;
};

// Keeps the unfinished session in one JSON file, written atomically (a crash leaves the previous
// save or the new one, never half of each) on a worker thread: saving never makes the caller
// wait on the disk. Saves are written in order; a newer save replaces one not yet written.
class FileSessionStore : public SessionStore
{
public:
    explicit FileSessionStore(QString filePath);
    ~FileSessionStore() override; // waits for the last write

    // <application data>/unfinished-session.json
    static QString defaultFilePath();

    const QString &filePath() const { return m_filePath; }
    void save(const SessionSnapshot &snapshot) override;
    void clear() override;
    // Blocks until everything saved so far is on disk; for shutdown and tests.
    void waitForWrites();
    // The last write error, if the last write failed; empty otherwise.
    QString lastError() const;

    // Reads the unfinished session at filePath, if there is one. Missing file: null, no error.
    static std::optional<SessionSnapshot> load(const QString &filePath, QString *error = nullptr);
    // load(), for resuming: a file that cannot be resumed (damaged, from another version, or
    // not holding together) is moved aside to <name>-damaged-<time>.json, never half-restored nor
    // lost, and error says so and where it went.
    static std::optional<SessionSnapshot> loadForResume(const QString &filePath, QString *error = nullptr);

private:
    void writePending();

    QString m_filePath;
    QThreadPool m_writer;
    mutable QMutex m_mutex;
    std::optional<QByteArray> m_pending; // the newest unwritten save; empty bytes: remove the file
    bool m_writeQueued = false;
    QString m_lastError;
};

} // namespace MockLoop
