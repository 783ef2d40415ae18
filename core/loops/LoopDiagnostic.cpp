#include "LoopDiagnostic.h"

#include "common/DisplayText.h"

#include <algorithm>

namespace MockLoop {

QString LoopDiagnostic::toString() const
{
    // The path may be anything a file can be named; the field and message are escaped when made.
    QString text = escapeControlCharacters(filePath);
    if (line > 0)
        text += u':' + QString::number(line) + u':' + QString::number(column);
    text += isError() ? u": error: "_qs : u": warning: "_qs;
    if (!fieldPath.isEmpty())
        text += fieldPath + u": "_qs;
    return text + message;
}

bool containsErrors(const LoopDiagnostics &diagnostics)
{
    return std::any_of(diagnostics.cbegin(), diagnostics.cend(),
                       [](const LoopDiagnostic &diagnostic) { return diagnostic.isError(); });
}

} // namespace MockLoop
