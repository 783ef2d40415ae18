#pragma once

#include "RecoveredTakesDialog.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QToolButton;

namespace MockLoop {

class PracticeLibrary;

// The Library's banner for recordings left behind by a crash: it repairs and looks for them on the
// library's thread, says how many there are, and opens the review (RecoveredTakesDialog). Takes
// the unfinished session owns are left to it.
class RecoveredTakesBanner : public QWidget
{
    Q_OBJECT

public:
    RecoveredTakesBanner(PracticeLibrary *library, QString sessionFilePath, QWidget *parent = nullptr);

    // Repairs and looks for recovered takes; with review, opens the review once found.
    void lookForTakes(bool review = false);
    // Opens the review of what the last search found.
    void review();
    QWidget *firstFocusWidget() const;
    QWidget *lastFocusWidget() const;

Q_SIGNALS:
    void takesFound(int count);
    // A take was kept: as an answer of its own, or linked to answerId.
    void takeKept(qint64 answerId);
    // The review was asked for, and there is nothing to review.
    void nothingToReview();

private:
    void showScan(const RecoveredScan &scan);
    void showCount();

    PracticeLibrary *m_library;
    QString m_sessionFilePath;
    QLabel *m_text;
    QPushButton *m_review;
    QToolButton *m_dismiss;
    QPointer<RecoveredTakesDialog> m_dialog;
    RecoveredScan m_scan; // the last search
    bool m_scanning = false;
    bool m_reviewAfterScan = false;
};

} // namespace MockLoop
