#include "SessionEngine.h"

#include "SessionPlanner.h"
#include "SessionStore.h"
#include "loops/Loop.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcSession, "mockloop.session")

namespace {

Milliseconds seconds(int value)
{
    return Milliseconds(qint64(value) * 1000);
}

// While the clock runs, progress is also saved this often, so a crash costs at most this much of
// the clocks, as it costs at most a second of the take (WavWriter's checkpoints).
constexpr Milliseconds AutosaveInterval{1000};

} // namespace

SessionEngine::SessionEngine(std::shared_ptr<const Loop> loop, Clock &clock)
    : m_loop(std::move(loop))
    , m_clock(clock)
{
    m_tickTimer.setInterval(100);
    connect(&m_tickTimer, &QTimer::timeout, this, &SessionEngine::poll);
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &SessionEngine::poll);
    connect(&m_clock, &Clock::jumped, this, &SessionEngine::poll);
}

SessionEngine::~SessionEngine() = default;

std::unique_ptr<SessionEngine> SessionEngine::create(std::shared_ptr<const Loop> loop, SessionRequest request,
                                                     Clock &clock, const PracticeHistory *history, QString *error)
{
    if (request.seed == 0)
        request.seed = QRandomGenerator::global()->generate64() | 1;
    const QHash<QString, QuestionStats> stats
        = history ? history->questionStats(loop->id) : QHash<QString, QuestionStats>();
    SessionPlanner::Result planned = SessionPlanner::plan(*loop, request, stats, clock.wallTime());
    if (!planned.ok() || planned.plan.segments.isEmpty()) {
        if (error)
            *error = planned.ok() ? tr("The loop has nothing to practise.") : planned.error;
        return nullptr;
    }
    std::unique_ptr<SessionEngine> engine(new SessionEngine(std::move(loop), clock));
    engine->m_sessionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    engine->m_startedAt = clock.wallTime();
    engine->m_request = std::move(request);
    engine->m_plan = std::move(planned.plan);
    return engine;
}

std::unique_ptr<SessionEngine> SessionEngine::restore(std::shared_ptr<const Loop> loop, const SessionSnapshot &snapshot,
                                                      Clock &clock, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return nullptr;
    };
    if (loop->id != snapshot.loopId)
        return fail(tr("The saved session belongs to loop '%1', not '%2'.").arg(snapshot.loopId, loop->id));
    // A newer version of the loop is fine as long as everything the session refers to is there.
    for (const SessionSegment &segment : snapshot.plan.segments) {
        if (!segment.roundId.isEmpty() && !loop->round(segment.roundId))
            return fail(tr("The loop '%1' has changed since this session was saved: its round '%2' is gone.")
                            .arg(loop->id, segment.roundId));
        for (const PlannedQuestion &question : segment.questions) {
            if (!loop->question(question.questionId) || !loop->round(question.roundId))
                return fail(tr("The loop '%1' has changed since this session was saved: its question '%2' is gone.")
                                .arg(loop->id, question.questionId));
        }
    }

    if (const QString problem = snapshot.inconsistency(); !problem.isEmpty())
        return fail(tr("The saved session is damaged (%1).").arg(problem));
    const qsizetype phases = loop->storyStructure.phases.size();
    if (snapshot.phaseIndex > 0 && snapshot.phaseIndex >= phases)
        return fail(
            tr("The loop '%1' has changed since this session was saved: its story has fewer phases.").arg(loop->id));

    std::unique_ptr<SessionEngine> engine(new SessionEngine(std::move(loop), clock));
    SessionEngine &e = *engine;
    e.m_sessionId = snapshot.sessionId;
    e.m_startedAt = snapshot.startedAt;
    e.m_request = snapshot.request;
    e.m_plan = snapshot.plan;
    e.m_state = snapshot.state;
    e.m_paused = snapshot.state != SessionState::NotStarted && snapshot.state != SessionState::Finished;
    e.m_segmentIndex = snapshot.segmentIndex;
    e.m_questionIndex = snapshot.questionIndex;
    e.m_followUpIndex = snapshot.followUpIndex;
    e.m_phaseIndex = snapshot.phaseIndex;
    e.m_phaseStartedAt = snapshot.phaseStartedAt;
    e.m_roundClock = Stopwatch::stoppedAt(snapshot.roundElapsed);
    e.m_thinkClock = Stopwatch::stoppedAt(snapshot.thinkElapsed);
    e.m_answerClock = Stopwatch::stoppedAt(snapshot.answerElapsed);
    e.m_breakClock = Stopwatch::stoppedAt(snapshot.breakElapsed);
    e.m_roundTimeUp = snapshot.roundTimeUp;
    e.m_endRoundRequested = snapshot.endRoundRequested;
    e.m_overtimeReported = snapshot.overtimeReported;
    e.m_phaseTargetReported = snapshot.phaseTargetReported;
    e.m_current = snapshot.current;
    e.m_answers = snapshot.answers;
    e.m_roundSummaries = snapshot.roundSummaries;
    e.m_pausedAt = e.now();
    e.m_lastSavedAt = e.now();
    e.m_interrupted = e.m_paused;
    // An interruption already made is not made again when the answer goes on.
    if (e.m_state == SessionState::Answering && e.m_current && !e.m_current->parts.isEmpty()) {
        for (const InterviewerMark &mark : e.m_current->parts.last().interviewer) {
            if (mark.kind == InterviewerMark::Kind::Interruption)
                e.m_phaseOverrunReported = std::max(e.m_phaseOverrunReported, mark.phaseIndex);
        }
    }
    return engine;
}

