#pragma once

// Internal to the loop loader: the loop's `probes`, the adaptive follow-ups keyed by what an
// answer's analysis shows is missing (interview_loops/README.md, "Probes that react").

#include "Loop.h"
#include "YamlFieldReader.h"

namespace MockLoop::LoopLoader {

// What the probe sets refer to, checked once the whole file is read (they may point forwards).
struct ProbeSetReferences
{
    QList<Yaml::LocatedId> phases;
    QList<Yaml::LocatedId> rounds;
};

// Reads `probes` from the loop's top-level fields: a list of {signal, phase, rounds, lines}.
// Reports an unknown signal, a missing_phase set without its phase (or another with one), empty
// lines, and a signal given twice for the same round and phase.
QList<ProbeSet> readProbeSets(Yaml::DiagnosticSink &sink, Yaml::FieldReader &loopFields,
                              ProbeSetReferences &references);

} // namespace MockLoop::LoopLoader
