#include "LibraryStore.h"

#include "SessionImport.h"
#include "TakeFiles.h"

#include "LibrarySchema.h"
#include "audio/TakeInfo.h"
#include "audio/WaveformPeaks.h"
#include "common/ApplicationIdentity.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTextStream>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcStore, "mockloop.store")

namespace {

constexpr auto DatabaseFile = "library.sqlite"_L1;
constexpr auto TakesFolder = "takes"_L1;
constexpr auto RecoveredSessionId = "recovered-takes"_L1;

// The Monday of the week of time, in the local time of the moment it is stored.
QString weekStart(const QDateTime &time)
{
    const QDate day = time.toLocalTime().date();
    return day.addDays(1 - day.dayOfWeek()).toString(Qt::ISODate);
}

qint64 epochMs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

QDateTime timeOf(const QVariant &value)
{
    return value.isNull() || value.toLongLong() == 0 ? QDateTime()
                                                     : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

std::optional<double> optionalDouble(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

QString partsJson(const QList<AnswerPart> &parts)
{
    QJsonArray array;
    for (const AnswerPart &part : parts) {
        QJsonArray marks;
        for (const PhaseMark &mark : part.phaseMarks)
            marks.append(QJsonObject{{u"phase"_s, mark.phaseIndex}, {u"atMs"_s, qint64(mark.at.count())}});
        QJsonArray pauses;
        for (const PauseMark &pause : part.pauses)
            pauses.append(QJsonObject{{u"atMs"_s, qint64(pause.at.count())},
                                      {u"lengthMs"_s, qint64(pause.length.count())},
                                      {u"interrupted"_s, pause.interrupted}});
        array.append(QJsonObject{{u"followUp"_s, part.followUpIndex},
                                 {u"prompt"_s, part.prompt},
                                 {u"startedAt"_s, epochMs(part.startedAt)},
                                 {u"limitMs"_s, qint64(part.limit.count())},
                                 {u"durationMs"_s, qint64(part.duration.count())},
                                 {u"stoppedAtLimit"_s, part.stoppedAtLimit},
                                 {u"skipped"_s, part.skipped},
                                 {u"phaseMarks"_s, marks},
                                 {u"pauses"_s, pauses}});
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

QList<AnswerPart> partsOf(const QString &json)
{
    QList<AnswerPart> parts;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        AnswerPart part;
        part.followUpIndex = object.value(u"followUp"_s).toInt(-1);
        part.prompt = object.value(u"prompt"_s).toString();
        part.startedAt = timeOf(object.value(u"startedAt"_s).toVariant());
        part.limit = Milliseconds(object.value(u"limitMs"_s).toInteger());
        part.duration = Milliseconds(object.value(u"durationMs"_s).toInteger());
        part.stoppedAtLimit = object.value(u"stoppedAtLimit"_s).toBool();
        part.skipped = object.value(u"skipped"_s).toBool(); // absent from answers kept before it was
        const QJsonArray marks = object.value(u"phaseMarks"_s).toArray();
        for (const QJsonValue &mark : marks)
            part.phaseMarks.append({mark[u"phase"_s].toInt(), Milliseconds(mark[u"atMs"_s].toInteger())});
        const QJsonArray pauses = object.value(u"pauses"_s).toArray();
        for (const QJsonValue &pause : pauses)
            part.pauses.append({Milliseconds(pause[u"atMs"_s].toInteger()),
                                Milliseconds(pause[u"lengthMs"_s].toInteger()), pause[u"interrupted"_s].toBool()});
        parts.append(part);
    }
    return parts;
}

// Rolls back unless committed: every multi-row change is all or nothing. A savepoint rather than
// BEGIN, so that one change can be part of a larger one (an import adds many answers at once).
class Transaction
{
public:
    explicit Transaction(const QSqlDatabase &database)
        : m_query(database)
        , m_open(m_query.exec(u"SAVEPOINT change"_s))
    { }
    ~Transaction()
    {
        if (m_open) {
            m_query.exec(u"ROLLBACK TO change"_s);
            m_query.exec(u"RELEASE change"_s);
        }
    }
    bool isOpen() const { return m_open; }
    QString error() const { return m_query.lastError().databaseText(); }
    bool commit()
    {
        m_open = false;
        return m_query.exec(u"RELEASE change"_s);
    }

private:
    QSqlQuery m_query;
    bool m_open;
};

// The columns of AnswerRow, in the order rowOf() reads them.
constexpr auto AnswerColumns = R"(
    a.id, a.session_id, a.answered_at, s.loop_id, s.loop_title, a.round_id, a.round_title, a.question_id,
    a.question_text, a.category_id, a.answer_ms, a.overtime_ms, a.skipped, a.first_score, a.latest_score,
    a.latest_red_flags, a.has_recording, a.notes)"_L1;

AnswerRow rowOf(const QSqlQuery &query)
{
    AnswerRow row;
    row.id = query.value(0).toLongLong();
    row.sessionId = query.value(1).toString();
    row.answeredAt = timeOf(query.value(2));
    row.loopId = query.value(3).toString();
    row.loopTitle = query.value(4).toString();
    row.roundId = query.value(5).toString();
    row.roundTitle = query.value(6).toString();
    row.questionId = query.value(7).toString();
    row.questionText = query.value(8).toString();
    row.categoryId = query.value(9).toString();
    row.answerTime = Milliseconds(query.value(10).toLongLong());
    row.overtime = Milliseconds(query.value(11).toLongLong());
    row.skipped = query.value(12).toBool();
    row.firstScore = optionalDouble(query.value(13));
    row.latestScore = optionalDouble(query.value(14));
    row.redFlagCount = query.value(15).toInt();
    row.hasRecording = query.value(16).toBool();
    row.notes = query.value(17).toString();
    return row;
}

struct WhereClause
{
    QString sql;
    QVariantList values;
};

WhereClause whereOf(const AnswerFilter &filter)
{
    QStringList conditions;
    QVariantList values;
    const auto add = [&](const QString &condition, const QVariant &value) {
        conditions << condition;
        values << value;
    };
    if (!filter.sessionId.isEmpty())
        add(u"a.session_id = ?"_s, filter.sessionId);
    if (!filter.loopId.isEmpty())
        add(u"s.loop_id = ?"_s, filter.loopId);
    if (!filter.roundId.isEmpty())
        add(u"a.round_id = ?"_s, filter.roundId);
    if (!filter.questionId.isEmpty())
        add(u"a.question_id = ?"_s, filter.questionId);
    if (!filter.categoryId.isEmpty())
        add(u"a.category_id = ?"_s, filter.categoryId);
    if (filter.from.isValid())
        add(u"a.answered_at >= ?"_s, filter.from.startOfDay().toMSecsSinceEpoch());
    if (filter.to.isValid())
        add(u"a.answered_at < ?"_s, filter.to.addDays(1).startOfDay().toMSecsSinceEpoch());
    if (filter.minScore)
        add(u"a.latest_score >= ?"_s, *filter.minScore);
    if (filter.maxScore)
        add(u"a.latest_score <= ?"_s, *filter.maxScore);
    if (filter.hasRecording)
        add(u"a.has_recording = ?"_s, *filter.hasRecording ? 1 : 0);
    if (filter.answerId)
        add(u"a.id = ?"_s, *filter.answerId);
    if (!filter.text.isEmpty()) {
        const QString pattern = u'%'
            + QString(filter.text).replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s) + u'%';
        conditions << u"(a.question_text LIKE ? ESCAPE '\\' OR a.notes LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM "
                      "ratings r WHERE r.answer_id = a.id AND r.notes LIKE ? ESCAPE '\\'))"_s;
        values << pattern << pattern << pattern;
    }
    return {conditions.isEmpty() ? QString() : u" WHERE "_s + conditions.join(u" AND "_s), values};
}

QString orderOf(AnswerSort sort, Qt::SortOrder order)
{
    const QString direction = order == Qt::AscendingOrder ? u" ASC"_s : u" DESC"_s;
    QString column;
    switch (sort) {
    case AnswerSort::Date:
        column = u"a.answered_at"_s;
        break;
    case AnswerSort::Loop:
        column = u"s.loop_title COLLATE NOCASE"_s;
        break;
    case AnswerSort::Round:
        column = u"a.round_title COLLATE NOCASE"_s;
        break;
    case AnswerSort::Question:
        column = u"a.question_text COLLATE NOCASE"_s;
        break;
    case AnswerSort::Duration:
        column = u"a.answer_ms"_s;
        break;
    case AnswerSort::Score:
        // Unrated answers sort below every score, whichever the direction.
        column = u"a.latest_score IS NULL, a.latest_score"_s;
        break;
    case AnswerSort::RedFlags:
        column = u"a.latest_red_flags"_s;
        break;
    case AnswerSort::Recording:
        column = u"a.has_recording"_s;
        break;
    }
    return u" ORDER BY "_s + column + direction + u", a.answered_at DESC, a.id DESC"_s;
}

bool execute(QSqlQuery &query, const QVariantList &values = {})
{
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace

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

bool insertRating(QSqlDatabase db, qint64 answerId, const Rating &rating, QString *error)
{
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO ratings (answer_id, kind, rated_at, notes, average, red_flag_count) "
                  "VALUES (?, ?, ?, coalesce(?, ''), ?, ?)"_s);
    const auto average = rating.average();
    if (!execute(query,
                 {answerId, rating.when == Rating::When::RightAfter ? 0 : 1, epochMs(rating.ratedAt), rating.notes,
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

QList<AnswerRow> LibraryStore::answers(const AnswerFilter &filter, AnswerSort sort, Qt::SortOrder order, int limit,
                                       int offset)
{
    QList<AnswerRow> rows;
    const WhereClause where = whereOf(filter);
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT "_s + AnswerColumns + u" FROM answers a JOIN sessions s ON s.id = a.session_id"_s + where.sql
                  + orderOf(sort, order) + u" LIMIT ? OFFSET ?"_s);
    QVariantList values = where.values;
    values << limit << offset;
    if (!execute(query, values)) {
        failSql(query);
        return rows;
    }
    while (query.next())
        rows.append(rowOf(query));
    return rows;
}

int LibraryStore::countAnswers(const AnswerFilter &filter)
{
    const WhereClause where = whereOf(filter);
    QSqlQuery query(database());
    query.prepare(u"SELECT count(*) FROM answers a JOIN sessions s ON s.id = a.session_id"_s + where.sql);
    if (!execute(query, where.values) || !query.next()) {
        failSql(query);
        return 0;
    }
    return query.value(0).toInt();
}

std::optional<AnswerDetail> LibraryStore::answer(qint64 answerId)
{
    QSqlDatabase db = database();
    QSqlQuery query(db);
    query.prepare(
        u"SELECT "_s + AnswerColumns
        + u", a.segment, a.think_ms, a.parts, a.ordinal FROM answers a JOIN sessions s ON s.id = a.session_id "
          "WHERE a.id = ?"_s);
    if (!execute(query, {answerId}) || !query.next())
        return std::nullopt;
    AnswerDetail detail;
    detail.row = rowOf(query);
    AnswerRecord &record = detail.record;
    record.segmentIndex = query.value(18).toInt();
    record.roundId = detail.row.roundId;
    record.questionId = detail.row.questionId;
    record.questionText = detail.row.questionText;
    record.thinkTime = Milliseconds(query.value(19).toLongLong());
    record.parts = partsOf(query.value(20).toString());
    record.ordinal = query.value(21).isNull() ? -1 : query.value(21).toInt();
    record.skipped = detail.row.skipped;
    record.notes = detail.row.notes;

    QSqlQuery ratings(db);
    ratings.prepare(u"SELECT id, kind, rated_at, notes FROM ratings WHERE answer_id = ? ORDER BY rated_at, id"_s);
    execute(ratings, {answerId});
    QSqlQuery scores(db);
    scores.prepare(u"SELECT dimension_id, score FROM rating_scores WHERE rating_id = ?"_s);
    QSqlQuery flags(db);
    flags.prepare(u"SELECT flag_id FROM rating_red_flags WHERE rating_id = ? ORDER BY flag_id"_s);
    while (ratings.next()) {
        Rating rating;
        const qint64 ratingId = ratings.value(0).toLongLong();
        rating.when = ratings.value(1).toInt() == 0 ? Rating::When::RightAfter : Rating::When::AfterReplay;
        rating.ratedAt = timeOf(ratings.value(2));
        rating.notes = ratings.value(3).toString();
        execute(scores, {ratingId});
        while (scores.next())
            rating.scores.insert(scores.value(0).toString(), scores.value(1).toInt());
        execute(flags, {ratingId});
        while (flags.next())
            rating.redFlagIds << flags.value(0).toString();
        if (rating.when == Rating::When::RightAfter)
            detail.rightAfter = rating;
        else
            detail.afterReplay.append(rating);
    }
    record.rating = detail.rightAfter;
    record.ratingSkipped = !detail.rightAfter;

    QSqlQuery recording(db);
    recording.prepare(u"SELECT path, format, duration_ms, size_bytes, checksum, recovered FROM recordings "
                      "WHERE answer_id = ? ORDER BY id LIMIT 1"_s);
    if (execute(recording, {answerId}) && recording.next()) {
        detail.recording = RecordingInfo{recording.value(0).toString(),
                                         recording.value(1).toString(),
                                         Milliseconds(recording.value(2).toLongLong()),
                                         recording.value(3).toLongLong(),
                                         recording.value(4).toString(),
                                         recording.value(5).toBool()};
    }
    return detail;
}

QList<AnswerRow> LibraryStore::takesOf(const QString &loopId, const QString &questionId)
{
    AnswerFilter filter;
    filter.loopId = loopId;
    filter.questionId = questionId;
    return answers(filter, AnswerSort::Date, Qt::DescendingOrder);
}

QList<DimensionAverage> LibraryStore::dimensionAverages(const QString &loopId)
{
    QList<DimensionAverage> averages;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(uR"(SELECT week_start, dimension_id, CAST(score_sum AS REAL) / score_count, score_count
                      FROM dimension_week_totals
                      WHERE loop_id = ? AND score_count > 0
                      ORDER BY week_start, dimension_id)"_s);
    if (!execute(query, {loopId})) {
        failSql(query);
        return averages;
    }
    while (query.next()) {
        averages.append({QDate::fromString(query.value(0).toString(), Qt::ISODate), query.value(1).toString(),
                         query.value(2).toDouble(), query.value(3).toInt()});
    }
    return averages;
}

QHash<QString, QuestionStats> LibraryStore::questionStats(const QString &loopId) const
{
    QHash<QString, QuestionStats> stats;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // The newest answer of each question carries the last practice time and score.
    query.prepare(uR"(SELECT a.question_id, count(*), max(a.answered_at),
                             (SELECT latest.latest_score FROM answers latest
                              WHERE latest.question_id = a.question_id AND latest.skipped = 0
                                AND latest.session_id IN (SELECT id FROM sessions WHERE loop_id = ?)
                              ORDER BY latest.answered_at DESC, latest.id DESC LIMIT 1)
                      FROM answers a JOIN sessions s ON s.id = a.session_id
                      WHERE s.loop_id = ? AND a.skipped = 0 AND a.question_id <> ''
                      GROUP BY a.question_id)"_s);
    if (!execute(query, {loopId, loopId})) {
        failSql(query);
        return stats;
    }
    while (query.next()) {
        stats.insert(query.value(0).toString(),
                     QuestionStats{query.value(1).toInt(), optionalDouble(query.value(3)), timeOf(query.value(2))});
    }
    return stats;
}

// --- Export and import -----------------------------------------------------------------------

namespace {

QString csvField(const QString &value)
{
    if (!value.contains(u',') && !value.contains(u'"') && !value.contains(u'\n') && !value.contains(u'\r'))
        return value;
    return u'"' + QString(value).replace(u'"', u"\"\""_s) + u'"';
}

QString scoreText(const std::optional<double> &score)
{
    return score ? QString::number(*score, 'f', 2) : QString();
}

} // namespace

bool LibraryStore::exportCsv(const AnswerFilter &filter, QIODevice *device)
{
    QTextStream out(device);
    out << "date,loop,round,question_id,question,category,answer_seconds,overtime_seconds,first_score,latest_score,"
           "red_flags,recording,notes\r\n";
    const QList<AnswerRow> rows = answers(filter, AnswerSort::Date, Qt::AscendingOrder);
    for (const AnswerRow &row : rows) {
        const QStringList fields = {row.answeredAt.toLocalTime().toString(Qt::ISODate),
                                    row.loopTitle,
                                    row.roundTitle,
                                    row.questionId,
                                    row.questionText,
                                    row.categoryId,
                                    QString::number(row.answerTime.count() / 1000.0, 'f', 1),
                                    QString::number(row.overtime.count() / 1000.0, 'f', 1),
                                    scoreText(row.firstScore),
                                    scoreText(row.latestScore),
                                    QString::number(row.redFlagCount),
                                    row.hasRecording ? u"yes"_s : u"no"_s,
                                    row.notes};
        QStringList quoted;
        for (const QString &field : fields)
            quoted << csvField(field);
        out << quoted.join(u',') << "\r\n";
    }
    out.flush();
    return out.status() == QTextStream::Ok || fail(tr("Could not write the CSV file."));
}

namespace {

QJsonObject ratingJson(const Rating &rating)
{
    QJsonObject scores;
    for (auto it = rating.scores.cbegin(); it != rating.scores.cend(); ++it)
        scores.insert(it.key(), it.value());
    return {{u"when"_s, rating.when == Rating::When::RightAfter ? u"right-after"_s : u"after-replay"_s},
            {u"ratedAt"_s, rating.ratedAt.toUTC().toString(Qt::ISODateWithMs)},
            {u"scores"_s, scores},
            {u"redFlags"_s, QJsonArray::fromStringList(rating.redFlagIds)},
            {u"notes"_s, rating.notes}};
}

constexpr int ExportFormat = 1;

} // namespace

QByteArray LibraryStore::exportSessionJson(const QString &sessionId)
{
    const std::optional<SessionRecord> record = session(sessionId);
    if (!record) {
        fail(tr("There is no session %1 in the library.").arg(sessionId));
        return {};
    }
    QJsonArray answersJson;
    AnswerFilter filter;
    QSqlQuery ids(database());
    ids.prepare(u"SELECT id FROM answers WHERE session_id = ? ORDER BY answered_at, id"_s);
    execute(ids, {sessionId});
    while (ids.next()) {
        const std::optional<AnswerDetail> detail = answer(ids.value(0).toLongLong());
        if (!detail)
            continue;
        QJsonArray ratings;
        if (detail->rightAfter)
            ratings.append(ratingJson(*detail->rightAfter));
        for (const Rating &rating : detail->afterReplay)
            ratings.append(ratingJson(rating));
        QJsonObject answerJson{{u"answeredAt"_s, detail->row.answeredAt.toUTC().toString(Qt::ISODateWithMs)},
                               {u"segment"_s, detail->record.segmentIndex},
                               {u"roundId"_s, detail->row.roundId},
                               {u"roundTitle"_s, detail->row.roundTitle},
                               {u"questionId"_s, detail->row.questionId},
                               {u"questionText"_s, detail->row.questionText},
                               {u"categoryId"_s, detail->row.categoryId},
                               {u"thinkMs"_s, qint64(detail->record.thinkTime.count())},
                               {u"skipped"_s, detail->row.skipped},
                               {u"notes"_s, detail->row.notes},
                               {u"parts"_s, QJsonDocument::fromJson(partsJson(detail->record.parts).toUtf8()).array()},
                               {u"ratings"_s, ratings}};
        if (detail->record.ordinal >= 0)
            answerJson.insert(u"ordinal"_s, detail->record.ordinal);
        if (detail->recording) {
            const RecordingInfo &recording = *detail->recording;
            answerJson.insert(u"recording"_s,
                              QJsonObject{{u"path"_s, recording.relativePath},
                                          {u"format"_s, recording.format},
                                          {u"durationMs"_s, qint64(recording.duration.count())},
                                          {u"sizeBytes"_s, recording.sizeBytes},
                                          {u"checksum"_s, recording.checksum},
                                          {u"recovered"_s, recording.recovered}});
        }
        answersJson.append(answerJson);
    }
    const QJsonObject root{
        {u"mockloopSessionExport"_s, ExportFormat},
        {u"session"_s,
         QJsonObject{
             {u"id"_s, record->id},
             {u"mode"_s, modeName(record->mode)},
             {u"loopId"_s, record->loopId},
             {u"loopVersion"_s, record->loopVersion},
             {u"loopTitle"_s, record->loopTitle},
             {u"levelId"_s, record->levelId},
             {u"seed"_s, QString::number(record->seed)},
             {u"startedAt"_s, record->startedAt.toUTC().toString(Qt::ISODateWithMs)},
             {u"finishedAt"_s,
              record->finishedAt.isValid() ? record->finishedAt.toUTC().toString(Qt::ISODateWithMs) : QString()},
             {u"abandoned"_s, record->abandoned}}},
        {u"answers"_s, answersJson}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<QString> LibraryStore::importSessionJson(const QByteArray &json)
{
    QString error;
    const std::optional<ImportedSession> imported = SessionImport::parse(json, &error);
    if (!imported) {
        fail(error);
        return std::nullopt;
    }
    const SessionRecord &record = imported->session;
    if (session(record.id)) {
        fail(tr("This session is already in the library."));
        return std::nullopt;
    }
    QSqlDatabase db = database();
    const TakeFiles takes(m_folder);
    for (const ImportedSession::Answer &answer : imported->answers) {
        if (!answer.answer.recording)
            continue;
        const QString &path = answer.answer.recording->relativePath;
        QString why;
        if (!takes.resolve(path, &why)) {
            fail(tr("The session file names a recording outside the library: %1. Nothing was imported.").arg(why));
            return std::nullopt;
        }
        QSqlQuery taken(db);
        taken.prepare(u"SELECT 1 FROM recordings WHERE path = ?"_s);
        if (execute(taken, {path}) && taken.next()) {
            fail(tr("The library already holds the recording %1, which this session refers to; it was probably "
                    "imported before. Nothing was imported.")
                     .arg(path));
            return std::nullopt;
        }
    }

    // All or nothing.
    Transaction transaction(db);
    if (!transaction.isOpen()) {
        fail(transaction.error());
        return std::nullopt;
    }
    if (!addSession(record))
        return std::nullopt;
    for (const ImportedSession::Answer &answer : imported->answers) {
        const std::optional<qint64> answerId = addAnswer(answer.answer);
        if (!answerId)
            return std::nullopt;
        for (const Rating &replay : answer.afterReplay) {
            if (!addReplayRating(*answerId, replay))
                return std::nullopt;
        }
    }
    if (!transaction.commit()) {
        fail(transaction.error());
        return std::nullopt;
    }
    return record.id;
}

// --- Recovered takes -------------------------------------------------------------------------

RecordingInfo LibraryStore::describeTake(const QString &absolutePath, const QString &relativePath)
{
    RecordingInfo info;
    info.relativePath = relativePath;
    info.sizeBytes = QFileInfo(absolutePath).size();
    info.checksum = sha256OfFile(absolutePath);
    // A file that is not a PCM WAV is still offered, without format or duration.
    if (const std::optional<Wav::Layout> layout = Wav::readLayout(absolutePath, nullptr)) {
        const qint64 dataBytes = std::min(layout->declaredDataBytes, Wav::presentDataBytes(*layout, info.sizeBytes));
        info.duration = Milliseconds(layout->format.framesToMs(dataBytes / layout->format.bytesPerFrame()));
        info.format = layout->format.description();
    }
    return info;
}

QList<RecoveredTake> LibraryStore::findRecoveredTakes(const QSet<QString> &claimed)
{
    QSet<QString> known;
    {
        QSqlQuery query(database());
        query.exec(u"SELECT path FROM recordings"_s);
        while (query.next())
            known.insert(query.value(0).toString());
    }
    QList<RecoveredTake> takes;
    const QDir root(m_folder);
    // A symbolic link could lead outside the library: never offered.
    QDirIterator it(root.filePath(TakesFolder), {u"*.wav"_s}, QDir::Files | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = root.relativeFilePath(path);
        if (known.contains(relative) || claimed.contains(relative))
            continue;
        RecoveredTake take;
        take.relativePath = relative;
        const QString folderName = QFileInfo(path).dir().dirName();
        if (session(folderName))
            take.sessionId = folderName;
        take.recording = describeTake(path, relative);
        take.recording.recovered = true;
        takes.append(take);
    }
    std::sort(takes.begin(), takes.end(),
              [](const RecoveredTake &a, const RecoveredTake &b) { return a.relativePath < b.relativePath; });
    return takes;
}

std::optional<qint64> LibraryStore::importRecoveredTake(const RecoveredTake &take, const QString &questionText)
{
    QString sessionId = take.sessionId;
    if (sessionId.isEmpty()) {
        sessionId = RecoveredSessionId;
        SessionRecord recovered;
        recovered.id = sessionId;
        recovered.mode = SessionMode::SingleQuestion;
        recovered.loopTitle = tr("Recovered takes");
        recovered.startedAt = QFileInfo(absolutePath(take.relativePath)).birthTime().isValid()
            ? QFileInfo(absolutePath(take.relativePath)).birthTime()
            : QDateTime::currentDateTimeUtc();
        if (!addSession(recovered))
            return std::nullopt;
    }
    NewAnswer answer;
    answer.sessionId = sessionId;
    answer.roundTitle = tr("Recovered");
    answer.record.questionText = questionText;
    answer.record.ratingSkipped = true;
    AnswerPart part;
    part.duration = take.recording.duration;
    answer.record.parts.append(part);
    answer.answeredAt = QFileInfo(absolutePath(take.relativePath)).lastModified().toUTC();
    answer.recording = take.recording;
    answer.recording->recovered = true;
    return addAnswer(answer);
}

} // namespace MockLoop
