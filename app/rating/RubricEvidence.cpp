#include "RubricEvidence.h"

#include "FeedbackFormat.h"
#include "common/Format.h"
#include "loops/Loop.h"

#include <QCoreApplication>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace MockLoop::RubricEvidence {

namespace {

QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("MockLoop::RubricEvidence", text, nullptr, n);
}

// One moment a word, at its first time, with how often it was said.
Line grouped(const QString &caption, const QList<EvidenceItem> &items)
{
    Line line;
    line.caption = caption;
    for (const EvidenceItem &item : items) {
        const auto same = std::find_if(line.moments.begin(), line.moments.end(),
                                       [&item](const Moment &moment) { return moment.text == item.text; });
        if (same != line.moments.end())
            ++same->times;
        else if (line.moments.size() < Line::MostMoments)
            line.moments.append({item.text, item.startMs});
        else
            ++line.unlisted;
    }
    return line;
}

Line listed(const QString &caption, const QList<EvidenceItem> &items, bool byValue)
{
    Line line;
    line.caption = caption;
    for (const EvidenceItem &item : items) {
        if (line.moments.size() == Line::MostMoments) {
            ++line.unlisted;
            continue;
        }
        line.moments.append({byValue && !item.value.isEmpty() ? item.value : item.text, item.startMs});
    }
    return line;
}

Line phaseTimings(const AnswerAnalysis &analysis, const StoryStructure &story)
{
    Line line;
    QList<PhaseTiming> phases;
    for (const PhaseTiming &phase : analysis.phases) {
        if (phase.phaseIndex >= 0 && phase.phaseIndex < story.phases.size() && phase.targetMs)
            phases.append(phase);
    }
    std::sort(phases.begin(), phases.end(),
              [](const PhaseTiming &a, const PhaseTiming &b) { return a.phaseIndex < b.phaseIndex; });
    if (phases.isEmpty()) {
        line.caption = tr("No story phases marked");
        return line;
    }
    int overTarget = 0;
    for (const PhaseTiming &phase : phases) {
        const std::chrono::milliseconds spent(phase.durationMs);
        const std::chrono::milliseconds target(*phase.targetMs);
        const bool over = FeedbackFormat::isOver(spent, target);
        overTarget += over ? 1 : 0;
        QString text
            = u"%1 %2"_s.arg(story.phases.at(phase.phaseIndex).title, FeedbackFormat::spentOfTarget(spent, target));
        if (over)
            text += u", "_s + FeedbackFormat::overOrOnTime(spent, target);
        line.moments.append({text, phase.startMs});
    }
    const int reached = int(phases.size());
    const int all = int(story.phases.size());
    line.caption
        = reached == all ? tr("All %n phase(s) reached", all) : tr("%1 of %n phase(s) reached", all).arg(reached);
    if (overTarget > 0)
        line.caption += tr(", %n over target", overTarget);
    line.over = overTarget > 0;
    return line;
}

} // namespace

const QList<Rule> &rules()
{
    // The built-in Netflix loop's dimensions (interview_loops/netflix-engineering-leadership.yaml).
    static const QList<Rule> table{
        {u"quantified-results"_s, Kind::NumbersHeard},     {u"member-obsession"_s, Kind::AudienceMentions},
        {u"member-impact-link"_s, Kind::AudienceMentions}, {u"story-structure"_s, Kind::PhaseTimings},
        {u"freedom-responsibility"_s, Kind::Ownership},    {u"candor"_s, Kind::Hedges},
    };
    return table;
}

std::optional<Kind> kindFor(const QString &dimensionId)
{
    const QList<Rule> &table = rules();
    const auto rule = std::find_if(table.cbegin(), table.cend(), [&dimensionId](const Rule &candidate) {
        return candidate.dimensionId == dimensionId;
    });
    return rule == table.cend() ? std::nullopt : std::optional<Kind>(rule->kind);
}

QString Line::plainText() const
{
    if (moments.isEmpty())
        return caption + u'.';
    QStringList parts;
    for (const Moment &moment : moments) {
        const QString at = Format::elapsed(std::chrono::milliseconds(moment.atMs));
        parts << (moment.times > 1 ? tr("%1 %n times, first at %2", moment.times).arg(moment.text, at)
                                   : tr("%1 at %2").arg(moment.text, at));
    }
    QString text = caption + u": "_s + parts.join(u", "_s);
    if (unlisted > 0)
        text += tr(" and %n more", unlisted);
    return text + u'.';
}

std::optional<Line> lineFor(const QString &dimensionId, const AnswerAnalysis &analysis, const StoryStructure &story)
{
    const std::optional<Kind> kind = kindFor(dimensionId);
    if (!kind || !analysis.speechFound)
        return std::nullopt;
    switch (*kind) {
    case Kind::NumbersHeard: {
        const int count = int(analysis.numbersHeard.size());
        return listed(count ? tr("Numbers heard (%n)", count) : tr("No numbers heard"), analysis.numbersHeard, true);
    }
    case Kind::AudienceMentions: {
        const int count = int(analysis.audienceMentions.size());
        return grouped(count ? tr("Members, customers or users mentioned %n time(s)", count)
                             : tr("No mention of members, customers or users"),
                       analysis.audienceMentions);
    }
    case Kind::PhaseTimings:
        return phaseTimings(analysis, story);
    case Kind::Ownership: {
        Line line;
        line.caption = tr("“I” %n time(s)", int(analysis.firstPersonSingular.size()))
            + tr(", “we” %n time(s)", int(analysis.firstPersonPlural.size()));
        return line;
    }
    case Kind::Hedges: {
        const int count = int(analysis.hedges.size());
        return listed(count ? tr("Hedges heard (%n)", count) : tr("No hedges heard"), analysis.hedges, false);
    }
    }
    return std::nullopt;
}

} // namespace MockLoop::RubricEvidence
