#include "LibraryStore.h"

#include "LibrarySql.h"

// The story bank: stories kept whole as JSON, the candidate's links from questions to stories,
// and imports that never overwrite a story without the user's choice.

using namespace Qt::StringLiterals;

namespace MockLoop {

using namespace LibrarySql;

namespace {

QDateTime orNow(const QDateTime &time)
{
    return time.isValid() ? time : QDateTime::currentDateTimeUtc();
}

QString bodyOf(const Story &story)
{
    return QString::fromUtf8(QJsonDocument(storyToJson(story)).toJson(QJsonDocument::Compact));
}

Story storyOf(const QSqlQuery &query)
{
    Story story = storyFromJson(QJsonDocument::fromJson(query.value(2).toString().toUtf8()).object());
    story.id = query.value(0).toLongLong();
    story.title = query.value(1).toString();
    story.archived = query.value(3).toBool();
    story.created = timeOf(query.value(4));
    story.updated = timeOf(query.value(5));
    return story;
}

const auto StoryColumns = "id, title, body, archived, created_at, updated_at"_L1;

} // namespace

std::optional<qint64> LibraryStore::addStory(const Story &story)
{
    const QDateTime created = orNow(story.created);
    QSqlQuery query(database());
    query.prepare(u"INSERT INTO stories (title, body, archived, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"_s);
    if (!execute(query,
                 {story.title, bodyOf(story), story.archived, epochMs(created),
                  epochMs(story.updated.isValid() ? story.updated : created)})) {
        failSql(query);
        return std::nullopt;
    }
    return query.lastInsertId().toLongLong();
}

bool LibraryStore::updateStory(const Story &story)
{
    QSqlQuery query(database());
    query.prepare(u"UPDATE stories SET title = ?, body = ?, archived = ?, updated_at = ? WHERE id = ?"_s);
    if (!execute(query, {story.title, bodyOf(story), story.archived, epochMs(orNow(story.updated)), story.id}))
        return failSql(query);
    return query.numRowsAffected() == 1 || fail(tr("The story %1 is no longer in the library.").arg(story.id));
}

std::optional<qint64> LibraryStore::duplicateStory(qint64 storyId, const QDateTime &now)
{
    std::optional<Story> original = story(storyId);
    if (!original) {
        fail(tr("The story %1 is no longer in the library.").arg(storyId));
        return std::nullopt;
    }
    Story copy = *original;
    copy.title = tr("%1 (copy)").arg(original->title);
    copy.archived = false;
    copy.created = copy.updated = orNow(now);
    return addStory(copy);
}

bool LibraryStore::setStoryArchived(qint64 storyId, bool archived, const QDateTime &now)
{
    QSqlQuery query(database());
    query.prepare(u"UPDATE stories SET archived = ?, updated_at = ? WHERE id = ?"_s);
    if (!execute(query, {archived, epochMs(orNow(now)), storyId}))
        return failSql(query);
    return query.numRowsAffected() == 1 || fail(tr("The story %1 is no longer in the library.").arg(storyId));
}

bool LibraryStore::deleteStory(qint64 storyId)
{
    QSqlQuery query(database());
    query.prepare(u"DELETE FROM stories WHERE id = ?"_s); // its links cascade
    return execute(query, {storyId}) || failSql(query);
}

std::optional<Story> LibraryStore::story(qint64 storyId)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT %1 FROM stories WHERE id = ?"_s.arg(StoryColumns));
    if (!execute(query, {storyId})) {
        failSql(query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return storyOf(query);
}

QList<Story> LibraryStore::stories(bool includeArchived)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT %1 FROM stories %2 ORDER BY lower(title), id"_s.arg(
        StoryColumns, includeArchived ? QString() : u"WHERE archived = 0"_s));
    QList<Story> result;
    if (!execute(query)) {
        failSql(query);
        return result;
    }
    while (query.next())
        result.append(storyOf(query));
    return result;
}

bool LibraryStore::linkStory(qint64 storyId, const QString &loopId, const QString &questionId)
{
    QSqlQuery query(database());
    query.prepare(u"INSERT OR IGNORE INTO story_links (story_id, loop_id, question_id) VALUES (?, ?, ?)"_s);
    return execute(query, {storyId, loopId, questionId}) || failSql(query);
}

bool LibraryStore::unlinkStory(qint64 storyId, const QString &loopId, const QString &questionId)
{
    QSqlQuery query(database());
    query.prepare(u"DELETE FROM story_links WHERE story_id = ? AND loop_id = ? AND question_id = ?"_s);
    return execute(query, {storyId, loopId, questionId}) || failSql(query);
}

QList<StoryLink> LibraryStore::storyLinks(const QString &loopId)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT story_id, question_id FROM story_links WHERE loop_id = ? ORDER BY question_id, story_id"_s);
    QList<StoryLink> links;
    if (!execute(query, {loopId})) {
        failSql(query);
        return links;
    }
    while (query.next())
        links.append({query.value(0).toLongLong(), query.value(1).toString()});
    return links;
}

std::optional<double> LibraryStore::measuredWordsPerMinute()
{
    QSqlQuery query(database());
    if (!query.exec(u"SELECT avg(words_per_minute) FROM answers WHERE words_per_minute > 0"_s)) {
        failSql(query);
        return std::nullopt;
    }
    return query.next() ? optionalDouble(query.value(0)) : std::nullopt;
}

QList<LibraryStore::StoryConflict> LibraryStore::storyConflicts(const QList<Story> &incoming)
{
    QHash<QString, qint64> byTitle;
    const QList<Story> held = stories(true);
    for (const Story &story : held)
        byTitle.insert(story.title.trimmed().toCaseFolded(), story.id); // ordered by id within a title: the last wins
    QList<StoryConflict> conflicts;
    for (int i = 0; i < incoming.size(); ++i) {
        const auto existing = byTitle.constFind(incoming.at(i).title.trimmed().toCaseFolded());
        if (existing != byTitle.cend())
            conflicts.append({i, existing.value(), incoming.at(i).title});
    }
    return conflicts;
}

