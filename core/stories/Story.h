#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

namespace MockLoop {

struct StoryStructure;

// What a story is tagged with, by the loop's ids (values are the rubric's value dimensions).
struct StoryTags
{
    QStringList values;
    QStringList categories;
    QStringList themes;
    QStringList levels;

    bool operator==(const StoryTags &) const = default;
};

// One of the candidate's stories, told in the loop's story structure. Plain value.
struct Story
{
    qint64 id = 0; // 0: not stored yet
    QString title;
    QMap<QString, QString> phases; // story phase id -> what the candidate says in that phase
    QStringList metrics; // the numbers the story claims ("p99 latency down 40%")
    QString memberImpact; // who was better off, in one line
    StoryTags tags;
    QString period; // free text ("2023 Q2")
    QString company;
    bool archived = false;
    QDateTime created;
    QDateTime updated;

    bool operator==(const Story &) const = default;

    QString phaseText(const QString &phaseId) const { return phases.value(phaseId); }
    // Every word of the story a listener would hear or read: the phases in the structure's order
    // (then any phase the structure no longer names), the metrics and the member impact.
    QString spokenText(const StoryStructure &structure) const;
};

// The story as JSON, without its id (ids belong to one library); the same shape is kept in the
// library's database and written to .json files.
QJsonObject storyToJson(const Story &story);
// The story of object; text fields that are not strings are left empty. Dates absent stay invalid.
Story storyFromJson(const QJsonObject &object);

// Words of text, lowercased, split at anything not a letter or a digit.
QStringList storyWords(const QString &text);
// Whether text holds a digit or a number written as a word ("twice", "half", "million").
bool containsNumber(const QString &text);

} // namespace MockLoop
