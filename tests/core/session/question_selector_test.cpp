#include "common/ApplicationIdentity.h"
#include "loops/LoopLoader.h"
#include "session/QuestionSelector.h"
#include "session/SessionEngine.h"

#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// A practice history the test writes by hand.
class FakeHistory : public PracticeHistory
{
public:
    QHash<QString, QuestionStats> questionStats(const QString &) const override { return stats; }
    QHash<QString, QuestionStats> stats;
};

const QDateTime Now(QDate(2026, 11, 21), QTime(12, 0), Qt::UTC);

QuestionStats practised(int times, std::optional<double> lastScore, int daysAgo)
{
    return {times, lastScore, Now.addDays(-daysAgo)};
}

QStringList idsOf(const QList<const Question *> &questions)
{
    QStringList ids;
    for (const Question *question : questions)
        ids << question->id;
    return ids;
}

} // namespace

class QuestionSelectorTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void seededRandom_isTheSameOnEveryRun();
    void preferred_leastPractisedFirst_thenLowestRated();
    void preferred_withoutHistory_isPlainSeededRandom();
    void dueAt_lowScoresComeBackSooner();
    void nextDue_overdueFirst_thenNew_thenSoonest();
    void singleQuestionNextDue_followsTheHistory();

private:
    std::shared_ptr<const Loop> m_loop;
    QList<const Question *> m_questions;
};

void QuestionSelectorTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    const LoopLoadResult result
        = LoopLoader::loadFile(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/sessions/timing-loop.yaml"));
    QVERIFY(result.ok());
    m_loop = std::make_shared<const Loop>(*result.loop);
    for (const Question &question : m_loop->questions)
        m_questions << &question;
}

void QuestionSelectorTest::seededRandom_isTheSameOnEveryRun()
{
    // Fixed numbers: a change of algorithm would silently change every saved session's replay.
    SeededRandom random(2026);
    QList<quint64> draws;
    for (int i = 0; i < 6; ++i)
        draws << random.bounded(1000);
    SeededRandom again(2026);
    for (int i = 0; i < 6; ++i)
        QCOMPARE(again.bounded(1000), draws.at(i));
    QList<int> items{1, 2, 3, 4, 5, 6, 7, 8};
    SeededRandom(99).shuffle(items);
    QList<int> same{1, 2, 3, 4, 5, 6, 7, 8};
    SeededRandom(99).shuffle(same);
    QCOMPARE(items, same);
    QVERIFY(items != (QList<int>{1, 2, 3, 4, 5, 6, 7, 8}));
}

void QuestionSelectorTest::preferred_leastPractisedFirst_thenLowestRated()
{
    QHash<QString, QuestionStats> stats;
    stats.insert(u"p1"_s, practised(3, 4.0, 1));
    stats.insert(u"p2"_s, practised(1, 3.5, 1));
    stats.insert(u"p3"_s, practised(1, 1.5, 1));
    stats.insert(u"p4"_s, practised(1, std::nullopt, 1)); // practised, never rated
    stats.insert(u"s1"_s, practised(2, 1.0, 1));
    // s2 and s3 were never practised.
    for (quint64 seed = 1; seed <= 20; ++seed) {
        SeededRandom random(seed);
        QuestionSelector selector(random, stats, Now);
        const QStringList order = idsOf(selector.preferred(m_questions));
        QCOMPARE(QSet<QString>(order.cbegin(), order.cbegin() + 2), (QSet<QString>{u"s2"_s, u"s3"_s}));
        QCOMPARE(order.mid(2), (QStringList{u"p4"_s, u"p3"_s, u"p2"_s, u"s1"_s, u"p1"_s}));
    }
}

void QuestionSelectorTest::preferred_withoutHistory_isPlainSeededRandom()
{
    QSet<QString> firsts;
    for (quint64 seed = 1; seed <= 40; ++seed) {
        SeededRandom random(seed);
        QuestionSelector selector(random, {}, Now);
        const QStringList order = idsOf(selector.preferred(m_questions));
        QCOMPARE(order.size(), m_questions.size());
        firsts.insert(order.first());
    }
    QVERIFY2(firsts.size() >= 5, "with no history every question gets its turn first");
}

void QuestionSelectorTest::dueAt_lowScoresComeBackSooner()
{
    const QDateTime low = QuestionSelector::dueAt(practised(1, 1.0, 0));
    const QDateTime middle = QuestionSelector::dueAt(practised(1, 2.6, 0));
    const QDateTime high = QuestionSelector::dueAt(practised(1, 4.0, 0));
    QVERIFY(low < middle);
    QVERIFY(middle < high);
    QCOMPARE(low, Now.addDays(1));
    QCOMPARE(high, Now.addDays(14));
    QCOMPARE(QuestionSelector::dueAt(practised(1, std::nullopt, 0)), low);
}

void QuestionSelectorTest::nextDue_overdueFirst_thenNew_thenSoonest()
{
    QHash<QString, QuestionStats> stats;
    for (const Question *question : std::as_const(m_questions))
        stats.insert(question->id, practised(1, 4.0, 0)); // all due in 14 days
    stats[u"p3"_s] = practised(2, 4.0, 10); // due in 4 days
    stats[u"s1"_s] = practised(1, 3.0, 9); // 7-day interval: overdue by 2 days
    stats[u"p2"_s] = practised(1, 1.0, 2); // 1-day interval: overdue by 1 day

    SeededRandom random(1);
    QCOMPARE(QuestionSelector(random, stats, Now).nextDue(m_questions)->id, u"s1"_s);
    stats.remove(u"p4"_s); // never practised
    stats[u"s1"_s] = practised(1, 3.0, 1);
    QCOMPARE(QuestionSelector(random, stats, Now).nextDue(m_questions)->id, u"p2"_s);
    stats[u"p2"_s] = practised(1, 1.0, 0);
    QCOMPARE(QuestionSelector(random, stats, Now).nextDue(m_questions)->id, u"p4"_s);
    stats.insert(u"p4"_s, practised(1, 4.0, 0));
    QCOMPARE(QuestionSelector(random, stats, Now).nextDue(m_questions)->id, u"p2"_s); // due tomorrow
}

void QuestionSelectorTest::singleQuestionNextDue_followsTheHistory()
{
    FakeHistory history;
    for (const Question *question : std::as_const(m_questions))
        history.stats.insert(question->id, practised(1, 4.0, 0));
    history.stats[u"s3"_s] = practised(4, 1.0, 3);
    ManualClock clock;
    clock.setWallStart(Now);
    SessionRequest request;
    request.mode = SessionMode::SingleQuestion;
    request.pick = QuestionPick::NextDue;
    request.seed = 8;
    const auto engine = SessionEngine::create(m_loop, request, clock, &history);
    QVERIFY(engine);
    QCOMPARE(engine->plan().segments.first().questions.first().questionId, u"s3"_s);
    QCOMPARE(engine->plan().segments.first().questions.first().roundId, u"design"_s);
}

QTEST_GUILESS_MAIN(QuestionSelectorTest)
#include "question_selector_test.moc"
