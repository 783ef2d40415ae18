#include "LoopChoice.h"

#include "AppSettings.h"
#include "loops/LoopCatalog.h"

#include <QComboBox>

namespace MockLoop {

void fillLoopChoice(QComboBox *choice, const LoopCatalog &catalog)
{
    const QString wanted = choice->count() > 0 ? choice->currentData().toString() : AppSettings::lastLoopId();
    const QSignalBlocker blocker(choice);
    choice->clear();
    for (const CatalogEntry &entry : catalog.activeEntries())
        choice->addItem(entry.loop->title, entry.loop->id);
    choice->setCurrentIndex(std::max(0, choice->findData(wanted)));
}

} // namespace MockLoop
