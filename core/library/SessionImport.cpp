#include "SessionImport.h"

#include "TakeFiles.h"
#include "common/JsonNumbers.h"
#include "common/SafeNames.h"
#include "loops/Loop.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr int ExportFormat = 1;
constexpr qint64 LongestMs = qint64(24) * 3600 * 1000; // a day: no answer, think time or pause is longer

// Reads fields one by one, each by its path in the document ("answers[2].parts[0].durationMs");
// keeps the first problem, after which every read gives a default and the result is discarded.
class FieldReader
{
public:
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }

    void fail(const QString &path, const QString &problem)
    {
        if (!m_error.isEmpty())
            return;
        // A key from the file is part of the path: its control characters are shown, not obeyed.
        QString shown;
        for (const QChar c : path)
            shown
                += c.category() == QChar::Other_Control ? u"\\u%1"_s.arg(c.unicode(), 4, 16, QChar(u'0')) : QString(c);
        m_error = u"%1: %2"_s.arg(shown, problem);
    }

    QJsonObject object(const QJsonValue &value, const QString &path)
    {
        if (!value.isObject())
            fail(path, missingOr(value, SessionImport::tr("expected an object { … }")));
        return value.toObject();
    }

    QJsonArray array(const QJsonObject &parent, const QString &path, const QString &key, int maxCount,
                     bool required = true)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined() && !required)
            return {};
        if (!value.isArray()) {
            fail(at(path, key), missingOr(value, SessionImport::tr("expected a list [ … ]")));
            return {};
        }
        const QJsonArray array = value.toArray();
        if (array.size() > maxCount) {
            fail(at(path, key),
                 SessionImport::tr("%1 entries; an export holds at most %2").arg(array.size()).arg(maxCount));
            return {};
        }
        return array;
    }

    QString text(const QJsonObject &parent, const QString &path, const QString &key, bool required = false)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined() && !required)
            return {};
        if (!value.isString()) {
            fail(at(path, key), missingOr(value, SessionImport::tr("expected text")));
            return {};
        }
        const QString string = value.toString();
        if (string.size() > SessionImport::MaxTextLength)
            fail(at(path, key),
                 SessionImport::tr("%1 characters; at most %2").arg(string.size()).arg(SessionImport::MaxTextLength));
        return string;
    }

    qint64 integer(const QJsonObject &parent, const QString &path, const QString &key, qint64 minimum, qint64 maximum,
                   qint64 fallback)
    {
        const QJsonValue value = parent.value(key);
        if (value.isUndefined())
            return fallback;
        const std::optional<qint64> number = wholeNumberOf(value);
        if (!number || *number < minimum || *number > maximum) {
            fail(at(path, key), SessionImport::tr("expected a whole number from %1 to %2").arg(minimum).arg(maximum));
            return fallback;
        }
        return *number;
    }

    bool boolean(const QJsonObject &parent, const QString &path, const QString &key)
    {
        const QJsonValue value = parent.value(key);
        if (!value.isUndefined() && !value.isBool())
            fail(at(path, key), SessionImport::tr("expected true or false"));
        return value.toBool();
    }

    QDateTime time(const QJsonObject &parent, const QString &path, const QString &key, bool required)
    {
        const QString string = text(parent, path, key, required);
        if (failed() || (string.isEmpty() && !required))
            return {};
        const QDateTime time = QDateTime::fromString(string, Qt::ISODateWithMs);
        if (!time.isValid())
            fail(at(path, key), SessionImport::tr("expected a date and time such as 2026-11-02T09:00:00Z"));
        return time;
    }

    static QString at(const QString &path, const QString &key) { return path.isEmpty() ? key : path + u'.' + key; }
    static QString item(const QString &path, qsizetype index) { return u"%1[%2]"_s.arg(path).arg(index); }

private:
    static QString missingOr(const QJsonValue &value, const QString &expected)
    {
        return value.isUndefined() ? SessionImport::tr("missing; %1").arg(expected) : expected;
    }

    QString m_error;
};

