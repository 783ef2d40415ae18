// Load-and-validate time of loop files: a generated loop with 1,000 questions and 20 rounds
// (target: median <= 20 ms on the 2-core CI machine), and the shipped Netflix loop.
//   loop_load_bench [repetitions]      default 50

#include "BenchTiming.h"
#include "loops/LoopLoader.h"

#include <QCoreApplication>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

constexpr int QuestionCount = 1000;
constexpr int RoundCount = 20;
constexpr int CategoryCount = 25;

QByteArray generatedLoop()
{
    QByteArray yaml;
    yaml += "format_version: 1\nid: generated\nversion: 1\ntitle: Generated benchmark loop\n"
            "description: >-\n  A loop as large as a busy user might write, to time the loader.\n";
    yaml += "levels:\n";
    for (int level = 5; level <= 7; ++level) {
        yaml += "  - id: L" + QByteArray::number(level) + "\n    title: Level " + QByteArray::number(level)
            + "\n    team_influence: 5-8 engineers\n    scope: A product area\n    impact: Large\n    focus: Vision\n";
    }
    yaml += "story_structure:\n  phases:\n";
    for (const char *phase : {"challenge", "decision", "execution", "communication", "impact"})
        yaml += QByteArray("    - id: ") + phase + "\n      title: " + phase + "\n      target_seconds: 45\n";
    yaml += "rubric:\n";
    for (int d = 0; d < 8; ++d) {
        yaml += "  - id: dimension-" + QByteArray::number(d) + "\n    title: Dimension " + QByteArray::number(d)
            + "\n    kind: value\n    meaning:\n      - Acts with judgment\n      - Owns the outcome\n"
              "    anchors:\n      1: Shows the red flag.\n      2: Some evidence.\n      3: Clear evidence.\n"
              "      4: Exceptional evidence at scale.\n";
    }
    yaml += "red_flags:\n";
    for (int g = 0; g < 3; ++g) {
        yaml += "  - id: group-" + QByteArray::number(g) + "\n    title: Group\n    flags:\n";
        for (int f = 0; f < 5; ++f)
            yaml
                += "      - id: flag-" + QByteArray::number(g * 5 + f) + "\n        text: Making excuses for results\n";
    }
    yaml += "categories:\n";
    for (int c = 0; c < CategoryCount; ++c)
        yaml += "  - id: category-" + QByteArray::number(c) + "\n    title: Category " + QByteArray::number(c) + "\n";
    yaml += "questions:\n";
    for (int q = 0; q < QuestionCount; ++q) {
        const QByteArray n = QByteArray::number(q);
        yaml += "  - id: question-" + n + "\n    text: Tell me about a time you led your team through challenge number "
            + n + " and what it taught you.\n    category: category-" + QByteArray::number(q % CategoryCount)
            + "\n    rounds: [round-" + QByteArray::number(q % RoundCount) + "]\n"
            + "    follow_ups:\n      - What would you do differently?\n      - How did you measure it?\n"
              "    strong_answer:\n      - Names the trade-off and the numbers\n";
    }
    yaml += "rounds:\n";
    for (int r = 0; r < RoundCount; ++r) {
        const QByteArray n = QByteArray::number(r);
        yaml += "  - id: round-" + n + "\n    title: Round " + n + "\n    interviewer: Interviewer " + n
            + "\n    duration_minutes: 45\n    focus:\n      - Leadership\n    evaluates:\n      - Judgment\n"
              "    questions:\n      categories: [category-"
            + QByteArray::number(r % CategoryCount) + "]\n      ids: [question-" + n + ", question-"
            + QByteArray::number(r + 500) + "]\n      count: 5\n    rubric: [dimension-0, dimension-1, dimension-2]\n";
    }
    yaml += "preparation:\n  - id: week\n    title: One week before\n    days_before: 7\n    items:\n      - Rest\n";
    return yaml;
}

BenchTiming::Spread time(int repetitions, const std::function<bool()> &load)
{
    return BenchTiming::spreadOf(BenchTiming::sampleMs(repetitions, [&load] {
        if (!load()) {
            std::fprintf(stderr, "load failed\n");
            std::exit(1);
        }
    }));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const int repetitions = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
    QTextStream out(stdout);

    const QByteArray generated = generatedLoop();
    const LoopLoadResult check = LoopLoader::loadData(generated, u"generated.yaml"_s);
    for (const LoopDiagnostic &diagnostic : check.diagnostics)
        out << diagnostic.toString() << '\n';
    if (!check.ok() || check.loop->questions.size() != QuestionCount || check.loop->rounds.size() != RoundCount)
        return 1;

    const BenchTiming::Spread big
        = time(repetitions, [&] { return LoopLoader::loadData(generated, u"generated.yaml"_s).ok(); });
    const QString netflixPath
        = QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml");
    const qint64 netflixBytes = QFile(netflixPath).size();
    const BenchTiming::Spread netflix = time(repetitions, [&] { return LoopLoader::loadFile(netflixPath).ok(); });

    out << u"loop load-and-validate, %1 runs each (median, min, max)\n"_s.arg(repetitions);
    out << u"  generated loop: %1 questions, %2 rounds, %3 kB: median %4 ms (min %5, max %6); target <= 20 ms\n"_s
               .arg(QuestionCount)
               .arg(RoundCount)
               .arg(generated.size() / 1000)
               .arg(big.median, 0, 'f', 2)
               .arg(big.min, 0, 'f', 2)
               .arg(big.max, 0, 'f', 2);
    out << u"  netflix loop (file, %1 kB): median %2 ms (min %3, max %4)\n"_s.arg(netflixBytes / 1000)
               .arg(netflix.median, 0, 'f', 2)
               .arg(netflix.min, 0, 'f', 2)
               .arg(netflix.max, 0, 'f', 2);
    return 0;
}
