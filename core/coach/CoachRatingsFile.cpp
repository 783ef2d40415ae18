#include "CoachRatingsFile.h"

#include "ZipArchive.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

const QString FormatKey = u"mockloopCoachRatings"_s;

// The rubric an answer is rated on: its round's dimensions in the loop, else (a loop MockLoop no
// longer has) the dimensions the person's own ratings used.
QStringList dimensionIdsFor(const AnswerDetail &detail, const Loop *loop)
{
    QStringList ids;
    if (loop) {
        const Round *round = loop->round(detail.row.roundId);
        const QList<const RubricDimension *> dimensions
            = round ? loop->rubricFor(*round) : QList<const RubricDimension *>();
        for (const RubricDimension *dimension : dimensions)
            ids << dimension->id;
        if (ids.isEmpty()) {
            for (const RubricDimension &dimension : loop->dimensions)
                ids << dimension.id;
        }
        return ids;
    }
    for (const std::optional<Rating> &rating :
         {detail.rightAfter,
          detail.afterReplay.isEmpty() ? std::nullopt : std::optional<Rating>(detail.afterReplay.constLast())}) {
        if (!rating)
            continue;
        for (auto it = rating->scores.cbegin(); it != rating->scores.cend(); ++it) {
            if (!ids.contains(it.key()))
                ids << it.key();
        }
    }
    return ids;
}

QStringList redFlagIdsFor(const AnswerDetail &detail, const Loop *loop)
{
    QStringList ids;
    if (loop) {
        for (const RedFlagGroup &group : loop->redFlagGroups) {
            for (const RedFlag &flag : group.flags)
                ids << flag.id;
        }
        return ids;
    }
    if (detail.rightAfter)
        ids << detail.rightAfter->redFlagIds;
    for (const Rating &rating : detail.afterReplay)
        ids << rating.redFlagIds;
    ids.removeDuplicates();
    return ids;
}

QJsonObject rubricJson(const Loop &loop)
{
    QJsonArray dimensions;
    for (const RubricDimension &dimension : loop.dimensions) {
        QJsonObject anchors;
        for (int score = RubricDimension::MinScore; score <= RubricDimension::MaxScore; ++score)
            anchors.insert(QString::number(score), dimension.anchor(score));
        dimensions.append(QJsonObject{{u"id"_s, dimension.id}, {u"title"_s, dimension.title}, {u"anchors"_s, anchors}});
    }
    QJsonArray flags;
    for (const RedFlagGroup &group : loop.redFlagGroups) {
        for (const RedFlag &flag : group.flags)
            flags.append(QJsonObject{{u"id"_s, flag.id}, {u"text"_s, flag.text}});
    }
    return {{u"loopId"_s, loop.id}, {u"loop"_s, loop.title}, {u"dimensions"_s, dimensions}, {u"redFlags"_s, flags}};
}

// Problems found in a document, each at its place; the message lists the first few.
class Problems
{
public:
    void add(const QString &where, const QString &what) { m_lines << u"%1: %2"_s.arg(where, what); }
    bool isEmpty() const { return m_lines.isEmpty(); }
    QString message() const
    {
        constexpr int Shown = 8;
        QStringList shown = m_lines.mid(0, Shown);
        if (m_lines.size() > Shown)
            shown << CoachRatingsFile::tr("… and %n more.", nullptr, int(m_lines.size() - Shown));
        return CoachRatingsFile::tr("The coach's ratings were not imported; nothing was changed.\n\n%1")
            .arg(shown.join(u'\n'));
    }

private:
    QStringList m_lines;
};

} // namespace

