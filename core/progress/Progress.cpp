#include "ProgressInternal.h"

#include "common/DurationText.h"
#include "session/QuestionSelector.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace MockLoop::Progress {

using namespace Internal;

namespace Internal {

QList<const AnswerFacts *> answersIn(const AnswerFactSet &facts, const ProgressFilter &filter)
{
    const qint64 from = filter.from.isValid() ? filter.from.toJulianDay() : std::numeric_limits<qint64>::min();
    const qint64 to = filter.to.isValid() ? filter.to.toJulianDay() : std::numeric_limits<qint64>::max();
    QList<const AnswerFacts *> answers;
    answers.reserve(facts.answers.size());
    for (const AnswerFacts &answer : facts.answers) {
        if (answer.skipped || answer.localDay < from || answer.localDay > to)
            continue;
        if (!filter.roundId.isEmpty() && answer.roundId != filter.roundId)
            continue;
        if (!filter.categoryId.isEmpty() && answer.categoryId != filter.categoryId)
            continue;
        answers.append(&answer);
    }
    return answers;
}

std::optional<double> averageOf(const QVarLengthArray<qint8, 12> &scores)
{
    int sum = 0;
    int count = 0;
    for (const qint8 score : scores) {
        if (score > 0) {
            sum += score;
            ++count;
        }
    }
    return count > 0 ? std::optional(double(sum) / count) : std::nullopt;
}

QString oneDecimal(double value)
{
    return QLocale().toString(value, 'f', 1);
}

QString shortDate(const QDate &date)
{
    return QLocale().toString(date, u"d MMM"_s);
}

} // namespace Internal

QStringList dimensionIdsOf(const Loop &loop)
{
    QStringList ids;
    for (const RubricDimension &dimension : loop.dimensions)
        ids << dimension.id;
    return ids;
}

QStringList redFlagIdsOf(const Loop &loop)
{
    QStringList ids;
    for (const RedFlagGroup &group : loop.redFlagGroups) {
        for (const RedFlag &flag : group.flags)
            ids << flag.id;
    }
    return ids;
}

QDate defaultInterviewDate(const QDate &today)
{
    return today.addDays(56);
}

ProgressData compute(const Input &input)
{
    ProgressData data;
    data.filter = input.filter;
    if (!input.loop)
        return data;
    data.loopTitle = input.loop->title;
    const QList<const AnswerFacts *> answers = answersIn(input.facts, input.filter);
    data.answers = int(answers.size());
    for (const AnswerFacts *answer : answers) {
        data.ratedAnswers += answer->rated() ? 1 : 0;
        data.analysedAnswers += answer->wordsPerMinute || answer->longestPauseMs ? 1 : 0;
    }
    fillCharts(data, input, answers);

    // Readiness and the calendar look at the whole loop (at the level, in the dates chosen).
    ProgressFilter wholeLoop = input.filter;
    wholeLoop.roundId.clear();
    wholeLoop.categoryId.clear();
    const QList<const AnswerFacts *> loopAnswers = answersIn(input.facts, wholeLoop);
    data.readiness = readinessOf(input, loopAnswers);
    data.queue = queueOf(input, &data.dueToday, &data.neverPractised);
    data.calendar = calendarOf(input, loopAnswers);
    for (const StoryPractice &practice : input.storyPractice)
        data.stories.append(
            {practice.storyId, practice.title, describeStoryPractice(practice, input.loop->storyStructure)});
    return data;
}

QString describeStoryPractice(const StoryPractice &practice, const StoryStructure &structure)
{
    QString text = practice.answers == 1 ? tr("Practised once on the cue card")
                                         : tr("Practised %1 times on the cue card").arg(practice.answers);
    if (practice.meanScore)
        text += tr(", rated %1 on average").arg(oneDecimal(*practice.meanScore));
    QStringList phases;
    for (qsizetype i = 0; i < practice.meanPhaseMs.size() && i < structure.phases.size(); ++i) {
        const StoryPhase &phase = structure.phases.at(i);
        const qint64 told = (practice.meanPhaseMs.at(i) + 500) / 1000;
        QString part
            = tr("%1 %2 of %3").arg(phase.title, minutesAndSeconds(told), minutesAndSeconds(phase.targetSeconds));
        if (phase.targetSeconds > 0 && told > phase.targetSeconds)
            part += tr(" (over)");
        phases << part;
    }
    if (!phases.isEmpty())
        text += tr("; time in each phase: %1").arg(phases.join(u", "_s));
    if (practice.lastPractised.isValid())
        text += tr("; last on %1").arg(shortDate(practice.lastPractised.toLocalTime().date()));
    if (practice.storyId == 0)
        text += tr(" (the story was deleted since)");
    return text + u'.';
}

DueSummary dueSummary(const Loop &loop, const QHash<QString, QuestionStats> &stats, const QDateTime &now)
{
    Input input;
    input.loop = std::shared_ptr<const Loop>(&loop, [](const Loop *) {});
    input.questionStats = stats;
    input.now = now;
    DueSummary summary;
    queueOf(input, &summary.dueToday, &summary.neverPractised);
    QStringList parts;
    if (summary.dueToday > 0)
        parts << tr("%n question(s) due today", summary.dueToday);
    if (summary.neverPractised > 0)
        parts << tr("%n never practised", summary.neverPractised);
    summary.text = parts.join(u" · "_s);
    return summary;
}

} // namespace MockLoop::Progress
