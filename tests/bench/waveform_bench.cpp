// Waveform peaks of a 10-minute take (16 kHz mono 16-bit, 19 MB): computing them from the WAV
// (target <= 30 ms on the 2-core CI machine) and loading them from the cache beside the take.
//   waveform_bench [repetitions] [minutes]      defaults 20 and 10

#include "BenchTiming.h"
#include "audio/WavFormat.h"
#include "audio/WavWriter.h"
#include "audio/WaveformPeaks.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <vector>

using namespace MockLoop;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const int repetitions = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 20;
    const double minutes = argc > 2 ? QByteArray(argv[2]).toDouble() : 10;

    QTemporaryDir dir;
    const QString take = dir.filePath(u"take.wav"_s);
    WavWriter writer;
    if (!writer.open(take, PcmFormat{16000, 1, 16})) {
        std::fprintf(stderr, "waveform_bench: %s\n", qPrintable(writer.errorString()));
        return 1;
    }
    // Speech-like: a tone whose loudness comes and goes.
    std::vector<qint16> second(16000);
    for (int s = 0; s < int(minutes * 60); ++s) {
        for (size_t i = 0; i < second.size(); ++i) {
            const double t = s + double(i) / 16000;
            const double envelope = 0.5 + 0.5 * std::sin(2 * std::numbers::pi * 0.3 * t);
            second[i] = qint16(12000 * envelope * std::sin(2 * std::numbers::pi * 220 * t));
        }
        writer.append(reinterpret_cast<const char *>(second.data()), qint64(second.size()) * 2);
    }
    if (!writer.finish()) {
        std::fprintf(stderr, "waveform_bench: %s\n", qPrintable(writer.errorString()));
        return 1;
    }

    std::vector<double> compute;
    std::vector<double> cached;
    qsizetype peaks = 0;
    for (int i = 0; i < repetitions; ++i) {
        QFile::remove(WaveformPeaks::cachePath(take));
        QElapsedTimer timer;
        timer.start();
        const WaveformResult fresh = WaveformPeaks::load(take); // computes and writes the cache
        compute.push_back(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        const WaveformResult again = WaveformPeaks::load(take);
        cached.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!fresh.ok() || !again.fromCache) {
            std::fprintf(stderr, "waveform_bench: %s\n", qPrintable(fresh.error));
            return 1;
        }
        peaks = fresh.waveform->peaks.size();
    }
    std::printf("Waveform of a %.0f-minute take (%.1f MB, %lld peaks), median of %d\n", minutes,
                double(QFile(take).size()) / 1e6, qlonglong(peaks), repetitions);
    std::printf("  computed from the WAV, cache written  %.2f ms (target <= 30 ms)\n", BenchTiming::median(compute));
    std::printf("  loaded from the cache                  %.2f ms\n", BenchTiming::median(cached));
    return 0;
}
