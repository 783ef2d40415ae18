#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace MockLoop {

// The one place where a take named by a file (the library's database, an imported session, the
// unfinished-session file) becomes a file MockLoop reads, writes or deletes. A take path is
// relative to the library folder and always has the form takes/<session>/<file>.wav; a name that
// has another form, or that leads out of <library>/takes through a symbolic link, is refused
// before anything touches the disk. The files MockLoop keeps beside a take (<take>.json,
// <take>.peaks) are reached only through the take they belong to.
class TakeFiles
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::TakeFiles)

public:
    explicit TakeFiles(QString libraryFolder);

    // takes/<session>/<file>.wav: exactly three parts, none empty, "." or "..", no backslash or
    // control character, and a .wav file. Says nothing yet about symbolic links on the disk.
    static bool isWellFormed(const QString &relativePath);

    // The absolute path of the take at relativePath, or nothing (with why set) when it is not
    // well formed or it, or the recorder's <take>.part beside it, resolves (links followed)
    // outside <library>/takes. The take need not exist.
    std::optional<QString> resolve(const QString &relativePath, QString *why = nullptr) const;

    // Deletes the take and the files beside it, if resolve() accepts it; a take already gone is
    // not an error.
    bool remove(const QString &relativePath, QString *error = nullptr) const;

private:
    QString m_libraryFolder;
};

} // namespace MockLoop
