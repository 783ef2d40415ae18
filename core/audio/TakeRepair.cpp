#include "TakeRepair.h"

#include "AudioLogging.h"
#include "FileSync.h"
#include "WavWriter.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct RepairText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::TakeRepair)
};

constexpr auto PartSuffix = ".wav.part"_L1;

// The first free name among <take>.wav, "<take> (recovered).wav", "<take> (recovered 2).wav"...
QString freeWavPath(const QString &wavPath)
{
    if (!QFileInfo::exists(wavPath))
        return wavPath;
    const QString stem = wavPath.chopped(4);
    for (int n = 1;; ++n) {
        const QString candidate = n == 1 ? stem + u" (recovered).wav"_s : stem + u" (recovered %1).wav"_s.arg(n);
        if (!QFileInfo::exists(candidate) && !QFileInfo::exists(candidate + u".part"_s))
            return candidate;
    }
}

bool writeLe32(QFile &file, qint64 at, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    return file.seek(at) && file.write(bytes, 4) == 4;
}

// take (from its sidecar) with what the WAV at wavPath itself says: its format, length and checksum.
TakeInfo describedByFile(TakeInfo take, const QString &wavPath, const Wav::Layout &layout, qint64 dataBytes)
{
    take.path = wavPath;
    take.format = layout.format;
    if (!take.capturedFormat.isValid()) {
        take.capturedFormat.setSampleRate(layout.format.sampleRate);
        take.capturedFormat.setChannelCount(layout.format.channelCount);
        take.capturedFormat.setSampleFormat(QAudioFormat::Int16);
    }
    take.frames = dataBytes / layout.format.bytesPerFrame();
    take.fileBytes = QFileInfo(wavPath).size();
    take.sha256 = sha256OfFile(wavPath);
    return take;
}

} // namespace

