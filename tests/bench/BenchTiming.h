#pragma once

// What the benchmark programs share: timing a piece of work over repeated runs, and the median
// (with the spread) of the samples.

#include <QElapsedTimer>

#include <algorithm>
#include <functional>
#include <vector>

namespace BenchTiming {

struct Spread
{
    double median = 0;
    double min = 0;
    double max = 0;
};

// Not empty: every benchmark takes at least one sample.
inline Spread spreadOf(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples.front(), samples.back()};
}

inline double median(std::vector<double> samples)
{
    return spreadOf(std::move(samples)).median;
}

// The wall time of each of `runs` runs of the work, in milliseconds.
inline std::vector<double> sampleMs(int runs, const std::function<void()> &work)
{
    std::vector<double> samples;
    samples.reserve(std::size_t(std::max(runs, 0)));
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        work();
        samples.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    return samples;
}

} // namespace BenchTiming
