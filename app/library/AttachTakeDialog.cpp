#include "AttachTakeDialog.h"

#include "LibraryFormat.h"
#include "common/Format.h"
#include "library/PracticeLibrary.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

enum Column { Answered, Question, Round, Time };

// Answers without a recording are the only ones a take may be attached to: one answer, one take.
constexpr int CandidateLimit = 500;

} // namespace

AttachTakeDialog::AttachTakeDialog(PracticeLibrary *library, const QString &takeDescription, const QString &sessionId,
                                   QWidget *parent)
    : QDialog(parent)
    , m_sessionId(sessionId)
    , m_intro(new QLabel(this))
    , m_answers(new QTreeWidget(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setObjectName(u"attachTakeDialog"_s);
    setWindowTitle(tr("Attach to an Answer"));
    m_intro->setObjectName(u"attachIntro"_s);
    m_intro->setWordWrap(true);
    m_intro->setText(
        tr("Choose the answer %1 was recorded for. Only answers without a recording are listed.").arg(takeDescription));
    m_answers->setObjectName(u"attachCandidates"_s);
    m_answers->setAccessibleName(tr("Answers without a recording"));
    m_answers->setRootIsDecorated(false);
    m_answers->setUniformRowHeights(true);
    m_answers->setAllColumnsShowFocus(true);
    m_answers->setHeaderLabels({tr("Answered"), tr("Question"), tr("Round"), tr("Time")});
    m_answers->header()->setSectionResizeMode(Answered, QHeaderView::ResizeToContents);
    m_answers->header()->setSectionResizeMode(Question, QHeaderView::Stretch);
    m_answers->header()->setSectionResizeMode(Round, QHeaderView::ResizeToContents);
    m_answers->header()->setSectionResizeMode(Time, QHeaderView::ResizeToContents);
    m_answers->header()->setStretchLastSection(false);
    auto *attach = m_buttons->addButton(tr("&Attach"), QDialogButtonBox::AcceptRole);
    attach->setObjectName(u"attachButton"_s);
    attach->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_answers, &QTreeWidget::itemSelectionChanged, this,
            [this, attach] { attach->setEnabled(chosenAnswerId().has_value()); });
    connect(m_answers, &QTreeWidget::itemActivated, this, [this] {
        if (chosenAnswerId())
            accept();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_answers, 1);
    layout->addWidget(m_buttons);
    const int line = fontMetrics().height();
    resize(line * 48, line * 24);

    auto *loading = new QTreeWidgetItem(m_answers, {tr("Loading…")});
    loading->setFlags(Qt::NoItemFlags);
    AnswerFilter filter;
    filter.hasRecording = false;
    library
        ->run([filter](LibraryStore *store) {
            return store ? store->answers(filter, AnswerSort::Date, Qt::DescendingOrder, CandidateLimit)
                         : QList<AnswerRow>();
        })
        .then(this, [this](const QList<AnswerRow> &rows) { showCandidates(rows); });
}

void AttachTakeDialog::showCandidates(const QList<AnswerRow> &rows)
{
    m_answers->clear();
    QList<AnswerRow> ordered = rows;
    std::stable_partition(ordered.begin(), ordered.end(), [this](const AnswerRow &row) {
        return !m_sessionId.isEmpty() && row.sessionId == m_sessionId;
    });
    for (const AnswerRow &row : std::as_const(ordered)) {
        auto *item = new QTreeWidgetItem(m_answers);
        item->setText(Answered, LibraryFormat::dateTime(row.answeredAt));
        item->setData(Answered, Qt::UserRole, row.id);
        item->setText(Question, row.questionText);
        item->setToolTip(Question, row.questionText);
        item->setText(Round, row.roundTitle);
        item->setText(Time, Format::duration(row.answerTime));
    }
    if (ordered.isEmpty()) {
        auto *none = new QTreeWidgetItem(m_answers, {tr("Every answer in your library has a recording.")});
        none->setFlags(Qt::NoItemFlags);
        return;
    }
    m_answers->setCurrentItem(m_answers->topLevelItem(0));
    m_answers->setFocus();
}

std::optional<qint64> AttachTakeDialog::chosenAnswerId() const
{
    const QTreeWidgetItem *item = m_answers->currentItem();
    const QVariant id = item ? item->data(Answered, Qt::UserRole) : QVariant();
    if (!id.isValid())
        return std::nullopt;
    return id.toLongLong();
}

} // namespace MockLoop
