// Build-time tool: renders the scalable app icon to the PNG sizes desktops look for.
//   mockloop_icon_renderer ICON.svg OUTPUT_FOLDER NAME SIZE...
// writes OUTPUT_FOLDER/<SIZE>x<SIZE>/apps/NAME.png, the hicolor theme layout.

#include <QDir>
#include <QGuiApplication>
#include <QIcon>
#include <QPixmap>

#include <cstdio>

int main(int argc, char *argv[])
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    if (argc < 5) {
        std::fprintf(stderr, "usage: %s ICON.svg OUTPUT_FOLDER NAME SIZE...\n", argv[0]);
        return 2;
    }
    const QIcon icon(QString::fromLocal8Bit(argv[1]));
    const QDir output(QString::fromLocal8Bit(argv[2]));
    const QString name = QString::fromLocal8Bit(argv[3]);
    for (int i = 4; i < argc; ++i) {
        const int size = QByteArray(argv[i]).toInt();
        const QString folder = output.filePath(QStringLiteral("%1x%1/apps").arg(size));
        QDir().mkpath(folder);
        const QPixmap pixmap = icon.pixmap(QSize(size, size));
        if (pixmap.isNull() || pixmap.width() != size || !pixmap.save(folder + u'/' + name + QStringLiteral(".png"))) {
            std::fprintf(stderr,
                         "could not render the %dx%d icon (is the Qt SVG icon plugin, libqt6svg6, installed?)\n", size,
                         size);
            return 1;
        }
    }
    return 0;
}
