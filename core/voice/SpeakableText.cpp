#include "SpeakableText.h"

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

bool isDash(char16_t c)
{
    return c == u'\u2010' || c == u'\u2011' || c == u'\u2012' || c == u'\u2013' || c == u'\u2014' || c == u'\u2015'
        || c == u'\u2212';
}

// What a character outside ASCII reads as, or nothing (it becomes a space).
QString asciiFor(char16_t c)
{
    switch (c) {
    case u'\u2018':
    case u'\u2019':
    case u'\u201A':
    case u'\u2032':
    case u'\u02BC':
        return u"'"_s;
    case u'\u201C':
    case u'\u201D':
    case u'\u201E':
    case u'\u00AB':
    case u'\u00BB':
        return u"\""_s;
    case u'\u2026':
        return u"..."_s;
    case u'\u00A0':
    case u'\u202F':
        return u" "_s;
    default:
        return {};
    }
}

} // namespace

QByteArray speakableText(const QString &text)
{
    // Decomposed, an accented letter is its plain letter followed by marks, which are dropped.
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString ascii;
    ascii.reserve(decomposed.size());
    for (qsizetype i = 0; i < decomposed.size(); ++i) {
        const QChar c = decomposed.at(i);
        if (c.unicode() < 0x80) {
            ascii.append(c.unicode() < 0x20 || c.unicode() == 0x7F ? u' ' : c);
        } else if (c.category() == QChar::Mark_NonSpacing || c.category() == QChar::Mark_SpacingCombining
                   || c.category() == QChar::Mark_Enclosing) {
            continue;
        } else if (isDash(c.unicode())) {
            // "5–8 engineers" is "five to eight"; elsewhere a dash is a pause.
            const bool betweenDigits = i > 0 && i + 1 < decomposed.size() && decomposed.at(i - 1).isDigit()
                && decomposed.at(i + 1).isDigit();
            ascii.append(betweenDigits ? u"-"_s : u", "_s);
        } else {
            const QString replacement = asciiFor(c.unicode());
            ascii.append(replacement.isEmpty() ? u" "_s : replacement);
        }
    }
    const QString simplified = ascii.simplified();
    // Nothing speakable: only punctuation and spaces.
    const bool hasWord
        = std::any_of(simplified.cbegin(), simplified.cend(), [](QChar c) { return c.isLetterOrNumber(); });
    return hasWord ? simplified.toLatin1() : QByteArray();
}

} // namespace MockLoop
