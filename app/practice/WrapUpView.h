#pragma once

#include "session/SessionTypes.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace MockLoop {

struct Loop;

// What the library keeps of a session, as the summary of an abandoned one tells.
struct KeptAnswers
{
    int answers = 0; // skipped questions included
    int skipped = 0;
    int unrated = 0; // answered, not skipped, and not rated
    int recordings = 0;
};

// After a round: questions answered, time used against time allotted, the average of each
// dimension and the red flags ticked. After a full loop: the same for every round.
class WrapUpView : public QWidget
{
    Q_OBJECT

public:
    explicit WrapUpView(QWidget *parent = nullptr);

    void showRound(const Loop &loop, const RoundSummary &summary, bool moreRounds, bool breakNext);
    // The end of the session: for a session of one round, that round's wrap-up; for an abandoned
    // one, that it was abandoned, then (showKept) what the library keeps of it.
    void showSession(const Loop &loop, const SessionSummary &summary);
    void showKept(const KeptAnswers &kept);
    QPushButton *continueButton() const { return m_continue; }
    QPushButton *libraryButton() const { return m_openLibrary; }

private:
    void fillRound(QTreeWidget *tree, const Loop &loop, const RoundSummary &summary);
    void showDetails(const Loop &loop, const QList<RoundSummary> &rounds);

    QLabel *m_title;
    QLabel *m_overview;
    QTreeWidget *m_details;
    QPushButton *m_openLibrary;
    QPushButton *m_continue;
};

} // namespace MockLoop
