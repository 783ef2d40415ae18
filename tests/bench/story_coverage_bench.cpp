// The story bank's coverage matrix at 200 stories × 1,000 questions (8 rounds, 12 values): builds a
// generated loop and bank, each story of some 300 words with themes, categories and values, a
// tenth of the questions linked, then prints the median, fastest and slowest of repeated runs of
// StoryCoverage::compute (target: <= 50 ms on the 2-core CI machine) and what it found.
//   story_coverage_bench [runs]    default 15

#include "BenchTiming.h"
#include "stories/StoryCoverage.h"

#include "loops/Loop.h"

#include <QCoreApplication>
#include <QFile>
#include <QRandomGenerator>
#include <QTextStream>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

constexpr int StoryCount = 200;
constexpr int QuestionCount = 1000;
constexpr int RoundCount = 8;
constexpr int ThemeCount = 30;
constexpr int CategoryCount = 12;
constexpr int ValueCount = 12;

const QStringList Vocabulary
    = {u"migration"_s, u"latency"_s,   u"outage"_s,    u"platform"_s, u"feedback"_s,  u"conflict"_s,   u"roadmap"_s,
       u"hiring"_s,    u"budget"_s,    u"customer"_s,  u"database"_s, u"pressure"_s,  u"deadline"_s,   u"strategy"_s,
       u"ambiguity"_s, u"partner"_s,   u"incident"_s,  u"security"_s, u"streaming"_s, u"experiment"_s, u"quality"_s,
       u"velocity"_s,  u"architect"_s, u"mentoring"_s, u"estimate"_s, u"tradeoff"_s,  u"rollback"_s,   u"pipeline"_s,
       u"the"_s,       u"and"_s,       u"team"_s,      u"with"_s,     u"that"_s,      u"was"_s,        u"into"_s};

QString sentence(QRandomGenerator &random, int words)
{
    QStringList out;
    for (int i = 0; i < words; ++i)
        out << Vocabulary.at(random.bounded(int(Vocabulary.size())));
    return out.join(u' ');
}

Loop generatedLoop(QRandomGenerator &random)
{
    Loop loop;
    loop.id = u"bench"_s;
    for (int i = 0; i < QuestionCount; ++i) {
        Question question;
        question.id = u"q%1"_s.arg(i);
        question.text = u"Tell me about a time "_s + sentence(random, 14);
        question.categoryId = u"category-%1"_s.arg(random.bounded(CategoryCount));
        question.themeIds
            = {u"theme-%1"_s.arg(random.bounded(ThemeCount)), u"theme-%1"_s.arg(random.bounded(ThemeCount))};
        loop.questions << question;
    }
    for (int r = 0; r < RoundCount; ++r) {
        Round round;
        round.id = u"round-%1"_s.arg(r);
        round.title = u"Round %1"_s.arg(r);
        round.sourceCategoryIds = {u"category-%1"_s.arg(r), u"category-%1"_s.arg((r + 5) % CategoryCount)};
        loop.rounds << round;
    }
    for (int v = 0; v < ValueCount; ++v) {
        RubricDimension value;
        value.id = u"value-%1"_s.arg(v);
        value.title = Vocabulary.at(v);
        loop.dimensions << value;
    }
    return loop;
}

QList<Story> generatedBank(QRandomGenerator &random)
{
    const QStringList phases{u"challenge"_s, u"decision"_s, u"execution"_s, u"communication"_s, u"member-impact"_s};
    QList<Story> stories;
    for (int i = 0; i < StoryCount; ++i) {
        Story story;
        story.id = i + 1;
        story.title = sentence(random, 4);
        for (const QString &phase : phases)
            story.phases.insert(phase, sentence(random, 60));
        story.tags.themes
            = {u"theme-%1"_s.arg(random.bounded(ThemeCount)), u"theme-%1"_s.arg(random.bounded(ThemeCount))};
        story.tags.categories = {u"category-%1"_s.arg(random.bounded(CategoryCount))};
        story.tags.values = {u"value-%1"_s.arg(random.bounded(ValueCount))};
        stories << story;
    }
    return stories;
}

// The machine's load (a busy 2-core machine stretches every figure), as /proc/loadavg gives it.
QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readLine()).section(u' ', 0, 2) : u"unknown"_s;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 15;
    QRandomGenerator random(16); // the same bank every run
    const Loop loop = generatedLoop(random);
    const QList<Story> stories = generatedBank(random);
    QList<StoryLink> links;
    for (int i = 0; i < QuestionCount / 10; ++i)
        links.append({random.bounded(StoryCount) + 1, u"q%1"_s.arg(random.bounded(QuestionCount))});

    StoryCoverageResult result;
    const BenchTiming::Spread spread = BenchTiming::spreadOf(
        BenchTiming::sampleMs(runs, [&] { result = StoryCoverage::compute(loop, stories, links); }));
    int suggestions = 0;
    for (const RoundCoverage &round : result.rounds) {
        for (const QuestionCoverage &question : round.questions)
            suggestions += int(question.suggested.size());
    }
    QTextStream out(stdout);
    out << "story coverage: " << StoryCount << " stories x " << QuestionCount << " questions, " << runs << " runs\n"
        << "  compute: median " << QString::number(spread.median, 'f', 1) << " ms (min "
        << QString::number(spread.min, 'f', 1) << ", max " << QString::number(spread.max, 'f', 1)
        << ")   target <= 50 ms\n"
        << "  load average while measured: " << loadAverage() << "\n"
        << "  rows (question in round): " << suggestions << " suggestions shown; " << result.summary.left(80) << "\n";
    return 0;
}
