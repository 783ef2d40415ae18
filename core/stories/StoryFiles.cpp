#include "StoryFiles.h"

#include "loops/Loop.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

const auto MetricsHeading = "Result metrics"_L1;
// Not "Member impact": loops name a story phase so.
const auto ImpactHeading = "Impact in one line"_L1;
const auto Fence = "---"_L1;

// A line that reading would take for markup gets a backslash in front.
QString escapedLine(const QString &line)
{
    if (line.startsWith(u'#') || line.startsWith(u'\\') || line.startsWith(Fence) || line.startsWith(u"- "_s))
        return u'\\' + line;
    return line;
}

void appendText(QString &out, const QString &text)
{
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines)
        out += escapedLine(line) + u'\n';
}

QString jsonValue(const QJsonValue &value)
{
    const QJsonArray wrapped{value};
    const QByteArray json = QJsonDocument(wrapped).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(json.mid(1, json.size() - 2));
}

QString jsonList(const QStringList &list)
{
    return jsonValue(QJsonArray::fromStringList(list));
}

// The story's phases, metrics and impact under headings of level (2 for "##").
void appendBody(QString &out, const Story &story, const StoryStructure &structure, int level)
{
    const QString heading = QString(level, u'#') + u' ';
    for (const StoryPhase &phase : structure.phases) {
        out += u'\n' + heading + phase.title + u"\n\n"_s;
        appendText(out, story.phaseText(phase.id).trimmed());
    }
    out += u'\n' + heading + MetricsHeading + u"\n\n"_s;
    for (const QString &metric : story.metrics)
        out += u"- "_s + QString(metric).replace(u'\n', u' ') + u'\n';
    out += u'\n' + heading + ImpactHeading + u"\n\n"_s;
    appendText(out, story.memberImpact.trimmed());
}

StoryFileResult failure(const QString &file, int line, const QString &message)
{
    return {std::nullopt, {file, line, message}};
}

} // namespace

QString StoryFileError::text() const
{
    return line > 0 ? StoryFiles::tr("%1, line %2: %3").arg(file).arg(line).arg(message)
                    : StoryFiles::tr("%1: %2").arg(file, message);
}

QByteArray StoryFiles::toMarkdown(const Story &story, const StoryStructure &structure)
{
    QString out = Fence + u'\n';
    out += u"title: "_s + jsonValue(story.title) + u'\n';
    out += u"company: "_s + jsonValue(story.company) + u'\n';
    out += u"period: "_s + jsonValue(story.period) + u'\n';
    out += u"values: "_s + jsonList(story.tags.values) + u'\n';
    out += u"categories: "_s + jsonList(story.tags.categories) + u'\n';
    out += u"themes: "_s + jsonList(story.tags.themes) + u'\n';
    out += u"levels: "_s + jsonList(story.tags.levels) + u'\n';
    out += Fence + u"\n\n# "_s + QString(story.title).replace(u'\n', u' ') + u'\n';
    appendBody(out, story, structure, 2);
    return out.toUtf8();
}

