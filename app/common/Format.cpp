#include "Format.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace MockLoop::Format {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("MockLoop::Format", text, nullptr, n);
}

QString clockText(qint64 seconds)
{
    const qint64 hours = seconds / 3600;
    const qint64 minutesPart = (seconds / 60) % 60;
    const qint64 secondsPart = seconds % 60;
    return hours > 0
        ? u"%1:%2:%3"_s.arg(hours).arg(minutesPart, 2, 10, QChar(u'0')).arg(secondsPart, 2, 10, QChar(u'0'))
        : u"%1:%2"_s.arg(minutesPart).arg(secondsPart, 2, 10, QChar(u'0'));
}

} // namespace

QString countdown(std::chrono::milliseconds remaining)
{
    const qint64 ms = remaining.count();
    if (ms >= 0)
        return clockText((ms + 999) / 1000);
    const qint64 over = -ms / 1000; // a whole second over before the minus shows
    return over > 0 ? u"\u2212"_s + clockText(over) : clockText(0);
}

QString spokenDuration(std::chrono::milliseconds time)
{
    const qint64 seconds = std::max<qint64>(0, time.count()) / 1000;
    const int wholeMinutes = int(seconds / 60);
    const int rest = int(seconds % 60);
    if (wholeMinutes == 0)
        return tr("%n second(s)", rest);
    return rest == 0 ? tr("%n minute(s)", wholeMinutes)
                     : tr("%n minute(s)", wholeMinutes) + u' ' + tr("%n second(s)", rest);
}

QString spokenCountdown(std::chrono::milliseconds remaining)
{
    const qint64 ms = remaining.count();
    if (ms > 0)
        return tr("%1 left").arg(spokenDuration(std::chrono::milliseconds((ms + 999) / 1000 * 1000)));
    if (ms > -1000)
        return tr("time is up");
    return tr("%1 over").arg(spokenDuration(std::chrono::milliseconds(-ms)));
}

QString elapsed(std::chrono::milliseconds time)
{
    return clockText(std::max<qint64>(0, time.count()) / 1000);
}

QString minutes(int totalMinutes)
{
    if (totalMinutes < 60)
        return tr("%1 min").arg(totalMinutes);
    const int hours = totalMinutes / 60;
    const int rest = totalMinutes % 60;
    return rest == 0 ? tr("%1 h").arg(hours) : tr("%1 h %2 min").arg(hours).arg(rest);
}

QString duration(std::chrono::milliseconds time)
{
    const qint64 seconds = (time.count() + 500) / 1000;
    if (seconds < 60)
        return tr("%1 s").arg(seconds);
    const qint64 rest = seconds % 60;
    return rest == 0 ? tr("%1 min").arg(seconds / 60) : tr("%1 min %2 s").arg(seconds / 60).arg(rest);
}

QString tenthsOfSeconds(std::chrono::milliseconds time)
{
    return QLocale().toString(double(time.count()) / 1000.0, 'f', 1);
}

QString relativeTime(const QDateTime &time, const QDateTime &now)
{
    const qint64 seconds = time.secsTo(now);
    if (seconds < 60)
        return tr("just now");
    if (seconds < 3600)
        return tr("%n minute(s) ago", int(seconds / 60));
    if (seconds < 86400)
        return tr("%n hour(s) ago", int(seconds / 3600));
    if (time.date().daysTo(now.date()) == 1)
        return tr("yesterday");
    return QLocale().toString(time.toLocalTime().date(), QLocale::ShortFormat);
}

} // namespace MockLoop::Format
