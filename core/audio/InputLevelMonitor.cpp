#include "InputLevelMonitor.h"

#include "PcmConversion.h"

#include <QAudioSource>

namespace MockLoop {

InputLevelMonitor::InputLevelMonitor(QObject *parent)
    : QObject(parent)
{ }

InputLevelMonitor::~InputLevelMonitor()
{
    stop();
}

bool InputLevelMonitor::start(const QAudioDevice &device)
{
    stop();
    m_error.clear();
    if (device.isNull())
        return false;
    m_format = PcmConversion::negotiateCaptureFormat(device);
    if (!m_format.isValid()) {
        m_error = tr("The microphone “%1” offers no audio format MockLoop can use.").arg(device.description());
        return false;
    }
    m_source = std::make_unique<QAudioSource>(device, m_format);
    m_source->setBufferSize(m_format.bytesForDuration(100000));
    m_device = m_source->start();
    if (!m_device) {
        m_error = tr("The microphone “%1” could not be opened.").arg(device.description());
        m_source.reset();
        return false;
    }
    m_meter.reset(m_format.sampleRate(), m_format.channelCount());
    connect(m_device, &QIODevice::readyRead, this, &InputLevelMonitor::readAvailable);
    return true;
}

void InputLevelMonitor::stop()
{
    if (!m_source)
        return;
    // In push mode stop() deletes the device it returned: forget it first.
    disconnect(m_device, nullptr, this, nullptr);
    m_device = nullptr;
    m_source->stop();
    m_source.reset();
}

void InputLevelMonitor::readAvailable()
{
    if (!m_device)
        return;
    const QByteArray data = m_device->readAll();
    const int bytesPerSample = m_format.bytesPerSample();
    if (bytesPerSample <= 0)
        return;
    const qsizetype count = data.size() / bytesPerSample;
    const qint16 *samples = reinterpret_cast<const qint16 *>(data.constData());
    if (m_format.sampleFormat() != QAudioFormat::Int16) {
        m_converted.resize(count * qsizetype(sizeof(qint16)));
        PcmConversion::toInt16(data.constData(), count, m_format.sampleFormat(),
                               reinterpret_cast<qint16 *>(m_converted.data()));
        samples = reinterpret_cast<const qint16 *>(m_converted.constData());
    }
    m_meter.process(samples, count, [this](const AudioLevel &level) { Q_EMIT levelMeasured(level); });
}

} // namespace MockLoop
