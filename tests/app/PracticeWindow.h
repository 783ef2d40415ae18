#pragma once

#include "AppServices.h"
#include "library/PracticeLibrary.h"
#include "mainwindow/MainWindow.h"
#include "session/Clock.h"
#include "session/SessionEngine.h"

#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>
#include <QVariant>

#include <functional>
#include <memory>

class QMessageBox;

// The GUI tests' fixture: the real main window, offscreen, on a manual clock, with a practice
// library in a temporary folder and no recording; helpers to drive it as a person would, finding
// widgets by objectName. A test class derives from QObject and from this, and calls its
// initTestCase(), init() and cleanup() from its own slots.
class PracticeWindow
{
public:
    virtual ~PracticeWindow() = default;

protected:
    // Called with the services before the window opens: a test adds what it needs (a voice, say).
    virtual void adjustServices(MockLoop::AppServices &) { }

    void initFixture();
    void setUpWindow();
    void tearDownWindow();

    void openWindow();
    void activate();
    template<typename T> T *find(const QString &name) const
    {
        T *widget = m_window->findChild<T *>(name);
        if (!widget)
            qWarning("no widget %s", qPrintable(name));
        return widget;
    }
    void choose(const QString &comboName, const QVariant &data);
    void chooseMode(const QString &modeButtonName);
    void startSession();
    void key(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
    // Types into a text box, focused first: keys sent to a widget without the focus go to the
    // session's shortcuts (S skips, P pauses).
    void typeInto(QWidget *box, const QString &text);
    MockLoop::SessionEngine *engine() const;
    // Answers the rest of a round: each question a short answer, each probe at once, each rating
    // with the given score on every dimension.
    void answerAll(int score);
    // Rates the answer on the rating page with the score on every dimension, and submits.
    void rateAndSubmit(int score);

    // What to do with the next message box: once one is up (a modal dialog blocks the caller
    // until it closes), whileOpen runs with it, then the button with this text is clicked. The
    // box's objectName is kept in askedBy.
    void onNextMessageBox(const QString &button, const std::function<void(QMessageBox *)> &whileOpen = {});
    // Once a modal dialog is up, hands it to handle, which must close it.
    void onNextDialog(const std::function<void(QWidget *)> &handle);
    // Stops waiting for a message box, when the test expected none.
    void stopWaitingForMessageBox();
    QString m_askedBy;
    QPointer<QTimer> m_messageBoxPoll;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<MockLoop::ManualClock> m_clock;
    std::unique_ptr<MockLoop::PracticeLibrary> m_library;
    std::unique_ptr<MockLoop::MainWindow> m_window;
    MockLoop::AppServices m_services;
};
