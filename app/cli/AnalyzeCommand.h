#pragma once

#include <QStringList>

class QTextStream;

// `mockloop --analyze FILE.wav... [--json]`: analyses recordings without a window and prints the
// metrics and the approximate transcript of each, or with --json one JSON object a line (the
// layout README documents). Returns the exit code: 0 when every file was analysed ("no speech
// found" included), 1 when one could not be (the reason on stderr), 2 without files.
namespace MockLoop::AnalyzeCommand {

int run(const QStringList &files, bool json, QTextStream &out, QTextStream &err);

} // namespace MockLoop::AnalyzeCommand
