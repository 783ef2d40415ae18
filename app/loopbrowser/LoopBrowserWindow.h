#pragma once

#include "loops/LoopCatalog.h"

#include <QFutureWatcher>
#include <QMainWindow>

class QTreeWidget;

namespace MockLoop {

// Lists the loops MockLoop found and their rounds, and the errors of any that failed to load.
class LoopBrowserWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit LoopBrowserWindow(const QStringList &openedFiles = {}, QWidget *parent = nullptr);

Q_SIGNALS:
    void catalogShown();

private:
    void showCatalog(const LoopCatalog &catalog);

    QTreeWidget *m_tree = nullptr;
    QFutureWatcher<LoopCatalog> m_catalogLoad;
};

} // namespace MockLoop
