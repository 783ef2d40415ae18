#pragma once

#include "loops/Loop.h"
#include "stories/Story.h"

#include <QObject>

#include <functional>
#include <memory>

class QWidget;

namespace MockLoop {

class PracticeLibrary;

// Where the story files come from and go: file choosers by default; tests put their own.
struct StoryFileChooser
{
    // The files to import (none: cancelled).
    std::function<QStringList(QWidget *parent, const QString &title, const QString &filter)> open;
    // Where to write (empty: cancelled); name is the suggested file name.
    std::function<QString(QWidget *parent, const QString &title, const QString &name, const QString &filter)> save;

    static StoryFileChooser dialogs();
};

// Stories to and from files for the Stories page: one story to Markdown or JSON (by the file's
// extension), the whole bank to one Markdown document, and stories from files of either kind.
// Files are read and written off the GUI thread; a file that cannot be read is named with its line
// and what to do; a story whose title the bank holds already is asked about (replace, keep both,
// skip, or cancel the import) before anything is written.
class StoryTransfers : public QObject
{
    Q_OBJECT

public:
    StoryTransfers(PracticeLibrary *library, QWidget *dialogParent);

    void setFileChooser(StoryFileChooser chooser) { m_chooser = std::move(chooser); }
    void setLoop(std::shared_ptr<const Loop> loop) { m_loop = std::move(loop); }

    void importStories();
    void exportStory(const Story &story);
    void exportBank(const QList<Story> &stories);

Q_SIGNALS:
    // Done: what to say (announced by the page).
    void noticeReady(const QString &message);
    void failed(const QString &title, const QString &message);
    void imported(const QList<qint64> &storyIds);

private:
    struct ReadFiles;
    void settleConflicts(const QList<Story> &incoming, const QString &readProblems);
    void write(const QString &path, const QByteArray &data, const QString &what);

    PracticeLibrary *m_library;
    QWidget *m_dialogParent;
    StoryFileChooser m_chooser = StoryFileChooser::dialogs();
    std::shared_ptr<const Loop> m_loop;
};

} // namespace MockLoop
