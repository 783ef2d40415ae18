#include "LibraryStore.h"

#include "LibrarySql.h"

// What the Progress page reads: the facts of every answer of a loop in one scan of the answers (the
// ratings' scores and flags are kept on them by the triggers of migration 4), with the story phase
// times worked out once from the answers' parts and kept beside them.

using namespace Qt::StringLiterals;

namespace MockLoop {

using namespace LibrarySql;

namespace {

constexpr int RubricScoreMin = 1;
constexpr int RubricScoreMax = 4;

// The index of id in ids, or -1; the lists are a loop's dimensions or red flags, a dozen or two.
qsizetype indexIn(const QStringList &ids, QStringView id)
{
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (ids.at(i) == id)
            return i;
    }
    return -1;
}

// "dimension:score,..." (the answers' first_scores and newest_scores) into scores by index of
// dimensionIds; empty for no rating. Dimensions not in the list are left out.
QVarLengthArray<qint8, 12> scoresOf(const QVariant &value, const QStringList &dimensionIds)
{
    QVarLengthArray<qint8, 12> scores;
    if (value.isNull())
        return scores;
    scores.resize(dimensionIds.size());
    std::fill(scores.begin(), scores.end(), qint8(0));
    const QString text = value.toString();
    for (const QStringView item : QStringView(text).split(u',', Qt::SkipEmptyParts)) {
        const qsizetype colon = item.lastIndexOf(u':');
        const qsizetype index = colon > 0 ? indexIn(dimensionIds, item.left(colon)) : -1;
        const int score = colon > 0 ? item.mid(colon + 1).toInt() : 0;
        if (index >= 0 && score >= RubricScoreMin && score <= RubricScoreMax)
            scores[index] = qint8(score);
    }
    return scores;
}

QVarLengthArray<qint16, 4> flagsOf(const QVariant &value, const QStringList &redFlagIds)
{
    QVarLengthArray<qint16, 4> flags;
    const QString text = value.toString();
    for (const QStringView flag : QStringView(text).split(u',', Qt::SkipEmptyParts)) {
        const qsizetype index = indexIn(redFlagIds, flag);
        if (index >= 0)
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

bool LibraryStore::fillPhaseTimes(const QList<qint64> &only)
{
    QSqlDatabase db = database();
    QSqlQuery missing(db);
    missing.setForwardOnly(true);
    QString select = u"SELECT id, parts FROM answers WHERE phase_ms IS NULL"_s;
    QVariantList ids;
    if (!only.isEmpty()) {
        select += u" AND id IN ("_s + QStringList(only.size(), u"?"_s).join(u',') + u')';
        for (const qint64 id : only)
            ids << id;
    }
    missing.prepare(select);
    if (!execute(missing, ids))
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

AnswerFactSet LibraryStore::readFacts(const QString &sessionCondition, const QVariantList &sessionValues,
                                      const QString &answerCondition, const QVariantList &answerValues,
                                      const QStringList &dimensionIds, const QStringList &redFlagIds)
{
    AnswerFactSet set;
    set.dimensionIds = dimensionIds;
    set.redFlagIds = redFlagIds;
    QSqlDatabase db = database();
    QSqlQuery sessions(db);
    sessions.setForwardOnly(true);
    sessions.prepare(u"SELECT s.rowid, s.id, s.started_at, s.level_id FROM sessions s WHERE "_s + sessionCondition
                     + u" ORDER BY s.started_at, s.id"_s);
    if (!execute(sessions, sessionValues)) {
        failSql(sessions);
        return set;
    }
    QHash<qint64, int> sessionIndex;
    while (sessions.next()) {
        sessionIndex.insert(sessions.value(0).toLongLong(), int(set.sessions.size()));
        set.sessions.append({sessions.value(1).toString(), timeOf(sessions.value(2)), sessions.value(3).toString()});
    }

    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(uR"(
        SELECT a.id, s.rowid, a.answered_at, a.round_id, a.question_id, a.category_id, a.answer_ms, a.overtime_ms,
               a.skipped, a.words_per_minute, a.fillers_per_minute, a.longest_pause_ms, a.numbers_heard,
               a.audience_mentions, a.phase_ms, a.first_scores, a.newest_scores, a.newest_red_flags, a.replayed,
               a.coach_scores
        FROM answers a JOIN sessions s ON s.id = a.session_id
        WHERE )"_s + answerCondition
                  + u" ORDER BY a.answered_at, a.id"_s);
    if (!execute(query, answerValues)) {
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
        facts.rightAfter = scoresOf(query.value(15), dimensionIds);
        if (query.value(18).toBool())
            facts.afterReplay = scoresOf(query.value(16), dimensionIds);
        facts.redFlags = flagsOf(query.value(17), redFlagIds);
        if (!query.value(19).isNull())
            facts.coach = scoresOf(query.value(19), dimensionIds);
        set.answers.append(std::move(facts));
    }
    return set;
}

AnswerFactSet LibraryStore::answerFactsOf(const QList<qint64> &answerIds, const QStringList &dimensionIds,
                                          const QStringList &redFlagIds)
{
    if (answerIds.isEmpty())
        return AnswerFactSet{dimensionIds, redFlagIds, {}, {}};
    // Only the answers chosen: a comparison opens at once, even before the Progress page has worked
    // out every answer's.
    if (!fillPhaseTimes(answerIds))
        qCWarning(lcStore) << "story phase times not worked out:" << lastError();
    QStringList placeholders;
    QVariantList ids;
    for (const qint64 id : answerIds) {
        placeholders << u"?"_s;
        ids << id;
    }
    const QString in = u" IN ("_s + placeholders.join(QChar(u',')) + QChar(u')');
    return readFacts(u"s.id IN (SELECT session_id FROM answers WHERE id"_s + in + QChar(u')'), ids, u"a.id"_s + in, ids,
                     dimensionIds, redFlagIds);
}

AnswerFactSet LibraryStore::answerFacts(const QString &loopId, const QString &levelId, const QStringList &dimensionIds,
                                        const QStringList &redFlagIds)
{
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
    const AnswerFactSet set = readFacts(u"s.loop_id = ? AND (? = '' OR s.level_id = ?)"_s, {loopId, level, level},
                                        u"s.loop_id = ? AND (? = '' OR s.level_id = ?)"_s, {loopId, level, level},
                                        dimensionIds, redFlagIds);
    if (!databaseState.isEmpty())
        m_factsCache = CachedFactSet{request, databaseState, set};
    return set;
}

} // namespace MockLoop
