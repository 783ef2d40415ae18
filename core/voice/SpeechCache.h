#pragma once

// Internal to core/voice: rendered lines kept for reuse, in memory and optionally on disk.

#include <QByteArray>
#include <QCache>
#include <QString>

#include <optional>

namespace MockLoop {

// What a line is rendered from. Volume is not part of it: it is applied to a copy on the way out.
struct SpeechKey
{
    QString text; // trimmed
    QString voiceId;
    int ratePercent = 100; // speaking speed, in hundredths: 0.999 and 1.0 are one rendering

    // One string for the maps, and for the disk cache to check a file against.
    QString toString() const;
};

struct CachedAudio
{
    int sampleRate = 0;
    QByteArray pcm;
};

// Rendered lines in memory, the least recently used forgotten first beyond maxBytes. Not thread-safe:
// its owner locks.
class SpeechMemoryCache
{
public:
    explicit SpeechMemoryCache(qsizetype maxBytes);

    std::optional<CachedAudio> find(const QString &key);
    void insert(const QString &key, const CachedAudio &audio);
    qsizetype bytes() const { return m_cache.totalCost(); }

private:
    QCache<QString, CachedAudio> m_cache; // cost: bytes of PCM
};

// Rendered lines as files in a folder of their own (one per line, named by a hash of its key), so
// that a new session's first question needs no rendering. Every file is checked when read back
// (its header, its key, its length and a SHA-256 of its samples) and removed when it fails: a
// damaged or foreign file is rendered again, never played. Beyond maxBytes the oldest files go.
// Files are written atomically (QSaveFile). Thread-safe as long as one process writes the folder;
// never call it from the GUI thread (it reads and writes files).
class SpeechDiskCache
{
public:
    SpeechDiskCache(QString folder, qint64 maxBytes);

    const QString &folder() const { return m_folder; }

    // The line, or nothing (absent, or rejected: rejected is then set).
    std::optional<CachedAudio> find(const SpeechKey &key, bool *rejected = nullptr) const;
    // False (and logged) when the file cannot be written: the cache is a convenience.
    bool insert(const SpeechKey &key, const CachedAudio &audio) const;

    // A file's path for key (tests damage it).
    QString pathFor(const SpeechKey &key) const;

private:
    void prune() const;

    QString m_folder;
    qint64 m_maxBytes = 0;
};

} // namespace MockLoop
