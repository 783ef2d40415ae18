#pragma once

#include <QString>

class QFile;

namespace MockLoop::FileSync {

// fdatasync(2) on an open file: its data reaches the disk. Returns false and sets errno-based
// text in error when the system reports a failure.
bool syncData(QFile &file, QString *error = nullptr);

// fsync(2) on a folder, so that a file created or renamed in it survives a power cut.
void syncFolder(const QString &folderPath);

// An advisory exclusive lock (flock) on an open file, held until the file is closed. Another
// open of the same file, in this process or another, cannot take it meanwhile. A process that
// dies releases it.
bool tryLockExclusive(QFile &file);

// The files MockLoop keeps beside a take (its sidecar, its waveform cache) are only ever read and
// written as themselves: a symbolic link in their place, which could lead outside the library, is
// never followed. isSymbolicLink() tells a reader to leave it; removeSymbolicLink() clears the
// place before a write, so QSaveFile (which follows links) writes a plain file there.
bool isSymbolicLink(const QString &path);
void removeSymbolicLink(const QString &path);

} // namespace MockLoop::FileSync
