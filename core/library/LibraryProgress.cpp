#include "LibraryStore.h"

#include "LibrarySql.h"

// What the Progress page reads: the facts of every answer of a loop in one query, with the story
// phase times worked out once from the answers' parts and kept beside them.

using namespace Qt::StringLiterals;

namespace MockLoop {

using namespace LibrarySql;

namespace {

// SQL that turns an id into its index in ids (-1 for any other): the scores and flags come back as
// small numbers rather than as thousands of strings to look up. The ids are written into the SQL as
// quoted literals (quotes doubled), as many as the loop has.
QString indexOf(const QString &column, const QStringList &ids)
{
    if (ids.isEmpty())
        return u"-1"_s;
    QString sql = u"CASE "_s + column;
    for (qsizetype i = 0; i < ids.size(); ++i)
        sql += u" WHEN '%1' THEN %2"_s.arg(QString(ids.at(i)).replace(u'\'', u"''"_s)).arg(i);
    return sql + u" ELSE -1 END"_s;
}

// The numbers of a group_concat, in order; what is not a number is left out.
QVarLengthArray<int, 16> numbersOf(const QVariant &value)
{
    QVarLengthArray<int, 16> numbers;
    if (value.isNull())
        return numbers;
    const QString text = value.toString();
    int number = 0;
    bool negative = false;
    bool digits = false;
    const auto keep = [&] {
        if (digits)
            numbers.append(negative ? -number : number);
        number = 0;
        negative = digits = false;
    };
    for (const QChar c : text) {
        if (c == u',') {
            keep();
        } else if (c == u'-') {
            negative = true;
        } else if (c.isDigit()) {
            number = std::min(number * 10 + c.digitValue(), 1 << 24);
            digits = true;
        }
    }
    keep();
    return numbers;
}

// Scores encoded as index * 8 + score (the query below) into scores by index; empty for no rating.
QVarLengthArray<qint8, 12> scoresOf(const QVariant &value, qsizetype count)
{
    QVarLengthArray<qint8, 12> scores;
    if (value.isNull())
        return scores;
    scores.resize(count);
    std::fill(scores.begin(), scores.end(), qint8(0));
    for (const int code : numbersOf(value)) {
        const int index = code / 8;
        const int score = code % 8;
        if (code >= 0 && index < count && score >= 1 && score <= 4)
            scores[index] = qint8(score);
    }
    return scores;
}

QVarLengthArray<qint16, 4> flagsOf(const QVariant &value, qsizetype count)
{
    QVarLengthArray<qint16, 4> flags;
    for (const int index : numbersOf(value)) {
        if (index >= 0 && index < count)
            flags.append(qint16(index));
    }
    return flags;
}

QVarLengthArray<qint32, 6> phaseTimesOf(const QString &text)
{
    QVarLengthArray<qint32, 6> times;
    for (const QStringView time : QStringView(text).split(u',', Qt::SkipEmptyParts))
        times.append(qint32(std::clamp(time.toLongLong(), 0LL, qint64(std::numeric_limits<qint32>::max()))));
    return times;
}

// The Julian day of a moment in local time. Converting each of thousands of answers on its own is
// slow, so the offset from UTC is looked up once per UTC day and used whenever the day has one
// offset throughout (every day but the two a year when the clocks change).
class LocalDays
{
public:
    qint64 dayOf(qint64 msSinceEpoch)
    {
        constexpr qint64 DayMs = 24 * 3600 * 1000;
        const qint64 utcDay = msSinceEpoch >= 0 ? msSinceEpoch / DayMs : (msSinceEpoch - DayMs + 1) / DayMs;
        auto found = m_offsets.constFind(utcDay);
        if (found == m_offsets.cend()) {
            const int start = QDateTime::fromMSecsSinceEpoch(utcDay * DayMs, Qt::LocalTime).offsetFromUtc();
            const int end = QDateTime::fromMSecsSinceEpoch(utcDay * DayMs + DayMs - 1, Qt::LocalTime).offsetFromUtc();
            found = m_offsets.insert(utcDay, start == end ? std::optional<int>(start) : std::nullopt);
        }
        if (!found->has_value())
            return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::LocalTime).date().toJulianDay();
        const qint64 local = msSinceEpoch + qint64(**found) * 1000;
        const qint64 localDay = local >= 0 ? local / DayMs : (local - DayMs + 1) / DayMs;
        return localDay + UnixEpochJulianDay;
    }

private:
    static constexpr qint64 UnixEpochJulianDay = 2440588; // 1970-01-01
    QHash<qint64, std::optional<int>> m_offsets;
};

} // namespace

bool LibraryStore::fillPhaseTimes()
{
    QSqlDatabase db = database();
    QSqlQuery missing(db);
    missing.setForwardOnly(true);
    if (!missing.exec(u"SELECT id, parts FROM answers WHERE phase_ms IS NULL"_s))
        return failSql(missing);
    QList<std::pair<qint64, QString>> filled;
    while (missing.next()) {
        QStringList times;
        for (const Milliseconds time : markedPhaseTimes(partsOf(missing.value(1).toString())))
            times << QString::number(time.count());
        filled.append({missing.value(0).toLongLong(), times.join(u',')});
    }
    missing.finish();
    if (filled.isEmpty())
        return true;
    Transaction transaction(db);
    if (!transaction.isOpen())
        return fail(transaction.error());
    QSqlQuery update(db);
    update.prepare(u"UPDATE answers SET phase_ms = ? WHERE id = ?"_s);
    for (const auto &[id, times] : std::as_const(filled)) {
        if (!execute(update, {times, id}))
            return failSql(update);
    }
    return transaction.commit() || fail(transaction.error());
}

