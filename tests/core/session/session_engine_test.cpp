#include "common/ApplicationIdentity.h"
#include "loops/LoopLoader.h"
#include "session/SessionEngine.h"
#include "session/SessionStore.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const Loop> loadLoop(const QString &path)
{
    const LoopLoadResult result = LoopLoader::loadFile(path);
    if (!result.ok())
        return nullptr;
    return std::make_shared<const Loop>(*result.loop);
}

std::shared_ptr<const Loop> timingLoop()
{
    return loadLoop(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/sessions/timing-loop.yaml"));
}

std::shared_ptr<const Loop> netflixLoop()
{
    return loadLoop(QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
}

SessionRequest oneRound(const QString &roundId, quint64 seed = 7)
{
    SessionRequest request;
    request.mode = SessionMode::OneRound;
    request.roundId = roundId;
    request.seed = seed;
    request.settings.followUpsPerQuestion = 0;
    return request;
}

// Keeps every saved snapshot, as a store that never loses a write would.
class MemoryStore : public SessionStore
{
public:
    void save(const SessionSnapshot &snapshot) override
    {
        last = snapshot.toJson();
        ++saves;
    }
    void clear() override
    {
        last.clear();
        cleared = true;
    }

    QByteArray last;
    int saves = 0;
    bool cleared = false;
};

Rating scores(std::initializer_list<std::pair<QString, int>> values, QStringList flags = {})
{
    Rating rating;
    for (const auto &[dimension, score] : values)
        rating.scores.insert(dimension, score);
    rating.redFlagIds = std::move(flags);
    return rating;
}

QStringList plannedIds(const SessionPlan &plan)
{
    QStringList ids;
    for (const SessionSegment &segment : plan.segments) {
        for (const PlannedQuestion &question : segment.questions)
            ids << question.questionId;
    }
    return ids;
}

} // namespace

class SessionEngineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void fullNetflixLoop_runsAllSixRounds_inWellUnderASecond();
    void thinkTime_runsOut_answerStartsOnTheDot();
    void beginAnswer_skipsTheRestOfTheThinkTime();
    void pauseAndResume_stopEveryClock_andKeepPauseMarks();
    void softOvertime_isReported_andNeverStopsTheAnswer();
    void hardStop_endsTheAnswerAtZero();
    void roundClockExpiringMidAnswer_finishesTheAnswerThenEndsTheRound();
    void roundClockExpiringWhileThinking_endsTheRound();
    void untilTimeIsUp_keepsAskingUntilTheRoundClockRunsOut();
    void followUpProbes_areAnsweredInTurn_thenRated();
    void phaseMarks_areKeptWithTheirTimes_andTargetsReported();
    void breakBetweenRounds_canBeSkipped_orRunsOut();
    void skipQuestion_andSkipRating_areExplicit();
    void rating_isValidatedAgainstTheRoundsRubric();
    void endRound_midAnswer_keepsTheAnswerForRating();
    void abandon_keepsWhatWasSaid();
    void crashBetweenTransitions_resumesExactlyThere();
    void restore_refusesALoopThatLostItsQuestions();
    void restore_refusesASnapshotThatDoesNotHoldTogether();
    void sameSeed_samePlan_differentSeed_differentPlan();
    void fullLoop_neverRepeatsAQuestion_acrossManySeeds();
    void roundSources_areHonoured();
    void finishedSession_clearsTheStore();

private:
    std::shared_ptr<const Loop> m_timing;
    std::shared_ptr<const Loop> m_netflix;
};

void SessionEngineTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    m_timing = timingLoop();
    m_netflix = netflixLoop();
    QVERIFY(m_timing);
    QVERIFY(m_netflix);
}

