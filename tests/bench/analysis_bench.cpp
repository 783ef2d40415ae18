// Speed, memory and feedback latency of the speech analysis (core/analysis), with references
// measured in the same run:
//
//   build/release/tests/bench/analysis_bench [--cpu-minutes N] [--runs R] [--latency 1,5,20]
//                                            [--speed S] [--long MINUTES]
//
// --cpu-minutes N (default 3; 0 skips): CPU time (user + system, all threads, model load
//   included) of analyzeFile() on an N-minute answer, in a process of its own, against
//   pocketsphinx_continuous -infile on the same WAV; the median of R runs (default 3) each.
//   Target: <= 1.25x pocketsphinx_continuous. Also the peak memory the analysis adds: the child's
//   highest resident set less what it held before loading the model. Target: <= 200 MB. The same
//   for an answer analysed live while the take is analysed in the background (the model shared).
// --latency (default 1,5,20; "" skips): answers of these lengths in minutes fed to a
//   StreamingAnalyzer in 50 ms chunks, as the recorder does, at --speed S times real time (default
//   1: real time, 26 minutes for the default lengths); the time from the last sample fed to the
//   result. Target: <= 3 s. Faster than real time is fine while the analysis keeps up (its backlog
//   when the last sample comes is printed): then the wait is the same.
// --long MINUTES (default 0): the peak memory of analysing a take that long from its file, to see
//   that it stays bounded (a two-hour take: --long 120, about 15 minutes of CPU).
//
// The answers are the flite answers of tests/data/analysis (every voice), joined and repeated.

#include "BenchProcess.h"
#include "BenchSpeech.h"
#include "SpeechFixtures.h"
#include "analysis/Analysis.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QThreadPool>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using Clock = std::chrono::steady_clock;

