// Records one take with MockLoop's recorder until it is killed (or for a given time), for the
// crash test: audio_record_helper <take.wav> [device id] [seconds]
// Prints "recording" on stdout once audio flows.

#include "audio/AudioRecorder.h"
#include "audio/MultimediaBackend.h"
#include "common/ApplicationIdentity.h"

#include <QCoreApplication>
#include <QMediaDevices>
#include <QTimer>

#include <cstdio>

using namespace MockLoop;

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    applyApplicationIdentity(application);
    selectMultimediaBackend();
    const QStringList arguments = application.arguments();
    if (arguments.size() < 2) {
        std::fprintf(stderr, "usage: audio_record_helper <take.wav> [device id] [seconds]\n");
        return 2;
    }

    AudioRecorder recorder;
    if (arguments.size() > 2) {
        const QList<QAudioDevice> inputs = QMediaDevices::audioInputs();
        for (const QAudioDevice &device : inputs) {
            if (device.id() == arguments.at(2).toUtf8())
                recorder.setDevice(device);
        }
    }
    QObject::connect(&recorder, &AudioRecorder::errorOccurred, &application,
                     [](auto, const QString &message) { std::fprintf(stderr, "error: %s\n", qPrintable(message)); });
    QObject::connect(&recorder, &AudioRecorder::recordedTimeChanged, &application, [](qint64 ms) {
        static bool told = false;
        if (ms > 0 && !told) {
            told = true;
            std::printf("recording\n");
            std::fflush(stdout);
        }
    });
    QObject::connect(&recorder, &AudioRecorder::stateChanged, &application, [&recorder](AudioRecorder::State state) {
        if (state == AudioRecorder::State::Idle)
            QCoreApplication::exit(recorder.error() == AudioRecorder::Error::None ? 0 : 1);
    });
    if (arguments.size() > 3)
        QTimer::singleShot(int(arguments.at(3).toDouble() * 1000), &recorder, &AudioRecorder::stop);
    if (!recorder.start(arguments.at(1)))
        return 1;
    return application.exec();
}
