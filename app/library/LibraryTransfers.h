#pragma once

#include "library/LibraryStore.h"

#include <QObject>

class QWidget;

namespace MockLoop {

class PracticeLibrary;

// The library's files in and out: answers to CSV, a session to JSON and back, and its folder in
// the file manager. Reading and writing run on the library's worker, never on the GUI thread;
// what came of it is reported for the page to show.
class LibraryTransfers : public QObject
{
    Q_OBJECT

public:
    // dialogParent: where the file choosers open.
    LibraryTransfers(PracticeLibrary *library, QWidget *dialogParent);

    void exportCsv(const AnswerFilter &filter, const LibraryStore::RedFlagName &redFlagName = {});
    // Exports the session the answer belongs to.
    void exportSession(const AnswerRow &answer);
    void importSession();
    void openLibraryFolder();

    // For tests: the file to write or read instead of asking with a file chooser. Empty (the
    // default) asks.
    static void setFilePathForTests(const QString &path);

Q_SIGNALS:
    void noticeReady(const QString &message);
    void failed(const QString &title, const QString &message);
    void sessionImported(const QString &sessionId);

private:
    QString chooseSaveFile(const QString &title, const QString &fileName, const QString &filter);
    QString chooseOpenFile(const QString &title, const QString &filter);

    PracticeLibrary *m_library;
    QWidget *m_dialogParent;
};

} // namespace MockLoop