namespace {

using BenchSpeech::answerOf;
using BenchSpeech::SampleRate;
constexpr qsizetype ChunkSamples = 800; // 50 ms, as the recorder hands them over

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

QString option(const QStringList &arguments, const QString &name, const QString &fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at > 0 && at + 1 < arguments.size() ? arguments[at + 1] : fallback;
}

// The child: analyses the file, then writes its resident memory before the model and at its peak.
int analyseChild(const QString &wav, const QString &report)
{
    const qint64 before = BenchProcess::statusKiB(getpid(), "VmRSS");
    SpeechModel model;
    const Expected<AnswerAnalysis> analysis = analyzeFile(wav, model);
    if (!analysis) {
        std::fprintf(stderr, "analysis_bench: %s\n", qPrintable(analysis.error().message));
        return 1;
    }
    QFile out(report);
    if (!out.open(QIODevice::WriteOnly))
        return 1;
    out.write(QByteArray::number(before) + ' ' + QByteArray::number(BenchProcess::statusKiB(getpid(), "VmHWM")) + ' '
              + QByteArray::number(analysis->words.size()));
    return 0;
}

// The child for one model shared: an answer analysed live (fed as fast as it is taken) while the
// same take is analysed from its file in the background, both on one SpeechModel; writes as
// analyseChild() does, the words of both.
int analyseBothChild(const QString &wav, const QString &report)
{
    const qint64 before = BenchProcess::statusKiB(getpid(), "VmRSS");
    const auto model = std::make_shared<SpeechModel>();
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    QFuture<Expected<AnswerAnalysis>> background = analyzeFileInBackground(pool, wav, model);
    const std::vector<qint16> samples = SpeechFixtures::readWav(wav);
    StreamingAnalyzer live(model);
    live.pcmStarted(PcmFormat{}, 0);
    for (size_t at = 0; at < samples.size(); at += ChunkSamples)
        live.pcmCaptured(samples.data() + at, qsizetype(std::min<size_t>(ChunkSamples, samples.size() - at)));
    live.pcmFinished();
    QFuture<Expected<AnswerAnalysis>> answer = live.finish();
    answer.waitForFinished();
    background.waitForFinished();
    if (answer.resultCount() == 0 || !answer.result().ok() || background.resultCount() == 0
        || !background.result().ok()) {
        std::fprintf(stderr, "analysis_bench: the shared analyses failed\n");
        return 1;
    }
    QFile out(report);
    if (!out.open(QIODevice::WriteOnly))
        return 1;
    out.write(QByteArray::number(before) + ' ' + QByteArray::number(BenchProcess::statusKiB(getpid(), "VmHWM")) + ' '
              + QByteArray::number(answer.result()->words.size() + background.result()->words.size()) + ' '
              + QByteArray::number(model->decodersLoaded()));
    return 0;
}

struct ChildRun
{
    BenchProcess::Finished process;
    double beforeMiB = 0;
    double peakMiB = 0;
    int words = 0;
};

ChildRun runChild(const QByteArray &self, const QString &wav, const QString &report, const QByteArray &mode = "--child")
{
    const pid_t pid = BenchProcess::spawn({self, mode, wav.toLocal8Bit(), report.toLocal8Bit()});
    ChildRun run{BenchProcess::reap(pid)};
    QFile in(report);
    if (run.process.ok && in.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = in.readAll().split(' ');
        run.beforeMiB = fields.value(0).toDouble() / 1024;
        run.peakMiB = fields.value(1).toDouble() / 1024;
        run.words = fields.value(2).toInt();
    }
    return run;
}

void measureCpuAndMemory(const QByteArray &self, const std::vector<qint16> &source, double minutes, int runs,
                         const QString &folder)
{
    const QString wav = folder + u"/answer.wav"_s;
    SpeechFixtures::writeWav(wav, answerOf(source, minutes));
    const double seconds = minutes * 60;
    std::printf("Offline analysis of a %.0f-minute answer (%d runs each; CPU = user + system, all threads, model "
                "load included)\n",
                minutes, runs);
    std::vector<double> ours;
    std::vector<double> theirs;
    std::vector<double> added;
    std::vector<double> theirPeak;
    int words = 0;
    for (int run = 0; run < runs; ++run) {
        const ChildRun child = runChild(self, wav, folder + u"/report"_s);
        const BenchProcess::Finished reference = BenchProcess::reap(
            BenchProcess::spawn({"pocketsphinx_continuous", "-infile", wav.toLocal8Bit(), "-logfn", "/dev/null"},
                                BenchProcess::Output::Discarded));
        if (!child.process.ok || !reference.ok) {
            std::fprintf(stderr, "analysis_bench: a run failed (MockLoop %d, pocketsphinx_continuous %d)\n",
                         child.process.ok, reference.ok);
            return;
        }
        ours.push_back(child.process.cpuSeconds);
        theirs.push_back(reference.cpuSeconds);
        added.push_back(child.peakMiB - child.beforeMiB);
        theirPeak.push_back(reference.peakMiB);
        words = child.words;
    }
    const double ourMedian = median(ours);
    const double theirMedian = median(theirs);
    std::printf("  MockLoop analyzeFile()          %6.2f s CPU, %.3f s per audio second (%d words)\n", ourMedian,
                ourMedian / seconds, words);
    std::printf("  pocketsphinx_continuous -infile %6.2f s CPU, %.3f s per audio second\n", theirMedian,
                theirMedian / seconds);
    std::printf("  ratio                           %6.2fx (target <= 1.25x)\n", ourMedian / theirMedian);
    std::printf("  memory added by the analysis    %6.1f MB peak over the process before the model (target <= 200 "
                "MB); pocketsphinx_continuous's whole process peaks at %.1f MB\n",
                median(added), median(theirPeak));
    // The model is loaded once: an answer analysed live while a take is analysed in the
    // background adds no second copy.
    const ChildRun both = runChild(self, wav, folder + u"/report"_s, "--child-both");
    if (both.process.ok) {
        std::printf("  the same, with an answer analysed live while the take is analysed in the background (one "
                    "model shared): %.1f MB added at the peak (target <= 200 MB)\n",
                    both.peakMiB - both.beforeMiB);
    }
}

void measureLatency(SpeechModel &model, const std::vector<qint16> &source, const QList<double> &lengths, double speed)
{
    std::printf("Streaming: the answer fed in 50 ms chunks at %s; latency = last sample fed -> result ready "
                "(target <= 3 s)\n",
                speed == 1 ? "real time" : qPrintable(u"%1x real time"_s.arg(speed)));
    for (double minutes : lengths) {
        const std::vector<qint16> samples = answerOf(source, minutes);
        StreamingAnalyzer analyzer(std::shared_ptr<SpeechModel>(&model, [](SpeechModel *) {}));
        const Clock::time_point start = Clock::now();
        analyzer.pcmStarted(PcmFormat{}, 0);
        for (size_t at = 0, chunk = 0; at < samples.size(); at += ChunkSamples, ++chunk) {
            std::this_thread::sleep_until(start + std::chrono::microseconds(qint64(double(chunk) * 50000 / speed)));
            analyzer.pcmCaptured(samples.data() + at, qsizetype(std::min<size_t>(ChunkSamples, samples.size() - at)));
        }
        analyzer.pcmFinished();
        const Clock::time_point lastFed = Clock::now();
        const qint64 backlogMs = analyzer.receivedMs() - analyzer.analysedMs();
        QFuture<Expected<AnswerAnalysis>> future = analyzer.finish();
        future.waitForFinished();
        const double latency = std::chrono::duration<double>(Clock::now() - lastFed).count();
        const bool ok = future.resultCount() > 0 && future.result().ok();
        std::printf("  %4.0f-minute answer: %.2f s (backlog when the last sample came: %.1f s of audio)%s\n", minutes,
                    latency, double(backlogMs) / 1000.0, ok ? "" : " FAILED");
    }
}

void measureLong(const QByteArray &self, const std::vector<qint16> &source, double minutes, const QString &folder)
{
    const QString wav = folder + u"/long.wav"_s;
    // Written a minute at a time: the bench itself should not hold the whole take either.
    {
        QFile file(wav);
        if (!file.open(QIODevice::WriteOnly))
            return;
        const qint64 bytes = qint64(minutes * 60 * SampleRate) * 2;
        file.write(Wav::canonicalHeader(PcmFormat{}, bytes));
        const std::vector<qint16> minute = answerOf(source, 1);
        for (int i = 0; i < int(minutes); ++i)
            file.write(reinterpret_cast<const char *>(minute.data()), qint64(minute.size()) * 2);
    }
    const ChildRun child = runChild(self, wav, folder + u"/report"_s);
    QFile::remove(wav);
    if (!child.process.ok) {
        std::fprintf(stderr, "analysis_bench: the long analysis failed\n");
        return;
    }
    std::printf("A %.0f-minute take from its file: %.1f MB added at the peak (%.0f s CPU, %d words)\n", minutes,
                child.peakMiB - child.beforeMiB, child.process.cpuSeconds, child.words);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QStringList arguments = application.arguments();
    if (arguments.value(1) == u"--child"_s)
        return analyseChild(arguments.value(2), arguments.value(3));
    if (arguments.value(1) == u"--child-both"_s)
        return analyseBothChild(arguments.value(2), arguments.value(3));

    const double cpuMinutes = option(arguments, u"--cpu-minutes"_s, u"3"_s).toDouble();
    const int runs = std::max(1, option(arguments, u"--runs"_s, u"3"_s).toInt());
    const double speed = std::max(0.1, option(arguments, u"--speed"_s, u"1"_s).toDouble());
    const double longMinutes = option(arguments, u"--long"_s, u"0"_s).toDouble();
    QList<double> lengths;
    for (const QString &length : option(arguments, u"--latency"_s, u"1,5,20"_s).split(u',', Qt::SkipEmptyParts))
        lengths.append(length.toDouble());

    if (const QString missing = SpeechFixtures::missingTools(); !missing.isEmpty()) {
        std::fprintf(stderr, "analysis_bench: needs %s\n", qPrintable(missing));
        return 1;
    }
    QTemporaryDir folder;
    const std::vector<qint16> source = BenchSpeech::speechSource(folder.path(), "analysis_bench");
    if (source.empty())
        return 1;
    std::printf("Speech: the flite answers, %.1f minutes, repeated as needed\n\n",
                double(source.size()) / SampleRate / 60);
    const QByteArray self = QCoreApplication::applicationFilePath().toLocal8Bit();

    if (cpuMinutes > 0)
        measureCpuAndMemory(self, source, cpuMinutes, runs, folder.path());
    if (!lengths.isEmpty()) {
        SpeechModel model; // loaded before the answers, as the app does when it starts
        if (const std::optional<AnalysisError> problem = model.load()) {
            std::fprintf(stderr, "analysis_bench: %s\n", qPrintable(problem->message));
            return 1;
        }
        measureLatency(model, source, lengths, speed);
    }
    if (longMinutes > 0)
        measureLong(self, source, longMinutes, folder.path());
    return 0;
}