QByteArray CoachRatingsFile::makeTemplate(const ReportData &report, const ReportBuilder::LoopLookup &findLoop,
                                          const QHash<qint64, QString> &takeNames)
{
    QJsonArray rubrics;
    QSet<QString> loopsListed;
    QJsonArray answers;
    for (const ReportRound &round : report.rounds) {
        for (const ReportAnswer &answer : round.answers) {
            const AnswerDetail &detail = answer.detail;
            const std::shared_ptr<const Loop> loop = findLoop ? findLoop(detail.row.loopId) : nullptr;
            if (loop && !loopsListed.contains(loop->id)) {
                loopsListed.insert(loop->id);
                rubrics.append(rubricJson(*loop));
            }
            QJsonObject scores;
            for (const QString &dimension : dimensionIdsFor(detail, loop.get()))
                scores.insert(dimension, QJsonValue::Null);
            answers.append(QJsonObject{
                {u"answerId"_s, detail.row.id},
                {u"sessionId"_s, detail.row.sessionId},
                {u"questionId"_s, detail.row.questionId},
                {u"loopId"_s, detail.row.loopId},
                {u"round"_s, detail.row.roundTitle},
                {u"question"_s, detail.row.questionText},
                {u"skipped"_s, detail.row.skipped},
                {u"take"_s,
                 takeNames.contains(detail.row.id) ? QJsonValue(takeNames.value(detail.row.id)) : QJsonValue()},
                {u"scores"_s, scores},
                {u"redFlags"_s, QJsonArray()},
                {u"notes"_s, QString()}});
        }
    }
    const QJsonObject root{
        {FormatKey, FormatVersion},
        {u"howToFill"_s,
         tr("For each answer: set each score to a whole number from 1 to 4 (the anchors in \"rubrics\" say what each "
            "means) or leave it null; list the red flags you heard by their id; write notes for the candidate. Leave "
            "answerId, sessionId and questionId as they are. Entries left blank are not imported.")},
        {u"coach"_s, QString()},
        {u"title"_s, report.title},
        {u"rubrics"_s, rubrics},
        {u"answers"_s, answers}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<QByteArray> CoachRatingsFile::read(const QString &path, QString *error)
{
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Could not open %1: %2").arg(shown, file.errorString());
        return std::nullopt;
    }
    const QByteArray magic = file.peek(4);
    if (!magic.startsWith("PK")) {
        // ratings.json on its own.
        if (file.size() > MaxBytes) {
            *error = tr("%1 is %2 bytes, more than a ratings file can be (%3). Choose the ratings.json the coach "
                        "sent back.")
                         .arg(shown)
                         .arg(file.size())
                         .arg(MaxBytes);
            return std::nullopt;
        }
        return file.read(MaxBytes);
    }
    file.close();
    ZipReader zip;
    if (!zip.open(path, error))
        return std::nullopt;
    int ratingsIndex = -1;
    const QList<ZipEntry> &entries = zip.entries();
    for (int index = 0; index < entries.size(); ++index) {
        const ZipEntry &entry = entries.at(index);
        const QString &name = entry.name;
        const bool absolute = name.startsWith(u'/') || name.startsWith(u'\\')
            || (name.size() >= 2 && name.at(1) == u':' && name.at(0).isLetter());
        const bool climbs = name.split(QRegularExpression(u"[/\\\\]"_s)).contains(u".."_s);
        if (name.isEmpty() || absolute || climbs) {
            *error = tr("The bundle %1 was refused: its entry \"%2\" points outside the bundle. A bundle MockLoop made "
                        "never has one; ask the coach for the ratings.json alone.")
                         .arg(shown, name);
            return std::nullopt;
        }
        if (entry.symbolicLink) {
            *error = tr("The bundle %1 was refused: its entry \"%2\" is a symbolic link. A bundle MockLoop made never "
                        "has one; ask the coach for the ratings.json alone.")
                         .arg(shown, name);
            return std::nullopt;
        }
        if (name == QLatin1StringView(FileName)) {
            if (ratingsIndex >= 0) {
                *error = tr("The bundle %1 was refused: it holds %2 twice.").arg(shown, QLatin1StringView(FileName));
                return std::nullopt;
            }
            ratingsIndex = index;
        }
    }
    if (ratingsIndex < 0) {
        *error = tr("The bundle %1 holds no %2: it is not a coach bundle, or the coach's ratings were left out.")
                     .arg(shown, QLatin1StringView(FileName));
        return std::nullopt;
    }
    QString why;
    std::optional<QByteArray> data = zip.read(ratingsIndex, MaxBytes, &why);
    if (!data)
        *error = tr("The bundle %1 was refused: %2").arg(shown, why);
    return data;
}

std::optional<CoachRatingsFile::Import> CoachRatingsFile::validate(const QByteArray &json, LibraryStore &store,
                                                                   const ReportBuilder::LoopLookup &findLoop,
                                                                   const QDateTime &ratedAt, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *error = tr("The coach's ratings are not valid JSON (%1 at byte %2): the file was cut short or edited by "
                    "hand. Ask the coach to send it again.")
                     .arg(parseError.errorString())
                     .arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    const QJsonValue version = root.value(FormatKey);
    if (!version.isDouble()) {
        *error = tr("This is not a MockLoop coach ratings file (it has no \"%1\"). Choose the ratings.json from the "
                    "coach bundle, or the bundle itself.")
                     .arg(FormatKey);
        return std::nullopt;
    }
    if (version.toDouble() != FormatVersion) {
        *error = tr("%1: version %2 is not one this MockLoop reads (%3). Update MockLoop, or ask the coach to fill in "
                    "the template this MockLoop made.")
                     .arg(FormatKey)
                     .arg(version.toDouble())
                     .arg(FormatVersion);
        return std::nullopt;
    }
    if (!root.value(u"answers"_s).isArray()) {
        *error = tr("answers: expected a list of answers. Ask the coach to fill in the template as it was sent.");
        return std::nullopt;
    }

    Problems problems;
    Import result;
    QHash<qint64, int> seen; // answer id -> its entry
    QHash<QString, std::shared_ptr<const Loop>> loops;
    const QJsonArray answers = root.value(u"answers"_s).toArray();
    for (int index = 0; index < answers.size(); ++index) {
        const QString at = u"answers[%1]"_s.arg(index);
        if (!answers.at(index).isObject()) {
            problems.add(at, tr("expected an answer (an object)"));
            continue;
        }
        const QJsonObject entry = answers.at(index).toObject();
        const QJsonValue idValue = entry.value(u"answerId"_s);
        const double idNumber = idValue.toDouble(-1);
        if (!idValue.isDouble() || idNumber < 1 || std::floor(idNumber) != idNumber) {
            problems.add(at + u".answerId"_s,
                         tr("expected the answer's id as the template had it; leave it unchanged"));
            continue;
        }
        const qint64 answerId = qint64(idNumber);
        if (seen.contains(answerId)) {
            problems.add(at,
                         tr("answer %1 again (first at answers[%2]); keep one entry per answer")
                             .arg(answerId)
                             .arg(seen.value(answerId)));
            continue;
        }
        seen.insert(answerId, index);
        const std::optional<AnswerDetail> detail = store.answer(answerId);
        const QString sessionId = entry.value(u"sessionId"_s).toString();
        const QString questionId = entry.value(u"questionId"_s).toString();
        if (!detail || detail->row.sessionId != sessionId || detail->row.questionId != questionId) {
            problems.add(at,
                         tr("answer %1 (session %2, question %3) is not in this library: the file comes from "
                            "another library or session. Import it into the library that made the bundle.")
                             .arg(answerId)
                             .arg(sessionId, questionId));
            continue;
        }
        if (!loops.contains(detail->row.loopId))
            loops.insert(detail->row.loopId, findLoop ? findLoop(detail->row.loopId) : nullptr);
        const Loop *loop = loops.value(detail->row.loopId).get();
        const QStringList dimensionIds = dimensionIdsFor(*detail, loop);
        const QStringList flagIds = redFlagIdsFor(*detail, loop);

        Rating rating;
        rating.when = Rating::When::Coach;
        rating.ratedAt = ratedAt;
        const QJsonValue scores = entry.value(u"scores"_s);
        if (!scores.isObject() && !scores.isUndefined() && !scores.isNull()) {
            problems.add(at + u".scores"_s, tr("expected the scores by dimension, as in the template"));
            continue;
        }
        const QJsonObject scoreObject = scores.toObject();
        for (auto it = scoreObject.begin(); it != scoreObject.end(); ++it) {
            const QString where = u"%1.scores.%2"_s.arg(at, it.key());
            if (!dimensionIds.contains(it.key())) {
                problems.add(where,
                             tr("unknown dimension; this answer is rated on %1").arg(dimensionIds.join(u", "_s)));
                continue;
            }
            if (it.value().isNull())
                continue;
            const double score = it.value().toDouble(-1);
            if (!it.value().isDouble() || std::floor(score) != score || score < RubricDimension::MinScore
                || score > RubricDimension::MaxScore) {
                problems.add(where,
                             tr("%1 is out of range; a score is a whole number from %2 to %3, or null to leave "
                                "it unrated")
                                 .arg(it.value().isDouble() ? QString::number(score) : tr("this value"))
                                 .arg(RubricDimension::MinScore)
                                 .arg(RubricDimension::MaxScore));
                continue;
            }
            rating.scores.insert(it.key(), int(score));
        }
        const QJsonValue flags = entry.value(u"redFlags"_s);
        if (!flags.isArray() && !flags.isUndefined() && !flags.isNull()) {
            problems.add(at + u".redFlags"_s, tr("expected a list of red flag ids"));
            continue;
        }
        const QJsonArray flagArray = flags.toArray();
        for (int flagIndex = 0; flagIndex < flagArray.size(); ++flagIndex) {
            const QString flag = flagArray.at(flagIndex).toString();
            const QString where = u"%1.redFlags[%2]"_s.arg(at).arg(flagIndex);
            if (!flagArray.at(flagIndex).isString() || !flagIds.contains(flag))
                problems.add(where,
                             tr("unknown red flag \"%1\"; the loop's are %2")
                                 .arg(flag, flagIds.isEmpty() ? tr("(none)") : flagIds.join(u", "_s)));
            else if (!rating.redFlagIds.contains(flag))
                rating.redFlagIds << flag;
        }
        const QJsonValue notes = entry.value(u"notes"_s);
        if (!notes.isString() && !notes.isUndefined() && !notes.isNull())
            problems.add(at + u".notes"_s, tr("expected text"));
        else if (notes.toString().size() > MaxNoteLength)
            problems.add(at + u".notes"_s, tr("longer than %1 characters; shorten it").arg(MaxNoteLength));
        rating.notes = notes.toString();
        if (rating.scores.isEmpty() && rating.redFlagIds.isEmpty() && rating.notes.trimmed().isEmpty()) {
            ++result.leftBlank;
            continue;
        }
        result.ratings.append({answerId, rating});
    }
    if (!problems.isEmpty()) {
        *error = problems.message();
        return std::nullopt;
    }
    if (result.ratings.isEmpty()) {
        *error = tr("The coach's file rates no answer: every entry was left blank. Ask the coach to fill in the scores "
                    "and send it again.");
        return std::nullopt;
    }
    QList<qint64> ids;
    for (const LibraryStore::CoachRating &rating : std::as_const(result.ratings))
        ids << rating.answerId;
    for (const qint64 id : store.answersWithCoachRating(ids)) {
        const std::optional<AnswerDetail> detail = store.answer(id);
        result.conflicts.append({id, detail ? detail->row.questionText : QString()});
    }
    return result;
}

} // namespace MockLoop
