#include "CountdownLabel.h"

#include "common/Accessibility.h"
#include "common/Format.h"

#include <QApplication>
#include <QEvent>

using namespace Qt::StringLiterals;

namespace MockLoop {

QColor warningColour(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return dark ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x28);
}

CountdownLabel::CountdownLabel(QWidget *parent)
    : QLabel(parent)
{
    installAccessibleInterface<CountdownLabel, SpokenAccessible<CountdownLabel, QAccessible::StaticText>>();
    setSpokenName(tr("Time"));
    setAlignment(Qt::AlignCenter);
    setTextFormat(Qt::PlainText);
    QFont clockFont = font();
    clockFont.setFamilies({QStringLiteral("DejaVu Sans Mono"), QStringLiteral("monospace")});
    clockFont.setStyleHint(QFont::Monospace);
    setFont(clockFont);
}

void CountdownLabel::setRemaining(std::chrono::milliseconds remaining)
{
    m_remaining = remaining;
    setText(Format::countdown(remaining));
    const bool overtime = remaining.count() <= -1000;
    if (overtime != m_overtime) {
        m_overtime = overtime;
        applyColour();
    }
}

QString CountdownLabel::spokenText() const
{
    return accessibleName() + u' ' + Format::spokenCountdown(m_remaining);
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
