#include "ProgressInternal.h"

#include <QLocale>

#include <cmath>

// The charts of the Progress page: trends, measured figures, calibration and evidence.

using namespace Qt::StringLiterals;

namespace MockLoop::Progress {

using namespace Internal;

namespace {

// Values added up per point and series, given back as means.
class MeanGrid
{
public:
    MeanGrid(qsizetype points, qsizetype series)
        : m_points(points)
        , m_sums(points * series, 0.0)
        , m_counts(points * series, 0)
    { }

    void add(qsizetype point, qsizetype series, double value)
    {
        m_sums[series * m_points + point] += value;
        ++m_counts[series * m_points + point];
    }

    ChartSeries series(qsizetype series, const QString &id, const QString &title) const
    {
        ChartSeries result{id, title, {}, {}};
        for (qsizetype point = 0; point < m_points; ++point) {
            const int count = m_counts.at(series * m_points + point);
            result.values.append(count > 0 ? std::optional(m_sums.at(series * m_points + point) / count)
                                           : std::nullopt);
            result.counts.append(count);
        }
        return result;
    }

private:
    qsizetype m_points;
    QList<double> m_sums;
    QList<int> m_counts;
};

// Keeps the series that have something to show.
void addSeries(ChartData &chart, ChartSeries series)
{
    if (series.hasValues())
        chart.series.append(std::move(series));
}

// A round number above every value, for the value axis.
double niceMaximum(const ChartData &chart, double atLeast)
{
    double top = atLeast;
    for (const ChartSeries &series : chart.series) {
        for (const auto &value : series.values)
            top = std::max(top, value.value_or(0.0));
    }
    const double step = std::pow(10.0, std::floor(std::log10(top)));
    for (const double multiple : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
        if (multiple * step >= top * 1.05)
            return multiple * step;
    }
    return top * 1.1;
}

// The weeks the answers fall in, from the first to the last, gaps included.
struct Weeks
{
    qint64 firstMonday = 0;
    QStringList labels;

