#include "ZipArchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <zip.h>

#include <filesystem>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QString zipErrorText(int code)
{
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    const QString text = QString::fromUtf8(zip_error_strerror(&error));
    zip_error_fini(&error);
    return text;
}

QString archiveErrorText(zip_t *archive)
{
    return QString::fromUtf8(zip_error_strerror(zip_get_error(archive)));
}

} // namespace

// --- Writing ----------------------------------------------------------------------------------

struct ZipWriter::Handle
{
    zip_t *archive = nullptr;
    ~Handle()
    {
        if (archive)
            zip_discard(archive);
    }
};

ZipWriter::ZipWriter(QString path)
    : m_path(std::move(path))
{ }

ZipWriter::~ZipWriter()
{
    m_handle.reset();
    if (!m_temporaryPath.isEmpty())
        QFile::remove(m_temporaryPath);
}

bool ZipWriter::open(QString *error)
{
    // A unique name in the target's folder, so that the rename is atomic (same file system).
    const QFileInfo target(m_path);
    QTemporaryFile reserve(target.dir().filePath(target.fileName() + u".XXXXXX.part"_s));
    reserve.setAutoRemove(false);
    if (!reserve.open()) {
        *error = tr("Could not create a file in %1: %2")
                     .arg(QDir::toNativeSeparators(target.path()), reserve.errorString());
        return false;
    }
    m_temporaryPath = reserve.fileName();
    reserve.close();
    int code = 0;
    zip_t *archive = zip_open(QFile::encodeName(m_temporaryPath).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive) {
        *error = tr("Could not start the archive %1: %2").arg(QDir::toNativeSeparators(m_path), zipErrorText(code));
        return false;
    }
    m_handle = std::make_unique<Handle>();
    m_handle->archive = archive;
    return true;
}

bool ZipWriter::add(const QString &name, void *source, Compression compression, QString *error)
{
    auto *zipSource = static_cast<zip_source_t *>(source);
    if (!zipSource) {
        *error = tr("Could not add %1 to the archive: %2").arg(name, archiveErrorText(m_handle->archive));
        return false;
    }
    const zip_int64_t index
        = zip_file_add(m_handle->archive, name.toUtf8().constData(), zipSource, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
        zip_source_free(zipSource);
        *error = tr("Could not add %1 to the archive: %2").arg(name, archiveErrorText(m_handle->archive));
        return false;
    }
    // Takes (PCM) and PDFs gain little from deflating and cost the most time: stored as they are.
    const zip_int32_t method = compression == Compression::Store ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
    if (zip_set_file_compression(m_handle->archive, zip_uint64_t(index), method, 0) < 0) {
        *error = tr("Could not add %1 to the archive: %2").arg(name, archiveErrorText(m_handle->archive));
        return false;
    }
    return true;
}

bool ZipWriter::addData(const QString &name, const QByteArray &data, Compression compression, QString *error)
{
    if (!m_handle) {
        *error = tr("The archive is not open.");
        return false;
    }
    m_data.append(data);
    const QByteArray &kept = m_data.constLast();
    return add(name, zip_source_buffer(m_handle->archive, kept.constData(), zip_uint64_t(kept.size()), 0), compression,
               error);
}

bool ZipWriter::addFile(const QString &name, const QString &filePath, Compression compression, QString *error)
{
    if (!m_handle) {
        *error = tr("The archive is not open.");
        return false;
    }
    return add(name, zip_source_file(m_handle->archive, QFile::encodeName(filePath).constData(), 0, 0), compression,
               error);
}

