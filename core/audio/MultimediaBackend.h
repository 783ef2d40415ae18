#pragma once

#include <QString>
#include <QStringList>

namespace MockLoop {

// Qt Multimedia chooses its backend once, at its first use, from QT_MEDIA_BACKEND or its own
// default. On Qt 6.4 the FFmpeg backend crashes, and a QT_MEDIA_BACKEND naming a backend that is
// not installed aborts the process. So every MockLoop process calls this once, after creating the
// application object and before any Qt Multimedia use:
//   - QT_MEDIA_BACKEND unset: set to "gstreamer" when that backend is installed;
//   - set to an installed backend: kept (a warning if it is FFmpeg on Qt 6.4);
//   - set to a backend that is not installed: replaced by "gstreamer" (or cleared), not aborted.
// Returns the backend Qt will load ("" when Qt decides).
//
// (On Linux, QAudioSource and QMediaDevices of Qt 6.4 talk to PulseAudio directly whatever the
// backend; the backend matters for QMediaPlayer, that is, playback.)
QString selectMultimediaBackend();

// The backends installed: the "multimedia" plugins in Qt's library paths, e.g. gstreamer, ffmpeg.
QStringList installedMultimediaBackends();

} // namespace MockLoop
