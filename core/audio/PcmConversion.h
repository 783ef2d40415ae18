#pragma once

#include <QAudioDevice>
#include <QAudioFormat>
#include <QtGlobal>

namespace MockLoop::PcmConversion {

// What to capture from device: the rate and channels asked for (16 kHz mono unless a take begun
// in another format is being continued) in 16-bit if it can; else its own rate and channels,
// 16-bit if it can, else its own sample format (converted to 16-bit as it arrives). Never
// resampled. Invalid when the device offers nothing usable.
QAudioFormat negotiateCaptureFormat(const QAudioDevice &device, int sampleRate = 16000, int channelCount = 1);

// Converts count samples of format (UInt8, Int32 or Float; Int16 is copied) to signed 16-bit,
// for devices that cannot deliver 16-bit. out must hold count samples.
void toInt16(const char *in, qsizetype count, QAudioFormat::SampleFormat format, qint16 *out);

} // namespace MockLoop::PcmConversion
