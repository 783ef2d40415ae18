#include "AppTestSupport.h"
#include "AudioTestSupport.h"
#include "SpeechFixtures.h"
#include "analysis/AnalysisService.h"
#include "audio/AudioInputs.h"
#include "audio/MultimediaBackend.h"
#include "common/AppSettings.h"
#include "common/ApplicationIdentity.h"
#include "library/PracticeLibrary.h"
#include "mainwindow/MainWindow.h"
#include "practice/SessionController.h"
#include "practice/SessionInterviewer.h"
#include "practice/SessionPage.h"
#include "session/Clock.h"
#include "voice/InterviewerVoice.h"
#include "voice/SpeechPlayer.h"
#include "voice/VoiceSpeechOutput.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

qint64 monotonicMs()
{
    QElapsedTimer now;
    now.start();
    return now.msecsSinceReference();
}

} // namespace

// The interviewer's real voice in a real session, on the audio rig: the question played to the
// speaker (its monitor recorded), think time from the end of the reading, V silencing it at once,
// and answers spoken (by flite) into the virtual microphone choosing the follow-up.
class PracticeVoiceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void question_isPlayedToTheSpeaker_andThinkTimeStartsWhenItEnds();
    void voiceKey_silencesTheQuestionAtOnce();
    void spokenAnswer_choosesTheFollowUp_data();
    void spokenAnswer_choosesTheFollowUp();
    void decisionOverrun_isInterruptedAloud_andMarkedInTheTake();

private:
    void startChosenQuestion();
    SessionEngine *engine() const { return m_window->sessionPage()->controller()->engine(); }
    void key(Qt::Key key);

    QTemporaryDir m_dir;
    int m_runs = 0; // each test a library of its own
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<PracticeLibrary> m_library;
    std::unique_ptr<AudioInputs> m_inputs;
    std::unique_ptr<AnalysisService> m_analysis;
    std::unique_ptr<InterviewerVoice> m_voice;
    std::unique_ptr<VoiceSpeechOutput> m_speech;
    std::unique_ptr<MainWindow> m_window;
};

void PracticeVoiceTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*QCoreApplication::instance());
    selectMultimediaBackend();
    MOCKLOOP_REQUIRE_AUDIO_RIG();
    MOCKLOOP_REQUIRE_TOOL("flite");
    MOCKLOOP_REQUIRE_TOOL("parecord");
}

void PracticeVoiceTest::init()
{
    QSettings().clear();
    m_clock = std::make_unique<ManualClock>();
    m_library = std::make_unique<PracticeLibrary>();
    m_library->open(m_dir.filePath(u"library-%1"_s.arg(++m_runs)));
    m_inputs = std::make_unique<AudioInputs>();
    m_analysis = std::make_unique<AnalysisService>(m_library.get());
    m_voice = std::make_unique<InterviewerVoice>();
    m_speech = std::make_unique<VoiceSpeechOutput>(m_voice.get());
    AppServices services;
    services.clock = m_clock.get();
    services.library = m_library.get();
    services.audioInputs = m_inputs.get();
    services.analysis = m_analysis.get();
    services.voice = m_voice.get();
    services.speech = m_speech.get();
    services.sessionFilePath = m_dir.filePath(u"session-%1.json"_s.arg(m_runs));
    m_window = std::make_unique<MainWindow>(services);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isCatalogLoaded(), 10000);
}

void PracticeVoiceTest::cleanup()
{
    m_window.reset(); // before the services it uses
    m_speech.reset();
    m_voice.reset();
    m_analysis.reset();
    m_inputs.reset();
    m_library.reset();
    m_clock.reset();
}

void PracticeVoiceTest::key(Qt::Key key)
{
    m_window->activateWindow();
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get(), key);
}

void PracticeVoiceTest::startChosenQuestion()
{
    m_window->findChild<QRadioButton *>(u"modeSingleQuestion"_s)->setChecked(true);
    auto *pick = m_window->findChild<QComboBox *>(u"questionPickChoice"_s);
    pick->setCurrentIndex(pick->findData(3)); // a question I choose
    auto *question = m_window->findChild<QComboBox *>(u"questionChoice"_s);
    question->setCurrentIndex(question->findData(u"fr-take-over-project"_s));
    QTest::mouseClick(m_window->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sessionPage()->controller() != nullptr, 10000);
}

