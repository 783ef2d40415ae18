#pragma once

#include "AppServices.h"
#include "library/LibraryPage.h"
#include "loops/LoopCatalog.h"

#include <QTest>

#include <memory>

namespace MockLoop {

// The Library page over a clock, a library (and an analysis service, if any), shown as a person
// sees it: no recording (no sound server in these tests), the loops of catalog, at size. Null if
// the window was never exposed.
inline std::unique_ptr<LibraryPage> shownLibraryPage(Clock *clock, PracticeLibrary *library, const LoopCatalog &catalog,
                                                     AnalysisService *analysis = nullptr, QSize size = {1280, 860})
{
    AppServices services;
    services.clock = clock;
    services.library = library;
    services.analysis = analysis;
    services.recordAudio = false;
    auto page = std::make_unique<LibraryPage>(services);
    page->setCatalog(catalog);
    page->resize(size);
    page->show();
    if (!QTest::qWaitForWindowExposed(page.get()))
        return nullptr;
    return page;
}

} // namespace MockLoop