StoryFileResult StoryFiles::fromMarkdown(const QByteArray &data, const StoryStructure &structure,
                                         const QString &fileName)
{
    if (data.size() > MaxFileBytes)
        return failure(fileName, 0,
                       tr("the file is %1 kB; a story file is at most %2 kB. Is it the right file?")
                           .arg(data.size() / 1024)
                           .arg(MaxFileBytes / 1024));
    if (data.contains('\0'))
        return failure(fileName, 0, tr("the file is binary, not Markdown. Choose a .md file MockLoop exported."));
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(data);
    if (decoder.hasError())
        return failure(fileName, 0, tr("the file is not UTF-8 text. Save it as UTF-8 and import it again."));
    QStringList lines = text.split(u'\n');
    for (QString &line : lines) {
        if (line.endsWith(u'\r'))
            line.chop(1);
    }

    Story story;
    int index = 0;
    if (lines.value(0) != Fence)
        return failure(fileName, 1,
                       tr("a story file starts with front matter: a line \"---\", the tags, then \"---\"."));
    bool closed = false;
    for (index = 1; index < lines.size(); ++index) {
        const QString &line = lines.at(index);
        if (line == Fence) {
            closed = true;
            ++index;
            break;
        }
        if (line.trimmed().isEmpty())
            continue;
        const qsizetype colon = line.indexOf(u':');
        if (colon <= 0)
            return failure(fileName, index + 1, tr("front matter lines read \"key: value\"; this one has no key."));
        const QString key = line.left(colon).trimmed();
        QJsonParseError error{};
        const QJsonDocument document
            = QJsonDocument::fromJson("[" + line.mid(colon + 1).trimmed().toUtf8() + "]", &error);
        const QJsonValue value = document.array().at(0);
        if (error.error != QJsonParseError::NoError || document.array().size() != 1)
            return failure(fileName, index + 1, tr("the value of \"%1\" is not a quoted string or a list.").arg(key));
        if (key == "title"_L1 || key == "company"_L1 || key == "period"_L1) {
            if (!value.isString())
                return failure(fileName, index + 1, tr("\"%1\" is a quoted string.").arg(key));
            (key == "title"_L1 ? story.title : key == "company"_L1 ? story.company : story.period) = value.toString();
            continue;
        }
        QStringList *list = key == "values"_L1 ? &story.tags.values
            : key == "categories"_L1           ? &story.tags.categories
            : key == "themes"_L1               ? &story.tags.themes
            : key == "levels"_L1               ? &story.tags.levels
                                               : nullptr;
        if (!list)
            return failure(fileName, index + 1,
                           tr("\"%1\" is not a story field (title, company, period, values, categories, themes, "
                              "levels).")
                               .arg(key));
        const QJsonArray array = value.toArray();
        if (!value.isArray()
            || std::any_of(array.begin(), array.end(), [](const QJsonValue &v) { return !v.isString(); }))
            return failure(fileName, index + 1, tr("\"%1\" is a list of quoted strings: [\"a\", \"b\"].").arg(key));
        for (const QJsonValue &item : array)
            *list << item.toString();
    }
    if (!closed)
        return failure(fileName, lines.size(), tr("the front matter is never closed by a line \"---\"."));

    // The body: "# title" is skipped (the front matter holds it), each "## " heading starts a part.
    QString *section = nullptr;
    bool inMetrics = false;
    QStringList sectionLines;
    auto flush = [&] {
        if (section)
            *section = sectionLines.join(u'\n').trimmed();
        sectionLines.clear();
    };
    for (; index < lines.size(); ++index) {
        const QString &line = lines.at(index);
        if (line.startsWith(u"# "_s) && !section && !inMetrics) {
            if (story.title.isEmpty())
                story.title = line.mid(2).trimmed();
            continue;
        }
        if (line.startsWith(u"## "_s)) {
            flush();
            section = nullptr;
            inMetrics = false;
            const QString heading = line.mid(3).trimmed();
            for (const StoryPhase &phase : structure.phases) {
                if (!section
                    && (heading.compare(phase.title, Qt::CaseInsensitive) == 0
                        || heading.compare(phase.id, Qt::CaseInsensitive) == 0))
                    section = &story.phases[phase.id];
            }
            if (!section && heading.compare(MetricsHeading, Qt::CaseInsensitive) == 0) {
                inMetrics = true;
                continue;
            }
            if (!section && heading.compare(ImpactHeading, Qt::CaseInsensitive) == 0)
                section = &story.memberImpact;
            if (!section)
                return failure(fileName, index + 1,
                               tr("\"%1\" is not a phase of the story structure, \"%2\" or \"%3\".")
                                   .arg(heading, MetricsHeading, ImpactHeading));
            continue;
        }
        if (inMetrics) {
            if (line.startsWith(u"- "_s))
                story.metrics << line.mid(2).trimmed();
            else if (!line.trimmed().isEmpty())
                return failure(fileName, index + 1,
                               tr("under \"%1\", each metric is a line starting \"- \".").arg(MetricsHeading));
            continue;
        }
        if (!section) {
            if (line.trimmed().isEmpty())
                continue;
            return failure(fileName, index + 1, tr("text before the first \"## \" heading belongs under one."));
        }
        sectionLines << (line.startsWith(u'\\') ? line.mid(1) : line);
    }
    flush();
    story.phases.removeIf([](const auto &phase) { return phase.value().isEmpty(); });
    if (story.title.trimmed().isEmpty())
        return failure(fileName, 2, tr("the story has no title: add title: \"...\" to the front matter."));
    return {story, {}};
}

QByteArray StoryFiles::toJson(const Story &story)
{
    return QJsonDocument(storyToJson(story)).toJson(QJsonDocument::Indented);
}

StoryFileResult StoryFiles::fromJson(const QByteArray &data, const QString &fileName)
{
    if (data.size() > MaxFileBytes)
        return failure(fileName, 0,
                       tr("the file is %1 kB; a story file is at most %2 kB. Is it the right file?")
                           .arg(data.size() / 1024)
                           .arg(MaxFileBytes / 1024));
    QJsonParseError error{};
    const QJsonDocument document = QJsonDocument::fromJson(data, &error);
    if (error.error != QJsonParseError::NoError) {
        const int line = int(data.left(error.offset).count('\n')) + 1;
        return failure(fileName, line, tr("this is not valid JSON (%1).").arg(error.errorString()));
    }
    if (!document.isObject())
        return failure(fileName, 1, tr("a story file holds one JSON object."));
    Story story = storyFromJson(document.object());
    story.archived = false;
    if (story.title.trimmed().isEmpty())
        return failure(fileName, 1, tr("the story has no \"title\"."));
    return {story, {}};
}

QByteArray StoryFiles::bankToMarkdown(const QList<Story> &stories, const StoryStructure &structure)
{
    QString out = tr("# Story bank") + u'\n';
    for (const Story &story : stories) {
        out += u"\n## "_s + QString(story.title).replace(u'\n', u' ') + u'\n';
        QStringList about;
        if (!story.company.isEmpty())
            about << story.company;
        if (!story.period.isEmpty())
            about << story.period;
        if (!story.tags.values.isEmpty())
            about << tr("values: %1").arg(story.tags.values.join(u", "_s));
        if (!story.tags.themes.isEmpty())
            about << tr("themes: %1").arg(story.tags.themes.join(u", "_s));
        if (story.archived)
            about << tr("archived");
        if (!about.isEmpty())
            out += u'\n' + escapedLine(about.join(u" · "_s)) + u'\n';
        appendBody(out, story, structure, 3);
    }
    return out.toUtf8();
}

} // namespace MockLoop
