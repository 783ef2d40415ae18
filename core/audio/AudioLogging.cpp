#include "AudioLogging.h"

namespace MockLoop {

Q_LOGGING_CATEGORY(lcAudio, "mockloop.audio", QtInfoMsg)

} // namespace MockLoop
