#include "Loop.h"

#include <algorithm>
#include <numeric>

namespace MockLoop {

namespace {

template<typename Item> const Item *findById(const QList<Item> &items, const QString &id)
{
    const auto found = std::find_if(items.cbegin(), items.cend(), [&id](const Item &item) { return item.id == id; });
    return found == items.cend() ? nullptr : &*found;
}

} // namespace

int StoryStructure::totalSeconds() const
{
    return std::accumulate(phases.cbegin(), phases.cend(), 0,
                           [](int sum, const StoryPhase &phase) { return sum + phase.targetSeconds; });
}

QString RubricDimension::anchor(int score) const
{
    if (score < MinScore || score > MaxScore)
        return {};
    return anchors.at(static_cast<std::size_t>(score - MinScore));
}

const Round *Loop::round(const QString &roundId) const
{
    return findById(rounds, roundId);
}
const Question *Loop::question(const QString &questionId) const
{
    return findById(questions, questionId);
}
const Category *Loop::category(const QString &categoryId) const
{
    return findById(categories, categoryId);
}
const RubricDimension *Loop::dimension(const QString &dimensionId) const
{
    return findById(dimensions, dimensionId);
}
const Level *Loop::level(const QString &levelId) const
{
    return findById(levels, levelId);
}
const RedFlagGroup *Loop::redFlagGroup(const QString &groupId) const
{
    return findById(redFlagGroups, groupId);
}

QList<const Question *> Loop::questionPool(const Round &round) const
{
    QList<const Question *> pool;
    for (const Question &question : questions) {
        if (round.sourceQuestionIds.contains(question.id) || round.sourceCategoryIds.contains(question.categoryId)
            || question.roundIds.contains(round.id)) {
            pool.append(&question);
        }
    }
    return pool;
}

QList<const RubricDimension *> Loop::rubricFor(const Round &round) const
{
    QList<const RubricDimension *> rubric;
    for (const QString &dimensionId : round.rubricDimensionIds) {
        if (const RubricDimension *found = dimension(dimensionId))
            rubric.append(found);
    }
    return rubric;
}

QList<const RedFlagGroup *> Loop::redFlagsFor(const Round &round) const
{
    QList<const RedFlagGroup *> groups;
    for (const RedFlagGroup &group : redFlagGroups) {
        if (round.redFlagGroupIds.isEmpty() || round.redFlagGroupIds.contains(group.id))
            groups.append(&group);
    }
    return groups;
}

int Loop::suggestedAnswerSeconds(const Question &question, const Round *round) const
{
    if (question.answerSeconds > 0)
        return question.answerSeconds;
    if (round && round->answerSeconds > 0)
        return round->answerSeconds;
    const int storySeconds = storyStructure.totalSeconds();
    return storySeconds > 0 ? storySeconds : FallbackAnswerSeconds;
}

QStringList Loop::interruptionLines(const Round &round, const QString &phaseId) const
{
    if (!round.interruptsOverruns)
        return {};
    for (const PhaseInterruptions &own : round.interruptions) {
        if (own.phaseId == phaseId)
            return own.lines;
    }
    const auto phase = std::find_if(storyStructure.phases.cbegin(), storyStructure.phases.cend(),
                                    [&phaseId](const StoryPhase &candidate) { return candidate.id == phaseId; });
    return phase == storyStructure.phases.cend() ? QStringList() : phase->interruptions;
}

QStringList Loop::spokenLines(const Round &round) const
{
    QStringList lines;
    if (!round.opening.isEmpty())
        lines.append(round.opening);
    for (const StoryPhase &phase : storyStructure.phases)
        lines.append(interruptionLines(round, phase.id));
    if (!round.closing.isEmpty())
        lines.append(round.closing);
    lines.removeDuplicates();
    return lines;
}

QString probeSignalId(ProbeSignal signal)
{
    switch (signal) {
    case ProbeSignal::NoNumbers:
        return QStringLiteral("no_numbers");
    case ProbeSignal::NoMemberMention:
        return QStringLiteral("no_member_mention");
    case ProbeSignal::WeOverI:
        return QStringLiteral("we_over_i");
    case ProbeSignal::MissingPhase:
        return QStringLiteral("missing_phase");
    }
    return {};
}

QStringList probeSignalIds()
{
    return {probeSignalId(ProbeSignal::NoNumbers), probeSignalId(ProbeSignal::NoMemberMention),
            probeSignalId(ProbeSignal::WeOverI), probeSignalId(ProbeSignal::MissingPhase)};
}

std::optional<ProbeSignal> probeSignalFromId(QStringView id)
{
    for (const ProbeSignal signal :
         {ProbeSignal::NoNumbers, ProbeSignal::NoMemberMention, ProbeSignal::WeOverI, ProbeSignal::MissingPhase}) {
        if (id == probeSignalId(signal))
            return signal;
    }
    return std::nullopt;
}

QStringList Loop::probeLines(const Round &round, ProbeSignal signal, const QString &phaseId) const
{
    const ProbeSet *forEveryRound = nullptr;
    for (const ProbeSet &set : probeSets) {
        if (set.signal != signal || (signal == ProbeSignal::MissingPhase && set.phaseId != phaseId))
            continue;
        if (set.roundIds.contains(round.id))
            return set.lines;
        if (set.roundIds.isEmpty() && !forEveryRound)
            forEveryRound = &set;
    }
    return forEveryRound ? forEveryRound->lines : QStringList();
}

QStringList Loop::adaptiveProbeLines(const Round &round) const
{
    QStringList lines;
    for (const ProbeSignal signal : {ProbeSignal::NoNumbers, ProbeSignal::NoMemberMention, ProbeSignal::WeOverI})
        lines.append(probeLines(round, signal));
    for (const StoryPhase &phase : storyStructure.phases)
        lines.append(probeLines(round, ProbeSignal::MissingPhase, phase.id));
    lines.removeDuplicates();
    return lines;
}

int Loop::totalMinutes() const
{
    return std::accumulate(rounds.cbegin(), rounds.cend(), 0,
                           [](int sum, const Round &round) { return sum + round.durationMinutes; });
}

} // namespace MockLoop
