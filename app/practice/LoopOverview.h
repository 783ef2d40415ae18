#pragma once

#include <QWidget>

#include <memory>

class QDateEdit;
class QLabel;
class QTreeWidget;

namespace MockLoop {

class Clock;
struct Loop;

// The practice home's picture of a loop: its title and description, and tabs for its rounds
// (with the focus and what each evaluates), its preparation plan counted back from the interview
// date (ticks and date remembered per loop), and what the company looks for.
class LoopOverview : public QWidget
{
    Q_OBJECT

public:
    explicit LoopOverview(const Clock *clock, QWidget *parent = nullptr);

    // Shows a loop, or, without one, how to get one.
    void showLoop(std::shared_ptr<const Loop> shown);
    void selectRound(int index);

private:
    void showRoundDetails();
    void showPreparation(const Loop &loop);

    const Clock *m_clock;
    std::shared_ptr<const Loop> m_loop;
    QLabel *m_loopTitle;
    QLabel *m_loopDescription;
    QTreeWidget *m_rounds;
    QLabel *m_roundDetails;
    QTreeWidget *m_preparation;
    QDateEdit *m_interviewDate;
    QLabel *m_countdownToInterview;
    QLabel *m_tips;
};

} // namespace MockLoop