Rating readRating(FieldReader &reader, const QJsonValue &value, const QString &path)
{
    const QJsonObject object = reader.object(value, path);
    Rating rating;
    const QString when = reader.text(object, path, u"when"_s, true);
    if (when == u"after-replay"_s)
        rating.when = Rating::When::AfterReplay;
    else if (when == u"coach"_s)
        rating.when = Rating::When::Coach;
    else if (when != u"right-after"_s)
        reader.fail(FieldReader::at(path, u"when"_s), SessionImport::tr("expected right-after, after-replay or coach"));
    rating.ratedAt = reader.time(object, path, u"ratedAt"_s, false);
    const QJsonValue scores = object.value(u"scores"_s);
    const QJsonObject scoreObject = reader.object(scores, FieldReader::at(path, u"scores"_s));
    if (scoreObject.size() > SessionImport::MaxScoresPerRating)
        reader.fail(FieldReader::at(path, u"scores"_s), SessionImport::tr("too many dimensions"));
    for (auto it = scoreObject.constBegin(); it != scoreObject.constEnd() && !reader.failed(); ++it) {
        const QString scorePath = FieldReader::at(path, u"scores."_s + it.key());
        if (!isSafeName(it.key()))
            reader.fail(scorePath, SessionImport::tr("not a dimension id"));
        const qint64 score = reader.integer(scoreObject, FieldReader::at(path, u"scores"_s), it.key(),
                                            RubricDimension::MinScore, RubricDimension::MaxScore, 0);
        rating.scores.insert(it.key(), int(score));
    }
    const QJsonArray flags = reader.array(object, path, u"redFlags"_s, SessionImport::MaxScoresPerRating, false);
    for (qsizetype i = 0; i < flags.size() && !reader.failed(); ++i) {
        if (!flags.at(i).isString() || !isSafeName(flags.at(i).toString()))
            reader.fail(FieldReader::item(FieldReader::at(path, u"redFlags"_s), i),
                        SessionImport::tr("expected a red flag id"));
        rating.redFlagIds << flags.at(i).toString();
    }
    rating.notes = reader.text(object, path, u"notes"_s);
    return rating;
}

// Where the interviewer spoke in the part, and why its probe was asked (absent from exports made
// before the interviewer spoke).
void readInterviewer(FieldReader &reader, const QJsonObject &object, const QString &path, AnswerPart &part)
{
    part.asking = Milliseconds(reader.integer(object, path, u"askingMs"_s, 0, LongestMs, 0));
    const QString marksPath = FieldReader::at(path, u"interviewer"_s);
    const QJsonArray marks = reader.array(object, path, u"interviewer"_s, SessionImport::MaxMarksPerPart, false);
    for (qsizetype i = 0; i < marks.size() && !reader.failed(); ++i) {
        const QString markPath = FieldReader::item(marksPath, i);
        const QJsonObject mark = reader.object(marks.at(i), markPath);
        const QString kind = reader.text(mark, markPath, u"kind"_s, true);
        const auto parsedKind = interviewerMarkKindFromName(kind);
        if (!reader.failed() && !parsedKind)
            reader.fail(FieldReader::at(markPath, u"kind"_s), SessionImport::tr("expected probe or interruption"));
        part.interviewer.append({parsedKind.value_or(InterviewerMark::Kind::Interruption),
                                 Milliseconds(reader.integer(mark, markPath, u"atMs"_s, 0, LongestMs, 0)),
                                 Milliseconds(reader.integer(mark, markPath, u"lengthMs"_s, 0, LongestMs, 0)),
                                 int(reader.integer(mark, markPath, u"phase"_s, -1, 100, -1)),
                                 reader.text(mark, markPath, u"text"_s)});
    }
    const QJsonValue reason = object.value(u"probeReason"_s);
    if (reason.isUndefined() || reason.isNull() || reader.failed())
        return;
    const QString reasonPath = FieldReader::at(path, u"probeReason"_s);
    const QJsonObject reasonObject = reader.object(reason, reasonPath);
    const QString signal = reader.text(reasonObject, reasonPath, u"signal"_s, true);
    const auto parsedSignal = probeSignalFromId(signal);
    if (!reader.failed() && !parsedSignal)
        reader.fail(FieldReader::at(reasonPath, u"signal"_s),
                    SessionImport::tr("expected one of %1").arg(probeSignalIds().join(u", "_s)));
    if (parsedSignal)
        part.probeReason = ProbeReason{*parsedSignal, reader.text(reasonObject, reasonPath, u"phase"_s),
                                       reader.text(reasonObject, reasonPath, u"phaseTitle"_s)};
}

