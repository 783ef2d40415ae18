#include "AppTestSupport.h"
#include "PracticeWindow.h"
#include "analysis/AnalysisService.h"
#include "common/AppSettings.h"
#include "library/AnswerDetailView.h"
#include "practice/InterviewerBar.h"
#include "practice/PracticeHomePage.h"
#include "practice/SessionController.h"
#include "practice/SessionInterviewer.h"
#include "practice/SessionPage.h"
#include "voice/InterviewerVoice.h"
#include "voice/SpeechOutput.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QPromise>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// A voice that says nothing: it keeps what it was asked to say, and the test plays each line (on the
// manual clock) or makes it fail. As the real one, a line cut short ends with stopped(), at once.
class FakeSpeechOutput : public SpeechOutput
{
    Q_OBJECT

public:
    void prepare(const QStringList &lines) override { prepared << lines; }
    void say(const QString &text) override
    {
        cutShort();
        current = text;
        said << text;
    }
    void stop() override { cutShort(); }
    bool isBusy() const override { return !current.isEmpty(); }
    void setOutputDeviceId(const QByteArray &deviceId) override { outputDeviceId = deviceId; }

    // The output begins playing the line being said.
    void startLine(qint64 durationMs)
    {
        QVERIFY(!current.isEmpty());
        m_heardSince = clock->monotonic();
        m_heard = true;
        Q_EMIT started(current, durationMs);
    }
    // ...and has played it to its end.
    void finishLine()
    {
        QVERIFY(!current.isEmpty());
        m_heard = false;
        Q_EMIT finished(std::exchange(current, {}));
    }
    // The line said, durationMs long, heard to its end.
    void playLine(qint64 durationMs)
    {
        startLine(durationMs);
        clock->advance(Milliseconds(durationMs));
        finishLine();
    }
    void failLine(const QString &message)
    {
        m_heard = false;
        Q_EMIT failed(std::exchange(current, {}), message);
    }

    ManualClock *clock = nullptr;
    QStringList said;
    QByteArray outputDeviceId;
    QStringList prepared;
    QString current;

private:
    void cutShort()
    {
        if (current.isEmpty())
            return;
        const qint64 played = m_heard ? (clock->monotonic() - m_heardSince).count() : 0;
        m_heard = false;
        Q_EMIT stopped(std::exchange(current, {}), played);
    }

    Milliseconds m_heardSince{0};
    bool m_heard = false;
};

// What the analysis of a main answer heard, made by hand.
AnswerAnalysis heard(int numbers, int audience, int we, int i, const QList<int> &phasesWithSpeech)
{
    AnswerAnalysis analysis;
    analysis.speechFound = true;
    analysis.durationMs = 60000;
    for (int n = 0; n < numbers; ++n)
        analysis.numbersHeard.append({u"forty percent"_s, 1000, 1500, u"40%"_s});
    for (int n = 0; n < audience; ++n)
        analysis.audienceMentions.append({u"members"_s, 2000, 2400, {}});
    for (int n = 0; n < we; ++n)
        analysis.firstPersonPlural.append({u"we"_s, 3000, 3100, {}});
    for (int n = 0; n < i; ++n)
        analysis.firstPersonSingular.append({u"i"_s, 4000, 4100, {}});
    for (const int phase : phasesWithSpeech)
        analysis.phases.append({phase, phase * 10000, 10000, 8000, std::nullopt});
    return analysis;
}

QFuture<Expected<AnswerAnalysis>> ready(const AnswerAnalysis &analysis)
{
    QPromise<Expected<AnswerAnalysis>> promise;
    QFuture<Expected<AnswerAnalysis>> future = promise.future();
    promise.start();
    promise.addResult(Expected<AnswerAnalysis>(analysis));
    promise.finish();
    return future;
}

} // namespace

