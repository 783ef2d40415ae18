// Capture cost of MockLoop's recorder, against parecord recording the same source at the same
// time, and its memory over a long take. Needs a sound server; on a machine without a microphone
// run it under the test rig:
//
//   tests/audio/audio-rig.sh run -- build/release/tests/bench/capture_bench [cpu-seconds] [rss-seconds] [device]
//
// cpu-seconds (default 60): both recorders capture this long; CPU time (user + system, all
// threads, from wait4) of each process, start-up included. Target: MockLoop <= 1.5x parecord.
// rss-seconds (default 60; quote a 600 s run): one take this long; resident memory sampled every
// second. Target: flat within 2 MB after the first seconds.
// device (default: the rig's "mic").

#include "BenchProcess.h"
#include "audio/AudioRecorder.h"
#include "audio/MultimediaBackend.h"
#include "common/ApplicationIdentity.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QMediaDevices>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace BenchProcess;
using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// The child: records one take of the given length with AudioRecorder, as the app does.
int recordChild(const QString &path, double seconds, const QByteArray &deviceId)
{
    AudioRecorder recorder;
    const QList<QAudioDevice> inputs = QMediaDevices::audioInputs();
    for (const QAudioDevice &device : inputs) {
        if (device.id() == deviceId)
            recorder.setDevice(device);
    }
    QObject::connect(&recorder, &AudioRecorder::errorOccurred, [](auto, const QString &message) {
        std::fprintf(stderr, "capture_bench: %s\n", qPrintable(message));
    });
    QObject::connect(&recorder, &AudioRecorder::stateChanged, [&recorder](AudioRecorder::State state) {
        if (state == AudioRecorder::State::Idle)
            QCoreApplication::exit(recorder.error() == AudioRecorder::Error::None ? 0 : 1);
    });
    QTimer::singleShot(std::chrono::milliseconds(qint64(seconds * 1000)), &recorder, &AudioRecorder::stop);
    if (!recorder.start(path))
        return 1;
    return QCoreApplication::exec();
}

double audioSeconds(const QString &wavPath)
{
    return double(QFileInfo(wavPath).size() - 44) / 32000.0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    applyApplicationIdentity(application);
    selectMultimediaBackend();
    const QStringList arguments = application.arguments();
    if (arguments.value(1) == u"--record"_s)
        return recordChild(arguments.value(2), arguments.value(3).toDouble(), arguments.value(4).toUtf8());

    const double cpuSeconds = arguments.size() > 1 ? arguments.at(1).toDouble() : 60;
    const double rssSeconds = arguments.size() > 2 ? arguments.at(2).toDouble() : 60;
    const QByteArray device = arguments.size() > 3 ? arguments.at(3).toUtf8() : QByteArray("mic");
    if (QMediaDevices::audioInputs().isEmpty()) {
        std::fprintf(stderr, "capture_bench: no microphone; run it under tests/audio/audio-rig.sh run -- ...\n");
        return 1;
    }
    QTemporaryDir dir;
    const QByteArray self = QCoreApplication::applicationFilePath().toLocal8Bit();

    if (cpuSeconds > 0) {
        const QString ours = dir.filePath(u"mockloop.wav"_s);
        const QString theirs = dir.filePath(u"parecord.wav"_s);
        std::printf("CPU time of %.0f s of capture from \"%s\" (user + system, whole process, start-up included)\n",
                    cpuSeconds, device.constData());
        const pid_t parecord = spawn({"parecord", "--device=" + device, "--rate=16000", "--channels=1",
                                      "--format=s16le", "--file-format=wav", theirs.toLocal8Bit()});
        const pid_t mockloop = spawn({self, "--record", ours.toLocal8Bit(), QByteArray::number(cpuSeconds), device});
        std::this_thread::sleep_for(std::chrono::milliseconds(qint64(cpuSeconds * 1000) + 150));
        kill(parecord, SIGINT); // parecord finishes its file on SIGINT
        const Finished theirRun = reap(parecord);
        const Finished ourRun = reap(mockloop);
        if (!ourRun.ok || !theirRun.ok) {
            std::fprintf(stderr, "capture_bench: a recorder failed (MockLoop %d, parecord %d)\n", ourRun.ok,
                         theirRun.ok);
            return 1;
        }
        std::printf("  MockLoop recorder  %.3f s CPU for %.2f s of audio\n", ourRun.cpuSeconds, audioSeconds(ours));
        std::printf("  parecord           %.3f s CPU for %.2f s of audio\n", theirRun.cpuSeconds, audioSeconds(theirs));
        std::printf("  ratio              %.2fx (target <= 1.5x)\n", ourRun.cpuSeconds / theirRun.cpuSeconds);
    }

    if (rssSeconds > 0) {
        std::printf("Resident memory over a %.0f s take\n", rssSeconds);
        const QString take = dir.filePath(u"long.wav"_s);
        const pid_t child = spawn({self, "--record", take.toLocal8Bit(), QByteArray::number(rssSeconds), device});
        std::vector<qint64> samples; // KiB, one per second
        for (int second = 1; second < int(rssSeconds); ++second) {
            std::this_thread::sleep_for(std::chrono::seconds(1));
            if (const qint64 kib = statusKiB(child, "VmRSS"); kib > 0)
                samples.push_back(kib);
        }
        const Finished run = reap(child);
        if (!run.ok || samples.size() < 10) {
            std::fprintf(stderr, "capture_bench: the long take failed\n");
            return 1;
        }
        // From 5 s on: start-up (libraries, the sound server connection) is over by then.
        const qint64 settled = samples[4];
        const qint64 highest = *std::max_element(samples.begin() + 4, samples.end());
        const qint64 lowest = *std::min_element(samples.begin() + 4, samples.end());
        std::printf("  at 5 s %.1f MiB, at the end %.1f MiB, highest %.1f MiB, lowest %.1f MiB\n", settled / 1024.0,
                    samples.back() / 1024.0, highest / 1024.0, lowest / 1024.0);
        std::printf("  growth after 5 s   %.2f MiB (target: within 2 MB); %.1f s of audio, %.3f s CPU\n",
                    (highest - settled) / 1024.0, audioSeconds(take), run.cpuSeconds);
    }
    return 0;
}
