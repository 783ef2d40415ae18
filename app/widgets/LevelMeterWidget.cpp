#include "LevelMeterWidget.h"

#include "CountdownLabel.h"
#include "common/Accessibility.h"

#include <QDeadlineTimer>
#include <QPainter>

#include <cmath>

namespace MockLoop {

namespace {

// -60 dBFS (silence) .. 0 dBFS (full scale), as 0..1 of the bar.
qreal position(float level)
{
    if (level <= 0.001f)
        return 0;
    const qreal decibels = 20 * std::log10(qreal(level));
    return std::clamp((decibels + 60) / 60, 0.0, 1.0);
}

} // namespace

LevelMeterWidget::LevelMeterWidget(QWidget *parent)
    : QWidget(parent)
{
    installAccessibleInterface<LevelMeterWidget, SpokenValueAccessible<LevelMeterWidget, QAccessible::ProgressBar>>();
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setFocusPolicy(Qt::TabFocus);
    setAccessibleName(tr("Microphone level"));
    m_wordSent = levelWord();
}

QString LevelMeterWidget::levelWord() const
{
    if (m_peak >= 0.95f)
        return tr("too loud");
    const qreal filled = position(m_rms);
    if (filled < 0.1) // below -54 dBFS: nothing heard
        return tr("silent");
    if (filled < 0.4) // below -36 dBFS: a room, a whisper
        return tr("quiet");
    return tr("speech");
}

QString LevelMeterWidget::spokenText() const
{
    return tr("%1: %2").arg(accessibleName(), levelWord());
}

int LevelMeterWidget::percent() const
{
    return int(std::lround(position(m_rms) * 100));
}

void LevelMeterWidget::setLevel(float rms, float peak)
{
    m_rms = rms;
    m_peak = peak;
    update();
    // The words changing, told at most once a second: a screen reader on the meter hears the
    // microphone come alive, not every syllable.
    const QString word = levelWord();
    const qint64 now = QDeadlineTimer::current().deadline();
    if (word != m_wordSent && now - m_wordSentAt >= 1000 && QAccessible::isActive()) {
        m_wordSent = word;
        m_wordSentAt = now;
        QAccessibleEvent named(this, QAccessible::NameChanged);
        QAccessible::updateAccessibility(&named);
        QAccessibleValueChangeEvent changed(this, percent());
        QAccessible::updateAccessibility(&changed);
    }
}

void LevelMeterWidget::reset()
{
    setLevel(0, 0);
}

QSize LevelMeterWidget::sizeHint() const
{
    return {fontMetrics().height() * 10, fontMetrics().height() * 2 / 3};
}

void LevelMeterWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette colours = palette();
    const QRect track = rect().adjusted(0, 1, -1, -1);
    painter.fillRect(track, colours.color(QPalette::Base));
    painter.setPen(colours.color(QPalette::Mid));
    painter.drawRect(track);
    const int filled = int(track.width() * position(m_rms));
    // Green for speech, the warning colour near clipping.
    const QColor fill = position(m_peak) > 0.95 ? warningColour(colours) : QColor(0x2e, 0xa0, 0x43);
    painter.fillRect(QRect(track.left() + 1, track.top() + 1, filled, track.height() - 1), fill);
    const int peakX = track.left() + int(track.width() * position(m_peak));
    painter.setPen(QPen(colours.color(QPalette::WindowText), 2));
    painter.drawLine(peakX, track.top() + 1, peakX, track.bottom());
    if (hasFocus()) {
        painter.setPen(QPen(colours.color(QPalette::Highlight), 2));
        painter.drawRect(rect().adjusted(1, 1, -1, -1));
    }
}

} // namespace MockLoop
