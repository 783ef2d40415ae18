#pragma once

#include <QStringList>

class QApplication;

namespace MockLoop {

// Makes the real services (the steady clock, the practice library on its thread, the microphone
// list), shows the main window and runs the event loop.
// With quitWhenShown, prints "shown" once the window has painted and quits (smoke tests, benches).
int runDesktopApp(QApplication &application, const QStringList &loopFiles, bool quitWhenShown = false);

} // namespace MockLoop