std::optional<QList<qint64>> LibraryStore::importStories(const QList<Story> &incoming,
                                                         const QHash<int, StoryConflictChoice> &choices)
{
    const QList<StoryConflict> conflicts = storyConflicts(incoming);
    QHash<int, qint64> replaced;
    QSet<int> skipped;
    for (const StoryConflict &conflict : conflicts) {
        const auto choice = choices.constFind(conflict.incomingIndex);
        if (choice == choices.cend()) {
            fail(tr("\"%1\" is already in the story bank: choose to keep both, replace it or skip it.")
                     .arg(conflict.title));
            return std::nullopt;
        }
        if (*choice == StoryConflictChoice::Replace)
            replaced.insert(conflict.incomingIndex, conflict.existingId);
        else if (*choice == StoryConflictChoice::Skip)
            skipped.insert(conflict.incomingIndex);
    }
    Transaction transaction(database());
    if (!transaction.isOpen()) {
        fail(transaction.error());
        return std::nullopt;
    }
    QList<qint64> ids;
    for (int i = 0; i < incoming.size(); ++i) {
        if (skipped.contains(i))
            continue;
        Story story = incoming.at(i);
        if (replaced.contains(i)) {
            story.id = replaced.value(i);
            if (!updateStory(story))
                return std::nullopt;
            ids << story.id;
        } else if (const std::optional<qint64> id = addStory(story)) {
            ids << *id;
        } else {
            return std::nullopt;
        }
    }
    if (!transaction.commit()) {
        fail(transaction.error());
        return std::nullopt;
    }
    return ids;
}

bool LibraryStore::setPractisedStory(const QString &sessionId, int ordinal, qint64 storyId, const QDateTime &at)
{
    QSqlQuery query(database());
    if (storyId == 0) {
        query.prepare(u"DELETE FROM answer_stories WHERE session_id = ? AND ordinal = ?"_s);
        return execute(query, {sessionId, ordinal}) || failSql(query);
    }
    const std::optional<Story> chosen = story(storyId);
    if (!chosen)
        return fail(tr("The story %1 is no longer in the library.").arg(storyId));
    query.prepare(u"INSERT OR REPLACE INTO answer_stories (session_id, ordinal, story_id, story_title, chosen_at) "
                  "VALUES (?, ?, ?, ?, ?)"_s);
    return execute(query, {sessionId, ordinal, storyId, chosen->title, epochMs(orNow(at))}) || failSql(query);
}

std::optional<PractisedStory> LibraryStore::practisedStory(const QString &sessionId, int ordinal)
{
    QSqlQuery query(database());
    query.prepare(
        u"SELECT coalesce(story_id, 0), story_title FROM answer_stories WHERE session_id = ? AND ordinal = ?"_s);
    if (!execute(query, {sessionId, ordinal})) {
        failSql(query);
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    return PractisedStory{query.value(0).toLongLong(), query.value(1).toString()};
}

QList<StoryPractice> LibraryStore::storyPractice()
{
    fillPhaseTimes(); // phase times of answers stored before they were worked out
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // A story deleted since is kept apart by its title.
    if (!query.exec(u"SELECT coalesce(st.story_id, 0), st.story_title, a.latest_score, a.phase_ms, a.answered_at "
                    "FROM answer_stories st JOIN answers a ON a.session_id = st.session_id AND a.ordinal = st.ordinal "
                    "ORDER BY a.answered_at"_s)) {
        failSql(query);
        return {};
    }
    struct Sums
    {
        StoryPractice practice;
        double scoreSum = 0;
        QList<qint64> phaseSums;
        int withPhases = 0;
    };
    QList<Sums> sums;
    QHash<QString, qsizetype> indexOf;
    while (query.next()) {
        const qint64 storyId = query.value(0).toLongLong();
        const QString title = query.value(1).toString();
        const QString key = storyId ? QString::number(storyId) : u"title:"_s + title;
        auto found = indexOf.constFind(key);
        if (found == indexOf.cend()) {
            found = indexOf.insert(key, sums.size());
            sums.append(Sums{});
            sums.last().practice.storyId = storyId;
        }
        Sums &entry = sums[*found];
        entry.practice.title = title; // the newest title it was practised under
        ++entry.practice.answers;
        entry.practice.lastPractised = timeOf(query.value(4));
        if (const std::optional<double> score = optionalDouble(query.value(2))) {
            ++entry.practice.rated;
            entry.scoreSum += *score;
        }
        const QString phases = query.value(3).toString();
        if (!phases.isEmpty()) {
            const QStringList times = phases.split(u',');
            if (entry.phaseSums.size() < times.size())
                entry.phaseSums.resize(times.size());
            for (qsizetype i = 0; i < times.size(); ++i)
                entry.phaseSums[i] += times.at(i).toLongLong();
            ++entry.withPhases;
        }
    }
    QList<StoryPractice> result;
    for (Sums &entry : sums) {
        if (entry.practice.rated > 0)
            entry.practice.meanScore = entry.scoreSum / entry.practice.rated;
        for (const qint64 sum : std::as_const(entry.phaseSums))
            entry.practice.meanPhaseMs << (entry.withPhases > 0 ? sum / entry.withPhases : 0);
        result.append(entry.practice);
    }
    std::stable_sort(result.begin(), result.end(),
                     [](const StoryPractice &a, const StoryPractice &b) { return a.answers > b.answers; });
    return result;
}

} // namespace MockLoop
