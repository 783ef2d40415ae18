#include "LibraryStore.h"

#include "LibrarySql.h"
#include "SessionImport.h"
#include "TakeFiles.h"

#include <QIODevice>
#include <QTextStream>

// Answers out to CSV, sessions out to JSON and back in.

using namespace Qt::StringLiterals;

namespace MockLoop {

using namespace LibrarySql;

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

} // namespace MockLoop
