#include "WavWriter.h"

#include "AudioLogging.h"
#include "FileSync.h"

#include <QDir>
#include <QFileInfo>
#include <QtEndian>

namespace MockLoop {

WavWriter::~WavWriter()
{
    if (isOpen())
        finish();
}

void WavWriter::reset(const QString &wavPath)
{
    if (isOpen())
        finish();
    m_wavPath = wavPath;
    m_dataBytes = 0;
    m_bytesSinceCheckpoint = 0;
    m_checkpoints = 0;
    m_error = Error::None;
    m_errorString.clear();
}

bool WavWriter::open(const QString &wavPath, const PcmFormat &format)
{
    reset(wavPath);
    m_format = format;

    const QString nativePath = QDir::toNativeSeparators(wavPath);
    if (!format.isValid()) {
        fail(Error::CannotCreate,
             tr("Could not create the recording %1: the audio format is not valid.").arg(nativePath));
        return false;
    }
    if (QFileInfo::exists(wavPath)) {
        fail(Error::CannotCreate,
             tr("Could not create the recording %1: a file of that name already exists.").arg(nativePath));
        return false;
    }
    if (QFileInfo::exists(partPath(wavPath))) {
        fail(Error::CannotCreate,
             tr("Could not create the recording %1: an interrupted recording of that name is waiting to be "
                "recovered.")
                 .arg(nativePath));
        return false;
    }

    const QString folder = QFileInfo(wavPath).absolutePath();
    QDir().mkpath(folder);
    m_file.setFileName(partPath(wavPath));
    // NewOnly: never truncate a file that holds someone's audio.
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered)) {
        fail(Error::CannotCreate,
             tr("Could not create the recording %1: %2. Choose a folder you can write to.")
                 .arg(nativePath, m_file.errorString()));
        return false;
    }
    FileSync::tryLockExclusive(m_file);

    const QByteArray header = Wav::canonicalHeader(m_format, 0);
    QString syncError;
    if (m_file.write(header) != header.size() || !FileSync::syncData(m_file, &syncError)) {
        const QString reason = syncError.isEmpty() ? m_file.errorString() : syncError;
        m_file.close();
        m_file.remove();
        fail(Error::CannotCreate,
             tr("Could not create the recording %1: %2. Choose a folder you can write to.").arg(nativePath, reason));
        return false;
    }
    FileSync::syncFolder(folder);
    qCDebug(lcAudio) << "writing" << m_file.fileName() << m_format.description();
    return true;
}

bool WavWriter::reopen(const QString &wavPath)
{
    reset(wavPath);
    const QString nativePath = QDir::toNativeSeparators(wavPath);
    const QString part = partPath(wavPath);
    const auto cannotContinue = [this, &nativePath](const QString &reason) {
        if (m_file.isOpen())
            m_file.close();
        fail(Error::CannotCreate, tr("Could not go on recording %1: %2.").arg(nativePath, reason));
        return false;
    };
    if (!QFileInfo::exists(part)) {
        if (!QFileInfo::exists(wavPath))
            return cannotContinue(tr("the recording is missing"));
        if (!QFile::rename(wavPath, part))
            return cannotContinue(tr("it could not be reopened for writing"));
        FileSync::syncFolder(QFileInfo(wavPath).absolutePath());
    }
    m_file.setFileName(part);
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered))
        return cannotContinue(m_file.errorString());
    if (!FileSync::tryLockExclusive(m_file))
        return cannotContinue(tr("another recording is writing to it"));
    QString error;
    const std::optional<Wav::Layout> layout = Wav::readLayout(m_file, &error);
    if (!layout)
        return cannotContinue(error);
    // Only MockLoop's own header can be patched in place by patchSizes().
    if (layout->dataOffset != Wav::CanonicalHeaderBytes || layout->riffSizeOffset != 4 || layout->dataSizeOffset != 40
        || layout->format.bitsPerSample != 16)
        return cannotContinue(tr("it is not a recording MockLoop made"));
    m_format = layout->format;
    m_dataBytes = Wav::presentDataBytes(*layout, m_file.size());
    const qint64 end = Wav::CanonicalHeaderBytes + m_dataBytes;
    if ((m_file.size() != end && !m_file.resize(end)) || !m_file.seek(end))
        return cannotContinue(m_file.errorString());
    if (!patchSizes(m_dataBytes) || !syncData()) {
        const QString reason = m_errorString;
        m_error = Error::None; // reported once, as "could not go on"
        return cannotContinue(reason);
    }
    qCDebug(lcAudio) << "continuing" << m_file.fileName() << "after" << m_dataBytes << "bytes";
    return true;
}

