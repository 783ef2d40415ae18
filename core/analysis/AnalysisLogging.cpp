#include "AnalysisLogging.h"

namespace MockLoop {

Q_LOGGING_CATEGORY(lcAnalysis, "mockloop.analysis", QtInfoMsg)

} // namespace MockLoop
