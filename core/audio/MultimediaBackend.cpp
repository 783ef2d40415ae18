#include "MultimediaBackend.h"

#include "AudioLogging.h"

#include <QCoreApplication>
#include <QDir>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr auto Variable = "QT_MEDIA_BACKEND";
const QString Preferred = u"gstreamer"_s;

} // namespace

QStringList installedMultimediaBackends()
{
    QStringList backends;
    const QStringList libraryPaths = QCoreApplication::libraryPaths();
    for (const QString &path : libraryPaths) {
        const QStringList plugins = QDir(path + u"/multimedia"_s).entryList(QDir::Files);
        for (QString name : plugins) {
            // libgstreamermediaplugin.so, ffmpegmediaplugin.dll, ...
            if (name.startsWith(u"lib"_s))
                name.remove(0, 3);
            const qsizetype end = name.indexOf(u"mediaplugin"_s);
            if (end > 0 && !backends.contains(name.left(end)))
                backends.append(name.left(end));
        }
    }
    return backends;
}

QString selectMultimediaBackend()
{
    const QString requested = qEnvironmentVariable(Variable);
    const QStringList installed = installedMultimediaBackends();
    if (!requested.isEmpty()) {
        if (installed.isEmpty() || installed.contains(requested)) {
            if (requested == u"ffmpeg"_s && QT_VERSION < QT_VERSION_CHECK(6, 5, 0))
                qCWarning(lcAudio) << "QT_MEDIA_BACKEND=ffmpeg: Qt 6.4's FFmpeg backend is known to crash";
            return requested;
        }
        qCWarning(lcAudio).noquote() << u"QT_MEDIA_BACKEND=%1 is not installed (installed: %2); not using it"_s.arg(
            requested, installed.join(u", "_s));
    }
    if (installed.contains(Preferred)) {
        qputenv(Variable, Preferred.toLatin1());
        qCDebug(lcAudio) << "multimedia backend:" << Preferred;
        return Preferred;
    }
    qunsetenv(Variable);
    qCWarning(lcAudio).noquote() << u"the GStreamer multimedia backend is not installed (installed: %1)"_s.arg(
        installed.join(u", "_s));
    return {};
}

} // namespace MockLoop
