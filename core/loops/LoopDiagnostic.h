#pragma once

#include <QList>
#include <QString>

namespace MockLoop {

// One problem found in a loop file, with everything an editor needs to jump to it.
struct LoopDiagnostic
{
    enum class Severity { Error, Warning };

    Severity severity = Severity::Error;
    QString filePath;
    int line = 0; // 1-based; 0 when the problem concerns the whole file
    int column = 0; // 1-based; 0 when the problem concerns the whole file
    QString fieldPath; // for example rounds[2].duration_minutes; empty for the whole file
    QString message; // control characters from the file are escaped (escapeControlCharacters)

    bool isError() const { return severity == Severity::Error; }

    // "FILE:LINE:COL: error: FIELD: message", the convention compilers use and editors follow; always
    // one line.
    QString toString() const;
};

using LoopDiagnostics = QList<LoopDiagnostic>;

bool containsErrors(const LoopDiagnostics &diagnostics);

} // namespace MockLoop
