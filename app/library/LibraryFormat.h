#pragma once

#include <QDateTime>
#include <QLocale>
#include <QString>

#include <optional>

namespace MockLoop::LibraryFormat {

// A date and time as the library lists them: the locale's short date and its short time without
// seconds ("16/11/2026 06:58", "11/16/26 6:58 AM"). Seconds only widen a column of answers
// minutes apart.
inline QString dateTime(const QDateTime &time)
{
    using namespace Qt::StringLiterals;
    if (!time.isValid())
        return {};
    const QLocale locale;
    QString timeFormat = locale.timeFormat(QLocale::ShortFormat);
    timeFormat.remove(u":ss"_s).remove(u".ss"_s);
    const QDateTime local = time.toLocalTime();
    return locale.toString(local.date(), QLocale::ShortFormat) + u' ' + locale.toString(local.time(), timeFormat);
}

// An average score to a tenth ("2.3"), or a dash for none.
inline QString score(const std::optional<double> &average)
{
    using namespace Qt::StringLiterals;
    return average ? QLocale().toString(*average, 'f', 1) : u"—"_s;
}

} // namespace MockLoop::LibraryFormat
