#include "WavFormat.h"

#include <QCoreApplication>
#include <QFile>
#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr quint16 FormatPcm = 1;
constexpr quint16 FormatExtensible = 0xFFFE;

struct WavText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::Wav)
};

void putLe16(QByteArray &bytes, qsizetype at, quint16 value)
{
    qToLittleEndian(value, bytes.data() + at);
}

void putLe32(QByteArray &bytes, qsizetype at, quint32 value)
{
    qToLittleEndian(value, bytes.data() + at);
}

quint16 le16(const QByteArray &bytes, qsizetype at)
{
    return qFromLittleEndian<quint16>(bytes.constData() + at);
}

quint32 le32(const QByteArray &bytes, qsizetype at)
{
    return qFromLittleEndian<quint32>(bytes.constData() + at);
}

} // namespace

bool PcmFormat::isValid() const
{
    return sampleRate > 0 && channelCount > 0 && bitsPerSample > 0 && bitsPerSample % 8 == 0 && bitsPerSample <= 32;
}

QString PcmFormat::description() const
{
    // Not translated: the practice library stores and compares it.
    const QString channels = channelCount == 1 ? u"mono"_s : u"%1 channels"_s.arg(channelCount);
    return u"WAV PCM %1-bit %2 Hz %3"_s.arg(bitsPerSample).arg(sampleRate).arg(channels);
}

namespace Wav {

QByteArray canonicalHeader(const PcmFormat &format, qint64 dataBytes)
{
    const quint32 data = quint32(std::clamp<qint64>(dataBytes, 0, MaxDataBytes));
    QByteArray header(CanonicalHeaderBytes, '\0');
    header.replace(0, 4, "RIFF");
    putLe32(header, 4, data + quint32(CanonicalHeaderBytes - 8));
    header.replace(8, 8, "WAVEfmt ");
    putLe32(header, 16, 16);
    putLe16(header, 20, FormatPcm);
    putLe16(header, 22, quint16(format.channelCount));
    putLe32(header, 24, quint32(format.sampleRate));
    putLe32(header, 28, quint32(format.bytesPerSecond()));
    putLe16(header, 32, quint16(format.bytesPerFrame()));
    putLe16(header, 34, quint16(format.bitsPerSample));
    header.replace(36, 4, "data");
    putLe32(header, 40, data);
    return header;
}

std::optional<Layout> readLayout(QIODevice &device, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<Layout> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    if (!device.seek(0))
        return fail(device.errorString());
    const QByteArray riff = device.read(12);
    if (riff.size() < 12)
        return fail(WavText::tr("the file is too short to be a WAV file"));
    if (!riff.startsWith("RIFF") || riff.mid(8, 4) != "WAVE")
        return fail(WavText::tr("the file is not a WAV file"));

    Layout layout;
    layout.riffSizeOffset = 4;
    bool haveFormat = false;
    qint64 at = 12;
    // Chunks: a 4-byte id, a 32-bit size, the body padded to an even length.
    for (int chunk = 0; chunk < 64; ++chunk) {
        if (!device.seek(at))
            return fail(device.errorString());
        const QByteArray chunkHeader = device.read(8);
        if (chunkHeader.size() < 8)
            return fail(haveFormat ? WavText::tr("the file has no audio data")
                                   : WavText::tr("the file has no format description"));
        const QByteArray id = chunkHeader.left(4);
        const quint32 size = le32(chunkHeader, 4);
        if (id == "fmt ") {
            const QByteArray body = device.read(std::min<quint32>(size, 40));
            if (size < 16 || body.size() < 16)
                return fail(WavText::tr("the file's format description is damaged"));
            quint16 tag = le16(body, 0);
            if (tag == FormatExtensible && body.size() >= 26)
                tag = le16(body, 24); // the first two bytes of the sub-format GUID
            if (tag != FormatPcm)
                return fail(WavText::tr("the file holds compressed or floating-point audio, not PCM"));
            layout.format.channelCount = le16(body, 2);
            layout.format.sampleRate = int(le32(body, 4));
            layout.format.bitsPerSample = le16(body, 14);
            if (!layout.format.isValid())
                return fail(WavText::tr("the file's audio format is not supported"));
            haveFormat = true;
        } else if (id == "data") {
            if (!haveFormat)
                return fail(WavText::tr("the file has no format description"));
            layout.dataSizeOffset = at + 4;
            layout.dataOffset = at + 8;
            layout.declaredDataBytes = size;
            return layout;
        }
        at += 8 + qint64(size) + (size & 1);
    }
    return fail(WavText::tr("the file has no audio data"));
}

std::optional<Layout> readLayout(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return std::nullopt;
    }
    return readLayout(file, error);
}

qint64 presentDataBytes(const Layout &layout, qint64 fileBytes)
{
    const qint64 frameBytes = layout.format.bytesPerFrame();
    if (frameBytes <= 0)
        return 0;
    const qint64 present = std::clamp<qint64>(fileBytes - layout.dataOffset, 0, MaxDataBytes);
    return present - present % frameBytes;
}

} // namespace Wav

} // namespace MockLoop
