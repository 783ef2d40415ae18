#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

#include <optional>

class QIODevice;

namespace MockLoop {

// Linear PCM as MockLoop stores takes: little-endian, signed 16-bit (or another whole number of
// bytes per sample when reading someone else's file).
struct PcmFormat
{
    int sampleRate = 16000;
    int channelCount = 1;
    int bitsPerSample = 16;

    bool isValid() const;
    int bytesPerFrame() const { return channelCount * (bitsPerSample / 8); }
    qint64 bytesPerSecond() const { return qint64(sampleRate) * bytesPerFrame(); }
    qint64 framesToMs(qint64 frames) const { return sampleRate > 0 ? frames * 1000 / sampleRate : 0; }
    // As the practice library stores it: "WAV PCM 16-bit 16000 Hz mono".
    QString description() const;

    friend bool operator==(const PcmFormat &, const PcmFormat &) = default;
};

// Reading and writing the RIFF/WAVE container. MockLoop writes the canonical 44-byte header
// (RIFF, fmt with PCM, data); it reads any PCM WAV whose fmt chunk comes before its data chunk.
namespace Wav {

inline constexpr qint64 CanonicalHeaderBytes = 44;
// The RIFF size field is 32 bits and counts everything after the first 8 bytes.
inline constexpr qint64 MaxDataBytes = qint64(0xFFFFFFFF) - (CanonicalHeaderBytes - 8);

// The 44-byte header of a file holding dataBytes of PCM in format.
QByteArray canonicalHeader(const PcmFormat &format, qint64 dataBytes);

struct Layout
{
    PcmFormat format;
    qint64 dataOffset = 0; // where the PCM starts
    qint64 declaredDataBytes = 0; // what the data chunk's header says (0 in a file never finished)
    qint64 riffSizeOffset = 4; // where the RIFF size field is, to patch it
    qint64 dataSizeOffset = 0; // where the data chunk's size field is, to patch it
};

// Parses the header of device (from its start). On failure returns nothing and says why in error.
std::optional<Layout> readLayout(QIODevice &device, QString *error);

// Reads path's header; for files that are not a PCM WAV, says why in error.
std::optional<Layout> readLayout(const QString &path, QString *error);

// The PCM bytes actually present after the header: the file length, whole frames only, capped
// at what the RIFF format can describe.
qint64 presentDataBytes(const Layout &layout, qint64 fileBytes);

} // namespace Wav

} // namespace MockLoop
