#pragma once

#include "analysis/AnswerAnalysis.h"
#include "library/LibraryTypes.h"

namespace MockLoop {

// The speech analysis the library stored for an answer, read back from its JSON. Run it on the
// library's worker: a long take's is large. A record that cannot be read says so, and what to do.
Expected<AnswerAnalysis> readStoredAnalysis(const AnalysisRecord &record);

} // namespace MockLoop
