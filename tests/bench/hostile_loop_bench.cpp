// Hostile loop files against the loader: for each, its size, the time to accept or refuse it and
// the first diagnostic. The target is every input up to 50 MB accepted or refused in at most 2 s
// on the 2-core CI machine (issue 12, item 6).
//   hostile_loop_bench [runs]      default 3; the slowest run of each input is printed

#include "BenchTiming.h"
#include "loops/LoopLoader.h"

#include "../common/HostileLoops.h"

#include <QCoreApplication>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>

using namespace MockLoop;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 3;
    namespace H = HostileLoops;
    const QList<H::Input> inputs{
        {"alias to a 2,000-key map, used 10,000 times", H::aliasToBigMap(2000, 10000)},
        {"50,000 keys in one mapping", H::manyKeys(50000)},
        {"200,000 keys in one mapping", H::manyKeys(200000)},
        {"one 3 MB key", H::hugeKey(3000000)},
        {"billion laughs (9 levels of 9 aliases)", H::nestedAliases(9, 9)},
        {"alias to 1 MB of text, used 1,000 times", H::aliasToLongText(1000000, 1000)},
        {"20,000 unknown question ids among 20,000", H::manyUnknownReferences(20000)},
        {"10,000 rounds drawing on 10,000 questions", H::roundsTimesQuestions(10000, 10000)},
        {"50,000 questions with one id", H::duplicateIds(50000)},
        {"a flow list of 1.9 million items (3.9 MB)", H::denseList(1900000)},
        {"3.9 MB of nested lists", H::deepNesting(1950000)},
        {"recursive alias", H::recursiveAlias()},
    };

    QTemporaryDir dir;
    std::printf("%-46s %10s %9s  %s\n", "input", "bytes", "slowest", "outcome");
    double slowest = 0;
    const auto report = [&](const char *name, qint64 bytes, const std::function<LoopLoadResult()> &load) {
        LoopLoadResult result;
        const std::vector<double> samples = BenchTiming::sampleMs(runs, [&] { result = load(); });
        const double worst = *std::max_element(samples.cbegin(), samples.cend());
        slowest = std::max(slowest, worst);
        QString outcome = result.ok() ? u"accepted"_s : u"refused: "_s;
        if (!result.ok() && !result.diagnostics.isEmpty())
            outcome += result.diagnostics.first().toString().section(u": error: "_s, 1).left(90);
        std::printf("%-46s %10lld %7.0f ms  %s\n", name, bytes, worst, qPrintable(outcome));
        std::fflush(stdout);
    };
    for (const H::Input &input : inputs) {
        const QString path = dir.filePath(u"input.yaml"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(input.data) != input.data.size())
            return 1;
        file.close();
        report(input.name, input.data.size(), [&] { return LoopLoader::loadFile(path); });
    }
    // 50 MB: refused by its size before a byte is parsed.
    const QString big = dir.filePath(u"big.yaml"_s);
    {
        QFile file(big);
        if (!file.open(QIODevice::WriteOnly) || !file.resize(50'000'000))
            return 1;
    }
    report("a 50 MB file", 50'000'000, [&] { return LoopLoader::loadFile(big); });
    std::printf("slowest: %.0f ms (target: at most 2000 ms)\n", slowest);
    return 0;
}
