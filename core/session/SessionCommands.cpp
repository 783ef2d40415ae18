#include "SessionEngine.h"

#include "loops/Loop.h"

// The commands a person gives a session (SessionEngine.h lists them with their transitions); the
// clocks and saving are in SessionEngine.cpp, the transitions in SessionTransitions.cpp.

using namespace Qt::StringLiterals;

namespace MockLoop {

bool SessionEngine::start()
{
    if (m_state != SessionState::NotStarted)
        return false;
    enterSegment(0, now());
    return true;
}

bool SessionEngine::beginRound()
{
    if (m_state != SessionState::Briefing || m_paused)
        return false;
    const Milliseconds at = now();
    m_roundClock.reset();
    askQuestion(0, at);
    return true;
}

bool SessionEngine::beginAnswer()
{
    if (m_state != SessionState::Thinking || m_paused)
        return false;
    beginAnswerAt(now());
    return true;
}

bool SessionEngine::markNextPhase()
{
    if (m_state != SessionState::Answering || m_paused || m_followUpIndex >= 0)
        return false;
    if (m_phaseIndex + 1 >= m_loop->storyStructure.phases.size())
        return false;
    const Milliseconds at = now();
    ++m_phaseIndex;
    m_phaseStartedAt = m_answerClock.elapsed(at);
    m_current->parts.last().phaseMarks.append({m_phaseIndex, m_phaseStartedAt});
    persist(at);
    scheduleNextDeadline(at);
    Q_EMIT phaseChanged(m_phaseIndex);
    return true;
}

bool SessionEngine::finishAnswer()
{
    if (m_state != SessionState::Answering || m_paused)
        return false;
    finishAnswerPart(now(), false);
    return true;
}

bool SessionEngine::submitRating(Rating rating, QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (m_state != SessionState::Rating)
        return fail(tr("There is no answer waiting for a rating."));
    const Round *round = currentRound();
    for (auto it = rating.scores.cbegin(); it != rating.scores.cend(); ++it) {
        if (!round || !round->rubricDimensionIds.contains(it.key()))
            return fail(tr("'%1' is not a dimension this round rates.").arg(it.key()));
        if (it.value() < RubricDimension::MinScore || it.value() > RubricDimension::MaxScore)
            return fail(tr("Scores run from %1 to %2.").arg(RubricDimension::MinScore).arg(RubricDimension::MaxScore));
    }
    for (const QString &flag : std::as_const(rating.redFlagIds)) {
        const bool known = std::any_of(m_loop->redFlagGroups.cbegin(), m_loop->redFlagGroups.cend(),
                                       [&flag](const RedFlagGroup &group) {
                                           return std::any_of(group.flags.cbegin(), group.flags.cend(),
                                                              [&flag](const RedFlag &f) { return f.id == flag; });
                                       });
        if (!known)
            return fail(tr("'%1' is not a red flag of this loop.").arg(flag));
    }
    rating.when = Rating::When::RightAfter;
    if (!rating.ratedAt.isValid())
        rating.ratedAt = m_clock.wallTime();
    m_current->rating = std::move(rating);
    completeQuestion(now());
    return true;
}

bool SessionEngine::skipRating()
{
    if (m_state != SessionState::Rating)
        return false;
    m_current->ratingSkipped = true;
    completeQuestion(now());
    return true;
}

bool SessionEngine::skipQuestion()
{
    if (m_paused)
        return false;
    const Milliseconds at = now();
    if (m_state == SessionState::Thinking) {
        m_current->thinkTime = m_thinkClock.elapsed(at);
        m_current->skipped = true;
        completeQuestion(at);
        return true;
    }
    if (m_state != SessionState::Answering)
        return false;
    stopAsking(at);
    AnswerPart &part = m_current->parts.last();
    part.duration = m_answerClock.elapsed(at);
    part.skipped = true;
    m_answerClock.pause(at);
    if (m_followUpIndex >= 0) {
        // The main answer stands; the remaining probes are dropped and it goes to rating.
        setState(SessionState::Rating, at);
    } else {
        m_current->skipped = true;
        completeQuestion(at);
    }
    return true;
}

bool SessionEngine::pause()
{
    if (m_paused || m_state == SessionState::NotStarted || m_state == SessionState::Finished)
        return false;
    const Milliseconds at = now();
    m_paused = true;
    m_pausedAt = at;
    syncClocks(at);
    persist(at);
    scheduleNextDeadline(at);
    Q_EMIT pausedChanged(true);
    return true;
}

bool SessionEngine::resume()
{
    if (!m_paused)
        return false;
    const Milliseconds at = now();
    if (m_state == SessionState::Answering && m_current && !m_current->parts.isEmpty())
        m_current->parts.last().pauses.append({m_answerClock.elapsed(at), at - m_pausedAt, m_interrupted});
    m_interrupted = false;
    m_paused = false;
    syncClocks(at);
    persist(at);
    Q_EMIT pausedChanged(false);
    poll();
    return true;
}

bool SessionEngine::endRound()
{
    const Milliseconds at = now();
    switch (m_state) {
    case SessionState::Briefing:
    case SessionState::Thinking:
        m_paused = false;
        wrapUpRound(at);
        return true;
    case SessionState::Answering:
        m_endRoundRequested = true;
        m_paused = false;
        finishAnswerPart(at, false);
        return true;
    case SessionState::Rating:
        m_endRoundRequested = true;
        persist(at);
        return true;
    case SessionState::NotStarted:
    case SessionState::RoundWrapUp:
    case SessionState::Break:
    case SessionState::Finished:
        break;
    }
    return false;
}

bool SessionEngine::continueSession()
{
    if (m_state != SessionState::RoundWrapUp)
        return false;
    const Milliseconds at = now();
    m_paused = false;
    if (m_segmentIndex + 1 >= m_plan.segments.size()) {
        finishSession(at, false);
    } else if (m_request.mode == SessionMode::FullLoop && breakLimit() > Milliseconds(0)) {
        m_breakClock.start(at);
        setState(SessionState::Break, at);
    } else {
        enterSegment(m_segmentIndex + 1, at);
    }
    return true;
}

bool SessionEngine::skipBreak()
{
    if (m_state != SessionState::Break)
        return false;
    m_paused = false;
    enterSegment(m_segmentIndex + 1, now());
    return true;
}

bool SessionEngine::abandon()
{
    if (m_state == SessionState::Finished)
        return false;
    const Milliseconds at = now();
    stopAsking(at);
    if (m_state == SessionState::Answering)
        m_current->parts.last().duration = m_answerClock.elapsed(at);
    if (m_state == SessionState::Answering || m_state == SessionState::Rating) {
        // What was said is kept, unrated.
        m_current->ratingSkipped = true;
        m_answers.append(*m_current);
        Q_EMIT answerRecorded(*m_current);
    }
    m_current.reset();
    if (m_state == SessionState::Thinking || m_state == SessionState::Answering || m_state == SessionState::Rating)
        m_roundSummaries.append(summarizeSegment(m_segmentIndex, at));
    finishSession(at, true);
    return true;
}

bool SessionEngine::setAnswerNotes(const QString &notes)
{
    if (!m_current)
        return false;
    m_current->notes = notes;
    return true;
}

bool SessionEngine::setTakeFile(const QString &fileName)
{
    if (!m_current || m_state != SessionState::Answering)
        return false;
    m_current->takeFile = fileName;
    persist(now());
    return true;
}

bool SessionEngine::promptAsked()
{
    if (!m_asking)
        return false;
    const Milliseconds at = now();
    if (m_state == SessionState::Thinking) {
        m_asking = false;
        m_thinkClock.start(at);
        if (thinkLimit() == Milliseconds(0) && !m_paused) {
            beginAnswerAt(at);
            return true;
        }
    } else {
        stopAsking(at);
        m_answerClock.start(at);
    }
    syncClocks(at);
    persist(at);
    scheduleNextDeadline(at);
    Q_EMIT askingFinished();
    Q_EMIT tick(clocks());
    return true;
}

bool SessionEngine::replaceFollowUp(const QString &prompt, const ProbeReason &reason)
{
    if (m_state != SessionState::Answering || m_followUpIndex < 0 || !m_asking || prompt.trimmed().isEmpty())
        return false;
    QStringList &followUps = m_plan.segments[m_segmentIndex].questions[m_questionIndex].followUps;
    const qsizetype planned = followUps.indexOf(prompt);
    if (planned != m_followUpIndex) {
        // The probe the loop planned here moves on; one planned later is not asked twice.
        if (planned > m_followUpIndex)
            followUps.removeAt(planned);
        else
            followUps.removeLast();
        followUps.insert(m_followUpIndex, prompt);
    }
    AnswerPart &part = m_current->parts.last();
    part.prompt = prompt;
    part.probeReason = reason;
    persist(now());
    Q_EMIT promptChanged();
    return true;
}

bool SessionEngine::addInterviewerMark(const InterviewerMark &mark, int partIndex)
{
    if ((m_state != SessionState::Answering && m_state != SessionState::Rating) || !m_current
        || m_current->parts.isEmpty())
        return false;
    const qsizetype index = partIndex < 0 ? m_current->parts.size() - 1 : partIndex;
    if (index >= m_current->parts.size())
        return false;
    m_current->parts[index].interviewer.append(mark);
    persist(now());
    return true;
}

bool SessionEngine::setDraftRating(const Rating &draft)
{
    if (m_state != SessionState::Rating)
        return false;
    m_current->draftRating = draft;
    persist(now());
    return true;
}

} // namespace MockLoop
