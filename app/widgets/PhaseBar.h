#pragma once

#include <QList>
#include <QWidget>

#include <chrono>

namespace MockLoop {

// The story structure as a bar: one segment per phase, as wide as its target time, labelled with
// its title and target. Phases done are filled; the current one is highlighted and fills as it
// runs, turning to the warning colour past its target, where its time also says "over".
//
// A screen reader hears it as "Story phases: phase 2 of 3, Situation, 0:45 of 0:30, over its
// target", made when asked (it changes four times a second; what is worth hearing on its own,
// a phase running over, the page announces).
class PhaseBar : public QWidget
{
    Q_OBJECT

public:
    struct Phase
    {
        QString title;
        std::chrono::milliseconds target{0};
    };

    explicit PhaseBar(QWidget *parent = nullptr);

    void setPhases(const QList<Phase> &phases);
    // current < 0: the bar is idle (no answer running).
    void setProgress(int current, std::chrono::milliseconds elapsedInCurrent);
    int currentPhase() const { return m_current; }
    // Whether the current phase has run past its target.
    bool isOverrun() const;
    // Where the bar stands, in words.
    QString spokenText() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<Phase> m_phases;
    int m_current = -1;
    std::chrono::milliseconds m_elapsed{0};
};

} // namespace MockLoop
