#include "DesktopApp.h"
#include "cli/CommandLine.h"
#include "common/ApplicationIdentity.h"

#include <QApplication>
#include <QGuiApplication>

int main(int argc, char *argv[])
{
    if (MockLoop::CommandLine::needsFonts(argc, argv)) {
        // Headless: the offscreen platform gives fonts without a display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        // QGuiApplication takes "--session" for X11 session management: the arguments are kept first.
        QStringList arguments;
        for (int i = 0; i < argc; ++i)
            arguments << QString::fromLocal8Bit(argv[i]);
        QGuiApplication application(argc, argv);
        MockLoop::applyApplicationIdentity(application);
        return MockLoop::CommandLine::run(arguments);
    }
    if (MockLoop::CommandLine::isConsoleInvocation(argc, argv)) {
        QCoreApplication application(argc, argv);
        MockLoop::applyApplicationIdentity(application);
        return MockLoop::CommandLine::run(application.arguments());
    }
    QApplication application(argc, argv);
    MockLoop::applyApplicationIdentity(application);
    const auto options = MockLoop::CommandLine::parseGuiArguments(application.arguments());
    return MockLoop::runDesktopApp(application, options.loopFiles, options.quitWhenShown);
}