void SessionEngine::setStore(SessionStore *store)
{
    m_store = store;
}

void SessionEngine::setTickInterval(int milliseconds)
{
    m_tickTimer.setInterval(std::max(0, milliseconds));
    syncClocks(now());
}

void SessionEngine::setInterviewerAsks(bool asks)
{
    m_interviewerAsks = asks;
}

void SessionEngine::setOverrunThreshold(Milliseconds threshold)
{
    m_overrunThreshold = std::max(Milliseconds(0), threshold);
    scheduleNextDeadline(now());
}

Milliseconds SessionEngine::partElapsed() const
{
    const Milliseconds at = now();
    if (m_asking)
        return m_state == SessionState::Answering ? m_askClock.elapsed(at) : Milliseconds(0);
    if (m_state != SessionState::Answering || !m_current || m_current->parts.isEmpty())
        return Milliseconds(0);
    return m_current->parts.last().asking + m_answerClock.elapsed(at);
}

bool SessionEngine::phaseOverrunDue() const
{
    if (m_overrunThreshold <= Milliseconds(0) || m_state != SessionState::Answering || m_asking || m_followUpIndex >= 0
        || m_phaseOverrunReported >= m_phaseIndex || phaseTarget() <= Milliseconds(0))
        return false;
    const Round *round = currentRound();
    return round && round->interruptsOverruns;
}

Milliseconds SessionEngine::now() const
{
    return m_clock.monotonic();
}

const SessionSegment &SessionEngine::currentSegment() const
{
    return m_plan.segments.at(m_segmentIndex);
}

const PlannedQuestion *SessionEngine::currentQuestion() const
{
    const SessionSegment &segment = currentSegment();
    if (m_questionIndex < 0 || m_questionIndex >= segment.questions.size())
        return nullptr;
    return &segment.questions.at(m_questionIndex);
}

QString SessionEngine::currentPrompt() const
{
    const PlannedQuestion *planned = currentQuestion();
    if (!planned)
        return {};
    if (m_state == SessionState::Answering && m_followUpIndex >= 0)
        return planned->followUps.value(m_followUpIndex);
    const Question *question = m_loop->question(planned->questionId);
    return question ? question->text : QString();
}

const Round *SessionEngine::currentRound() const
{
    const PlannedQuestion *planned = currentQuestion();
    return m_loop->round(planned ? planned->roundId : currentSegment().roundId);
}

Milliseconds SessionEngine::thinkLimit() const
{
    return seconds(std::max(0, m_request.settings.thinkSeconds));
}

Milliseconds SessionEngine::answerLimit() const
{
    const PlannedQuestion *planned = currentQuestion();
    if (!planned)
        return Milliseconds(0);
    return seconds(m_followUpIndex >= 0 ? m_request.settings.followUpAnswerSeconds : planned->answerSeconds);
}

Milliseconds SessionEngine::roundLimit() const
{
    return seconds(currentSegment().durationMinutes * 60);
}

Milliseconds SessionEngine::breakLimit() const
{
    return seconds(std::max(0, m_request.settings.breakMinutes) * 60);
}

