// The interviewer's voice, issue 14's target: from "next question" to the first sample of the
// question heard on the speaker, at most 150 ms when the question was rendered ahead; and the cold
// figure, when it was not.
//
//   tests/audio/audio-rig.sh run -- build/release/tests/bench/voice_latency_bench [questions]
//
// The session's own path: a quick drill of the Netflix loop on the session engine, with the
// SessionInterviewer asking each question through the real output (InterviewerVoice renders,
// SpeechPlayer plays with QAudioSink on the rig's speaker). "Next question" is the rating of the
// previous answer being skipped: the engine asks the next question, the interviewer says it.
// Measured for each question: to the output starting to play (QAudioSink active), and to the first
// sample heard on the speaker (its monitor recorded with parecord; the line's own leading silence,
// measured in its samples, taken off). Rendered ahead: the interviewer prepares the next question
// while one is answered, as in a session; cold: the output ignores preparing, so each question is
// rendered when asked (the voice library already loaded). The very first line of the process, which
// loads the voice library, is printed apart. questions: how many of each (default 8).
// The CPU time of rendering a 40-word line is voice_bench's.

#include "AudioTestSupport.h"
#include "BenchTiming.h"
#include "audio/MultimediaBackend.h"
#include "loops/LoopLoader.h"
#include "practice/SessionInterviewer.h"
#include "session/SessionEngine.h"
#include "voice/InterviewerVoice.h"
#include "voice/SpeechPlayer.h"
#include "voice/VoiceSpeechOutput.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

qint64 monotonicMs()
{
    QElapsedTimer now;
    now.start();
    return now.msecsSinceReference();
}

// An output that never renders ahead: every question is rendered when it is asked.
class ColdOutput : public VoiceSpeechOutput
{
public:
    using VoiceSpeechOutput::VoiceSpeechOutput;
    void prepare(const QStringList &) override { }
};

struct Asked
{
    QString text;
    qint64 askedAt = 0; // monotonic ms
    qint64 startedAt = 0; // the output began playing
};

// The first sound of a line, in its own samples: flite starts a line with a little silence.
qint64 leadingSilenceMs(InterviewerVoice &voice, const QString &text)
{
    QFuture<RenderedSpeech> future = voice.render(text);
    future.waitForFinished();
    const RenderedSpeech speech = future.result();
    const auto sound = AudioTest::findSound(speech.pcm, speech.sampleRate, -45);
    return sound ? sound->onsetMs : 0;
}

// Asks `count` questions through output, each after the previous one has been heard a moment.
QList<Asked> askQuestions(const std::shared_ptr<const Loop> &loop, InterviewerVoice &voice, SpeechOutput &output,
                          SpeechPlayer &player, int count, bool waitUntilPrepared)
{
    ManualClock clock;
    SessionRequest request;
    request.mode = SessionMode::QuickDrill;
    request.seed = 20261201;
    request.settings.drillQuestionCount = count + 1;
    request.settings.followUpsPerQuestion = 0;
    QString error;
    auto engine = SessionEngine::create(loop, request, clock, nullptr, &error);
    if (!engine)
        qFatal("%s", qPrintable(error));
    engine->setInterviewerAsks(true);
    SessionInterviewer interviewer(engine.get(), &output, true);
    QObject::connect(engine.get(), &SessionEngine::promptWaiting, &interviewer,
                     [&interviewer] { interviewer.askCurrentPrompt(); });
    QList<Asked> asked;
    QObject::connect(&player, &SpeechPlayer::started, &interviewer, [&asked] {
        if (!asked.isEmpty() && asked.last().startedAt == 0)
            asked.last().startedAt = monotonicMs();
    });
    engine->start(); // the first question: not measured (nothing was rendered ahead of it)
    for (int question = 0; question <= count; ++question) {
        if (!QTest::qWaitFor([&player] { return player.isSpeaking(); }, 10000))
            qFatal("the question was not played");
        QTest::qWait(500);
        engine->beginAnswer(); // the reading stops: the person answers
        engine->finishAnswer();
        if (question == count)
            break;
        const QString next
            = loop->question(engine->plan().segments.first().questions.at(question + 1).questionId)->text;
        if (waitUntilPrepared && !QTest::qWaitFor([&voice, &next] { return voice.cached(next).has_value(); }, 10000))
            qFatal("the next question was not rendered ahead");
        QTest::qWait(400); // silence on the speaker between the questions
        asked.append({next, monotonicMs(), 0});
        engine->skipRating(); // next question
    }
    return asked;
}

