#include "SessionSnapshot.h"

#include "common/SafeNames.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MockLoop::SessionSnapshot", text);
}

qint64 ms(Milliseconds value)
{
    return value.count();
}

Milliseconds msOf(const QJsonValue &value)
{
    return Milliseconds(value.toInteger());
}

QString isoTime(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime timeOf(const QJsonValue &value)
{
    return QDateTime::fromString(value.toString(), Qt::ISODateWithMs);
}

template<typename T, typename Convert> QJsonArray arrayOf(const QList<T> &items, Convert convert)
{
    QJsonArray array;
    for (const T &item : items)
        array.append(convert(item));
    return array;
}

template<typename T, typename Convert> QList<T> listOf(const QJsonValue &value, Convert convert)
{
    QList<T> items;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        items.append(convert(item.toObject()));
    return items;
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList stringsOf(const QJsonValue &value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

constexpr std::pair<SessionState, const char16_t *> StateNames[] = {{SessionState::NotStarted, u"not-started"},
                                                                    {SessionState::Briefing, u"briefing"},
                                                                    {SessionState::Thinking, u"thinking"},
                                                                    {SessionState::Answering, u"answering"},
                                                                    {SessionState::Rating, u"rating"},
                                                                    {SessionState::RoundWrapUp, u"round-wrap-up"},
                                                                    {SessionState::Break, u"break"},
                                                                    {SessionState::Finished, u"finished"}};

constexpr std::pair<SessionMode, const char16_t *> ModeNames[] = {{SessionMode::FullLoop, u"full-loop"},
                                                                  {SessionMode::OneRound, u"one-round"},
                                                                  {SessionMode::SingleQuestion, u"single-question"},
                                                                  {SessionMode::QuickDrill, u"quick-drill"}};

constexpr std::pair<QuestionPick, const char16_t *> PickNames[]
    = {{QuestionPick::Chosen, u"chosen"},
       {QuestionPick::RandomFromRound, u"random-from-round"},
       {QuestionPick::RandomFromCategory, u"random-from-category"},
       {QuestionPick::RandomAny, u"random"},
       {QuestionPick::NextDue, u"next-due"}};

template<typename Enum, std::size_t N> QString nameOf(const std::pair<Enum, const char16_t *> (&names)[N], Enum value)
{
    for (const auto &[candidate, name] : names) {
        if (candidate == value)
            return QString::fromUtf16(name);
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::pair<Enum, const char16_t *> (&names)[N], const QString &name)
{
    for (const auto &[candidate, candidateName] : names) {
        if (name == QStringView(candidateName))
            return candidate;
    }
    return std::nullopt;
}

QJsonObject toJson(const SessionSettings &settings)
{
    return {{u"thinkSeconds"_s, settings.thinkSeconds},
            {u"answerSecondsOverride"_s, settings.answerSecondsOverride},
            {u"hardStop"_s, settings.hardStop},
            {u"breakMinutes"_s, settings.breakMinutes},
            {u"followUpsPerQuestion"_s, settings.followUpsPerQuestion},
            {u"followUpAnswerSeconds"_s, settings.followUpAnswerSeconds},
            {u"drillQuestionCount"_s, settings.drillQuestionCount},
            {u"levelId"_s, settings.levelId}};
}

SessionSettings settingsOf(const QJsonObject &object)
{
    SessionSettings settings;
    settings.thinkSeconds = object.value(u"thinkSeconds"_s).toInt(settings.thinkSeconds);
    settings.answerSecondsOverride = object.value(u"answerSecondsOverride"_s).toInt();
    settings.hardStop = object.value(u"hardStop"_s).toBool();
    settings.breakMinutes = object.value(u"breakMinutes"_s).toInt(settings.breakMinutes);
    settings.followUpsPerQuestion = object.value(u"followUpsPerQuestion"_s).toInt(settings.followUpsPerQuestion);
    settings.followUpAnswerSeconds = object.value(u"followUpAnswerSeconds"_s).toInt(settings.followUpAnswerSeconds);
    settings.drillQuestionCount = object.value(u"drillQuestionCount"_s).toInt(settings.drillQuestionCount);
    settings.levelId = object.value(u"levelId"_s).toString();
    return settings;
}

QJsonObject toJson(const PlannedQuestion &question)
{
    return {{u"questionId"_s, question.questionId},
            {u"roundId"_s, question.roundId},
            {u"answerSeconds"_s, question.answerSeconds},
            {u"followUps"_s, strings(question.followUps)}};
}

PlannedQuestion plannedQuestionOf(const QJsonObject &object)
{
    return {object.value(u"questionId"_s).toString(), object.value(u"roundId"_s).toString(),
            object.value(u"answerSeconds"_s).toInt(), stringsOf(object.value(u"followUps"_s))};
}

QJsonObject toJson(const SessionSegment &segment)
{
    return {{u"roundId"_s, segment.roundId},
            {u"title"_s, segment.title},
            {u"durationMinutes"_s, segment.durationMinutes},
            {u"untilTimeIsUp"_s, segment.untilTimeIsUp},
            {u"hasBriefing"_s, segment.hasBriefing},
            {u"hasWrapUp"_s, segment.hasWrapUp},
            {u"questions"_s, arrayOf(segment.questions, [](const auto &q) { return toJson(q); })}};
}

SessionSegment segmentOf(const QJsonObject &object)
{
    SessionSegment segment;
    segment.roundId = object.value(u"roundId"_s).toString();
    segment.title = object.value(u"title"_s).toString();
    segment.durationMinutes = object.value(u"durationMinutes"_s).toInt();
    segment.untilTimeIsUp = object.value(u"untilTimeIsUp"_s).toBool();
    segment.hasBriefing = object.value(u"hasBriefing"_s).toBool(true);
    segment.hasWrapUp = object.value(u"hasWrapUp"_s).toBool(true);
    segment.questions = listOf<PlannedQuestion>(object.value(u"questions"_s), plannedQuestionOf);
    return segment;
}

QJsonObject toJson(const AnswerPart &part)
{
    return {{u"followUpIndex"_s, part.followUpIndex},
            {u"prompt"_s, part.prompt},
            {u"startedAt"_s, isoTime(part.startedAt)},
            {u"limitMs"_s, ms(part.limit)},
            {u"durationMs"_s, ms(part.duration)},
            {u"stoppedAtLimit"_s, part.stoppedAtLimit},
            {u"skipped"_s, part.skipped},
            {u"phaseMarks"_s,
             arrayOf(part.phaseMarks,
                     [](const PhaseMark &mark) {
                         return QJsonObject{{u"phase"_s, mark.phaseIndex}, {u"atMs"_s, ms(mark.at)}};
                     })},
            {u"pauses"_s,
             arrayOf(part.pauses,
                     [](const PauseMark &mark) {
                         return QJsonObject{{u"atMs"_s, ms(mark.at)},
                                            {u"lengthMs"_s, ms(mark.length)},
                                            {u"interrupted"_s, mark.interrupted}};
                     })},
            {u"askingMs"_s, ms(part.asking)},
            {u"interviewer"_s, interviewerMarksToJson(part.interviewer)},
            {u"probeReason"_s, probeReasonToJson(part.probeReason)}};
}

AnswerPart partOf(const QJsonObject &object)
{
    AnswerPart part;
    part.followUpIndex = object.value(u"followUpIndex"_s).toInt(-1);
    part.prompt = object.value(u"prompt"_s).toString();
    part.startedAt = timeOf(object.value(u"startedAt"_s));
    part.limit = msOf(object.value(u"limitMs"_s));
    part.duration = msOf(object.value(u"durationMs"_s));
    part.stoppedAtLimit = object.value(u"stoppedAtLimit"_s).toBool();
    part.skipped = object.value(u"skipped"_s).toBool(); // absent from files saved before it was kept
    part.phaseMarks = listOf<PhaseMark>(object.value(u"phaseMarks"_s), [](const QJsonObject &mark) {
        return PhaseMark{mark.value(u"phase"_s).toInt(), msOf(mark.value(u"atMs"_s))};
    });
    part.pauses = listOf<PauseMark>(object.value(u"pauses"_s), [](const QJsonObject &mark) {
        return PauseMark{msOf(mark.value(u"atMs"_s)), msOf(mark.value(u"lengthMs"_s)),
                         mark.value(u"interrupted"_s).toBool()};
    });
    // Absent from files saved before the interviewer spoke.
    part.asking = msOf(object.value(u"askingMs"_s));
    part.interviewer = interviewerMarksFromJson(object.value(u"interviewer"_s));
    part.probeReason = probeReasonFromJson(object.value(u"probeReason"_s));
    return part;
}

QJsonObject toJson(const Rating &rating)
{
    QJsonObject scores;
    for (auto it = rating.scores.cbegin(); it != rating.scores.cend(); ++it)
        scores.insert(it.key(), it.value());
    return {{u"when"_s, rating.when == Rating::When::AfterReplay ? u"after-replay"_s : u"right-after"_s},
            {u"scores"_s, scores},
            {u"redFlags"_s, strings(rating.redFlagIds)},
            {u"notes"_s, rating.notes},
            {u"ratedAt"_s, isoTime(rating.ratedAt)}};
}

Rating ratingOf(const QJsonObject &object)
{
    Rating rating;
    rating.when = object.value(u"when"_s).toString() == u"after-replay"_s ? Rating::When::AfterReplay
                                                                          : Rating::When::RightAfter;
    const QJsonObject scores = object.value(u"scores"_s).toObject();
    for (auto it = scores.constBegin(); it != scores.constEnd(); ++it)
        rating.scores.insert(it.key(), it.value().toInt());
    rating.redFlagIds = stringsOf(object.value(u"redFlags"_s));
    rating.notes = object.value(u"notes"_s).toString();
    rating.ratedAt = timeOf(object.value(u"ratedAt"_s));
    return rating;
}

QJsonObject toJson(const AnswerRecord &answer)
{
    QJsonObject object{{u"ordinal"_s, answer.ordinal},
                       {u"segment"_s, answer.segmentIndex},
                       {u"roundId"_s, answer.roundId},
                       {u"questionId"_s, answer.questionId},
                       {u"questionText"_s, answer.questionText},
                       {u"thinkMs"_s, ms(answer.thinkTime)},
                       {u"parts"_s, arrayOf(answer.parts, [](const AnswerPart &part) { return toJson(part); })},
                       {u"skipped"_s, answer.skipped},
                       {u"ratingSkipped"_s, answer.ratingSkipped},
                       {u"notes"_s, answer.notes},
                       {u"takeFile"_s, answer.takeFile}};
    if (answer.rating)
        object.insert(u"rating"_s, toJson(*answer.rating));
    if (answer.draftRating)
        object.insert(u"draftRating"_s, toJson(*answer.draftRating));
    return object;
}

AnswerRecord answerOf(const QJsonObject &object)
{
    AnswerRecord answer;
    answer.ordinal = object.value(u"ordinal"_s).toInt(-1);
    answer.segmentIndex = object.value(u"segment"_s).toInt();
    answer.roundId = object.value(u"roundId"_s).toString();
    answer.questionId = object.value(u"questionId"_s).toString();
    answer.questionText = object.value(u"questionText"_s).toString();
    answer.thinkTime = msOf(object.value(u"thinkMs"_s));
    answer.parts = listOf<AnswerPart>(object.value(u"parts"_s), partOf);
    answer.skipped = object.value(u"skipped"_s).toBool();
    answer.ratingSkipped = object.value(u"ratingSkipped"_s).toBool();
    answer.notes = object.value(u"notes"_s).toString();
    answer.takeFile = object.value(u"takeFile"_s).toString();
    if (object.contains(u"rating"_s))
        answer.rating = ratingOf(object.value(u"rating"_s).toObject());
    if (object.contains(u"draftRating"_s))
        answer.draftRating = ratingOf(object.value(u"draftRating"_s).toObject());
    return answer;
}

template<typename Value> QJsonObject mapToJson(const QMap<QString, Value> &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

QJsonObject toJson(const RoundSummary &summary)
{
    return {{u"segment"_s, summary.segmentIndex},
            {u"roundId"_s, summary.roundId},
            {u"title"_s, summary.title},
            {u"allottedMs"_s, ms(summary.allotted)},
            {u"usedMs"_s, ms(summary.used)},
            {u"planned"_s, summary.questionsPlanned},
            {u"answered"_s, summary.questionsAnswered},
            {u"skipped"_s, summary.questionsSkipped},
            {u"dimensionAverages"_s, mapToJson(summary.dimensionAverages)},
            {u"redFlagCounts"_s, mapToJson(summary.redFlagCounts)}};
}

RoundSummary roundSummaryOf(const QJsonObject &object)
{
    RoundSummary summary;
    summary.segmentIndex = object.value(u"segment"_s).toInt();
    summary.roundId = object.value(u"roundId"_s).toString();
    summary.title = object.value(u"title"_s).toString();
    summary.allotted = msOf(object.value(u"allottedMs"_s));
    summary.used = msOf(object.value(u"usedMs"_s));
    summary.questionsPlanned = object.value(u"planned"_s).toInt();
    summary.questionsAnswered = object.value(u"answered"_s).toInt();
    summary.questionsSkipped = object.value(u"skipped"_s).toInt();
    const QJsonObject averages = object.value(u"dimensionAverages"_s).toObject();
    for (auto it = averages.constBegin(); it != averages.constEnd(); ++it)
        summary.dimensionAverages.insert(it.key(), it.value().toDouble());
    const QJsonObject flags = object.value(u"redFlagCounts"_s).toObject();
    for (auto it = flags.constBegin(); it != flags.constEnd(); ++it)
        summary.redFlagCounts.insert(it.key(), it.value().toInt());
    return summary;
}

} // namespace

QString modeName(SessionMode mode)
{
    return nameOf(ModeNames, mode);
}

std::optional<SessionMode> modeFromName(const QString &name)
{
    return valueOf(ModeNames, name);
}

QString stateName(SessionState state)
{
    return nameOf(StateNames, state);
}

QString SessionSnapshot::inconsistency() const
{
    const auto nonNegative = [](Milliseconds value) { return value >= Milliseconds(0); };
    if (plan.segments.isEmpty())
        return tr("it has no plan");
    if (segmentIndex < 0 || segmentIndex >= plan.segments.size())
        return tr("its round is outside its plan");
    const SessionSegment &segment = plan.segments.at(segmentIndex);
    if (!nonNegative(roundElapsed) || !nonNegative(thinkElapsed) || !nonNegative(answerElapsed)
        || !nonNegative(breakElapsed) || !nonNegative(phaseStartedAt) || phaseIndex < 0)
        return tr("a clock is negative");
    for (const AnswerRecord &answer : answers) {
        if (answer.segmentIndex < 0 || answer.segmentIndex >= plan.segments.size())
            return tr("an answer belongs to no round of its plan");
    }
    for (const RoundSummary &summary : roundSummaries) {
        if (summary.segmentIndex < 0 || summary.segmentIndex >= plan.segments.size())
            return tr("a round's summary belongs to no round of its plan");
    }
    const bool inQuestion
        = state == SessionState::Thinking || state == SessionState::Answering || state == SessionState::Rating;
    if (inQuestion) {
        // A question being asked, answered or rated is one of the round's, and is the answer in progress.
        if (questionIndex < 0 || questionIndex >= segment.questions.size())
            return tr("its question is outside its plan");
        if (!current)
            return tr("it is %1 with no answer in progress").arg(stateName(state));
        if (current->segmentIndex != segmentIndex
            || current->questionId != segment.questions.at(questionIndex).questionId)
            return tr("the answer in progress is not to the question being asked");
    }
    const int followUps = inQuestion ? int(segment.questions.at(questionIndex).followUps.size()) : 0;
    switch (state) {
    case SessionState::Answering:
        if (current->parts.isEmpty())
            return tr("the answer in progress has no part");
        if (followUpIndex < -1 || followUpIndex >= followUps || current->parts.last().followUpIndex != followUpIndex)
            return tr("its follow-up is not the one being answered");
        break;
    case SessionState::Thinking:
        if (!current->parts.isEmpty())
            return tr("an answer is under way while thinking");
        break;
    case SessionState::Rating:
        if (current->parts.isEmpty() && !current->skipped)
            return tr("there is nothing to rate");
        break;
    case SessionState::RoundWrapUp:
        if (roundSummaries.isEmpty() || roundSummaries.last().segmentIndex != segmentIndex)
            return tr("the round being wrapped up has no summary");
        break;
    case SessionState::Break:
        if (request.mode != SessionMode::FullLoop || segmentIndex + 1 >= plan.segments.size())
            return tr("a break where no round follows");
        break;
    case SessionState::Briefing:
        if (questionIndex != 0)
            return tr("its round has not begun, but a question is being asked");
        break;
    case SessionState::NotStarted:
    case SessionState::Finished:
        break;
    }
    return {};
}

QStringList SessionSnapshot::takeFiles() const
{
    QStringList files;
    for (const AnswerRecord &answer : answers) {
        if (!answer.takeFile.isEmpty())
            files << answer.takeFile;
    }
    if (current)
        files << (current->takeFile.isEmpty() ? current->defaultTakeFile() : current->takeFile);
    return files;
}

QByteArray SessionSnapshot::toJson() const
{
    QJsonObject request_{{u"mode"_s, modeName(request.mode)},
                         {u"pick"_s, nameOf(PickNames, request.pick)},
                         {u"roundId"_s, request.roundId},
                         {u"questionId"_s, request.questionId},
                         {u"categoryId"_s, request.categoryId},
                         // JSON numbers lose 64-bit integers: the seed travels as text.
                         {u"seed"_s, QString::number(request.seed)},
                         {u"settings"_s, MockLoop::toJson(request.settings)}};
    QJsonObject root{
        {u"format"_s, FormatVersion},
        {u"sessionId"_s, sessionId},
        {u"loopId"_s, loopId},
        {u"loopVersion"_s, loopVersion},
        {u"startedAt"_s, isoTime(startedAt)},
        {u"savedAt"_s, isoTime(savedAt)},
        {u"request"_s, request_},
        {u"plan"_s, arrayOf(plan.segments, [](const SessionSegment &segment) { return MockLoop::toJson(segment); })},
        {u"state"_s, stateName(state)},
        {u"segment"_s, segmentIndex},
        {u"question"_s, questionIndex},
        {u"followUp"_s, followUpIndex},
        {u"phase"_s, phaseIndex},
        {u"phaseStartedAtMs"_s, ms(phaseStartedAt)},
        {u"clocks"_s,
         QJsonObject{{u"roundMs"_s, ms(roundElapsed)},
                     {u"thinkMs"_s, ms(thinkElapsed)},
                     {u"answerMs"_s, ms(answerElapsed)},
                     {u"breakMs"_s, ms(breakElapsed)}}},
        {u"roundTimeUp"_s, roundTimeUp},
        {u"endRoundRequested"_s, endRoundRequested},
        {u"overtimeReported"_s, overtimeReported},
        {u"phaseTargetReported"_s, phaseTargetReported},
        {u"answers"_s, arrayOf(answers, [](const AnswerRecord &answer) { return MockLoop::toJson(answer); })},
        {u"roundSummaries"_s,
         arrayOf(roundSummaries, [](const RoundSummary &summary) { return MockLoop::toJson(summary); })}};
    if (current)
        root.insert(u"current"_s, MockLoop::toJson(*current));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<SessionSnapshot> SessionSnapshot::fromJson(const QByteArray &data, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (document.isNull() || !document.isObject())
        return fail(tr("the saved session is damaged (%1)").arg(parseError.errorString()));
    const QJsonObject root = document.object();
    const int format = root.value(u"format"_s).toInt();
    if (format != FormatVersion)
        return fail(tr("the saved session was written by a different version of MockLoop (format %1)").arg(format));

    SessionSnapshot snapshot;
    snapshot.sessionId = root.value(u"sessionId"_s).toString();
    snapshot.loopId = root.value(u"loopId"_s).toString();
    snapshot.loopVersion = root.value(u"loopVersion"_s).toInt();
    snapshot.startedAt = timeOf(root.value(u"startedAt"_s));
    snapshot.savedAt = timeOf(root.value(u"savedAt"_s));

    const QJsonObject request = root.value(u"request"_s).toObject();
    const auto mode = modeFromName(request.value(u"mode"_s).toString());
    const auto pick = valueOf(PickNames, request.value(u"pick"_s).toString());
    const auto state = valueOf(StateNames, root.value(u"state"_s).toString());
    if (!mode || !pick || !state || snapshot.loopId.isEmpty())
        return fail(tr("the saved session is damaged (unknown mode or state)"));
    snapshot.request.mode = *mode;
    snapshot.request.pick = *pick;
    snapshot.request.roundId = request.value(u"roundId"_s).toString();
    snapshot.request.questionId = request.value(u"questionId"_s).toString();
    snapshot.request.categoryId = request.value(u"categoryId"_s).toString();
    snapshot.request.seed = request.value(u"seed"_s).toString().toULongLong();
    snapshot.request.settings = settingsOf(request.value(u"settings"_s).toObject());
    snapshot.plan.segments = listOf<SessionSegment>(root.value(u"plan"_s), segmentOf);

    snapshot.state = *state;
    snapshot.segmentIndex = root.value(u"segment"_s).toInt();
    snapshot.questionIndex = root.value(u"question"_s).toInt();
    snapshot.followUpIndex = root.value(u"followUp"_s).toInt(-1);
    snapshot.phaseIndex = root.value(u"phase"_s).toInt();
    snapshot.phaseStartedAt = msOf(root.value(u"phaseStartedAtMs"_s));
    const QJsonObject clocks = root.value(u"clocks"_s).toObject();
    snapshot.roundElapsed = msOf(clocks.value(u"roundMs"_s));
    snapshot.thinkElapsed = msOf(clocks.value(u"thinkMs"_s));
    snapshot.answerElapsed = msOf(clocks.value(u"answerMs"_s));
    snapshot.breakElapsed = msOf(clocks.value(u"breakMs"_s));
    snapshot.roundTimeUp = root.value(u"roundTimeUp"_s).toBool();
    snapshot.endRoundRequested = root.value(u"endRoundRequested"_s).toBool();
    snapshot.overtimeReported = root.value(u"overtimeReported"_s).toBool();
    snapshot.phaseTargetReported = root.value(u"phaseTargetReported"_s).toInt(-1);
    if (root.contains(u"current"_s))
        snapshot.current = answerOf(root.value(u"current"_s).toObject());
    snapshot.answers = listOf<AnswerRecord>(root.value(u"answers"_s), answerOf);
    snapshot.roundSummaries = listOf<RoundSummary>(root.value(u"roundSummaries"_s), roundSummaryOf);

    if (const QString problem = snapshot.inconsistency(); !problem.isEmpty())
        return fail(tr("the saved session is damaged (%1)").arg(problem));
    // Ids and take names become folders and files of the library: nothing may lead outside it.
    if (!isSafeName(snapshot.sessionId))
        return fail(tr("the saved session is damaged (its id is not a valid name)"));
    const auto takeIsSafe
        = [](const AnswerRecord &answer) { return answer.takeFile.isEmpty() || isSafeName(answer.takeFile); };
    if (!std::all_of(snapshot.answers.cbegin(), snapshot.answers.cend(), takeIsSafe)
        || (snapshot.current && !takeIsSafe(*snapshot.current)))
        return fail(tr("the saved session is damaged (a take's file name leads outside its folder)"));
    return snapshot;
}

} // namespace MockLoop