void SessionEngineTest::fullNetflixLoop_runsAllSixRounds_inWellUnderASecond()
{
    QElapsedTimer wall;
    wall.start();
    ManualClock clock;
    SessionRequest request;
    request.mode = SessionMode::FullLoop;
    request.seed = 42;
    request.settings.levelId = u"L6"_s;
    MemoryStore store;
    QString error;
    auto engine = SessionEngine::create(m_netflix, request, clock, nullptr, &error);
    QVERIFY2(engine, qPrintable(error));
    engine->setStore(&store);
    engine->setTickInterval(0);
    QSignalSpy roundsEnded(engine.get(), &SessionEngine::roundEnded);
    QSignalSpy finished(engine.get(), &SessionEngine::sessionFinished);

    QVERIFY(engine->start());
    int breaks = 0;
    Milliseconds interviewTime{0};
    while (engine->state() != SessionState::Finished) {
        switch (engine->state()) {
        case SessionState::Briefing:
            QVERIFY(engine->beginRound());
            break;
        case SessionState::Thinking:
            clock.advance(20s);
            QVERIFY(engine->beginAnswer());
            break;
        case SessionState::Answering:
            // Answer in the time the question suggests, so every planned question fits.
            clock.advance(engine->clocks().answerLimit - 5s);
            QVERIFY(engine->finishAnswer());
            break;
        case SessionState::Rating:
            QVERIFY(engine->submitRating(
                scores({{engine->loop().round(engine->currentQuestion()->roundId)->rubricDimensionIds.first(), 3}})));
            break;
        case SessionState::RoundWrapUp:
            interviewTime += engine->roundSummaries().last().used;
            QVERIFY(engine->continueSession());
            break;
        case SessionState::Break:
            ++breaks;
            clock.advance(10min); // the break runs out on its own
            QCOMPARE(engine->state(), SessionState::Briefing);
            break;
        case SessionState::NotStarted:
        case SessionState::Finished:
            QFAIL("unexpected state");
        }
    }
    QCOMPARE(roundsEnded.size(), 6);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(breaks, 5);
    const SessionSummary summary = finished.first().first().value<SessionSummary>();
    QVERIFY(!summary.abandoned);
    QCOMPARE(summary.rounds.size(), 6);
    int planned = 0;
    Milliseconds allotted{0};
    for (const RoundSummary &round : summary.rounds) {
        QCOMPARE(round.questionsAnswered, round.questionsPlanned);
        planned += round.questionsPlanned;
        allotted += round.allotted;
        QVERIFY(!round.dimensionAverages.isEmpty());
    }
    QCOMPARE(allotted, Milliseconds(285min));
    QCOMPARE(summary.questionsAnswered(), planned);
    QCOMPARE(engine->answers().size(), planned);
    QVERIFY(interviewTime <= Milliseconds(285min));
    QVERIFY(store.cleared);
    qInfo("a full six-round loop (%lld minutes on the fake clock) ran in %lld ms of wall time",
          qint64(std::chrono::duration_cast<std::chrono::minutes>(clock.monotonic()).count()), wall.elapsed());
}

void SessionEngineTest::thinkTime_runsOut_answerStartsOnTheDot()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    engine->setTickInterval(0);
    QVERIFY(engine->start());
    QCOMPARE(engine->state(), SessionState::Briefing);
    QVERIFY(engine->beginRound());
    QCOMPARE(engine->state(), SessionState::Thinking);
    QCOMPARE(engine->clocks().thinkRemaining(), Milliseconds(30s));

    clock.advance(29s);
    QCOMPARE(engine->state(), SessionState::Thinking);
    QCOMPARE(engine->clocks().thinkRemaining(), Milliseconds(1s));
    // One jump far past the end: the answer began when the think time ran out, not at the jump.
    clock.advance(11s);
    QCOMPARE(engine->state(), SessionState::Answering);
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(10s));
    QCOMPARE(engine->currentAnswer()->thinkTime, Milliseconds(30s));
    QCOMPARE(engine->clocks().roundElapsed, Milliseconds(40s));
}

void SessionEngineTest::beginAnswer_skipsTheRestOfTheThinkTime()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    engine->start();
    engine->beginRound();
    clock.advance(7s);
    QVERIFY(engine->beginAnswer());
    QCOMPARE(engine->state(), SessionState::Answering);
    QCOMPARE(engine->currentAnswer()->thinkTime, Milliseconds(7s));
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(0));
    QCOMPARE(engine->clocks().answerLimit, Milliseconds(240s)); // the story structure's total
    QVERIFY2(!engine->beginAnswer(), "a command that does not apply changes nothing");
}