bool WavWriter::append(const char *data, qint64 bytes)
{
    if (!isOpen() || m_error != Error::None)
        return false;
    if (bytes <= 0)
        return true;
    if (m_dataBytes + bytes > Wav::MaxDataBytes) {
        fail(Error::TooLong,
             tr("Recording stopped: %1 reached the largest size a WAV file can have. What was recorded is saved.")
                 .arg(QDir::toNativeSeparators(m_wavPath)));
        return false;
    }
    // A short write (the disk filled up mid-buffer) is retried, so the next write says why.
    qint64 written = 0;
    while (written < bytes) {
        const qint64 chunk = m_file.write(data + written, bytes - written);
        if (chunk <= 0)
            break;
        written += chunk;
    }
    m_dataBytes += written;
    if (written != bytes) {
        const QString reason = m_file.error() == QFileDevice::NoError ? tr("the disk is full") : m_file.errorString();
        fail(Error::WriteFailed, writeFailedMessage(reason));
        return false;
    }
    m_bytesSinceCheckpoint += bytes;
    const qint64 interval = m_checkpointInterval > 0 ? m_checkpointInterval : m_format.bytesPerSecond();
    if (m_bytesSinceCheckpoint >= interval)
        return checkpoint();
    return true;
}

bool WavWriter::checkpoint()
{
    if (!isOpen() || m_error != Error::None)
        return false;
    m_bytesSinceCheckpoint = 0;
    ++m_checkpoints;
    const qint64 frameBytes = m_format.bytesPerFrame();
    if (!patchSizes(m_dataBytes - m_dataBytes % frameBytes) || !syncData())
        return false;
    return true;
}

bool WavWriter::finish()
{
    if (!isOpen())
        return QFileInfo::exists(m_wavPath) && !QFileInfo::exists(partPath(m_wavPath));

    // After a failed write, trust the file's length rather than what was meant to be written.
    const qint64 frameBytes = m_format.bytesPerFrame();
    qint64 data = std::min(m_dataBytes, m_file.size() - Wav::CanonicalHeaderBytes);
    data = std::max<qint64>(data - data % frameBytes, 0);
    if (m_file.size() > Wav::CanonicalHeaderBytes + data)
        m_file.resize(Wav::CanonicalHeaderBytes + data);
    m_dataBytes = data;

    const Error earlier = m_error;
    const bool patched = patchSizes(data);
    QString syncError;
    const bool synced = FileSync::syncData(m_file, &syncError);
    m_file.close();
    const QString nativePath = QDir::toNativeSeparators(m_wavPath);
    if (!patched || !synced) {
        // The .part stays; TakeRepair can still recover it from its length.
        if (earlier == Error::None) {
            fail(Error::CannotFinish,
                 tr("Could not finish the recording %1: %2. It will be recovered the next time "
                    "the library is scanned.")
                     .arg(nativePath, syncError.isEmpty() ? m_file.errorString() : syncError));
        }
        return false;
    }
    if (!QFile::rename(m_file.fileName(), m_wavPath)) {
        if (earlier == Error::None) {
            fail(Error::CannotFinish,
                 tr("Could not finish the recording %1: %2. It will be recovered the next time "
                    "the library is scanned.")
                     .arg(nativePath, m_file.errorString()));
        }
        return false;
    }
    FileSync::syncFolder(QFileInfo(m_wavPath).absolutePath());
    qCDebug(lcAudio) << "finished" << m_wavPath << m_dataBytes << "bytes of audio";
    return true;
}

bool WavWriter::discardEmpty()
{
    if (!isOpen() || m_dataBytes > 0)
        return false;
    m_file.close();
    m_file.remove();
    return true;
}

bool WavWriter::patchSizes(qint64 dataBytes)
{
    char riffSize[4];
    char dataSize[4];
    qToLittleEndian(quint32(dataBytes + Wav::CanonicalHeaderBytes - 8), riffSize);
    qToLittleEndian(quint32(dataBytes), dataSize);
    const qint64 end = m_file.pos();
    const bool ok = m_file.seek(4) && m_file.write(riffSize, 4) == 4 && m_file.seek(40)
        && m_file.write(dataSize, 4) == 4 && m_file.seek(end);
    if (!ok && m_error == Error::None) {
        fail(Error::WriteFailed, writeFailedMessage(m_file.errorString()));
    }
    return ok;
}

bool WavWriter::syncData()
{
    QString reason;
    if (FileSync::syncData(m_file, &reason))
        return true;
    fail(Error::WriteFailed, writeFailedMessage(reason));
    return false;
}

QString WavWriter::writeFailedMessage(const QString &reason) const
{
    return tr("Recording stopped: could not write to %1: %2. What was recorded up to then is saved. Free some disk "
              "space or choose another folder.")
        .arg(QDir::toNativeSeparators(m_wavPath), reason);
}

void WavWriter::fail(Error error, const QString &message)
{
    if (m_error != Error::None)
        return;
    m_error = error;
    m_errorString = message;
    qCDebug(lcAudio).noquote() << message; // the recorder reports it
}

} // namespace MockLoop
