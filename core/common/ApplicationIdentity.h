#pragma once

class QCoreApplication;
class QString;

namespace MockLoop {

// Names and version every MockLoop process shares; they decide where settings live
// (~/.config/MockLoop/MockLoop.conf on Linux). Also installs the English plural forms of
// messages. Call it right after constructing the application object.
void applyApplicationIdentity(QCoreApplication &application);

// Where MockLoop keeps its data: ~/.local/share/MockLoop on Linux ($XDG_DATA_HOME/MockLoop).
// Not AppDataLocation, which would repeat the name as organization and application.
QString dataFolder();

} // namespace MockLoop