void PracticeVoiceTest::question_isPlayedToTheSpeaker_andThinkTimeStartsWhenItEnds()
{
    AudioTest::SpeakerRecording recording(m_dir.filePath(u"question.raw"_s));
    startChosenQuestion();
    SessionEngine *session = engine();
    QVERIFY(session->isAskingPrompt());
    QSignalSpy asked(session, &SessionEngine::askingFinished);
    // While the question is heard, the think clock waits.
    QTRY_VERIFY_WITH_TIMEOUT(m_speech->player()->isSpeaking(), 10000);
    QTest::qWait(1000);
    QVERIFY(session->isAskingPrompt());
    QCOMPARE(session->clocks().thinkElapsed, Milliseconds(0));
    QVERIFY(asked.wait(20000));
    const qint64 askedAt = monotonicMs();
    QVERIFY(!session->isAskingPrompt());
    m_clock->advance(1s);
    QCOMPARE(session->clocks().thinkElapsed, Milliseconds(1s));

    // The speaker played the question, all of it, and think time started as it ended.
    const QList<AudioTest::Activity> sounds = AudioTest::findSounds(recording.finish(), 16000, 400, -45);
    QVERIFY2(!sounds.isEmpty(), "the question was heard on the speaker");
    const qint64 heardMs = sounds.last().offsetMs - sounds.first().onsetMs;
    const qint64 endedAt = recording.startedMs() + sounds.last().offsetMs;
    qInfo("question heard for %lld ms; think time started %lld ms after the last sound", heardMs, askedAt - endedAt);
    QVERIFY2(heardMs > 2500, qPrintable(QString::number(heardMs)));
    QVERIFY2(askedAt >= endedAt - 150, "think time started before the reading ended");
    QVERIFY2(askedAt <= endedAt + 1000, "think time started long after the reading ended");
}

void PracticeVoiceTest::voiceKey_silencesTheQuestionAtOnce()
{
    AudioTest::SpeakerRecording recording(m_dir.filePath(u"silenced.raw"_s));
    startChosenQuestion();
    SessionEngine *session = engine();
    QTRY_VERIFY_WITH_TIMEOUT(m_speech->player()->isSpeaking(), 10000);
    QTest::qWait(1200);
    const qint64 pressedAt = monotonicMs();
    key(Qt::Key_V);
    QVERIFY(!m_speech->player()->isSpeaking());
    QVERIFY(!m_window->sessionPage()->controller()->interviewer()->isVoiceOn());
    QVERIFY(!session->isAskingPrompt()); // think time runs from the silence
    QTest::qWait(1500);
    const QList<AudioTest::Activity> sounds = AudioTest::findSounds(recording.finish(), 16000, 400, -45);
    QVERIFY2(!sounds.isEmpty(), "the question had begun");
    const qint64 lastSoundAt = recording.startedMs() + sounds.last().offsetMs;
    qInfo("the last sound %lld ms after V", lastSoundAt - pressedAt);
    QVERIFY2(lastSoundAt <= pressedAt + 250, qPrintable(u"heard %1 ms after V"_s.arg(lastSoundAt - pressedAt)));
    QVERIFY(sounds.last().offsetMs - sounds.first().onsetMs >= 700);
}

void PracticeVoiceTest::spokenAnswer_choosesTheFollowUp_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<bool>("measurableResultProbe");
    QTest::newRow("no numbers") << u"probe-no-numbers-answer"_s << true;
    QTest::newRow("sixty percent") << u"rating-page-answer"_s << false;
}

