#include "loops/LoopLoader.h"

#include <QSet>
#include <QTest>
#include <numeric>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The shipped Netflix loop: everything a practice session uses from the interview guide.
class NetflixLoopTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loads_withoutErrorsOrWarnings();
    void rounds_matchTheGuide();
    void questionBank_coversEveryQuestionOfTheGuide();
    void everyQuestion_isReachable_andEveryRoundCanFillItself();
    void questions_carryFollowUpsAndStrongAnswers();
    void rubric_hasTheFiveValuesAndTheAnswerCraft();
    void redFlags_storyStructure_levels_andPlan();
    void interviewer_opensAndClosesEachRound_andInterruptsOverrunsInBehaviouralRounds();
    void everyRound_hasAProbeForEverySignal_andEveryPhase();

private:
    std::optional<Loop> m_loop;
};

void NetflixLoopTest::initTestCase()
{
    const LoopLoadResult result = LoopLoader::loadFile(
        QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    for (const LoopDiagnostic &diagnostic : result.diagnostics)
        qWarning().noquote() << diagnostic.toString();
    m_loop = result.loop;
    QVERIFY(result.diagnostics.isEmpty());
}

void NetflixLoopTest::loads_withoutErrorsOrWarnings()
{
    QVERIFY(m_loop);
    QCOMPARE(m_loop->id, u"netflix-engineering-leadership"_s);
    QCOMPARE(m_loop->company, u"Netflix"_s);
    QVERIFY(!m_loop->description.isEmpty());
    QVERIFY(m_loop->successFactors.size() >= 8);
    QVERIFY(m_loop->tips.size() >= 8);
}

void NetflixLoopTest::rounds_matchTheGuide()
{
    const QList<std::pair<QString, int>> expected
        = {{u"hiring-manager"_s, 45},     {u"technical-leadership"_s, 60}, {u"cross-functional-partner"_s, 45},
           {u"skip-level-manager"_s, 45}, {u"peer-manager"_s, 45},         {u"netflix-values"_s, 45}};
    QCOMPARE(m_loop->rounds.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const Round &round = m_loop->rounds.at(i);
        QCOMPARE(round.id, expected.at(i).first);
        QCOMPARE(round.durationMinutes, expected.at(i).second);
        QVERIFY2(!round.interviewer.isEmpty() && !round.focus.isEmpty() && !round.evaluates.isEmpty(),
                 qPrintable(round.id));
        QVERIFY2(!round.rubricDimensionIds.isEmpty(), qPrintable(round.id));
    }
    QCOMPARE(m_loop->totalMinutes(), 285);
}

void NetflixLoopTest::questionBank_coversEveryQuestionOfTheGuide()
{
    QVERIFY(m_loop->questions.size() >= 34);
    // Distinctive words of each question in the guide's six categories, the themes' key questions
    // and the referral notes.
    const QStringList guideQuestions = {u"significant autonomy"_s,
                                        u"without micromanaging"_s,
                                        u"accountable for poor results"_s,
                                        u"coordination across teams"_s,
                                        u"without explicit approval"_s,
                                        u"A-level talent"_s,
                                        u"manage out an underperformer"_s,
                                        u"inclusive teams"_s,
                                        u"performance management and feedback"_s,
                                        u"compete for top talent"_s,
                                        u"difficult feedback to a senior engineer"_s,
                                        u"disagreements about technical direction"_s,
                                        u"challenge a decision made by leadership"_s,
                                        u"psychological safety"_s,
                                        u"direct communication led to a better outcome"_s,
                                        u"content recommendation system"_s,
                                        u"streaming outage"_s,
                                        u"critical architectural decision"_s,
                                        u"technical debt"_s,
                                        u"large-scale distributed systems"_s,
                                        u"most innovative technical solution"_s,
                                        u"innovation with operational stability"_s,
                                        u"improved user experience"_s,
                                        u"member experience and engineering efficiency"_s,
                                        u"calculated technical risk"_s,
                                        u"build and maintain high-performing"_s,
                                        u"tough team decision quickly"_s,
                                        u"exceptional results consistently"_s,
                                        u"developing engineering talent"_s,
                                        u"conflict within a team of strong performers"_s,
                                        u"global video streaming service"_s,
                                        u"under extreme load"_s,
                                        u"unpredictable demand spikes"_s,
                                        u"documentation is incomplete"_s};
    for (const QString &words : guideQuestions) {
        const bool found = std::any_of(m_loop->questions.cbegin(), m_loop->questions.cend(),
                                       [&](const Question &q) { return q.text.contains(words, Qt::CaseInsensitive); });
        QVERIFY2(found, qPrintable(u"no question about: "_s + words));
    }
    QSet<QString> categoriesInUse;
    for (const Question &question : m_loop->questions)
        categoriesInUse.insert(question.categoryId);
    QVERIFY(categoriesInUse.size() >= 6);
}

void NetflixLoopTest::everyQuestion_isReachable_andEveryRoundCanFillItself()
{
    QSet<QString> reachable;
    for (const Round &round : m_loop->rounds) {
        const auto pool = m_loop->questionPool(round);
        QVERIFY2(!pool.isEmpty(), qPrintable(round.id));
        if (!round.untilTimeIsUp())
            QVERIFY2(pool.size() >= *round.questionCount, qPrintable(round.id));
        for (const Question *question : pool)
            reachable.insert(question->id);
        // The questions a session asks must fit the round's time.
        if (!round.untilTimeIsUp()) {
            QList<int> seconds;
            for (const Question *question : pool)
                seconds << m_loop->suggestedAnswerSeconds(*question, &round);
            std::sort(seconds.begin(), seconds.end());
            const int shortest = std::accumulate(seconds.cbegin(), seconds.cbegin() + *round.questionCount, 0);
            QVERIFY2(shortest <= round.durationMinutes * 60, qPrintable(round.id));
        }
    }
    for (const Question &question : m_loop->questions)
        QVERIFY2(reachable.contains(question.id), qPrintable(question.id));
}

void NetflixLoopTest::questions_carryFollowUpsAndStrongAnswers()
{
    for (const Question &question : m_loop->questions) {
        QVERIFY2(question.followUps.size() >= 2, qPrintable(question.id));
        QVERIFY2(!question.strongAnswer.isEmpty(), qPrintable(question.id));
    }
}

void NetflixLoopTest::rubric_hasTheFiveValuesAndTheAnswerCraft()
{
    const QStringList values
        = {u"freedom-responsibility"_s, u"high-performance"_s, u"candor"_s, u"innovation"_s, u"member-obsession"_s};
    const QStringList craft = {u"story-structure"_s, u"quantified-results"_s, u"member-impact-link"_s};
    for (const QString &id : values + craft) {
        const RubricDimension *dimension = m_loop->dimension(id);
        QVERIFY2(dimension, qPrintable(id));
        QCOMPARE(dimension->kind, values.contains(id) ? DimensionKind::Value : DimensionKind::Craft);
        for (int score = 1; score <= 4; ++score)
            QVERIFY2(dimension->anchor(score).size() > 20, qPrintable(id));
        if (dimension->kind == DimensionKind::Value)
            QVERIFY2(!dimension->meaning.isEmpty() && !dimension->avoid.isEmpty() && !dimension->use.isEmpty(),
                     qPrintable(id));
    }
}

void NetflixLoopTest::redFlags_storyStructure_levels_andPlan()
{
    QCOMPARE(m_loop->redFlagGroups.size(), 3);
    for (const RedFlagGroup &group : m_loop->redFlagGroups)
        QCOMPARE(group.flags.size(), 5);

    const QList<int> phaseSeconds = {30, 60, 90, 30, 30};
    QCOMPARE(m_loop->storyStructure.phases.size(), phaseSeconds.size());
    for (qsizetype i = 0; i < phaseSeconds.size(); ++i)
        QCOMPARE(m_loop->storyStructure.phases.at(i).targetSeconds, phaseSeconds.at(i));

    for (const QString &level : {u"L5"_s, u"L6"_s, u"L7"_s}) {
        const Level *found = m_loop->level(level);
        QVERIFY2(found, qPrintable(level));
        QVERIFY(!found->teamInfluence.isEmpty() && !found->scope.isEmpty() && !found->impact.isEmpty()
                && !found->focus.isEmpty());
    }
    QCOMPARE(m_loop->level(u"L6"_s)->teamInfluence, u"8-15 engineers"_s);

    QList<int> daysBefore;
    for (const PreparationMilestone &milestone : m_loop->preparation) {
        daysBefore << milestone.daysBefore;
        QVERIFY(milestone.items.size() >= 4);
    }
    QCOMPARE(daysBefore, (QList<int>{56, 28, 7, 0}));
}

void NetflixLoopTest::interviewer_opensAndClosesEachRound_andInterruptsOverrunsInBehaviouralRounds()
{
    // Spoken lines stay short: an opening under half a minute, an interruption a breath.
    constexpr qsizetype MaxOpeningCharacters = 300;
    constexpr qsizetype MaxInterruptionCharacters = 60;
    for (const Round &round : m_loop->rounds) {
        QVERIFY2(!round.opening.isEmpty() && round.opening.size() <= MaxOpeningCharacters, qPrintable(round.id));
        QVERIFY2(!round.closing.isEmpty() && round.closing.size() <= MaxOpeningCharacters, qPrintable(round.id));
        QVERIFY2(m_loop->spokenLines(round).startsWith(round.opening), qPrintable(round.id));
        QVERIFY2(m_loop->spokenLines(round).endsWith(round.closing), qPrintable(round.id));
    }
    // A system design answer is not a story: the technical round does not interrupt by phase.
    QVERIFY(!m_loop->round(u"technical-leadership"_s)->interruptsOverruns);
    for (const QString &roundId : {u"hiring-manager"_s, u"cross-functional-partner"_s, u"skip-level-manager"_s,
                                   u"peer-manager"_s, u"netflix-values"_s}) {
        const Round *round = m_loop->round(roundId);
        QVERIFY2(round->interruptsOverruns, qPrintable(roundId));
        for (const StoryPhase &phase : m_loop->storyStructure.phases) {
            const QStringList lines = m_loop->interruptionLines(*round, phase.id);
            QVERIFY2(!lines.isEmpty(), qPrintable(roundId + u' ' + phase.id));
            for (const QString &line : lines)
                QVERIFY2(line.size() <= MaxInterruptionCharacters, qPrintable(line));
        }
    }
    QCOMPARE(m_loop->interruptionLines(*m_loop->round(u"hiring-manager"_s), u"decision"_s).first(),
             u"What did you decide?"_s);
    QCOMPARE(m_loop->interruptionLines(*m_loop->round(u"cross-functional-partner"_s), u"decision"_s).first(),
             u"What did the data say, and what did you decide?"_s);
    QVERIFY(m_loop->interruptionLines(*m_loop->round(u"technical-leadership"_s), u"decision"_s).isEmpty());
}

void NetflixLoopTest::everyRound_hasAProbeForEverySignal_andEveryPhase()
{
    QVERIFY(m_loop->interviewerSpeaks);
    constexpr qsizetype MaxProbeCharacters = 120; // a probe is a question, asked in a breath or two
    for (const Round &round : m_loop->rounds) {
        for (const ProbeSignal signal : {ProbeSignal::NoNumbers, ProbeSignal::NoMemberMention, ProbeSignal::WeOverI}) {
            const QStringList lines = m_loop->probeLines(round, signal);
            QVERIFY2(!lines.isEmpty(), qPrintable(round.id + u' ' + probeSignalId(signal)));
            for (const QString &line : lines)
                QVERIFY2(line.size() <= MaxProbeCharacters && (line.endsWith(u'?') || line.endsWith(u'.')),
                         qPrintable(line));
        }
        for (const StoryPhase &phase : m_loop->storyStructure.phases)
            QVERIFY2(!m_loop->probeLines(round, ProbeSignal::MissingPhase, phase.id).isEmpty(),
                     qPrintable(round.id + u' ' + phase.id));
        // Rendered ahead at the round's start with its other lines.
        QVERIFY(m_loop->adaptiveProbeLines(round).size() >= 8);
    }
    // A round's own set goes before the one for every round.
    QCOMPARE(m_loop->probeLines(*m_loop->round(u"technical-leadership"_s), ProbeSignal::NoNumbers).first(),
             u"What did the metrics show? Latency, availability or cost, before and after."_s);
    QCOMPARE(m_loop->probeLines(*m_loop->round(u"hiring-manager"_s), ProbeSignal::NoNumbers).first(),
             u"What was the measurable result? Give me the numbers."_s);
    QCOMPARE(m_loop->probeLines(*m_loop->round(u"hiring-manager"_s), ProbeSignal::MissingPhase, u"decision"_s).first(),
             u"What did you decide, and what risk did you accept in deciding it?"_s);
}

QTEST_GUILESS_MAIN(NetflixLoopTest)
#include "netflix_loop_test.moc"
