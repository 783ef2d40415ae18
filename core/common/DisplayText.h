#pragma once

#include <QString>
#include <QStringView>

namespace MockLoop {

// Text read from a file, made safe to put into a message or one line of terminal output. Control
// characters are written as escapes: a newline in a YAML key would otherwise forge a line of
// `mockloop --validate` output, an escape sequence would drive the terminal, and a bidirectional
// override would make a message read differently from what it says. "\n", "\r" and "\t" keep their
// usual spelling; other C0 and C1 controls and DEL become "\xNN"; the invisible format characters
// that reorder or split lines (U+200E/F, U+2028/9, U+202A-E, U+2066-9) become "\u{NNNN}".
QString escapeControlCharacters(QStringView text);

} // namespace MockLoop
