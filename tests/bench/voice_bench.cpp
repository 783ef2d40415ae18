// The interviewer's voice (core/voice): how long rendering a line takes with each voice, the first
// time (the voice's library loaded too) and from the caches, so that a question is ready before its
// think time starts. Target: a typical question (the Netflix loop's questions) rendered well under
// 1 s; with rendering ahead (InterviewerVoice::prepare) it comes from the memory cache.
//
//   build/release/tests/bench/voice_bench [runs]        default 1: each question once per voice
//
// For each voice: the first line (library loaded), then every question of the Netflix loop: wall
// time and CPU time (all threads) per line and per second of speech, the longest; a 40-word line;
// the same questions again from the memory cache, and from the disk cache by a new voice object.

#include "BenchTiming.h"
#include "loops/LoopLoader.h"
#include "voice/InterviewerVoice.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <cstdio>
#include <ctime>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

const QString FortyWords = u"Tell me about a time you had to make a critical architectural decision under pressure, "
                           "with incomplete information and a launch date you could not move. What did you decide, "
                           "who did you bring in, and how did members notice the difference?"_s;

double processCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1000 + double(now.tv_nsec) / 1e6;
}

struct Timed
{
    RenderedSpeech speech;
    double wallMs = 0;
    double cpuMs = 0;
};

// Renders text and waits for it (the main thread sleeps meanwhile, so the CPU time is the worker's).
Timed timedRender(InterviewerVoice &voice, const QString &text)
{
    const double cpuBefore = processCpuMs();
    QElapsedTimer timer;
    timer.start();
    QFuture<RenderedSpeech> future = voice.render(text);
    future.waitForFinished();
    return {future.result(), double(timer.nsecsElapsed()) / 1e6, processCpuMs() - cpuBefore};
}

bool check(const RenderedSpeech &speech)
{
    if (speech.ok())
        return true;
    std::fprintf(stderr, "voice_bench: %s\n", qPrintable(speech.error->message));
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 1;

    const LoopLoadResult netflix = LoopLoader::loadFile(
        QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    if (!netflix.ok()) {
        std::fprintf(stderr, "voice_bench: the Netflix loop does not load\n");
        return 1;
    }
    QStringList questions;
    for (const Question &question : netflix.loop->questions)
        questions.append(question.text);

    std::printf(
        "interviewer voice: %lld questions of the Netflix loop (median %lld words), %d run(s) each\n",
        qlonglong(questions.size()),
        [&] {
            std::vector<double> words;
            for (const QString &question : questions)
                words.push_back(double(question.split(u' ', Qt::SkipEmptyParts).size()));
            return qlonglong(BenchTiming::median(words));
        }(),
        runs);

    for (const VoiceDescription &description : VoiceCatalog::debianVoices()) {
        QTemporaryDir diskCache;
        InterviewerVoice::Options options;
        options.diskCacheFolder = diskCache.path();
        InterviewerVoice voice({description.id}, options);

        const Timed first = timedRender(voice, u"Thanks for making the time today."_s);
        if (!check(first.speech))
            return 1;

        std::vector<double> wall;
        std::vector<double> cpu;
        std::vector<double> cpuPerSecond;
        std::vector<double> speechSeconds;
        for (int run = 0; run < runs; ++run) {
            for (const QString &question : std::as_const(questions)) {
                // A rate no other run uses: each run renders anew rather than hitting the cache.
                voice.setSettings({description.id, 1.0 + run * 0.01, 1.0});
                const Timed timed = timedRender(voice, question);
                if (!check(timed.speech))
                    return 1;
                wall.push_back(timed.wallMs);
                cpu.push_back(timed.cpuMs);
                speechSeconds.push_back(timed.speech.durationMs() / 1000.0);
                cpuPerSecond.push_back(timed.cpuMs / (timed.speech.durationMs() / 1000.0));
            }
        }
        const Timed forty = timedRender(voice, FortyWords);
        if (!check(forty.speech))
            return 1;

        std::vector<double> memoryUs;
        for (const QString &question : std::as_const(questions)) {
            const Timed timed = timedRender(voice, question);
            memoryUs.push_back(timed.wallMs * 1000);
        }
        std::vector<double> diskMs;
        {
            InterviewerVoice fresh({description.id, 1.0, 1.0}, options);
            for (const QString &question : std::as_const(questions)) {
                const Timed timed = timedRender(fresh, question);
                if (timed.speech.source != RenderedSpeech::Source::DiskCache) {
                    std::fprintf(stderr, "voice_bench: the disk cache missed a line\n");
                    return 1;
                }
                diskMs.push_back(timed.wallMs);
            }
        }

        const BenchTiming::Spread wallSpread = BenchTiming::spreadOf(wall);
        std::printf("\n%s (%d Hz)\n", qPrintable(description.name), first.speech.sampleRate);
        std::printf("  first line, voice loaded: %.0f ms wall, %.0f ms CPU\n", first.wallMs, first.cpuMs);
        std::printf("  a question (median %.1f s of speech): median %.0f ms wall (min %.0f, max %.0f), %.0f ms CPU\n",
                    BenchTiming::median(speechSeconds), wallSpread.median, wallSpread.min, wallSpread.max,
                    BenchTiming::median(cpu));
        std::printf("  CPU per second of speech: median %.0f ms (%.3f of real time)\n",
                    BenchTiming::median(cpuPerSecond), BenchTiming::median(cpuPerSecond) / 1000);
        std::printf("  a 40-word line (%.1f s of speech): %.0f ms wall, %.0f ms CPU\n",
                    forty.speech.durationMs() / 1000.0, forty.wallMs, forty.cpuMs);
        std::printf("  again, from the memory cache: median %.0f us; from the disk cache (new voice object): median "
                    "%.1f ms\n",
                    BenchTiming::median(memoryUs), BenchTiming::median(diskMs));
    }
    return 0;
}