void SessionEngineTest::pauseAndResume_stopEveryClock_andKeepPauseMarks()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    QSignalSpy paused(engine.get(), &SessionEngine::pausedChanged);
    engine->start();
    engine->beginRound();
    clock.advance(10s);
    QVERIFY(engine->pause());
    clock.advance(5min);
    QCOMPARE(engine->state(), SessionState::Thinking);
    QCOMPARE(engine->clocks().thinkElapsed, Milliseconds(10s));
    QCOMPARE(engine->clocks().roundElapsed, Milliseconds(10s));
    QVERIFY2(!engine->beginAnswer(), "a paused session takes no answer");
    QVERIFY(engine->resume());
    clock.advance(20s);
    QCOMPARE(engine->state(), SessionState::Answering);

    clock.advance(40s);
    QVERIFY(engine->pause());
    clock.advance(3min);
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(40s));
    QVERIFY(engine->resume());
    clock.advance(20s);
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(60s));
    QCOMPARE(engine->clocks().roundElapsed, Milliseconds(90s));
    QVERIFY(engine->finishAnswer());
    const AnswerPart &part = engine->currentAnswer()->parts.first();
    QCOMPARE(part.duration, Milliseconds(60s));
    QCOMPARE(part.pauses.size(), 1);
    QCOMPARE(part.pauses.first().at, Milliseconds(40s));
    QCOMPARE(part.pauses.first().length, Milliseconds(3min));
    QCOMPARE(paused.size(), 4);
}

void SessionEngineTest::softOvertime_isReported_andNeverStopsTheAnswer()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    QSignalSpy overtime(engine.get(), &SessionEngine::overtimeBegan);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    clock.advance(239s);
    QCOMPARE(overtime.size(), 0);
    clock.advance(2s);
    QCOMPARE(overtime.size(), 1);
    QCOMPARE(engine->clocks().answerRemaining(), Milliseconds(-1s));
    clock.advance(2min);
    QCOMPARE(overtime.size(), 1);
    QCOMPARE(engine->state(), SessionState::Answering);
    QVERIFY(engine->finishAnswer());
    const AnswerPart &part = engine->currentAnswer()->parts.first();
    QCOMPARE(part.overtime(), Milliseconds(121s));
    QVERIFY(!part.stoppedAtLimit);
}

void SessionEngineTest::hardStop_endsTheAnswerAtZero()
{
    ManualClock clock;
    SessionRequest request = oneRound(u"manager"_s);
    request.settings.hardStop = true;
    auto engine = SessionEngine::create(m_timing, request, clock);
    QSignalSpy overtime(engine.get(), &SessionEngine::overtimeBegan);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    clock.advance(5min);
    QCOMPARE(engine->state(), SessionState::Rating);
    QCOMPARE(overtime.size(), 0);
    const AnswerPart &part = engine->currentAnswer()->parts.first();
    QCOMPARE(part.duration, Milliseconds(240s));
    QVERIFY(part.stoppedAtLimit);
    QCOMPARE(part.overtime(), Milliseconds(0));
}

void SessionEngineTest::roundClockExpiringMidAnswer_finishesTheAnswerThenEndsTheRound()
{
    ManualClock clock;
    SessionRequest request = oneRound(u"manager"_s);
    request.settings.followUpsPerQuestion = 2;
    auto engine = SessionEngine::create(m_timing, request, clock);
    QSignalSpy ranOut(engine.get(), &SessionEngine::roundTimeRanOut);
    QSignalSpy roundEnded(engine.get(), &SessionEngine::roundEnded);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    clock.advance(19min); // one long answer; the 20-minute round runs out during it
    QCOMPARE(ranOut.size(), 0);
    clock.advance(2min);
    QCOMPARE(ranOut.size(), 1);
    QCOMPARE(engine->state(), SessionState::Answering);
    QVERIFY(engine->roundTimeIsUp());
    QVERIFY(engine->clocks().roundRemaining() < Milliseconds(0));
    QVERIFY(engine->finishAnswer());
    QCOMPARE(engine->state(), SessionState::Rating); // its probes are dropped: time is up
    QCOMPARE(roundEnded.size(), 0);
    QVERIFY(engine->submitRating(scores({{u"ownership"_s, 2}})));
    // A session of one round ends on the session's summary; no round wrap-up repeats it.
    QCOMPARE(engine->state(), SessionState::Finished);
    QCOMPARE(roundEnded.size(), 1);
    const RoundSummary summary = roundEnded.first().first().value<RoundSummary>();
    QCOMPARE(summary.allotted, Milliseconds(20min));
    QCOMPARE(summary.used, Milliseconds(21min));
    QCOMPARE(summary.questionsAnswered, 1);
    QCOMPARE(summary.questionsPlanned, 3);
    QCOMPARE(summary.dimensionAverages.value(u"ownership"_s), 2.0);
}

