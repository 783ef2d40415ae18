#pragma once

#include <QWidget>

namespace MockLoop {

// A microphone level: the loudness (RMS) as a bar and the peak as a tick, on a decibel scale so
// that quiet speech still moves it. Levels are 0..1 of full scale.
class LevelMeterWidget : public QWidget
{
    Q_OBJECT

public:
    explicit LevelMeterWidget(QWidget *parent = nullptr);

    void setLevel(float rms, float peak);
    void reset();

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    float m_rms = 0;
    float m_peak = 0;
};

} // namespace MockLoop
