#pragma once

#include "WavFormat.h"

#include <QCoreApplication>
#include <QFile>
#include <QString>

namespace MockLoop {

// Writes one take so that a crash, a kill or a power cut loses at most the last second:
//
//   open()       creates <take>.wav.part (never over an existing file) with a header of zero sizes
//                and takes an exclusive lock on it, so a repair scan leaves it alone;
//   append()     writes PCM as it arrives; after each second of audio it patches the RIFF and
//                data sizes and calls fdatasync (a checkpoint), never more often;
//   finish()     patches, syncs, closes and renames the file to <take>.wav.
//
// Not QSaveFile: it throws its temporary file away on a crash, which is exactly the audio a user
// wants back. A .part left behind is turned into a WAV by TakeRepair.
//
// When a write fails (disk full, file too large, I/O error) the writer stops accepting data and
// finish() still turns what reached the disk into a valid WAV; error() says what happened.
class WavWriter
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::WavWriter)

public:
    enum class Error {
        None,
        CannotCreate, // the .part could not be created (folder missing or read-only, name taken)
        WriteFailed, // a write or a sync failed: disk full, file too large, I/O error
        TooLong, // the take reached the 4 GB a WAV file can describe
        CannotFinish, // the finished file could not be renamed; the .part is kept for repair
    };

    static QString partPath(const QString &wavPath) { return wavPath + QStringLiteral(".part"); }

    WavWriter() = default;
    ~WavWriter(); // finishes a take still open, so nothing written is lost
    Q_DISABLE_COPY_MOVE(WavWriter)

    bool open(const QString &wavPath, const PcmFormat &format);
    // Goes on writing a take begun earlier (MockLoop stopped mid-answer and the answer is resumed):
    // <take>.wav.part as a crash left it, or the finished <take>.wav (turned back into a .part while
    // it grows). Its torn last frame is cut off; new audio follows the last whole frame, in the
    // take's own format (format() tells it). Refuses files MockLoop did not write (any header but
    // its canonical 16-bit one) and a .part another writer holds.
    bool reopen(const QString &wavPath);
    bool append(const char *data, qint64 bytes);
    // Patches the sizes and syncs now; append() does it by itself once per checkpoint interval.
    bool checkpoint();
    // Returns whether the take is now at wavPath() as a valid WAV (also after a failed write).
    bool finish();
    // Closes and removes the .part if no audio was written to it; returns whether it did.
    bool discardEmpty();

    bool isOpen() const { return m_file.isOpen(); }
    QString wavPath() const { return m_wavPath; }
    const PcmFormat &format() const { return m_format; }
    qint64 dataBytes() const { return m_dataBytes; }
    qint64 frames() const { return m_format.bytesPerFrame() > 0 ? m_dataBytes / m_format.bytesPerFrame() : 0; }
    int checkpointCount() const { return m_checkpoints; }

    Error error() const { return m_error; }
    QString errorString() const { return m_errorString; }

    // Bytes of audio between checkpoints; the default, 0, means one second of audio.
    void setCheckpointInterval(qint64 bytes) { m_checkpointInterval = bytes; }

private:
    void reset(const QString &wavPath);
    bool patchSizes(qint64 dataBytes);
    bool syncData();
    QString writeFailedMessage(const QString &reason) const;
    void fail(Error error, const QString &message);

    QFile m_file;
    QString m_wavPath;
    PcmFormat m_format;
    qint64 m_dataBytes = 0;
    qint64 m_checkpointInterval = 0;
    qint64 m_bytesSinceCheckpoint = 0;
    int m_checkpoints = 0;
    Error m_error = Error::None;
    QString m_errorString;
};

} // namespace MockLoop
