#include "LibrarySchema.h"

#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace MockLoop::LibrarySchema {

namespace {

// Never edit a migration that has shipped: add the next.
const char *const Migrations[] = {
    // 1: the first library.
    R"(
CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    mode TEXT NOT NULL,
    loop_id TEXT NOT NULL,
    loop_version INTEGER NOT NULL,
    loop_title TEXT NOT NULL DEFAULT '',
    level_id TEXT NOT NULL DEFAULT '',
    seed TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER,
    abandoned INTEGER NOT NULL DEFAULT 0
)
;;
CREATE TABLE answers (
    id INTEGER PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    segment INTEGER NOT NULL DEFAULT 0,
    round_id TEXT NOT NULL,
    round_title TEXT NOT NULL DEFAULT '',
    question_id TEXT NOT NULL,
    question_text TEXT NOT NULL,
    category_id TEXT NOT NULL DEFAULT '',
    answered_at INTEGER NOT NULL,
    week_start TEXT NOT NULL DEFAULT '', -- the Monday of the answer's week, local time when answered
    think_ms INTEGER NOT NULL DEFAULT 0,
    answer_ms INTEGER NOT NULL DEFAULT 0,
    overtime_ms INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    parts TEXT NOT NULL DEFAULT '[]',
    notes TEXT NOT NULL DEFAULT '',
    -- Kept by the triggers below, for listing, filtering and sorting without a join per row.
    first_score REAL,
    latest_score REAL,
    latest_red_flags INTEGER NOT NULL DEFAULT 0,
    has_recording INTEGER NOT NULL DEFAULT 0
)
;;
CREATE TABLE ratings (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    kind INTEGER NOT NULL CHECK (kind IN (0, 1)), -- 0: right after the answer, 1: after a replay
    rated_at INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    average REAL,
    red_flag_count INTEGER NOT NULL DEFAULT 0
)
;;
CREATE TABLE rating_scores (
    rating_id INTEGER NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
    dimension_id TEXT NOT NULL,
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 4),
    PRIMARY KEY (rating_id, dimension_id)
) WITHOUT ROWID
;;
CREATE TABLE rating_red_flags (
    rating_id INTEGER NOT NULL REFERENCES ratings (id) ON DELETE CASCADE,
    flag_id TEXT NOT NULL,
    PRIMARY KEY (rating_id, flag_id)
) WITHOUT ROWID
;;
CREATE TABLE recordings (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    path TEXT NOT NULL UNIQUE, -- relative to the library folder
    format TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL DEFAULT 0,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    checksum TEXT NOT NULL DEFAULT '',
    recovered INTEGER NOT NULL DEFAULT 0
)
;;
-- Per loop, week and dimension, the scores of first ratings added up, kept by the triggers below so
-- that the trend over time needs no scan of every score.
CREATE TABLE dimension_week_totals (
    loop_id TEXT NOT NULL,
    week_start TEXT NOT NULL,
    dimension_id TEXT NOT NULL,
    score_sum INTEGER NOT NULL,
    score_count INTEGER NOT NULL,
    PRIMARY KEY (loop_id, week_start, dimension_id)
) WITHOUT ROWID
;;
CREATE UNIQUE INDEX ratings_one_first ON ratings (answer_id) WHERE kind = 0
;;
CREATE INDEX ratings_by_answer ON ratings (answer_id, rated_at)
;;
CREATE INDEX answers_by_session ON answers (session_id)
;;
CREATE INDEX answers_by_time ON answers (answered_at)
;;
CREATE INDEX answers_by_round ON answers (round_id, answered_at)
;;
CREATE INDEX answers_by_question ON answers (question_id, answered_at)
;;
CREATE INDEX answers_by_score ON answers (latest_score)
;;
CREATE INDEX recordings_by_answer ON recordings (answer_id)
;;
CREATE TRIGGER first_rating_is_kept BEFORE UPDATE ON ratings WHEN OLD.kind = 0
BEGIN
    SELECT RAISE(ABORT, 'the first rating of an answer is kept as it was given');
