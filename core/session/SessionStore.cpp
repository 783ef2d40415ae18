#include "SessionStore.h"

#include "common/ApplicationIdentity.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcSessionStore, "mockloop.session.store")

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MockLoop::FileSessionStore", text);
}

} // namespace

FileSessionStore::FileSessionStore(QString filePath)
    : m_filePath(std::move(filePath))
{
    m_writer.setMaxThreadCount(1);
}

FileSessionStore::~FileSessionStore()
{
    waitForWrites();
}

QString FileSessionStore::defaultFilePath()
{
    return dataFolder() + u"/unfinished-session.json"_s;
}

void FileSessionStore::save(const SessionSnapshot &snapshot)
{
    QByteArray json = snapshot.toJson();
    QMutexLocker locker(&m_mutex);
    m_pending = std::move(json);
    if (!m_writeQueued) {
        m_writeQueued = true;
        m_writer.start([this] { writePending(); });
    }
}

void FileSessionStore::clear()
{
    QMutexLocker locker(&m_mutex);
    m_pending = QByteArray();
    if (!m_writeQueued) {
        m_writeQueued = true;
        m_writer.start([this] { writePending(); });
    }
}

void FileSessionStore::waitForWrites()
{
    m_writer.waitForDone();
}

QString FileSessionStore::lastError() const
{
    QMutexLocker locker(&m_mutex);
    return m_lastError;
}

void FileSessionStore::writePending()
{
    QByteArray data;
    {
        QMutexLocker locker(&m_mutex);
        data = m_pending.value_or(QByteArray());
        m_pending.reset();
        m_writeQueued = false;
    }
    QString error;
    if (data.isEmpty()) {
        if (QFile::exists(m_filePath) && !QFile::remove(m_filePath))
            error = tr("Could not remove %1.").arg(QDir::toNativeSeparators(m_filePath));
    } else {
        QDir().mkpath(QFileInfo(m_filePath).absolutePath());
        QSaveFile file(m_filePath);
        if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size() || !file.commit()) {
            error = tr("Could not save the session's progress to %1: %2")
                        .arg(QDir::toNativeSeparators(m_filePath), file.errorString());
        }
    }
    if (!error.isEmpty())
        qCWarning(lcSessionStore).noquote() << error;
    QMutexLocker locker(&m_mutex);
    m_lastError = error;
}

std::optional<SessionSnapshot> FileSessionStore::load(const QString &filePath, QString *error)
{
    QFile file(filePath);
    if (!file.exists())
        return std::nullopt;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Could not read the unfinished session in %1: %2")
                         .arg(QDir::toNativeSeparators(filePath), file.errorString());
        return std::nullopt;
    }
    QString reason;
    auto snapshot = SessionSnapshot::fromJson(file.readAll(), &reason);
    if (!snapshot && error)
        *error
            = tr("Could not resume the unfinished session in %1: %2").arg(QDir::toNativeSeparators(filePath), reason);
    return snapshot;
}

std::optional<SessionSnapshot> FileSessionStore::loadForResume(const QString &filePath, QString *error)
{
    QString reason;
    std::optional<SessionSnapshot> snapshot = load(filePath, &reason);
    if (snapshot || reason.isEmpty() || !QFile::exists(filePath))
        return snapshot;
    const QFileInfo info(filePath);
    const QString aside = info.dir().filePath(u"%1-damaged-%2.json"_s.arg(
        info.completeBaseName(), QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss-zzz"_s)));
    if (QFile::rename(filePath, aside))
        reason += u' '
            + tr("It was kept aside as %1; a session can be started as usual.").arg(QDir::toNativeSeparators(aside));
    if (error)
        *error = reason;
    return std::nullopt;
}

} // namespace MockLoop
