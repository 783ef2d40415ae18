#pragma once

#include <QByteArray>
#include <QString>

namespace MockLoop {

// The text as libflite reads it. flite's English front end knows ASCII only: typographic quotes
// and dashes would be spelt out or dropped, and accented letters turn into noise. So: curly quotes
// become straight ones, dashes between numbers "to" and other dashes a pause (a comma), an
// ellipsis three dots, accented letters their plain letter (é → e), control characters and
// anything else outside ASCII a space; runs of spaces one. Empty when nothing speakable is left.
QByteArray speakableText(const QString &text);

} // namespace MockLoop
