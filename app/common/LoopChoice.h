#pragma once

class QComboBox;

namespace MockLoop {

class LoopCatalog;

// Fills a page's loop choice with the catalogue's loops in force (title, id as data), keeping the
// loop chosen before (at first, the one last practised), without signalling a change.
void fillLoopChoice(QComboBox *choice, const LoopCatalog &catalog);

} // namespace MockLoop
