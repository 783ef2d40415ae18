#include "LibraryStore.h"

#include "LibrarySql.h"

// The speech analysis of the takes: kept, read back, and what is left to analyse.

using namespace Qt::StringLiterals;

namespace MockLoop {

using namespace LibrarySql;

namespace {

QVariant optionalValue(const std::optional<double> &value)
{
    return value ? QVariant(*value) : QVariant();
}

} // namespace

bool LibraryStore::setAnalysis(qint64 answerId, const AnalysisRecord &analysis)
{
    QSqlDatabase db = database();
    Transaction transaction(db);
    if (!transaction.isOpen())
        return fail(transaction.error());
    QSqlQuery query(db);
    query.prepare(u"UPDATE answers SET analyzer_version = ?, words_per_minute = ?, fillers_per_minute = ?, "
                  "longest_pause_ms = ? WHERE id = ?"_s);
    if (!execute(query,
                 {analysis.analyzerVersion, optionalValue(analysis.wordsPerMinute),
                  optionalValue(analysis.fillersPerMinute),
                  analysis.longestPauseMs ? QVariant(*analysis.longestPauseMs) : QVariant(), answerId}))
        return failSql(query);
    if (query.numRowsAffected() != 1)
        return fail(tr("The answer analysed is no longer in the library."));
    query.prepare(
        u"INSERT INTO analyses (answer_id, analysed_at, result) VALUES (?, ?, ?) "
        "ON CONFLICT (answer_id) DO UPDATE SET analysed_at = excluded.analysed_at, result = excluded.result"_s);
    const QByteArray json
        = analysis.resultJson.isEmpty() && analysis.makeResultJson ? analysis.makeResultJson() : analysis.resultJson;
    if (!execute(query, {answerId, epochMs(analysis.analysedAt), QString::fromUtf8(json)}))
        return failSql(query);
    // The evidence the Progress page compares with the person's ratings, counted once here (the
    // same counts as migration 4 makes of analyses kept before it).
    query.prepare(uR"(UPDATE answers SET
        numbers_heard = CASE WHEN json_valid(x.result) THEN json_array_length(x.result, '$.numbersHeard') END,
        audience_mentions = CASE WHEN json_valid(x.result) THEN json_array_length(x.result, '$.audienceMentions') END
        FROM analyses x WHERE x.answer_id = answers.id AND answers.id = ?)"_s);
    if (!execute(query, {answerId}))
        return failSql(query);
    query.prepare(u"DELETE FROM answer_transcripts WHERE rowid = ?"_s);
    if (!execute(query, {answerId}))
        return failSql(query);
    if (!analysis.transcript.isEmpty()) {
        query.prepare(u"INSERT INTO answer_transcripts (rowid, transcript) VALUES (?, ?)"_s);
        if (!execute(query, {answerId, analysis.transcript}))
            return failSql(query);
    }
    return transaction.commit() || fail(transaction.error());
}

std::optional<AnalysisRecord> LibraryStore::analysisOf(qint64 answerId)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT a.analyzer_version, a.words_per_minute, a.fillers_per_minute, a.longest_pause_ms, "
                  "x.analysed_at, x.result, (SELECT transcript FROM answer_transcripts WHERE rowid = a.id) "
                  "FROM answers a JOIN analyses x ON x.answer_id = a.id WHERE a.id = ?"_s);
    if (!execute(query, {answerId}) || !query.next())
        return std::nullopt;
    AnalysisRecord analysis;
    analysis.analyzerVersion = query.value(0).toInt();
    analysis.wordsPerMinute = optionalDouble(query.value(1));
    analysis.fillersPerMinute = optionalDouble(query.value(2));
    if (!query.value(3).isNull())
        analysis.longestPauseMs = query.value(3).toLongLong();
    analysis.analysedAt = timeOf(query.value(4));
    analysis.resultJson = query.value(5).toString().toUtf8();
    analysis.transcript = query.value(6).toString();
    return analysis;
}

QList<TakeToAnalyse> LibraryStore::takesToAnalyse(int analyzerVersion, int limit)
{
    QList<TakeToAnalyse> takes;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT a.id, r.path, a.parts, a.question_id, s.loop_id FROM answers a "
                  "JOIN recordings r ON r.answer_id = a.id JOIN sessions s ON s.id = a.session_id "
                  "WHERE a.has_recording = 1 AND coalesce(a.analyzer_version, 0) < ? "
                  "ORDER BY a.answered_at DESC, a.id DESC LIMIT ?"_s);
    if (!execute(query, {analyzerVersion, limit})) {
        failSql(query);
        return takes;
    }
    while (query.next()) {
        TakeToAnalyse take;
        take.answerId = query.value(0).toLongLong();
        take.relativePath = query.value(1).toString();
        take.record.parts = partsOf(query.value(2).toString());
        take.record.questionId = query.value(3).toString();
        take.loopId = query.value(4).toString();
        takes.append(take);
    }
    return takes;
}

bool LibraryStore::forgetAnalysisVersions()
{
    // The results stay, shown until better ones replace them.
    QSqlQuery query(database());
    return query.exec(u"UPDATE answers SET analyzer_version = 0 WHERE analyzer_version > 0"_s) || failSql(query);
}

int LibraryStore::countTakesToAnalyse(int analyzerVersion)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT count(*) FROM answers WHERE has_recording = 1 AND coalesce(analyzer_version, 0) < ?"_s);
    if (!execute(query, {analyzerVersion}) || !query.next()) {
        failSql(query);
        return 0;
    }
    return query.value(0).toInt();
}

} // namespace MockLoop
