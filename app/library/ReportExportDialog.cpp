#include "ReportExportDialog.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

ReportExportDialog::ReportExportDialog(Purpose purpose, const AnswerRow &shown, const QList<qint64> &selectedIds,
                                       QWidget *parent)
    : QDialog(parent)
    , m_shown(shown)
    , m_selectedIds(selectedIds)
    , m_session(new QRadioButton(tr("The &session of the answer shown"), this))
    , m_round(new QRadioButton(tr("The &round of the answer shown (%1)").arg(shown.roundTitle), this))
    , m_selection(
          new QRadioButton(tr("The &answers selected in the table (%n)", nullptr, int(selectedIds.size())), this))
    , m_dates(new QRadioButton(tr("Answers &between two dates"), this))
    , m_from(new QDateEdit(this))
    , m_to(new QDateEdit(this))
    , m_format(new QComboBox(this))
{
    const bool report = purpose == Purpose::Report;
    setObjectName(report ? u"reportExportDialog"_s : u"coachBundleDialog"_s);
    setWindowTitle(report ? tr("Export Report") : tr("Export for a Coach"));
    m_session->setObjectName(u"scopeSession"_s);
    m_round->setObjectName(u"scopeRound"_s);
    m_selection->setObjectName(u"scopeSelection"_s);
    m_dates->setObjectName(u"scopeDates"_s);
    m_from->setObjectName(u"scopeFrom"_s);
    m_to->setObjectName(u"scopeTo"_s);
    m_from->setAccessibleName(tr("From"));
    m_to->setAccessibleName(tr("To"));
    for (QDateEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd"_s);
    }
    const QDate day = shown.id > 0 ? shown.answeredAt.toLocalTime().date() : QDate::currentDate();
    m_from->setDate(day.addDays(-6));
    m_to->setDate(day);
    m_format->setObjectName(u"reportFormat"_s);
    m_format->setAccessibleName(tr("Format"));
    m_format->addItem(tr("PDF"), int(Format::Pdf));
    m_format->addItem(tr("HTML (one file)"), int(Format::Html));
    m_format->addItem(tr("Markdown"), int(Format::Markdown));

    const bool hasShown = shown.id > 0 && !shown.sessionId.isEmpty();
    m_session->setEnabled(hasShown);
    m_round->setEnabled(hasShown && !shown.roundId.isEmpty());
    m_selection->setEnabled(!selectedIds.isEmpty());
    (selectedIds.size() > 1 ? m_selection : hasShown ? m_session : m_dates)->setChecked(true);
    const auto followDates = [this] {
        m_from->setEnabled(m_dates->isChecked());
        m_to->setEnabled(m_dates->isChecked());
    };
    connect(m_dates, &QRadioButton::toggled, this, followDates);
    followDates();

    auto *intro = new QLabel(report ? tr("Which answers the report covers:")
                                    : tr("A .zip for a coach: the report, each answer's recording, and a ratings file "
                                         "for the coach to fill in and send back. Which answers it holds:"),
                             this);
    intro->setWordWrap(true);
    auto *dates = new QHBoxLayout;
    dates->addSpacing(fontMetrics().averageCharWidth() * 3);
    dates->addWidget(new QLabel(tr("From"), this));
    dates->addWidget(m_from);
    dates->addWidget(new QLabel(tr("to"), this));
    dates->addWidget(m_to);
    dates->addStretch();
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"reportExportButtons"_s);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export…"));
    buttons->button(QDialogButtonBox::Ok)->setObjectName(u"reportExportOk"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_session);
    layout->addWidget(m_round);
    layout->addWidget(m_selection);
    layout->addWidget(m_dates);
    layout->addLayout(dates);
    if (report) {
        auto *form = new QFormLayout;
        form->addRow(tr("&Format:"), m_format);
        layout->addLayout(form);
    } else {
        m_format->hide();
    }
    layout->addWidget(buttons);
    // Tab follows what is seen: the choices, the dates, the format, the buttons.
    setTabOrder(m_session, m_round);
    setTabOrder(m_round, m_selection);
    setTabOrder(m_selection, m_dates);
    setTabOrder(m_dates, m_from);
    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_format);
}

ReportExportDialog::Format ReportExportDialog::format() const
{
    return Format(m_format->currentData().toInt());
}

ReportScope ReportExportDialog::scope() const
{
    ReportScope scope;
    if (m_session->isChecked() || m_round->isChecked()) {
        scope.sessionId = m_shown.sessionId;
    } else if (m_selection->isChecked()) {
        scope.answerIds = m_selectedIds;
    } else {
        scope.from = std::min(m_from->date(), m_to->date());
        scope.to = std::max(m_from->date(), m_to->date());
    }
    return scope;
}

QString ReportExportDialog::roundId() const
{
    return m_round->isChecked() ? m_shown.roundId : QString();
}

} // namespace MockLoop
