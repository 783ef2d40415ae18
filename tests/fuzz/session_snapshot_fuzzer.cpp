// The unfinished-session file on any bytes: SessionSnapshot::fromJson, then, when it parses,
// SessionEngine::restore against the built-in loop, which holds the snapshot's checks against the
// loop. (A restored engine is not resumed here: the checks of a snapshot as a whole come first.)

#include "FuzzSupport.h"

#include "loops/LoopCatalog.h"
#include "session/Clock.h"
#include "session/SessionEngine.h"
#include "session/SessionSnapshot.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace MockLoop;
    Fuzz::ensureApplication();
    static const std::shared_ptr<const Loop> loop = [] {
        LoopCatalog catalog;
        catalog.addBuiltIn();
        return catalog.find(QStringLiteral("netflix-engineering-leadership"));
    }();
    QString error;
    const std::optional<SessionSnapshot> snapshot = SessionSnapshot::fromJson(Fuzz::bytesOf(data, size), &error);
    if (!snapshot)
        return 0;
    ManualClock clock;
    const std::unique_ptr<SessionEngine> engine = SessionEngine::restore(loop, *snapshot, clock, &error);
    return 0;
}
