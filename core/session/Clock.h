#pragma once

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>

#include <chrono>

namespace MockLoop {

using Milliseconds = std::chrono::milliseconds;

// Where the session engine gets its time. Monotonic time drives every countdown; wall time only
// stamps records. Tests inject a ManualClock and move minutes in microseconds.
class Clock : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual Milliseconds monotonic() const = 0;
    virtual QDateTime wallTime() const = 0;

Q_SIGNALS:
    // Time moved by other means than running (a test advanced it): deadlines need a fresh look.
    void jumped();
};

// The real clock: steady, never adjusted by NTP or the user.
class SteadyClock : public Clock
{
    Q_OBJECT

public:
    explicit SteadyClock(QObject *parent = nullptr);

    Milliseconds monotonic() const override;
    QDateTime wallTime() const override;

private:
    QElapsedTimer m_timer;
};

// A clock that moves only when told to.
class ManualClock : public Clock
{
    Q_OBJECT

public:
    explicit ManualClock(QObject *parent = nullptr);

    Milliseconds monotonic() const override { return m_now; }
    QDateTime wallTime() const override { return m_wallStart.addMSecs(m_now.count()); }

    void advance(Milliseconds by);
    void setWallStart(const QDateTime &wallStart) { m_wallStart = wallStart; }

private:
    Milliseconds m_now{0};
    QDateTime m_wallStart = QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
};

// Elapsed time that can be paused, computed from the moments it started and stopped rather
// than added up from ticks, so a late or missed timer never makes it drift.
class Stopwatch
{
public:
    // A stopwatch stopped at elapsed, as one is restored from a saved session.
    static Stopwatch stoppedAt(Milliseconds elapsed);

    void start(Milliseconds now); // from zero, running
    void reset(); // zero, stopped
    void pause(Milliseconds now);
    void resume(Milliseconds now);
    void setRunning(bool running, Milliseconds now);

    bool isRunning() const { return m_runningSince.has_value(); }
    Milliseconds elapsed(Milliseconds now) const;
    // When elapsed reaches target if it keeps running; meaningful only while running.
    Milliseconds momentOf(Milliseconds target, Milliseconds now) const;

private:
    Milliseconds m_accumulated{0};
    std::optional<Milliseconds> m_runningSince;
};

} // namespace MockLoop