void SessionEngineTest::roundClockExpiringWhileThinking_endsTheRound()
{
    ManualClock clock;
    SessionRequest request = oneRound(u"manager"_s);
    request.settings.thinkSeconds = 120;
    auto engine = SessionEngine::create(m_timing, request, clock);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    clock.advance(1110s); // 18.5 minutes of answer
    engine->finishAnswer();
    engine->skipRating();
    QCOMPARE(engine->state(), SessionState::Thinking);
    clock.advance(100s); // 18:30 + 90 s of thinking: the round ends before the answer would start
    QCOMPARE(engine->state(), SessionState::Finished);
    QCOMPARE(engine->roundSummaries().last().used, Milliseconds(20min));
    QCOMPARE(engine->answers().size(), 1);
}

void SessionEngineTest::untilTimeIsUp_keepsAskingUntilTheRoundClockRunsOut()
{
    ManualClock clock;
    SessionRequest request = oneRound(u"design"_s);
    request.settings.thinkSeconds = 0;
    auto engine = SessionEngine::create(m_timing, request, clock);
    QCOMPARE(engine->plan().segments.first().questions.size(), 3);
    QVERIFY(engine->plan().segments.first().untilTimeIsUp);
    engine->start();
    engine->beginRound();
    QCOMPARE(engine->state(), SessionState::Answering); // no think time
    clock.advance(8min);
    engine->finishAnswer();
    engine->skipRating();
    QCOMPARE(engine->state(), SessionState::Answering);
    clock.advance(8min); // 16 of 15 minutes
    engine->finishAnswer();
    engine->skipRating();
    QCOMPARE(engine->state(), SessionState::Finished);
    QCOMPARE(engine->answers().size(), 2);
    QCOMPARE(engine->roundSummaries().last().questionsPlanned, 0);
}

void SessionEngineTest::followUpProbes_areAnsweredInTurn_thenRated()
{
    ManualClock clock;
    SessionRequest request;
    request.mode = SessionMode::SingleQuestion;
    request.pick = QuestionPick::Chosen;
    request.questionId = u"p1"_s;
    request.seed = 3;
    request.settings.followUpsPerQuestion = 3;
    request.settings.followUpAnswerSeconds = 60;
    auto engine = SessionEngine::create(m_timing, request, clock);
    const PlannedQuestion planned = engine->plan().segments.first().questions.first();
    QCOMPARE(planned.followUps.size(), 3);
    for (const QString &probe : planned.followUps)
        QVERIFY2(probe.startsWith(u"Probe p1-"_s), "the question's own probes come before the round's");

    engine->start();
    QCOMPARE(engine->state(), SessionState::Thinking); // a single question has no briefing
    engine->beginAnswer();
    clock.advance(2min);
    engine->finishAnswer();
    QCOMPARE(engine->state(), SessionState::Answering);
    QCOMPARE(engine->followUpIndex(), 0);
    QCOMPARE(engine->currentPrompt(), planned.followUps.at(0));
    QCOMPARE(engine->clocks().answerLimit, Milliseconds(60s));
    QVERIFY2(!engine->markNextPhase(), "the story phases belong to the main answer");
    clock.advance(30s);
    engine->finishAnswer();
    QCOMPARE(engine->followUpIndex(), 1);
    clock.advance(30s);
    QVERIFY(engine->skipQuestion()); // skipping during a probe drops the rest, keeps the answer
    QCOMPARE(engine->state(), SessionState::Rating);
    const AnswerRecord &answer = *engine->currentAnswer();
    QCOMPARE(answer.parts.size(), 3);
    QCOMPARE(answer.parts.at(1).prompt, planned.followUps.at(0));
    QCOMPARE(answer.parts.at(1).followUpIndex, 0);
    QCOMPARE(answer.answerTime(), Milliseconds(3min));
    QVERIFY(!answer.parts.at(1).skipped);
    QVERIFY(answer.parts.at(2).skipped);
    QCOMPARE(answer.followUpsAnswered(), 1);

    QSignalSpy finished(engine.get(), &SessionEngine::sessionFinished);
    QVERIFY(engine->submitRating(scores({{u"ownership"_s, 4}, {u"numbers"_s, 3}}, {u"blame"_s})));
    QCOMPARE(engine->state(), SessionState::Finished); // a single question has no wrap-up
    QCOMPARE(finished.size(), 1);
    QCOMPARE(engine->answers().first().rating->average(), 3.5);
}