Milliseconds SessionEngine::phaseTarget() const
{
    const QList<StoryPhase> &phases = m_loop->storyStructure.phases;
    if (m_followUpIndex >= 0 || m_phaseIndex < 0 || m_phaseIndex >= phases.size())
        return Milliseconds(0);
    return seconds(phases.at(m_phaseIndex).targetSeconds);
}

ClockReadings SessionEngine::clocks() const
{
    const Milliseconds at = now();
    ClockReadings readings;
    readings.roundElapsed = m_roundClock.elapsed(at);
    readings.roundLimit = roundLimit();
    readings.thinkElapsed = m_thinkClock.elapsed(at);
    readings.thinkLimit = thinkLimit();
    readings.answerElapsed = m_answerClock.elapsed(at);
    readings.answerLimit = answerLimit();
    readings.breakElapsed = m_breakClock.elapsed(at);
    readings.breakLimit = breakLimit();
    if (m_state == SessionState::Answering && m_followUpIndex < 0) {
        readings.phaseElapsed = readings.answerElapsed - m_phaseStartedAt;
        readings.phaseTarget = phaseTarget();
    }
    return readings;
}

QList<SessionEngine::PendingEvent> SessionEngine::pendingEvents(Milliseconds at) const
{
    QList<PendingEvent> events;
    if (m_paused)
        return events;
    const bool hasRoundClock = roundLimit() > Milliseconds(0);
    switch (m_state) {
    case SessionState::Thinking:
        if (!m_asking) // think time starts once the question has been asked
            events.append({Event::ThinkOver, m_thinkClock.momentOf(thinkLimit(), at)});
        if (hasRoundClock)
            events.append({Event::RoundOver, m_roundClock.momentOf(roundLimit(), at)});
        break;
    case SessionState::Answering:
        if (!m_overtimeReported && !m_asking)
            events.append({Event::AnswerLimit, m_answerClock.momentOf(answerLimit(), at)});
        if (phaseTarget() > Milliseconds(0) && m_phaseTargetReported < m_phaseIndex && !m_asking)
            events.append({Event::PhaseTarget, m_answerClock.momentOf(m_phaseStartedAt + phaseTarget(), at)});
        if (phaseOverrunDue()) {
            events.append({Event::PhaseOverrun,
                           m_answerClock.momentOf(m_phaseStartedAt + phaseTarget() + m_overrunThreshold, at)});
        }
        if (hasRoundClock && !m_roundTimeUp)
            events.append({Event::RoundOver, m_roundClock.momentOf(roundLimit(), at)});
        break;
    case SessionState::Break:
        events.append({Event::BreakOver, m_breakClock.momentOf(breakLimit(), at)});
        break;
    case SessionState::NotStarted:
    case SessionState::Briefing:
    case SessionState::Rating:
    case SessionState::RoundWrapUp:
    case SessionState::Finished:
        break;
    }
    return events;
}

void SessionEngine::poll()
{
    const Milliseconds at = now();
    // Handle what fell due in the order it fell due; a long jump of the clock can span several.
    for (int handled = 0; handled < 1000 && handleDueEvent(at); ++handled) { }
    if (!m_paused && at - m_lastSavedAt >= AutosaveInterval
        && (m_state == SessionState::Thinking || m_state == SessionState::Answering
            || m_state == SessionState::Break)) {
        persist(at);
    }
    scheduleNextDeadline(at);
    Q_EMIT tick(clocks());
}

bool SessionEngine::handleDueEvent(Milliseconds at)
{
    const QList<PendingEvent> events = pendingEvents(at);
    const PendingEvent *earliest = nullptr;
    for (const PendingEvent &event : events) {
        if (event.at <= at && (!earliest || event.at < earliest->at))
            earliest = &event;
    }
    if (!earliest)
        return false;
    handle(earliest->event, earliest->at);
    return true;
}

