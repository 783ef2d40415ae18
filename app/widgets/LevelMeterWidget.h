#pragma once

#include <QWidget>

namespace MockLoop {

// A microphone level: the loudness (RMS) as a bar and the peak as a tick, on a decibel scale so
// that quiet speech still moves it. Levels are 0..1 of full scale.
//
// A screen reader hears it as a level bar in words, "Microphone level: speech" (silent, quiet,
// speech, too loud), with the bar's fill as its value (0-100); it takes the focus by Tab so the
// person can ask whether the microphone hears them, and the words changing are sent at most once
// a second (the level itself changes twenty times a second).
class LevelMeterWidget : public QWidget
{
    Q_OBJECT

public:
    explicit LevelMeterWidget(QWidget *parent = nullptr);

    void setLevel(float rms, float peak);
    void reset();
    // What the level is, in a word: "silent", "quiet", "speech", "too loud".
    QString levelWord() const;
    // The bar's fill, 0..100.
    int percent() const;
    // What a screen reader hears: "Microphone level: speech", the fill as the value.
    QString spokenText() const;
    int accessibleValue() const { return percent(); }
    int accessibleMaximum() const { return 100; }
    void setAccessibleValue(int) { }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    float m_rms = 0;
    float m_peak = 0;
    QString m_wordSent; // the word a screen reader was last told of
    qint64 m_wordSentAt = 0; // when, in ms of a monotonic clock
};

} // namespace MockLoop
