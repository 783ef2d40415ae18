#pragma once

#include "Progress.h"

#include <QFuture>

namespace MockLoop {

class PracticeLibrary;

// The Progress page's numbers, worked out on the practice library's own thread (the facts are read
// and summed up there), so the GUI thread never waits on the database. Without an open library the
// result is the loop's readiness and queue with nothing practised.
QFuture<ProgressData> loadProgress(PracticeLibrary &library, std::shared_ptr<const Loop> loop, ProgressFilter filter,
                                   QDateTime now, QDate interviewDate);

// The Practice home's line about the queue ("4 questions due today"), the same way.
QFuture<Progress::DueSummary> loadDueSummary(PracticeLibrary &library, std::shared_ptr<const Loop> loop, QDateTime now);

} // namespace MockLoop
