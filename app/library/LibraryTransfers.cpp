#include "LibraryTransfers.h"

#include "library/PracticeLibrary.h"
#include "library/SessionImport.h"

#include <QDesktopServices>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QString s_filePathForTests; // see LibraryTransfers::setFilePathForTests

struct FileResult
{
    bool ok = false;
    QString error;
    int count = 0;
    QString sessionId;
};

QString libraryNotOpen()
{
    return QCoreApplication::translate("MockLoop::LibraryTransfers", "The library is not open.");
}

} // namespace

LibraryTransfers::LibraryTransfers(PracticeLibrary *library, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_library(library)
    , m_dialogParent(dialogParent)
{ }

void LibraryTransfers::setFilePathForTests(const QString &path)
{
    s_filePathForTests = path;
}

QString LibraryTransfers::chooseSaveFile(const QString &title, const QString &fileName, const QString &filter)
{
    if (!s_filePathForTests.isEmpty())
        return s_filePathForTests;
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileDialog::getSaveFileName(m_dialogParent, title, QDir(folder).filePath(fileName), filter);
}

QString LibraryTransfers::chooseOpenFile(const QString &title, const QString &filter)
{
    if (!s_filePathForTests.isEmpty())
        return s_filePathForTests;
    return QFileDialog::getOpenFileName(m_dialogParent, title,
                                        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation), filter);
}

void LibraryTransfers::exportCsv(const AnswerFilter &filter, const LibraryStore::RedFlagName &redFlagName)
{
    const QString path = chooseSaveFile(tr("Export Answers to CSV"),
                                        u"mockloop-answers-%1.csv"_s.arg(QDate::currentDate().toString(Qt::ISODate)),
                                        tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    m_library
        ->run([filter, path, redFlagName](LibraryStore *store) {
            FileResult result;
            if (!store) {
                result.error = libraryNotOpen();
                return result;
            }
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) {
                result.error = file.errorString();
                return result;
            }
            if (!store->exportCsv(filter, &file, redFlagName)) {
                file.cancelWriting();
                result.error = store->lastError();
                return result;
            }
            if (!file.commit()) {
                result.error = file.errorString();
                return result;
            }
            result.ok = true;
            result.count = store->countAnswers(filter);
            return result;
        })
        .then(this, [this, path](const FileResult &result) {
            if (result.ok) {
                Q_EMIT noticeReady(
                    tr("Exported %n answer(s) to %1.", nullptr, result.count).arg(QDir::toNativeSeparators(path)));
                return;
            }
            Q_EMIT failed(tr("Answers not exported"),
                          tr("Could not write %1: %2\n\nNothing was exported. Choose another folder, or free some disk "
                             "space, then try again.")
                              .arg(QDir::toNativeSeparators(path), result.error));
        });
}

void LibraryTransfers::exportSession(const AnswerRow &row)
{
    if (row.sessionId.isEmpty())
        return;
    const QString path
        = chooseSaveFile(tr("Export Session"),
                         u"mockloop-session-%1.json"_s.arg(row.answeredAt.toLocalTime().toString(u"yyyy-MM-dd-HHmm"_s)),
                         tr("MockLoop sessions (*.json)"));
    if (path.isEmpty())
        return;
    const QString sessionId = row.sessionId;
    m_library
        ->run([sessionId, path](LibraryStore *store) {
            FileResult result;
            if (!store) {
                result.error = libraryNotOpen();
                return result;
            }
            const QByteArray json = store->exportSessionJson(sessionId);
            if (json.isEmpty()) {
                result.error = store->lastError();
                return result;
            }
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
                result.error = file.errorString();
                return result;
            }
            result.ok = true;
            return result;
        })
        .then(this, [this, path](const FileResult &result) {
            if (result.ok) {
                Q_EMIT noticeReady(tr("Exported the session to %1. Its recordings stay in the library folder.")
                                       .arg(QDir::toNativeSeparators(path)));
                return;
            }
            Q_EMIT failed(
                tr("Session not exported"),
                tr("Could not export the session to %1: %2\n\nChoose another folder, or free some disk space, "
                   "then try again.")
                    .arg(QDir::toNativeSeparators(path), result.error));
        });
}

void LibraryTransfers::importSession()
{
    const QString path = chooseOpenFile(tr("Import Session"), tr("MockLoop sessions (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    m_library
        ->run([path](LibraryStore *store) {
            FileResult result;
            if (!store) {
                result.error = libraryNotOpen();
                return result;
            }
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                result.error = file.errorString();
                return result;
            }
            if (file.size() > SessionImport::MaxFileBytes) {
                result.error = tr("the file is far larger than a MockLoop session export.");
                return result;
            }
            const std::optional<QString> id = store->importSessionJson(file.readAll());
            if (!id) {
                result.error = store->lastError();
                return result;
            }
            AnswerFilter filter;
            filter.sessionId = *id;
            result.ok = true;
            result.sessionId = *id;
            result.count = store->countAnswers(filter);
            return result;
        })
        .then(this, [this, path](const FileResult &result) {
            if (!result.ok) {
                Q_EMIT failed(tr("Session not imported"),
                              tr("Could not import %1: %2\n\nYour library is unchanged.")
                                  .arg(QDir::toNativeSeparators(path), result.error));
                return;
            }
            Q_EMIT noticeReady(tr("Imported a session with %n answer(s); it is shown below.", nullptr, result.count));
            Q_EMIT sessionImported(result.sessionId);
        });
}

void LibraryTransfers::openLibraryFolder()
{
    const QString folder = m_library->folder();
    if (folder.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(folder))) {
        Q_EMIT failed(tr("Folder not opened"),
                      tr("No file manager could open the library folder. It is:\n%1")
                          .arg(folder.isEmpty() ? tr("(no library is open)") : QDir::toNativeSeparators(folder)));
    }
}

} // namespace MockLoop