void SessionEngine::handle(Event event, Milliseconds at)
{
    switch (event) {
    case Event::ThinkOver:
        qCDebug(lcSession) << "think time over";
        beginAnswerAt(at);
        break;
    case Event::RoundOver:
        qCDebug(lcSession) << "round time over in" << stateName(m_state);
        m_roundTimeUp = true;
        Q_EMIT roundTimeRanOut();
        if (m_state == SessionState::Thinking) {
            // The question was not reached: the interview is over.
            if (m_current)
                m_current->thinkTime = m_thinkClock.elapsed(at);
            m_current.reset();
            wrapUpRound(at);
        } else if (m_request.settings.hardStop) {
            finishAnswerPart(at, true);
        } else {
            persist(at);
        }
        break;
    case Event::AnswerLimit:
        if (m_request.settings.hardStop) {
            finishAnswerPart(at, true);
        } else {
            m_overtimeReported = true;
            persist(at);
            Q_EMIT overtimeBegan();
        }
        break;
    case Event::PhaseTarget:
        m_phaseTargetReported = m_phaseIndex;
        Q_EMIT phaseTargetReached(m_phaseIndex);
        break;
    case Event::PhaseOverrun:
        qCDebug(lcSession) << "phase" << m_phaseIndex << "overran";
        m_phaseOverrunReported = m_phaseIndex;
        Q_EMIT phaseOverran(m_phaseIndex);
        break;
    case Event::BreakOver:
        enterSegment(m_segmentIndex + 1, at);
        break;
    }
}

void SessionEngine::scheduleNextDeadline(Milliseconds at)
{
    std::optional<Milliseconds> next;
    for (const PendingEvent &event : pendingEvents(at)) {
        if (event.at > at && (!next || event.at < *next))
            next = event.at;
    }
    if (next)
        m_deadlineTimer.start(int(std::min<qint64>((*next - at).count(), std::numeric_limits<int>::max())));
    else
        m_deadlineTimer.stop();
}

void SessionEngine::syncClocks(Milliseconds at)
{
    const bool live = !m_paused;
    const bool inQuestion = m_state == SessionState::Thinking || m_state == SessionState::Answering;
    m_roundClock.setRunning(live && inQuestion, at);
    m_thinkClock.setRunning(live && m_state == SessionState::Thinking && !m_asking, at);
    m_answerClock.setRunning(live && m_state == SessionState::Answering && !m_asking, at);
    m_askClock.setRunning(live && m_state == SessionState::Answering && m_asking, at);
    m_breakClock.setRunning(live && m_state == SessionState::Break, at);
    const bool clockRunning = live && (inQuestion || m_state == SessionState::Break);
    if (clockRunning && m_tickTimer.interval() > 0)
        m_tickTimer.start();
    else
        m_tickTimer.stop();
}

void SessionEngine::setState(SessionState state, Milliseconds at)
{
    m_state = state;
    syncClocks(at);
    persist(at);
    scheduleNextDeadline(at);
    Q_EMIT stateChanged(state);
}

void SessionEngine::persist(Milliseconds at)
{
    m_lastSavedAt = at;
    if (!m_store)
        return;
    // A finished session is saved once more as it ended (every answer in it) before it asks to be
    // cleared: a store that keeps the file until the answers are safe elsewhere keeps them all.
    m_store->save(snapshot());
    if (m_state == SessionState::Finished)
        m_store->clear();
}

SessionSnapshot SessionEngine::snapshot() const
{
    const Milliseconds at = now();
    SessionSnapshot snapshot;
    snapshot.sessionId = m_sessionId;
    snapshot.loopId = m_loop->id;
    snapshot.loopVersion = m_loop->version;
    snapshot.startedAt = m_startedAt;
    snapshot.savedAt = m_clock.wallTime();
    snapshot.request = m_request;
    snapshot.plan = m_plan;
    snapshot.state = m_state;
    snapshot.segmentIndex = m_segmentIndex;
    snapshot.questionIndex = m_questionIndex;
    snapshot.followUpIndex = m_followUpIndex;
    snapshot.phaseIndex = m_phaseIndex;
    snapshot.phaseStartedAt = m_phaseStartedAt;
    snapshot.roundElapsed = m_roundClock.elapsed(at);
    snapshot.thinkElapsed = m_thinkClock.elapsed(at);
    snapshot.answerElapsed = m_answerClock.elapsed(at);
    snapshot.breakElapsed = m_breakClock.elapsed(at);
    snapshot.roundTimeUp = m_roundTimeUp;
    snapshot.endRoundRequested = m_endRoundRequested;
    snapshot.overtimeReported = m_overtimeReported;
    snapshot.phaseTargetReported = m_phaseTargetReported;
    snapshot.current = m_current;
    if (m_asking && m_state == SessionState::Answering && snapshot.current && !snapshot.current->parts.isEmpty())
        snapshot.current->parts.last().asking = m_askClock.elapsed(at); // the take holds it already
    snapshot.answers = m_answers;
    snapshot.roundSummaries = m_roundSummaries;
    return snapshot;
}

} // namespace MockLoop
