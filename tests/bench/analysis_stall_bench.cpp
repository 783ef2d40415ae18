// The GUI thread's longest stall while answers are analysed (target: <= 16 ms, one frame at 60 Hz).
//
//   build/release/tests/bench/analysis_stall_bench [--takes N] [--take-seconds S]
//                                                  [--stream-seconds S] [--reference-seconds S]
//
// A QApplication shows the real Settings page (whose analysis section follows the work) over a
// practice library in a temporary folder holding N takes (default 6) of S seconds (default 20) of
// flite speech, with the real AnalysisService. A 1 ms precise timer on the GUI thread records every
// gap between its ticks, and, from the kernel's scheduler statistics, how much of each gap the GUI
// thread spent working and how much waiting for a core that other threads held (on a busy machine,
// a long gap with little work is the scheduler's, not the GUI thread's).
//   1. Reference (default 10 s): the same program, analysis off.
//   2. Analysis: analysis on, so the service analyses the N takes in the background, newest first,
//      while a streaming analyser is fed an answer of --stream-seconds (default 60) in 50 ms chunks
//      at real time from a thread of its own, as the recorder's capture thread feeds it; when the
//      answer ends its result is stored the way SessionController stores it (its JSON encoded on
//      the GUI thread by AnalysisService::recordOf, then the library's thread). Until all is done.
// For each: the ticks, the longest gap and what it was made of, the 99th and 99.9th percentile
// gap, the gaps over 16 ms, the most the GUI thread worked within one gap and the longest it was
// blocked; and the GUI thread's time in recordOf(), for this answer and for a 20-minute one.
// Settings and data are QStandardPaths' test ones (~/.qttest): nothing of the person's is touched.

#include "AnalysisTestLibrary.h"
#include "AppServices.h"
#include "SpeechFixtures.h"
#include "analysis/AnalysisService.h"
#include "common/ApplicationIdentity.h"
#include "library/PracticeLibrary.h"
#include "settings/SettingsPage.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTimer>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype ChunkSamples = 800; // 50 ms at 16 kHz, as the recorder hands them over

double option(const QStringList &arguments, const QString &name, double fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at > 0 && at + 1 < arguments.size() ? arguments[at + 1].toDouble() : fallback;
}

// This thread's time on a core and waiting for one, in ns, from the kernel's scheduler statistics
// (/proc/thread-self/schedstat: "<on a core> <waiting for a core> <time slices>").
struct SchedulerTimes
{
    qint64 running = 0;
    qint64 waiting = 0;
};

class SchedulerStats
{
public:
    SchedulerStats()
        : m_fd(::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC))
    { }
    ~SchedulerStats()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    SchedulerTimes now() const
    {
        char text[128] = {};
        if (m_fd < 0 || ::pread(m_fd, text, sizeof text - 1, 0) <= 0)
            return {};
        long long running = 0;
        long long waiting = 0;
        std::sscanf(text, "%lld %lld", &running, &waiting);
        return {running, waiting};
    }

private:
    int m_fd = -1;
};

// One gap between ticks, in ms: how long, and of it, the GUI thread's time on a core (its work)
// and waiting for a core (the machine's other threads had them). The rest it was asleep or
// blocked: the 1 ms it asked for, and anything it waited on.
struct Gap
{
    double endsAt = 0; // s from the start
    double length = 0;
    double working = 0;
    double waitingForCore = 0;
    double elsewhere() const { return length - working - waitingForCore; }
};

// Ticks every millisecond on the GUI thread; what it records is how long the thread could not run
// its event loop, and why.
class StallMeter : public QObject
{
public:
    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        connect(&m_timer, &QTimer::timeout, this, &StallMeter::tick);
    }
    // Something the GUI thread is about to do, to name what ran during a long gap.
    void mark(const char *what)
    {
        if (m_timer.isActive())
            m_marks.push_back({double(m_clock.nsecsElapsed()) / 1e9, what});
    }
    void start()
    {
        m_gaps.clear();
        m_marks.clear();
        // Room for ten minutes of ticks: growing the vector mid-run would copy megabytes on the
        // GUI thread, a stall of the meter's own making.
        m_gaps.reserve(600000);
        m_marks.reserve(100000);
        m_clock.start();
        m_last = 0;
        m_lastTimes = m_stats.now();
        m_timer.start();
    }
    void stop() { m_timer.stop(); }

    void print(const char *what) const
    {
        if (m_gaps.empty())
            return;
        std::vector<double> lengths;
        for (const Gap &gap : m_gaps)
            lengths.push_back(gap.length);
        std::sort(lengths.begin(), lengths.end());
        const auto percentile = [&lengths](double p) {
            return lengths[std::min(lengths.size() - 1, std::size_t(p * double(lengths.size())))];
        };
        const auto over = std::count_if(lengths.cbegin(), lengths.cend(), [](double gap) { return gap > 16; });
        const Gap longest = *std::max_element(m_gaps.cbegin(), m_gaps.cend(),
                                              [](const Gap &a, const Gap &b) { return a.length < b.length; });
        const Gap mostWork = *std::max_element(m_gaps.cbegin(), m_gaps.cend(),
                                               [](const Gap &a, const Gap &b) { return a.working < b.working; });
        const Gap mostElsewhere = *std::max_element(
            m_gaps.cbegin(), m_gaps.cend(), [](const Gap &a, const Gap &b) { return a.elsewhere() < b.elsewhere(); });
        std::printf("  %s: %zu ticks in %.1f s\n", what, m_gaps.size(), double(m_clock.elapsed()) / 1000);
        std::printf("    longest gap %.2f ms (the GUI thread working %.2f ms, waiting for a core %.2f ms, "
                    "asleep or blocked %.2f ms); p99 %.2f ms, p99.9 %.2f ms; %ld gaps over 16 ms\n",
                    longest.length, longest.working, longest.waitingForCore, longest.elsewhere(), percentile(0.99),
                    percentile(0.999), long(over));
        std::printf("    the most the GUI thread worked in one gap: %.2f ms (at %.2f s%s); the longest it was asleep "
                    "or blocked in one: %.2f ms (at %.2f s%s; 1 ms of it the timer's own)\n",
                    mostWork.working, mostWork.endsAt, qPrintable(marksDuring(mostWork)), mostElsewhere.elsewhere(),
                    mostElsewhere.endsAt, qPrintable(marksDuring(mostElsewhere)));
    }