// A session with an interviewer who speaks, through a fake voice on the manual clock: questions read
// before think time starts, V, the round's opening and closing, probes chosen from the answer,
// interruptions, and the marks that keep the interviewer's words out of the analysis.
class InterviewerFlowTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init();
    void cleanup();

    void question_isReadAloud_thinkTimeStartsWhenTheReadingEnds();
    void voiceKey_silencesAtOnce_andTurnsTheVoiceBackOn();
    void round_opensWithItsOpening_andClosesWithItsClosing();
    void followUp_asksForWhatTheAnswerLacked_data();
    void followUp_asksForWhatTheAnswerLacked();
    void followUp_analysisLate_keepsTheLoopsOrder();
    void decisionPhaseOverrun_interviewerBreaksIn_andTheTakeMarksIt();
    void voiceOff_interruptionIsShownOnly();
    void loopThatDoesNotSpeak_asksOnScreen_andTheVoiceKeyStillTurnsItOn();
    void probeAsked_duringTheTake_isLeftOutOfTheAnalysis();
    void voiceProblem_isShownOnce_andTheSessionGoesOnSilently();
    void pause_silencesTheReading_andResumeReadsItAgain();
    void settings_voiceSection_keepsChoices_listsVoices_andTriesTheVoice();

protected:
    void adjustServices(AppServices &services) override;

private:
    // A single question of the Netflix loop, chosen (fr-take-over-project: hiring manager round).
    void startChosenQuestion();
    void startRound(const QString &roundId);
    SessionInterviewer *interviewer() const { return m_window->sessionPage()->controller()->interviewer(); }
    QString status() const { return find<InterviewerBar>(u"interviewerBar"_s)->statusText(); }

    std::unique_ptr<FakeSpeechOutput> m_speech;
    std::unique_ptr<InterviewerVoice> m_voice;
};

void InterviewerFlowTest::init()
{
    m_speech = std::make_unique<FakeSpeechOutput>();
    // A voice list with one that is not installed, for Settings to show why.
    InterviewerVoice::Options options;
    options.voices.append({u"nope"_s, u"nope: a voice that is not there"_s, u"flite_cmu_us_nope"_s, 1,
                           "register_cmu_us_nope", u"libflite1"_s});
    m_voice = std::make_unique<InterviewerVoice>(VoiceSettings{}, options);
    setUpWindow();
}

void InterviewerFlowTest::cleanup()
{
    tearDownWindow();
    m_speech.reset();
    m_voice.reset();
}

void InterviewerFlowTest::adjustServices(AppServices &services)
{
    m_speech->clock = m_clock.get();
    services.speech = m_speech.get();
    services.voice = m_voice.get();
}

void InterviewerFlowTest::startChosenQuestion()
{
    chooseMode(u"modeSingleQuestion"_s);
    choose(u"questionPickChoice"_s, 3); // a question I choose
    choose(u"questionChoice"_s, u"fr-take-over-project"_s);
    startSession();
}

void InterviewerFlowTest::startRound(const QString &roundId)
{
    chooseMode(u"modeOneRound"_s);
    choose(u"roundChoice"_s, roundId);
    startSession();
}

void InterviewerFlowTest::question_isReadAloud_thinkTimeStartsWhenTheReadingEnds()
{
    startChosenQuestion();
    SessionEngine *session = engine();
    QCOMPARE(session->state(), SessionState::Thinking);
    QVERIFY(session->isAskingPrompt());
    QCOMPARE(m_speech->said, QStringList{session->currentPrompt()});
    // The probes to come are rendered ahead.
    for (const QString &probe : session->currentQuestion()->followUps)
        QVERIFY2(m_speech->prepared.contains(probe), qPrintable(probe));
    QVERIFY2(find<QLabel>(u"clockCaption"_s)->text().contains(u"think time starts after it"_s),
             qPrintable(find<QLabel>(u"clockCaption"_s)->text()));

    // A long reading does not eat the think time.
    m_speech->startLine(6000);
    QVERIFY2(status().contains(u"reading the question"_s), qPrintable(status()));
    m_clock->advance(45s);
    QCOMPARE(session->state(), SessionState::Thinking);
    QCOMPARE(session->clocks().thinkElapsed, Milliseconds(0));
    m_speech->finishLine();
    QVERIFY(!session->isAskingPrompt());
    QVERIFY(find<QLabel>(u"clockCaption"_s)->text().startsWith(u"Think time"_s));
    m_clock->advance(29s);
    QCOMPARE(session->state(), SessionState::Thinking);
    m_clock->advance(1s);
    QCOMPARE(session->state(), SessionState::Answering);
    QCOMPARE(session->currentAnswer()->thinkTime, Milliseconds(30s));
}

