#pragma once

#include <QDateTime>
#include <QString>

#include <chrono>

namespace MockLoop::Format {

// Time left: "3:07", "1:02:03", rounded up, so 0:01 shows until the last second is over; time
// past zero (overtime) gets a real minus sign: "−0:35".
QString countdown(std::chrono::milliseconds remaining);
// The countdown in words, for screen readers: "2 minutes 10 seconds left", "12 seconds over",
// "time is up" (rounded as countdown() shows it).
QString spokenCountdown(std::chrono::milliseconds remaining);
// A time in words: "1 minute 12 seconds", "4 minutes", "0 seconds" (rounded down).
QString spokenDuration(std::chrono::milliseconds time);
// Time gone by: "3:07", rounded down.
QString elapsed(std::chrono::milliseconds time);
// "45 min", "1 h 5 min".
QString minutes(int minutes);
// "3 min 7 s", "42 s".
QString duration(std::chrono::milliseconds time);
// "3.1": seconds to a tenth, for measured stretches such as pauses (the caller adds the unit).
QString tenthsOfSeconds(std::chrono::milliseconds time);
// "2 hours ago", "yesterday", or the date.
QString relativeTime(const QDateTime &time, const QDateTime &now = QDateTime::currentDateTime());

} // namespace MockLoop::Format
