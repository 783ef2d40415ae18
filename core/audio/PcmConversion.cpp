#include "PcmConversion.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace MockLoop::PcmConversion {

QAudioFormat negotiateCaptureFormat(const QAudioDevice &device, int sampleRate, int channelCount)
{
    QAudioFormat wanted;
    wanted.setSampleRate(sampleRate);
    wanted.setChannelCount(channelCount);
    wanted.setSampleFormat(QAudioFormat::Int16);
    if (device.isFormatSupported(wanted))
        return wanted;
    QAudioFormat format = device.preferredFormat();
    QAudioFormat as16Bit = format;
    as16Bit.setSampleFormat(QAudioFormat::Int16);
    if (device.isFormatSupported(as16Bit))
        return as16Bit;
    return format;
}

void toInt16(const char *in, qsizetype count, QAudioFormat::SampleFormat format, qint16 *out)
{
    switch (format) {
    case QAudioFormat::UInt8:
        for (qsizetype i = 0; i < count; ++i)
            out[i] = qint16((int(quint8(in[i])) - 128) * 256);
        return;
    case QAudioFormat::Int16:
        std::memcpy(out, in, size_t(count) * sizeof(qint16));
        return;
    case QAudioFormat::Int32:
        for (qsizetype i = 0; i < count; ++i) {
            qint32 sample;
            std::memcpy(&sample, in + i * 4, 4);
            out[i] = qint16(sample >> 16);
        }
        return;
    case QAudioFormat::Float:
        for (qsizetype i = 0; i < count; ++i) {
            float sample;
            std::memcpy(&sample, in + i * 4, 4);
            out[i] = qint16(std::lround(std::clamp(sample, -1.f, 1.f) * 32767.f));
        }
        return;
    case QAudioFormat::Unknown:
    case QAudioFormat::NSampleFormats:
        break;
    }
    std::fill(out, out + count, qint16(0));
}

} // namespace MockLoop::PcmConversion