void InterviewerFlowTest::voiceKey_silencesAtOnce_andTurnsTheVoiceBackOn()
{
    startChosenQuestion();
    SessionEngine *session = engine();
    auto *toggle = find<QPushButton>(u"voiceToggle"_s);
    QVERIFY(toggle->isEnabled() && toggle->isChecked());
    QCOMPARE(toggle->accessibleName(), u"Interviewer's voice"_s);
    // Tab reaches it where it stands, above the question: before the notes box and the controls.
    QStringList chain;
    for (QWidget *widget = m_window->nextInFocusChain(); widget != m_window.get() && chain.size() < 1000;
         widget = widget->nextInFocusChain())
        chain << widget->objectName();
    QVERIFY(chain.contains(u"voiceToggle"_s) && chain.contains(u"answerNotes"_s));
    QVERIFY(chain.indexOf(u"voiceToggle"_s) < chain.indexOf(u"answerNotes"_s));
    QVERIFY(chain.indexOf(u"voiceToggle"_s) < chain.indexOf(u"startAnswerActionButton"_s));
    QVERIFY2(toggle->text().startsWith(u"Voice on"_s), qPrintable(toggle->text()));
    m_speech->startLine(6000);
    m_clock->advance(2s);

    key(Qt::Key_V);
    QVERIFY2(m_speech->current.isEmpty(), "silent at once");
    QVERIFY(!interviewer()->isVoiceOn());
    QVERIFY2(toggle->text().startsWith(u"Voice off"_s), qPrintable(toggle->text()));
    QVERIFY(!toggle->isChecked());
    QVERIFY2(status().contains(u"voice is off"_s), qPrintable(status()));
    QVERIFY(!find<QAction>(u"voiceAction"_s)->isChecked());
    // Silenced, the question counts as asked: think time runs from now.
    QVERIFY(!session->isAskingPrompt());
    m_clock->advance(30s);
    QCOMPARE(session->state(), SessionState::Answering);
    m_clock->advance(60s);
    key(Qt::Key_Return);
    QCOMPARE(session->followUpIndex(), 0);
    QCOMPARE(m_speech->said.size(), 1); // the probe is shown, not said
    QVERIFY(!session->isAskingPrompt());

    // On again: the next probe is read aloud.
    key(Qt::Key_V);
    QVERIFY(interviewer()->isVoiceOn());
    QVERIFY2(status().contains(u"voice is on"_s), qPrintable(status()));
    m_clock->advance(20s);
    key(Qt::Key_Return);
    QCOMPARE(session->followUpIndex(), 1);
    QCOMPARE(m_speech->said.last(), session->currentPrompt());
    QVERIFY(session->isAskingPrompt());
    // The button does what V does.
    QTest::mouseClick(toggle, Qt::LeftButton);
    QVERIFY(!interviewer()->isVoiceOn());
    QVERIFY(m_speech->current.isEmpty());
    QVERIFY(!session->isAskingPrompt());
}

