#include "DesktopApp.h"

#include "AppServices.h"
#include "analysis/AnalysisService.h"
#include "audio/AudioInputs.h"
#include "audio/MultimediaBackend.h"
#include "common/AppSettings.h"
#include "library/PracticeLibrary.h"
#include "mainwindow/MainWindow.h"
#include "session/Clock.h"
#include "session/SessionStore.h"

#include <QApplication>
#include <QTimer>

#include <cstdio>

namespace MockLoop {

int runDesktopApp(QApplication &application, const QStringList &loopFiles, bool quitWhenShown)
{
    selectMultimediaBackend();
    application.setWindowIcon(QIcon(QStringLiteral(":/icons/mockloop.svg")));
    application.setDesktopFileName(QStringLiteral("io.github.mockloop.MockLoop"));

    SteadyClock clock;
    PracticeLibrary library;
    library.open(AppSettings::libraryFolder());
    AudioInputs audioInputs;
    AnalysisService analysis(&library);

    AppServices services;
    services.clock = &clock;
    services.library = &library;
    services.audioInputs = &audioInputs;
    services.analysis = &analysis;
    services.sessionFilePath = FileSessionStore::defaultFilePath();

    MainWindow window(services, loopFiles);
    window.show();
    if (quitWhenShown) {
        QTimer::singleShot(0, &window, [&window] {
            window.repaint(); // the first frame, painted: what a person would see
            std::fputs("shown\n", stdout);
            std::fflush(stdout);
            QCoreApplication::quit();
        });
    }
    return application.exec();
}

} // namespace MockLoop
