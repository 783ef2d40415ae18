#include "LoopOverview.h"

#include "common/AppSettings.h"
#include "common/Format.h"
#include "common/Typography.h"
#include "loops/Loop.h"
#include "loops/LoopCatalog.h"
#include "progress/Progress.h"
#include "session/Clock.h"

#include <QDateEdit>
#include <QHeaderView>
#include <QLabel>
#include <QScrollArea>
#include <QSettings>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

LoopOverview::LoopOverview(const Clock *clock, QWidget *parent)
    : QWidget(parent)
    , m_clock(clock)
    , m_loopTitle(new QLabel(this))
    , m_loopDescription(new QLabel(this))
    , m_rounds(new QTreeWidget(this))
    , m_roundDetails(new QLabel(this))
    , m_preparation(new QTreeWidget(this))
    , m_interviewDate(new QDateEdit(this))
    , m_countdownToInterview(new QLabel(this))
    , m_tips(new QLabel(this))
{
    m_loopTitle->setObjectName(u"loopTitle"_s);
    m_loopTitle->setFont(Typography::scaledBold(m_loopTitle->font(), 1.5));
    m_loopTitle->setWordWrap(true);
    m_loopDescription->setObjectName(u"loopDescription"_s);
    m_loopDescription->setWordWrap(true);
    m_rounds->setObjectName(u"roundList"_s);
    m_rounds->setAccessibleName(tr("Rounds of this loop"));
    m_rounds->setMinimumHeight(m_rounds->fontMetrics().height() * 7); // a few rows even in large type
    m_rounds->setColumnCount(4);
    m_rounds->setHeaderLabels({tr("Round"), tr("Interviewer"), tr("Length"), tr("Focus")});
    m_rounds->setRootIsDecorated(false);
    m_rounds->setUniformRowHeights(true);
    m_rounds->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_rounds->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_roundDetails->setObjectName(u"roundDetails"_s);
    m_roundDetails->setWordWrap(true);
    m_roundDetails->setTextFormat(Qt::RichText);
    m_roundDetails->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // The round's details scroll: in large type they can be taller than the space left.
    auto *detailsScroll = new QScrollArea(this);
    detailsScroll->setObjectName(u"roundDetailsScroll"_s);
    detailsScroll->setWidget(m_roundDetails);
    detailsScroll->setWidgetResizable(true);
    detailsScroll->setFrameShape(QFrame::NoFrame);
    detailsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    detailsScroll->setAccessibleName(tr("About the chosen round")); // a stop to scroll it by keyboard
    auto *roundsTab = new QWidget(this);
    auto *roundsLayout = new QVBoxLayout(roundsTab);
    roundsLayout->addWidget(m_rounds, 2);
    roundsLayout->addWidget(detailsScroll, 3);
    m_preparation->setObjectName(u"preparationPlan"_s);
    m_preparation->setAccessibleName(tr("Preparation plan"));
    m_preparation->setHeaderHidden(true);
    m_preparation->setUniformRowHeights(false);
    m_preparation->setWordWrap(true);
    m_tips->setObjectName(u"loopTips"_s);
    m_tips->setWordWrap(true);
    m_tips->setTextFormat(Qt::RichText);
    m_tips->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *tipsScroll = new QScrollArea(this);
    tipsScroll->setWidget(m_tips);
    tipsScroll->setWidgetResizable(true);
    tipsScroll->setFrameShape(QFrame::NoFrame);
    tipsScroll->setAccessibleName(tr("What they look for")); // a stop to scroll the text by keyboard
    // The plan's milestones are counted back from the interview, so the date makes them real.
    m_interviewDate->setObjectName(u"interviewDate"_s);
    m_interviewDate->setCalendarPopup(true);
    m_interviewDate->setDisplayFormat(QLocale().dateFormat(QLocale::LongFormat));
    m_countdownToInterview->setObjectName(u"interviewCountdown"_s);
    auto *dateLabel = new QLabel(tr("&Interview on:"), this);
    dateLabel->setBuddy(m_interviewDate);
    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(dateLabel);
    dateRow->addWidget(m_interviewDate);
    dateRow->addWidget(m_countdownToInterview, 1);
    auto *preparationTab = new QWidget(this);
    auto *preparationLayout = new QVBoxLayout(preparationTab);
    preparationLayout->addLayout(dateRow);
    preparationLayout->addWidget(m_preparation, 1);
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"loopTabs"_s);
    tabs->setAccessibleName(tr("About this loop"));
    tabs->addTab(roundsTab, tr("Rounds"));
    tabs->addTab(preparationTab, tr("Preparation plan"));
    tabs->addTab(tipsScroll, tr("What they look for"));
    // The tabs are above their contents: Tab reaches them first (they were made after them).
    setTabOrder(tabs, m_rounds);
    setTabOrder(m_rounds, detailsScroll);
    setTabOrder(detailsScroll, m_interviewDate);
    setTabOrder(m_interviewDate, m_preparation);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_loopTitle);
    layout->addWidget(m_loopDescription);
    layout->addWidget(tabs, 1);

    connect(m_rounds, &QTreeWidget::currentItemChanged, this, &LoopOverview::showRoundDetails);
    connect(m_interviewDate, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (const auto &loop = m_loop) {
            AppSettings::setInterviewDate(loop->id, date);
            showPreparation(*loop);
        }
    });
    connect(m_preparation, &QTreeWidget::itemChanged, this, [](QTreeWidgetItem *item) {
        const QString key = item->data(0, Qt::UserRole).toString();
        if (!key.isEmpty())
            QSettings().setValue(key, item->checkState(0) == Qt::Checked);
    });
}

