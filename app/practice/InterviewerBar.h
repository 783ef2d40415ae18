#pragma once

#include <QPointer>
#include <QWidget>

class QAction;
class QPushButton;

namespace MockLoop {

class AnnouncementLabel;
class SessionInterviewer;

// The interviewer's voice on the session page: a toggle that says whether the voice is on (the V
// action, shown as text, not by colour alone), and a line saying what the interviewer is doing:
// reading the question (think time starts when it ends), asking a probe, breaking in, or why the
// voice fell silent. What changes without the person's doing (an interruption, a problem, the
// voice going off) is announced to screen readers, and so is V.
class InterviewerBar : public QWidget
{
    Q_OBJECT

public:
    explicit InterviewerBar(QWidget *parent = nullptr);

    // The V action the toggle mirrors and triggers (made with the page's other actions).
    void setVoiceAction(QAction *voiceAction);

    // Follows interviewer (null: no session).
    void setInterviewer(SessionInterviewer *interviewer);
    // The text the status line shows (tests and screenshots).
    QString statusText() const;

private:
    void showVoiceState(bool announce);
    void showLine();
    void onInterrupted(const QString &text);

    QAction *m_voiceAction = nullptr;
    QPushButton *m_toggle;
    AnnouncementLabel *m_status;
    QPointer<SessionInterviewer> m_interviewer; // goes with its session
    QString m_interruption; // the last interruption, shown until the next line
};

} // namespace MockLoop
