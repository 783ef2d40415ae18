#include "LibraryStore.h"

#include "LibrarySql.h"
#include "TranscriptExcerpt.h"

// Listing, filtering, sorting and summing up the answers: what the Library page, the trends and
// question selection read.

using namespace Qt::StringLiterals;

namespace MockLoop {

using namespace LibrarySql;

namespace {

// The columns of AnswerRow, in the order rowOf() reads them.
constexpr auto AnswerColumns = R"(
    a.id, a.session_id, a.answered_at, s.loop_id, s.loop_title, a.round_id, a.round_title, a.question_id,
    a.question_text, a.category_id, a.answer_ms, a.overtime_ms, a.skipped, a.first_score, a.latest_score,
    a.latest_red_flags, a.has_recording, a.notes, a.analyzer_version, a.words_per_minute, a.fillers_per_minute,
    a.longest_pause_ms)"_L1;
constexpr int AnswerColumnCount = 22;

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
    row.analyzerVersion = query.value(18).toInt();
    row.wordsPerMinute = optionalDouble(query.value(19));
    row.fillersPerMinute = optionalDouble(query.value(20));
    if (!query.value(21).isNull())
        row.longestPauseMs = query.value(21).toLongLong();
    return row;
}

// What a person typed, as a full-text query of the transcripts: each word a prefix, all of them
// required, quoted so that nothing typed is taken as FTS5 syntax. Empty when nothing is left.
QString fullTextQuery(const QString &text)
{
    QStringList terms;
    for (const QString &word : searchWordsOf(text))
        terms << u'"' + word + u"\"*"_s;
    return terms.join(u' ');
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
    if (filter.minWordsPerMinute)
        add(u"a.words_per_minute >= ?"_s, *filter.minWordsPerMinute);
    if (filter.maxWordsPerMinute)
        add(u"a.words_per_minute <= ?"_s, *filter.maxWordsPerMinute);
    if (filter.maxFillersPerMinute)
        add(u"a.fillers_per_minute <= ?"_s, *filter.maxFillersPerMinute);
    if (filter.minLongestPauseMs)
        add(u"a.longest_pause_ms >= ?"_s, *filter.minLongestPauseMs);
    if (!filter.text.isEmpty()) {
        const QString pattern = u'%'
            + QString(filter.text).replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s) + u'%';
        conditions << u"(a.question_text LIKE ? ESCAPE '\\' OR a.notes LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM "
                      "ratings r WHERE r.answer_id = a.id AND r.notes LIKE ? ESCAPE '\\')"_s
                + (fullTextQuery(filter.text).isEmpty()
                       ? QString()
                       : u" OR a.id IN (SELECT rowid FROM answer_transcripts WHERE answer_transcripts MATCH ?)"_s)
                + u')';
        values << pattern << pattern << pattern;
        if (!fullTextQuery(filter.text).isEmpty())
            values << fullTextQuery(filter.text);
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
    // Answers not analysed sort below every figure, whichever the direction.
    case AnswerSort::Pace:
        column = u"a.words_per_minute IS NULL, a.words_per_minute"_s;
        break;
    case AnswerSort::Fillers:
        column = u"a.fillers_per_minute IS NULL, a.fillers_per_minute"_s;
        break;
    case AnswerSort::LongestPause:
        column = u"a.longest_pause_ms IS NULL, a.longest_pause_ms"_s;
        break;
    }
    // Ties newest first. Not the date twice when sorting by date: SQLite would then sort the rows
    // the date's index already gives in order again (a temporary B-tree over every answer listed).
    const QString ties = sort == AnswerSort::Date ? u", a.id DESC"_s : u", a.answered_at DESC, a.id DESC"_s;
    return u" ORDER BY "_s + column + direction + ties;
}

} // namespace

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

QHash<qint64, QString> LibraryStore::transcriptExcerpts(const QString &text, const QList<qint64> &answerIds)
{
    QHash<qint64, QString> excerpts;
    const QStringList words = searchWordsOf(text.trimmed());
    if (words.isEmpty() || answerIds.isEmpty())
        return excerpts;
    QJsonArray ids;
    for (const qint64 id : answerIds)
        ids.append(id);
    QSqlQuery query(database());
    query.setForwardOnly(true);
    // The answers as one JSON array: any number of them in one parameter. Read by rowid alone (no
    // MATCH): see transcriptExcerpt() for why.
    query.prepare(
        u"SELECT rowid, transcript FROM answer_transcripts WHERE rowid IN (SELECT value FROM json_each(?))"_s);
    if (!execute(query, {QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact))})) {
        failSql(query);
        return excerpts;
    }
    while (query.next()) {
        const QString excerpt = transcriptExcerpt(query.value(1).toString(), words);
        if (!excerpt.isEmpty())
            excerpts.insert(query.value(0).toLongLong(), excerpt);
    }
    return excerpts;
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
    record.segmentIndex = query.value(AnswerColumnCount).toInt();
    record.roundId = detail.row.roundId;
    record.questionId = detail.row.questionId;
    record.questionText = detail.row.questionText;
    record.thinkTime = Milliseconds(query.value(AnswerColumnCount + 1).toLongLong());
    record.parts = partsOf(query.value(AnswerColumnCount + 2).toString());
    const QVariant ordinal = query.value(AnswerColumnCount + 3);
    record.ordinal = ordinal.isNull() ? -1 : ordinal.toInt();
    record.skipped = detail.row.skipped;
    record.notes = detail.row.notes;
    if (record.ordinal >= 0)
        detail.practisedStory = practisedStory(detail.row.sessionId, record.ordinal);

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
        const int kind = ratings.value(1).toInt();
        rating.when = kind == 0 ? Rating::When::RightAfter
            : kind == 1         ? Rating::When::AfterReplay
                                : Rating::When::Coach;
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
        else if (rating.when == Rating::When::Coach)
            detail.coach = rating;
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
    detail.analysis = analysisOf(answerId);
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

} // namespace MockLoop
