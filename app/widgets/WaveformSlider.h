#pragma once

#include "audio/WaveformPeaks.h"

#include <QAbstractSlider>
#include <QList>

class QPainter;

namespace MockLoop {

// A seek bar drawn over a take's waveform, with the answer's marks on it: the story phases the
// person moved through (labelled with their titles), where follow-up probes began, where the
// answer was paused, and what the speech analysis measured: likely fillers and long pauses in
// the speech. Every kind of mark has its own shape (colour only helps), a tooltip, and a place in
// the accessible description. Values are milliseconds into the take.
//
// It is a QAbstractSlider so that it behaves (and is announced) as a slider: Left/Right step by
// singleStep, PageUp/PageDown by pageStep, Home/End go to either end. Moves made by the person,
// with the mouse or the keyboard, are reported as seekRequested; setPosition() (the player's own
// progress) never is.
class WaveformSlider : public QAbstractSlider
{
    Q_OBJECT

public:
    struct Mark
    {
        // Pause: the person paused the session here. Interruption: MockLoop stopped here (a
        // crash, or a quit mid-answer) and the take went on after the session was resumed.
        // Measured by the speech analysis: LikelyFiller (um, uh; label holds the word) and
        // LongPause, a silence in the speech from at to end. InterviewerSpoke: the interviewer's
        // voice, from at to end (a probe, or breaking in; label holds the line), which the analysis
        // leaves out.
        enum class Kind { Phase, FollowUp, Pause, Interruption, LikelyFiller, LongPause, InterviewerSpoke };

        Kind kind = Kind::Phase;
        qint64 at = 0; // milliseconds into the take
        QString label; // shown above the waveform for phases and follow-ups
        qint64 end = 0; // LongPause, InterviewerSpoke: where the stretch ends

        // Phases and follow-ups start a stretch with a title; pauses and interruptions are points.
        bool isTitled() const { return kind == Kind::Phase || kind == Kind::FollowUp; }

        friend bool operator==(const Mark &, const Mark &) = default;
    };

    explicit WaveformSlider(QWidget *parent = nullptr);

    void setWaveform(const Waveform &waveform);
    void clearWaveform();
    const QList<WaveformPeak> &peaks() const { return m_peaks; }

    void setMarks(const QList<Mark> &marks);
    const QList<Mark> &marks() const { return m_marks; }

    // The take's length; the slider's range is 0..duration.
    void setDuration(qint64 duration);
    qint64 duration() const { return maximum(); }
    // The span the slider's width stands for (0, the default: the take's own length). A longer span
    // draws the take over the left part of the width only, so that takes of different lengths set
    // one above the other share a time scale (the comparison of two takes).
    void setTimeScale(qint64 span);
    qint64 timeScale() const { return m_timeScale; }
    // Where a moment of the take is drawn, in the slider's coordinates.
    qreal xOfPosition(qint64 position) const { return xOf(position); }

    // Where playback is; ignored while the person drags the handle.
    void setPosition(qint64 position);
    qint64 position() const { return value(); }

    // Where it is, as a screen reader hears it: "Position 1:12 of 4:50", its value in whole
    // seconds (Qt's own slider would say the milliseconds); set, it seeks there.
    QString spokenText() const;
    int accessibleValue() const { return int(position() / 1000); }
    int accessibleMaximum() const { return int(duration() / 1000); }
    void setAccessibleValue(int seconds);

    // Shown in place of the waveform while there is none ("Loading…", "No recording").
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    void seekRequested(qint64 position);

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    QRectF waveRect() const;
    qint64 positionAt(qreal x) const;
    qreal xOf(qint64 position) const;
    QString markTitleAt(qint64 position) const;
    // The measured marks at position (within a few pixels, for the mouse), as words.
    QStringList measuredMarksAt(qint64 position, qint64 slack) const;
    void paintMeasuredMarks(QPainter &painter, const QRectF &wave) const;
    void updateAccessibleDescription();

    QList<WaveformPeak> m_peaks;
    qint64 m_waveformDuration = 0; // what the peaks cover, which may differ a little from duration()
    qreal m_bucketsPerMs = WaveformPeaks::BucketsPerSecond / 1000.0;
    int m_loudest = 1; // the largest absolute sample, so quiet takes still show their shape
    QList<Mark> m_marks;
    QString m_placeholder;
    qint64 m_timeScale = 0;
};

// The colour of likely fillers, on the waveform and in the transcript: an amber that reads on the
// palette's base colour, light or dark. Their shape or text says what they are; it only helps.
QColor likelyFillerColour(const QPalette &palette);

} // namespace MockLoop