private:
    QString marksDuring(const Gap &gap) const
    {
        QStringList during;
        for (const auto &[at, what] : m_marks) {
            if (at >= gap.endsAt - gap.length / 1000 && at <= gap.endsAt)
                during << QString::fromLatin1(what);
        }
        return during.isEmpty() ? QString() : u", during "_s + during.join(u", "_s);
    }

    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const SchedulerTimes times = m_stats.now();
        m_gaps.push_back({double(now) / 1e9, double(now - m_last) / 1e6,
                          double(times.running - m_lastTimes.running) / 1e6,
                          double(times.waiting - m_lastTimes.waiting) / 1e6});
        m_last = now;
        m_lastTimes = times;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    SchedulerStats m_stats; // opened on the GUI thread: its statistics
    qint64 m_last = 0;
    SchedulerTimes m_lastTimes;
    std::vector<Gap> m_gaps;
    std::vector<std::pair<double, const char *>> m_marks;
};

// The flite answer, repeated to seconds.
std::vector<qint16> streamedAnswer(double seconds, const QString &folder)
{
    QString error;
    QDir().mkpath(folder);
    const std::optional<SpeechFixtures::Answer> answer
        = SpeechFixtures::render(SpeechFixtures::scriptPath(u"onboarding-answer"_s), folder, &error);
    if (!answer)
        qFatal("cannot render the streamed answer: %s", qPrintable(error));
    const std::vector<qint16> once = SpeechFixtures::readWav(answer->wavPath);
    std::vector<qint16> samples;
    const auto wanted = std::size_t(seconds * 16000);
    while (samples.size() < wanted)
        samples.insert(samples.end(), once.cbegin(),
                       once.cbegin() + qsizetype(std::min(once.size(), wanted - samples.size())));
    return samples;
}

