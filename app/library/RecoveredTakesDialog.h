#pragma once

#include "audio/TakeInfo.h"
#include "library/LibraryTypes.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace MockLoop {

class LibraryStore;
class PracticeLibrary;
class TakePlayerWidget;

// A take on disk that no answer owns, as the dialog lists it.
struct RecoveredTakeItem
{
    RecoveredTake take;
    QString absolutePath;
    QDateTime recordedAt; // when the recording started, from its sidecar, else the file's time
    std::optional<SessionRecord> session; // the session it was recorded in, when the library knows it
    TakeSubject subject; // the answer it was recorded for, from its sidecar (empty for old takes)
    // That answer, when the library holds it without a recording: keeping the take links it there.
    std::optional<qint64> ownAnswerId;

    QString questionText() const;
};

struct RecoveredScan
{
    QList<RecoveredTakeItem> takes;
    QStringList problems; // interrupted recordings that could not be repaired, each with why
};

// Repairs the .part files a crash left in the library's takes folder, then lists every take no
// answer owns, leaving out those the unfinished session at sessionFilePath owns (it continues or
// links them itself). Reads and writes files: runs on the library's worker thread.
RecoveredScan scanForRecoveredTakes(LibraryStore *store, const QString &sessionFilePath);

// The recordings found after a crash: when each was recorded, the question it answers, how long it
// is and the session it belongs to, with a player to listen before deciding. Keep links a take to
// its own answer when the library holds that answer without a recording, else makes it an answer
// of its session (or of a "Recovered takes" session); Attach links it to an answer the person
// chooses; Delete removes the file and its sidecar, after asking.
class RecoveredTakesDialog : public QDialog
{
    Q_OBJECT

public:
    RecoveredTakesDialog(PracticeLibrary *library, QWidget *parent);

    void setScan(const RecoveredScan &scan);
    int takeCount() const { return int(m_items.size()); }

Q_SIGNALS:
    void takeKept(qint64 answerId);
    // Takes were kept or deleted; remaining are left to review.
    void takesChanged(int remaining);

private:
    struct KeepResult;

    QList<RecoveredTakeItem> selectedTakes() const;
    // Runs work on the library's thread, then takes what it kept off the list.
    void keep(std::function<void(LibraryStore *, KeepResult &)> work);
    void keepSelected();
    void attachSelected();
    void deleteSelected();
    void removeTakes(const QStringList &relativePaths);
    void showCurrent();
    void updateButtons();
    void showError(const QString &title, const QString &text);

    PracticeLibrary *m_library;
    QLabel *m_intro;
    QTreeWidget *m_list;
    TakePlayerWidget *m_player;
    QLabel *m_problems;
    QPushButton *m_keep;
    QPushButton *m_attach;
    QPushButton *m_delete;
    QList<RecoveredTakeItem> m_items;
    bool m_busy = false;
};

} // namespace MockLoop
