#include "LibraryStore.h"

#include "LibrarySql.h"
#include "TakeFiles.h"
#include "common/ApplicationIdentity.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcStore, "mockloop.store")

using namespace LibrarySql;

LibraryStore::LibraryStore(QString folder, QString connectionName)
    : m_folder(std::move(folder))
    , m_connectionName(std::move(connectionName))
{ }

LibraryStore::~LibraryStore()
{
    {
        QSqlDatabase db = database();
        if (db.isOpen()) {
            // Folds the write-ahead log back in, so the folder holds one file when copied.
            QSqlQuery(db).exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString LibraryStore::databaseFileName()
{
    return DatabaseFile;
}

QString LibraryStore::defaultFolder()
{
    return dataFolder() + u"/library"_s;
}

QString LibraryStore::databasePath() const
{
    return QDir(m_folder).filePath(DatabaseFile);
}

QString LibraryStore::takeRelativePath(const QString &sessionId, const QString &fileName)
{
    return TakesFolder + u'/' + sessionId + u'/' + fileName;
}

QString LibraryStore::absolutePath(const QString &relativePath) const
{
    return QDir(m_folder).filePath(relativePath);
}

QSqlDatabase LibraryStore::database() const
{
    return QSqlDatabase::database(m_connectionName, false);
}

bool LibraryStore::fail(const QString &message) const
{
    m_lastError = message;
    if (message.contains(u"disk is full"_s) || message.contains(u"disk I/O"_s)) {
        m_lastError = tr("The practice library could not be written (%1). Free some disk space in %2 and try again; "
                         "nothing already saved was lost.")
                          .arg(message, QDir::toNativeSeparators(m_folder));
    }
    qCWarning(lcStore).noquote() << m_lastError;
    return false;
}

bool LibraryStore::failSql(const QSqlQuery &query) const
{
    const QSqlError error = query.lastError();
    return fail(error.databaseText().isEmpty() ? error.text() : error.databaseText());
}

// --- Sessions --------------------------------------------------------------------------------

bool LibraryStore::addSession(const SessionRecord &session)
{
    QSqlQuery query(database());
    // Text goes through coalesce(): a null QString binds as NULL, and no text column holds NULL.
    query.prepare(uR"(INSERT INTO sessions (id, mode, loop_id, loop_version, loop_title, level_id, seed, started_at,
                      finished_at, abandoned)
                      VALUES (?, ?, coalesce(?, ''), ?, coalesce(?, ''), coalesce(?, ''), ?, ?, ?, ?)
                      ON CONFLICT (id) DO NOTHING)"_s);
    if (!execute(query,
                 {session.id, modeName(session.mode), session.loopId, session.loopVersion, session.loopTitle,
                  session.levelId, QString::number(session.seed), epochMs(session.startedAt),
                  session.finishedAt.isValid() ? QVariant(epochMs(session.finishedAt)) : QVariant(),
                  session.abandoned ? 1 : 0}))
        return failSql(query);
    return true;
}

bool LibraryStore::finishSession(const QString &sessionId, const QDateTime &finishedAt, bool abandoned)
{
    QSqlQuery query(database());
    query.prepare(u"UPDATE sessions SET finished_at = ?, abandoned = ? WHERE id = ?"_s);
    if (!execute(query, {epochMs(finishedAt), abandoned ? 1 : 0, sessionId}))
        return failSql(query);
    return true;
}

namespace {

SessionRecord sessionOf(const QSqlQuery &query)
{
    SessionRecord session;
    session.id = query.value(0).toString();
    session.mode = modeFromName(query.value(1).toString()).value_or(SessionMode::FullLoop);
    session.loopId = query.value(2).toString();
    session.loopVersion = query.value(3).toInt();
    session.loopTitle = query.value(4).toString();
    session.levelId = query.value(5).toString();
    session.seed = query.value(6).toString().toULongLong();
    session.startedAt = timeOf(query.value(7));
    session.finishedAt = timeOf(query.value(8));
    session.abandoned = query.value(9).toBool();
    return session;
}

constexpr auto SessionColumns
    = "id, mode, loop_id, loop_version, loop_title, level_id, seed, started_at, finished_at, abandoned"_L1;

} // namespace

std::optional<SessionRecord> LibraryStore::session(const QString &sessionId)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT "_s + SessionColumns + u" FROM sessions WHERE id = ?"_s);
    if (!execute(query, {sessionId}) || !query.next())
        return std::nullopt;
    return sessionOf(query);
}

QList<SessionRecord> LibraryStore::sessions()
{
    QList<SessionRecord> sessions;
    QSqlQuery query(database());
    if (!query.exec(u"SELECT "_s + SessionColumns + u" FROM sessions ORDER BY started_at DESC"_s)) {
        failSql(query);
        return sessions;
    }
    while (query.next())
        sessions.append(sessionOf(query));
    return sessions;
}

// --- Answers ---------------------------------------------------------------------------------

namespace {

// ratings.kind
int ratingKind(Rating::When when)
{
    switch (when) {
    case Rating::When::RightAfter:
        return 0;
    case Rating::When::AfterReplay:
        return 1;
    case Rating::When::Coach:
        return 2;
    }
    return 1;
}

bool insertRating(QSqlDatabase db, qint64 answerId, const Rating &rating, QString *error)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO ratings (answer_id, kind, rated_at, notes, average, red_flag_count) "
                  "VALUES (?, ?, ?, coalesce(?, ''), ?, ?)"_s);
    const auto average = rating.average();
    if (!execute(query,
                 {answerId, ratingKind(rating.when), epochMs(rating.ratedAt), rating.notes,
                  average ? QVariant(*average) : QVariant(), int(rating.redFlagIds.size())})) {
        *error = query.lastError().databaseText();
        return false;
    }
    const qint64 ratingId = query.lastInsertId().toLongLong();
    QSqlQuery score(db);
    score.prepare(u"INSERT INTO rating_scores (rating_id, dimension_id, score) VALUES (?, ?, ?)"_s);
    for (auto it = rating.scores.cbegin(); it != rating.scores.cend(); ++it) {
        if (!execute(score, {ratingId, it.key(), it.value()})) {
            *error = score.lastError().databaseText();
            return false;
        }
    }
    QSqlQuery flag(db);
    flag.prepare(u"INSERT INTO rating_red_flags (rating_id, flag_id) VALUES (?, ?)"_s);
    for (const QString &flagId : rating.redFlagIds) {
        if (!execute(flag, {ratingId, flagId})) {
            *error = flag.lastError().databaseText();
            return false;
        }
    }
    return true;
}