void runFor(qint64 ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    const QStringList arguments = application.arguments();
    const int takes = int(option(arguments, u"--takes"_s, 6));
    const double takeSeconds = option(arguments, u"--take-seconds"_s, 20);
    const double streamSeconds = option(arguments, u"--stream-seconds"_s, 60);
    const double referenceSeconds = option(arguments, u"--reference-seconds"_s, 10);

    if (const QString missing = AnalysisTestLibrary::prepare(); !missing.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(missing));
        return 1;
    }
    const AnalysisTestLibrary::Scratch scratch;
    const QList<qint64> ids = scratch.fill(takes, takeSeconds);
    const std::vector<qint16> streamed = streamedAnswer(streamSeconds, scratch.filePath(u"stream"_s));

    PracticeLibrary library;
    AnalysisService analysis(&library);
    analysis.setEnabled(false);
    AppServices services;
    services.library = &library;
    services.analysis = &analysis;
    services.recordAudio = false;
    SettingsPage page(services);
    page.resize(1000, 1200);
    page.show();
    library.open(scratch.libraryFolder());
    runFor(500); // shown and settled

    std::printf("The GUI thread's gaps (1 ms timer) with %d takes of %.0f s in the background and a %.0f s answer "
                "streamed at real time (target: longest <= 16 ms)\n",
                takes, takeSeconds, streamSeconds);
    StallMeter meter;
    meter.start();
    runFor(qint64(referenceSeconds * 1000));
    meter.stop();
    meter.print("reference (analysis off)");

    // Analysis on: the background work starts, and an answer is "recorded".
    bool backgroundDone = false;
    bool streamStored = false;
    double recordOfMs = 0;
    std::optional<AnswerAnalysis> streamedResult;
    QObject::connect(&analysis, &AnalysisService::backgroundFinished, &application, [&] { backgroundDone = true; });
    // Marked after the page's own slots ran (they were connected first): inside the same gap.
    QObject::connect(&analysis, &AnalysisService::backgroundProgress, &meter,
                     [&] { meter.mark("backgroundProgress"); });
    QObject::connect(&analysis, &AnalysisService::takeProgress, &meter, [&] { meter.mark("takeProgress"); });
    QObject::connect(&analysis, &AnalysisService::analysisStored, &meter, [&] { meter.mark("analysisStored"); });
    QObject::connect(&analysis, &AnalysisService::modelStateChanged, &meter, [&] { meter.mark("modelStateChanged"); });
    meter.start();
    meter.mark("analysis turned on");
    analysis.setEnabled(true);
    const std::shared_ptr<StreamingAnalyzer> analyzer = analysis.newStreamingAnalyzer();
    std::atomic<bool> fed = false;
    std::thread capture([&] {
        // As the capture thread: 50 ms of samples every 50 ms.
        analyzer->pcmStarted(PcmFormat{}, 0);
        const auto start = std::chrono::steady_clock::now();
        for (std::size_t at = 0, chunk = 0; at < streamed.size(); at += ChunkSamples, ++chunk) {
            std::this_thread::sleep_until(start + std::chrono::milliseconds(50 * chunk));
            analyzer->pcmCaptured(streamed.data() + at,
                                  qsizetype(std::min<std::size_t>(ChunkSamples, streamed.size() - at)));
        }
        analyzer->pcmFinished();
        fed = true;
    });
    QTimer finishWhenFed;
    finishWhenFed.setInterval(10);
    QObject::connect(&finishWhenFed, &QTimer::timeout, &application, [&] {
        if (!fed)
            return;
        finishWhenFed.stop();
        // As SessionController::finishAnalysis and onAnalysed do.
        analyzer->finish({}).then(&application, [&](const Expected<AnswerAnalysis> &result) {
            meter.mark("the streamed answer's result");
            if (!result)
                qFatal("the streamed answer was not analysed: %s", qPrintable(result.error().message));
            QElapsedTimer timer;
            timer.start();
            const AnalysisRecord record = AnalysisService::recordOf(*result, QDateTime::currentDateTimeUtc());
            recordOfMs = double(timer.nsecsElapsed()) / 1e6;
            streamedResult = *result;
            const qint64 answerId = ids.first();
            library
                .run([answerId, record](LibraryStore *store) { return store && store->setAnalysis(answerId, record); })
                .then(&application, [&](bool) { streamStored = true; });
        });
    });
    finishWhenFed.start();
    QEventLoop loop;
    QTimer done;
    done.setInterval(10);
    QObject::connect(&done, &QTimer::timeout, &loop, [&] {
        if (backgroundDone && streamStored)
            loop.quit();
    });
    done.start();
    loop.exec();
    meter.stop();
    capture.join();
    meter.print("analysis (background + streaming)");
    // What the same costs for an answer of 20 minutes: the streamed one's measures repeated to that
    // length (measured after the run, not to stall it).
    AnswerAnalysis longer = *streamedResult;
    const int times = std::max(1, int(20 * 60 / streamSeconds));
    for (int i = 1; i < times; ++i) {
        const qint64 offset = i * streamedResult->durationMs;
        for (RecognizedWord word : streamedResult->words) {
            word.startMs += offset;
            word.endMs += offset;
            longer.words.append(word);
        }
        for (const TimeRange &pause : streamedResult->pauses)
            longer.pauses.append({pause.startMs + offset, pause.endMs + offset});
        for (const TimeRange &speech : streamedResult->speech)
            longer.speech.append({speech.startMs + offset, speech.endMs + offset});
    }
    longer.durationMs = streamedResult->durationMs * times;
    QElapsedTimer timer;
    timer.start();
    const AnalysisRecord longRecord = AnalysisService::recordOf(longer, QDateTime::currentDateTimeUtc());
    const double longRecordOfMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();
    const QByteArray longJson = longRecord.makeResultJson ? longRecord.makeResultJson() : longRecord.resultJson;
    const double longEncodingMs = double(timer.nsecsElapsed()) / 1e6;
    std::printf("  recordOf() on the GUI thread, as SessionController calls it: %.2f ms for the streamed answer, "
                "%.2f ms for a 20-minute one (%lld words); the JSON it leaves to the library's thread takes %.2f ms "
                "there (%lld kB)\n",
                recordOfMs, longRecordOfMs, static_cast<long long>(longer.words.size()), longEncodingMs,
                static_cast<long long>(longJson.size() / 1024));
    std::printf("  background takes analysed: %d of %d, failures %lld\n", analysis.backgroundDone(),
                analysis.backgroundTotal(), static_cast<long long>(analysis.failures().size()));
    return 0;
}
