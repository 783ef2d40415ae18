#include "PhaseBar.h"

#include "CountdownLabel.h"
#include "common/Accessibility.h"
#include "common/Format.h"

#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace MockLoop {

PhaseBar::PhaseBar(QWidget *parent)
    : QWidget(parent)
{
    installAccessibleInterface<PhaseBar, SpokenAccessible<PhaseBar, QAccessible::StaticText>>();
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Story phases"));
}

void PhaseBar::setPhases(const QList<Phase> &phases)
{
    m_phases = phases;
    m_current = -1;
    updateGeometry();
    update();
}

void PhaseBar::setProgress(int current, std::chrono::milliseconds elapsedInCurrent)
{
    if (current == m_current && elapsedInCurrent / 250 == m_elapsed / 250)
        return; // repaint four times a second at most
    m_current = current;
    m_elapsed = elapsedInCurrent;
    update();
}

bool PhaseBar::isOverrun() const
{
    return m_current >= 0 && m_current < m_phases.size() && m_elapsed > m_phases.at(m_current).target;
}

QString PhaseBar::spokenText() const
{
    if (m_current < 0 || m_current >= m_phases.size())
        return tr("%1: not started").arg(accessibleName());
    const Phase &phase = m_phases.at(m_current);
    QString text = tr("%1: phase %2 of %3, %4, %5 of %6")
                       .arg(accessibleName())
                       .arg(m_current + 1)
                       .arg(m_phases.size())
                       .arg(phase.title, Format::elapsed(m_elapsed), Format::elapsed(phase.target));
    if (isOverrun())
        text += tr(", over its target");
    return text;
}

QSize PhaseBar::sizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 30, line * 3 + 8};
}

QSize PhaseBar::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 12, line * 3 + 8};
}

void PhaseBar::paintEvent(QPaintEvent *)
{
    if (m_phases.isEmpty())
        return;
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette colours = palette();
    qint64 total = 0;
    for (const Phase &phase : std::as_const(m_phases))
        total += std::max<qint64>(1, phase.target.count());
    const int gap = 4;
    const qreal available = width() - gap * (m_phases.size() - 1);
    const int line = fontMetrics().height();
    const QRectF track(0, line + 4, available, line * 1.2);
    qreal x = 0;
    for (qsizetype i = 0; i < m_phases.size(); ++i) {
        const Phase &phase = m_phases.at(i);
        const qreal segmentWidth = available * qreal(std::max<qint64>(1, phase.target.count())) / qreal(total);
        const QRectF segment(x, track.top(), segmentWidth, track.height());
        const bool current = i == m_current;
        const bool done = m_current >= 0 && i < m_current;

        QPainterPath outline;
        outline.addRoundedRect(segment, 4, 4);
        painter.fillPath(outline, colours.color(QPalette::Base));
        if (done) {
            painter.fillPath(outline, colours.color(QPalette::Mid));
        } else if (current) {
            const qreal fraction
                = std::min(1.0, qreal(m_elapsed.count()) / qreal(std::max<qint64>(1, phase.target.count())));
            const bool over = m_elapsed > phase.target;
            QPainterPath fill;
            fill.addRoundedRect(QRectF(segment.left(), segment.top(), segment.width() * fraction, segment.height()), 4,
                                4);
            painter.fillPath(fill, over ? warningColour(colours) : colours.color(QPalette::Highlight));
        }
        painter.setPen(
            QPen(current ? colours.color(QPalette::Highlight) : colours.color(QPalette::Mid), current ? 2 : 1));
        painter.drawPath(outline);

        QFont titleFont = font();
        titleFont.setBold(current);
        painter.setFont(titleFont);
        painter.setPen(colours.color(current ? QPalette::WindowText : QPalette::PlaceholderText));
        const QRectF titleRect(segment.left(), 0, segment.width(), line + 2);
        painter.drawText(titleRect, Qt::AlignLeft | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(phase.title, Qt::ElideRight, int(segment.width())));
        painter.setFont(font());
        // Past its target the time says so in words too: the colour only helps.
        QString target = current ? Format::elapsed(m_elapsed) + u" / "_s + Format::elapsed(phase.target)
                                 : Format::elapsed(phase.target);
        if (current && m_elapsed > phase.target)
            target += tr(" · over");
        const QRectF targetRect(segment.left(), segment.bottom() + 2, segment.width(), line + 2);
        painter.drawText(targetRect, Qt::AlignLeft | Qt::AlignVCenter,
                         painter.fontMetrics().elidedText(target, Qt::ElideRight, int(segment.width())));
        x += segmentWidth + gap;
    }
}

} // namespace MockLoop
