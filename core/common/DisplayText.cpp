#include "DisplayText.h"

#include <algorithm>

namespace MockLoop {

namespace {

bool isLineOrDirectionControl(char16_t c)
{
    return c == 0x200E || c == 0x200F || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
}

QString hex(char16_t c, int width)
{
    return QString::number(int(c), 16).toUpper().rightJustified(width, u'0');
}

} // namespace

QString escapeControlCharacters(QStringView text)
{
    const auto needsEscape
        = [](char16_t c) { return c < 0x20 || (c >= 0x7F && c <= 0x9F) || isLineOrDirectionControl(c); };
    if (std::none_of(text.begin(), text.end(), [&](QChar c) { return needsEscape(c.unicode()); }))
        return text.toString();
    QString escaped;
    escaped.reserve(text.size() + 8);
    for (const QChar character : text) {
        const char16_t c = character.unicode();
        if (!needsEscape(c))
            escaped.append(character);
        else if (c == u'\n')
            escaped.append(u"\\n");
        else if (c == u'\r')
            escaped.append(u"\\r");
        else if (c == u'\t')
            escaped.append(u"\\t");
        else if (c <= 0xFF)
            escaped.append(u"\\x" + hex(c, 2));
        else
            escaped.append(u"\\u{" + hex(c, 4) + u'}');
    }
    return escaped;
}

} // namespace MockLoop
