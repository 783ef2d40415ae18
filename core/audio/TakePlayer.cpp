#include "TakePlayer.h"

#include "AudioLogging.h"

#include <QAudioDevice>
#include <QDir>
#include <QFileInfo>
#include <QMediaDevices>
#include <QUrl>

#include <algorithm>

namespace MockLoop {

TakePlayer::TakePlayer(QObject *parent)
    : QObject(parent)
{
    m_player.setAudioOutput(&m_output);
    connect(&m_player, &QMediaPlayer::positionChanged, this, &TakePlayer::positionChanged);
    connect(&m_player, &QMediaPlayer::durationChanged, this, &TakePlayer::durationChanged);
    connect(&m_player, &QMediaPlayer::seekableChanged, this, &TakePlayer::onSeekableChanged);
    connect(&m_player, &QMediaPlayer::mediaStatusChanged, this, &TakePlayer::onMediaStatusChanged);
    connect(&m_player, &QMediaPlayer::errorOccurred, this, &TakePlayer::onError);
    connect(&m_player, &QMediaPlayer::playbackStateChanged, this, [this] { Q_EMIT stateChanged(state()); });
}

void TakePlayer::setTake(const QString &wavPath)
{
    m_player.stop();
    m_pendingSeek.reset();
    m_errorString.clear();
    m_path = wavPath;
    m_player.setSource(QUrl::fromLocalFile(wavPath));
}

void TakePlayer::play()
{
    m_errorString.clear();
    if (!QFileInfo::exists(m_path)) {
        reportError(tr("Could not play %1: the file is missing.").arg(QDir::toNativeSeparators(m_path)));
        return;
    }
    if (QMediaDevices::audioOutputs().isEmpty()) {
        // Without this check GStreamer plays into nothing and the take seems to play silently.
        reportError(tr("No speakers or headphones found. Connect an output device (and check that the sound system "
                       "is running), then try again."));
        return;
    }
    m_player.play();
}

void TakePlayer::pause()
{
    m_player.pause();
}

void TakePlayer::stop()
{
    m_player.stop();
}

void TakePlayer::seek(qint64 position)
{
    position = std::max<qint64>(position, 0);
    if (m_player.duration() > 0)
        position = std::min(position, m_player.duration());
    if (m_player.isSeekable()) {
        m_pendingSeek.reset();
        m_player.setPosition(position);
    } else {
        m_pendingSeek = position;
    }
}

void TakePlayer::setRate(double rate)
{
    rate = std::clamp(rate, MinimumRate, MaximumRate);
    if (qFuzzyCompare(rate, m_rate))
        return;
    m_rate = rate;
    if (isLoaded())
        m_player.setPlaybackRate(rate);
    Q_EMIT rateChanged(rate);
}

TakePlayer::State TakePlayer::state() const
{
    switch (m_player.playbackState()) {
    case QMediaPlayer::PlayingState:
        return State::Playing;
    case QMediaPlayer::PausedState:
        return State::Paused;
    case QMediaPlayer::StoppedState:
        break;
    }
    return State::Stopped;
}

void TakePlayer::onMediaStatusChanged(QMediaPlayer::MediaStatus status)
{
    switch (status) {
    case QMediaPlayer::LoadedMedia:
    case QMediaPlayer::BufferedMedia:
        if (!qFuzzyCompare(m_player.playbackRate(), m_rate))
            m_player.setPlaybackRate(m_rate);
        break;
    case QMediaPlayer::EndOfMedia:
        Q_EMIT finished();
        break;
    case QMediaPlayer::NoMedia:
    case QMediaPlayer::LoadingMedia:
    case QMediaPlayer::StalledMedia:
    case QMediaPlayer::BufferingMedia:
    case QMediaPlayer::InvalidMedia:
        break;
    }
}

void TakePlayer::onSeekableChanged(bool seekable)
{
    if (seekable && m_pendingSeek) {
        m_player.setPosition(*m_pendingSeek);
        m_pendingSeek.reset();
    }
    if (seekable && !qFuzzyCompare(m_player.playbackRate(), m_rate))
        m_player.setPlaybackRate(m_rate);
    Q_EMIT seekableChanged(seekable);
}

void TakePlayer::onError(QMediaPlayer::Error error, const QString &errorString)
{
    if (error == QMediaPlayer::NoError)
        return;
    reportError(tr("Could not play %1: %2").arg(QDir::toNativeSeparators(m_path), errorString));
}

void TakePlayer::reportError(const QString &message)
{
    m_errorString = message;
    qCWarning(lcAudio).noquote() << message;
    Q_EMIT errorOccurred(message);
}

bool TakePlayer::isLoaded() const
{
    const auto status = m_player.mediaStatus();
    return status == QMediaPlayer::LoadedMedia || status == QMediaPlayer::BufferedMedia
        || status == QMediaPlayer::BufferingMedia || status == QMediaPlayer::EndOfMedia;
}

} // namespace MockLoop
