// The practice library at 10,000 answers: generates 200 sessions of 50 rated answers (half with a
// recording, a third re-rated after a replay), then prints the median over repeated runs of
//   open + first page of the list, filter by round and score, history of one question,
//   per-dimension averages                       (target: <= 50 ms each on the 2-core CI machine)
// and the peak memory of the process.
//   library_bench [repetitions] [folder]    default 15 runs, in a temporary folder

#include "BenchTiming.h"
#include "GeneratedLibrary.h"
#include "library/LibraryStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTextStream>

#include <sys/resource.h>

#include <algorithm>
#include <functional>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

double medianMs(int repetitions, const std::function<void()> &work)
{
    return BenchTiming::median(BenchTiming::sampleMs(repetitions, work));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 15;
    QTextStream out(stdout);
    QTemporaryDir dir;
    const QString folder = argc > 2 ? QString::fromLocal8Bit(argv[2]) : dir.filePath(u"library"_s);
    QDir(folder).removeRecursively();

    QElapsedTimer generation;
    generation.start();
    {
        auto opened = LibraryStore::open(folder);
        if (!opened.store) {
            out << opened.message << '\n';
            return 1;
        }
        GeneratedLibrary::generate(*opened.store);
        out << u"generated %1 answers in %2 sessions in %3 s\n"_s.arg(opened.store->countAnswers())
                   .arg(GeneratedLibrary::Sessions)
                   .arg(double(generation.elapsed()) / 1000, 0, 'f', 1);
    }

    std::size_t checksum = 0;
    const double openAndFirstPage = medianMs(repetitions, [&] {
        auto opened = LibraryStore::open(folder);
        checksum += std::size_t(opened.store->answers({}, AnswerSort::Date, Qt::DescendingOrder, 100).size());
    });
    auto opened = LibraryStore::open(folder);
    LibraryStore &store = *opened.store;
    const double filterRoundScore = medianMs(repetitions, [&] {
        AnswerFilter filter;
        filter.roundId = u"technical-leadership"_s;
        filter.minScore = 2.5;
        checksum += std::size_t(store.answers(filter, AnswerSort::Score, Qt::DescendingOrder).size());
    });
    const double questionHistory = medianMs(repetitions, [&] {
        checksum += std::size_t(store.takesOf(u"netflix-engineering-leadership"_s, u"question-7"_s).size());
    });
    const double averages = medianMs(repetitions, [&] {
        checksum += std::size_t(store.dimensionAverages(u"netflix-engineering-leadership"_s).size());
    });
    const double wholeList = medianMs(repetitions, [&] { checksum += std::size_t(store.answers().size()); });
    const double stats = medianMs(
        repetitions, [&] { checksum += std::size_t(store.questionStats(u"netflix-engineering-leadership"_s).size()); });

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    out << u"practice library, 10,000 answers: median of %1 runs (target <= 50 ms each)\n"_s.arg(repetitions);
    out << u"  open + first page of 100:        %1 ms\n"_s.arg(openAndFirstPage, 0, 'f', 2);
    out << u"  filter by round and score:       %1 ms\n"_s.arg(filterRoundScore, 0, 'f', 2);
    out << u"  history of one question:         %1 ms\n"_s.arg(questionHistory, 0, 'f', 2);
    out << u"  per-dimension averages by week:  %1 ms\n"_s.arg(averages, 0, 'f', 2);
    out << u"  (the whole list, all rows:       %1 ms)\n"_s.arg(wholeList, 0, 'f', 2);
    out << u"  (question stats for selection:   %1 ms)\n"_s.arg(stats, 0, 'f', 2);
    out << u"  peak memory (max RSS):           %1 MB\n"_s.arg(double(usage.ru_maxrss) / 1024, 0, 'f', 1);
    out << u"  (checksum %1)\n"_s.arg(checksum);
    return 0;
}
