#pragma once

#include <QLoggingCategory>

namespace MockLoop {

// "mockloop.voice": the interviewer's voice (loading voices, rendering, the cache, playback). Turn
// it on with QT_LOGGING_RULES="mockloop.voice.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcVoice)

} // namespace MockLoop
