#pragma once

#include "session/SessionTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace MockLoop {

struct Loop;

// After a round: questions answered, time used against time allotted, the average of each
// dimension and the red flags ticked. After a full loop: the same for every round.
class WrapUpView : public QWidget
{
    Q_OBJECT

public:
    explicit WrapUpView(QWidget *parent = nullptr);

    void showRound(const Loop &loop, const RoundSummary &summary, bool moreRounds, bool breakNext);
    void showSession(const Loop &loop, const SessionSummary &summary);
    QPushButton *continueButton() const { return m_continue; }
    QPushButton *libraryButton() const { return m_openLibrary; }

private:
    void fillRound(QTreeWidget *tree, const Loop &loop, const RoundSummary &summary);

    QLabel *m_title;
    QLabel *m_overview;
    QTreeWidget *m_details;
    QPushButton *m_openLibrary;
    QPushButton *m_continue;
};

} // namespace MockLoop
