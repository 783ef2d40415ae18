#pragma once

#include "WavFormat.h"

#include <QAudioFormat>
#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>

#include <optional>

namespace MockLoop {

// What a take is the answer to, written into its sidecar when it starts: a take found without its
// session (the session file lost, or discarded) still names its question, and can be attached to
// its answer.
struct TakeSubject
{
    QString sessionId;
    int answerOrdinal = -1; // AnswerRecord::ordinal
    QString questionId;
    QString questionText;

    bool isEmpty() const { return sessionId.isEmpty() && questionId.isEmpty() && questionText.isEmpty(); }
};

// Where a take went on after MockLoop stopped mid-answer (a crash, or a quit) and the answer was
// resumed: the take is continued in the same file, and this marks the join.
struct TakeResumption
{
    qint64 atMs = 0; // position in the take
    QDateTime resumedAt; // UTC, when capture started again
};

// What MockLoop knows about one take beyond its audio. Kept beside the WAV in a small JSON
// sidecar (<take>.json, written atomically): at the start of the take, at every pause and at the
// end, so a take recovered after a crash still knows its device, format and pause marks. The
// practice library stores path, format, duration, size, checksum and the recovered flag.
struct TakeInfo
{
    QString path; // the WAV file
    PcmFormat format; // as stored in the WAV
    // What the device delivered. MockLoop asks for 16 kHz mono 16-bit; a device that cannot give
    // it is recorded at its own rate and channel count ("stored as is", never resampled), and
    // converted to 16-bit if it delivers another sample format.
    QAudioFormat capturedFormat;
    bool resampled = false;
    bool sampleFormatConverted = false;
    QByteArray deviceId;
    QString deviceDescription;
    QDateTime startedAt; // UTC
    qint64 frames = 0;
    QList<qint64> pauseMarksMs; // where in the take each pause happened
    QList<TakeResumption> resumptions; // where it went on after an interruption, oldest first
    TakeSubject subject;
    qint64 fileBytes = 0;
    QString sha256; // of the WAV file, hex; empty while recording
    bool complete = false; // false while recording, or if the recording process died
    bool recovered = false; // repaired from a .part left by a crash
    QString stopReason; // why the take ended on its own (device lost, disk full); empty if stopped

    qint64 durationMs() const { return format.framesToMs(frames); }
    QString formatDescription() const { return format.description(); } // "WAV PCM 16-bit 16000 Hz mono"

    // <folder>/<name>.json for <folder>/<name>.wav.
    static QString sidecarPath(const QString &wavPath);
    QByteArray toJson() const;
    static std::optional<TakeInfo> fromJson(const QByteArray &json);

    // Writes the sidecar atomically (QSaveFile); returns false and sets error on failure.
    bool writeSidecar(QString *error = nullptr) const;
    static std::optional<TakeInfo> readSidecar(const QString &wavPath);
};

// The SHA-256 of a file, hex; empty if it cannot be read. Reads the whole file.
QString sha256OfFile(const QString &path);

} // namespace MockLoop

Q_DECLARE_METATYPE(MockLoop::TakeInfo)
