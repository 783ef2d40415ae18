#pragma once

#include "Loop.h"
#include "LoopDiagnostic.h"

#include <QByteArray>
#include <QString>

#include <optional>
#include <stop_token>

namespace MockLoop {

struct LoopLoadResult
{
    std::optional<Loop> loop; // set when the file has no errors (warnings allowed)
    LoopDiagnostics diagnostics; // every error and warning of the file, in file order

    bool ok() const { return loop.has_value(); }
};

// Reads and strictly validates loop files (format: interview_loops/README.md). Never throws and
// never crashes on bad input: a file that is not a loop gives diagnostics instead. The work is
// bounded by the size of the document with its aliases expanded (Yaml::Document's limits) and is
// linear in it, so any file is accepted or refused within about a second (tests/bench/
// hostile_loop_bench). A stop request ends a load within milliseconds, as a file error.
namespace LoopLoader {

// Loop files larger than this are refused before parsing (the Netflix loop is about 60 kB).
inline constexpr qint64 MaxFileBytes = 4 * 1000 * 1000;

LoopLoadResult loadFile(const QString &filePath, std::stop_token stop = {});

// Parses data as the content of a loop file; displayPath names it in diagnostics.
LoopLoadResult loadData(const QByteArray &data, const QString &displayPath, std::stop_token stop = {});

} // namespace LoopLoader

} // namespace MockLoop
