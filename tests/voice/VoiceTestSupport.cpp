#include "VoiceTestSupport.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace VoiceTestSupport {

MockLoop::RenderedSpeech wait(QFuture<MockLoop::RenderedSpeech> future, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!future.isFinished() && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
        QThread::msleep(2);
    }
    if (!future.isFinished() || future.resultCount() == 0)
        return MockLoop::RenderedSpeech::failure(
            QString(), {MockLoop::VoiceError::Kind::Cancelled, QStringLiteral("the line did not come in time")});
    return future.result();
}

double rms(const MockLoop::RenderedSpeech &speech)
{
    const qint64 count = speech.sampleCount();
    if (count == 0)
        return 0;
    double sum = 0;
    for (qint64 i = 0; i < count; ++i)
        sum += double(speech.sample(i)) * speech.sample(i);
    return std::sqrt(sum / double(count));
}

int peak(const MockLoop::RenderedSpeech &speech)
{
    int result = 0;
    for (qint64 i = 0; i < speech.sampleCount(); ++i)
        result = std::max(result, std::abs(int(speech.sample(i))));
    return result;
}

qint64 voicedMs(const MockLoop::RenderedSpeech &speech)
{
    const qint64 frame = speech.sampleRate / 100;
    if (frame <= 0)
        return 0;
    qint64 voicedFrames = 0;
    for (qint64 start = 0; start + frame <= speech.sampleCount(); start += frame) {
        double sum = 0;
        for (qint64 i = start; i < start + frame; ++i)
            sum += double(speech.sample(i)) * speech.sample(i);
        if (dbfs(std::sqrt(sum / double(frame))) > -40)
            ++voicedFrames;
    }
    return voicedFrames * 10;
}

} // namespace VoiceTestSupport
