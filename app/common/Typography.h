#pragma once

#include <QFont>

namespace MockLoop::Typography {

// Titles, questions and clocks stand out by size relative to the text around them, so that they
// follow the desktop's font and its size setting rather than a fixed point size.
inline QFont scaled(QFont base, qreal factor)
{
    base.setPointSizeF(base.pointSizeF() * factor);
    return base;
}

inline QFont scaledBold(QFont base, qreal factor)
{
    base = scaled(std::move(base), factor);
    base.setBold(true);
    return base;
}

} // namespace MockLoop::Typography
