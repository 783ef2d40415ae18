#include "LevelMeterWidget.h"

#include "CountdownLabel.h"

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
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setAccessibleName(tr("Microphone level"));
}

void LevelMeterWidget::setLevel(float rms, float peak)
{
    m_rms = rms;
    m_peak = peak;
    update();
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
}

} // namespace MockLoop