void SessionEngineTest::phaseMarks_areKeptWithTheirTimes_andTargetsReported()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    QSignalSpy targets(engine.get(), &SessionEngine::phaseTargetReached);
    QSignalSpy phases(engine.get(), &SessionEngine::phaseChanged);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    clock.advance(25s);
    QVERIFY(engine->markNextPhase()); // challenge done early, at 25 s
    QCOMPARE(engine->clocks().phaseTarget, Milliseconds(60s));
    clock.advance(61s);
    QCOMPARE(targets.size(), 1); // the decision phase ran past its 60 s
    QCOMPARE(targets.first().first().toInt(), 1);
    QVERIFY(engine->markNextPhase()); // at 86 s
    clock.advance(50s);
    QVERIFY(engine->markNextPhase()); // at 136 s
    QVERIFY(engine->markNextPhase()); // at 136 s
    QVERIFY2(!engine->markNextPhase(), "there is no phase after the last");
    QCOMPARE(engine->phaseIndex(), 4);
    clock.advance(31s);
    QCOMPARE(targets.size(), 2);
    engine->finishAnswer();
    const QList<PhaseMark> marks = engine->currentAnswer()->parts.first().phaseMarks;
    QCOMPARE(marks.size(), 4);
    QCOMPARE(marks.at(0).phaseIndex, 1);
    QCOMPARE(marks.at(0).at, Milliseconds(25s));
    QCOMPARE(marks.at(1).at, Milliseconds(86s));
    QCOMPARE(marks.at(2).at, Milliseconds(136s));
    QCOMPARE(marks.at(3).phaseIndex, 4);
    QCOMPARE(phases.size(), 4);
}

void SessionEngineTest::breakBetweenRounds_canBeSkipped_orRunsOut()
{
    ManualClock clock;
    SessionRequest request;
    request.mode = SessionMode::FullLoop;
    request.seed = 11;
    request.settings.breakMinutes = 5;
    request.settings.followUpsPerQuestion = 0;
    auto engine = SessionEngine::create(m_timing, request, clock);
    engine->start();
    engine->beginRound();
    QVERIFY(engine->endRound());
    QCOMPARE(engine->state(), SessionState::RoundWrapUp);
    QVERIFY(engine->continueSession());
    QCOMPARE(engine->state(), SessionState::Break);
    clock.advance(2min);
    QCOMPARE(engine->clocks().breakRemaining(), Milliseconds(3min));
    QVERIFY(engine->pause());
    clock.advance(10min);
    QCOMPARE(engine->state(), SessionState::Break);
    QVERIFY(engine->resume());
    QVERIFY(engine->skipBreak());
    QCOMPARE(engine->state(), SessionState::Briefing);
    QCOMPARE(engine->currentSegment().roundId, u"design"_s);

    // And a break left alone runs out into the next briefing.
    auto second = SessionEngine::create(m_timing, request, clock);
    second->start();
    second->endRound();
    second->continueSession();
    clock.advance(5min);
    QCOMPARE(second->state(), SessionState::Briefing);
    QCOMPARE(second->segmentIndex(), 1);
}

void SessionEngineTest::skipQuestion_andSkipRating_areExplicit()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    QSignalSpy recorded(engine.get(), &SessionEngine::answerRecorded);
    engine->start();
    engine->beginRound();
    QVERIFY(engine->skipQuestion()); // while thinking
    QCOMPARE(engine->state(), SessionState::Thinking);
    QCOMPARE(engine->questionIndex(), 1);
    engine->beginAnswer();
    clock.advance(30s);
    QVERIFY(engine->finishAnswer());
    QVERIFY2(!engine->skipQuestion(), "a finished answer waits for its rating");
    QVERIFY(engine->skipRating());
    QCOMPARE(recorded.size(), 2);
    const AnswerRecord skipped = recorded.at(0).first().value<AnswerRecord>();
    QVERIFY(skipped.skipped);
    QVERIFY(skipped.parts.isEmpty());
    const AnswerRecord unrated = recorded.at(1).first().value<AnswerRecord>();
    QVERIFY(unrated.ratingSkipped);
    QVERIFY(!unrated.rating);
    QCOMPARE(unrated.answerTime(), Milliseconds(30s));
}

