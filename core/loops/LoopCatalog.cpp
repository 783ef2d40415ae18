#include "LoopCatalog.h"

#include "LoopLoader.h"
#include "common/ApplicationIdentity.h"

#include <QCoreApplication>
#include <QDir>
#include <QStandardPaths>
#include <QThreadPool>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr auto BuiltInFolder = ":/interview_loops"_L1;

} // namespace

QString originName(LoopOrigin origin)
{
    switch (origin) {
    case LoopOrigin::BuiltIn:
        return QCoreApplication::translate("MockLoop::LoopCatalog", "built-in");
    case LoopOrigin::UserFolder:
        return QCoreApplication::translate("MockLoop::LoopCatalog", "user folder");
    case LoopOrigin::OpenedFile:
        return QCoreApplication::translate("MockLoop::LoopCatalog", "opened file");
    }
    return {};
}

LoopCatalog LoopCatalog::loadDefault()
{
    const QList<LoopSource> sources = defaultSources();
    std::vector<CatalogEntry> entries(std::size_t(sources.size()));
    QThreadPool pool;
    for (std::size_t i = 0; i < entries.size(); ++i)
        pool.start([&entries, &sources, i] { entries[i] = load(sources.at(qsizetype(i))); });
    pool.waitForDone();
    LoopCatalog catalog;
    for (CatalogEntry &entry : entries)
        catalog.add(std::move(entry));
    return catalog;
}

QList<LoopSource> LoopCatalog::defaultSources()
{
    return sourcesIn(BuiltInFolder, LoopOrigin::BuiltIn) + sourcesIn(userLoopFolder(), LoopOrigin::UserFolder);
}

QList<LoopSource> LoopCatalog::sourcesIn(const QString &folderPath, LoopOrigin origin)
{
    const QDir folder(folderPath);
    const QStringList names
        = folder.entryList({u"*.yaml"_s, u"*.yml"_s}, QDir::Files | QDir::Readable | QDir::Hidden, QDir::Name);
    QList<LoopSource> sources;
    for (const QString &name : names)
        sources.append({folder.filePath(name), origin});
    return sources;
}

CatalogEntry LoopCatalog::load(const LoopSource &source, std::stop_token stop)
{
    LoopLoadResult result = LoopLoader::loadFile(source.location, std::move(stop));
    CatalogEntry entry;
    entry.origin = source.origin;
    entry.location = source.location;
    entry.diagnostics = std::move(result.diagnostics);
    if (result.loop)
        entry.loop = std::make_shared<const Loop>(std::move(*result.loop));
    return entry;
}

QString LoopCatalog::userLoopFolder()
{
    return dataFolder() + u"/interview_loops"_s;
}

void LoopCatalog::addBuiltIn()
{
    addFolder(BuiltInFolder, LoopOrigin::BuiltIn);
}

void LoopCatalog::addFolder(const QString &folderPath, LoopOrigin origin)
{
    for (const LoopSource &source : sourcesIn(folderPath, origin))
        add(load(source));
}

const CatalogEntry &LoopCatalog::addFile(const QString &filePath, LoopOrigin origin)
{
    return add(load({filePath, origin}));
}

const CatalogEntry &LoopCatalog::add(CatalogEntry entry)
{
    // Opening the same file again replaces its earlier entry rather than overriding itself.
    m_entries.removeIf([&entry](const CatalogEntry &existing) { return existing.location == entry.location; });
    for (CatalogEntry &existing : m_entries) {
        if (existing.overriddenBy == entry.location)
            existing.overriddenBy.clear();
    }
    if (entry.loop) {
        for (CatalogEntry &existing : m_entries) {
            if (existing.isActive() && existing.loop->id == entry.loop->id) {
                existing.overriddenBy = entry.location;
                entry.overrides = existing.location;
            }
        }
    }
    m_entries.append(std::move(entry));
    return m_entries.constLast();
}

QList<CatalogEntry> LoopCatalog::activeEntries() const
{
    QList<CatalogEntry> active;
    std::copy_if(m_entries.cbegin(), m_entries.cend(), std::back_inserter(active),
                 [](const CatalogEntry &entry) { return entry.isActive(); });
    return active;
}

std::shared_ptr<const Loop> LoopCatalog::find(const QString &loopId) const
{
    for (const CatalogEntry &entry : m_entries) {
        if (entry.isActive() && entry.loop->id == loopId)
            return entry.loop;
    }
    return nullptr;
}

} // namespace MockLoop
