#pragma once

#include <QLoggingCategory>

namespace MockLoop {

// "mockloop.audio": capture, playback, devices and take repair. Turn it on with
// QT_LOGGING_RULES="mockloop.audio.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcAudio)

} // namespace MockLoop
