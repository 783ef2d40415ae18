#pragma once

#include "LevelMeter.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QObject>

#include <memory>

class QAudioSource;
class QIODevice;

namespace MockLoop {

// Listens to a microphone without recording it: the live level of the Settings page's test meter.
// Cheap enough for the GUI thread: one pass of integer arithmetic per buffer, nothing written.
class InputLevelMonitor : public QObject
{
    Q_OBJECT

public:
    explicit InputLevelMonitor(QObject *parent = nullptr);
    ~InputLevelMonitor() override;

    // Starts listening to device (a null device stops); returns false, with errorString(), when
    // it cannot.
    bool start(const QAudioDevice &device);
    void stop();
    bool isListening() const { return m_device != nullptr; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void levelMeasured(const MockLoop::AudioLevel &level);

private:
    void readAvailable();

    std::unique_ptr<QAudioSource> m_source;
    QIODevice *m_device = nullptr; // owned by m_source
    QAudioFormat m_format;
    LevelMeter m_meter;
    QByteArray m_converted;
    QString m_error;
};

} // namespace MockLoop
