#include "DesktopApp.h"

#include "AppServices.h"
#include "analysis/AnalysisService.h"
#include "audio/AudioInputs.h"
#include "audio/MultimediaBackend.h"
#include "common/Accessibility.h"
#include "common/AppSettings.h"
#include "library/PracticeLibrary.h"
#include "mainwindow/MainWindow.h"
#include "session/Clock.h"
#include "session/SessionStore.h"
#include "voice/InterviewerVoice.h"
#include "voice/VoiceSpeechOutput.h"

#include <QApplication>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace MockLoop {

int runDesktopApp(QApplication &application, const QStringList &loopFiles, bool quitWhenShown)
{
    selectMultimediaBackend();
    installAccessibility(); // before the first widget: a screen reader asks about each as it is made
    application.setWindowIcon(QIcon(QStringLiteral(":/icons/mockloop.svg")));
    application.setDesktopFileName(QStringLiteral("io.github.mockloop.MockLoop"));

    SteadyClock clock;
    PracticeLibrary library;
    library.open(AppSettings::libraryFolder());
    AudioInputs audioInputs;
    AnalysisService analysis(&library);
    // The interviewer's voice: rendered lines kept on disk between runs, so a loop's questions are
    // rendered once; the voices load when first used.
    InterviewerVoice::Options voiceOptions;
    // (GenericCacheLocation, as the data folder: CacheLocation would repeat the name, MockLoop/MockLoop.)
    voiceOptions.diskCacheFolder
        = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + u"/MockLoop/voice"_s;
    InterviewerVoice voice(AppSettings::voiceSettings(), voiceOptions);
    VoiceSpeechOutput speech(&voice);
    speech.setOutputDeviceId(AppSettings::voiceOutputId());

    AppServices services;
    services.clock = &clock;
    services.library = &library;
    services.audioInputs = &audioInputs;
    services.analysis = &analysis;
    services.voice = &voice;
    services.speech = &speech;
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
