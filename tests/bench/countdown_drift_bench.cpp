// Drift of a countdown on the real clock: a timed single question whose answer clock runs for the
// given length (default 600 s, a 10-minute run; target: drift < 20 ms). Measures, against an
// independent steady clock, (1) when the engine reports overtime relative to when the countdown
// truly reached zero, and (2) the largest gap between the remaining time a tick reports and the
// true remaining time.
//   countdown_drift_bench [seconds]

#include "common/ApplicationIdentity.h"
#include "loops/LoopLoader.h"
#include "session/SessionEngine.h"

#include <QCoreApplication>
#include <QTextStream>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using SteadyTime = std::chrono::steady_clock;

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    applyApplicationIdentity(application);
    const int seconds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 600;

    const LoopLoadResult loaded = LoopLoader::loadFile(
        QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    if (!loaded.ok())
        return 1;
    SteadyClock clock;
    SessionRequest request;
    request.mode = SessionMode::SingleQuestion;
    request.pick = QuestionPick::RandomAny;
    request.seed = 1;
    request.settings.thinkSeconds = 0;
    request.settings.answerSecondsOverride = seconds;
    auto engine = SessionEngine::create(std::make_shared<const Loop>(*loaded.loop), request, clock);
    engine->setTickInterval(100);

    SteadyTime::time_point started;
    double worstTickGapMs = 0;
    int ticks = 0;
    double overtimeDriftMs = 0;
    QObject::connect(engine.get(), &SessionEngine::tick, [&](const ClockReadings &clocks) {
        if (engine->state() != SessionState::Answering)
            return;
        const double trueElapsedMs = std::chrono::duration<double, std::milli>(SteadyTime::now() - started).count();
        worstTickGapMs = std::max(worstTickGapMs, std::abs(double(clocks.answerElapsed.count()) - trueElapsedMs));
        ++ticks;
    });
    QObject::connect(engine.get(), &SessionEngine::overtimeBegan, [&] {
        const double trueElapsedMs = std::chrono::duration<double, std::milli>(SteadyTime::now() - started).count();
        overtimeDriftMs = trueElapsedMs - seconds * 1000.0;
        QCoreApplication::quit();
    });

    started = SteadyTime::now();
    engine->start(); // no think time: the answer clock starts now
    application.exec();

    QTextStream out(stdout);
    out << u"countdown of %1 s on the real clock (SteadyClock, 100 ms ticks)\n"_s.arg(seconds);
    out << u"  overtime reported %1 ms after the countdown truly reached zero; target |drift| < 20 ms\n"_s.arg(
        overtimeDriftMs, 0, 'f', 2);
    out << u"  largest gap between a tick's elapsed time and the true elapsed time: %1 ms over %2 ticks\n"_s
               .arg(worstTickGapMs, 0, 'f', 2)
               .arg(ticks);
    return 0;
}
