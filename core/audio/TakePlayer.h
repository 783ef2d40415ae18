#pragma once

#include <QAudioOutput>
#include <QMediaPlayer>
#include <QObject>

#include <optional>

namespace MockLoop {

// Plays one take: QMediaPlayer with a QAudioOutput (the default output device).
//
// Seeks asked for before the media is seekable are kept and applied on seekableChanged; the rate
// (0.75–2×) is applied once the media is loaded, since Qt 6.4's GStreamer backend ignores a rate
// set before that. Errors carry QMediaPlayer::errorString() and the file's path.
class TakePlayer : public QObject
{
    Q_OBJECT

public:
    enum class State { Stopped, Playing, Paused };
    Q_ENUM(State)

    static constexpr double MinimumRate = 0.75;
    static constexpr double MaximumRate = 2.0;

    explicit TakePlayer(QObject *parent = nullptr);

    void setTake(const QString &wavPath);
    QString take() const { return m_path; }

    void play();
    void pause();
    void stop();
    // In milliseconds, clamped to the take.
    void seek(qint64 position);
    // Clamped to MinimumRate..MaximumRate.
    void setRate(double rate);
    double rate() const { return m_rate; }
    // Linear, 0 to 1.
    void setVolume(float volume) { m_output.setVolume(volume); }
    float volume() const { return m_output.volume(); }

    State state() const;
    qint64 position() const { return m_player.position(); }
    qint64 duration() const { return m_player.duration(); }
    bool isSeekable() const { return m_player.isSeekable(); }
    QString errorString() const { return m_errorString; }

Q_SIGNALS:
    void stateChanged(MockLoop::TakePlayer::State state);
    void positionChanged(qint64 position);
    void durationChanged(qint64 duration);
    void seekableChanged(bool seekable);
    void rateChanged(double rate);
    void finished(); // played to the end
    void errorOccurred(const QString &message);

private:
    void onMediaStatusChanged(QMediaPlayer::MediaStatus status);
    void onSeekableChanged(bool seekable);
    void onError(QMediaPlayer::Error error, const QString &errorString);
    void reportError(const QString &message);
    bool isLoaded() const;

    QAudioOutput m_output;
    QMediaPlayer m_player;
    QString m_path;
    double m_rate = 1.0;
    std::optional<qint64> m_pendingSeek;
    QString m_errorString;
};

} // namespace MockLoop
