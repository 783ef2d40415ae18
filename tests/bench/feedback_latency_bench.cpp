// Feedback latency on the rating page (issue 13's target: at most 3 s): the time from Finish to
// the measured feedback on screen, for answers of 1, 5 and 20 minutes spoken in real time.
//
//   tests/audio/audio-rig.sh run -- build/release/tests/bench/feedback_latency_bench
//                                   [--lengths 1,5,20] [--quick] [--speed S]
//
// The whole app path, as in a session: the real main window (offscreen) runs a single-question
// session; the answer is spoken into the audio rig's pipe microphone (pipemic: exactly the bytes
// written to its FIFO), so MockLoop's recorder captures it and hands it to the streaming analysis
// as it does from a real microphone. Once the recorder holds the last sample, Finish is pressed;
// the clock stops when the rating page shows the figures and has painted them. Printed with it:
// when the take was complete on disk, when the analysis was ready, how much audio the analysis had
// still to go through when Finish was pressed, and the machine's load average.
//
// --lengths: answer lengths in minutes (default 1,5,20: 26 minutes at real time).
// --quick: the 1-minute answer only.
// --speed S: feed S times faster than real time, for development (the pipe source passes the bytes
//   on as fast as they come); the analysis keeps up at 4x on two cores, so the figures are those
//   of real time (analysis_bench measured the same for the bare analyser).
// The speech is the flite answers of tests/data/analysis in every voice, repeated (needs flite,
// sox and pocketsphinx-en-us).

#include "BenchSpeech.h"
#include "analysis/AnalysisService.h"
#include "audio/AudioInputs.h"
#include "audio/MultimediaBackend.h"
#include "common/AppSettings.h"
#include "common/ApplicationIdentity.h"
#include "library/PracticeLibrary.h"
#include "mainwindow/MainWindow.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "rating/MeasuredFeedbackView.h"
#include "session/Clock.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QLoggingCategory>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using WallClock = std::chrono::steady_clock;

namespace {

constexpr qsizetype ChunkSamples = 800; // 50 ms, as a sound server hands them over

QString option(const QStringList &arguments, const QString &name, const QString &fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at > 0 && at + 1 < arguments.size() ? arguments[at + 1] : fallback;
}

// The machine's load over the last minute: the figures are only as good as the CPU left to them.
QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly) ? QString::fromLatin1(file.readAll().split(' ').value(0)) : u"?"_s;
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs)
{
    return QTest::qWaitFor(condition, timeoutMs);
}

// Writes samples into the pipe microphone's FIFO at speed times real time, on its own thread.
class Speaker
{
public:
    Speaker(const QString &fifo, const std::vector<qint16> &samples, double speed)
        : m_thread([this, fifo, &samples, speed] { speak(fifo, samples, speed); })
    { }
    ~Speaker() { m_thread.join(); }

    bool done() const { return m_done; }
    bool ok() const { return m_ok; }

private:
    void speak(const QString &fifo, const std::vector<qint16> &samples, double speed)
    {
        const int fd = ::open(fifo.toLocal8Bit().constData(), O_WRONLY);
        if (fd >= 0) {
            m_ok = true;
            const WallClock::time_point start = WallClock::now();
            for (size_t at = 0, chunk = 0; at < samples.size() && m_ok; at += ChunkSamples, ++chunk) {
                std::this_thread::sleep_until(start + std::chrono::microseconds(qint64(double(chunk) * 50000 / speed)));
                const size_t count = std::min<size_t>(ChunkSamples, samples.size() - at);
                const auto *bytes = reinterpret_cast<const char *>(samples.data() + at);
                for (size_t written = 0; written < count * 2;) {
                    const ssize_t n = ::write(fd, bytes + written, count * 2 - written);
                    if (n <= 0) {
                        m_ok = false;
                        break;
                    }
                    written += size_t(n);
                }
            }
            ::close(fd);
        }
        m_done = true;
    }

    std::atomic<bool> m_done = false;
    std::atomic<bool> m_ok = false;
    std::thread m_thread;
};

struct Measurement
{
    bool ok = false;
    QString problem;
    double takeReadyS = 0; // Finish -> the take complete on disk
    double analysedS = 0; // Finish -> the analysis ready
    double onScreenS = 0; // Finish -> the rating page showing the figures, painted
    double backlogS = 0; // audio the analysis had yet to go through when Finish was pressed
    int words = 0;
};

