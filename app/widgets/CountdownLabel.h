#pragma once

#include <QLabel>

#include <chrono>

namespace MockLoop {

// A clock that counts down to zero and on into overtime, which it shows with a minus sign and in
// the palette's warning colour, so overtime is plain at a glance in light and dark themes alike.
//
// A screen reader hears it in words, with what it counts: "Answer time 2 minutes 10 seconds left",
// "Answer time 12 seconds over". The words are made when asked for; the clock sends no event as
// it ticks (a name changing ten times a second is noise): what is worth hearing on its own is
// announced by the page (ClockAnnouncements).
class CountdownLabel : public QLabel
{
    Q_OBJECT

public:
    explicit CountdownLabel(QWidget *parent = nullptr);

    void setRemaining(std::chrono::milliseconds remaining);
    std::chrono::milliseconds remaining() const { return m_remaining; }
    bool isOvertime() const { return m_overtime; }
    // What the clock counts, said before its time: "Answer time", "Round time". (Kept as the
    // widget's accessible name, which also stops QLabel sending a name change every second.)
    void setSpokenName(const QString &name)
    {
        if (name != accessibleName())
            setAccessibleName(name);
    }
    // The name a screen reader hears: the spoken name and the time in words.
    QString spokenText() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColour();

    bool m_overtime = false;
    std::chrono::milliseconds m_remaining{0};
};

// The colour MockLoop uses for overtime and for the recording light: a red that reads on the
// palette's window colour.
QColor warningColour(const QPalette &palette);

} // namespace MockLoop
