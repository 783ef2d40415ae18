#include "DesktopApp.h"
#include "cli/CommandLine.h"
#include "common/ApplicationIdentity.h"

#include <QApplication>

int main(int argc, char *argv[])
{
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
