#include "LoopLoader.h"

#include "LoopParser.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QStringDecoder>

#include <cstring>

using namespace Qt::StringLiterals;

namespace MockLoop::LoopLoader {

namespace {

using Yaml::DiagnosticSink;

QString tooLargeMessage(qint64 bytes)
{
    const QLocale c = QLocale::c();
    return tr("the file is %1; a loop file may be at most %2. Is this the right file?")
        .arg(c.formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat),
             c.formattedDataSize(MaxFileBytes, 1, QLocale::DataSizeSIFormat));
}

char characterAt(const QByteArray &data, const Yaml::Mark &mark)
{
    qsizetype lineStart = 0;
    for (int line = 1; line < mark.line && lineStart >= 0; ++line)
        lineStart = data.indexOf('\n', lineStart) + 1;
    const qsizetype position = lineStart + mark.column - 1;
    const bool found = (lineStart > 0 || mark.line == 1) && position >= 0 && position < data.size();
    return found ? data.at(position) : '\0';
}

QString parseErrorMessage(const Yaml::ParseError &error, const QByteArray &data)
{
    using Kind = Yaml::ParseError::Kind;
    const QLocale c = QLocale::c();
    switch (error.kind) {
    case Kind::Syntax: {
        QString message = tr("not valid YAML: %1").arg(QString::fromStdString(error.message));
        if (characterAt(data, error.mark) == '\t')
            message += tr(" (a tab: YAML indents with spaces only)");
        return message;
    }
    case Kind::TooDeep:
        return tr("not valid YAML: lists or mappings are nested more than %1 levels deep")
            .arg(QString::fromStdString(error.message));
    case Kind::TooManyNodes:
        return tr("the file holds more than %1 values once its aliases are expanded (each use of an alias "
                  "repeats all it refers to); a loop needs far fewer. Is this the right file?")
            .arg(c.toString(qulonglong(Yaml::Document::MaxExpandedNodes)));
    case Kind::TooManyBytes:
        return tr("the file holds more than %1 of text once its aliases are expanded (each use of an alias "
                  "repeats all it refers to); a loop needs far less. Is this the right file?")
            .arg(c.formattedDataSize(qint64(Yaml::Document::MaxExpandedBytes), 0, QLocale::DataSizeSIFormat));
    case Kind::RecursiveAlias:
        return tr("the alias *%1 is used inside the node it refers to, which would repeat without end")
            .arg(Yaml::shownText(error.message));
    case Kind::Stopped:
        return tr("loading was stopped before it finished");
    }
    return {};
}

LoopLoadResult fileFailure(const QString &filePath, const QString &message)
{
    DiagnosticSink sink(filePath);
    sink.fileError(message);
    LoopLoadResult result;
    result.diagnostics = sink.diagnostics();
    return result;
}

} // namespace

LoopLoadResult loadData(const QByteArray &data, const QString &displayPath, std::stop_token stop)
{
    if (data.size() > MaxFileBytes)
        return fileFailure(displayPath, tooLargeMessage(data.size()));
    if (std::memchr(data.constData(), '\0', static_cast<std::size_t>(data.size())) != nullptr)
        return fileFailure(displayPath, tr("the file holds binary data, not YAML text"));
    QStringDecoder utf8(QStringDecoder::Utf8);
    [[maybe_unused]] const QString decoded = utf8.decode(data);
    if (utf8.hasError())
        return fileFailure(displayPath, tr("the file is not UTF-8 text; save it as UTF-8"));
    if (data.trimmed().isEmpty())
        return fileFailure(displayPath, tr("the file is empty; a loop file starts with 'format_version: 1'"));

    DiagnosticSink sink(displayPath, stop);
    LoopLoadResult result;

    const Yaml::Document document
        = Yaml::Document::parse(std::string_view(data.constData(), std::size_t(data.size())), stop);
    if (!document.ok()) {
        const Yaml::ParseError &error = *document.error();
        if (error.kind == Yaml::ParseError::Kind::Stopped)
            return fileFailure(displayPath, parseErrorMessage(error, data));
        sink.error(error.mark, QString(), parseErrorMessage(error, data));
        result.diagnostics = sink.diagnostics();
        return result;
    }
    const auto &documents = document.roots();
    if (documents.empty() || documents.front()->isNull())
        return fileFailure(displayPath,
                           tr("the file holds no YAML content, only comments; a loop file starts with "
                              "'format_version: 1'"));
    if (documents.size() > 1) {
        sink.error(documents.at(1)->mark(), QString(),
                   tr("the file holds %1 YAML documents; a loop file holds exactly one").arg(documents.size()));
    }

    LoopParser parser(sink);
    Loop loop = parser.parse(*documents.front());
    if (sink.stopRequested())
        return fileFailure(displayPath, tr("loading was stopped before it finished"));
    result.diagnostics = sink.diagnostics();
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const LoopDiagnostic &a, const LoopDiagnostic &b) {
                         return std::pair(a.line, a.column) < std::pair(b.line, b.column);
                     });
    if (!containsErrors(result.diagnostics))
        result.loop = std::move(loop);
    return result;
}

LoopLoadResult loadFile(const QString &filePath, std::stop_token stop)
{
    const QFileInfo info(filePath);
    if (!info.exists())
        return fileFailure(filePath, tr("no such file"));
    if (info.isDir())
        return fileFailure(filePath, tr("this is a folder, not a loop file"));
    if (info.size() > MaxFileBytes)
        return fileFailure(filePath, tooLargeMessage(info.size()));
    QFile file(filePath);
    if (!file.open(QIODevice::ReadOnly))
        return fileFailure(filePath, tr("cannot read the file: %1").arg(file.errorString()));
    // Read at most one byte past the limit: a device or a growing file cannot make us read forever.
    const QByteArray data = file.read(MaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return fileFailure(filePath, tr("cannot read the file: %1").arg(file.errorString()));
    return loadData(data, filePath, std::move(stop));
}

} // namespace MockLoop::LoopLoader
