#pragma once

#include "library/LibraryTypes.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QTreeWidget;

namespace MockLoop {

class PracticeLibrary;

// Chooses the answer a recovered take belongs to, among the answers the library holds without a
// recording: those of the take's own session first, then the newest. The list comes from the
// library's thread; the dialog shows at once.
class AttachTakeDialog : public QDialog
{
    Q_OBJECT

public:
    // sessionId: the session the take was recorded in, if known (its answers are listed first).
    AttachTakeDialog(PracticeLibrary *library, const QString &takeDescription, const QString &sessionId,
                     QWidget *parent = nullptr);

    // The answer chosen, once accepted.
    std::optional<qint64> chosenAnswerId() const;

private:
    void showCandidates(const QList<AnswerRow> &rows);

    QString m_sessionId;
    QLabel *m_intro;
    QTreeWidget *m_answers;
    QDialogButtonBox *m_buttons;
};

} // namespace MockLoop
