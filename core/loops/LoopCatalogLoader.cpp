#include "LoopCatalogLoader.h"

namespace MockLoop {

LoopCatalogLoader::LoopCatalogLoader(QObject *parent)
    : QObject(parent)
{ }

LoopCatalogLoader::~LoopCatalogLoader()
{
    m_stop.request_stop();
    m_pool.waitForDone();
}

void LoopCatalogLoader::start(const QList<LoopSource> &sources)
{
    stop();
    ++m_generation; // what the reads started before still deliver is dropped
    m_stop = std::stop_source();
    m_entries.assign(std::size_t(sources.size()), std::nullopt);
    m_catalog = LoopCatalog();
    m_pending = sources.size();
    if (sources.isEmpty()) {
        Q_EMIT catalogChanged();
        Q_EMIT finished();
        return;
    }
    for (std::size_t index = 0; index < m_entries.size(); ++index) {
        m_pool.start(
            [this, index, source = sources.at(qsizetype(index)), stop = m_stop.get_token(), generation = m_generation] {
                CatalogEntry entry = LoopCatalog::load(source, stop);
                // Delivered on the loader's thread; dropped if the loader is gone by then.
                QMetaObject::invokeMethod(
                    this,
                    [this, index, generation, entry = std::move(entry)] {
                        if (generation == m_generation)
                            deliver(index, entry);
                    },
                    Qt::QueuedConnection);
            });
    }
}

void LoopCatalogLoader::stop()
{
    m_stop.request_stop();
    m_pool.waitForDone();
}

void LoopCatalogLoader::deliver(std::size_t index, const CatalogEntry &entry)
{
    if (index >= m_entries.size() || m_entries[index])
        return;
    m_entries[index] = entry;
    // Rebuilt in source order, so that which loop overrides which never depends on which file was
    // read first.
    m_catalog = LoopCatalog();
    for (const std::optional<CatalogEntry> &read : m_entries) {
        if (read)
            m_catalog.addEntry(*read);
    }
    --m_pending;
    Q_EMIT catalogChanged();
    if (m_pending == 0)
        Q_EMIT finished();
}

} // namespace MockLoop