void SessionEngineTest::rating_isValidatedAgainstTheRoundsRubric()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"design"_s), clock);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    engine->finishAnswer();
    QString error;
    QVERIFY(!engine->submitRating(scores({{u"ownership"_s, 3}}), &error));
    QCOMPARE(error, u"'ownership' is not a dimension this round rates."_s);
    QVERIFY(!engine->submitRating(scores({{u"numbers"_s, 5}}), &error));
    QCOMPARE(error, u"Scores run from 1 to 4."_s);
    QVERIFY(!engine->submitRating(scores({{u"numbers"_s, 2}}, {u"no-such-flag"_s}), &error));
    QCOMPARE(engine->state(), SessionState::Rating);
    QVERIFY(engine->submitRating(scores({{u"numbers"_s, 2}}, {u"excuses"_s}), &error));
}

void SessionEngineTest::endRound_midAnswer_keepsTheAnswerForRating()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    clock.advance(45s);
    QVERIFY(engine->endRound());
    QCOMPARE(engine->state(), SessionState::Rating);
    QCOMPARE(engine->currentAnswer()->parts.first().duration, Milliseconds(45s));
    QVERIFY(engine->submitRating(scores({{u"ownership"_s, 3}})));
    QCOMPARE(engine->state(), SessionState::Finished);
    QCOMPARE(engine->roundSummaries().size(), 1);
}

void SessionEngineTest::abandon_keepsWhatWasSaid()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    QSignalSpy recorded(engine.get(), &SessionEngine::answerRecorded);
    QSignalSpy finished(engine.get(), &SessionEngine::sessionFinished);
    // What shows the finished session looks when the state changes, before sessionFinished.
    bool abandonedWhenFinishedShows = false;
    connect(engine.get(), &SessionEngine::stateChanged, this, [&](SessionState state) {
        if (state == SessionState::Finished)
            abandonedWhenFinishedShows = engine->summary().abandoned;
    });
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    clock.advance(50s);
    QVERIFY(engine->abandon());
    QVERIFY(abandonedWhenFinishedShows);
    QCOMPARE(engine->state(), SessionState::Finished);
    QCOMPARE(recorded.size(), 1);
    QCOMPARE(recorded.first().first().value<AnswerRecord>().answerTime(), Milliseconds(50s));
    QVERIFY(finished.first().first().value<SessionSummary>().abandoned);
    QVERIFY(!engine->abandon());
}

