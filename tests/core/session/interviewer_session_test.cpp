#include "loops/LoopLoader.h"
#include "session/AdaptiveProbes.h"
#include "session/SessionEngine.h"

#include <QSignalSpy>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const Loop> netflixLoop()
{
    const LoopLoadResult result = LoopLoader::loadFile(
        QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    return result.ok() ? std::make_shared<const Loop>(*result.loop) : nullptr;
}

SessionRequest oneRound(const QString &roundId, int followUps = 0)
{
    SessionRequest request;
    request.mode = SessionMode::OneRound;
    request.roundId = roundId;
    request.seed = 11;
    request.settings.thinkSeconds = 30;
    request.settings.followUpsPerQuestion = followUps;
    request.settings.followUpAnswerSeconds = 60;
    return request;
}

// An answer that said everything the probes ask for.
AnswerSignals completeAnswer(const Loop &loop)
{
    AnswerSignals answer;
    answer.speechFound = true;
    answer.numbersHeard = 3;
    answer.audienceMentions = 2;
    answer.firstPersonSingular = 8;
    answer.firstPersonPlural = 4;
    for (int phase = 0; phase < loop.storyStructure.phases.size(); ++phase)
        answer.phasesWithSpeech.append(phase);
    return answer;
}

} // namespace

// The session with an interviewer who speaks: clocks that wait for the reading, probes chosen from
// the answer, interruptions when a phase runs long, and the marks the take keeps of it all.
class InterviewerSessionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void question_thinkTimeCountsFromTheEndOfTheReading();
    void noThinkTime_answerBeginsWhenTheReadingEnds();
    void startingToAnswer_duringTheReading_endsIt();
    void probe_answerClockWaitsWhileItIsAsked_andThePartKeepsTheAskingTime();
    void pause_whileAsking_freezesTheAsking();
    void adaptiveProbe_replacesThePlannedOne_andKeepsItsReason();
    void marksAndReasons_surviveTheSessionFile();
    void decisionPhaseOverrun_interruptsOnce_inRoundsThatInterrupt();
    void withoutAThreshold_orInARoundThatDoesNotInterrupt_nothingBreaksIn();
    void chooser_asksForWhatTheAnswerLacked_data();
    void chooser_asksForWhatTheAnswerLacked();
    void chooser_rotatesLines_skipsThoseAsked_andPrefersTheRoundsOwn();
    void chooser_withNothingHeard_leavesTheLoopsOrder();

private:
    // A hiring-manager round with the interviewer asking, its first question read and being answered.
    std::unique_ptr<SessionEngine> answering(ManualClock &clock, int followUps) const;

    std::shared_ptr<const Loop> m_netflix;
};

std::unique_ptr<SessionEngine> InterviewerSessionTest::answering(ManualClock &clock, int followUps) const
{
    auto engine = SessionEngine::create(m_netflix, oneRound(u"hiring-manager"_s, followUps), clock);
    engine->setInterviewerAsks(true);
    engine->start();
    engine->beginRound();
    engine->promptAsked();
    engine->beginAnswer();
    return engine;
}

void InterviewerSessionTest::initTestCase()
{
    m_netflix = netflixLoop();
    QVERIFY(m_netflix);
}

void InterviewerSessionTest::question_thinkTimeCountsFromTheEndOfTheReading()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_netflix, oneRound(u"hiring-manager"_s), clock);
    engine->setInterviewerAsks(true);
    QSignalSpy waiting(engine.get(), &SessionEngine::promptWaiting);
    engine->start();
    engine->beginRound();
    QCOMPARE(engine->state(), SessionState::Thinking);
    QVERIFY(engine->isAskingPrompt());
    QCOMPARE(waiting.size(), 1);
    QCOMPARE(waiting.first().first().toInt(), -1);

    // The reading takes 8 s; far longer would still not eat the think time.
    clock.advance(45s);
    QCOMPARE(engine->state(), SessionState::Thinking);
    QCOMPARE(engine->clocks().thinkElapsed, Milliseconds(0));
    QCOMPARE(engine->clocks().roundElapsed, Milliseconds(45s)); // the reading is interview time
    QVERIFY(engine->promptAsked());
    QVERIFY(!engine->isAskingPrompt());
    QVERIFY2(!engine->promptAsked(), "asked once");
    clock.advance(29s);
    QCOMPARE(engine->state(), SessionState::Thinking);
    QCOMPARE(engine->clocks().thinkRemaining(), Milliseconds(1s));
    clock.advance(1s);
    QCOMPARE(engine->state(), SessionState::Answering);
    QCOMPARE(engine->currentAnswer()->thinkTime, Milliseconds(30s));
}

