#pragma once

#include <QLoggingCategory>

namespace MockLoop {

// "mockloop.analysis": the speech model, recognition and the analysers; pocketsphinx's own log goes
// here at debug level. Turn it on with QT_LOGGING_RULES="mockloop.analysis.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcAnalysis)

} // namespace MockLoop
