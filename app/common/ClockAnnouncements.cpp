#include "ClockAnnouncements.h"

#include "Format.h"

#include <QCoreApplication>

namespace MockLoop {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("MockLoop::ClockAnnouncements", text, nullptr, n);
}

// Whether the clock passed mark (inclusive of landing on it) going from before to now.
bool passed(qint64 before, qint64 now, qint64 mark)
{
    return before > mark && now <= mark;
}

} // namespace

std::optional<QString> clockAnnouncement(std::chrono::milliseconds before, std::chrono::milliseconds now,
                                         ClockAnnouncements when)
{
    using namespace std::chrono_literals;
    const qint64 from = before.count();
    const qint64 to = now.count();
    if (when == ClockAnnouncements::Off || to >= from || from - to > 2000)
        return std::nullopt;
    if (passed(from, to, 0))
        return tr("Time is up");
    if (to < 0) {
        // Overtime: each whole minute over (the clock shows -1:00 a minute past zero).
        const qint64 minutesOver = -to / 60000;
        if (minutesOver >= 1 && passed(from, to, -minutesOver * 60000))
            return tr("%n minute(s) over", int(minutesOver));
        return std::nullopt;
    }
    if (passed(from, to, 30000))
        return tr("30 seconds left");
    // Minutes left: the countdown shows 1:00 from 60 s down to 59.001 s.
    const qint64 minutesLeft = (to + 59999) / 60000;
    if (minutesLeft >= 1 && passed(from, to, minutesLeft * 60000)
        && (minutesLeft == 1 || when == ClockAnnouncements::EveryMinute))
        return tr("%n minute(s) left", int(minutesLeft));
    return std::nullopt;
}

} // namespace MockLoop
