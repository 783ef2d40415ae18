#pragma once

class QCoreApplication;

namespace MockLoop {

// Names and version every MockLoop process shares; they decide where settings and data live
// (~/.config/MockLoop and ~/.local/share/MockLoop on Linux). Also installs the English plural
// forms of messages. Call it right after constructing the application object.
void applyApplicationIdentity(QCoreApplication &application);

} // namespace MockLoop
