#pragma once

#include "library/LibraryTypes.h"
#include "loops/LoopCatalog.h"

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace MockLoop {

// The filters of the library's answer table: text (in the question, the notes and the approximate
// transcript, applied a quarter of a second after typing stops), round, category, lowest score, a
// date range whose ends are each optional, "with recording only", what was measured in the take
// (pace between two bounds, at most so many likely fillers a minute, a longest pause of at least so
// long), and — after "Open in Library" — one session, shown as a chip that clears with one click.
class LibraryFilterBar : public QWidget
{
    Q_OBJECT

public:
    static constexpr int TextDelayMs = 250;

    explicit LibraryFilterBar(QWidget *parent = nullptr);

    // Fills the round and category choices from the loops; what was chosen stays chosen.
    void setCatalog(const LoopCatalog &catalog);

    // The filter for the library, without "with recording only" (see recordingsOnly()).
    AnswerFilter filter() const;
    bool recordingsOnly() const;
    // Whether anything narrows the list.
    bool isFiltering() const;

    // Narrows to one session; label says which ("Session of 5 Jan 2026"). Other filters are cleared.
    void setSession(const QString &sessionId, const QString &label);
    void setSessionLabel(const QString &label);
    QString sessionId() const { return m_sessionId; }

    QWidget *firstFocusWidget() const;
    QWidget *lastFocusWidget() const;

Q_SIGNALS:
    void filterChanged();

public Q_SLOTS:
    void clearFilters();
    void focusSearch();

private:
    void changed();
    void updateClearButton();

    QLineEdit *m_text;
    QComboBox *m_round;
    QComboBox *m_category;
    QComboBox *m_minScore;
    QCheckBox *m_fromEnabled;
    QDateEdit *m_from;
    QCheckBox *m_toEnabled;
    QDateEdit *m_to;
    QCheckBox *m_recordingsOnly;
    QSpinBox *m_minPace; // 0: any
    QSpinBox *m_maxPace;
    QComboBox *m_maxFillers;
    QComboBox *m_minLongestPause;
    QWidget *m_sessionChip;
    QLabel *m_sessionLabel;
    QToolButton *m_clearSession;
    QPushButton *m_clear;
    QTimer m_typingDelay; // for the text and the pace bounds
    QString m_sessionId;
    bool m_quiet = false; // while several filters change as one
};

} // namespace MockLoop
