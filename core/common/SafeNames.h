#pragma once

#include <QStringView>

namespace MockLoop {

// Names read from files (a session id, a take's file name, a question id) that MockLoop turns
// into parts of paths. A safe name is one path component that cannot climb out of its folder or
// surprise a shell: 1 to 128 characters, letters and digits (ASCII), '-', '_' or '.', starting
// with a letter or a digit ("..", "/x", "a/b", "" and names with spaces or control characters are
// not safe).
bool isSafeName(QStringView name);

} // namespace MockLoop
