#include "WrapUpView.h"

#include "common/Format.h"
#include "common/Typography.h"
#include "loops/Loop.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QString flagText(const Loop &loop, const QString &flagId)
{
    for (const RedFlagGroup &group : loop.redFlagGroups) {
        for (const RedFlag &flag : group.flags) {
            if (flag.id == flagId)
                return flag.text;
        }
    }
    return flagId;
}

QString timeUsed(const RoundSummary &summary)
{
    if (summary.allotted.count() == 0)
        return Format::duration(summary.used);
    return QCoreApplication::translate("MockLoop::WrapUpView", "%1 of %2")
        .arg(Format::duration(summary.used), Format::duration(summary.allotted));
}

QString roundOverview(const RoundSummary &summary)
{
    QString overview = summary.questionsPlanned > 0
        ? QCoreApplication::translate("MockLoop::WrapUpView", "You answered %1 of %n question(s)", nullptr,
                                      summary.questionsPlanned)
              .arg(summary.questionsAnswered)
        : QCoreApplication::translate("MockLoop::WrapUpView", "You answered %n question(s)", nullptr,
                                      summary.questionsAnswered);
    overview += QCoreApplication::translate("MockLoop::WrapUpView", " in %1.").arg(timeUsed(summary));
    if (summary.questionsSkipped > 0)
        overview += u' '
            + QCoreApplication::translate("MockLoop::WrapUpView", "%n skipped.", nullptr, summary.questionsSkipped);
    return overview;
}

} // namespace

WrapUpView::WrapUpView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_overview(new QLabel(this))
    , m_details(new QTreeWidget(this))
    , m_openLibrary(new QPushButton(tr("Open in &Library"), this))
    , m_continue(new QPushButton(this))
{
    setObjectName(u"wrapUpView"_s);
    m_title->setObjectName(u"wrapUpTitle"_s);
    m_title->setFont(Typography::scaledBold(m_title->font(), 1.8));
    m_overview->setObjectName(u"wrapUpOverview"_s);
    m_overview->setWordWrap(true);
    m_details->setObjectName(u"wrapUpDetails"_s);
    m_details->setAccessibleName(tr("Results"));
    m_details->setColumnCount(2);
    m_details->setHeaderLabels({tr("Round and dimension"), tr("Result")});
    m_details->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_details->setRootIsDecorated(true);
    m_openLibrary->setObjectName(u"openInLibraryButton"_s);
    m_continue->setObjectName(u"continueButton"_s);
    m_continue->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_overview);
    layout->addWidget(m_details, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_openLibrary);
    buttons->addStretch();
    buttons->addWidget(m_continue);
    layout->addLayout(buttons);
}

void WrapUpView::fillRound(QTreeWidget *tree, const Loop &loop, const RoundSummary &summary)
{
    auto *round = new QTreeWidgetItem(tree);
    round->setText(0, summary.title);
    const QString answered = summary.questionsPlanned > 0
        ? tr("%1 of %n question(s) answered", nullptr, summary.questionsPlanned).arg(summary.questionsAnswered)
        : tr("%n question(s) answered", nullptr, summary.questionsAnswered);
    round->setText(1, answered + u" · "_s + timeUsed(summary));
    for (auto it = summary.dimensionAverages.cbegin(); it != summary.dimensionAverages.cend(); ++it) {
        const RubricDimension *dimension = loop.dimension(it.key());
        auto *item = new QTreeWidgetItem(round);
        item->setText(0, dimension ? dimension->title : it.key());
        item->setText(1, tr("average %1 of 4").arg(QLocale().toString(it.value(), 'f', 1)));
    }
    for (auto it = summary.redFlagCounts.cbegin(); it != summary.redFlagCounts.cend(); ++it) {
        auto *item = new QTreeWidgetItem(round);
        item->setText(0, tr("Red flag: %1").arg(flagText(loop, it.key())));
        item->setText(1, tr("ticked %n time(s)", nullptr, it.value()));
    }
    if (summary.dimensionAverages.isEmpty() && summary.redFlagCounts.isEmpty()) {
        auto *item = new QTreeWidgetItem(round);
        item->setText(0, tr("No ratings in this round"));
    }
    round->setExpanded(true);
}

void WrapUpView::showDetails(const Loop &loop, const QList<RoundSummary> &rounds)
{
    m_details->clear();
    for (const RoundSummary &round : rounds)
        fillRound(m_details, loop, round);
    m_details->setVisible(!rounds.isEmpty());
}

void WrapUpView::showRound(const Loop &loop, const RoundSummary &summary, bool moreRounds, bool breakNext)
{
    m_title->setText(tr("%1 — round complete").arg(summary.title));
    m_overview->setText(roundOverview(summary));
    showDetails(loop, {summary});
    m_openLibrary->setVisible(false);
    m_continue->setText(!moreRounds ? tr("F&inish") : breakNext ? tr("&Continue to the break") : tr("&Next round"));
    m_continue->setFocus();
}

void WrapUpView::showSession(const Loop &loop, const SessionSummary &summary)
{
    Milliseconds allotted{0};
    for (const RoundSummary &round : summary.rounds)
        allotted += round.allotted;
    if (summary.abandoned) {
        m_title->setText(tr("Session abandoned"));
        m_overview->setText(tr("You abandoned the session. Looking at what your library keeps of it…"));
    } else if (summary.rounds.size() == 1) {
        m_title->setText(tr("%1 — complete").arg(summary.rounds.first().title));
        m_overview->setText(roundOverview(summary.rounds.first()));
    } else {
        m_title->setText(tr("Session complete"));
        QString overview = tr("%n question(s) answered", nullptr, summary.questionsAnswered());
        overview += allotted.count() > 0 ? tr(" in %1 of %2 of interview time.")
                                               .arg(Format::duration(summary.timeUsed()), Format::duration(allotted))
                                         : tr(" in %1.").arg(Format::duration(summary.timeUsed()));
        m_overview->setText(overview);
    }
    showDetails(loop, summary.rounds);
    m_openLibrary->setVisible(!summary.abandoned);
    m_continue->setText(tr("&Done"));
    m_continue->setFocus();
}

void WrapUpView::showKept(const KeptAnswers &kept)
{
    if (kept.answers == 0) {
        m_overview->setText(tr("You abandoned the session before answering a question, so your library has "
                               "nothing from it."));
        m_openLibrary->setVisible(false);
        return;
    }
    QString text = tr("You abandoned the session. Your library keeps %n answer(s) from it", nullptr, kept.answers);
    text += kept.recordings == 0 ? tr(", and no recording.") : tr(" and %n recording(s).", nullptr, kept.recordings);
    if (kept.skipped > 0)
        text += u' ' + tr("%n skipped question(s) among them.", nullptr, kept.skipped);
    if (kept.unrated > 0)
        text += u' '
            + tr("%n answer(s) not rated yet: the Library lets you rate answers after a replay.", nullptr,
                 kept.unrated);
    m_overview->setText(text);
    m_openLibrary->setVisible(true);
}

} // namespace MockLoop