void InterviewerSessionTest::noThinkTime_answerBeginsWhenTheReadingEnds()
{
    ManualClock clock;
    SessionRequest request = oneRound(u"hiring-manager"_s);
    request.settings.thinkSeconds = 0;
    auto engine = SessionEngine::create(m_netflix, request, clock);
    engine->setInterviewerAsks(true);
    engine->start();
    engine->beginRound();
    QCOMPARE(engine->state(), SessionState::Thinking);
    clock.advance(6s);
    QCOMPARE(engine->state(), SessionState::Thinking);
    QVERIFY(engine->promptAsked());
    QCOMPARE(engine->state(), SessionState::Answering);
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(0));
}

void InterviewerSessionTest::startingToAnswer_duringTheReading_endsIt()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_netflix, oneRound(u"hiring-manager"_s), clock);
    engine->setInterviewerAsks(true);
    engine->start();
    engine->beginRound();
    clock.advance(2s);
    QVERIFY(engine->beginAnswer());
    QVERIFY(!engine->isAskingPrompt());
    QCOMPARE(engine->currentAnswer()->thinkTime, Milliseconds(0));
    clock.advance(10s);
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(10s));
    QVERIFY(!engine->promptAsked());
}

void InterviewerSessionTest::probe_answerClockWaitsWhileItIsAsked_andThePartKeepsTheAskingTime()
{
    ManualClock clock;
    auto engine = answering(clock, 2);
    QSignalSpy waiting(engine.get(), &SessionEngine::promptWaiting);
    clock.advance(100s);
    QCOMPARE(engine->partElapsed(), Milliseconds(100s));
    QVERIFY(engine->finishAnswer());
    QCOMPARE(engine->followUpIndex(), 0);
    QVERIFY(engine->isAskingPrompt());
    QCOMPARE(waiting.size(), 1);
    QCOMPARE(waiting.last().first().toInt(), 0);

    // 1.5 s choosing the probe and 3.5 s saying it: the take runs on, the probe's clock waits.
    clock.advance(5s);
    QCOMPARE(engine->partElapsed(), Milliseconds(5s));
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(0));
    clock.advance(90s);
    QVERIFY2(engine->state() == SessionState::Answering && engine->followUpIndex() == 0,
             "no limit passes while the probe is asked");
    QVERIFY(engine->promptAsked());
    clock.advance(20s);
    QCOMPARE(engine->partElapsed(), Milliseconds(115s));
    QCOMPARE(engine->clocks().answerRemaining(), Milliseconds(40s));
    QVERIFY(engine->finishAnswer());
    QVERIFY(engine->finishAnswer()); // the second probe, left while it was asked
    QCOMPARE(engine->state(), SessionState::Rating);
    const AnswerRecord &answer = *engine->currentAnswer();
    QCOMPARE(answer.parts.at(1).asking, Milliseconds(95s));
    QCOMPARE(answer.parts.at(1).duration, Milliseconds(20s));
    QCOMPARE(answer.parts.at(2).asking, Milliseconds(0));
    QCOMPARE(answer.answerTime(), Milliseconds(120s)); // asking is the interviewer's time, not the answer's
}

void InterviewerSessionTest::pause_whileAsking_freezesTheAsking()
{
    ManualClock clock;
    auto engine = answering(clock, 1);
    clock.advance(60s);
    engine->finishAnswer();
    clock.advance(2s);
    QVERIFY(engine->pause());
    clock.advance(5min);
    QCOMPARE(engine->partElapsed(), Milliseconds(2s));
    QVERIFY(engine->promptAsked()); // silenced by the pause: asked, its clock waiting for the resume
    clock.advance(1min);
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(0));
    QVERIFY(engine->resume());
    clock.advance(3s);
    QCOMPARE(engine->clocks().answerElapsed, Milliseconds(3s));
    QCOMPARE(engine->partElapsed(), Milliseconds(5s));
}

void InterviewerSessionTest::adaptiveProbe_replacesThePlannedOne_andKeepsItsReason()
{
    ManualClock clock;
    auto engine = answering(clock, 2);
    const QStringList planned = engine->currentQuestion()->followUps;
    QCOMPARE(planned.size(), 2);
    clock.advance(90s);
    QVERIFY2(!engine->replaceFollowUp(u"Too early?"_s, {}), "only a probe being asked is replaced");
    engine->finishAnswer();
    const ProbeReason reason{ProbeSignal::NoNumbers, {}, {}};
    const QString probe = u"What was the measurable result? Give me the numbers."_s;
    QVERIFY(engine->replaceFollowUp(probe, reason));
    QCOMPARE(engine->currentPrompt(), probe);
    QCOMPARE(engine->currentQuestion()->followUps, (QStringList{probe, planned.first()}));
    QCOMPARE(engine->currentAnswer()->parts.last().prompt, probe);
    QCOMPARE(engine->currentAnswer()->parts.last().probeReason, reason);
    QCOMPARE(reason.text(), u"Asked because no numbers were heard"_s);
    engine->promptAsked();
    QVERIFY2(!engine->replaceFollowUp(u"Another?"_s, reason), "once asked, the probe stands");
    engine->finishAnswer();
    QCOMPARE(engine->currentPrompt(), planned.first());
}