AnswerFactSet LibraryStore::answerFacts(const QString &loopId, const QString &levelId, const QStringList &dimensionIds,
                                        const QStringList &redFlagIds)
{
    AnswerFactSet set;
    set.dimensionIds = dimensionIds;
    set.redFlagIds = redFlagIds;
    // Without them only the phase times are missing: the rest is still worth showing.
    if (!fillPhaseTimes())
        qCWarning(lcStore) << "story phase times not worked out:" << lastError();

    // Bound as '' rather than NULL, which "? = ''" would never match.
    const QString level = levelId.isEmpty() ? u""_s : levelId;
    QSqlDatabase db = database();
    // Every change this connection makes counts in total_changes(), every change another one makes
    // in data_version: while both stay, the set read last is still the library's.
    const QString request = QStringList{loopId, level, dimensionIds.join(u'|'), redFlagIds.join(u'|')}.join(u'\n');
    QSqlQuery state(db);
    QString databaseState;
    if (state.exec(u"SELECT total_changes()"_s) && state.next()) {
        databaseState = state.value(0).toString();
        if (state.exec(u"PRAGMA data_version"_s) && state.next())
            databaseState += u'/' + state.value(0).toString();
        else
            databaseState.clear();
    }
    if (!databaseState.isEmpty() && m_factsCache && m_factsCache->request == request
        && m_factsCache->databaseState == databaseState)
        return m_factsCache->set;
    m_factsCache.reset();
    QSqlQuery sessions(db);
    sessions.setForwardOnly(true);
    sessions.prepare(u"SELECT rowid, id, started_at, level_id FROM sessions WHERE loop_id = ? AND (? = '' OR "
                     "level_id = ?) ORDER BY started_at, id"_s);
    if (!execute(sessions, {loopId, level, level})) {
        failSql(sessions);
        return set;
    }
    QHash<qint64, int> sessionIndex;
    while (sessions.next()) {
        sessionIndex.insert(sessions.value(0).toLongLong(), int(set.sessions.size()));
        set.sessions.append({sessions.value(1).toString(), timeOf(sessions.value(2)), sessions.value(3).toString()});
    }

    const QString dimensionIndex = indexOf(u"rs.dimension_id"_s, dimensionIds);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(uR"(
        SELECT t.id, t.session_row, t.answered_at, t.round_id, t.question_id, t.category_id, t.answer_ms,
               t.overtime_ms, t.skipped, t.words_per_minute, t.fillers_per_minute, t.longest_pause_ms,
               t.numbers_heard, t.audience_mentions, t.phase_ms,
               (SELECT group_concat()"_s
                  + dimensionIndex + uR"( * 8 + rs.score)
                FROM rating_scores rs WHERE rs.rating_id = t.first_id),
               (SELECT group_concat()"_s
                  + dimensionIndex + uR"( * 8 + rs.score)
                FROM rating_scores rs WHERE rs.rating_id = t.replay_id),
               (SELECT group_concat()"_s
                  + indexOf(u"f.flag_id"_s, redFlagIds) + uR"()
                FROM rating_red_flags f WHERE f.rating_id = coalesce(t.replay_id, t.first_id))
        FROM (SELECT a.id, s.rowid AS session_row, a.answered_at, a.round_id, a.question_id, a.category_id,
                     a.answer_ms, a.overtime_ms, a.skipped, a.words_per_minute, a.fillers_per_minute,
                     a.longest_pause_ms, a.numbers_heard, a.audience_mentions, a.phase_ms,
                     (SELECT r.id FROM ratings r WHERE r.answer_id = a.id AND r.kind = 0) AS first_id,
                     (SELECT r.id FROM ratings r WHERE r.answer_id = a.id AND r.kind = 1
                      ORDER BY r.rated_at DESC, r.id DESC LIMIT 1) AS replay_id
              FROM answers a JOIN sessions s ON s.id = a.session_id
              WHERE s.loop_id = ? AND (? = '' OR s.level_id = ?)) t
        ORDER BY t.answered_at, t.id)"_s);
    if (!execute(query, {loopId, level, level})) {
        failSql(query);
        return set;
    }
    LocalDays days;
    while (query.next()) {
        AnswerFacts facts;
        facts.id = query.value(0).toLongLong();
        facts.session = sessionIndex.value(query.value(1).toLongLong(), -1);
        facts.answeredAtMs = query.value(2).toLongLong();
        facts.localDay = days.dayOf(facts.answeredAtMs);
        facts.roundId = query.value(3).toString();
        facts.questionId = query.value(4).toString();
        facts.categoryId = query.value(5).toString();
        facts.answerMs = query.value(6).toLongLong();
        facts.overtimeMs = query.value(7).toLongLong();
        facts.skipped = query.value(8).toBool();
        facts.wordsPerMinute = optionalDouble(query.value(9));
        facts.fillersPerMinute = optionalDouble(query.value(10));
        if (const QVariant pause = query.value(11); !pause.isNull())
            facts.longestPauseMs = pause.toLongLong();
        if (const QVariant numbers = query.value(12); !numbers.isNull())
            facts.numbersHeard = numbers.toInt();
        if (const QVariant mentions = query.value(13); !mentions.isNull())
            facts.audienceMentions = mentions.toInt();
        facts.phaseMs = phaseTimesOf(query.value(14).toString());
        facts.rightAfter = scoresOf(query.value(15), dimensionIds.size());
        facts.afterReplay = scoresOf(query.value(16), dimensionIds.size());
        facts.redFlags = flagsOf(query.value(17), redFlagIds.size());
        set.answers.append(std::move(facts));
    }
    if (!databaseState.isEmpty())
        m_factsCache = CachedFactSet{request, databaseState, set};
    return set;
}

} // namespace MockLoop
