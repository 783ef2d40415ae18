#pragma once

#include <QTranslator>

namespace MockLoop {

// Gives messages with a count their English plural form. Every counted message is written as
// tr("%n question(s)", nullptr, n); this turns "(s)" into "" for one and "s" otherwise, so no
// hand-kept translation file can fall out of step with the sources. A real translation, installed
// after this one, takes precedence.
class EnglishPlurals : public QTranslator
{
    Q_OBJECT

public:
    using QTranslator::QTranslator;

    QString translate(const char *context, const char *sourceText, const char *disambiguation = nullptr,
                      int n = -1) const override;
    bool isEmpty() const override { return false; }
};

} // namespace MockLoop