void InterviewerSessionTest::marksAndReasons_surviveTheSessionFile()
{
    ManualClock clock;
    auto engine = answering(clock, 1);
    clock.advance(100s);
    const InterviewerMark interruption{InterviewerMark::Kind::Interruption, 95s, 2300ms, 1, u"What did you decide?"_s};
    QVERIFY(engine->addInterviewerMark(interruption));
    engine->finishAnswer();
    const ProbeReason reason{ProbeSignal::MissingPhase, u"member-impact"_s, u"Member Impact"_s};
    engine->replaceFollowUp(u"What did it change for members, and how do you know?"_s, reason);
    const InterviewerMark asked{InterviewerMark::Kind::Probe, 1500ms, 3800ms, -1, engine->currentPrompt()};
    engine->addInterviewerMark(asked);
    clock.advance(6s);

    // Saved mid-asking, as a crash would find it: the asking time so far is in the file.
    QString error;
    const auto restored = SessionSnapshot::fromJson(engine->snapshot().toJson(), &error);
    QVERIFY2(restored, qPrintable(error));
    const AnswerPart &main = restored->current->parts.first();
    QCOMPARE(main.interviewer, (QList<InterviewerMark>{interruption}));
    const AnswerPart &probe = restored->current->parts.last();
    QCOMPARE(probe.interviewer, (QList<InterviewerMark>{asked}));
    QCOMPARE(probe.probeReason, reason);
    QCOMPARE(probe.probeReason->text(), u"Asked because the Member Impact phase was missing"_s);
    QCOMPARE(probe.asking, Milliseconds(6s));

    // Resumed, the interruption already made is not made again.
    auto resumed = SessionEngine::restore(m_netflix, *restored, clock, &error);
    QVERIFY2(resumed, qPrintable(error));
    QVERIFY(!resumed->isAskingPrompt());
}

void InterviewerSessionTest::decisionPhaseOverrun_interruptsOnce_inRoundsThatInterrupt()
{
    ManualClock clock;
    auto engine = SessionEngine::create(m_netflix, oneRound(u"hiring-manager"_s), clock);
    engine->setOverrunThreshold(30s);
    QSignalSpy overran(engine.get(), &SessionEngine::phaseOverran);
    engine->start();
    engine->beginRound();
    engine->beginAnswer();
    clock.advance(20s);
    engine->markNextPhase(); // the decision (target 60 s) from 0:20
    clock.advance(89s);
    QCOMPARE(overran.size(), 0);
    clock.advance(1s); // 60 s + 30 s into the decision
    QCOMPARE(overran.size(), 1);
    QCOMPARE(overran.first().first().toInt(), 1);
    clock.advance(5min);
    QCOMPARE(overran.size(), 1);
    engine->markNextPhase(); // execution, 90 s target
    clock.advance(119s);
    QCOMPARE(overran.size(), 1);
    clock.advance(1s);
    QCOMPARE(overran.size(), 2);
    QCOMPARE(overran.last().first().toInt(), 2);
}

void InterviewerSessionTest::withoutAThreshold_orInARoundThatDoesNotInterrupt_nothingBreaksIn()
{
    for (const auto &[roundId, threshold] :
         {std::pair(u"technical-leadership"_s, Milliseconds(30s)), std::pair(u"hiring-manager"_s, Milliseconds(0))}) {
        ManualClock clock;
        auto engine = SessionEngine::create(m_netflix, oneRound(roundId), clock);
        engine->setOverrunThreshold(threshold);
        QSignalSpy overran(engine.get(), &SessionEngine::phaseOverran);
        engine->start();
        engine->beginRound();
        engine->beginAnswer();
        engine->markNextPhase();
        clock.advance(10min);
        QCOMPARE(overran.size(), 0);
    }
}

