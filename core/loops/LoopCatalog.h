#pragma once

#include "Loop.h"
#include "LoopDiagnostic.h"

#include <QList>
#include <QString>

#include <memory>
#include <stop_token>

namespace MockLoop {

enum class LoopOrigin {
    BuiltIn, // compiled into MockLoop from interview_loops/
    UserFolder, // the user's loop folder (LoopCatalog::userLoopFolder())
    OpenedFile, // a file opened explicitly
};

QString originName(LoopOrigin origin);

struct CatalogEntry
{
    LoopOrigin origin = LoopOrigin::BuiltIn;
    QString location; // resource path for built-in loops, file path otherwise
    std::shared_ptr<const Loop> loop; // null when the file has errors
    LoopDiagnostics diagnostics;
    QString overrides; // location of the loop with the same id this entry replaces
    QString overriddenBy; // location of the loop with the same id that replaces this entry

    bool isLoaded() const { return loop != nullptr; }
    bool isActive() const { return isLoaded() && overriddenBy.isEmpty(); }
};

// A loop file to read, and where it comes from.
struct LoopSource
{
    QString location;
    LoopOrigin origin = LoopOrigin::BuiltIn;
};

// Every loop MockLoop knows of. For one id the later origin wins: an opened file over the user
// folder, the user folder over a built-in loop; the entries say who overrides whom.
// Loading reads files: call it off the GUI thread (LoopCatalogLoader does, file by file).
class LoopCatalog
{
public:
    // The built-in loops and the user folder, each file read on its own (in parallel): a bad file
    // is reported in its entry and never keeps the others out.
    static LoopCatalog loadDefault();

    // <application data>/interview_loops, where a user's own loops live.
    static QString userLoopFolder();
    // The files loadDefault() reads, in the order they take effect.
    static QList<LoopSource> defaultSources();
    // The loop files of a folder, by name.
    static QList<LoopSource> sourcesIn(const QString &folderPath, LoopOrigin origin);
    // Reads one file into an entry (a stopped load gives an entry with that error).
    static CatalogEntry load(const LoopSource &source, std::stop_token stop = {});

    void addBuiltIn();
    void addFolder(const QString &folderPath, LoopOrigin origin = LoopOrigin::UserFolder);
    const CatalogEntry &addFile(const QString &filePath, LoopOrigin origin = LoopOrigin::OpenedFile);
    // Adds an entry already read, as if its file were added now.
    const CatalogEntry &addEntry(CatalogEntry entry) { return add(std::move(entry)); }

    const QList<CatalogEntry> &entries() const { return m_entries; }
    QList<CatalogEntry> activeEntries() const;
    // The loop in force for id, or null.
    std::shared_ptr<const Loop> find(const QString &loopId) const;

private:
    const CatalogEntry &add(CatalogEntry entry);

    QList<CatalogEntry> m_entries;
};

} // namespace MockLoop
