// Session import on any bytes: LibraryStore::importSessionJson into a library in a temporary
// folder, which each input leaves as it found it.

#include "FuzzSupport.h"

#include "library/LibraryStore.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <cstdio>
#include <cstdlib>

namespace {

struct ImportTarget
{
    QTemporaryDir folder;
    std::unique_ptr<MockLoop::LibraryStore> store;
    QSqlDatabase cleaner; // a connection of its own, to empty the library between inputs

    ImportTarget()
    {
        MockLoop::LibraryStore::OpenResult opened = MockLoop::LibraryStore::open(folder.path());
        if (!opened.store) {
            std::fprintf(stderr, "cannot open a library in %s: %s\n", qPrintable(folder.path()),
                         qPrintable(opened.message));
            std::abort();
        }
        store = std::move(opened.store);
        cleaner = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("fuzz-cleaner"));
        cleaner.setDatabaseName(store->databasePath());
        cleaner.open();
        QSqlQuery(QStringLiteral("PRAGMA foreign_keys = ON"), cleaner);
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    MockLoop::Fuzz::ensureApplication();
    static ImportTarget *target = new ImportTarget; // lives for the whole run, like the process
    if (target->store->importSessionJson(MockLoop::Fuzz::bytesOf(data, size)))
        QSqlQuery(QStringLiteral("DELETE FROM sessions"), target->cleaner);
    return 0;
}