END
;;
CREATE TRIGGER first_rating_scores_are_kept BEFORE UPDATE ON rating_scores
BEGIN
    SELECT RAISE(ABORT, 'ratings are kept as they were given');
END
;;
CREATE TRIGGER rating_added AFTER INSERT ON ratings
BEGIN
    UPDATE answers SET
        first_score = CASE WHEN NEW.kind = 0 THEN NEW.average ELSE first_score END,
        latest_score = NEW.average,
        latest_red_flags = NEW.red_flag_count
    WHERE id = NEW.answer_id;
END
;;
CREATE TRIGGER first_score_added AFTER INSERT ON rating_scores
WHEN (SELECT kind FROM ratings WHERE id = NEW.rating_id) = 0
BEGIN
    INSERT INTO dimension_week_totals (loop_id, week_start, dimension_id, score_sum, score_count)
    SELECT s.loop_id, a.week_start, NEW.dimension_id, NEW.score, 1
    FROM ratings r JOIN answers a ON a.id = r.answer_id JOIN sessions s ON s.id = a.session_id
    WHERE r.id = NEW.rating_id
    ON CONFLICT (loop_id, week_start, dimension_id) DO UPDATE
        SET score_sum = score_sum + excluded.score_sum, score_count = score_count + 1;
END
;;
CREATE TRIGGER answer_removed BEFORE DELETE ON answers
BEGIN
    UPDATE dimension_week_totals
        SET score_sum = score_sum - rs.score, score_count = score_count - 1
    FROM ratings r
    JOIN rating_scores rs ON rs.rating_id = r.id
    JOIN sessions s ON s.id = OLD.session_id
    WHERE r.answer_id = OLD.id AND r.kind = 0
      AND dimension_week_totals.loop_id = s.loop_id AND dimension_week_totals.week_start = OLD.week_start
      AND dimension_week_totals.dimension_id = rs.dimension_id;
END
;;
CREATE TRIGGER recording_added AFTER INSERT ON recordings
BEGIN
    UPDATE answers SET has_recording = 1 WHERE id = NEW.answer_id;
END
;;
CREATE TRIGGER recording_removed AFTER DELETE ON recordings
BEGIN
    UPDATE answers SET has_recording = EXISTS (SELECT 1 FROM recordings WHERE answer_id = OLD.answer_id)
    WHERE id = OLD.answer_id;
END
)",
    // 2: an answer knows its place in its session, so that saving it again (a session resumed after
    // a crash re-saves what the library may not have received) stores it once; recovered takes
    // kept as answers have no time limit, so no overtime.
    R"(
ALTER TABLE answers ADD COLUMN ordinal INTEGER
;;
CREATE UNIQUE INDEX answers_by_session_ordinal ON answers (session_id, ordinal) WHERE ordinal IS NOT NULL
;;
UPDATE answers SET overtime_ms = 0 WHERE round_id = ''
)",
    // 3: the speech analysis of each take. Its figures sit on the answer, to list, sort and filter
    // by without a join; the whole result beside it; the transcript in a full-text index.
    R"(
ALTER TABLE answers ADD COLUMN analyzer_version INTEGER
;;
ALTER TABLE answers ADD COLUMN words_per_minute REAL
;;
ALTER TABLE answers ADD COLUMN fillers_per_minute REAL
;;
ALTER TABLE answers ADD COLUMN longest_pause_ms INTEGER
;;
CREATE TABLE analyses (
    answer_id INTEGER PRIMARY KEY REFERENCES answers (id) ON DELETE CASCADE,
    analysed_at INTEGER NOT NULL,
    result TEXT NOT NULL
)
;;
CREATE VIRTUAL TABLE answer_transcripts USING fts5(transcript, tokenize = 'unicode61')
;;
CREATE TRIGGER answer_transcript_removed AFTER DELETE ON answers
BEGIN
    DELETE FROM answer_transcripts WHERE rowid = OLD.id;