    explicit Weeks(const QList<const AnswerFacts *> &answers)
    {
        if (answers.isEmpty())
            return;
        qint64 first = std::numeric_limits<qint64>::max();
        qint64 last = std::numeric_limits<qint64>::min();
        for (const AnswerFacts *answer : answers) {
            const qint64 monday = mondayOf(answer->localDay);
            first = std::min(first, monday);
            last = std::max(last, monday);
        }
        firstMonday = first;
        for (qint64 monday = first; monday <= last; monday += 7)
            labels << shortDate(QDate::fromJulianDay(monday));
    }
    static qint64 mondayOf(qint64 julianDay) { return julianDay - QDate::fromJulianDay(julianDay).dayOfWeek() + 1; }
    qsizetype indexOf(const AnswerFacts &answer) const { return (mondayOf(answer.localDay) - firstMonday) / 7; }
};

ChartData scoreChart(const QString &id, const QString &title, const QString &pointTitle, const QStringList &points)
{
    ChartData chart;
    chart.id = id;
    chart.title = title;
    chart.pointTitle = pointTitle;
    chart.valueTitle = tr("Score (1–4)");
    chart.minValue = 1;
    chart.maxValue = 4;
    chart.decimals = 1;
    chart.points = points;
    return chart;
}

// Trend of the newest ratings: overall first, then each dimension.
template<typename PointOf>
void fillTrend(ChartData &chart, const Loop &loop, const QList<const AnswerFacts *> &answers, PointOf pointOf)
{
    const qsizetype dimensions = loop.dimensions.size();
    MeanGrid grid(chart.points.size(), dimensions + 1);
    for (const AnswerFacts *answer : answers) {
        const qsizetype point = pointOf(*answer);
        if (point < 0 || !answer->rated())
            continue;
        const auto &scores = answer->newest();
        if (const auto average = averageOf(scores))
            grid.add(point, 0, *average);
        for (qsizetype d = 0; d < dimensions && d < scores.size(); ++d) {
            if (scores.at(d) > 0)
                grid.add(point, d + 1, scores.at(d));
        }
    }
    addSeries(chart, grid.series(0, u"overall"_s, tr("Overall")));
    for (qsizetype d = 0; d < dimensions; ++d)
        addSeries(chart, grid.series(d + 1, loop.dimensions.at(d).id, loop.dimensions.at(d).title));
}

ChartData measureChart(Measure measure, const Weeks &weeks, const QList<const AnswerFacts *> &answers)
{
    ChartData chart;
    chart.id = u"measure-%1"_s.arg(int(measure));
    chart.title = measureTitle(measure);
    chart.pointTitle = tr("Week");
    chart.points = weeks.labels;
    chart.decimals = measure == Measure::Pace || measure == Measure::Overtime ? 0 : 1;
    MeanGrid grid(chart.points.size(), 1);
    for (const AnswerFacts *answer : answers) {
        if (const auto value = measureOf(*answer, measure))
            grid.add(weeks.indexOf(*answer), 0, *value);
    }
    addSeries(chart, grid.series(0, chart.id, measureTitle(measure)));
    switch (measure) {
    case Measure::Pace:
        chart.valueTitle = tr("Words per minute");
        chart.note = tr("Measured from the recording; the transcript is approximate.");
        break;
    case Measure::Fillers:
        chart.valueTitle = tr("Per minute");
        chart.note = tr("Likely fillers (um, uh, ah, hmm), measured from the recording: a floor, never certain.");
        break;
    case Measure::LongestPause:
        chart.valueTitle = tr("Seconds");
        chart.note = tr("Measured from the recording.");
        break;
    case Measure::Overtime:
        chart.valueTitle = tr("Seconds");
        chart.note = tr("Time past the answer clock, follow-ups included; every answer counts, 0 when on time.");
        break;
    }
    chart.maxValue = niceMaximum(chart, measure == Measure::Pace ? 100 : 1);
    return chart;
}

ChartData phaseChart(const Loop &loop, const Weeks &weeks, const QList<const AnswerFacts *> &answers)
{
    ChartData chart;
    chart.id = u"phases"_s;
    chart.title = tr("Time per story phase (s)");
    chart.pointTitle = tr("Week");
    chart.valueTitle = tr("Seconds");
    chart.points = weeks.labels;
    chart.decimals = 0;
    const QList<StoryPhase> &phases = loop.storyStructure.phases;
    MeanGrid grid(chart.points.size(), phases.size());
    for (const AnswerFacts *answer : answers) {
        if (answer->phaseMs.isEmpty())
            continue;
        for (qsizetype p = 0; p < phases.size(); ++p)
            grid.add(weeks.indexOf(*answer), p, p < answer->phaseMs.size() ? answer->phaseMs.at(p) / 1000.0 : 0.0);
    }
    QStringList targets;
    for (qsizetype p = 0; p < phases.size(); ++p) {
        addSeries(chart, grid.series(p, phases.at(p).id, phases.at(p).title));
        targets << u"%1 %2 s"_s.arg(phases.at(p).title).arg(phases.at(p).targetSeconds);
    }
    chart.note = tr("From your phase marks (answers without marks left out). Targets: %1.").arg(targets.join(u", "_s));
    chart.maxValue = niceMaximum(chart, 10);
    return chart;
}

void fillCalibration(ProgressData &data, const Loop &loop, const Weeks &weeks,
                     const QList<const AnswerFacts *> &answers)
{
    const qsizetype dimensions = loop.dimensions.size();
    MeanGrid byWeek(weeks.labels.size(), dimensions + 1);
    MeanGrid byDimension(dimensions, 3);
    for (const AnswerFacts *answer : answers) {
        if (!answer->rated() || answer->afterReplay.isEmpty())
            continue;
        ++data.ratedTwice;
        const qsizetype week = weeks.indexOf(*answer);
        for (qsizetype d = 0; d < dimensions && d < answer->rightAfter.size() && d < answer->afterReplay.size(); ++d) {
            const int first = answer->rightAfter.at(d);
            const int replay = answer->afterReplay.at(d);
            if (first == 0 || replay == 0)
                continue;
            const double difference = std::abs(first - replay);
            byWeek.add(week, 0, difference);
            byWeek.add(week, d + 1, difference);
            byDimension.add(d, 0, first);
            byDimension.add(d, 1, replay);
            byDimension.add(d, 2, difference);
        }
    }
    ChartData &weekly = data.calibrationByWeek;
    weekly.id = u"calibration-week"_s;
    weekly.title = tr("Calibration: right after against after replay, by week");
    weekly.pointTitle = tr("Week");
    weekly.valueTitle = tr("Difference (points)");
    weekly.points = weeks.labels;
    weekly.minValue = 0;
    weekly.maxValue = 3;
    weekly.decimals = 2;
    weekly.note = tr("Answers rated twice. Lower means your judgement right after the answer and after hearing it "
                     "again agree more closely.");
    addSeries(weekly, byWeek.series(0, u"all"_s, tr("All dimensions")));
    for (qsizetype d = 0; d < dimensions; ++d)
        addSeries(weekly, byWeek.series(d + 1, loop.dimensions.at(d).id, loop.dimensions.at(d).title));

    ChartData &side = data.calibrationByDimension;
    side.id = u"calibration-dimension"_s;
    side.title = tr("Calibration: the two ratings by dimension");
    side.kind = ChartData::Kind::Bar;
    side.pointTitle = tr("Dimension");
    side.valueTitle = tr("Points");
    for (const RubricDimension &dimension : loop.dimensions)
        side.points << dimension.title;
    side.minValue = 0;
    side.maxValue = 4;
    side.decimals = 2;
    side.note = tr("Answers rated twice: the average of each rating, and how far apart they were on average.");
    addSeries(side, byDimension.series(0, u"right-after"_s, tr("Right after")));
    addSeries(side, byDimension.series(1, u"after-replay"_s, tr("After replay")));
    addSeries(side, byDimension.series(2, u"difference"_s, tr("Mean absolute difference")));
}

// Self against coach: the truest calibration there is. The person's newest rating of each answer a
// coach rated, against the coach's, per dimension both rated.
void fillCoachCalibration(ProgressData &data, const Loop &loop, const QList<const AnswerFacts *> &answers)
{
    const qsizetype dimensions = loop.dimensions.size();
    MeanGrid byDimension(dimensions, 3);
    for (const AnswerFacts *answer : answers) {
        if (answer->coach.isEmpty() || !answer->rated())
            continue;
        ++data.coachRated;
        const QVarLengthArray<qint8, 12> &own = answer->newest();
        for (qsizetype d = 0; d < dimensions && d < own.size() && d < answer->coach.size(); ++d) {
            const int self = own.at(d);
            const int coach = answer->coach.at(d);
            if (self == 0 || coach == 0)
                continue;
            byDimension.add(d, 0, self);
            byDimension.add(d, 1, coach);
            byDimension.add(d, 2, std::abs(self - coach));
        }
    }
    ChartData &chart = data.calibrationWithCoach;
    chart.id = u"calibration-coach"_s;
    chart.title = tr("Calibration: your rating against a coach's, by dimension");
    chart.kind = ChartData::Kind::Bar;
    chart.pointTitle = tr("Dimension");
    chart.valueTitle = tr("Points");
    for (const RubricDimension &dimension : loop.dimensions)
        chart.points << dimension.title;
    chart.minValue = 0;
    chart.maxValue = 4;
    chart.decimals = 2;
    chart.note = tr("Answers a coach rated (%n answer(s)): your newest rating, the coach's, and how far apart they "
                    "were on average. Lower differences mean you judge your answers as the coach does.",
                    data.coachRated);
    addSeries(chart, byDimension.series(0, u"self"_s, tr("Yours")));
    addSeries(chart, byDimension.series(1, u"coach"_s, tr("Coach")));
    addSeries(chart, byDimension.series(2, u"difference"_s, tr("Mean absolute difference")));
}

// The story phases marked that lasted between half and one and a half times their target.
std::optional<double> phasesOnTime(const AnswerFacts &answer, const StoryStructure &story)
{
    if (answer.phaseMs.isEmpty())
        return std::nullopt;
    int onTime = 0;
    for (qsizetype p = 0; p < story.phases.size() && p < answer.phaseMs.size(); ++p) {
        const double target = story.phases.at(p).targetSeconds * 1000.0;
        const double spent = answer.phaseMs.at(p);
        onTime += target > 0 && spent >= target * 0.5 && spent <= target * 1.5 ? 1 : 0;
    }
    return onTime;
}

void fillEvidence(ChartData &chart, const Loop &loop, const QList<const AnswerFacts *> &answers)
{
    struct Pairing
    {
        const char *dimensionId;
        const char *evidence;
        std::function<std::optional<double>(const AnswerFacts &)> measure;
    };
    const auto mentions = [](const AnswerFacts &answer) -> std::optional<double> {
        return answer.audienceMentions ? std::optional<double>(*answer.audienceMentions) : std::nullopt;
    };
    const QList<Pairing> pairings{
        {"quantified-results", QT_TRANSLATE_NOOP("MockLoop::Progress", "numbers heard"),
         [](const AnswerFacts &answer) -> std::optional<double> {
             return answer.numbersHeard ? std::optional<double>(*answer.numbersHeard) : std::nullopt;
         }},
        {"story-structure", QT_TRANSLATE_NOOP("MockLoop::Progress", "story phases on time"),
         [&loop](const AnswerFacts &answer) { return phasesOnTime(answer, loop.storyStructure); }},
        {"member-impact-link", QT_TRANSLATE_NOOP("MockLoop::Progress", "member mentions"), mentions},
        {"member-obsession", QT_TRANSLATE_NOOP("MockLoop::Progress", "member mentions"), mentions},
    };
    chart.id = u"evidence"_s;
    chart.title = tr("Self-rating against measured evidence");
    chart.kind = ChartData::Kind::Bar;
    chart.pointTitle = tr("Your rating");
    chart.valueTitle = tr("Per answer");
    for (int score = 1; score <= 4; ++score)
        chart.points << tr("Rated %1").arg(score);
    chart.decimals = 1;
    chart.note = tr("Measured evidence beside your own rating, not a verdict on it: numbers and mentions come from "
                    "the approximate transcript and may be missed or misheard; phases on time (between half and one "
                    "and a half times their target) come from your phase marks. Where your ratings follow the "
                    "evidence, the bars rise from left to right.");
    for (const Pairing &pairing : pairings) {
        const auto found = std::find_if(loop.dimensions.cbegin(), loop.dimensions.cend(),
                                        [&pairing](const RubricDimension &dimension) {
                                            return dimension.id == QLatin1StringView(pairing.dimensionId);
                                        });
        if (found == loop.dimensions.cend())
            continue;
        const qsizetype d = found - loop.dimensions.cbegin();
        MeanGrid grid(4, 1);
        for (const AnswerFacts *answer : answers) {
            const auto &scores = answer->newest();
            if (d >= scores.size() || scores.at(d) == 0)
                continue;
            if (const auto measured = pairing.measure(*answer))
                grid.add(scores.at(d) - 1, 0, *measured);
        }
        const RubricDimension &dimension = loop.dimensions.at(d);
        addSeries(chart, grid.series(0, dimension.id, u"%1 ↔ %2"_s.arg(dimension.title, tr(pairing.evidence))));
    }
    chart.maxValue = niceMaximum(chart, 1);
}

} // namespace

QList<Measure> allMeasures()
{
    return {Measure::Pace, Measure::Fillers, Measure::LongestPause, Measure::Overtime};
}

QString measureTitle(Measure measure)
{
    switch (measure) {
    case Measure::Pace:
        return tr("Pace (words per minute)");
    case Measure::Fillers:
        return tr("Likely fillers per minute");
    case Measure::LongestPause:
        return tr("Longest pause (s)");
    case Measure::Overtime:
        return tr("Overtime (s)");
    }
    return {};
}

std::optional<double> measureOf(const AnswerFacts &answer, Measure measure)
{
    switch (measure) {
    case Measure::Pace:
        return answer.wordsPerMinute;
    case Measure::Fillers:
        return answer.fillersPerMinute;
    case Measure::LongestPause:
        return answer.longestPauseMs ? std::optional<double>(*answer.longestPauseMs / 1000.0) : std::nullopt;
    case Measure::Overtime:
        return answer.overtimeMs / 1000.0;
    }
    return std::nullopt;
}

QString describeChange(Measure measure, const std::optional<double> &before, const std::optional<double> &after)
{
    const auto format = [measure](const std::optional<double> &value) {
        if (!value)
            return tr("not measured");
        return QLocale().toString(*value, 'f', measure == Measure::Pace || measure == Measure::Overtime ? 0 : 1);
    };
    QString name;
    QString unit;
    switch (measure) {
    case Measure::Pace:
        name = tr("pace");
        unit = tr("wpm");
        break;
    case Measure::Fillers:
        name = tr("likely fillers");
        unit = tr("per min");
        break;
    case Measure::LongestPause:
        name = tr("longest pause");
        unit = tr("s");
        break;
    case Measure::Overtime:
        name = tr("overtime");
        unit = tr("s");
        break;
    }
    if (before && after)
        return u"%1 %2 → %3 %4"_s.arg(name, format(before), format(after), unit);
    const auto withUnit
        = [&](const std::optional<double> &value) { return value ? format(value) + u' ' + unit : format(value); };
    return u"%1 %2 → %3"_s.arg(name, withUnit(before), withUnit(after));
}

namespace Internal {

void fillCharts(ProgressData &data, const Input &input, const QList<const AnswerFacts *> &answers)
{
    const Loop &loop = *input.loop;
    const Weeks weeks(answers);
    data.trendByWeek = scoreChart(u"trend-week"_s, tr("Ratings by week"), tr("Week"), weeks.labels);
    data.trendByWeek.note = tr("The newest rating of each answer (after a replay, if any); Overall is the mean of "
                               "the answers' averages.");
    fillTrend(data.trendByWeek, loop, answers, [&weeks](const AnswerFacts &answer) { return weeks.indexOf(answer); });

    // Sessions with answers in the filter, in the order they were held.
    QList<qsizetype> sessionPoint(input.facts.sessions.size(), -1);
    QStringList sessionLabels;
    for (const AnswerFacts *answer : answers) {
        if (answer->session >= 0 && sessionPoint.at(answer->session) < 0)
            sessionPoint[answer->session] = 0;
    }
    for (qsizetype s = 0; s < sessionPoint.size(); ++s) {
        if (sessionPoint.at(s) < 0)
            continue;
        sessionPoint[s] = sessionLabels.size();
        sessionLabels << tr("#%1, %2")
                             .arg(sessionLabels.size() + 1)
                             .arg(shortDate(input.facts.sessions.at(s).startedAt.toLocalTime().date()));
    }
    data.trendBySession = scoreChart(u"trend-session"_s, tr("Ratings by session"), tr("Session"), sessionLabels);
    data.trendBySession.note = data.trendByWeek.note;
    fillTrend(data.trendBySession, loop, answers, [&sessionPoint](const AnswerFacts &answer) {
        return answer.session < 0 ? -1 : sessionPoint.at(answer.session);
    });

    for (const Measure measure : allMeasures())
        data.measures.append(measureChart(measure, weeks, answers));
    data.measures.append(phaseChart(loop, weeks, answers));
    fillCalibration(data, loop, weeks, answers);
    fillCoachCalibration(data, loop, answers);
    fillEvidence(data.evidence, loop, answers);
}

} // namespace Internal

} // namespace MockLoop::Progress

namespace MockLoop {

bool ChartData::hasValues() const
{
    return std::any_of(series.cbegin(), series.cend(), [](const ChartSeries &one) { return one.hasValues(); });
}

bool ChartSeries::hasValues() const
{
    return std::any_of(values.cbegin(), values.cend(), [](const auto &value) { return value.has_value(); });
}

QString ChartData::formatValue(const std::optional<double> &value) const
{
    return value ? QLocale().toString(*value, 'f', decimals) : u"–"_s;
}

} // namespace MockLoop
