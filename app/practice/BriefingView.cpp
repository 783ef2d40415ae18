#include "BriefingView.h"

#include "common/Format.h"
#include "common/Typography.h"
#include "loops/Loop.h"
#include "session/SessionTypes.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QString bullets(const QStringList &items)
{
    QString html = u"<ul>"_s;
    for (const QString &item : items)
        html += u"<li>"_s + item.toHtmlEscaped() + u"</li>"_s;
    return html + u"</ul>"_s;
}

} // namespace

BriefingView::BriefingView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_details(new QLabel(this))
    , m_begin(new QPushButton(tr("Begin round"), this))
{
    setObjectName(u"briefingView"_s);
    m_title->setObjectName(u"briefingTitle"_s);
    m_title->setFont(Typography::scaledBold(m_title->font(), 1.8));
    m_title->setWordWrap(true);
    m_details->setObjectName(u"briefingDetails"_s);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::RichText);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_begin->setObjectName(u"beginRoundButton"_s);
    m_begin->setDefault(true);
    m_begin->setMinimumHeight(m_begin->sizeHint().height() * 3 / 2);

    auto *scroll = new QScrollArea(this);
    scroll->setAccessibleName(tr("Briefing")); // a stop to scroll the text by keyboard
    scroll->setWidget(m_details);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(scroll, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_begin);
    layout->addLayout(buttons);
}

void BriefingView::show(const Loop &loop, const SessionSegment &segment, int segmentIndex, int segmentCount,
                        const QString &levelId)
{
    const Round *round = loop.round(segment.roundId);
    m_title->setText(segmentCount > 1
                         ? tr("Round %1 of %2: %3").arg(segmentIndex + 1).arg(segmentCount).arg(segment.title)
                         : segment.title);
    QString html;
    if (round) {
        html += u"<p><b>%1</b> · %2 · %3</p>"_s.arg(
            round->interviewer.toHtmlEscaped(), Format::minutes(round->durationMinutes),
            segment.untilTimeIsUp ? tr("questions until time is up")
                                  : tr("%n question(s)", nullptr, int(segment.questions.size())));
        if (!round->focus.isEmpty())
            html += u"<h3>%1</h3>"_s.arg(tr("Focus")) + bullets(round->focus);
        if (!round->evaluates.isEmpty())
            html += u"<h3>%1</h3>"_s.arg(tr("What the interviewer evaluates")) + bullets(round->evaluates);
        QStringList rubric;
        for (const RubricDimension *dimension : loop.rubricFor(*round))
            rubric << dimension->title;
        if (!rubric.isEmpty())
            html += u"<h3>%1</h3><p>%2</p>"_s.arg(tr("You will rate yourself on"),
                                                  rubric.join(u" · "_s).toHtmlEscaped());
    }
    if (const Level *level = loop.level(levelId)) {
        html += u"<h3>%1</h3>"_s.arg(tr("Expected at %1").arg(level->title.toHtmlEscaped()));
        QStringList expectations;
        if (!level->teamInfluence.isEmpty())
            expectations << tr("Team influence: %1").arg(level->teamInfluence);
        if (!level->scope.isEmpty())
            expectations << tr("Scope: %1").arg(level->scope);
        if (!level->impact.isEmpty())
            expectations << tr("Impact: %1").arg(level->impact);
        if (!level->focus.isEmpty())
            expectations << tr("Focus: %1").arg(level->focus);
        html += bullets(expectations);
    }
    if (!loop.storyStructure.phases.isEmpty()) {
        QStringList phases;
        for (const StoryPhase &phase : loop.storyStructure.phases)
            phases << u"%1 (%2)"_s.arg(phase.title, Format::duration(std::chrono::seconds(phase.targetSeconds)));
        html += u"<h3>%1</h3><p>%2</p>"_s.arg(tr("Shape each answer"), phases.join(u" → "_s).toHtmlEscaped());
    }
    m_details->setText(html);
    m_begin->setFocus();
}

} // namespace MockLoop