bool insertRecording(QSqlDatabase db, qint64 answerId, const RecordingInfo &recording, QString *error)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO recordings (answer_id, path, format, duration_ms, size_bytes, checksum, recovered) "
                  "VALUES (?, ?, coalesce(?, ''), ?, ?, coalesce(?, ''), ?)"_s);
    if (!execute(query,
                 {answerId, recording.relativePath, recording.format, qint64(recording.duration.count()),
                  recording.sizeBytes, recording.checksum, recording.recovered ? 1 : 0})) {
        *error = query.lastError().databaseText();
        return false;
    }
    return true;
}

} // namespace

std::optional<qint64> LibraryStore::addAnswer(const NewAnswer &answer)
{
    QSqlDatabase db = database();
    Transaction transaction(db);
    if (!transaction.isOpen()) {
        fail(transaction.error());
        return std::nullopt;
    }
    const AnswerRecord &record = answer.record;
    if (const std::optional<HeldAnswer> held = findAnswer(answer.sessionId, record.ordinal)) {
        QString error;
        if (!held->hasRecording && answer.recording && !insertRecording(db, held->id, *answer.recording, &error)) {
            fail(error);
            return std::nullopt;
        }
        if (!transaction.commit()) {
            fail(transaction.error());
            return std::nullopt;
        }
        return held->id;
    }
    const QVariant ordinal = record.ordinal >= 0 ? QVariant(record.ordinal) : QVariant();
    QSqlQuery query(db);
    query.prepare(uR"(INSERT INTO answers (session_id, ordinal, segment, round_id, round_title, question_id,
                      question_text, category_id, answered_at, week_start, think_ms, answer_ms, overtime_ms, skipped,
                      parts, notes)
                      VALUES (?, ?, ?, coalesce(?, ''), coalesce(?, ''), coalesce(?, ''), coalesce(?, ''),
                              coalesce(?, ''), ?, ?, ?, ?, ?, ?, ?, coalesce(?, '')))"_s);
    if (!execute(query,
                 {answer.sessionId, ordinal, record.segmentIndex, record.roundId, answer.roundTitle, record.questionId,
                  record.questionText, answer.categoryId, epochMs(answer.answeredAt), weekStart(answer.answeredAt),
                  qint64(record.thinkTime.count()), qint64(record.answerTime().count()),
                  qint64(record.overtime().count()), record.skipped ? 1 : 0, partsJson(record.parts), record.notes})) {
        failSql(query);
        return std::nullopt;
    }
    const qint64 answerId = query.lastInsertId().toLongLong();
    QString error;
    if ((record.rating && !insertRating(db, answerId, *record.rating, &error))
        || (answer.recording && !insertRecording(db, answerId, *answer.recording, &error))) {
        fail(error);
        return std::nullopt;
    }
    if (!transaction.commit()) {
        fail(transaction.error());
        return std::nullopt;
    }
    return answerId;
}

