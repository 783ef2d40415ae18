#pragma once

#include <QString>

namespace MockLoop {

// "4:05": whole seconds as minutes and seconds, as the app's clocks show them.
inline QString minutesAndSeconds(qint64 seconds)
{
    return QStringLiteral("%1:%2").arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
}

} // namespace MockLoop
