#include "FeedbackFormat.h"

#include "common/Format.h"
#include "widgets/CountdownLabel.h"

#include <QCoreApplication>
#include <QLabel>
#include <QLocale>
#include <QPalette>
#include <QWidget>

#include <cmath>

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace MockLoop::FeedbackFormat {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MockLoop::FeedbackFormat", text);
}

constexpr QStringView MomentScheme = u"moment:";

// WCAG's relative luminance and contrast ratio.
double luminance(const QColor &colour)
{
    const auto channel
        = [](double value) { return value <= 0.03928 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF());
}

double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

QString spentOfTarget(milliseconds spent, milliseconds target)
{
    return tr("%1 of %2").arg(Format::elapsed(spent), Format::elapsed(target));
}

bool isOver(milliseconds spent, milliseconds target)
{
    return spent - target >= std::chrono::seconds(1);
}

QString overOrOnTime(milliseconds spent, milliseconds target)
{
    return isOver(spent, target) ? tr("%1 over").arg(Format::elapsed(spent - target)) : tr("on time");
}

QString shortDuration(qint64 ms)
{
    if (ms < 59950)
        return tr("%1 s").arg(QLocale().toString(double(ms) / 1000.0, 'f', 1));
    return Format::duration(milliseconds(ms));
}

QString momentLink(qint64 ms, bool playable, const QPalette &palette, const QString &text)
{
    const QString shown = (text.isEmpty() ? Format::elapsed(milliseconds(ms)) : text).toHtmlEscaped();
    if (!playable)
        return shown;
    return u"<a href=\"%1\" style=\"color: %2;\">%3</a>"_s.arg(momentHref(ms), readableLinkColour(palette).name(),
                                                               shown);
}

QString momentHref(qint64 ms)
{
    return MomentScheme.toString() + QString::number(ms);
}

std::optional<qint64> momentOfLink(const QString &link)
{
    if (!link.startsWith(MomentScheme))
        return std::nullopt;
    bool ok = false;
    const qint64 ms = link.mid(MomentScheme.size()).toLongLong(&ok);
    return ok && ms >= 0 ? std::optional<qint64>(ms) : std::nullopt;
}

void followMomentLinks(QLabel *label, const std::function<void(qint64)> &chosen)
{
    label->setTextInteractionFlags(Qt::LinksAccessibleByMouse);
    label->setFocusPolicy(Qt::NoFocus);
    QObject::connect(label, &QLabel::linkActivated, label, [chosen](const QString &link) {
        if (const auto moment = momentOfLink(link))
            chosen(*moment);
    });
}

QColor readableLinkColour(const QPalette &palette)
{
    const QColor window = palette.color(QPalette::Window);
    const QColor link = palette.color(QPalette::Link);
    if (contrast(link, window) >= 4.5)
        return link;
    // Lighter or darker, whichever the window needs; the text colour reads by definition.
    const QColor shifted = window.lightness() < 128 ? link.lighter(170) : link.darker(170);
    return contrast(shifted, window) >= 4.5 ? shifted : palette.color(QPalette::WindowText);
}

void markAsWarning(QWidget *label)
{
    QPalette colours = label->palette();
    colours.setColor(QPalette::WindowText, warningColour(colours));
    label->setPalette(colours);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
}

} // namespace MockLoop::FeedbackFormat