void InterviewerFlowTest::round_opensWithItsOpening_andClosesWithItsClosing()
{
    startRound(u"hiring-manager"_s);
    SessionEngine *session = engine();
    const Round &round = *session->loop().round(u"hiring-manager"_s);
    QCOMPARE(session->state(), SessionState::Briefing);
    // The round's lines are rendered while the briefing is read.
    for (const QString &line : {round.opening, round.closing,
                                session->loop().question(session->currentSegment().questions.first().questionId)->text})
        QVERIFY2(m_speech->prepared.contains(line), qPrintable(line));
    QVERIFY(m_speech->prepared.contains(session->loop().adaptiveProbeLines(round).first()));

    key(Qt::Key_Return); // begin the round
    QCOMPARE(m_speech->said, QStringList{round.opening});
    QVERIFY2(status().contains(u"opens the round"_s), qPrintable(status()));
    m_speech->playLine(12000);
    QCOMPARE(m_speech->said.last(), session->currentPrompt());
    QVERIFY(session->isAskingPrompt()); // the question comes after the opening
    m_speech->playLine(4000);
    QVERIFY(!session->isAskingPrompt());
    QCOMPARE(session->clocks().roundElapsed, Milliseconds(16s));

    onNextMessageBox(u"End Round"_s);
    key(Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(session->state(), SessionState::Finished); // one round: its summary is the session's
    QCOMPARE(m_speech->said.last(), round.closing);
    QVERIFY2(status().contains(u"closes the round"_s), qPrintable(status()));
}

void InterviewerFlowTest::followUp_asksForWhatTheAnswerLacked_data()
{
    QTest::addColumn<QList<int>>("mainAnswer"); // numbers, members, "we", "I", then the phases with speech
    QTest::addColumn<int>("signal");
    QTest::addColumn<QString>("phaseId");
    QTest::addColumn<QString>("reason");
    const QList<int> allPhases{0, 1, 2, 3, 4};
    QTest::newRow("no numbers") << QList<int>{0, 3, 2, 9} + allPhases << int(ProbeSignal::NoNumbers) << QString()
                                << u"Asked because no numbers were heard"_s;
    QTest::newRow("no members") << QList<int>{2, 0, 2, 9} + allPhases << int(ProbeSignal::NoMemberMention) << QString()
                                << u"Asked because no members, customers or users were mentioned"_s;
    QTest::newRow("we far more than I") << QList<int>{2, 1, 14, 2} + allPhases << int(ProbeSignal::WeOverI) << QString()
                                        << u"Asked because “we” came far more often than “I”"_s;
    QTest::newRow("no decision") << QList<int>{2, 1, 2, 9, 0, 2, 3, 4} << int(ProbeSignal::MissingPhase)
                                 << u"decision"_s << u"Asked because the Autonomous Decision phase was missing"_s;
}

void InterviewerFlowTest::followUp_asksForWhatTheAnswerLacked()
{
    QFETCH(QList<int>, mainAnswer);
    QFETCH(int, signal);
    QFETCH(QString, phaseId);
    QFETCH(QString, reason);
    startChosenQuestion();
    SessionEngine *session = engine();
    SessionController *controller = m_window->sessionPage()->controller();
    std::optional<AnswerContext> asked;
    const AnswerAnalysis analysis
        = heard(mainAnswer.at(0), mainAnswer.at(1), mainAnswer.at(2), mainAnswer.at(3), mainAnswer.mid(4));
    controller->setMainAnswerAnalysis([&asked, analysis](const AnswerContext &context) {
        asked = context;
        return ready(analysis);
    });
    const QStringList planned = session->currentQuestion()->followUps;
    m_speech->playLine(5000);
    key(Qt::Key_Return); // start answering
    m_clock->advance(20s);
    key(Qt::Key_Space); // the decision
    m_clock->advance(70s);
    key(Qt::Key_Return); // finish: the follow-up is chosen from what was said
    QCOMPARE(session->followUpIndex(), 0);
    QTRY_VERIFY(asked.has_value());
    QCOMPARE(asked->phaseMarks.first().startMs, 0); // the main answer, as the analysis sees it
    const Round &round = *session->loop().round(session->currentQuestion()->roundId);
    const QStringList lines = session->loop().probeLines(round, ProbeSignal(signal), phaseId);
    QTRY_VERIFY2(lines.contains(m_speech->said.last()), qPrintable(m_speech->said.last()));
    QCOMPARE(session->currentPrompt(), m_speech->said.last());
    QVERIFY2(find<QLabel>(u"followUpText"_s)->text().contains(session->currentPrompt()),
             qPrintable(find<QLabel>(u"followUpText"_s)->text()));
    QCOMPARE(session->currentAnswer()->parts.last().probeReason->text(), reason);
    // The loop's first probe comes next.
    QCOMPARE(session->currentQuestion()->followUps.at(1), planned.first());

    // Kept with the answer, and the Library says why it was asked.
    m_speech->playLine(3000);
    m_clock->advance(30s);
    key(Qt::Key_Return);
    m_speech->playLine(3000);
    m_clock->advance(30s);
    key(Qt::Key_Return);
    QCOMPARE(session->state(), SessionState::Rating);
    rateAndSubmit(3);
    QTRY_COMPARE(AppTest::wait(m_library->run([](LibraryStore *store) { return store->countAnswers(); })), 1);
    const auto detail
        = AppTest::wait(m_library->run([](LibraryStore *store) { return store->answer(store->answers().first().id); }));
    QVERIFY(detail);
    QCOMPARE(detail->record.parts.at(1).probeReason->text(), reason);
    AnswerDetailView view;
    view.showAnswer(*detail, nullptr, QString(), {});
    auto *reasons = view.findChild<QLabel *>(u"probeReasons"_s);
    QVERIFY(reasons && !reasons->isHidden());
    QVERIFY2(reasons->text().contains(reason), qPrintable(reasons->text()));
}

void InterviewerFlowTest::followUp_analysisLate_keepsTheLoopsOrder()
{
    startChosenQuestion();
    SessionEngine *session = engine();
    SessionController *controller = m_window->sessionPage()->controller();
    auto never = std::make_shared<QPromise<Expected<AnswerAnalysis>>>();
    never->start();
    controller->setMainAnswerAnalysis([never](const AnswerContext &) { return never->future(); });
    controller->setFollowUpChoiceWait(50ms);
    const QStringList planned = session->currentQuestion()->followUps;
    m_speech->playLine(5000);
    key(Qt::Key_Return);
    m_clock->advance(40s); // within the challenge's 30 s and the 30 s before an interruption
    key(Qt::Key_Return);
    QVERIFY(session->isAskingPrompt());
    QCOMPARE(m_speech->said.size(), 1); // waiting a moment for the analysis
    QTRY_COMPARE(m_speech->said.size(), 2);
    QCOMPARE(m_speech->said.last(), planned.first());
    QVERIFY(!session->currentAnswer()->parts.last().probeReason);
    // Arriving later, it changes nothing.
    never->addResult(Expected<AnswerAnalysis>(heard(0, 0, 0, 0, {})));
    never->finish();
    QTest::qWait(50);
    QCOMPARE(session->currentPrompt(), planned.first());
}

void InterviewerFlowTest::decisionPhaseOverrun_interviewerBreaksIn_andTheTakeMarksIt()
{
    startRound(u"hiring-manager"_s);
    SessionEngine *session = engine();
    key(Qt::Key_Return); // begin the round
    m_speech->playLine(12000); // the opening
    m_speech->playLine(4000); // the question
    key(Qt::Key_Return); // start answering
    m_clock->advance(20s);
    key(Qt::Key_Space); // the decision, 60 s target, interrupted 30 s past it
    const qsizetype before = m_speech->said.size();
    m_clock->advance(89s);
    QCOMPARE(m_speech->said.size(), before);
    m_clock->advance(1s);
    QCOMPARE(m_speech->said.size(), before + 1);
    const Loop &loop = session->loop();
    const QStringList lines = loop.interruptionLines(*loop.round(u"hiring-manager"_s), u"decision"_s);
    const QString line = m_speech->said.last();
    QVERIFY2(lines.contains(line), qPrintable(line));
    QVERIFY2(status().contains(u"breaks in"_s) && status().contains(line), qPrintable(status()));
    m_speech->startLine(2000);
    m_clock->advance(2s);
    m_speech->finishLine();

    // The take marks it, and the analysis leaves it out.
    const AnswerPart &main = session->currentAnswer()->parts.first();
    QCOMPARE(main.interviewer.size(), 1);
    const InterviewerMark mark = main.interviewer.first();
    QCOMPARE(mark.kind, InterviewerMark::Kind::Interruption);
    QCOMPARE(mark.at, Milliseconds(110s));
    QCOMPARE(mark.length, Milliseconds(2000 + SessionInterviewer::TailMs));
    QCOMPARE(mark.phaseIndex, 1);
    QCOMPARE(mark.text, line);
    const AnswerContext context = AnalysisService::contextOf(*session->currentAnswer(), &loop);
    QCOMPARE(context.excluded, (QList<TimeRange>{{110000, 112000 + SessionInterviewer::TailMs}}));
    // Once a phase.
    m_clock->advance(3min);
    QCOMPARE(m_speech->said.size(), before + 1);
}

void InterviewerFlowTest::voiceOff_interruptionIsShownOnly()
{
    AppSettings::setInterruptionThresholdSeconds(10);
    startRound(u"hiring-manager"_s);
    SessionEngine *session = engine();
    key(Qt::Key_V);
    key(Qt::Key_Return);
    QVERIFY(m_speech->said.isEmpty());
    key(Qt::Key_Return); // start answering
    key(Qt::Key_Space);
    m_clock->advance(70s);
    QVERIFY(m_speech->said.isEmpty());
    QVERIFY2(status().contains(u"breaks in"_s), qPrintable(status()));
    const InterviewerMark mark = session->currentAnswer()->parts.first().interviewer.value(0);
    QCOMPARE(mark.at, Milliseconds(70s));
    QCOMPARE(mark.length, Milliseconds(0)); // shown, not heard: nothing to leave out
    QVERIFY(AnalysisService::contextOf(*session->currentAnswer(), &session->loop()).excluded.isEmpty());
}

// A loop can say its interviewer does not speak (interviewer_speaks: false): its questions are
// asked on screen only, think time starts at once, and the voice can still be turned on.
void InterviewerFlowTest::loopThatDoesNotSpeak_asksOnScreen_andTheVoiceKeyStillTurnsItOn()
{
    QFile netflix(QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    QVERIFY(netflix.open(QIODevice::ReadOnly));
    QByteArray yaml = netflix.readAll();
    yaml.replace("\nid: netflix-engineering-leadership\n", "\nid: quiet-loop\ninterviewer_speaks: false\n");
    yaml.replace("\ntitle: Netflix Engineering Leadership Loop\n", "\ntitle: Quiet Loop\n");
    const QString path = m_dir->filePath(u"quiet-loop.yaml"_s);
    QFile quiet(path);
    QVERIFY(quiet.open(QIODevice::WriteOnly) && quiet.write(yaml) == yaml.size());
    quiet.close();
    m_window->practiceHome()->openLoopFile(path);
    QTRY_COMPARE_WITH_TIMEOUT(find<QComboBox>(u"loopChoice"_s)->currentData().toString(), u"quiet-loop"_s, 10000);
    QVERIFY(AppSettings::voiceEnabled()); // the setting stays on: the loop decides for itself

    startChosenQuestion();
    SessionEngine *session = engine();
    QCOMPARE(session->loop().id, u"quiet-loop"_s);
    QVERIFY(m_speech->said.isEmpty());
    QVERIFY(m_speech->prepared.isEmpty());
    QVERIFY(!session->isAskingPrompt());
    m_clock->advance(30s);
    QCOMPARE(session->state(), SessionState::Answering);
    QCOMPARE(session->currentAnswer()->thinkTime, Milliseconds(30s));
    QVERIFY(!interviewer()->isVoiceOn());
    QVERIFY2(find<QPushButton>(u"voiceToggle"_s)->text().startsWith(u"Voice off"_s),
             qPrintable(find<QPushButton>(u"voiceToggle"_s)->text()));
    m_clock->advance(60s);
    key(Qt::Key_Return);
    QCOMPARE(session->followUpIndex(), 0);
    QVERIFY(m_speech->said.isEmpty()); // the probe is shown, not said

    // Turned on by hand, the interviewer reads the next probe aloud.
    key(Qt::Key_V);
    QVERIFY(interviewer()->isVoiceOn());
    m_clock->advance(20s);
    key(Qt::Key_Return);
    QCOMPARE(session->followUpIndex(), 1);
    QCOMPARE(m_speech->said, QStringList{session->currentPrompt()});
}

void InterviewerFlowTest::probeAsked_duringTheTake_isLeftOutOfTheAnalysis()
{
    startChosenQuestion();
    SessionEngine *session = engine();
    m_speech->playLine(5000);
    key(Qt::Key_Return);
    m_clock->advance(20s);
    key(Qt::Key_Space);
    m_clock->advance(40s);
    key(Qt::Key_Return); // the probe: asked during the take
    QVERIFY(session->isAskingPrompt());
    m_clock->advance(1s); // the output starts
    m_speech->startLine(3000);
    m_clock->advance(3s);
    QCOMPARE(session->clocks().answerElapsed, Milliseconds(0));
    m_speech->finishLine();
    QVERIFY(!session->isAskingPrompt());
    m_clock->advance(25s);
    const AnswerPart &probe = session->currentAnswer()->parts.last();
    QCOMPARE(probe.asking, Milliseconds(4s));
    QCOMPARE(probe.interviewer,
             (QList<InterviewerMark>{{InterviewerMark::Kind::Probe, 1s, Milliseconds(3000 + SessionInterviewer::TailMs),
                                      -1, session->currentPrompt()}}));
    key(Qt::Key_Return);
    const AnswerContext context = AnalysisService::contextOf(*session->currentAnswer(), &session->loop());
    // The take: 60 s of answer, the probe heard from 61 s, its answer from 64 s.
    QCOMPARE(context.excluded.first(), (TimeRange{61000, 64000 + SessionInterviewer::TailMs}));
    QCOMPARE(context.phaseMarks.at(1).startMs, 20000);
    QCOMPARE(context.phaseMarks.at(2).phaseIndex, -1);
    QCOMPARE(context.phaseMarks.at(2).startMs, 60000);
    QCOMPARE(context.phaseMarks.at(3).startMs, 89000); // the second probe, after 4 s of asking and 25 s
}

void InterviewerFlowTest::voiceProblem_isShownOnce_andTheSessionGoesOnSilently()
{
    startChosenQuestion();
    SessionEngine *session = engine();
    QSignalSpy problems(interviewer(), &SessionInterviewer::problemOccurred);
    const QString message = u"The voice slt cannot be loaded: install the Debian package libflite1."_s;
    m_speech->failLine(message);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(status(), message);
    QVERIFY(!interviewer()->isVoiceOn());
    QVERIFY(find<QPushButton>(u"voiceToggle"_s)->text().startsWith(u"Voice off"_s));
    QVERIFY(!session->isAskingPrompt()); // the session goes on
    m_clock->advance(30s);
    QCOMPARE(session->state(), SessionState::Answering);
    m_clock->advance(60s);
    key(Qt::Key_Return);
    QCOMPARE(m_speech->said.size(), 1);
    // Turned on again and failing again: not said twice.
    key(Qt::Key_V);
    m_clock->advance(10s);
    key(Qt::Key_Return);
    m_speech->failLine(message);
    QCOMPARE(problems.size(), 1);
    QVERIFY(!session->isAskingPrompt());
}

void InterviewerFlowTest::pause_silencesTheReading_andResumeReadsItAgain()
{
    startChosenQuestion();
    SessionEngine *session = engine();
    m_speech->startLine(5000);
    m_clock->advance(2s);
    key(Qt::Key_P);
    QVERIFY(session->isPaused());
    QVERIFY(m_speech->current.isEmpty());
    QVERIFY(session->isAskingPrompt());
    m_clock->advance(1min);
    key(Qt::Key_P);
    QCOMPARE(m_speech->said.size(), 2);
    QCOMPARE(m_speech->said.last(), session->currentPrompt());
    m_speech->playLine(5000);
    QVERIFY(!session->isAskingPrompt());
    QCOMPARE(session->clocks().thinkElapsed, Milliseconds(0));
}

void InterviewerFlowTest::settings_voiceSection_keepsChoices_listsVoices_andTriesTheVoice()
{
    m_window->showPage(MainWindow::Page::Settings);
    auto *choice = find<QComboBox>(u"voiceChoice"_s);
    QVERIFY(choice && choice->isVisible());
    // Every voice is tried on a worker; the one not installed is listed, greyed, with why.
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"voiceStatus"_s)->text().contains(u"libflite1"_s), 20000);
    const int missing = choice->findData(u"nope"_s);
    QVERIFY(missing >= 0);
    QVERIFY(!qobject_cast<QStandardItemModel *>(choice->model())->item(missing)->isEnabled());
    QVERIFY2(choice->itemText(missing).contains(u"not available"_s), qPrintable(choice->itemText(missing)));
    QCOMPARE(choice->currentData().toString(), u"slt"_s);

    // Changes are kept at once and used for the next line.
    choice->setCurrentIndex(choice->findData(u"awb"_s));
    Q_EMIT choice->activated(choice->currentIndex());
    find<QDoubleSpinBox>(u"voiceRate"_s)->setValue(1.3);
    find<QSpinBox>(u"voiceVolume"_s)->setValue(60);
    find<QSpinBox>(u"interruptionThreshold"_s)->setValue(45);
    QCOMPARE(AppSettings::voiceSettings(), (VoiceSettings{u"awb"_s, 1.3, 0.6}));
    QCOMPARE(m_voice->settings(), (VoiceSettings{u"awb"_s, 1.3, 0.6}));
    QCOMPARE(AppSettings::interruptionThresholdSeconds(), 45);

    // The output it speaks on: the system's default first, then each output there is, by name; an
    // output chosen before and not connected now stays chosen, and says so.
    auto *output = find<QComboBox>(u"voiceOutput"_s);
    QCOMPARE(output->itemText(0), u"The system's default output"_s);
    QCOMPARE(output->currentIndex(), 0);
    AppSettings::setVoiceOutputId("headphones-unplugged");
    m_window->showPage(MainWindow::Page::Practice);
    m_window->showPage(MainWindow::Page::Settings); // read again as it is shown
    QCOMPARE(output->currentData().toByteArray(), QByteArray("headphones-unplugged"));
    QVERIFY2(output->currentText().contains(u"not connected"_s), qPrintable(output->currentText()));
    output->setCurrentIndex(0);
    Q_EMIT output->activated(0);
    QVERIFY(AppSettings::voiceOutputId().isEmpty());
    QCOMPARE(m_speech->outputDeviceId, QByteArray());
    output->setCurrentIndex(output->findData(QByteArray("headphones-unplugged")));
    Q_EMIT output->activated(output->currentIndex());
    QCOMPARE(AppSettings::voiceOutputId(), QByteArray("headphones-unplugged"));
    QCOMPARE(m_speech->outputDeviceId, QByteArray("headphones-unplugged"));

    auto *enabled = find<QAbstractButton>(u"voiceEnabled"_s);
    QVERIFY(enabled->isChecked());
    enabled->click();
    QVERIFY(!AppSettings::voiceEnabled());

    QTest::mouseClick(find<QPushButton>(u"voiceTry"_s), Qt::LeftButton);
    QCOMPARE(m_speech->said.last(),
             u"Tell me about a time you made a significant decision without explicit approval."_s);
    QCOMPARE(find<QLabel>(u"voiceTryStatus"_s)->text(), u"Speaking…"_s);
    m_speech->playLine(4000);
    QVERIFY(find<QLabel>(u"voiceTryStatus"_s)->text().isEmpty());

    // Off in Settings: the next session starts silent.
    m_window->showPage(MainWindow::Page::Practice);
    startChosenQuestion();
    QVERIFY(!interviewer()->isVoiceOn());
    QCOMPARE(m_speech->said.size(), 1);
    QVERIFY(!engine()->isAskingPrompt());
}

QTEST_MAIN(InterviewerFlowTest)
#include "interviewer_flow_test.moc"
