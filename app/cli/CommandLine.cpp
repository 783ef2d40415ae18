#include "CommandLine.h"

#include "AnalyzeCommand.h"
#include "ReportCommand.h"
#include "common/DisplayText.h"

#include "loops/LoopCatalog.h"
#include "loops/LoopLoader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QTextStream>

#include <cstring>

using namespace Qt::StringLiterals;

namespace MockLoop::CommandLine {

namespace {

QString tr(const char *text, int count = -1)
{
    return QCoreApplication::translate("MockLoop::CommandLine", text, nullptr, count);
}

const QCommandLineOption &validateOption()
{
    static const QCommandLineOption option(u"validate"_s,
                                           tr("Check the given loop files and report every problem as "
                                              "FILE:LINE:COL: error: FIELD: message. Exits 1 if any file has errors."));
    return option;
}

const QCommandLineOption &listLoopsOption()
{
    static const QCommandLineOption option(u"list-loops"_s,
                                           tr("List every loop found (built-in and in %1), its id, title and where "
                                              "it came from.")
                                               .arg(QDir::toNativeSeparators(LoopCatalog::userLoopFolder())));
    return option;
}

const QCommandLineOption &analyzeOption()
{
    static const QCommandLineOption option(u"analyze"_s,
                                           tr("Analyse the given recordings (WAV): speaking time, pauses, pace, likely "
                                              "fillers, pitch spread, the numbers and hedges heard, and the "
                                              "transcript (automatic and approximate). Exits 1 if a file cannot be "
                                              "analysed."));
    return option;
}

const QCommandLineOption &jsonOption()
{
    static const QCommandLineOption option(u"json"_s,
                                           tr("With --analyze: print one JSON object a line for each file (the "
                                              "layout is in README, \"Analysing a recording\")."));
    return option;
}

const QCommandLineOption &reportOption()
{
    static const QCommandLineOption option(u"report"_s,
                                           tr("Write a report from the practice library: --session ID, or --from DATE "
                                              "--to DATE; --format pdf|html|md; -o FILE. Exits 1 if it cannot."));
    return option;
}

const QCommandLineOption &listSessionsOption()
{
    static const QCommandLineOption option(u"list-sessions"_s,
                                           tr("List the sessions in the practice library: id, start, mode, loop, "
                                              "answers."));
    return option;
}

const QList<QCommandLineOption> &reportValueOptions()
{
    static const QList<QCommandLineOption> options
        = {QCommandLineOption(u"session"_s, tr("With --report: the session to report on."), u"ID"_s),
           QCommandLineOption(u"from"_s, tr("With --report: the first day (YYYY-MM-DD)."), u"DATE"_s),
           QCommandLineOption(u"to"_s, tr("With --report: the last day (YYYY-MM-DD)."), u"DATE"_s),
           QCommandLineOption(u"format"_s, tr("With --report: pdf, html or md."), u"FORMAT"_s),
           QCommandLineOption({u"o"_s, u"output"_s}, tr("With --report: the file to write."), u"FILE"_s)};
    return options;
}

void configure(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("MockLoop: rehearse an engineering-leadership interview loop alone, out loud, on your own machine."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(validateOption());
    parser.addOption(listLoopsOption());
    parser.addOption(analyzeOption());
    parser.addOption(jsonOption());
    parser.addOption(reportOption());
    parser.addOption(listSessionsOption());
    parser.addOptions(reportValueOptions());
    parser.addPositionalArgument(u"files"_s,
                                 tr("Loop files (YAML) to open, or to check with --validate; recordings (WAV) to "
                                    "analyse with --analyze."),
                                 u"[FILE...]"_s);
}

// Paths and titles come from file names and files: escaped, so each stays on its own line.
QString displayPath(const QString &path)
{
    return escapeControlCharacters(path.startsWith(u':') ? path : QDir::toNativeSeparators(path));
}

QString summary(const Loop &loop)
{
    return tr("%1: %n round(s), ", loop.rounds.size()).arg(loop.id) + tr("%n question(s), ", loop.questions.size())
        + tr("%n minute(s)", loop.totalMinutes());
}

int validate(const QStringList &files, QTextStream &out, QTextStream &err)
{
    if (files.isEmpty()) {
        err << tr("mockloop: --validate needs at least one loop file") << Qt::endl;
        return 2;
    }
    bool allValid = true;
    for (const QString &file : files) {
        const LoopLoadResult result = LoopLoader::loadFile(file);
        for (const LoopDiagnostic &diagnostic : result.diagnostics)
            err << diagnostic.toString() << u'\n';
        err.flush();
        if (result.ok())
            out << displayPath(file) << u": "_s << summary(*result.loop) << Qt::endl;
        else
            allValid = false;
    }
    return allValid ? 0 : 1;
}

int listLoops(QTextStream &out)
{
    const LoopCatalog catalog = LoopCatalog::loadDefault();
    out << tr("User loop folder: %1").arg(QDir::toNativeSeparators(LoopCatalog::userLoopFolder())) << u"\n\n"_s;
    if (catalog.entries().isEmpty()) {
        out << tr("No loops found.") << Qt::endl;
        return 0;
    }
    qsizetype idWidth = 2;
    for (const CatalogEntry &entry : catalog.entries()) {
        if (entry.loop)
            idWidth = std::max(idWidth, entry.loop->id.size());
    }
    for (const CatalogEntry &entry : catalog.entries()) {
        const QString source = originName(entry.origin) + u" ("_s + displayPath(entry.location) + u')';
        if (!entry.loop) {
            const auto errors = std::count_if(entry.diagnostics.cbegin(), entry.diagnostics.cend(),
                                              [](const LoopDiagnostic &diagnostic) { return diagnostic.isError(); });
            out << u"%1  "_s.arg(u"-"_s, -int(idWidth))
                << tr("not loaded: %n error(s), see mockloop --validate %1", int(errors))
                       .arg(displayPath(entry.location))
                << u"\n    "_s << source << u'\n';
            continue;
        }
        out << u"%1  "_s.arg(entry.loop->id, -int(idWidth)) << escapeControlCharacters(entry.loop->title) << u"\n    "_s
            << source;
        if (!entry.overrides.isEmpty())
            out << u"; "_s << tr("overrides %1").arg(displayPath(entry.overrides));
        if (!entry.overriddenBy.isEmpty())
            out << u"; "_s << tr("overridden by %1").arg(displayPath(entry.overriddenBy));
        out << u'\n';
    }
    out.flush();
    return 0;
}

} // namespace

bool isConsoleInvocation(int argc, const char *const *argv)
{
    static constexpr const char *ConsoleArguments[]
        = {"--validate", "--list-loops", "--analyze", "--report", "--list-sessions", "-h", "--help",
           "--help-all", "-v",           "--version", "-?"};
    for (int i = 1; i < argc; ++i) {
        for (const char *consoleArgument : ConsoleArguments) {
            if (std::strcmp(argv[i], consoleArgument) == 0)
                return true;
        }
    }
    return false;
}

bool needsFonts(int argc, const char *const *argv)
{
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--report") == 0)
            return true;
    }
    return false;
}

int run(const QStringList &arguments)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    configure(parser);
    parser.process(arguments); // handles --help and --version, and exits on unknown options

    if (parser.isSet(validateOption()))
        return validate(parser.positionalArguments(), out, err);
    if (parser.isSet(listLoopsOption()))
        return listLoops(out);
    if (parser.isSet(analyzeOption()))
        return AnalyzeCommand::run(parser.positionalArguments(), parser.isSet(jsonOption()), out, err);
    if (parser.isSet(reportOption())) {
        return ReportCommand::report({parser.value(u"session"_s), parser.value(u"from"_s), parser.value(u"to"_s),
                                      parser.value(u"format"_s), parser.value(u"output"_s)},
                                     out, err);
    }
    if (parser.isSet(listSessionsOption()))
        return ReportCommand::listSessions(out, err);
    parser.showHelp(2);
}

GuiOptions parseGuiArguments(const QStringList &arguments)
{
    QCommandLineParser parser;
    configure(parser);
    QCommandLineOption quitWhenShown(u"quit-when-shown"_s, tr("Quit once the window is shown (for tests)."));
    quitWhenShown.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(quitWhenShown);
    parser.process(arguments);
    return GuiOptions{parser.positionalArguments(), parser.isSet(quitWhenShown)};
}

} // namespace MockLoop::CommandLine
