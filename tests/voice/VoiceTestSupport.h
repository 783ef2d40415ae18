#pragma once

#include "voice/RenderedSpeech.h"

#include <QFuture>

#include <cmath>

// Shared by the voice tests and the benchmark: measures of rendered speech.
namespace VoiceTestSupport {

// Waits for a line (processing events, as QTRY does), at most timeoutMs.
MockLoop::RenderedSpeech wait(QFuture<MockLoop::RenderedSpeech> future, int timeoutMs = 60000);

// Root mean square of the samples, in sample units (0 to 32768).
double rms(const MockLoop::RenderedSpeech &speech);
int peak(const MockLoop::RenderedSpeech &speech);
inline double dbfs(double level)
{
    return level > 0 ? 20 * std::log10(level / 32768.0) : -200;
}

// Milliseconds of the line louder than -40 dBFS, in 10 ms frames: the voice, not its silences.
qint64 voicedMs(const MockLoop::RenderedSpeech &speech);

} // namespace VoiceTestSupport
