#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

// libzip's handles live here and nowhere else: the rest of MockLoop sees files, names and
// messages, never a zip_t or a libzip error code.

namespace MockLoop {

// Writes a new .zip at a temporary file beside path and renames it onto path when finished, so
// that path holds the whole archive or what it held before, never half of one. Entries are
// written when finish() is called (libzip reads the sources then).
class ZipWriter
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::ZipWriter)

public:
    enum class Compression { Deflate, Store };

    explicit ZipWriter(QString path);
    ~ZipWriter(); // without finish(): the temporary file is removed, path is untouched
    ZipWriter(const ZipWriter &) = delete;
    ZipWriter &operator=(const ZipWriter &) = delete;

    bool open(QString *error);
    bool addData(const QString &name, const QByteArray &data, Compression compression, QString *error);
    // The file is read when finish() runs; it must stay until then.
    bool addFile(const QString &name, const QString &filePath, Compression compression, QString *error);
    bool finish(QString *error);

private:
    struct Handle;
    bool add(const QString &name, void *source, Compression compression, QString *error);

    QString m_path;
    QString m_temporaryPath;
    std::unique_ptr<Handle> m_handle;
    QList<QByteArray> m_data; // alive until finish(): libzip reads it then
};

// An entry of a .zip as read from its central directory.
struct ZipEntry
{
    QString name;
    qint64 size = 0; // uncompressed, as declared
    qint64 compressedSize = 0;
    bool symbolicLink = false;
};

// Reads a .zip without extracting anything to disk: its entries, and one entry's bytes, at most
// a given number of them (a zip bomb is refused at that size, whatever its header declares).
class ZipReader
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::ZipReader)

public:
    ZipReader();
    ~ZipReader();
    ZipReader(const ZipReader &) = delete;
    ZipReader &operator=(const ZipReader &) = delete;

    // Checks the archive's consistency as it opens it; false with *error set when it is not a zip,
    // is truncated or inconsistent.
    bool open(const QString &path, QString *error);
    const QList<ZipEntry> &entries() const { return m_entries; }
    // The bytes of entries()[index], checked against their CRC; nothing when they are more than
    // maxBytes, damaged, or cannot be read (*error says which).
    std::optional<QByteArray> read(int index, qint64 maxBytes, QString *error) const;

private:
    struct Handle;
    std::unique_ptr<Handle> m_handle;
    QList<ZipEntry> m_entries;
};

} // namespace MockLoop
