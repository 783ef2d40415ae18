#include "FileSync.h"

#include <QFile>
#include <QFileInfo>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#endif

namespace MockLoop::FileSync {

bool syncData(QFile &file, QString *error)
{
#ifdef Q_OS_UNIX
    if (::fdatasync(file.handle()) == 0)
        return true;
    if (error)
        *error = QString::fromLocal8Bit(std::strerror(errno));
    return false;
#else
    if (file.flush())
        return true;
    if (error)
        *error = file.errorString();
    return false;
#endif
}

void syncFolder(const QString &folderPath)
{
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(folderPath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(folderPath);
#endif
}

bool tryLockExclusive(QFile &file)
{
#ifdef Q_OS_UNIX
    return ::flock(file.handle(), LOCK_EX | LOCK_NB) == 0;
#else
    Q_UNUSED(file);
    return true;
#endif
}

bool isSymbolicLink(const QString &path)
{
    return QFileInfo(path).isSymLink();
}

void removeSymbolicLink(const QString &path)
{
    if (isSymbolicLink(path))
        QFile::remove(path);
}

} // namespace MockLoop::FileSync
