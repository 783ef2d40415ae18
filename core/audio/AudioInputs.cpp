#include "AudioInputs.h"

#include "AudioLogging.h"

#include <QMediaDevices>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

bool sameDevices(const QList<QAudioDevice> &a, const QList<QAudioDevice> &b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(), [](const QAudioDevice &x, const QAudioDevice &y) {
        return x.id() == y.id() && x.description() == y.description();
    });
}

bool isMonitor(const QAudioDevice &device)
{
    // PulseAudio names the monitor of an output "<sink>.monitor"; Qt 6.4 hides most of them.
    return device.id().endsWith(".monitor") || device.description().startsWith("Monitor of "_L1);
}

} // namespace

AudioInputs::AudioInputs(QObject *parent)
    : QObject(parent)
    , m_pickedId(QSettings().value(QString::fromLatin1(SettingsKey)).toByteArray())
    , m_pollTimer(this)
{
    m_pollTimer.setInterval(DefaultPollInterval);
    connect(&m_pollTimer, &QTimer::timeout, this, &AudioInputs::refresh);
}

const QList<QAudioDevice> &AudioInputs::known() const
{
    // The first question to Qt Multimedia starts it (its backend, the sound server connection):
    // asked when something needs the answer, not while the window is opening.
    if (!m_inputs) {
        m_inputs = QMediaDevices::audioInputs();
        m_chosenId = chosenFrom(*m_inputs).id();
    }
    return *m_inputs;
}

QAudioDevice AudioInputs::chosenFrom(const QList<QAudioDevice> &inputs) const
{
    const QAudioDevice picked = findById(inputs, m_pickedId);
    return picked.isNull() ? sensibleDefault(inputs) : picked;
}

QAudioDevice AudioInputs::chosenInput() const
{
    return chosenFrom(known());
}

bool AudioInputs::isPickedConnected() const
{
    return !findById(known(), m_pickedId).isNull();
}

void AudioInputs::pick(const QByteArray &deviceId)
{
    known(); // the choice before this pick, to tell whether it changes
    QSettings settings;
    if (deviceId.isEmpty())
        settings.remove(QString::fromLatin1(SettingsKey));
    else
        settings.setValue(QString::fromLatin1(SettingsKey), deviceId);
    m_pickedId = deviceId;
    const QByteArray chosen = chosenInput().id();
    if (chosen != m_chosenId) {
        m_chosenId = chosen;
        Q_EMIT chosenInputChanged();
    }
}

void AudioInputs::startMonitoring()
{
    if (m_monitors++ == 0) {
        refresh();
        m_pollTimer.start();
    }
}

void AudioInputs::stopMonitoring()
{
    if (m_monitors == 0)
        return;
    if (--m_monitors == 0)
        m_pollTimer.stop();
}

void AudioInputs::setPollInterval(std::chrono::milliseconds interval)
{
    m_pollTimer.setInterval(interval);
}

void AudioInputs::refresh()
{
    known();
    QList<QAudioDevice> inputs = QMediaDevices::audioInputs();
    if (sameDevices(inputs, *m_inputs))
        return;
    qCDebug(lcAudio) << "inputs changed:" << inputs.size() << "input(s)";
    m_inputs = std::move(inputs);
    Q_EMIT inputsChanged();
    const QByteArray chosen = chosenInput().id();
    if (chosen != m_chosenId) {
        m_chosenId = chosen;
        Q_EMIT chosenInputChanged();
    }
}

QAudioDevice AudioInputs::sensibleDefault(const QList<QAudioDevice> &inputs)
{
    for (const QAudioDevice &device : inputs) {
        if (device.isDefault())
            return device;
    }
    const QAudioDevice qtDefault = QMediaDevices::defaultAudioInput();
    if (!qtDefault.isNull() && !isMonitor(qtDefault) && !findById(inputs, qtDefault.id()).isNull())
        return qtDefault;
    for (const QAudioDevice &device : inputs) {
        if (!isMonitor(device))
            return device;
    }
    return inputs.value(0);
}

QAudioDevice AudioInputs::findById(const QList<QAudioDevice> &inputs, const QByteArray &deviceId)
{
    if (deviceId.isEmpty())
        return {};
    for (const QAudioDevice &device : inputs) {
        if (device.id() == deviceId)
            return device;
    }
    return {};
}

} // namespace MockLoop
