#include "AdaptiveProbes.h"

namespace MockLoop::AdaptiveProbes {

QList<ProbeReason> reasonsFor(const Loop &loop, const AnswerSignals &answer)
{
    QList<ProbeReason> reasons;
    if (!answer.speechFound)
        return reasons;
    if (answer.numbersHeard == 0)
        reasons.append({ProbeSignal::NoNumbers, {}, {}});
    if (answer.audienceMentions == 0)
        reasons.append({ProbeSignal::NoMemberMention, {}, {}});
    if (answer.firstPersonPlural >= MinimumWeForSignal
        && answer.firstPersonPlural >= WeToIRatio * answer.firstPersonSingular)
        reasons.append({ProbeSignal::WeOverI, {}, {}});
    const QList<StoryPhase> &phases = loop.storyStructure.phases;
    for (int index = 0; index < phases.size(); ++index) {
        if (!answer.phasesWithSpeech.contains(index))
            reasons.append({ProbeSignal::MissingPhase, phases.at(index).id, phases.at(index).title});
    }
    return reasons;
}

std::optional<ChosenProbe> choose(const Loop &loop, const Round &round, const AnswerSignals &answer,
                                  const QStringList &alreadyAsked, int rotation)
{
    for (const ProbeReason &reason : reasonsFor(loop, answer)) {
        const QStringList lines = loop.probeLines(round, reason.signal, reason.phaseId);
        for (qsizetype step = 0; step < lines.size(); ++step) {
            const QString &line = lines.at((std::max(rotation, 0) + step) % lines.size());
            if (!alreadyAsked.contains(line))
                return ChosenProbe{line, reason};
        }
    }
    return std::nullopt;
}

} // namespace MockLoop::AdaptiveProbes
