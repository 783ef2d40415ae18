#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

class QWidget;

namespace MockLoop {

class SessionEngine;

// Pauses a running session while any modal dialog of the app is open — "End this round?", a
// warning, the shortcuts list, a file chooser — so that no clock runs behind a question the
// person has to answer first, and resumes it when the last one closes, unless it was paused
// already. The dialog is closed before the caller acts on its answer, so what was chosen happens
// on a running session, at the moment it was chosen.
//
// It watches every window being shown (an application event filter) rather than wrapping each
// dialog, so a dialog added later cannot forget it.
class PauseForDialogs : public QObject
{
    Q_OBJECT

public:
    explicit PauseForDialogs(QObject *parent = nullptr);

    void setEngine(SessionEngine *engine);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void dialogOpened(QWidget *dialog);
    void dialogClosed(QWidget *dialog);

    QPointer<SessionEngine> m_engine;
    QList<QWidget *> m_openDialogs;
    bool m_pausedForDialogs = false; // this paused the session, so this resumes it
};

} // namespace MockLoop