END
;;
CREATE INDEX answers_to_analyse ON answers (analyzer_version) WHERE has_recording = 1
;;
CREATE INDEX answers_by_pace ON answers (words_per_minute)
;;
CREATE INDEX answers_by_fillers ON answers (fillers_per_minute)
)",
    // 4: the story bank. A story's phases, metrics and tags are kept as the JSON of storyToJson
    // (core/stories/Story.h), read and written whole; a link is the candidate's choice of a story
    // for a question of a loop.
    R"(
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '{}',
    archived INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
)
;;
CREATE TABLE story_links (
    story_id INTEGER NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
    loop_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    PRIMARY KEY (loop_id, question_id, story_id)
) WITHOUT ROWID
;;
CREATE INDEX story_links_by_story ON story_links (story_id)
)",
    // 5: what the Progress page sums up, on the answer so that thousands are read without a join or
    // a lookup each: the time in each story phase from the person's marks (worked out from the parts
    // by LibraryProgress.cpp, NULL until then; '' for an answer without marks), the evidence counted
    // in the analysis, and the scores and red flags of the first and the newest rating, kept by the
    // triggers below ("dimension:score,..."; the newest is the one added last, as for latest_score;
    // replayed: it was given after a replay).
    R"(
ALTER TABLE answers ADD COLUMN phase_ms TEXT
;;
ALTER TABLE answers ADD COLUMN numbers_heard INTEGER
;;
ALTER TABLE answers ADD COLUMN audience_mentions INTEGER
;;
ALTER TABLE answers ADD COLUMN first_scores TEXT
;;
ALTER TABLE answers ADD COLUMN newest_scores TEXT
;;
ALTER TABLE answers ADD COLUMN newest_red_flags TEXT
;;
ALTER TABLE answers ADD COLUMN replayed INTEGER NOT NULL DEFAULT 0
;;
UPDATE answers SET
    numbers_heard = CASE WHEN json_valid(x.result) THEN json_array_length(x.result, '$.numbersHeard') END,
    audience_mentions = CASE WHEN json_valid(x.result) THEN json_array_length(x.result, '$.audienceMentions') END
FROM analyses x WHERE x.answer_id = answers.id
;;
UPDATE answers SET
    first_scores = (SELECT group_concat(rs.dimension_id || ':' || rs.score) FROM ratings r
                    JOIN rating_scores rs ON rs.rating_id = r.id WHERE r.answer_id = answers.id AND r.kind = 0),
    newest_scores = (SELECT group_concat(rs.dimension_id || ':' || rs.score) FROM rating_scores rs
                     WHERE rs.rating_id = (SELECT max(r.id) FROM ratings r WHERE r.answer_id = answers.id)),
    newest_red_flags = (SELECT group_concat(f.flag_id) FROM rating_red_flags f
                        WHERE f.rating_id = (SELECT max(r.id) FROM ratings r WHERE r.answer_id = answers.id)),
    replayed = EXISTS (SELECT 1 FROM ratings r WHERE r.answer_id = answers.id AND r.kind = 1)
;;
CREATE TRIGGER rating_facts_begun AFTER INSERT ON ratings
BEGIN
    UPDATE answers SET newest_scores = NULL, newest_red_flags = NULL, replayed = replayed OR NEW.kind = 1
    WHERE id = NEW.answer_id;
END
;;
CREATE TRIGGER rating_score_facts AFTER INSERT ON rating_scores
BEGIN
    UPDATE answers SET
        newest_scores = coalesce(answers.newest_scores || ',', '') || NEW.dimension_id || ':' || NEW.score,
        first_scores = CASE WHEN r.kind = 0
                            THEN coalesce(answers.first_scores || ',', '') || NEW.dimension_id || ':' || NEW.score
                            ELSE answers.first_scores END
    FROM ratings r WHERE r.id = NEW.rating_id AND answers.id = r.answer_id;
END
;;
CREATE TRIGGER rating_flag_facts AFTER INSERT ON rating_red_flags
BEGIN
    UPDATE answers SET newest_red_flags = coalesce(answers.newest_red_flags || ',', '') || NEW.flag_id
    FROM ratings r WHERE r.id = NEW.rating_id AND answers.id = r.answer_id;
END
;;
CREATE INDEX answers_without_phase_times ON answers (id) WHERE phase_ms IS NULL
)",
    // 6: the story the candidate chose on the cue card for an answer (app/stories/StoryCueCard). It is
    // chosen during think time, before the library holds the answer, so it is kept by session and
    // ordinal as the answer is known; with the story's title as it was, so a story deleted since is
    // still named.
    R"(
