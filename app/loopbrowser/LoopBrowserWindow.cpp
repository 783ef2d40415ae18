#include "LoopBrowserWindow.h"

#include <QHeaderView>
#include <QStatusBar>
#include <QTreeWidget>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace MockLoop {

LoopBrowserWindow::LoopBrowserWindow(const QStringList &openedFiles, QWidget *parent)
    : QMainWindow(parent)
    , m_tree(new QTreeWidget(this))
{
    setWindowTitle(tr("MockLoop"));
    m_tree->setObjectName(u"loopTree"_s);
    m_tree->setColumnCount(3);
    m_tree->setHeaderLabels({tr("Loop / round"), tr("Interviewer"), tr("Minutes")});
    m_tree->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_tree->setUniformRowHeights(true);
    setCentralWidget(m_tree);
    statusBar()->showMessage(tr("Loading loops…"));
    resize(900, 560);

    connect(&m_catalogLoad, &QFutureWatcher<LoopCatalog>::finished, this,
            [this] { showCatalog(m_catalogLoad.result()); });
    m_catalogLoad.setFuture(QtConcurrent::run([openedFiles] {
        LoopCatalog catalog = LoopCatalog::loadDefault();
        for (const QString &file : openedFiles)
            catalog.addFile(file);
        return catalog;
    }));
}

void LoopBrowserWindow::showCatalog(const LoopCatalog &catalog)
{
    m_tree->clear();
    int loaded = 0;
    for (const CatalogEntry &entry : catalog.entries()) {
        auto *loopItem = new QTreeWidgetItem(m_tree);
        if (!entry.loop) {
            loopItem->setText(0, tr("%1 (not loaded)").arg(entry.location));
            for (const LoopDiagnostic &diagnostic : entry.diagnostics)
                new QTreeWidgetItem(loopItem, {diagnostic.toString()});
            continue;
        }
        ++loaded;
        QString origin = originName(entry.origin);
        if (!entry.overrides.isEmpty())
            origin = tr("%1, overrides %2").arg(origin, entry.overrides);
        if (!entry.overriddenBy.isEmpty())
            origin = tr("%1, overridden by %2").arg(origin, entry.overriddenBy);
        loopItem->setText(0, u"%1 — %2"_s.arg(entry.loop->title, origin));
        loopItem->setText(2, QString::number(entry.loop->totalMinutes()));
        loopItem->setToolTip(0, entry.location);
        for (const Round &round : entry.loop->rounds)
            new QTreeWidgetItem(loopItem, {round.title, round.interviewer, QString::number(round.durationMinutes)});
        loopItem->setExpanded(entry.isActive());
    }
    m_tree->resizeColumnToContents(1);
    statusBar()->showMessage(tr("%n loop(s) loaded", nullptr, loaded));
    Q_EMIT catalogShown();
}

} // namespace MockLoop
