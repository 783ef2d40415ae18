#include "StoryHints.h"

#include "common/DurationText.h"
#include "loops/Loop.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// The phase with id, else the one at fallbackIndex (a loop may name its phases otherwise).
const StoryPhase *phaseOf(const StoryStructure &structure, const QString &id, qsizetype fallbackIndex)
{
    for (const StoryPhase &phase : structure.phases) {
        if (phase.id == id)
            return &phase;
    }
    if (fallbackIndex >= 0 && fallbackIndex < structure.phases.size())
        return &structure.phases.at(fallbackIndex);
    return nullptr;
}

} // namespace

StoryLength StoryHints::length(const Story &story, const StoryStructure &structure,
                               std::optional<double> measuredWordsPerMinute)
{
    StoryLength length;
    length.words = int(storyWords(story.spokenText(structure)).size());
    // A pace below 40 or above 400 words a minute is a broken measurement, not a speaker.
    if (measuredWordsPerMinute && *measuredWordsPerMinute >= 40.0 && *measuredWordsPerMinute <= 400.0) {
        length.wordsPerMinute = *measuredWordsPerMinute;
        length.paceMeasured = true;
    }
    length.estimatedSeconds = int(std::lround(length.words * 60.0 / length.wordsPerMinute));
    const int total = structure.totalSeconds();
    length.targetSeconds = total > 0 ? total : FallbackTargetSeconds;
    return length;
}

QList<StoryHint> StoryHints::hints(const Story &story, const StoryStructure &structure,
                                   std::optional<double> measuredWordsPerMinute)
{
    QList<StoryHint> hints;
    for (const StoryPhase &phase : structure.phases) {
        if (story.phaseText(phase.id).trimmed().isEmpty())
            hints.append({StoryHint::Kind::EmptyPhase, phase.id, tr("%1 is empty: %2").arg(phase.title, phase.prompt)});
    }
    const StoryPhase *execution = phaseOf(structure, u"execution"_s, 2);
    const StoryPhase *impact = phaseOf(structure, u"member-impact"_s, structure.phases.size() - 1);
    if (execution && !story.phaseText(execution->id).trimmed().isEmpty()
        && !containsNumber(story.phaseText(execution->id)) && !containsNumber(story.metrics.join(u' ')))
        hints.append({StoryHint::Kind::NoNumber, execution->id,
                      tr("%1 names no number: how much faster, bigger, cheaper?").arg(execution->title)});
    if (impact && impact != execution) {
        const QString text = story.phaseText(impact->id) + u'\n' + story.memberImpact;
        if (!text.trimmed().isEmpty() && !containsNumber(text))
            hints.append({StoryHint::Kind::NoNumber, impact->id,
                          tr("%1 names no number: how many members, how much better?").arg(impact->title)});
    }
    if (const StoryPhase *decision = phaseOf(structure, u"decision"_s, 1)) {
        const QStringList words = storyWords(story.phaseText(decision->id));
        if (words.contains(u"we"_s) && !words.contains(u"i"_s))
            hints.append({StoryHint::Kind::WeWithoutI, decision->id,
                          tr("%1 says \"we\" but never \"I\": say what you decided.").arg(decision->title)});
    }
    const StoryLength estimate = length(story, structure, measuredWordsPerMinute);
    if (estimate.estimatedSeconds > estimate.targetSeconds)
        hints.append({StoryHint::Kind::TooLong, QString(), lengthText(estimate)});
    return hints;
}

QString StoryHints::lengthText(const StoryLength &length)
{
    const QString pace = length.paceMeasured
        ? tr("at your measured pace of %1 words a minute").arg(std::lround(length.wordsPerMinute))
        : tr("at %1 words a minute (no analysed answer yet)").arg(std::lround(length.wordsPerMinute));
    return tr("About %1 spoken %2; the target is %3.")
        .arg(minutesAndSeconds(length.estimatedSeconds), pace, minutesAndSeconds(length.targetSeconds));
}

} // namespace MockLoop