CREATE TABLE answer_stories (
    session_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    story_id INTEGER REFERENCES stories (id) ON DELETE SET NULL,
    story_title TEXT NOT NULL,
    chosen_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, ordinal)
) WITHOUT ROWID
;;
CREATE INDEX answer_stories_by_story ON answer_stories (story_id)
;;
CREATE TRIGGER answer_story_removed AFTER DELETE ON answers
BEGIN
    DELETE FROM answer_stories WHERE session_id = OLD.session_id AND ordinal = OLD.ordinal;
END
)",
    // 7: a coach's rating (kind 2), brought back from a coach bundle: at most one per answer. It is
    // not the person's: it never becomes first_score, latest_score, newest_scores, newest_red_flags
    // or replayed (migration 5 took the newest rating by max(id), which a coach's would have been);
    // its scores sit on the answer as coach_scores, for Progress's calibration against a coach.
    // SQLite cannot widen a CHECK in place, so ratings is rebuilt (upgrade() runs with foreign keys
    // off so that dropping the old table cascades to nothing; legacy_alter_table keeps the rename
    // from checking the triggers on rating_scores, which name ratings, while it is missing).
    R"(
PRAGMA legacy_alter_table = ON
;;
CREATE TABLE ratings_v6 (
    id INTEGER PRIMARY KEY,
    answer_id INTEGER NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    kind INTEGER NOT NULL CHECK (kind IN (0, 1, 2)), -- 0: right after the answer, 1: after a replay, 2: a coach's
    rated_at INTEGER NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    average REAL,
    red_flag_count INTEGER NOT NULL DEFAULT 0
)
;;
INSERT INTO ratings_v6 (id, answer_id, kind, rated_at, notes, average, red_flag_count)
SELECT id, answer_id, kind, rated_at, notes, average, red_flag_count FROM ratings
;;
DROP TABLE ratings
;;
ALTER TABLE ratings_v6 RENAME TO ratings
;;
PRAGMA legacy_alter_table = OFF
;;
CREATE UNIQUE INDEX ratings_one_first ON ratings (answer_id) WHERE kind = 0
;;
CREATE UNIQUE INDEX ratings_one_coach ON ratings (answer_id) WHERE kind = 2
;;
CREATE INDEX ratings_by_answer ON ratings (answer_id, rated_at)
;;
ALTER TABLE answers ADD COLUMN coach_scores TEXT
;;
CREATE TRIGGER first_rating_is_kept BEFORE UPDATE ON ratings WHEN OLD.kind = 0
BEGIN
    SELECT RAISE(ABORT, 'the first rating of an answer is kept as it was given');
END
;;
CREATE TRIGGER rating_added AFTER INSERT ON ratings WHEN NEW.kind IN (0, 1)
BEGIN
    UPDATE answers SET
        first_score = CASE WHEN NEW.kind = 0 THEN NEW.average ELSE first_score END,
        latest_score = NEW.average,
        latest_red_flags = NEW.red_flag_count
    WHERE id = NEW.answer_id;
END
;;
CREATE TRIGGER rating_facts_begun AFTER INSERT ON ratings WHEN NEW.kind IN (0, 1)
BEGIN
    UPDATE answers SET newest_scores = NULL, newest_red_flags = NULL, replayed = replayed OR NEW.kind = 1
    WHERE id = NEW.answer_id;
END
;;
CREATE TRIGGER coach_rating_begun AFTER INSERT ON ratings WHEN NEW.kind = 2
BEGIN
    UPDATE answers SET coach_scores = NULL WHERE id = NEW.answer_id;
END
;;
CREATE TRIGGER coach_rating_removed AFTER DELETE ON ratings WHEN OLD.kind = 2
BEGIN
    UPDATE answers SET coach_scores = NULL WHERE id = OLD.answer_id;
