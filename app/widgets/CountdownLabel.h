#pragma once

#include <QLabel>

#include <chrono>

namespace MockLoop {

// A clock that counts down to zero and on into overtime, which it shows with a minus sign and in
// the palette's warning colour, so overtime is plain at a glance in light and dark themes alike.
class CountdownLabel : public QLabel
{
    Q_OBJECT

public:
    explicit CountdownLabel(QWidget *parent = nullptr);

    void setRemaining(std::chrono::milliseconds remaining);
    bool isOvertime() const { return m_overtime; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColour();

    bool m_overtime = false;
};

// The colour MockLoop uses for overtime and for the recording light: a red that reads on the
// palette's window colour.
QColor warningColour(const QPalette &palette);

} // namespace MockLoop
