#pragma once

#include "LoopCatalog.h"

#include <QObject>
#include <QThreadPool>

#include <optional>
#include <stop_token>
#include <vector>

namespace MockLoop {

// Reads loop files for the app without ever blocking it: each file is read on its own on a worker
// thread, and the catalogue grows as each arrives, in the order the files take effect. A slow or
// broken file holds up nobody but itself: the built-in loop is there as soon as it is read. Stopping
// (or destroying the loader, as quitting does) ends the reads under way within milliseconds.
class LoopCatalogLoader : public QObject
{
    Q_OBJECT

public:
    explicit LoopCatalogLoader(QObject *parent = nullptr);
    ~LoopCatalogLoader() override; // stops, and waits the few milliseconds that takes

    // Starts reading sources (LoopCatalog::defaultSources() for the app's loops).
    void start(const QList<LoopSource> &sources);
    // Asks the reads under way to stop and waits for them; what they read so far is delivered as
    // stopped entries.
    void stop();

    // The entries read so far, in source order.
    const LoopCatalog &catalog() const { return m_catalog; }
    bool isFinished() const { return m_pending == 0; }

Q_SIGNALS:
    void catalogChanged();
    void finished();

private:
    void deliver(std::size_t index, const CatalogEntry &entry);

    QThreadPool m_pool;
    std::stop_source m_stop;
    std::vector<std::optional<CatalogEntry>> m_entries;
    LoopCatalog m_catalog;
    qsizetype m_pending = 0;
    quint64 m_generation = 0; // counts start()s
};

} // namespace MockLoop
