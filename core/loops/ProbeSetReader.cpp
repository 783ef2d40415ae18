#include "ProbeSetReader.h"

#include "LoopReferences.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace MockLoop::LoopLoader {

namespace {

using Yaml::Presence;

// One probe set as written, before it goes into the loop.
void readProbeSet(Yaml::DiagnosticSink &sink, const Yaml::Node &node, const QString &path,
                  ProbeSetReferences &references, QHash<QString, int> &firstLineOfScope, QList<ProbeSet> &sets)
{
    Yaml::FieldReader fields(sink, node, path);
    if (!fields.isMap())
        return;
    ProbeSet set;
    const Yaml::Node &signalNode
        = fields.field("signal", Presence::Required,
                       MOCKLOOP_LOADER_TEXT("a signal: no_numbers, no_member_mention, we_over_i or missing_phase"));
    std::optional<ProbeSignal> signal;
    if (signalNode.isDefined() && !signalNode.isScalar()) {
        sink.error(signalNode.mark(), fields.pathOf("signal"),
                   loaderTr("expected a signal (%1), got %2")
                       .arg(probeSignalIds().join(u", "_s), Yaml::describeNode(signalNode)));
    } else if (signalNode.isDefined()) {
        // Only the start is read: a scalar may be megabytes, and no signal is longer than 20 letters.
        const QString signalText = QString::fromUtf8(std::string_view(signalNode.scalar()).substr(0, 64));
        signal = probeSignalFromId(signalText);
        if (!signal) {
            QString message = loaderTr("unknown signal %1").arg(Yaml::describeNode(signalNode));
            const QString suggestion = Yaml::closestMatch(signalText, probeSignalIds());
            message += suggestion.isEmpty() ? loaderTr(" (expected one of: %1)").arg(probeSignalIds().join(u", "_s))
                                            : loaderTr("; did you mean '%1'?").arg(suggestion);
            sink.error(signalNode.mark(), fields.pathOf("signal"), message);
        }
    }
    const std::optional<Yaml::LocatedId> phase = fields.id("phase", Presence::Optional);
    if (phase)
        references.phases.append(*phase);
    if (signal == ProbeSignal::MissingPhase && !phase && signalNode.isDefined()) {
        sink.error(fields.mark(), path,
                   loaderTr("a missing_phase probe set names the story phase it asks for: add 'phase'"));
    } else if (signal && signal != ProbeSignal::MissingPhase && phase) {
        sink.error(phase->mark, phase->fieldPath,
                   loaderTr("only missing_phase probes name a story phase; remove 'phase' or change the signal"));
    }
    const QList<Yaml::LocatedId> rounds = fields.idList("rounds", Presence::Optional);
    references.rounds.append(rounds);
    set.lines = fields.textList("lines", Presence::Required);
    fields.finish();
    if (!signal)
        return;
    set.signal = *signal;
    set.phaseId = set.signal == ProbeSignal::MissingPhase && phase ? phase->id : QString();
    for (const Yaml::LocatedId &round : rounds)
        set.roundIds.append(round.id);

    // One set per signal (and phase) for a round, and one for every round: a second would never be
    // asked, and is most likely a copy meant for another signal.
    const QString signalName
        = set.phaseId.isEmpty() ? probeSignalId(set.signal) : probeSignalId(set.signal) + u" ("_s + set.phaseId + u')';
    const auto checkScope = [&](const QString &roundId, const Yaml::Mark &mark, const QString &fieldPath) {
        const QString scope = signalName + u'|' + roundId;
        if (const auto first = firstLineOfScope.constFind(scope); first != firstLineOfScope.cend()) {
            sink.error(mark, fieldPath,
                       roundId.isEmpty() ? loaderTr("probes for %1 in every round are given twice (first on line %2)")
                                               .arg(signalName)
                                               .arg(*first)
                                         : loaderTr("probes for %1 in round '%2' are given twice (first on line %3)")
                                               .arg(signalName, roundId)
                                               .arg(*first));
            return;
        }
        firstLineOfScope.insert(scope, mark.line);
    };
    if (rounds.isEmpty()) {
        checkScope(QString(), signalNode.mark(), fields.pathOf("signal"));
    } else {
        for (const Yaml::LocatedId &round : rounds)
            checkScope(round.id, round.mark, round.fieldPath);
    }
    sets.append(set);
}

} // namespace

QList<ProbeSet> readProbeSets(Yaml::DiagnosticSink &sink, Yaml::FieldReader &loopFields, ProbeSetReferences &references)
{
    QList<ProbeSet> sets;
    QHash<QString, int> firstLineOfScope;
    loopFields.forEach("probes", Presence::Optional, MOCKLOOP_LOADER_TEXT("a list of probe sets"),
                       [&](const Yaml::Node &item, const QString &itemPath) {
                           readProbeSet(sink, item, itemPath, references, firstLineOfScope, sets);
                       });
    return sets;
}

} // namespace MockLoop::LoopLoader
