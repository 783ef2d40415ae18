#include "ReportData.h"

#include "ReportCharts.h"
#include "library/LibraryStore.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <map>

using namespace Qt::StringLiterals;

namespace MockLoop {

int ReportData::answerCount() const
{
    int count = 0;
    for (const ReportRound &round : rounds)
        count += int(round.answers.size());
    return count;
}

QString anchorShortName(const QString &anchor)
{
    static const QRegularExpression clauseEnd(u"[,.;:]"_s);
    QString clause = anchor.simplified();
    const qsizetype end = clause.indexOf(clauseEnd);
    if (end > 0)
        clause.truncate(end);
    const QStringList words = clause.split(u' ', Qt::SkipEmptyParts);
    constexpr int MaxWords = 8;
    if (words.size() <= MaxWords)
        return clause;
    return words.first(MaxWords).join(u' ') + u"…"_s;
}

namespace {

// Every phase mark of every part runs until the next mark of its part, or the part's end.
QList<ReportPhaseTime> phaseTimes(const AnswerRecord &record, const Loop *loop)
{
    std::map<int, qint64> spent;
    for (const AnswerPart &part : record.parts) {
        QList<PhaseMark> marks = part.phaseMarks;
        std::sort(marks.begin(), marks.end(), [](const PhaseMark &a, const PhaseMark &b) { return a.at < b.at; });
        for (qsizetype i = 0; i < marks.size(); ++i) {
            const Milliseconds end = i + 1 < marks.size() ? marks.at(i + 1).at : part.duration;
            spent[marks.at(i).phaseIndex] += std::max<qint64>(0, (end - marks.at(i).at).count());
        }
    }
    QList<ReportPhaseTime> phases;
    for (const auto &[index, ms] : spent) {
        ReportPhaseTime phase;
        phase.spentMs = ms;
        const bool known = loop && index >= 0 && index < loop->storyStructure.phases.size();
        phase.title
            = known ? loop->storyStructure.phases.at(index).title : ReportBuilder::tr("Phase %1").arg(index + 1);
        phase.targetMs = known ? qint64(loop->storyStructure.phases.at(index).targetSeconds) * 1000 : 0;
        phases.append(phase);
    }
    return phases;
}

QString anchorFor(const RubricDimension *dimension, const std::optional<int> &score)
{
    return dimension && score ? anchorShortName(dimension->anchor(*score)) : QString();
}

QList<ReportDimensionScore> dimensionScores(const AnswerDetail &detail, const Loop *loop)
{
    const Rating *newestReplay = detail.afterReplay.isEmpty() ? nullptr : &detail.afterReplay.constLast();
    QStringList ids;
    if (loop) {
        if (const Round *round = loop->round(detail.row.roundId)) {
            for (const RubricDimension *dimension : loop->rubricFor(*round))
                ids << dimension->id;
        }
    }
    const Rating *coach = detail.coach ? &*detail.coach : nullptr;
    for (const Rating *rating : {detail.rightAfter ? &*detail.rightAfter : nullptr, newestReplay, coach}) {
        if (!rating)
            continue;
        for (const QString &id : rating->scores.keys()) {
            if (!ids.contains(id))
                ids << id;
        }
    }
    QList<ReportDimensionScore> scores;
    for (const QString &id : ids) {
        const RubricDimension *dimension = loop ? loop->dimension(id) : nullptr;
        ReportDimensionScore score;
        score.dimensionId = id;
        score.title = dimension ? dimension->title : id;
        if (detail.rightAfter && detail.rightAfter->scores.contains(id))
            score.rightAfter = detail.rightAfter->scores.value(id);
        if (newestReplay && newestReplay->scores.contains(id))
            score.afterReplay = newestReplay->scores.value(id);
        score.rightAfterAnchor = anchorFor(dimension, score.rightAfter);
        score.afterReplayAnchor = anchorFor(dimension, score.afterReplay);
        if (coach && coach->scores.contains(id))
            score.coach = coach->scores.value(id);
        score.coachAnchor = anchorFor(dimension, score.coach);
        scores.append(score);
    }
    return scores;
}

QString redFlagName(const Loop *loop, const QString &flagId)
{
    if (loop) {
        for (const RedFlagGroup &group : loop->redFlagGroups) {
            for (const RedFlag &flag : group.flags) {
                if (flag.id == flagId)
                    return flag.text;
            }
        }
    }
    return flagId;
}

QList<ReportAverage> averagesOf(const QList<ReportAnswer> &answers)
{
    struct Sum
    {
        QString title;
        double rightAfter = 0;
        double afterReplay = 0;
        int rightAfterCount = 0;
        int afterReplayCount = 0;
        double coach = 0;
        int coachCount = 0;
    };
    QList<Sum> sums; // in the order dimensions first appear
    for (const ReportAnswer &answer : answers) {
        for (const ReportDimensionScore &score : answer.scores) {
            auto it = std::find_if(sums.begin(), sums.end(), [&](const Sum &sum) { return sum.title == score.title; });
            if (it == sums.end()) {
                sums.append(Sum{score.title});
                it = std::prev(sums.end());
            }
            if (score.rightAfter) {
                it->rightAfter += *score.rightAfter;
                ++it->rightAfterCount;
            }
            if (score.afterReplay) {
                it->afterReplay += *score.afterReplay;
                ++it->afterReplayCount;
            }
            if (score.coach) {
                it->coach += *score.coach;
                ++it->coachCount;
            }
        }
    }
    QList<ReportAverage> averages;
    for (const Sum &sum : sums) {
        ReportAverage average;
        average.title = sum.title;
        average.rightAfterCount = sum.rightAfterCount;
        average.afterReplayCount = sum.afterReplayCount;
        if (sum.rightAfterCount > 0)
            average.rightAfter = sum.rightAfter / sum.rightAfterCount;
        if (sum.afterReplayCount > 0)
            average.afterReplay = sum.afterReplay / sum.afterReplayCount;
        average.coachCount = sum.coachCount;
        if (sum.coachCount > 0)
            average.coach = sum.coach / sum.coachCount;
        averages.append(average);
    }
    return averages;
}

ReportAnswer reportAnswer(const AnswerDetail &detail, const Loop *loop, int number)
{
    ReportAnswer answer;
    answer.detail = detail;
    answer.anchorId = u"answer-%1"_s.arg(number);
    if (loop) {
        if (const Question *question = loop->question(detail.row.questionId))
            answer.suggestedMs
                = qint64(loop->suggestedAnswerSeconds(*question, loop->round(detail.row.roundId))) * 1000;
    }
    if (answer.suggestedMs == 0) {
        for (const AnswerPart &part : detail.record.parts) {
            if (part.followUpIndex < 0)
                answer.suggestedMs = part.limit.count();
        }
    }
    answer.phases = phaseTimes(detail.record, loop);
    answer.scores = dimensionScores(detail, loop);
    const auto flagNames = [loop](const Rating &rating) {
        QStringList names;
        for (const QString &flag : rating.redFlagIds)
            names << redFlagName(loop, flag);
        return names;
    };
    if (detail.rightAfter)
        answer.redFlagsRightAfter = flagNames(*detail.rightAfter);
    if (!detail.afterReplay.isEmpty())
        answer.redFlagsAfterReplay = flagNames(detail.afterReplay.constLast());
    if (detail.coach)
        answer.redFlagsCoach = flagNames(*detail.coach);
    if (detail.rightAfter && !detail.rightAfter->notes.isEmpty())
        answer.ratingNotes << ReportBuilder::tr("Right after: %1").arg(detail.rightAfter->notes);
    for (const Rating &rating : detail.afterReplay) {
        if (!rating.notes.isEmpty())
            answer.ratingNotes << ReportBuilder::tr("After replay: %1").arg(rating.notes);
    }
    if (detail.coach && !detail.coach->notes.isEmpty())
        answer.ratingNotes << ReportBuilder::tr("Coach: %1").arg(detail.coach->notes);
    if (detail.analysis && !detail.analysis->resultJson.isEmpty()) {
        const Expected<AnswerAnalysis> parsed
            = AnswerAnalysis::fromJson(QJsonDocument::fromJson(detail.analysis->resultJson).object());
        if (parsed)
            answer.analysis = *parsed;
    }
    return answer;
}

} // namespace

std::optional<ReportData> ReportBuilder::build(LibraryStore &store, const ReportScope &scope,
                                               const LoopLookup &findLoop, QString *error)
{
    QList<qint64> ids = scope.answerIds;
    if (ids.isEmpty()) {
        AnswerFilter filter;
        filter.sessionId = scope.sessionId;
        filter.from = scope.from;
        filter.to = scope.to;
        if (!scope.sessionId.isEmpty() && !store.session(scope.sessionId)) {
            *error = tr("There is no session %1 in the library; mockloop --list-sessions lists them.")
                         .arg(scope.sessionId);
            return std::nullopt;
        }
        for (const AnswerRow &row : store.answers(filter, AnswerSort::Date, Qt::AscendingOrder))
            ids << row.id;
    }
    QList<AnswerDetail> details;
    for (qint64 id : std::as_const(ids)) {
        std::optional<AnswerDetail> detail = store.answer(id);
        if (!detail) {
            *error = tr("There is no answer %1 in the library.").arg(id);
            return std::nullopt;
        }
        details.append(std::move(*detail));
    }
    if (details.isEmpty()) {
        *error = scope.sessionId.isEmpty() ? tr("No answers in the library between %1 and %2.")
                                                 .arg(scope.from.toString(Qt::ISODate), scope.to.toString(Qt::ISODate))
                                           : tr("Session %1 has no answers.").arg(scope.sessionId);
        return std::nullopt;
    }
    std::stable_sort(details.begin(), details.end(),
                     [](const AnswerDetail &a, const AnswerDetail &b) { return a.row.answeredAt < b.row.answeredAt; });

    ReportData report;
    std::shared_ptr<const Loop> loop = findLoop ? findLoop(details.constFirst().row.loopId) : nullptr;
    report.loopTitle = details.constFirst().row.loopTitle;
    QString levelId;
    if (const std::optional<SessionRecord> session = store.session(details.constFirst().row.sessionId)) {
        const Level *level = loop ? loop->level(session->levelId) : nullptr;
        report.levelTitle = level ? level->title : session->levelId;
        levelId = session->levelId;
    }
    report.firstDate = details.constFirst().row.answeredAt;
    report.lastDate = details.constLast().row.answeredAt;
    if (loop)
        report.charts = reportChartsOf(store, *loop, levelId, report);
    report.title = !scope.sessionId.isEmpty() ? tr("Session report: %1").arg(report.loopTitle)
        : scope.answerIds.isEmpty()
        ? tr("Practice report: %1 to %2").arg(scope.from.toString(Qt::ISODate), scope.to.toString(Qt::ISODate))
        : tr("Report on %n answer(s)", nullptr, int(details.size()));
    int number = 0;
    QList<ReportAnswer> all;
    for (const AnswerDetail &detail : std::as_const(details)) {
        std::shared_ptr<const Loop> answerLoop
            = loop && loop->id == detail.row.loopId ? loop : (findLoop ? findLoop(detail.row.loopId) : nullptr);
        ReportAnswer answer = reportAnswer(detail, answerLoop.get(), ++number);
        const QString roundTitle = detail.row.roundTitle.isEmpty() ? tr("Questions") : detail.row.roundTitle;
        if (report.rounds.isEmpty() || report.rounds.constLast().title != roundTitle)
            report.rounds.append(ReportRound{roundTitle, {}, {}});
        report.rounds.last().answers.append(answer);
        all.append(std::move(answer));
    }
    for (ReportRound &round : report.rounds)
        round.averages = averagesOf(round.answers);
    report.overall = averagesOf(all);
    return report;
}

} // namespace MockLoop
