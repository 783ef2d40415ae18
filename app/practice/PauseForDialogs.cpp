#include "PauseForDialogs.h"

#include "session/SessionEngine.h"

#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace MockLoop {

namespace {

// The states in which a clock runs; in the others (briefing, rating, wrap-up) pausing changes
// nothing but the header.
bool clockRuns(SessionState state)
{
    return state == SessionState::Thinking || state == SessionState::Answering || state == SessionState::Break;
}

} // namespace

PauseForDialogs::PauseForDialogs(QObject *parent)
    : QObject(parent)
{
    QCoreApplication::instance()->installEventFilter(this);
}

void PauseForDialogs::setEngine(SessionEngine *engine)
{
    m_engine = engine;
    m_pausedForDialogs = false;
}

bool PauseForDialogs::eventFilter(QObject *watched, QEvent *event)
{
    const QEvent::Type type = event->type();
    if ((type == QEvent::Show || type == QEvent::Hide) && watched->isWidgetType()) {
        auto *widget = static_cast<QWidget *>(watched);
        if (widget->isWindow() && widget->isModal()) {
            if (type == QEvent::Show)
                dialogOpened(widget);
            else
                dialogClosed(widget);
        }
    }
    return QObject::eventFilter(watched, event);
}

void PauseForDialogs::dialogOpened(QWidget *dialog)
{
    if (m_openDialogs.contains(dialog))
        return;
    m_openDialogs.append(dialog);
    // A dialog deleted while open sends no Hide.
    connect(dialog, &QObject::destroyed, this, [this, dialog] { dialogClosed(dialog); });
    if (m_openDialogs.size() == 1 && m_engine && !m_engine->isPaused() && clockRuns(m_engine->state()))
        m_pausedForDialogs = m_engine->pause();
}

void PauseForDialogs::dialogClosed(QWidget *dialog)
{
    if (!m_openDialogs.removeOne(dialog))
        return;
    disconnect(dialog, &QObject::destroyed, this, nullptr);
    if (!m_openDialogs.isEmpty() || !std::exchange(m_pausedForDialogs, false))
        return;
    if (m_engine && m_engine->isPaused())
        m_engine->resume();
}

} // namespace MockLoop