AnswerPart readPart(FieldReader &reader, const QJsonValue &value, const QString &path)
{
    const QJsonObject object = reader.object(value, path);
    AnswerPart part;
    part.followUpIndex = int(reader.integer(object, path, u"followUp"_s, -1, SessionImport::MaxPartsPerAnswer, -1));
    part.prompt = reader.text(object, path, u"prompt"_s);
    const QJsonValue startedAt = object.value(u"startedAt"_s);
    if (startedAt.isDouble())
        part.startedAt = QDateTime::fromMSecsSinceEpoch(
            reader.integer(object, path, u"startedAt"_s, 0, std::numeric_limits<qint32>::max() * qint64(1000), 0),
            Qt::UTC);
    else if (!startedAt.isUndefined() && !startedAt.isNull())
        reader.fail(FieldReader::at(path, u"startedAt"_s), SessionImport::tr("expected milliseconds since 1970"));
    part.limit = Milliseconds(reader.integer(object, path, u"limitMs"_s, 0, LongestMs, 0));
    part.duration = Milliseconds(reader.integer(object, path, u"durationMs"_s, 0, LongestMs, 0));
    part.stoppedAtLimit = reader.boolean(object, path, u"stoppedAtLimit"_s);
    part.skipped = reader.boolean(object, path, u"skipped"_s);
    const QString marksPath = FieldReader::at(path, u"phaseMarks"_s);
    const QJsonArray marks = reader.array(object, path, u"phaseMarks"_s, SessionImport::MaxMarksPerPart, false);
    for (qsizetype i = 0; i < marks.size() && !reader.failed(); ++i) {
        const QString markPath = FieldReader::item(marksPath, i);
        const QJsonObject mark = reader.object(marks.at(i), markPath);
        part.phaseMarks.append({int(reader.integer(mark, markPath, u"phase"_s, 0, 100, 0)),
                                Milliseconds(reader.integer(mark, markPath, u"atMs"_s, 0, LongestMs, 0))});
    }
    const QString pausesPath = FieldReader::at(path, u"pauses"_s);
    const QJsonArray pauses = reader.array(object, path, u"pauses"_s, SessionImport::MaxMarksPerPart, false);
    for (qsizetype i = 0; i < pauses.size() && !reader.failed(); ++i) {
        const QString pausePath = FieldReader::item(pausesPath, i);
        const QJsonObject pause = reader.object(pauses.at(i), pausePath);
        part.pauses.append({Milliseconds(reader.integer(pause, pausePath, u"atMs"_s, 0, LongestMs, 0)),
                            Milliseconds(reader.integer(pause, pausePath, u"lengthMs"_s, 0, LongestMs, 0)),
                            reader.boolean(pause, pausePath, u"interrupted"_s)});
    }
    readInterviewer(reader, object, path, part);
    return part;
}

std::optional<RecordingInfo> readRecording(FieldReader &reader, const QJsonObject &answer, const QString &path,
                                           const QString &sessionId)
{
    if (!answer.contains(u"recording"_s))
        return std::nullopt;
    const QString recordingPath = FieldReader::at(path, u"recording"_s);
    const QJsonObject object = reader.object(answer.value(u"recording"_s), recordingPath);
    RecordingInfo recording;
    recording.relativePath = reader.text(object, recordingPath, u"path"_s, true);
    if (!reader.failed()
        && (!TakeFiles::isWellFormed(recording.relativePath)
            || !recording.relativePath.startsWith(LibraryStore::takeRelativePath(sessionId, {})))) {
        reader.fail(FieldReader::at(recordingPath, u"path"_s),
                    SessionImport::tr("expected a take of this session, takes/%1/<name>.wav").arg(sessionId));
    }
    recording.format = reader.text(object, recordingPath, u"format"_s);
    recording.duration = Milliseconds(reader.integer(object, recordingPath, u"durationMs"_s, 0, LongestMs, 0));
    recording.sizeBytes
        = reader.integer(object, recordingPath, u"sizeBytes"_s, 0, std::numeric_limits<qint64>::max() / 2, 0);
    recording.checksum = reader.text(object, recordingPath, u"checksum"_s);
    if (recording.checksum.size() > 128)
        reader.fail(FieldReader::at(recordingPath, u"checksum"_s), SessionImport::tr("expected a SHA-256 in hex"));
    recording.recovered = reader.boolean(object, recordingPath, u"recovered"_s);
    return recording;
}

