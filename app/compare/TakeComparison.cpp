#include "TakeComparison.h"

#include "common/Format.h"
#include "library/PracticeLibrary.h"
#include "library/StoredAnalysis.h"
#include "library/TakeFiles.h"
#include "loops/Loop.h"
#include "progress/Progress.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace MockLoop::Comparison {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MockLoop::Comparison", text);
}

ComparedTake takeOf(LibraryStore &store, AnswerDetail detail)
{
    ComparedTake take;
    // The database names the take; only one inside the library is played (and gets its waveform
    // cached beside it).
    if (detail.recording)
        take.takePath = TakeFiles(store.folder()).resolve(detail.recording->relativePath).value_or(QString());
    if (detail.analysis)
        take.storedAnalysis = readStoredAnalysis(*detail.analysis);
    take.detail = std::move(detail);
    return take;
}

} // namespace

QFuture<TakeComparison> load(PracticeLibrary *library, qint64 firstAnswerId, qint64 secondAnswerId)
{
    return library->run([firstAnswerId, secondAnswerId](LibraryStore *store) {
        TakeComparison comparison;
        if (!store) {
            comparison.problem = tr("The library is not open.");
            return comparison;
        }
        std::optional<AnswerDetail> first = store->answer(firstAnswerId);
        std::optional<AnswerDetail> second = store->answer(secondAnswerId);
        if (!first || !second || firstAnswerId == secondAnswerId) {
            comparison.problem = firstAnswerId == secondAnswerId
                ? tr("Choose two different answers to compare.")
                : tr("One of the answers is no longer in the library.");
            return comparison;
        }
        if (std::pair(second->row.answeredAt, second->row.id) < std::pair(first->row.answeredAt, first->row.id))
            std::swap(first, second);
        comparison.a = takeOf(*store, std::move(*first));
        comparison.b = takeOf(*store, std::move(*second));
        // Only the measured figures and phase times are wanted here: no dimensions, no flags.
        const AnswerFactSet facts = store->answerFactsOf({firstAnswerId, secondAnswerId}, {}, {});
        for (const AnswerFacts &answer : facts.answers) {
            if (answer.id == comparison.a.detail.row.id)
                comparison.a.facts = answer;
            else if (answer.id == comparison.b.detail.row.id)
                comparison.b.facts = answer;
        }
        return comparison;
    });
}

std::optional<Rating> newestRating(const AnswerDetail &detail)
{
    if (!detail.afterReplay.isEmpty())
        return detail.afterReplay.last();
    return detail.rightAfter;
}

QString scoreChange(int a, int b)
{
    if (a <= 0 || b <= 0)
        return u"—"_s;
    if (a == b)
        return tr("same");
    return u"%1%2"_s.arg(b > a ? u"+"_s : u"\u2212"_s).arg(std::abs(b - a));
}

QString averageChange(const std::optional<double> &a, const std::optional<double> &b)
{
    if (!a || !b)
        return u"—"_s;
    const double change = std::round((*b - *a) * 10.0) / 10.0;
    if (change == 0.0)
        return tr("same");
    return (change > 0 ? u"+"_s : u"\u2212"_s) + QLocale().toString(std::abs(change), 'f', 1);
}

QList<RatingLine> ratingLines(const AnswerDetail &a, const AnswerDetail &b, const Loop *loop)
{
    const std::optional<Rating> ratingA = newestRating(a);
    const std::optional<Rating> ratingB = newestRating(b);
    QList<RatingLine> lines;
    const auto add = [&lines, &ratingA, &ratingB](const QString &id, const QString &title) {
        for (const RatingLine &line : std::as_const(lines)) {
            if (line.dimensionId == id)
                return;
        }
        RatingLine line{
            id, title, ratingA ? ratingA->scores.value(id, 0) : 0, ratingB ? ratingB->scores.value(id, 0) : 0, {}};
        line.change = scoreChange(line.a, line.b);
        lines.append(line);
    };
    if (loop) {
        for (const AnswerDetail *detail : {&a, &b}) {
            if (const Round *round = loop->round(detail->row.roundId)) {
                for (const RubricDimension *dimension : loop->rubricFor(*round))
                    add(dimension->id, dimension->title);
            }
        }
    }
    for (const std::optional<Rating> &rating : {ratingA, ratingB}) {
        if (!rating)
            continue;
        for (auto it = rating->scores.cbegin(); it != rating->scores.cend(); ++it) {
            const RubricDimension *dimension = loop ? loop->dimension(it.key()) : nullptr;
            add(it.key(), dimension ? dimension->title : it.key());
        }
    }
    return lines;
}

QList<MeasureLine> measureLines(const AnswerFacts &a, const AnswerFacts &b, const Loop *loop)
{
    using Progress::Measure;
    QList<MeasureLine> lines;
    const std::pair<Measure, QString> measures[] = {{Measure::Pace, u"pace"_s},
                                                    {Measure::Fillers, u"fillers"_s},
                                                    {Measure::LongestPause, u"longestPause"_s},
                                                    {Measure::Overtime, u"overtime"_s}};
    for (const auto &[measure, id] : measures) {
        const std::optional<double> before = Progress::measureOf(a, measure);
        const std::optional<double> after = Progress::measureOf(b, measure);
        if (before || after)
            lines.append({id, Progress::describeChange(measure, before, after)});
    }
    // The time in each story phase, from the phase marks the person made while answering.
    const auto phaseTime = [](const AnswerFacts &answer, qsizetype phase) {
        return answer.phaseMs.isEmpty()
            ? tr("not marked")
            : Format::elapsed(std::chrono::milliseconds(phase < answer.phaseMs.size() ? answer.phaseMs.at(phase) : 0));
    };
    if (loop && (!a.phaseMs.isEmpty() || !b.phaseMs.isEmpty())) {
        const QList<StoryPhase> &phases = loop->storyStructure.phases;
        for (qsizetype phase = 0; phase < phases.size(); ++phase) {
            const auto reached = [phase](const AnswerFacts &answer) {
                return phase < answer.phaseMs.size() && answer.phaseMs.at(phase) > 0;
            };
            if (!reached(a) && !reached(b))
                continue; // a phase neither take got to says nothing
            lines.append(
                {u"phase-%1"_s.arg(phase),
                 tr("%1 phase %2 → %3").arg(phases.at(phase).title, phaseTime(a, phase), phaseTime(b, phase))});
        }
    }
    return lines;
}

} // namespace MockLoop::Comparison
