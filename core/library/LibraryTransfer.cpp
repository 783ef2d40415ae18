#include "LibraryStore.h"

#include "LibrarySql.h"
#include "SessionImport.h"
#include "TakeFiles.h"

#include <QIODevice>
#include <QTextStream>

#include <algorithm>
#include <array>

// Answers out to CSV, sessions out to JSON and back in.

using namespace Qt::StringLiterals;

namespace MockLoop {

using namespace LibrarySql;

namespace {

// A spreadsheet takes a field that starts with = + - @ (or a tab or carriage return before one) for a
// formula: text someone else wrote (a coach's notes, a shared loop's question) could then fetch an
// address or run a command when the CSV is opened. Such text gets a leading apostrophe, which
// LibreOffice and Excel show as plain text (OWASP's advice); numbers are left as they are.
bool readsAsFormula(const QString &value)
{
    static const QString formulaStarts = u"=+-@\t\r"_s;
    if (value.isEmpty() || !formulaStarts.contains(value.front()))
        return false;
    bool isNumber = false;
    value.toDouble(&isNumber);
    return !isNumber;
}

QString csvField(const QString &value)
{
    const QString text = readsAsFormula(value) ? u'\'' + value : value;
    if (!text.contains(u',') && !text.contains(u'"') && !text.contains(u'\n') && !text.contains(u'\r'))
        return text;
    return u'"' + QString(text).replace(u'"', u"\"\""_s) + u'"';
}

QString scoreText(const std::optional<double> &score)
{
    return score ? QString::number(*score, 'f', 2) : QString();
}

// One record, every field quoted where it must be, ended by CRLF (RFC 4180).
QString csvLine(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &field : fields)
        quoted << csvField(field);
    return quoted.join(u',') + u"\r\n"_s;
}

// The ratings a CSV row shows side by side: right after, the newest after a replay, a coach's.
std::array<std::optional<Rating>, 3> csvRatings(const AnswerDetail &detail)
{
    return {detail.rightAfter,
            detail.afterReplay.isEmpty() ? std::nullopt : std::optional<Rating>(detail.afterReplay.constLast()),
            detail.coach};
}

} // namespace

bool LibraryStore::exportCsv(const AnswerFilter &filter, QIODevice *device, const RedFlagName &redFlagName)
{
    const QList<AnswerRow> rows = answers(filter, AnswerSort::Date, Qt::AscendingOrder);
    QList<AnswerDetail> details;
    details.reserve(rows.size());
    QStringList dimensionIds; // every dimension any exported rating scores, sorted for stable columns
    for (const AnswerRow &row : rows) {
        std::optional<AnswerDetail> detail = answer(row.id);
        if (!detail)
            return fail(tr("The answer %1 could not be read: %2").arg(row.id).arg(m_lastError));
        for (const std::optional<Rating> &rating : csvRatings(*detail)) {
            if (!rating)
                continue;
            for (auto it = rating->scores.cbegin(); it != rating->scores.cend(); ++it) {
                if (!dimensionIds.contains(it.key()))
                    dimensionIds << it.key();
            }
        }
        details.append(std::move(*detail));
    }
    std::sort(dimensionIds.begin(), dimensionIds.end());

    QStringList header
        = {u"date"_s,         u"loop"_s,       u"round"_s,          u"question_id"_s,      u"question"_s,
           u"category"_s,     u"skipped"_s,    u"answer_seconds"_s, u"overtime_seconds"_s, u"first_score"_s,
           u"latest_score"_s, u"coach_score"_s};
    for (const QString &dimension : dimensionIds)
        header << dimension + u"_right_after"_s << dimension + u"_after_replay"_s << dimension + u"_coach"_s;
    header << u"red_flags"_s << u"red_flags_right_after"_s << u"red_flags_after_replay"_s << u"red_flags_coach"_s
           << u"rating_notes"_s << u"recording"_s << u"notes"_s << u"words_per_minute"_s
           << u"likely_fillers_per_minute"_s << u"longest_pause_seconds"_s;

    QTextStream out(device);
    out << csvLine(header);
    for (const AnswerDetail &detail : std::as_const(details)) {
        const AnswerRow &row = detail.row;
        const std::array<std::optional<Rating>, 3> ratings = csvRatings(detail);
        QStringList fields = {row.answeredAt.toLocalTime().toString(Qt::ISODate),
                              row.loopTitle,
                              row.roundTitle,
                              row.questionId,
                              row.questionText,
                              row.categoryId,
                              row.skipped ? u"yes"_s : u"no"_s,
                              QString::number(row.answerTime.count() / 1000.0, 'f', 1),
                              QString::number(row.overtime.count() / 1000.0, 'f', 1),
                              scoreText(row.firstScore),
                              scoreText(row.latestScore),
                              scoreText(detail.coach ? detail.coach->average() : std::nullopt)};
        for (const QString &dimension : std::as_const(dimensionIds)) {
            for (const std::optional<Rating> &rating : ratings)
                fields << (rating && rating->scores.contains(dimension)
                               ? QString::number(rating->scores.value(dimension))
                               : QString());
        }
        fields << QString::number(row.redFlagCount);
        for (const std::optional<Rating> &rating : ratings) {
            QStringList names;
            for (const QString &flagId : rating ? rating->redFlagIds : QStringList()) {
                const QString name = redFlagName ? redFlagName(row.loopId, flagId) : QString();
                names << (name.isEmpty() ? flagId : name);
            }
            fields << names.join(u"; "_s);
        }
        QStringList ratingNotes;
        if (detail.rightAfter && !detail.rightAfter->notes.isEmpty())
            ratingNotes << tr("Right after: %1").arg(detail.rightAfter->notes);
        for (const Rating &replay : detail.afterReplay) {
            if (!replay.notes.isEmpty())
                ratingNotes << tr("After replay: %1").arg(replay.notes);
        }
        if (detail.coach && !detail.coach->notes.isEmpty())
            ratingNotes << tr("Coach: %1").arg(detail.coach->notes);
        fields << ratingNotes.join(u"; "_s) << (row.hasRecording ? u"yes"_s : u"no"_s) << row.notes
               << (row.wordsPerMinute ? QString::number(*row.wordsPerMinute, 'f', 1) : QString())
               << (row.fillersPerMinute ? QString::number(*row.fillersPerMinute, 'f', 1) : QString())
               << (row.longestPauseMs ? QString::number(*row.longestPauseMs / 1000.0, 'f', 1) : QString());
        out << csvLine(fields);
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
    const QString when = rating.when == Rating::When::RightAfter ? u"right-after"_s
        : rating.when == Rating::When::Coach                     ? u"coach"_s
                                                                 : u"after-replay"_s;
    return {{u"when"_s, when},
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
        if (detail->coach)
            ratings.append(ratingJson(*detail->coach));
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
        if (answer.coach && !addCoachRatings({{*answerId, *answer.coach}}, false))
            return std::nullopt;
    }
    if (!transaction.commit()) {
        fail(transaction.error());
        return std::nullopt;
    }
    return record.id;
}

} // namespace MockLoop
