#pragma once

#include <QStringList>

// The command line: checks and lists loops without a display, and passes files to the window.
//   mockloop [FILE...]              open the app, with these loop files opened
//   mockloop --validate FILE...     check loop files: FILE:LINE:COL: error: FIELD: message, exit 1
//   mockloop --list-loops           every loop found, its id, title and where it came from
//   mockloop --analyze FILE.wav... [--json]  speech analysis of recordings (AnalyzeCommand.h)
//   mockloop --report [--session ID | --from DATE --to DATE] --format pdf|html|md -o FILE
//   mockloop --list-sessions        the library's sessions, to find ids (ReportCommand.h)
//   mockloop --help | --version
namespace MockLoop::CommandLine {

// True when the arguments ask for something that needs no window (and so no display).
bool isConsoleInvocation(int argc, const char *const *argv);
// True for --report, whose PDF lays text out with fonts: it needs a QGuiApplication (offscreen).
bool needsFonts(int argc, const char *const *argv);

// Runs a console invocation and returns the process exit code.
int run(const QStringList &arguments);

struct GuiOptions
{
    QStringList loopFiles;
    // Quit as soon as the window is shown (and print "shown"): for smoke tests and benchmarks.
    bool quitWhenShown = false;
};

// Parses the arguments of a windowed start; exits like any Qt program on --help or bad options.
GuiOptions parseGuiArguments(const QStringList &arguments);

} // namespace MockLoop::CommandLine