// Drives a full loop of the timing loop by a fixed script; after one step the engine is destroyed
// without warning and a new one is restored from the file the store wrote. The outcome must be
// that of a run without the crash, whichever step the crash follows.
void SessionEngineTest::crashBetweenTransitions_resumesExactlyThere()
{
    int crashAfterStep = 0;
    int steps = 0;
    QTemporaryDir dir;
    const QString path = dir.filePath(u"unfinished-session.json"_s);

    SessionRequest request;
    request.mode = SessionMode::FullLoop;
    request.seed = 5;
    request.settings.breakMinutes = 1;
    request.settings.followUpsPerQuestion = 1;

    bool crashed = false;
    QStringList problems; // checks inside the script, which cannot QVERIFY from a lambda
    const auto check = [&problems](bool ok, const QString &what) {
        if (!ok)
            problems << what;
    };
    const auto runScript = [&](bool crash) -> QStringList {
        ManualClock clock;
        auto store = std::make_unique<FileSessionStore>(path);
        auto engine = SessionEngine::create(m_timing, request, clock);
        engine->setStore(store.get());
        engine->start();
        int step = 1;
        for (; engine->state() != SessionState::Finished; ++step) {
            switch (engine->state()) {
            case SessionState::Briefing:
                engine->beginRound();
                break;
            case SessionState::Thinking:
                clock.advance(12s);
                engine->beginAnswer();
                break;
            case SessionState::Answering:
                clock.advance(70s);
                engine->markNextPhase();
                clock.advance(50s);
                engine->finishAnswer();
                break;
            case SessionState::Rating:
                engine->submitRating(scores({{u"numbers"_s, 1 + step % 4}}));
                break;
            case SessionState::RoundWrapUp:
                engine->continueSession();
                break;
            case SessionState::Break:
                clock.advance(1min);
                break;
            case SessionState::NotStarted:
            case SessionState::Finished:
                break;
            }
            if (crash && step == crashAfterStep) {
                crashed = true;
                store->waitForWrites(); // the last save reached the disk; then the process dies
                const SessionState before = engine->state();
                const ClockReadings clocksBefore = engine->clocks();
                engine.reset();
                store.reset();
                clock.advance(3h); // time passes before the person comes back
                QString error;
                const auto snapshot = FileSessionStore::load(path, &error);
                if (!snapshot)
                    qFatal("no snapshot after a crash: %s", qPrintable(error));
                store = std::make_unique<FileSessionStore>(path);
                engine = SessionEngine::restore(m_timing, *snapshot, clock, &error);
                if (!engine)
                    qFatal("restore failed: %s", qPrintable(error));
                engine->setStore(store.get());
                check(engine->state() == before, u"state after restore"_s);
                check(engine->isPaused() == (before != SessionState::Finished), u"restored paused"_s);
                check(engine->clocks().roundElapsed == clocksBefore.roundElapsed, u"round clock as saved"_s);
                check(engine->clocks().answerElapsed == clocksBefore.answerElapsed, u"answer clock as saved"_s);
                engine->resume();
            }
        }
        steps = step - 1;
        store->waitForWrites();
        check(!QFile::exists(path), u"a finished session leaves nothing to resume"_s);
        QStringList outcome;
        for (const AnswerRecord &answer : engine->answers()) {
            QStringList marks;
            for (const AnswerPart &part : answer.parts) {
                for (const PhaseMark &mark : part.phaseMarks)
                    marks << QString::number(mark.at.count());
            }
            outcome << u"%1 think=%2 answer=%3 parts=%4 marks=%5 score=%6"_s.arg(answer.questionId)
                           .arg(answer.thinkTime.count())
                           .arg(answer.answerTime().count())
                           .arg(answer.parts.size())
                           .arg(marks.join(u','))
                           .arg(answer.rating ? answer.rating->average().value_or(0) : -1);
        }
        for (const RoundSummary &summary : engine->roundSummaries())
            outcome << u"round %1 used=%2 answered=%3"_s.arg(summary.roundId)
                           .arg(summary.used.count())
                           .arg(summary.questionsAnswered);
        return outcome;
    };

    const QStringList uninterrupted = runScript(false);
    const int totalSteps = steps;
    QVERIFY(totalSteps > 20);
    QVERIFY(uninterrupted.size() > 4);
    // The last step finishes the session, which leaves nothing to resume.
    for (crashAfterStep = 1; crashAfterStep < totalSteps; ++crashAfterStep) {
        crashed = false;
        const QStringList afterCrash = runScript(true);
        QVERIFY2(crashed, "the script must reach the step it crashes after");
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u", "_s)));
        QCOMPARE(afterCrash, uninterrupted);
    }
}

void SessionEngineTest::restore_refusesALoopThatLostItsQuestions()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    engine->start();
    const SessionSnapshot snapshot = engine->snapshot();
    Loop changed = *m_timing;
    changed.questions.removeIf([&](const Question &question) {
        return question.id == snapshot.plan.segments.first().questions.first().questionId;
    });
    QString error;
    QVERIFY(!SessionEngine::restore(std::make_shared<const Loop>(changed), snapshot, clock, &error));
    QVERIFY2(error.startsWith(u"The loop 'timing-loop' has changed since this session was saved: its question"_s),
             qPrintable(error));
    QVERIFY(SessionEngine::restore(m_timing, snapshot, clock, &error));
}

