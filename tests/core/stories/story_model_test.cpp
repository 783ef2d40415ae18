#include "StoryTestLoop.h"
#include "stories/StoryCoverage.h"
#include "stories/StoryEditHistory.h"
#include "stories/StoryHints.h"

#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

QList<StoryHint::Kind> kindsOf(const QList<StoryHint> &hints)
{
    QList<StoryHint::Kind> kinds;
    for (const StoryHint &hint : hints)
        kinds << hint.kind;
    return kinds;
}

QStringList idsOf(const RoundCoverage &round)
{
    QStringList ids;
    for (const QuestionCoverage &question : round.questions)
        ids << question.questionId;
    return ids;
}

Story completeStory()
{
    Story story;
    story.title = u"Cache"_s;
    story.phases = {{u"challenge"_s, u"Start-up took 9 seconds."_s},
                    {u"decision"_s, u"I chose to drop the cache, though we had shipped it."_s},
                    {u"execution"_s, u"I rewrote the loader in 3 weeks."_s},
                    {u"communication"_s, u"I told the team it was my call."_s},
                    {u"member-impact"_s, u"2 million members started playback faster."_s}};
    return story;
}

} // namespace

class StoryModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void completeStory_hasNoHints()
    {
        QVERIFY(StoryHints::hints(completeStory(), StoryTestLoop::structure(), std::nullopt).isEmpty());
    }

    void weakStory_getsEachHint()
    {
        Story story;
        story.phases = {{u"decision"_s, u"We chose to rewrite it."_s},
                        {u"execution"_s, u"We shipped it quickly."_s},
                        {u"member-impact"_s, u"Members were happier."_s}};
        const QList<StoryHint> hints = StoryHints::hints(story, StoryTestLoop::structure(), std::nullopt);
        QCOMPARE(
            kindsOf(hints),
            (QList<StoryHint::Kind>{StoryHint::Kind::EmptyPhase, StoryHint::Kind::EmptyPhase, StoryHint::Kind::NoNumber,
                                    StoryHint::Kind::NoNumber, StoryHint::Kind::WeWithoutI}));
        QCOMPARE(hints.at(0).phaseId, u"challenge"_s);
        QCOMPARE(hints.at(0).text, u"Challenge is empty: When [challenge]..."_s);
        QCOMPARE(hints.at(1).phaseId, u"communication"_s);
        QCOMPARE(hints.at(2).phaseId, u"execution"_s);
        QCOMPARE(hints.at(3).phaseId, u"member-impact"_s);
        QCOMPARE(hints.at(4).phaseId, u"decision"_s);
    }

    void numbers_countInWordsAndMetricsAndImpactLine()
    {
        Story story = completeStory();
        story.phases[u"execution"_s] = u"I rewrote the loader."_s;
        story.phases[u"member-impact"_s] = u"Members started playback faster."_s;
        QCOMPARE(StoryHints::hints(story, StoryTestLoop::structure(), std::nullopt).size(), 2);
        story.metrics = {u"Start-up down 40%"_s};
        story.memberImpact = u"Twice as fast for every member"_s;
        QVERIFY(StoryHints::hints(story, StoryTestLoop::structure(), std::nullopt).isEmpty());
    }

    void length_usesMeasuredPaceElse150()
    {
        Story story = completeStory();
        story.phases[u"execution"_s] = QStringList(600, u"word"_s).join(u' ') + u" 3"_s;
        const int words = int(storyWords(story.spokenText(StoryTestLoop::structure())).size());
        const StoryLength standard = StoryHints::length(story, StoryTestLoop::structure(), std::nullopt);
        QCOMPARE(standard.words, words);
        QCOMPARE(standard.estimatedSeconds, qRound(words * 60.0 / 150.0));
        QCOMPARE(standard.targetSeconds, 240);
        QVERIFY(!standard.paceMeasured);
        QCOMPARE(kindsOf(StoryHints::hints(story, StoryTestLoop::structure(), std::nullopt)),
                 QList<StoryHint::Kind>{StoryHint::Kind::TooLong});
        // A fast speaker tells the same story within the target.
        const StoryLength fast = StoryHints::length(story, StoryTestLoop::structure(), 200.0);
        QVERIFY(fast.paceMeasured);
        QCOMPARE(fast.estimatedSeconds, qRound(words * 60.0 / 200.0));
        QVERIFY(StoryHints::hints(story, StoryTestLoop::structure(), 200.0).isEmpty());
        QVERIFY(StoryHints::lengthText(fast).contains(u"measured pace of 200 words a minute"_s));
        // A broken measurement is not trusted.
        QVERIFY(!StoryHints::length(story, StoryTestLoop::structure(), 5.0).paceMeasured);
    }

    void editHistory_undoesAndRedoes()
    {
        Story first;
        first.title = u"One"_s;
        StoryEditHistory history(first);
        QVERIFY(!history.canUndo());
        Story second = first;
        second.title = u"Two"_s;
        history.record(second);
        history.record(second); // no change, no state
        Story third = second;
        third.tags.values = {u"candor"_s};
        history.record(third);
        QCOMPARE(history.undo().title, u"Two"_s);
        QCOMPARE(history.current().tags.values, QStringList());
        QCOMPARE(history.undo().title, u"One"_s);
        QVERIFY(!history.canUndo());
        QCOMPARE(history.undo().title, u"One"_s);
        QCOMPARE(history.redo().title, u"Two"_s);
        Story branch = second;
        branch.company = u"Acme"_s;
        history.record(branch); // drops the undone third state
        QVERIFY(!history.canRedo());
        QCOMPARE(history.undo().company, QString());
        QCOMPARE(history.redo().company, u"Acme"_s);
    }

    void editHistory_keepsAtMostMaxStates()
    {
        StoryEditHistory history(Story{});
        for (int i = 0; i < StoryEditHistory::MaxStates + 50; ++i) {
            Story story;
            story.title = QString::number(i);
            history.record(story);
        }
        int undos = 0;
        while (history.canUndo()) {
            history.undo();
            ++undos;
        }
        QCOMPARE(undos, StoryEditHistory::MaxStates - 1);
        QCOMPARE(history.current().title, QString::number(50));
    }

    void coverage_linksSuggestionsAndGapsExactly()
    {
        const StoryCoverageResult result = StoryCoverage::compute(StoryTestLoop::loop(), StoryTestLoop::bank(),
                                                                  {{2, u"q1"_s}, {3, u"q3"_s}, {99, u"q2"_s}});
        QCOMPARE(result.rounds.size(), 3);
        QCOMPARE(result.rounds.at(0).roundId, u"hm"_s);
        QCOMPARE(idsOf(result.rounds.at(0)), (QStringList{u"q1"_s, u"q2"_s}));
        QCOMPARE(idsOf(result.rounds.at(1)), (QStringList{u"q1"_s, u"q4"_s}));
        QCOMPARE(result.rounds.at(2).roundId, QString());
        QCOMPARE(idsOf(result.rounds.at(2)), QStringList{u"q3"_s});

        const QuestionCoverage &q1 = result.rounds.at(0).questions.at(0);
        QCOMPARE(q1.linked, QList<qint64>{2}); // the archived and unknown stories' links do not count
        // Payments: theme 3 + category 2 + "under", "pressure" 2.
        QCOMPARE(q1.suggested, (QList<StorySuggestion>{{1, 7}}));
        const QuestionCoverage &q2 = result.rounds.at(0).questions.at(1);
        QVERIFY(q2.linked.isEmpty());
        QCOMPARE(q2.suggested, (QList<StorySuggestion>{{2, 4}})); // theme 3 + "feedback" 1
        const QuestionCoverage &q4 = result.rounds.at(1).questions.at(1);
        QCOMPARE(q4.suggested, (QList<StorySuggestion>{{1, 4}})); // category 2 + "migrate", "database" 2
        QVERIFY(!result.rounds.at(2).questions.at(0).covered());

        QCOMPARE(result.questionCount, 4);
        QCOMPARE(result.coveredQuestionCount, 3);
        QCOMPARE(result.uncoveredQuestionIds, QStringList{u"q3"_s});
        QCOMPARE(result.values.size(), 3); // craft is not a value
        QCOMPARE(result.values.at(0).tagged, QList<qint64>{1});
        QCOMPARE(result.values.at(1).suggested, QList<qint64>{2}); // "courage" in its words
        QCOMPARE(result.uncoveredValueIds, QStringList{u"judgment"_s});
        QCOMPARE(result.summary,
                 u"3 of 4 questions covered, Candor by 1 story only, Courage by 1 story only, Judgment by no story"_s);
    }

    void coverage_ordersSuggestionsByScoreThenIdAndCaps()
    {
        QList<Story> stories;
        for (int id = 6; id >= 1; --id) {
            Story story;
            story.id = id;
            story.title = u"Story %1"_s.arg(id);
            story.tags.themes = {u"ownership"_s};
            if (id == 5)
                story.tags.categories = {u"technical"_s};
            stories << story;
        }
        const StoryCoverageResult result = StoryCoverage::compute(StoryTestLoop::loop(), stories, {});
        QCOMPARE(result.rounds.at(0).questions.at(0).suggested, (QList<StorySuggestion>{{5, 5}, {1, 3}, {2, 3}}));
    }

    void coverage_emptyBank_coversNothing()
    {
        const StoryCoverageResult result = StoryCoverage::compute(StoryTestLoop::loop(), {}, {});
        QCOMPARE(result.summary,
                 u"0 of 4 questions covered, Candor by no story, Courage by no story, Judgment by no story"_s);
        QCOMPARE(result.uncoveredQuestionIds, (QStringList{u"q1"_s, u"q2"_s, u"q3"_s, u"q4"_s}));
    }
};

QTEST_GUILESS_MAIN(StoryModelTest)
#include "story_model_test.moc"