namespace TakeRepair {

RepairedTake repair(const QString &partPath)
{
    RepairedTake result;
    result.partPath = partPath;
    const QString nativePart = QDir::toNativeSeparators(partPath);

    if (!partPath.endsWith(PartSuffix)) {
        result.message = RepairText::tr("%1 is not an interrupted recording.").arg(nativePart);
        return result;
    }
    // The sidecar written when the take started, unless it belongs to a finished take of that name.
    const QString intendedWavPath = partPath.chopped(5); // without ".part"
    std::optional<TakeInfo> started = TakeInfo::readSidecar(intendedWavPath);
    if (started && started->complete)
        started.reset();

    QFile file(partPath);
    if (!file.open(QIODevice::ReadWrite)) {
        result.message
            = RepairText::tr("Could not recover the interrupted recording %1: %2.").arg(nativePart, file.errorString());
        return result;
    }
    if (!FileSync::tryLockExclusive(file)) {
        result.outcome = RepairedTake::Outcome::InUse;
        result.message = RepairText::tr("%1 is being recorded now.").arg(nativePart);
        return result;
    }

    QString error;
    const auto layout = Wav::readLayout(file, &error);
    if (!layout) {
        if (file.size() < Wav::CanonicalHeaderBytes) {
            // Killed before the header was even written: there is no audio to keep.
            file.close();
            file.remove();
            result.outcome = RepairedTake::Outcome::Discarded;
            result.message = RepairText::tr("Removed %1: the recording was interrupted before any sound was "
                                            "captured.")
                                 .arg(nativePart);
            return result;
        }
        result.message = RepairText::tr("Could not recover the interrupted recording %1: %2. The file was left as "
                                        "it is.")
                             .arg(nativePart, error);
        return result;
    }

    const qint64 dataBytes = Wav::presentDataBytes(*layout, file.size());
    if (dataBytes == 0) {
        file.close();
        file.remove();
        if (started)
            QFile::remove(TakeInfo::sidecarPath(intendedWavPath));
        result.outcome = RepairedTake::Outcome::Discarded;
        result.message = RepairText::tr("Removed %1: the recording was interrupted before any sound was captured.")
                             .arg(nativePart);
        return result;
    }

    // A torn last frame (or garbage past the 4 GB limit) is cut off; then the sizes are set.
    const bool ok = (file.size() == layout->dataOffset + dataBytes || file.resize(layout->dataOffset + dataBytes))
        && writeLe32(file, layout->riffSizeOffset, quint32(layout->dataOffset + dataBytes - 8))
        && writeLe32(file, layout->dataSizeOffset, quint32(dataBytes)) && FileSync::syncData(file, &error);
    if (!ok) {
        result.message = RepairText::tr("Could not recover the interrupted recording %1: %2.")
                             .arg(nativePart, error.isEmpty() ? file.errorString() : error);
        return result;
    }
    file.close(); // releases the lock; the rename below is atomic

    const QString wavPath = freeWavPath(intendedWavPath);
    if (!QFile::rename(partPath, wavPath)) {
        result.message = RepairText::tr("Could not recover the interrupted recording %1: it could not be renamed to "
                                        "%2.")
                             .arg(nativePart, QDir::toNativeSeparators(wavPath));
        return result;
    }
    FileSync::syncFolder(QFileInfo(wavPath).absolutePath());

    TakeInfo take = describedByFile(started.value_or(TakeInfo{}), wavPath, *layout, dataBytes);
    take.complete = false;
    take.recovered = true;
    if (!take.startedAt.isValid())
        take.startedAt = QFileInfo(wavPath).birthTime().toUTC();
    QString sidecarError;
    if (!take.writeSidecar(&sidecarError))
        qCWarning(lcAudio) << "could not write the sidecar of" << wavPath << ":" << sidecarError;
    if (started && wavPath != intendedWavPath)
        QFile::remove(TakeInfo::sidecarPath(intendedWavPath));

    result.outcome = RepairedTake::Outcome::Recovered;
    result.wavPath = wavPath;
    result.take = take;
    const int seconds = int((take.durationMs() + 500) / 1000);
    result.message = RepairText::tr("Recovered %n second(s) of an interrupted recording: %1.", nullptr, seconds)
                         .arg(QDir::toNativeSeparators(wavPath));
    qCInfo(lcAudio).noquote() << result.message;
    return result;
}

QList<RepairedTake> repairFolder(const QString &folder, const QSet<QString> &leaveAlone)
{
    QStringList parts;
    QDirIterator it(folder, {u"*"_s + PartSuffix}, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString part = it.next();
        if (!leaveAlone.contains(part.chopped(5))) // without ".part"
            parts.append(part);
    }
    std::sort(parts.begin(), parts.end());
    QList<RepairedTake> results;
    for (const QString &part : std::as_const(parts))
        results.append(repair(part));
    return results;
}

std::optional<TakeInfo> settle(const QString &wavPath, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<TakeInfo> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    QString path = wavPath;
    const QString partPath = WavWriter::partPath(wavPath);
    if (QFileInfo::exists(partPath)) {
        const RepairedTake repaired = repair(partPath);
        if (!repaired.isRecovered())
            return fail(repaired.message);
        path = repaired.wavPath;
    }
    if (!QFileInfo::exists(path))
        return fail(RepairText::tr("The recording %1 is missing.").arg(QDir::toNativeSeparators(path)));
    QString reason;
    const std::optional<Wav::Layout> layout = Wav::readLayout(path, &reason);
    if (!layout) {
        return fail(RepairText::tr("The recording %1 cannot be read: %2.").arg(QDir::toNativeSeparators(path), reason));
    }
    const qint64 dataBytes
        = std::min(layout->declaredDataBytes, Wav::presentDataBytes(*layout, QFileInfo(path).size()));
    return describedByFile(TakeInfo::readSidecar(path).value_or(TakeInfo{}), path, *layout, dataBytes);
}

} // namespace TakeRepair

} // namespace MockLoop
