#pragma once

#include <QString>

class QTextStream;

// `mockloop --report [--session ID | --from DATE --to DATE] --format pdf|html|md -o FILE` and
// `mockloop --list-sessions`: reports from the practice library (the folder the app uses) without a
// window. Exit codes: 0 written, 1 the library or the file failed (the reason on stderr), 2 bad
// arguments.
namespace MockLoop::ReportCommand {

struct Options
{
    QString sessionId;
    QString from; // ISO dates, inclusive
    QString to;
    QString format;
    QString output;
};

int report(const Options &options, QTextStream &out, QTextStream &err);
int listSessions(QTextStream &out, QTextStream &err);

} // namespace MockLoop::ReportCommand
