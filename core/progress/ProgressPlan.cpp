#include "ProgressInternal.h"

#include "session/QuestionSelector.h"

#include <QSet>

// What to practise next, the streak, and the practice done against the preparation plan.

using namespace Qt::StringLiterals;

namespace MockLoop::Progress::Internal {

namespace {

QString statusTextOf(const QueueEntry &entry, const QDate &today)
{
    QString text;
    const QDate due = entry.dueAt.toLocalTime().date();
    switch (entry.status) {
    case QueueEntry::Status::NeverPractised:
        return tr("Never practised");
    case QueueEntry::Status::Overdue:
        text = due >= today ? tr("Due today") : tr("Overdue by %n day(s)", int(due.daysTo(today)));
        break;
    case QueueEntry::Status::Upcoming:
        text = due <= today ? tr("Due later today") : tr("Due in %n day(s)", int(today.daysTo(due)));
        break;
    }
    return text + (entry.lastScore ? tr(" · last rated %1").arg(oneDecimal(*entry.lastScore)) : tr(" · not rated"));
}

QString periodDates(const QDate &from, const QDate &to)
{
    return from == to ? shortDate(from) : u"%1 – %2"_s.arg(shortDate(from), shortDate(to));
}

} // namespace

QList<QueueEntry> queueOf(const Input &input, int *dueToday, int *neverPractised)
{
    const Loop &loop = *input.loop;
    QHash<QString, QString> firstRound; // question id -> the first round that asks it
    QList<const Question *> candidates;
    for (const Round &round : loop.rounds) {
        for (const Question *question : loop.questionPool(round)) {
            if (!firstRound.contains(question->id))
                firstRound.insert(question->id, round.title);
            if (!input.filter.roundId.isEmpty() && round.id == input.filter.roundId)
                candidates.append(question);
        }
    }
    if (input.filter.roundId.isEmpty()) {
        for (const Question &question : loop.questions)
            candidates.append(&question);
    }
    if (!input.filter.categoryId.isEmpty()) {
        candidates.removeIf(
            [&input](const Question *question) { return question->categoryId != input.filter.categoryId; });
    }

    const QDate today = input.now.toLocalTime().date();
    const QDateTime endOfToday = today.addDays(1).startOfDay();
    *dueToday = 0;
    *neverPractised = 0;
    QList<QueueEntry> queue;
    for (const DueQuestion &due : QuestionSelector::dueQueue(candidates, input.questionStats, input.now)) {
        QueueEntry entry;
        entry.questionId = due.question->id;
        entry.text = due.question->text;
        entry.roundTitle = firstRound.value(due.question->id);
        entry.dueAt = due.dueAt;
        entry.timesPractised = due.stats.timesPractised;
        entry.lastScore = due.stats.lastScore;
        entry.status = due.neverPractised ? QueueEntry::Status::NeverPractised
            : due.dueAt <= input.now      ? QueueEntry::Status::Overdue
                                          : QueueEntry::Status::Upcoming;
        entry.statusText = statusTextOf(entry, today);
        *neverPractised += due.neverPractised ? 1 : 0;
        *dueToday += !due.neverPractised && due.dueAt < endOfToday ? 1 : 0;
        queue.append(entry);
    }
    return queue;
}

PracticeCalendar calendarOf(const Input &input, const QList<const AnswerFacts *> &loopAnswers)
{
    PracticeCalendar calendar;
    QMap<qint64, int> byDay;
    for (const AnswerFacts *answer : loopAnswers)
        ++byDay[answer->localDay];
    for (auto it = byDay.cbegin(); it != byDay.cend(); ++it)
        calendar.answersByDay.append({QDate::fromJulianDay(it.key()), it.value()});

    const QDate today = input.now.toLocalTime().date();
    const bool practisedToday = today.isValid() && byDay.contains(today.toJulianDay());
    if (today.isValid()) { // no time given, no streak (an invalid date's day number is the least there is)
        for (qint64 day = today.toJulianDay() - (practisedToday ? 0 : 1); byDay.contains(day); --day)
            ++calendar.streakDays;
    }
    if (calendar.streakDays > 0) {
        calendar.streakText = tr("%n day(s) in a row", calendar.streakDays)
            + (practisedToday ? QString() : tr(" (practise today to keep it going)"));
    } else if (!byDay.isEmpty()) {
        calendar.streakText = tr("Last practised %1").arg(shortDate(QDate::fromJulianDay(byDay.lastKey())));
    } else {
        calendar.streakText = tr("No practice yet");
    }

    calendar.interviewDateChosen = input.interviewDate.isValid();
    calendar.interviewDate = calendar.interviewDateChosen ? input.interviewDate : defaultInterviewDate(today);
    QList<PreparationMilestone> milestones = input.loop->preparation;
    std::stable_sort(milestones.begin(), milestones.end(),
                     [](const auto &a, const auto &b) { return a.daysBefore > b.daysBefore; });
    for (qsizetype i = 0; i < milestones.size(); ++i) {
        PlanPeriod period;
        period.milestoneId = milestones.at(i).id;
        period.title = milestones.at(i).title;
        period.from = calendar.interviewDate.addDays(-milestones.at(i).daysBefore);
        period.to = i + 1 < milestones.size() ? calendar.interviewDate.addDays(-milestones.at(i + 1).daysBefore - 1)
                                              : calendar.interviewDate;
        period.to = std::max(period.to, period.from);
        const QString heading = u"%1 (%2)"_s.arg(period.title, periodDates(period.from, period.to));
        if (period.from > today) {
            period.summary = heading + tr(": starts in %n day(s)", int(today.daysTo(period.from)));
        } else {
            const QDate last = std::min(period.to, today);
            for (qint64 day = period.from.toJulianDay(); day <= last.toJulianDay(); ++day) {
                const int answers = byDay.value(day);
                period.daysPractised += answers > 0 ? 1 : 0;
                period.answers += answers;
            }
            period.summary = heading
                + tr(": practised on %1 of %n day(s)", int(period.from.daysTo(last)) + 1).arg(period.daysPractised)
                + tr(", %n answer(s)", period.answers) + (today <= period.to ? tr(" so far") : QString());
        }
        calendar.plan.append(period);
    }
    return calendar;
}

} // namespace MockLoop::Progress::Internal