void PracticeVoiceTest::spokenAnswer_choosesTheFollowUp()
{
    QFETCH(QString, script);
    QFETCH(bool, measurableResultProbe);
    QString error;
    const auto spoken = SpeechFixtures::render(SpeechFixtures::scriptPath(script), m_dir.path(), &error);
    QVERIFY2(spoken, qPrintable(error));
    const std::vector<qint16> samples = SpeechFixtures::readWav(spoken->wavPath);
    const QString feed = m_dir.filePath(script + u".raw"_s);
    {
        QFile raw(feed);
        QVERIFY(raw.open(QIODevice::WriteOnly));
        raw.write(reinterpret_cast<const char *>(samples.data()), qint64(samples.size()) * 2);
    }
    const qint64 speechMs = qint64(samples.size()) / 16;

    startChosenQuestion();
    SessionEngine *session = engine();
    SessionController *controller = m_window->sessionPage()->controller();
    // However busy the machine, the choice waits for the analysis here: the test is about the choice.
    controller->setFollowUpChoiceWait(60s);
    QTRY_VERIFY_WITH_TIMEOUT(!session->isAskingPrompt(), 20000); // the question, read aloud
    key(Qt::Key_Return); // start answering
    QCOMPARE(session->state(), SessionState::Answering);
    QTRY_COMPARE_WITH_TIMEOUT(controller->recorder()->state(), AudioRecorder::State::Recording, 15000);
    auto speaker = AudioTest::playInto(u"micfeed"_s, feed, 90, 250);
    QVERIFY(speaker->waitForFinished(90000));
    QTRY_VERIFY_WITH_TIMEOUT(controller->recorder()->recordedMs() >= speechMs + 300, 30000);
    m_clock->advance(Milliseconds(controller->recorder()->recordedMs()));
    QElapsedTimer choosing;
    choosing.start();
    key(Qt::Key_Return); // finish: the first follow-up reacts to what was said
    QCOMPARE(session->followUpIndex(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(session->currentAnswer()->parts.last().probeReason.has_value(), 60000);
    const ProbeReason reason = *session->currentAnswer()->parts.last().probeReason;
    qInfo("%s: \"%s\" (%s), chosen %lld ms after Finish", qPrintable(script), qPrintable(session->currentPrompt()),
          qPrintable(reason.text()), choosing.elapsed());
    const Round &round = *session->loop().round(session->currentQuestion()->roundId);
    const QStringList measurable = session->loop().probeLines(round, ProbeSignal::NoNumbers);
    QCOMPARE(measurable.contains(session->currentPrompt()), measurableResultProbe);
    QCOMPARE(reason.signal == ProbeSignal::NoNumbers, measurableResultProbe);
    // And the interviewer asks it aloud; its answer clock starts when it has.
    QTRY_VERIFY_WITH_TIMEOUT(m_speech->player()->isSpeaking(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!session->isAskingPrompt(), 20000);
    const InterviewerMark mark = session->currentAnswer()->parts.last().interviewer.value(0);
    QCOMPARE(mark.kind, InterviewerMark::Kind::Probe);
    QCOMPARE(mark.text, session->currentPrompt());
    QVERIFY(mark.length > Milliseconds(1000));
}

void PracticeVoiceTest::decisionOverrun_isInterruptedAloud_andMarkedInTheTake()
{
    AppSettings::setInterruptionThresholdSeconds(10);
    startChosenQuestion();
    SessionEngine *session = engine();
    const Round &round = *session->loop().round(session->currentQuestion()->roundId);
    QVERIFY2(round.interruptsOverruns, qPrintable(round.id)); // the chosen question's round interrupts
    QTRY_VERIFY_WITH_TIMEOUT(!session->isAskingPrompt(), 20000); // the question, read aloud
    key(Qt::Key_Return); // start answering
    QCOMPARE(session->state(), SessionState::Answering);
    SessionController *controller = m_window->sessionPage()->controller();
    QTRY_COMPARE_WITH_TIMEOUT(controller->recorder()->state(), AudioRecorder::State::Recording, 15000);
    m_clock->advance(20s);
    key(Qt::Key_Space); // on to the decision (60 s target)

    // Only the speaker from here on: the interruption, nothing else.
    AudioTest::SpeakerRecording recording(m_dir.filePath(u"interruption.raw"_s));
    m_clock->advance(69s);
    QVERIFY(!m_speech->player()->isSpeaking()); // not yet: 9 s past the target
    m_clock->advance(1s);
    QTRY_VERIFY_WITH_TIMEOUT(m_speech->player()->isSpeaking(), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!m_speech->player()->isSpeaking(), 20000);
    QTest::qWait(300); // the tail of the line out of the sink
    const QList<AudioTest::Activity> sounds = AudioTest::findSounds(recording.finish(), 16000, 400, -45);
    QVERIFY2(!sounds.isEmpty(), "the interruption was heard on the speaker");
    const qint64 heardMs = sounds.last().offsetMs - sounds.first().onsetMs;
    qInfo("interruption heard for %lld ms", heardMs);
    QVERIFY2(heardMs > 700, qPrintable(QString::number(heardMs)));

    // The take marks it where it was said, with the loop's line for the decision.
    const AnswerPart &main = session->currentAnswer()->parts.first();
    QCOMPARE(main.interviewer.size(), 1);
    const InterviewerMark mark = main.interviewer.first();
    QCOMPARE(mark.kind, InterviewerMark::Kind::Interruption);
    QCOMPARE(mark.at, Milliseconds(90s));
    QCOMPARE(mark.phaseIndex, 1);
    const Loop &loop = session->loop();
    QVERIFY2(loop.interruptionLines(round, loop.storyStructure.phases.at(1).id).contains(mark.text),
             qPrintable(mark.text));
}

QTEST_MAIN(PracticeVoiceTest)
#include "practice_voice_test.moc"