Measurement measure(const AppServices &services, const std::vector<qint16> &samples, double speed, const QString &fifo)
{
    Measurement result;
    ManualClock &clock = *static_cast<ManualClock *>(services.clock);
    MainWindow window(services);
    window.resize(1280, 800);
    window.show();
    if (!waitFor([&window] { return window.isCatalogLoaded(); }, 30000)) {
        result.problem = u"the loops did not load"_s;
        return result;
    }
    window.findChild<QRadioButton *>(u"modeSingleQuestion"_s)->setChecked(true);
    window.findChild<QPushButton *>(u"startButton"_s)->click();
    if (!waitFor([&window] { return window.sessionPage()->controller() != nullptr; }, 10000)) {
        result.problem = u"the session did not start"_s;
        return result;
    }
    SessionController *controller = window.sessionPage()->controller();
    SessionEngine *engine = controller->engine();
    AudioRecorder *recorder = controller->recorder();
    engine->beginAnswer();
    if (!waitFor([recorder] { return recorder->state() == AudioRecorder::State::Recording; }, 15000)) {
        result.problem = u"the recording did not start: "_s + controller->recordingProblem();
        return result;
    }

    const qint64 fedMs = qint64(samples.size()) * 1000 / BenchSpeech::SampleRate;
    {
        Speaker speaker(fifo, samples, speed);
        waitFor([&speaker] { return speaker.done(); }, int(double(fedMs) / speed) + 60000);
        if (!speaker.ok()) {
            result.problem = u"could not write to "_s + fifo;
            return result;
        }
    }
    if (!waitFor([recorder, fedMs] { return recorder->recordedMs() >= fedMs - 50; }, 30000)) {
        result.problem = u"the recorder holds %1 ms of the %2 fed"_s.arg(recorder->recordedMs()).arg(fedMs);
        return result;
    }
    clock.advance(Milliseconds(recorder->recordedMs()));

    // Finish, as the person presses it; then wait for the figures on screen.
    auto *feedback = window.findChild<MeasuredFeedbackView *>(u"measuredFeedback"_s);
    QElapsedTimer sinceFinish;
    bool shown = false;
    QObject::connect(controller, &SessionController::takeReady, &window,
                     [&] { result.takeReadyS = double(sinceFinish.nsecsElapsed()) / 1e9; });
    // Connected after the session page: it has shown the result when this runs.
    QObject::connect(controller, &SessionController::analysisReady, &window, [&](int, const AnswerAnalysis &analysis) {
        result.analysedS = double(sinceFinish.nsecsElapsed()) / 1e9;
        result.words = int(analysis.words.size());
        if (feedback->state() == MeasuredFeedbackView::State::Ready && feedback->isVisible()) {
            window.repaint(); // painted now, as the next frame would
            result.onScreenS = double(sinceFinish.nsecsElapsed()) / 1e9;
            shown = true;
        } else {
            result.problem = u"the analysis came, but the rating page does not show it"_s;
        }
    });
    QObject::connect(controller, &SessionController::analysisFailed, &window,
                     [&](int, const QString &message) { result.problem = message; });
    if (const StreamingAnalyzer *analyzer = controller->streamingAnalyzer())
        result.backlogS = double(analyzer->receivedMs() - analyzer->analysedMs()) / 1000.0;
    sinceFinish.start();
    window.sessionPage()->actions().finishAnswer->trigger();
    waitFor([&] { return shown || !result.problem.isEmpty(); }, 600000);
    result.ok = shown;
    if (!shown && result.problem.isEmpty())
        result.problem = u"no feedback within 10 minutes"_s;
    engine->skipRating();
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    applyApplicationIdentity(application);
    selectMultimediaBackend();
    QStandardPaths::setTestModeEnabled(true); // settings and data of its own, not the user's
    QSettings().clear();
    QLoggingCategory::setFilterRules(u"mockloop.*.info=false"_s);
    const QStringList arguments = application.arguments();
    const double speed = std::max(0.1, option(arguments, u"--speed"_s, u"1"_s).toDouble());
    QList<double> lengths;
    const QString lengthOption
        = arguments.contains(u"--quick"_s) ? u"1"_s : option(arguments, u"--lengths"_s, u"1,5,20"_s);
    for (const QString &length : lengthOption.split(u',', Qt::SkipEmptyParts))
        lengths.append(length.toDouble());

    const QString rig = qEnvironmentVariable("MOCKLOOP_AUDIO_RIG");
    if (rig.isEmpty()) {
        std::fprintf(stderr, "feedback_latency_bench: run it on the audio rig: tests/audio/audio-rig.sh run -- %s\n",
                     argv[0]);
        return 1;
    }
    if (const QString missing = SpeechFixtures::missingTools(); !missing.isEmpty()) {
        std::fprintf(stderr, "feedback_latency_bench: needs %s\n", qPrintable(missing));
        return 1;
    }
    QTemporaryDir folder;
    const std::vector<qint16> source = BenchSpeech::speechSource(folder.path(), "feedback_latency_bench");
    if (source.empty())
        return 1;

    SessionSettings settings = AppSettings::sessionSettings();
    settings.followUpsPerQuestion = 0;
    AppSettings::setSessionSettings(settings);
    ManualClock clock;
    PracticeLibrary library;
    library.open(folder.filePath(u"library"_s)).waitForFinished();
    AudioInputs inputs;
    inputs.pick("pipemic");
    if (inputs.chosenInput().id() != "pipemic") {
        std::fprintf(stderr, "feedback_latency_bench: the rig's pipe microphone is missing\n");
        return 1;
    }
    AnalysisService analysis(&library);
    AppServices services;
    services.clock = &clock;
    services.library = &library;
    services.audioInputs = &inputs;
    services.analysis = &analysis;
    services.sessionFilePath = folder.filePath(u"session.json"_s);

    std::printf("Feedback latency: Finish -> the rating page showing the measured feedback, painted (target <= 3 s)\n"
                "Answers spoken into the rig's pipe microphone at %s, recorded and analysed by the app as in a "
                "session\n",
                speed == 1 ? "real time" : qPrintable(u"%1x real time"_s.arg(speed)));
    std::fflush(stdout);
    int failures = 0;
    for (double minutes : lengths) {
        const Measurement m
            = measure(services, BenchSpeech::answerOf(source, minutes), speed, rig + u"/pipemic.fifo"_s);
        if (!m.ok) {
            std::printf("  %4.0f-minute answer: FAILED: %s\n", minutes, qPrintable(m.problem));
            ++failures;
            continue;
        }
        std::printf("  %4.0f-minute answer: %.2f s on screen (take complete %.2f s, analysis ready %.2f s; backlog at "
                    "Finish %.1f s of audio; %d words; load average %s)\n",
                    minutes, m.onScreenS, m.takeReadyS, m.analysedS, m.backlogS, m.words, qPrintable(loadAverage()));
        std::fflush(stdout);
    }
    return failures == 0 ? 0 : 1;
}
