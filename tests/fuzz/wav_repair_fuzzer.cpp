// Take repair on any bytes: each input is written as a take's .part file (with no sidecar) and
// repaired; whatever the outcome, the files are removed again.

#include "FuzzSupport.h"

#include "audio/TakeRepair.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static QTemporaryDir *folder = new QTemporaryDir; // lives for the whole run, like the process
    const QString part = folder->filePath(QStringLiteral("01-question.wav.part"));
    {
        QFile file(part);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return 0;
        file.write(reinterpret_cast<const char *>(data), qint64(size));
    }
    [[maybe_unused]] const MockLoop::RepairedTake repaired = MockLoop::TakeRepair::repair(part);
    for (const QString &name : QDir(folder->path()).entryList(QDir::Files | QDir::Hidden))
        QFile::remove(folder->filePath(name));
    return 0;
}