void report(const char *title, const QList<Asked> &asked, const QList<AudioTest::Activity> &sounds,
            qint64 recordingStartedMs, InterviewerVoice &voice)
{
    std::vector<double> toStart;
    std::vector<double> toHeard;
    for (const Asked &question : asked) {
        toStart.push_back(double(question.startedAt - question.askedAt));
        const qint64 lead = leadingSilenceMs(voice, question.text);
        for (const AudioTest::Activity &sound : sounds) {
            const qint64 heardAt = recordingStartedMs + sound.onsetMs;
            if (heardAt >= question.askedAt) {
                toHeard.push_back(double(heardAt - lead - question.askedAt));
                break;
            }
        }
    }
    const BenchTiming::Spread started = BenchTiming::spreadOf(toStart);
    std::printf("%s, %d questions:\n", title, int(asked.size()));
    std::printf("  next question -> output playing:     median %6.0f ms (%.0f-%.0f)\n", started.median, started.min,
                started.max);
    if (toHeard.empty()) {
        std::printf("  next question -> first sample heard: not found on the speaker\n");
        return;
    }
    const BenchTiming::Spread heard = BenchTiming::spreadOf(toHeard);
    std::printf("  next question -> first sample heard: median %6.0f ms (%.0f-%.0f)\n", heard.median, heard.min,
                heard.max);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    selectMultimediaBackend();
    if (const QString reason = AudioTest::rigUnavailableReason(); !reason.isEmpty()) {
        std::fprintf(stderr, "needs the audio rig: tests/audio/audio-rig.sh run -- %s (%s)\n", argv[0],
                     qPrintable(reason));
        return 1;
    }
    const int questions = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 8;
    const LoopLoadResult loaded = LoopLoader::loadFile(
        QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    if (!loaded.ok())
        qFatal("the Netflix loop does not load");
    const auto loop = std::make_shared<const Loop>(*loaded.loop);

    QTemporaryDir folder;
    AudioTest::SpeakerRecording recording(folder.filePath(u"speaker.raw"_s));

    // The first line ever: the voice library is loaded for it.
    {
        InterviewerVoice voice;
        VoiceSpeechOutput output(&voice);
        QElapsedTimer first;
        first.start();
        qint64 startedAfter = -1;
        QObject::connect(output.player(), &SpeechPlayer::started, &output, [&] { startedAfter = first.elapsed(); });
        output.say(loop->questions.first().text);
        if (!QTest::qWaitFor([&] { return startedAfter >= 0; }, 10000))
            qFatal("the first line was not played");
        output.stop();
        std::printf("the process's first line (loads the voice library): output playing after %lld ms\n", startedAfter);
        QTest::qWait(400);
    }

    InterviewerVoice preparedVoice;
    VoiceSpeechOutput prepared(&preparedVoice);
    const QList<Asked> ahead = askQuestions(loop, preparedVoice, prepared, *prepared.player(), questions, true);
    InterviewerVoice coldVoice;
    ColdOutput cold(&coldVoice);
    const QList<Asked> asked = askQuestions(loop, coldVoice, cold, *cold.player(), questions, false);

    const qint64 startedMs = recording.startedMs();
    const QList<AudioTest::Activity> sounds = AudioTest::findSounds(recording.finish(), 16000, 150, -45);
    report("rendered ahead (as in a session)", ahead, sounds, startedMs, preparedVoice);
    report("cold (rendered when asked)", asked, sounds, startedMs, coldVoice);
    std::printf("(the line's own leading silence is taken off; parecord's start is known within about 20 ms)\n");
    return 0;
}
