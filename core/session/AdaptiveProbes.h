#pragma once

#include "SessionTypes.h"
#include "loops/Loop.h"

#include <optional>

namespace MockLoop {

// What the analysis of a main answer heard, as far as choosing a follow-up goes. Plain counts, so
// the choice needs no speech analysis to be tested (the app fills it from AnswerAnalysis).
struct AnswerSignals
{
    bool speechFound = false; // nothing heard: nothing to react to
    int numbersHeard = 0;
    int audienceMentions = 0; // members, customers, users, subscribers
    int firstPersonSingular = 0; // I, me, my
    int firstPersonPlural = 0; // we, us, our
    QList<int> phasesWithSpeech; // story phases, by index, that were marked and have speech in them
};

// The probe the interviewer asks first after an answer, and why.
struct ChosenProbe
{
    QString text;
    ProbeReason reason;
};

// The adaptive follow-up: from what an answer lacked, the most useful probe of the loop's probe sets
// (interview_loops/README.md, "probes"). Pure: the same answer gives the same probe.
namespace AdaptiveProbes {

// "We" counts as far more than "I" from this many uses, this many times as often.
inline constexpr int MinimumWeForSignal = 5;
inline constexpr int WeToIRatio = 3;

// What the answer lacked, most useful first: no numbers, no members, "we" over "I", then each story
// phase missing in story order (phaseId set).
QList<ProbeReason> reasonsFor(const Loop &loop, const AnswerSignals &answer);

// The first reason the round has a probe for, with its line: successive questions (rotation, the
// answer's ordinal) take successive lines, and a line already asked of this question is skipped.
// Nothing when nothing was heard or nothing applies: the loop's own order stands.
std::optional<ChosenProbe> choose(const Loop &loop, const Round &round, const AnswerSignals &answer,
                                  const QStringList &alreadyAsked, int rotation);

} // namespace AdaptiveProbes

} // namespace MockLoop
