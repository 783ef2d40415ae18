#include "Story.h"

#include "loops/Loop.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QJsonArray arrayOf(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isString())
            list << item.toString();
    }
    return list;
}

QJsonValue timeToJson(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toUTC().toString(Qt::ISODateWithMs)) : QJsonValue();
}

QDateTime timeFromJson(const QJsonValue &value)
{
    QDateTime time = QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

} // namespace

QString Story::spokenText(const StoryStructure &structure) const
{
    QStringList parts;
    QSet<QString> told;
    for (const StoryPhase &phase : structure.phases) {
        parts << phases.value(phase.id);
        told.insert(phase.id);
    }
    for (auto it = phases.cbegin(); it != phases.cend(); ++it) {
        if (!told.contains(it.key()))
            parts << it.value();
    }
    parts << metrics.join(u'\n') << memberImpact;
    return parts.join(u'\n');
}

QJsonObject storyToJson(const Story &story)
{
    QJsonObject phases;
    for (auto it = story.phases.cbegin(); it != story.phases.cend(); ++it)
        phases.insert(it.key(), it.value());
    return QJsonObject{
        {u"title"_s, story.title},
        {u"phases"_s, phases},
        {u"metrics"_s, arrayOf(story.metrics)},
        {u"memberImpact"_s, story.memberImpact},
        {u"values"_s, arrayOf(story.tags.values)},
        {u"categories"_s, arrayOf(story.tags.categories)},
        {u"themes"_s, arrayOf(story.tags.themes)},
        {u"levels"_s, arrayOf(story.tags.levels)},
        {u"period"_s, story.period},
        {u"company"_s, story.company},
        {u"archived"_s, story.archived},
        {u"created"_s, timeToJson(story.created)},
        {u"updated"_s, timeToJson(story.updated)},
    };
}

Story storyFromJson(const QJsonObject &object)
{
    Story story;
    story.title = object.value(u"title"_s).toString();
    const QJsonObject phases = object.value(u"phases"_s).toObject();
    for (auto it = phases.begin(); it != phases.end(); ++it) {
        if (it.value().isString())
            story.phases.insert(it.key(), it.value().toString());
    }
    story.metrics = stringsOf(object.value(u"metrics"_s));
    story.memberImpact = object.value(u"memberImpact"_s).toString();
    story.tags.values = stringsOf(object.value(u"values"_s));
    story.tags.categories = stringsOf(object.value(u"categories"_s));
    story.tags.themes = stringsOf(object.value(u"themes"_s));
    story.tags.levels = stringsOf(object.value(u"levels"_s));
    story.period = object.value(u"period"_s).toString();
    story.company = object.value(u"company"_s).toString();
    story.archived = object.value(u"archived"_s).toBool();
    story.created = timeFromJson(object.value(u"created"_s));
    story.updated = timeFromJson(object.value(u"updated"_s));
    return story;
}

QStringList storyWords(const QString &text)
{
    // Folded once, then cut into views: a story is scanned for every coverage, so no per-character
    // allocation.
    const QString folded = text.toCaseFolded();
    QStringList words;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= folded.size(); ++i) {
        const bool letter = i < folded.size() && folded.at(i).isLetterOrNumber();
        if (letter && start < 0) {
            start = i;
        } else if (!letter && start >= 0) {
            words << folded.mid(start, i - start);
            start = -1;
        }
    }
    return words;
}

bool containsNumber(const QString &text)
{
    for (const QChar c : text) {
        if (c.isDigit())
            return true;
    }
    static const QSet<QString> numberWords{
        u"one"_s,     u"two"_s,      u"three"_s,   u"four"_s,    u"five"_s,   u"six"_s,    u"seven"_s,
        u"eight"_s,   u"nine"_s,     u"ten"_s,     u"twelve"_s,  u"twenty"_s, u"thirty"_s, u"fifty"_s,
        u"hundred"_s, u"thousand"_s, u"million"_s, u"billion"_s, u"half"_s,   u"twice"_s,  u"double"_s,
        u"doubled"_s, u"triple"_s,   u"tripled"_s, u"dozen"_s,   u"percent"_s};
    const QStringList words = storyWords(text);
    return std::any_of(words.cbegin(), words.cend(), [](const QString &w) { return numberWords.contains(w); });
}

} // namespace MockLoop
