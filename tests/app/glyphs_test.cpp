#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QRawFont>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Glyph
{
    char32_t character;
    QString where; // file:line of its first use
};

// The text of a string literal with its \\uXXXX and \\UXXXXXXXX escapes read.
QList<char32_t> charactersOf(const QString &literal)
{
    static const QRegularExpression escape(uR"(\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})))"_s);
    QList<char32_t> characters;
    for (const uint character : literal.toUcs4())
        characters.append(char32_t(character));
    auto escapes = escape.globalMatch(literal);
    while (escapes.hasNext()) {
        const QRegularExpressionMatch match = escapes.next();
        characters.append(char32_t(match.captured(match.lastCapturedIndex()).toUInt(nullptr, 16)));
    }
    return characters;
}

// Every character beyond ASCII in the string literals of the app's and the core's sources, written
// as itself or as an escape: the text MockLoop shows (comments are skipped).
QList<Glyph> glyphsInSources()
{
    QList<Glyph> glyphs;
    QSet<char32_t> seen;
    static const QRegularExpression literal(uR"("(?:[^"\\]|\\.)*")"_s);
    for (const char *folder : {"app", "core"}) {
        QDirIterator files(QStringLiteral(MOCKLOOP_SOURCE_DIR "/") + QLatin1String(folder), {u"*.cpp"_s, u"*.h"_s},
                           QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
            for (qsizetype number = 0; number < lines.size(); ++number) {
                const QString line = lines.at(number).trimmed();
                if (line.startsWith(u"//"_s) || line.startsWith(u'*') || line.startsWith(u"/*"_s))
                    continue;
                auto matches = literal.globalMatch(line);
                while (matches.hasNext()) {
                    for (const char32_t character : charactersOf(matches.next().captured())) {
                        if (character > 0x7f && !seen.contains(character)) {
                            seen.insert(character);
                            glyphs.append(
                                {character,
                                 u"%1:%2"_s.arg(path.mid(int(qstrlen(MOCKLOOP_SOURCE_DIR)) + 1)).arg(number + 1)});
                        }
                    }
                }
            }
        }
    }
    return glyphs;
}

QString describe(const Glyph &glyph)
{
    return u"U+%1 '%2' (%3)"_s.arg(QString::number(uint(glyph.character), 16).toUpper().rightJustified(4, u'0'),
                                   QString::fromUcs4(&glyph.character, 1), glyph.where);
}

} // namespace

// Every symbol MockLoop writes (the recording light, arrows, dashes, the overtime minus) is drawn
// by the fonts a Debian machine has, never as an empty box.
class GlyphsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyGlyphInTheAppsText_isInTheApplicationFont();
    void everyGlyphInTheAppsText_isInDebiansDefaultFont();
};

void GlyphsTest::everyGlyphInTheAppsText_isInTheApplicationFont()
{
    const QList<Glyph> glyphs = glyphsInSources();
    QVERIFY2(glyphs.size() > 5, "the sources were not found, or hold no symbols at all");
    // With the fallbacks the font system finds for it: what the person sees.
    const QFontMetrics metrics(QApplication::font());
    QStringList missing;
    for (const Glyph &glyph : glyphs) {
        if (!metrics.inFontUcs4(uint(glyph.character)))
            missing << describe(glyph);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(QApplication::font().family() + u": "_s + missing.join(u", "_s)));
}

void GlyphsTest::everyGlyphInTheAppsText_isInDebiansDefaultFont()
{
    // Debian 12 installs DejaVu (fonts-dejavu-core) with fontconfig, and nothing else unless asked.
    if (!QFontDatabase::families().contains(u"DejaVu Sans"_s))
        QSKIP("DejaVu Sans is not installed");
    const QRawFont dejaVu = QRawFont::fromFont(QFont(u"DejaVu Sans"_s));
    QVERIFY(dejaVu.isValid());
    QStringList missing;
    for (const Glyph &glyph : glyphsInSources()) {
        if (!dejaVu.supportsCharacter(glyph.character))
            missing << describe(glyph);
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u", "_s)));
}

QTEST_MAIN(GlyphsTest)
#include "glyphs_test.moc"
