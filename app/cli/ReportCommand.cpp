#include "ReportCommand.h"

#include "common/AppSettings.h"
#include "common/DisplayText.h"
#include "library/LibraryStore.h"
#include "loops/LoopCatalog.h"
#include "reports/ReportWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QSaveFile>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace MockLoop::ReportCommand {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MockLoop::ReportCommand", text);
}

std::unique_ptr<LibraryStore> openLibrary(QTextStream &err)
{
    const QString folder = AppSettings::libraryFolder();
    LibraryStore::OpenResult opened = LibraryStore::open(folder);
    if (!opened.store)
        err << u"mockloop: "_s << opened.message << Qt::endl;
    return std::move(opened.store);
}

bool writeText(const QString &path, const QString &text, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        *error = tr("Could not write %1: %2. Choose another file or folder.")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    return true;
}

} // namespace

int report(const Options &options, QTextStream &out, QTextStream &err)
{
    const QStringList formats = {u"pdf"_s, u"html"_s, u"md"_s};
    if (!formats.contains(options.format)) {
        err << tr("mockloop: --report needs --format pdf, html or md") << Qt::endl;
        return 2;
    }
    if (options.output.isEmpty()) {
        err << tr("mockloop: --report needs -o FILE, the file to write") << Qt::endl;
        return 2;
    }
    ReportScope scope;
    if (!options.sessionId.isEmpty()) {
        if (!options.from.isEmpty() || !options.to.isEmpty()) {
            err << tr("mockloop: --report takes either --session or --from and --to, not both") << Qt::endl;
            return 2;
        }
        scope.sessionId = options.sessionId;
    } else {
        scope.from = QDate::fromString(options.from, Qt::ISODate);
        scope.to = QDate::fromString(options.to, Qt::ISODate);
        if (!scope.from.isValid() || !scope.to.isValid() || scope.to < scope.from) {
            err << tr("mockloop: --report needs --session ID, or --from DATE --to DATE (YYYY-MM-DD, the first not "
                      "after the second); mockloop --list-sessions lists the sessions")
                << Qt::endl;
            return 2;
        }
    }
    std::unique_ptr<LibraryStore> store = openLibrary(err);
    if (!store)
        return 1;
    const LoopCatalog catalog = LoopCatalog::loadDefault();
    QString error;
    const std::optional<ReportData> data = ReportBuilder::build(
        *store, scope, [&catalog](const QString &loopId) { return catalog.find(loopId); }, &error);
    if (!data) {
        err << u"mockloop: "_s << error << Qt::endl;
        return 1;
    }
    const bool written = options.format == u"pdf"_s
        ? ReportWriter::writePdf(*data, options.output, ReportWriter::pageSizeFor(QLocale()), &error)
        : writeText(options.output,
                    options.format == u"html"_s ? ReportWriter::toHtml(*data) : ReportWriter::toMarkdown(*data),
                    &error);
    if (!written) {
        err << u"mockloop: "_s << error << Qt::endl;
        return 1;
    }
    out << tr("Wrote a report of %1 answer(s) to %2")
               .arg(data->answerCount())
               .arg(escapeControlCharacters(QDir::toNativeSeparators(options.output)))
        << Qt::endl;
    return 0;
}

int listSessions(QTextStream &out, QTextStream &err)
{
    std::unique_ptr<LibraryStore> store = openLibrary(err);
    if (!store)
        return 1;
    const QList<SessionRecord> sessions = store->sessions();
    if (sessions.isEmpty()) {
        out << tr("No sessions in the library.") << Qt::endl;
        return 0;
    }
    for (const SessionRecord &session : sessions) {
        AnswerFilter filter;
        filter.sessionId = session.id;
        out << escapeControlCharacters(session.id) << u'\t'
            << session.startedAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s) << u'\t' << modeName(session.mode)
            << u'\t' << escapeControlCharacters(session.loopTitle) << u'\t'
            << tr("%1 answer(s)").arg(store->countAnswers(filter)) << u'\n';
    }
    out.flush();
    return 0;
}

} // namespace MockLoop::ReportCommand
