#include "Clock.h"

namespace MockLoop {

SteadyClock::SteadyClock(QObject *parent)
    : Clock(parent)
{
    m_timer.start();
}

Milliseconds SteadyClock::monotonic() const
{
    return Milliseconds(m_timer.elapsed());
}

QDateTime SteadyClock::wallTime() const
{
    return QDateTime::currentDateTimeUtc();
}

ManualClock::ManualClock(QObject *parent)
    : Clock(parent)
{ }

void ManualClock::advance(Milliseconds by)
{
    m_now += by;
    Q_EMIT jumped();
}

Stopwatch Stopwatch::stoppedAt(Milliseconds elapsed)
{
    Stopwatch stopwatch;
    stopwatch.m_accumulated = elapsed;
    return stopwatch;
}

void Stopwatch::start(Milliseconds now)
{
    m_accumulated = Milliseconds(0);
    m_runningSince = now;
}

void Stopwatch::reset()
{
    m_accumulated = Milliseconds(0);
    m_runningSince.reset();
}

void Stopwatch::pause(Milliseconds now)
{
    if (!m_runningSince)
        return;
    m_accumulated += now - *m_runningSince;
    m_runningSince.reset();
}

void Stopwatch::resume(Milliseconds now)
{
    if (!m_runningSince)
        m_runningSince = now;
}

void Stopwatch::setRunning(bool running, Milliseconds now)
{
    if (running)
        resume(now);
    else
        pause(now);
}

Milliseconds Stopwatch::elapsed(Milliseconds now) const
{
    return m_accumulated + (m_runningSince ? now - *m_runningSince : Milliseconds(0));
}

Milliseconds Stopwatch::momentOf(Milliseconds target, Milliseconds now) const
{
    return now + (target - elapsed(now));
}

} // namespace MockLoop
