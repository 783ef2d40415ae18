#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace MockLoop {

struct Loop;
struct SessionSegment;

// Before a round: who interviews, for how long, what the round is about and what it judges, and
// what the chosen level is expected to show.
class BriefingView : public QWidget
{
    Q_OBJECT

public:
    explicit BriefingView(QWidget *parent = nullptr);

    void show(const Loop &loop, const SessionSegment &segment, int segmentIndex, int segmentCount,
              const QString &levelId);
    QPushButton *beginButton() const { return m_begin; }

private:
    QLabel *m_title;
    QLabel *m_details;
    QPushButton *m_begin;
};

} // namespace MockLoop