void SessionEngineTest::restore_refusesASnapshotThatDoesNotHoldTogether()
{
    // Snapshots that reach the engine without passing fromJson(): each once crashed it.
    ManualClock clock;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    const SessionSnapshot answering = engine->snapshot();
    QCOMPARE(answering.state, SessionState::Answering);
    QString error;
    QVERIFY(SessionEngine::restore(m_timing, answering, clock, &error));

    QList<std::pair<SessionSnapshot, QString>> broken;
    SessionSnapshot noAnswer = answering;
    noAnswer.current.reset();
    broken.append({noAnswer, u"no answer in progress"_s});
    SessionSnapshot noParts = answering;
    noParts.current->parts.clear();
    broken.append({noParts, u"no part"_s});
    SessionSnapshot pastTheEnd = answering;
    pastTheEnd.state = SessionState::Thinking;
    pastTheEnd.questionIndex = int(pastTheEnd.plan.segments.first().questions.size());
    broken.append({pastTheEnd, u"question is outside its plan"_s});
    SessionSnapshot breakAfterOne = answering;
    breakAfterOne.request.mode = SessionMode::SingleQuestion;
    breakAfterOne.state = SessionState::Break;
    broken.append({breakAfterOne, u"a break where no round follows"_s});
    SessionSnapshot wrapUpWithoutSummary = answering;
    wrapUpWithoutSummary.state = SessionState::RoundWrapUp;
    broken.append({wrapUpWithoutSummary, u"no summary"_s});
    SessionSnapshot phaseTooFar = answering;
    phaseTooFar.phaseIndex = 40;
    broken.append({phaseTooFar, u"fewer phases"_s});
    for (const auto &[snapshot, reason] : std::as_const(broken)) {
        error.clear();
        QVERIFY2(!SessionEngine::restore(m_timing, snapshot, clock, &error), qPrintable(reason));
        QVERIFY2(error.contains(reason), qPrintable(error));
    }
}

void SessionEngineTest::sameSeed_samePlan_differentSeed_differentPlan()
{
    ManualClock clock;
    SessionRequest request;
    request.mode = SessionMode::FullLoop;
    request.seed = 1234;
    const auto first = SessionEngine::create(m_netflix, request, clock);
    const auto again = SessionEngine::create(m_netflix, request, clock);
    QCOMPARE(plannedIds(first->plan()), plannedIds(again->plan()));
    QCOMPARE(first->plan().segments.first().questions.first().followUps,
             again->plan().segments.first().questions.first().followUps);
    request.seed = 1235;
    const auto other = SessionEngine::create(m_netflix, request, clock);
    QVERIFY(plannedIds(first->plan()) != plannedIds(other->plan()));

    request.seed = 0; // "choose one": it is kept, so the session can be reproduced
    const auto chosen = SessionEngine::create(m_netflix, request, clock);
    QVERIFY(chosen->request().seed != 0);
    request.seed = chosen->request().seed;
    QCOMPARE(plannedIds(SessionEngine::create(m_netflix, request, clock)->plan()), plannedIds(chosen->plan()));
}

void SessionEngineTest::fullLoop_neverRepeatsAQuestion_acrossManySeeds()
{
    ManualClock clock;
    SessionRequest request;
    request.mode = SessionMode::FullLoop;
    for (quint64 seed = 1; seed <= 200; ++seed) {
        request.seed = seed;
        const auto engine = SessionEngine::create(m_netflix, request, clock);
        const QStringList ids = plannedIds(engine->plan());
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), ids.size());
        for (qsizetype i = 0; i < m_netflix->rounds.size(); ++i) {
            const Round &round = m_netflix->rounds.at(i);
            QCOMPARE(engine->plan().segments.at(i).questions.size(), qsizetype(*round.questionCount));
        }
    }
}

void SessionEngineTest::roundSources_areHonoured()
{
    ManualClock clock;
    for (quint64 seed = 1; seed <= 50; ++seed) {
        for (const Round &round : m_netflix->rounds) {
            SessionRequest request = oneRound(round.id, seed);
            const auto engine = SessionEngine::create(m_netflix, request, clock);
            const QList<const Question *> pool = m_netflix->questionPool(round);
            for (const PlannedQuestion &planned : engine->plan().segments.first().questions) {
                QVERIFY(std::any_of(pool.cbegin(), pool.cend(),
                                    [&](const Question *q) { return q->id == planned.questionId; }));
                QCOMPARE(planned.roundId, round.id);
            }
        }
    }
}

void SessionEngineTest::finishedSession_clearsTheStore()
{
    ManualClock clock;
    MemoryStore store;
    auto engine = SessionEngine::create(m_timing, oneRound(u"manager"_s), clock);
    engine->setStore(&store);
    engine->start();
    QVERIFY(store.saves >= 1);
    const auto snapshot = SessionSnapshot::fromJson(store.last, nullptr);
    QVERIFY(snapshot);
    QCOMPARE(snapshot->state, SessionState::Briefing);
    engine->abandon();
    QVERIFY(store.cleared);
    QVERIFY(store.last.isEmpty());
}

QTEST_GUILESS_MAIN(SessionEngineTest)
#include "session_engine_test.moc"
