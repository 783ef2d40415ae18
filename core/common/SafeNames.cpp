#include "SafeNames.h"

namespace MockLoop {

namespace {

constexpr qsizetype MaxNameLength = 128;

bool isLetterOrDigit(char16_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

} // namespace

bool isSafeName(QStringView name)
{
    if (name.isEmpty() || name.size() > MaxNameLength || !isLetterOrDigit(name.front().unicode()))
        return false;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (!isLetterOrDigit(u) && u != u'-' && u != u'_' && u != u'.')
            return false;
    }
    return true;
}

} // namespace MockLoop
