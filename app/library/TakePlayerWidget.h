#pragma once

#include "widgets/WaveformSlider.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;

namespace MockLoop {

class TakePlayer;

// Plays one take: play/pause, a seek bar over the take's waveform with the answer's marks, the
// position and length, and the speed (0.75–2×). With the keyboard focus anywhere in it, Space
// plays or pauses and Left/Right seek 5 s back or forward.
//
// The waveform is read off the GUI thread (WaveformPeaks::loadAsync); the media is loaded only
// when the person first presses play, so browsing the library never opens the audio system.
// A missing or unreadable take is said plainly, with what to do about it.
class TakePlayerWidget : public QWidget
{
    Q_OBJECT

public:
    static constexpr qint64 SeekStep = 5000;

    explicit TakePlayerWidget(QWidget *parent = nullptr);

    // Shows the take at wavPath; durationHint is its length as the library knows it, used until
    // the waveform or the player says better. The same path again keeps playback going and only
    // updates the marks.
    void setTake(const QString &wavPath, qint64 durationHint, const QList<WaveformSlider::Mark> &marks);
    // No take: the reason is shown where the waveform would be.
    void clearTake(const QString &reason);
    QString takePath() const { return m_path; }

    void togglePlayback();
    void pause();
    void seekTo(qint64 position);
    void seekBy(qint64 delta);

    bool isPlaying() const;
    qint64 position() const { return m_position; }
    bool isWaveformLoading() const { return m_waveformLoading; }
    bool isTakeMissing() const { return m_missing; }
    // The message under the player: what went wrong, if anything.
    QString statusText() const;

    // Without Alt+letter shortcuts on Play and Speed, for a window showing two players (on by
    // default).
    void setMnemonicsEnabled(bool enabled);

    WaveformSlider *slider() const { return m_slider; }
    // The player, made on first use.
    TakePlayer *player();

Q_SIGNALS:
    void waveformLoaded();
    void playingChanged(bool playing);
    // Where playback is or stands: as it plays, and after every seek.
    void positionChanged(qint64 position);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showStatus(const QString &message, bool problem);
    void showPosition(qint64 position);
    void updatePlayButton();
    QIcon playbackIcon(bool pause) const;
    bool handleKey(QKeyEvent *event);

    TakePlayer *m_player = nullptr;
    QPushButton *m_playButton;
    WaveformSlider *m_slider;
    QLabel *m_time;
    QComboBox *m_speed;
    QLabel *m_speedLabel;
    QLabel *m_status;
    QString m_path;
    qint64 m_position = 0; // where playback starts or stands, also before the media is loaded
    quint64 m_generation = 0; // waveforms of takes shown before are dropped
    bool m_waveformLoading = false;
    bool m_missing = false;
    bool m_statusIsProblem = false;
    bool m_mnemonics = true;
};

} // namespace MockLoop
