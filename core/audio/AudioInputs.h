#pragma once

#include <QAudioDevice>
#include <QList>
#include <QObject>
#include <QTimer>

#include <chrono>
#include <optional>

namespace MockLoop {

// The microphones MockLoop can record from, and the one it will use.
//
// Qt 6.4 with PulseAudio never emits QMediaDevices::audioInputsChanged and marks no input as the
// default, so this polls QMediaDevices::audioInputs() every 2 s, but only while something needs
// it: a page calls startMonitoring() when it opens and stopMonitoring() when it closes (counted).
//
// The chosen input is the one whose id the user picked (persisted under audio/inputDeviceId) if it
// is connected; otherwise a sensible default (sensibleDefault()).
class AudioInputs : public QObject
{
    Q_OBJECT

public:
    static constexpr auto SettingsKey = "audio/inputDeviceId";
    static constexpr std::chrono::milliseconds DefaultPollInterval{2000};

    explicit AudioInputs(QObject *parent = nullptr);

    // As of the last poll (or construction).
    QList<QAudioDevice> inputs() const { return known(); }
    // The input a recording would use now; null when there is no microphone at all.
    QAudioDevice chosenInput() const;
    // The id the user picked (persisted), connected or not; empty when they never picked one.
    QByteArray pickedId() const { return m_pickedId; }
    // Whether the picked input is connected (false also when none was picked).
    bool isPickedConnected() const;
    // Persists the choice; an empty id goes back to the default.
    void pick(const QByteArray &deviceId);

    void startMonitoring();
    void stopMonitoring();
    bool isMonitoring() const { return m_monitors > 0; }
    void setPollInterval(std::chrono::milliseconds interval);

    // The default when the user picked nothing or their pick is not connected: an input the
    // backend marks as default, else QMediaDevices::defaultAudioInput() (with PulseAudio the
    // server's default source when Qt started), else the first input that is not a monitor of
    // an output, else the first input.
    static QAudioDevice sensibleDefault(const QList<QAudioDevice> &inputs);
    static QAudioDevice findById(const QList<QAudioDevice> &inputs, const QByteArray &deviceId);

Q_SIGNALS:
    void inputsChanged();
    void chosenInputChanged();

public Q_SLOTS:
    // Polls now.
    void refresh();

private:
    const QList<QAudioDevice> &known() const;
    QAudioDevice chosenFrom(const QList<QAudioDevice> &inputs) const;

    mutable std::optional<QList<QAudioDevice>> m_inputs; // asked for on first use
    QByteArray m_pickedId;
    mutable QByteArray m_chosenId; // of chosenInput() at the last poll, to tell when it changes
    int m_monitors = 0;
    QTimer m_pollTimer;
};

} // namespace MockLoop
