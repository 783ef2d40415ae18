// The Progress page at 10,000 answers over 26 weeks in 200 sessions (the Netflix loop; ratings on
// each round's rubric, a third re-rated after a replay, half analysed, every answer with phase
// marks). Prints the median over repeated runs of
//   the Progress data for several filters: the facts read on the library's thread and summed up
//                                                    (target: <= 50 ms each)
//   the charts' first paint after the data arrives: the three chart panels given the data and drawn
//                                                    (target: <= 100 ms)
// and, once, the first read of a library whose story phase times are still to be worked out.
//   progress_bench [runs] [folder]    default 9 runs, in a temporary folder; run it offscreen:
//                                      QT_QPA_PLATFORM=offscreen progress_bench

#include "../common/SampleLibrary.h"
#include "BenchTiming.h"
#include "library/LibraryStore.h"
#include "loops/LoopLoader.h"
#include "progress/ChartPanel.h"
#include "progress/Progress.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>
#include <QVBoxLayout>

#include <ctime>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr int Sessions = 200;

// CPU time of this thread, in ms: on a busy machine the wall time says more about the others.
double threadCpuMs()
{
    timespec time{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
    return double(time.tv_sec) * 1e3 + double(time.tv_nsec) / 1e6;
}

// The median wall time and CPU time of runs of work.
std::pair<BenchTiming::Spread, double> wallAndCpu(int runs, const std::function<void()> &work)
{
    std::vector<double> cpu;
    const auto wall = BenchTiming::spreadOf(BenchTiming::sampleMs(runs, [&] {
        const double before = threadCpuMs();
        work();
        cpu.push_back(threadCpuMs() - before);
    }));
    return {wall, BenchTiming::median(cpu)};
}
constexpr int AnswersPerSession = 50;

void generate(LibraryStore &store, const Loop &loop, const QDateTime &now)
{
    quint32 noise = 12345;
    const auto next = [&noise](int bound) {
        noise = noise * 1664525u + 1013904223u;
        return int((noise >> 8) % quint32(bound));
    };
    const QDateTime start = now.addDays(-26 * 7);
    for (int s = 0; s < Sessions; ++s) {
        const SessionRecord session
            = SampleLibrary::session(loop, u"session-%1"_s.arg(s), start.addSecs(qint64(s) * 26 * 7 * 86400 / Sessions),
                                     s % 4 == 0 ? u"L5"_s : u"L6"_s, quint64(s) + 1);
        store.addSession(session);
        const Round &round = loop.rounds.at(s % loop.rounds.size());
        const QList<const Question *> pool = loop.questionPool(round);
        for (int a = 0; a < AnswersPerSession; ++a) {
            const Question &question = *pool.at(next(int(pool.size())));
            AnswerPart part;
            part.limit = 240s;
            part.duration = Milliseconds(150000 + next(150000));
            part.phaseMarks = {
                {1, Milliseconds(20000 + next(40000))}, {2, 90s}, {3, Milliseconds(170000 + next(20000))}, {4, 200s}};
            const QDateTime answeredAt = session.startedAt.addSecs(a * 300);
            Rating rating;
            rating.ratedAt = answeredAt.addSecs(250);
            for (const QString &dimension : round.rubricDimensionIds)
                rating.scores.insert(dimension, 1 + std::min(3, (next(4) + s / 50)));
            if (next(4) == 0)
                rating.redFlagIds = {loop.redFlagGroups.first().flags.at(next(3)).id};
            const auto answer = SampleLibrary::answer(session.id, a, answeredAt, round, question, part, rating);
            const auto id = store.addAnswer(answer);
            if (!id)
                continue;
            if (a % 3 == 0) {
                Rating replay = SampleLibrary::replayOf(rating, rating.ratedAt.addSecs(3600));
                for (auto it = replay.scores.begin(); it != replay.scores.end(); ++it)
                    it.value() = std::clamp(it.value() + next(3) - 1, 1, 4);
                store.addReplayRating(*id, replay);
            }
            if (a % 2 == 0) {
                AnalysisRecord analysis;
                analysis.analyzerVersion = 1;
                analysis.analysedAt = answeredAt.addSecs(400);
                analysis.wordsPerMinute = 130 + next(50);
                analysis.fillersPerMinute = next(80) / 10.0;
                analysis.longestPauseMs = 800 + next(3000);
                analysis.resultJson = R"({"numbersHeard":[{},{}],"audienceMentions":[{}],"words":[]})"_ba;
                store.setAnalysis(*id, analysis);
            }
        }
    }
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 9;
    QTextStream out(stdout);
    const LoopLoadResult loaded = LoopLoader::loadFile(
        QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    if (!loaded.loop) {
        out << "the Netflix loop did not load\n";
        return 1;
    }
    const auto loop = std::make_shared<const Loop>(*loaded.loop);
    QTemporaryDir temporary;
    const QString folder = argc > 2 ? QString::fromLocal8Bit(argv[2]) : temporary.filePath(u"library"_s);
    auto opened = LibraryStore::open(folder);
    if (!opened.store) {
        out << opened.message << '\n';
        return 1;
    }
    LibraryStore &store = *opened.store;
    const QDateTime now = QDateTime::currentDateTime();
    QElapsedTimer timer;
    timer.start();
    if (store.countAnswers() == 0)
        generate(store, *loop, now);
    out << "generated " << store.countAnswers() << " answers in " << Sessions << " sessions over 26 weeks in "
        << timer.elapsed() / 1000.0 << " s\n";

    const QStringList dimensions = Progress::dimensionIdsOf(*loop);
    const QStringList flags = Progress::redFlagIdsOf(*loop);
    // The page's path: the facts of the loop and level (read once until the library changes), the
    // question stats, and the sums for the filter.
    const auto progressFor = [&](const ProgressFilter &filter) {
        Progress::Input input;
        input.loop = loop;
        input.filter = filter;
        input.facts = store.answerFacts(filter.loopId, filter.levelId, dimensions, flags);
        input.questionStats = store.questionStats(filter.loopId);
        input.now = now;
        input.interviewDate = now.date().addDays(30);
        return Progress::compute(input);
    };
    ProgressFilter all;
    all.loopId = loop->id;
    timer.restart();
    ProgressData data = progressFor(all);
    out << "first read, story phase times of " << data.answers << " answers worked out: " << timer.elapsed() << " ms\n";

    {
        // Where the time goes, for the whole loop.
        Progress::Input input;
        input.loop = loop;
        input.filter = all;
        input.now = now;
        // Read afresh: a note saved between the runs changes the library, so nothing read before
        // is used again (the first read after any change, as when a session has added answers).
        const qint64 someAnswer = store.answers({}, AnswerSort::Date, Qt::DescendingOrder, 1).first().id;
        std::vector<double> fresh;
        std::vector<double> freshCpu;
        for (int run = 0; run < runs; ++run) {
            store.setNotes(someAnswer, u"note %1"_s.arg(run));
            const auto [wall, cpu]
                = wallAndCpu(1, [&] { input.facts = store.answerFacts(all.loopId, all.levelId, dimensions, flags); });
            fresh.push_back(wall.median);
            freshCpu.push_back(cpu);
        }
        const auto facts = BenchTiming::median(BenchTiming::sampleMs(
            runs, [&] { input.facts = store.answerFacts(all.loopId, all.levelId, dimensions, flags); }));
        const auto stats = BenchTiming::median(
            BenchTiming::sampleMs(runs, [&] { input.questionStats = store.questionStats(all.loopId); }));
        const auto sums = BenchTiming::median(BenchTiming::sampleMs(runs, [&] { (void)Progress::compute(input); }));
        out << "whole loop: facts read after a change " << BenchTiming::median(fresh) << " ms ("
            << BenchTiming::median(freshCpu) << " ms of CPU), again (unchanged) " << facts << " ms; question stats "
            << stats << " ms; summed up " << sums << " ms\n";
    }

    struct Case
    {
        const char *name;
        ProgressFilter filter;
    };
    QList<Case> cases{{"whole loop, every level", all}};
    ProgressFilter level = all;
    level.levelId = u"L6"_s;
    cases.append({"level L6", level});
    ProgressFilter round = level;
    round.roundId = u"technical-leadership"_s;
    cases.append({"L6, Technical Leadership", round});
    ProgressFilter category = level;
    category.categoryId = u"candor"_s;
    cases.append({"L6, category Candor", category});
    ProgressFilter recent = level;
    recent.from = now.date().addDays(-56);
    cases.append({"L6, last 8 weeks", recent});
    out << "Progress data (facts read and summed up), median of " << runs << " runs (target <= 50 ms):\n";
    for (const Case &one : cases) {
        int answers = 0;
        const auto [spread, cpu] = wallAndCpu(runs, [&] { answers = progressFor(one.filter).answers; });
        out << "  " << one.name << " (" << answers << " answers): " << spread.median << " ms (" << spread.min << "–"
            << spread.max << "), " << cpu << " ms of CPU\n";
    }

    data = progressFor(level);
    std::vector<double> paints;
    std::vector<double> paintCpu;
    for (int run = 0; run < runs; ++run) {
        QWidget window;
        window.resize(800, 1100);
        auto *layout = new QVBoxLayout(&window);
        auto *trends = new ChartPanel(u"trendChart"_s, u"Ratings over time"_s, &window);
        auto *measures = new ChartPanel(u"measureChart"_s, u"Measured figures"_s, &window);
        auto *calibration = new ChartPanel(u"calibrationChart"_s, u"Calibration"_s, &window);
        layout->addWidget(trends);
        layout->addWidget(measures);
        layout->addWidget(calibration);
        window.show();
        QCoreApplication::processEvents();
        QElapsedTimer paint;
        paint.start();
        const double cpuBefore = threadCpuMs();
        trends->setCharts({data.trendByWeek, data.trendBySession});
        measures->setCharts(data.measures);
        calibration->setCharts({data.calibrationByWeek, data.calibrationByDimension, data.evidence});
        (void)window.grab(); // lays out and paints everything, as the first frame does
        paints.push_back(paint.nsecsElapsed() / 1e6);
        paintCpu.push_back(threadCpuMs() - cpuBefore);
    }
    const auto paint = BenchTiming::spreadOf(paints);
    out << "charts' first paint after the data arrives (three panels, " << data.trendByWeek.points.size() << " weeks, "
        << data.trendByWeek.series.size() << " series in the trend): " << paint.median << " ms (" << paint.min << "–"
        << paint.max << "; target <= 100 ms)\n";
    return 0;
}