void LoopOverview::showLoop(std::shared_ptr<const Loop> shown)
{
    m_loop = std::move(shown);
    m_rounds->clear();
    if (!m_loop) {
        m_loopTitle->setText(tr("No loop"));
        m_loopDescription->setText(tr("Open a loop file, or put one in %1.").arg(LoopCatalog::userLoopFolder()));
        return;
    }
    const Loop *loop = m_loop.get();
    m_loopTitle->setText(loop->title);
    m_loopDescription->setText(loop->description);
    for (const Round &round : loop->rounds) {
        auto *item = new QTreeWidgetItem(
            m_rounds,
            {round.title, round.interviewer, Format::minutes(round.durationMinutes), round.focus.join(u", "_s)});
        item->setToolTip(3, round.evaluates.join(u"\n"_s));
    }
    for (int column = 0; column < 3; ++column)
        m_rounds->resizeColumnToContents(column);
    showPreparation(*loop);
    QString tips;
    if (!loop->successFactors.isEmpty()) {
        tips += u"<h3>%1</h3><ul>"_s.arg(
            tr("What %1 values most").arg((loop->company.isEmpty() ? loop->title : loop->company).toHtmlEscaped()));
        for (const SuccessFactor &factor : loop->successFactors)
            tips += u"<li><b>%1</b>: %2</li>"_s.arg(factor.title.toHtmlEscaped(), factor.text.toHtmlEscaped());
        tips += u"</ul>"_s;
    }
    if (!loop->tips.isEmpty()) {
        tips += u"<h3>%1</h3><ul>"_s.arg(tr("Tips"));
        for (const QString &tip : loop->tips)
            tips += u"<li>%1</li>"_s.arg(tip.toHtmlEscaped());
        tips += u"</ul>"_s;
    }
    m_tips->setText(tips);
}

void LoopOverview::selectRound(int index)
{
    if (index >= 0 && index < m_rounds->topLevelItemCount())
        m_rounds->setCurrentItem(m_rounds->topLevelItem(index));
}

void LoopOverview::showRoundDetails()
{
    const auto &loop = m_loop;
    QTreeWidgetItem *item = m_rounds->currentItem();
    const int index = item ? m_rounds->indexOfTopLevelItem(item) : -1;
    if (!loop || index < 0 || index >= loop->rounds.size()) {
        m_roundDetails->clear();
        return;
    }
    const Round &round = loop->rounds.at(index);
    const auto bullets = [](const QStringList &items) -> QString { // not a QStringBuilder of a local
        QString html = u"<ul>"_s;
        for (const QString &entry : items)
            html += u"<li>"_s + entry.toHtmlEscaped() + u"</li>"_s;
        return html + u"</ul>"_s;
    };
    QString html = u"<b>%1</b> · %2 · %3"_s.arg(round.title.toHtmlEscaped(), round.interviewer.toHtmlEscaped(),
                                                Format::minutes(round.durationMinutes));
    if (!round.focus.isEmpty())
        html += u"<p><b>%1</b></p>"_s.arg(tr("Focus")) + bullets(round.focus);
    if (!round.evaluates.isEmpty())
        html += u"<p><b>%1</b></p>"_s.arg(tr("What the interviewer evaluates")) + bullets(round.evaluates);
    m_roundDetails->setText(html);
}

void LoopOverview::showPreparation(const Loop &loop)
{
    const QDate today = m_clock ? m_clock->wallTime().toLocalTime().date() : QDate::currentDate();
    QDate interview = AppSettings::interviewDate(loop.id);
    if (!interview.isValid())
        interview = Progress::defaultInterviewDate(today);
    {
        const QSignalBlocker dateBlocker(m_interviewDate);
        m_interviewDate->setDate(interview);
    }
    const qint64 daysLeft = today.daysTo(interview);
    m_countdownToInterview->setText(daysLeft > 0        ? tr("%n day(s) to go", nullptr, int(daysLeft))
                                        : daysLeft == 0 ? tr("Today. Good luck.")
                                                        : QString());
    const QSignalBlocker blocker(m_preparation);
    m_preparation->clear();
    for (const PreparationMilestone &milestone : loop.preparation) {
        const QDate from = interview.addDays(-milestone.daysBefore);
        QString heading = tr("%1 (%2)").arg(milestone.title, QLocale().toString(from, QLocale::ShortFormat));
        if (from <= today && (milestone.daysBefore == 0 || today < interview))
            heading += tr(": now");
        auto *group = new QTreeWidgetItem(m_preparation, {heading});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
        for (qsizetype i = 0; i < milestone.items.size(); ++i) {
            auto *item = new QTreeWidgetItem(group, {milestone.items.at(i)});
            // Ticks are remembered per loop, milestone and item, across runs.
            const QString key = u"preparation/%1/%2/%3"_s.arg(loop.id, milestone.id).arg(i);
            item->setData(0, Qt::UserRole, key);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(0, QSettings().value(key).toBool() ? Qt::Checked : Qt::Unchecked);
        }
        group->setExpanded(true);
    }
}

} // namespace MockLoop