ImportedSession::Answer readAnswer(FieldReader &reader, const QJsonValue &value, const QString &path,
                                   const QString &sessionId)
{
    const QJsonObject object = reader.object(value, path);
    ImportedSession::Answer imported;
    LibraryStore::NewAnswer &answer = imported.answer;
    answer.sessionId = sessionId;
    answer.answeredAt = reader.time(object, path, u"answeredAt"_s, true);
    answer.roundTitle = reader.text(object, path, u"roundTitle"_s);
    answer.categoryId = reader.text(object, path, u"categoryId"_s);
    AnswerRecord &record = answer.record;
    record.ordinal = int(reader.integer(object, path, u"ordinal"_s, 0, SessionImport::MaxAnswers, -1));
    record.segmentIndex = int(reader.integer(object, path, u"segment"_s, 0, SessionImport::MaxAnswers, 0));
    record.roundId = reader.text(object, path, u"roundId"_s);
    record.questionId = reader.text(object, path, u"questionId"_s);
    record.questionText = reader.text(object, path, u"questionText"_s, true);
    record.thinkTime = Milliseconds(reader.integer(object, path, u"thinkMs"_s, 0, LongestMs, 0));
    record.skipped = reader.boolean(object, path, u"skipped"_s);
    record.notes = reader.text(object, path, u"notes"_s);
    const QString partsPath = FieldReader::at(path, u"parts"_s);
    const QJsonArray parts = reader.array(object, path, u"parts"_s, SessionImport::MaxPartsPerAnswer);
    for (qsizetype i = 0; i < parts.size() && !reader.failed(); ++i)
        record.parts.append(readPart(reader, parts.at(i), FieldReader::item(partsPath, i)));
    const QString ratingsPath = FieldReader::at(path, u"ratings"_s);
    const QJsonArray ratings = reader.array(object, path, u"ratings"_s, SessionImport::MaxRatingsPerAnswer, false);
    for (qsizetype i = 0; i < ratings.size() && !reader.failed(); ++i) {
        const Rating rating = readRating(reader, ratings.at(i), FieldReader::item(ratingsPath, i));
        if (rating.when == Rating::When::AfterReplay)
            imported.afterReplay.append(rating);
        else if (rating.when == Rating::When::Coach && imported.coach)
            reader.fail(FieldReader::item(ratingsPath, i), SessionImport::tr("a second coach's rating"));
        else if (rating.when == Rating::When::Coach)
            imported.coach = rating;
        else if (record.rating)
            reader.fail(FieldReader::item(ratingsPath, i), SessionImport::tr("a second rating given right after"));
        else
            record.rating = rating;
    }
    record.ratingSkipped = !record.rating;
    answer.recording = readRecording(reader, object, path, sessionId);
    return imported;
}

} // namespace

std::optional<ImportedSession> SessionImport::parse(const QByteArray &json, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<ImportedSession> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (json.size() > MaxFileBytes)
        return fail(tr("The file is %1 MB, far larger than a MockLoop session export (at most %2 MB).")
                        .arg(json.size() / (1024 * 1024))
                        .arg(MaxFileBytes / (1024 * 1024)));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull())
        return fail(tr("This is not a session exported by MockLoop (not JSON: %1 at byte %2).")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(u"mockloopSessionExport"_s).toInt() != ExportFormat)
        return fail(tr("This is not a session exported by MockLoop (unknown format)."));

    FieldReader reader;
    ImportedSession imported;
    const QJsonObject session = reader.object(root.value(u"session"_s), u"session"_s);
    SessionRecord &record = imported.session;
    record.id = reader.text(session, u"session"_s, u"id"_s, true);
    if (!reader.failed() && !isSafeName(record.id))
        reader.fail(u"session.id"_s, tr("expected letters, digits, '-', '_' or '.' (at most 128)"));
    const QString mode = reader.text(session, u"session"_s, u"mode"_s, true);
    if (const auto known = modeFromName(mode))
        record.mode = *known;
    else
        reader.fail(u"session.mode"_s, tr("expected full-loop, one-round, single-question or quick-drill"));
    record.loopId = reader.text(session, u"session"_s, u"loopId"_s);
    record.loopVersion = int(reader.integer(session, u"session"_s, u"loopVersion"_s, 0, 1000000, 0));
    record.loopTitle = reader.text(session, u"session"_s, u"loopTitle"_s);
    record.levelId = reader.text(session, u"session"_s, u"levelId"_s);
    bool seedIsNumber = true;
    const QString seed = reader.text(session, u"session"_s, u"seed"_s);
    record.seed = seed.isEmpty() ? 0 : seed.toULongLong(&seedIsNumber);
    if (!seedIsNumber)
        reader.fail(u"session.seed"_s, tr("expected a whole number as text"));
    record.startedAt = reader.time(session, u"session"_s, u"startedAt"_s, true);
    record.finishedAt = reader.time(session, u"session"_s, u"finishedAt"_s, false);
    record.abandoned = reader.boolean(session, u"session"_s, u"abandoned"_s);

    const QJsonArray answers = reader.array(root, {}, u"answers"_s, MaxAnswers);
    QSet<int> ordinals;
    QSet<QString> recordings;
    for (qsizetype i = 0; i < answers.size() && !reader.failed(); ++i) {
        const QString path = FieldReader::item(u"answers"_s, i);
        ImportedSession::Answer answer = readAnswer(reader, answers.at(i), path, record.id);
        const int ordinal = answer.answer.record.ordinal;
        if (ordinal >= 0 && ordinals.contains(ordinal))
            reader.fail(path + u".ordinal"_s, tr("%1 is another answer's too").arg(ordinal));
        ordinals.insert(ordinal);
        if (answer.answer.recording && recordings.contains(answer.answer.recording->relativePath))
            reader.fail(path + u".recording.path"_s, tr("another answer's recording too"));
        if (answer.answer.recording)
            recordings.insert(answer.answer.recording->relativePath);
        imported.answers.append(std::move(answer));
    }
    if (reader.failed())
        return fail(tr("The session file is not valid: %1.").arg(reader.error()));
    return imported;
}

} // namespace MockLoop
