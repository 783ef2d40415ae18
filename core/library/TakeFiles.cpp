#include "TakeFiles.h"

#include "audio/TakeInfo.h"
#include "audio/WavWriter.h"
#include "audio/WaveformPeaks.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr auto TakesFolder = "takes"_L1;

bool isPlainPart(QStringView part)
{
    if (part.isEmpty() || part == u"." || part == u"..")
        return false;
    return std::none_of(part.begin(), part.end(),
                        [](QChar c) { return c == u'\\' || c.category() == QChar::Other_Control; });
}

// The path with every symbolic link resolved, for a file that may not exist yet: its deepest
// existing folder is resolved, and the rest appended as it is.
QString resolvedPath(const QString &path)
{
    QFileInfo info(path);
    if (info.exists() || info.isSymLink())
        return info.isSymLink() && !info.exists() ? QString() : info.canonicalFilePath();
    const QString parent = resolvedPath(info.absolutePath());
    return parent.isEmpty() ? QString() : parent + u'/' + info.fileName();
}

} // namespace

TakeFiles::TakeFiles(QString libraryFolder)
    : m_libraryFolder(std::move(libraryFolder))
{ }

bool TakeFiles::isWellFormed(const QString &relativePath)
{
    const QList<QStringView> parts = QStringView(relativePath).split(u'/');
    return parts.size() == 3 && parts.at(0) == TakesFolder && isPlainPart(parts.at(1)) && isPlainPart(parts.at(2))
        && parts.at(2).endsWith(u".wav"_s) && parts.at(2).size() > 4;
}

std::optional<QString> TakeFiles::resolve(const QString &relativePath, QString *why) const
{
    const auto refuse = [why, &relativePath](const QString &reason) -> std::optional<QString> {
        if (why)
            *why = tr("the recording %1 %2").arg(relativePath, reason);
        return std::nullopt;
    };
    if (!isWellFormed(relativePath))
        return refuse(tr("is not a take of this library (a take is takes/<session>/<name>.wav)"));
    const QString path = QDir(m_libraryFolder).filePath(relativePath);
    const QString takes = resolvedPath(QDir(m_libraryFolder).filePath(TakesFolder));
    // The recorder's partial file beside it (written, continued and repaired as the take) too.
    for (const QString &file : {path, WavWriter::partPath(path)}) {
        const QString resolved = resolvedPath(file);
        if (takes.isEmpty() || resolved.isEmpty() || !resolved.startsWith(takes + u'/'))
            return refuse(tr("leads outside the library's takes folder"));
    }
    return path;
}

bool TakeFiles::remove(const QString &relativePath, QString *error) const
{
    QString why;
    const std::optional<QString> path = resolve(relativePath, &why);
    if (!path) {
        if (error)
            *error = tr("Not deleted: %1.").arg(why);
        return false;
    }
    QFile take(*path);
    if (take.exists() && !take.remove()) {
        if (error)
            *error = tr("Could not delete %1: %2").arg(QDir::toNativeSeparators(*path), take.errorString());
        return false;
    }
    // Beside a take inside the library, so inside it too (resolve() checked the folder).
    QFile::remove(TakeInfo::sidecarPath(*path));
    QFile::remove(WaveformPeaks::cachePath(*path));
    return true;
}

} // namespace MockLoop