END
;;
DROP TRIGGER rating_score_facts
;;
CREATE TRIGGER rating_score_facts AFTER INSERT ON rating_scores
BEGIN
    UPDATE answers SET
        newest_scores = CASE WHEN r.kind IN (0, 1)
                             THEN coalesce(answers.newest_scores || ',', '') || NEW.dimension_id || ':' || NEW.score
                             ELSE answers.newest_scores END,
        first_scores = CASE WHEN r.kind = 0
                            THEN coalesce(answers.first_scores || ',', '') || NEW.dimension_id || ':' || NEW.score
                            ELSE answers.first_scores END,
        coach_scores = CASE WHEN r.kind = 2
                            THEN coalesce(answers.coach_scores || ',', '') || NEW.dimension_id || ':' || NEW.score
                            ELSE answers.coach_scores END
    FROM ratings r WHERE r.id = NEW.rating_id AND answers.id = r.answer_id;
END
;;
DROP TRIGGER rating_flag_facts
;;
CREATE TRIGGER rating_flag_facts AFTER INSERT ON rating_red_flags
BEGIN
    UPDATE answers SET newest_red_flags = coalesce(answers.newest_red_flags || ',', '') || NEW.flag_id
    FROM ratings r WHERE r.id = NEW.rating_id AND answers.id = r.answer_id AND r.kind IN (0, 1);
END
)",
};

} // namespace

QList<const char *> migrations()
{
    return QList<const char *>(std::begin(Migrations), std::end(Migrations));
}

bool upgrade(QSqlDatabase &database, int from, const QList<const char *> &migrations, const QString &backupPath,
             QString *error)
{
    if (from < 0 || from > migrations.size()) {
        // Not a version any MockLoop wrote (a damaged header, or a newer MockLoop): there is no
        // migration to start from, and guessing one could only do harm.
        *error = u"the library version %1 is not one this MockLoop knows (0 to %2)"_s.arg(from).arg(migrations.size());
        return false;
    }
    QSqlQuery query(database);
    if (!backupPath.isEmpty()) {
        query.prepare(u"VACUUM INTO ?"_s);
        query.addBindValue(backupPath);
        if (!query.exec()) {
            *error = u"the backup to %1 failed (%2)"_s.arg(backupPath, query.lastError().databaseText());
            return false;
        }
    }
    // Off while migrating, as SQLite's way to rebuild a table asks (migration 7): dropping the old
    // table must not cascade to the rows that refer to it. Checked before each commit instead.
    const bool foreignKeys = query.exec(u"PRAGMA foreign_keys"_s) && query.next() && query.value(0).toBool();
    const auto restoreForeignKeys = qScopeGuard([&database, foreignKeys] {
        if (foreignKeys)
            QSqlQuery(database).exec(u"PRAGMA foreign_keys = ON"_s);
    });
    if (foreignKeys && !query.exec(u"PRAGMA foreign_keys = OFF"_s)) {
        *error = query.lastError().databaseText();
        return false;
    }
    for (int version = from + 1; version <= migrations.size(); ++version) {
        if (!database.transaction()) {
            *error = database.lastError().text();
            return false;
        }
        const QStringList statements = QString::fromUtf8(migrations.at(version - 1)).split(u"\n;;\n"_s);
        for (const QString &statement : statements) {
            if (statement.trimmed().isEmpty())
                continue;
            if (!query.exec(statement)) {
                *error = u"migration %1 failed (%2)"_s.arg(version).arg(query.lastError().databaseText());
                database.rollback();
                return false;
            }
        }
        if (!query.exec(u"PRAGMA foreign_key_check"_s) || query.next()) {
            *error = u"migration %1 failed (it left a %2 row that refers to nothing)"_s.arg(version).arg(
                query.isActive() ? query.value(0).toString() : query.lastError().databaseText());
            query.finish();
            database.rollback();
            return false;
        }
        query.finish();
        const bool recorded = query.exec(u"PRAGMA user_version = %1"_s.arg(version))
            && query.exec(u"PRAGMA application_id = %1"_s.arg(ApplicationId));
        if (!recorded || !database.commit()) {
            *error = recorded ? database.lastError().text() : query.lastError().databaseText();
            database.rollback();
            return false;
        }
    }
    return true;
}

} // namespace MockLoop::LibrarySchema
