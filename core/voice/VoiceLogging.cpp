#include "VoiceLogging.h"

namespace MockLoop {

Q_LOGGING_CATEGORY(lcVoice, "mockloop.voice", QtInfoMsg)

} // namespace MockLoop
