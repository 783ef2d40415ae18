#include "SpeechCache.h"

#include "VoiceLogging.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// Part of every key: raise it when the same text, voice and rate would sound otherwise (another
// text clean-up or level), so older files are rendered again rather than played.
constexpr int RendererVersion = 1;

// A file: magic, sample rate (u32), sample count (u64), key length (u32), the key (UTF-8), the
// SHA-256 of the samples, the samples (s16le). Integers little-endian.
const QByteArray Magic = "MLVOICE1"_ba;
constexpr qsizetype FixedHeaderBytes = 8 + 4 + 8 + 4;
constexpr qsizetype HashBytes = 32;
constexpr quint32 MaxKeyBytes = 64 * 1024;
constexpr int MinSampleRate = 8000;
constexpr int MaxSampleRate = 48000;
constexpr quint64 MaxSamples = quint64(MaxSampleRate) * 60 * 10; // ten minutes: far beyond any line
const QString FileSuffix = u".voice"_s;

QByteArray sha256(const QByteArray &data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256);
}

} // namespace

QString SpeechKey::toString() const
{
    return u"v%1 flite-2.2 %2 %3\n%4"_s.arg(RendererVersion).arg(voiceId).arg(ratePercent).arg(text);
}

SpeechMemoryCache::SpeechMemoryCache(qsizetype maxBytes)
    : m_cache(std::max<qsizetype>(0, maxBytes))
{ }

std::optional<CachedAudio> SpeechMemoryCache::find(const QString &key)
{
    if (const CachedAudio *audio = m_cache.object(key)) // object() makes it the most recently used
        return *audio;
    return std::nullopt;
}

void SpeechMemoryCache::insert(const QString &key, const CachedAudio &audio)
{
    // A line larger than the whole cache is not kept (QCache refuses it).
    m_cache.insert(key, new CachedAudio(audio), std::max<qsizetype>(1, audio.pcm.size()));
}

SpeechDiskCache::SpeechDiskCache(QString folder, qint64 maxBytes)
    : m_folder(std::move(folder))
    , m_maxBytes(maxBytes)
{ }

QString SpeechDiskCache::pathFor(const SpeechKey &key) const
{
    const QByteArray name = sha256(key.toString().toUtf8()).toHex().left(40);
    return QDir(m_folder).filePath(QString::fromLatin1(name) + FileSuffix);
}

std::optional<CachedAudio> SpeechDiskCache::find(const SpeechKey &key, bool *rejected) const
{
    if (rejected)
        *rejected = false;
    const QString path = pathFor(key);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const auto reject = [&](const char *why) -> std::optional<CachedAudio> {
        qCWarning(lcVoice) << "removing the damaged voice cache file" << path << "(" << why << ")";
        file.close();
        QFile::remove(path);
        if (rejected)
            *rejected = true;
        return std::nullopt;
    };

    const QByteArray header = file.read(FixedHeaderBytes);
    if (header.size() != FixedHeaderBytes || !header.startsWith(Magic))
        return reject("not a voice cache file");
    const char *fields = header.constData() + Magic.size();
    const quint32 sampleRate = qFromLittleEndian<quint32>(fields);
    const quint64 sampleCount = qFromLittleEndian<quint64>(fields + 4);
    const quint32 keyBytes = qFromLittleEndian<quint32>(fields + 12);
    if (sampleRate < MinSampleRate || sampleRate > MaxSampleRate || sampleCount == 0 || sampleCount > MaxSamples
        || keyBytes > MaxKeyBytes)
        return reject("implausible header");
    const qint64 expectedSize = FixedHeaderBytes + keyBytes + HashBytes + qint64(sampleCount) * 2;
    if (file.size() != expectedSize)
        return reject("wrong length");
    if (file.read(keyBytes) != key.toString().toUtf8())
        return reject("another line's key");
    const QByteArray hash = file.read(HashBytes);
    CachedAudio audio{int(sampleRate), file.read(qint64(sampleCount) * 2)};
    if (audio.pcm.size() != qsizetype(sampleCount) * 2 || sha256(audio.pcm) != hash)
        return reject("samples do not match their checksum");
    file.close();
    // The least recently used files go first when the folder is full.
    if (file.open(QIODevice::ReadWrite))
        file.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
    return audio;
}

bool SpeechDiskCache::insert(const SpeechKey &key, const CachedAudio &audio) const
{
    if (m_folder.isEmpty() || !QDir().mkpath(m_folder)) {
        qCWarning(lcVoice) << "cannot create the voice cache folder" << m_folder;
        return false;
    }
    const QByteArray keyUtf8 = key.toString().toUtf8();
    const quint64 sampleCount = quint64(audio.pcm.size() / 2);
    if (keyUtf8.size() > qsizetype(MaxKeyBytes) || sampleCount == 0 || sampleCount > MaxSamples)
        return false;
    QByteArray header = Magic;
    header.resize(FixedHeaderBytes);
    char *fields = header.data() + Magic.size();
    qToLittleEndian<quint32>(quint32(audio.sampleRate), fields);
    qToLittleEndian<quint64>(sampleCount, fields + 4);
    qToLittleEndian<quint32>(quint32(keyUtf8.size()), fields + 12);

    QSaveFile file(pathFor(key));
    if (!file.open(QIODevice::WriteOnly) || file.write(header) != header.size() || file.write(keyUtf8) != keyUtf8.size()
        || file.write(sha256(audio.pcm)) != HashBytes || file.write(audio.pcm) != audio.pcm.size() || !file.commit()) {
        qCWarning(lcVoice) << "cannot write the voice cache file" << file.fileName() << file.errorString();
        return false;
    }
    prune();
    return true;
}

void SpeechDiskCache::prune() const
{
    const QFileInfoList files = QDir(m_folder).entryInfoList({u"*"_s + FileSuffix}, QDir::Files, QDir::Time);
    qint64 total = 0;
    for (const QFileInfo &info : files) { // newest first
        total += info.size();
        if (total > m_maxBytes)
            QFile::remove(info.filePath());
    }
}

} // namespace MockLoop