void InterviewerSessionTest::chooser_asksForWhatTheAnswerLacked_data()
{
    QTest::addColumn<int>("numbers");
    QTest::addColumn<int>("audience");
    QTest::addColumn<int>("we");
    QTest::addColumn<int>("i");
    QTest::addColumn<QList<int>>("phases");
    QTest::addColumn<QString>("probe");
    QTest::addColumn<QString>("reason");
    const QList<int> all{0, 1, 2, 3, 4};
    QTest::newRow("no numbers") << 0 << 2 << 1 << 9 << all << u"What was the measurable result? Give me the numbers."_s
                                << u"Asked because no numbers were heard"_s;
    QTest::newRow("no numbers and no members: numbers first")
        << 0 << 0 << 1 << 9 << all << u"What was the measurable result? Give me the numbers."_s
        << u"Asked because no numbers were heard"_s;
    QTest::newRow("no members") << 2 << 0 << 1 << 9 << all << u"What did it change for members?"_s
                                << u"Asked because no members, customers or users were mentioned"_s;
    QTest::newRow("we far more than I") << 2 << 1 << 15 << 4 << all
                                        << u"You said \"we\" a lot. What did you personally decide?"_s
                                        << u"Asked because “we” came far more often than “I”"_s;
    QTest::newRow("we and I about even: no signal, and a phase missing")
        << 2 << 1 << 9 << 4 << QList<int>{0, 2, 3, 4}
        << u"What did you decide, and what risk did you accept in deciding it?"_s
        << u"Asked because the Autonomous Decision phase was missing"_s;
    QTest::newRow("two phases missing: the first") << 1 << 1 << 0 << 5 << QList<int>{0, 1, 2}
                                                   << u"How did you tell people the hard parts? Give me one piece of "
                                                      "direct feedback you gave."_s
                                                   << u"Asked because the Direct Communication phase was missing"_s;
}

void InterviewerSessionTest::chooser_asksForWhatTheAnswerLacked()
{
    QFETCH(int, numbers);
    QFETCH(int, audience);
    QFETCH(int, we);
    QFETCH(int, i);
    QFETCH(QList<int>, phases);
    QFETCH(QString, probe);
    QFETCH(QString, reason);
    AnswerSignals answer;
    answer.speechFound = true;
    answer.numbersHeard = numbers;
    answer.audienceMentions = audience;
    answer.firstPersonPlural = we;
    answer.firstPersonSingular = i;
    answer.phasesWithSpeech = phases;
    const auto chosen = AdaptiveProbes::choose(*m_netflix, *m_netflix->round(u"hiring-manager"_s), answer, {}, 0);
    QVERIFY(chosen);
    QCOMPARE(chosen->text, probe);
    QCOMPARE(chosen->reason.text(), reason);
}

void InterviewerSessionTest::chooser_rotatesLines_skipsThoseAsked_andPrefersTheRoundsOwn()
{
    AnswerSignals answer = completeAnswer(*m_netflix);
    answer.numbersHeard = 0;
    const Round &manager = *m_netflix->round(u"hiring-manager"_s);
    const QString first = u"What was the measurable result? Give me the numbers."_s;
    const QString second = u"How did you measure success, before and after?"_s;
    QCOMPARE(AdaptiveProbes::choose(*m_netflix, manager, answer, {}, 0)->text, first);
    QCOMPARE(AdaptiveProbes::choose(*m_netflix, manager, answer, {}, 1)->text, second);
    QCOMPARE(AdaptiveProbes::choose(*m_netflix, manager, answer, {}, 2)->text, first);
    QCOMPARE(AdaptiveProbes::choose(*m_netflix, manager, answer, {first}, 0)->text, second);
    // Both asked already: the next signal that applies has its turn.
    answer.audienceMentions = 0;
    QCOMPARE(AdaptiveProbes::choose(*m_netflix, manager, answer, {first, second}, 0)->reason.signal,
             ProbeSignal::NoMemberMention);
    QCOMPARE(AdaptiveProbes::choose(*m_netflix, *m_netflix->round(u"technical-leadership"_s), answer, {}, 0)->text,
             u"What did the metrics show? Latency, availability or cost, before and after."_s);
    QVERIFY2(!AdaptiveProbes::choose(*m_netflix, manager, completeAnswer(*m_netflix), {}, 0),
             "an answer that lacks nothing keeps the loop's probes");
}

void InterviewerSessionTest::chooser_withNothingHeard_leavesTheLoopsOrder()
{
    AnswerSignals silent;
    QVERIFY(AdaptiveProbes::reasonsFor(*m_netflix, silent).isEmpty());
    QVERIFY(!AdaptiveProbes::choose(*m_netflix, *m_netflix->round(u"hiring-manager"_s), silent, {}, 0));
}

QTEST_GUILESS_MAIN(InterviewerSessionTest)
#include "interviewer_session_test.moc"