bool ZipWriter::finish(QString *error)
{
    if (!m_handle) {
        *error = tr("The archive is not open.");
        return false;
    }
    if (zip_close(m_handle->archive) < 0) {
        *error = tr("Could not write the archive %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), archiveErrorText(m_handle->archive));
        return false; // the handle discards it
    }
    m_handle->archive = nullptr;
    m_handle.reset();
    m_data.clear();
    std::error_code renameError;
    std::filesystem::rename(QFile::encodeName(m_temporaryPath).toStdString(), QFile::encodeName(m_path).toStdString(),
                            renameError);
    if (renameError) {
        *error = tr("Could not write %1: %2")
                     .arg(QDir::toNativeSeparators(m_path), QString::fromStdString(renameError.message()));
        return false;
    }
    m_temporaryPath.clear();
    return true;
}

// --- Reading ----------------------------------------------------------------------------------

struct ZipReader::Handle
{
    zip_t *archive = nullptr;
    ~Handle()
    {
        if (archive)
            zip_discard(archive);
    }
};

ZipReader::ZipReader() = default;
ZipReader::~ZipReader() = default;

bool ZipReader::open(const QString &path, QString *error)
{
    int code = 0;
    zip_t *archive = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
    if (!archive) {
        *error = tr("%1 is not a whole zip archive (%2): it may have been cut short or changed on the way.")
                     .arg(QDir::toNativeSeparators(path), zipErrorText(code));
        return false;
    }
    m_handle = std::make_unique<Handle>();
    m_handle->archive = archive;
    const zip_int64_t count = zip_get_num_entries(archive, 0);
    for (zip_int64_t index = 0; index < count; ++index) {
        zip_stat_t stat;
        zip_stat_init(&stat);
        if (zip_stat_index(archive, zip_uint64_t(index), 0, &stat) < 0) {
            *error = tr("Entry %1 of %2 cannot be read: %3")
                         .arg(index + 1)
                         .arg(QDir::toNativeSeparators(path), archiveErrorText(archive));
            return false;
        }
        ZipEntry entry;
        entry.name = (stat.valid & ZIP_STAT_NAME) ? QString::fromUtf8(stat.name) : QString();
        entry.size = (stat.valid & ZIP_STAT_SIZE) ? qint64(stat.size) : -1;
        entry.compressedSize = (stat.valid & ZIP_STAT_COMP_SIZE) ? qint64(stat.comp_size) : -1;
        zip_uint8_t system = 0;
        zip_uint32_t attributes = 0;
        if (zip_file_get_external_attributes(archive, zip_uint64_t(index), 0, &system, &attributes) == 0
            && system == ZIP_OPSYS_UNIX)
            entry.symbolicLink = S_ISLNK(attributes >> 16);
        m_entries.append(entry);
    }
    return true;
}

std::optional<QByteArray> ZipReader::read(int index, qint64 maxBytes, QString *error) const
{
    const ZipEntry &entry = m_entries.at(index);
    if (entry.size < 0 || entry.size > maxBytes) {
        *error = tr("%1 would be %2 bytes unpacked, more than the %3 it may be.")
                     .arg(entry.name)
                     .arg(entry.size)
                     .arg(maxBytes);
        return std::nullopt;
    }
    zip_file_t *file = zip_fopen_index(m_handle->archive, zip_uint64_t(index), 0);
    if (!file) {
        *error = tr("%1 cannot be read: %2").arg(entry.name, archiveErrorText(m_handle->archive));
        return std::nullopt;
    }
    QByteArray data;
    char buffer[64 * 1024];
    while (true) {
        // Read one byte past the limit: whatever the header declared, more than maxBytes is refused.
        const zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
        if (got < 0) {
            *error = tr("%1 is damaged (%2): the archive was changed or cut short on the way.")
                         .arg(entry.name, QString::fromUtf8(zip_file_strerror(file)));
            zip_fclose(file);
            return std::nullopt;
        }
        if (got == 0)
            break;
        data.append(buffer, qsizetype(got));
        if (data.size() > maxBytes) {
            *error = tr("%1 unpacks to more than %2 bytes.").arg(entry.name).arg(maxBytes);
            zip_fclose(file);
            return std::nullopt;
        }
    }
    zip_fclose(file);
    return data;
}

} // namespace MockLoop