std::optional<LibraryStore::HeldAnswer> LibraryStore::findAnswer(const QString &sessionId, int ordinal)
{
    if (ordinal < 0)
        return std::nullopt;
    QSqlQuery query(database());
    query.prepare(u"SELECT id, has_recording FROM answers WHERE session_id = ? AND ordinal = ?"_s);
    if (!execute(query, {sessionId, ordinal}) || !query.next())
        return std::nullopt;
    return HeldAnswer{query.value(0).toLongLong(), query.value(1).toBool()};
}

bool LibraryStore::attachRecording(qint64 answerId, const RecordingInfo &recording)
{
    QSqlDatabase db = database();
    Transaction transaction(db);
    if (!transaction.isOpen())
        return fail(transaction.error());
    QSqlQuery query(db);
    query.prepare(u"SELECT has_recording FROM answers WHERE id = ?"_s);
    if (!execute(query, {answerId}))
        return failSql(query);
    if (!query.next())
        return fail(tr("The answer the recording was to be attached to is no longer in the library."));
    if (query.value(0).toBool())
        return fail(tr("That answer has a recording already."));
    QString error;
    if (!insertRecording(db, answerId, recording, &error))
        return fail(error);
    return transaction.commit() || fail(transaction.error());
}

bool LibraryStore::addReplayRating(qint64 answerId, const Rating &rating)
{
    QSqlDatabase db = database();
    Transaction transaction(db);
    Rating replay = rating;
    replay.when = Rating::When::AfterReplay;
    QString error;
    if (!insertRating(db, answerId, replay, &error))
        return fail(error);
    return transaction.commit() || fail(transaction.error());
}

QList<qint64> LibraryStore::answersWithCoachRating(const QList<qint64> &answerIds)
{
    QList<qint64> held;
    QSqlQuery query(database());
    query.prepare(u"SELECT 1 FROM ratings WHERE answer_id = ? AND kind = 2"_s);
    for (const qint64 answerId : answerIds) {
        if (execute(query, {answerId}) && query.next())
            held << answerId;
    }
    return held;
}

bool LibraryStore::addCoachRatings(const QList<CoachRating> &ratings, bool replaceExisting)
{
    QSqlDatabase db = database();
    Transaction transaction(db);
    if (!transaction.isOpen())
        return fail(transaction.error());
    QSqlQuery existing(db);
    existing.prepare(u"SELECT id FROM ratings WHERE answer_id = ? AND kind = 2"_s);
    QSqlQuery remove(db);
    remove.prepare(u"DELETE FROM ratings WHERE id = ?"_s);
    for (const CoachRating &coach : ratings) {
        if (!execute(existing, {coach.answerId}))
            return failSql(existing);
        if (existing.next()) {
            const qint64 heldId = existing.value(0).toLongLong();
            existing.finish();
            if (!replaceExisting)
                return fail(tr("The answer %1 has a coach's rating already; nothing was imported.").arg(coach.answerId));
            if (!execute(remove, {heldId}))
                return failSql(remove);
        }
        Rating rating = coach.rating;
        rating.when = Rating::When::Coach;
        QString error;
        if (!insertRating(db, coach.answerId, rating, &error))
            return fail(error);
    }
    return transaction.commit() || fail(transaction.error());
}

bool LibraryStore::setNotes(qint64 answerId, const QString &notes)
{
    QSqlQuery query(database());
    query.prepare(u"UPDATE answers SET notes = coalesce(?, '') WHERE id = ?"_s);
    return execute(query, {notes, answerId}) || failSql(query);
}

bool LibraryStore::deleteAnswer(qint64 answerId)
{
    QSqlDatabase db = database();
    QStringList files;
    {
        QSqlQuery query(db);
        query.prepare(u"SELECT path FROM recordings WHERE answer_id = ?"_s);
        execute(query, {answerId});
        while (query.next())
            files << query.value(0).toString();
    }
    QSqlQuery query(db);
    query.prepare(u"DELETE FROM answers WHERE id = ?"_s); // ratings, scores, flags, recordings cascade
    if (!execute(query, {answerId}))
        return failSql(query);
    // The row goes first: a crash in between leaves a stray file (offered as a recovered take),
    // never a row pointing at nothing. A path that leads outside the library (a tampered database)
    // deletes nothing.
    const TakeFiles takes(m_folder);
    for (const QString &file : std::as_const(files)) {
        QString error;
        if (!takes.remove(file, &error))
            qCWarning(lcStore).noquote() << error;
    }
    return true;
}

} // namespace MockLoop
