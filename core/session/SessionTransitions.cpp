#include "SessionEngine.h"

#include "loops/Loop.h"

// The transitions between the session's steps (a segment entered, a question asked, an answer part
// started and finished, a round wrapped up); the commands that lead to them are in
// SessionCommands.cpp, the clocks and saving in SessionEngine.cpp.

using namespace Qt::StringLiterals;

namespace MockLoop {

void SessionEngine::enterSegment(int segmentIndex, Milliseconds at)
{
    m_segmentIndex = segmentIndex;
    m_questionIndex = 0;
    m_roundTimeUp = false;
    m_endRoundRequested = false;
    m_roundClock.reset();
    m_breakClock.reset();
    if (currentSegment().hasBriefing)
        setState(SessionState::Briefing, at);
    else
        askQuestion(0, at);
}

void SessionEngine::askQuestion(int questionIndex, Milliseconds at)
{
    m_questionIndex = questionIndex;
    const PlannedQuestion *planned = currentQuestion();
    if (!planned) {
        wrapUpRound(at);
        return;
    }
    AnswerRecord record;
    record.ordinal = int(m_answers.size());
    record.segmentIndex = m_segmentIndex;
    record.roundId = planned->roundId;
    record.questionId = planned->questionId;
    if (const Question *question = m_loop->question(planned->questionId))
        record.questionText = question->text;
    m_current = record;
    m_followUpIndex = -1;
    m_answerClock.reset();
    if (m_interviewerAsks) {
        // Think time counts from the end of the reading (promptAsked()).
        m_asking = true;
        m_thinkClock.reset();
        setState(SessionState::Thinking, at);
        Q_EMIT promptWaiting(-1);
        return;
    }
    m_thinkClock.start(at);
    if (thinkLimit() == Milliseconds(0))
        beginAnswerAt(at);
    else
        setState(SessionState::Thinking, at);
}

void SessionEngine::stopAsking(Milliseconds at)
{
    if (!std::exchange(m_asking, false))
        return;
    if (m_state == SessionState::Answering && m_current && !m_current->parts.isEmpty())
        m_current->parts.last().asking = m_askClock.elapsed(at);
    m_askClock.reset();
}

void SessionEngine::beginAnswerAt(Milliseconds at)
{
    stopAsking(at);
    m_current->thinkTime = m_thinkClock.elapsed(at);
    startAnswerPart(-1, at);
}

void SessionEngine::startAnswerPart(int followUpIndex, Milliseconds at)
{
    m_followUpIndex = followUpIndex;
    m_phaseIndex = 0;
    m_phaseStartedAt = Milliseconds(0);
    m_phaseTargetReported = -1;
    m_overtimeReported = false;
    m_phaseOverrunReported = -1;
    // A probe's clock waits while the interviewer chooses and asks it (promptAsked()).
    m_asking = followUpIndex >= 0 && m_interviewerAsks;
    if (m_asking) {
        m_askClock.start(at);
        m_answerClock.reset();
    } else {
        m_answerClock.start(at);
    }
    AnswerPart part;
    part.followUpIndex = followUpIndex;
    part.prompt = currentPrompt();
    part.startedAt = m_clock.wallTime().addMSecs((at - now()).count());
    part.limit = answerLimit();
    m_current->parts.append(part);
    setState(SessionState::Answering, at);
    if (m_asking)
        Q_EMIT promptWaiting(followUpIndex);
}

void SessionEngine::finishAnswerPart(Milliseconds at, bool stoppedAtLimit)
{
    stopAsking(at);
    AnswerPart &part = m_current->parts.last();
    part.duration = m_answerClock.elapsed(at);
    part.stoppedAtLimit = stoppedAtLimit;
    m_answerClock.pause(at);
    const PlannedQuestion *planned = currentQuestion();
    const int nextFollowUp = m_followUpIndex + 1;
    const bool roundOver = m_roundTimeUp || m_endRoundRequested;
    if (!roundOver && planned && nextFollowUp < planned->followUps.size())
        startAnswerPart(nextFollowUp, at);
    else
        setState(SessionState::Rating, at);
}

void SessionEngine::completeQuestion(Milliseconds at)
{
    stopAsking(at);
    m_answers.append(*m_current);
    const AnswerRecord finished = *m_current;
    m_current.reset();
    Q_EMIT answerRecorded(finished);
    nextQuestionOrWrapUp(at);
}

void SessionEngine::nextQuestionOrWrapUp(Milliseconds at)
{
    const bool roundOver = m_roundTimeUp || m_endRoundRequested;
    if (!roundOver && m_questionIndex + 1 < currentSegment().questions.size())
        askQuestion(m_questionIndex + 1, at);
    else
        wrapUpRound(at);
}

RoundSummary SessionEngine::summarizeSegment(int segmentIndex, Milliseconds at) const
{
    const SessionSegment &segment = m_plan.segments.at(segmentIndex);
    RoundSummary summary;
    summary.segmentIndex = segmentIndex;
    summary.roundId = segment.roundId;
    summary.title = segment.title;
    summary.allotted = Milliseconds(qint64(segment.durationMinutes) * 60 * 1000);
    summary.used = m_roundClock.elapsed(at);
    summary.questionsPlanned = segment.untilTimeIsUp ? 0 : int(segment.questions.size());
    QMap<QString, std::pair<int, int>> scoreSums;
    for (const AnswerRecord &answer : m_answers) {
        if (answer.segmentIndex != segmentIndex)
            continue;
        if (answer.skipped) {
            ++summary.questionsSkipped;
            continue;
        }
        ++summary.questionsAnswered;
        if (!answer.rating)
            continue;
        for (auto it = answer.rating->scores.cbegin(); it != answer.rating->scores.cend(); ++it) {
            scoreSums[it.key()].first += it.value();
            ++scoreSums[it.key()].second;
        }
        for (const QString &flag : answer.rating->redFlagIds)
            ++summary.redFlagCounts[flag];
    }
    for (auto it = scoreSums.cbegin(); it != scoreSums.cend(); ++it)
        summary.dimensionAverages.insert(it.key(), double(it->first) / it->second);
    return summary;
}

void SessionEngine::wrapUpRound(Milliseconds at)
{
    stopAsking(at);
    m_current.reset();
    m_roundClock.pause(at);
    const RoundSummary summary = summarizeSegment(m_segmentIndex, at);
    m_roundSummaries.append(summary);
    Q_EMIT roundEnded(summary);
    if (currentSegment().hasWrapUp)
        setState(SessionState::RoundWrapUp, at);
    else
        finishSession(at, false);
}

void SessionEngine::finishSession(Milliseconds at, bool abandoned)
{
    m_paused = false;
    // Known before stateChanged, so whoever shows the finished session reads it from summary().
    m_abandoned = abandoned;
    setState(SessionState::Finished, at);
    Q_EMIT sessionFinished(summary());
}

SessionSummary SessionEngine::summary() const
{
    SessionSummary result;
    result.abandoned = m_abandoned;
    result.rounds = m_roundSummaries;
    return result;
}

} // namespace MockLoop
