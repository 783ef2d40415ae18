#include "CountdownLabel.h"

#include "common/Format.h"

#include <QApplication>
#include <QEvent>

namespace MockLoop {

QColor warningColour(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x28);
}

CountdownLabel::CountdownLabel(QWidget *parent)
    : QLabel(parent)
{
    setAlignment(Qt::AlignCenter);
    setTextFormat(Qt::PlainText);
    QFont clockFont = font();
    clockFont.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("monospace")});
    clockFont.setStyleHint(QFont::Monospace);
    setFont(clockFont);
}

void CountdownLabel::setRemaining(std::chrono::milliseconds remaining)
{
    setText(Format::countdown(remaining));
    const bool overtime = remaining.count() <= -1000;
    if (overtime != m_overtime) {
        m_overtime = overtime;
        applyColour();
    }
    setAccessibleName(m_overtime ? tr("Overtime %1").arg(text()) : tr("%1 left").arg(text()));
}

void CountdownLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColour();
}

void CountdownLabel::applyColour()
{
    QPalette colours = palette();
    colours.setColor(QPalette::WindowText,
                     m_overtime ? warningColour(colours) : QApplication::palette().color(QPalette::WindowText));
    // Avoid re-entering changeEvent for our own change.
    const QSignalBlocker blocker(this);
    setPalette(colours);
}

} // namespace MockLoop
