#pragma once

#include "reports/ReportData.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QRadioButton;

namespace MockLoop {

// Which answers a report or a coach bundle covers (the session or the round of the answer shown,
// the answers selected in the table, or a date range) and, for a report, its format. Opened with
// open(), never exec(): the page stays responsive and tests drive it like any widget.
class ReportExportDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Purpose { Report, CoachBundle };
    enum class Format { Pdf, Html, Markdown };

    // shown: the answer shown (its id 0: none); selectedIds: the answers selected in the table.
    ReportExportDialog(Purpose purpose, const AnswerRow &shown, const QList<qint64> &selectedIds, QWidget *parent);

    Format format() const;
    // The scope; the round of the answer shown is sent as that session and round, for the library
    // to list (roundId set).
    ReportScope scope() const;
    QString roundId() const;

private:
    AnswerRow m_shown;
    QList<qint64> m_selectedIds;
    QRadioButton *m_session;
    QRadioButton *m_round;
    QRadioButton *m_selection;
    QRadioButton *m_dates;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_format;
};

} // namespace MockLoop
