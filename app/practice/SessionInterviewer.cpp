#include "SessionInterviewer.h"

#include "loops/Loop.h"
#include "session/SessionEngine.h"
#include "voice/SpeechOutput.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcInterviewer, "mockloop.practice.interviewer")

namespace {

bool isPromptLine(SessionInterviewer::LineKind kind)
{
    using Kind = SessionInterviewer::LineKind;
    return kind == Kind::Opening || kind == Kind::Question || kind == Kind::Probe;
}

} // namespace

SessionInterviewer::SessionInterviewer(SessionEngine *engine, SpeechOutput *output, bool voiceOn, QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_output(output)
    , m_voiceOn(voiceOn)
{
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, [this] {
        if (!m_current)
            return;
        qCWarning(lcInterviewer) << "the line did not play in time:" << m_current->text.left(60);
        stopLine(StopReason::Superseded);
        m_current.reset(); // an output that gives no sign is not waited for
        fail(tr("The interviewer's voice did not play: the audio output does not respond. The session goes on "
                "with the questions as text."));
    });
    connect(m_engine, &SessionEngine::stateChanged, this, &SessionInterviewer::onStateChanged);
    connect(m_engine, &SessionEngine::pausedChanged, this, &SessionInterviewer::onPausedChanged);
    connect(m_engine, &SessionEngine::phaseOverran, this, &SessionInterviewer::onPhaseOverran);
    connect(m_engine, &SessionEngine::roundEnded, this, &SessionInterviewer::onRoundEnded);
    if (!m_output)
        return;
    connect(m_output, &SpeechOutput::started, this, &SessionInterviewer::onStarted);
    connect(m_output, &SpeechOutput::finished, this,
            [this](const QString &text) { onEnded(text, m_durationMs, true); });
    connect(m_output, &SpeechOutput::stopped, this,
            [this](const QString &text, qint64 playedMs) { onEnded(text, playedMs, false); });
    connect(m_output, &SpeechOutput::failed, this,
            [this](const QString &text, const QString &message) { onEnded(text, 0, false, message); });
}

SessionInterviewer::~SessionInterviewer()
{
    if (m_output) {
        m_output->disconnect(this);
        if (m_current)
            m_output->stop(); // a window closed mid-line falls silent with it
    }
}

void SessionInterviewer::setVoiceOn(bool on)
{
    if (!m_output || on == m_voiceOn)
        return;
    m_voiceOn = on;
    qCDebug(lcInterviewer) << "voice" << (on ? "on" : "off");
    if (!on) {
        // Silent at once; the prompt being read counts as asked, so its clock starts now.
        m_repeatOnResume.clear();
        if (m_current)
            stopLine(StopReason::VoiceOff);
        m_queue.clear();
        promptDone();
    }
    Q_EMIT voiceChanged(on);
}

SessionInterviewer::PromptKey SessionInterviewer::currentPromptKey() const
{
    const auto &answer = m_engine->currentAnswer();
    const bool probe = m_engine->state() == SessionState::Answering;
    return {answer ? answer->ordinal : -1, probe ? m_engine->followUpIndex() : -1};
}

bool SessionInterviewer::promptStillWaits() const
{
    return m_prompt && m_engine->isAskingPrompt() && currentPromptKey() == *m_prompt;
}

void SessionInterviewer::askCurrentPrompt()
{
    if (!m_engine->isAskingPrompt())
        return;
    if (m_current)
        stopLine(StopReason::Superseded);
    m_queue.clear();
    m_repeatOnResume.clear();
    m_prompt = currentPromptKey();
    if (!isVoiceOn()) {
        promptDone();
        return;
    }
    if (m_engine->state() == SessionState::Thinking) {
        // A round's first question comes after its opening.
        const SessionSegment &segment = m_engine->currentSegment();
        const Round *round = m_engine->loop().round(segment.roundId);
        if (m_engine->questionIndex() == 0 && segment.hasBriefing && round && !round->opening.isEmpty()
            && m_openedSegment != m_engine->segmentIndex()) {
            m_queue.append({round->opening, LineKind::Opening});
            m_openedSegment = m_engine->segmentIndex();
        }
        m_queue.append({m_engine->currentPrompt(), LineKind::Question});
    } else {
        m_queue.append({m_engine->currentPrompt(), LineKind::Probe});
    }
    prepareNextQuestion();
    if (m_engine->isPaused()) {
        m_repeatOnResume = std::exchange(m_queue, {});
        return;
    }
    sayNext();
}

void SessionInterviewer::sayNext()
{
    if (m_queue.isEmpty()) {
        promptDone();
        return;
    }
    m_current = m_queue.takeFirst();
    m_heard.reset();
    m_durationMs = 0;
    m_watchdog.start(StartTimeoutMs);
    Q_EMIT speakingChanged();
    m_output->say(m_current->text);
}

void SessionInterviewer::stopLine(StopReason reason)
{
    if (!m_current)
        return;
    m_stopReason = reason;
    m_output->stop(); // stopped() comes before it returns
    m_stopReason = StopReason::None;
}

void SessionInterviewer::onStarted(const QString &text, qint64 durationMs)
{
    if (!m_current || text != m_current->text)
        return; // not this session's line (Settings tries the voice, say)
    m_durationMs = durationMs;
    m_watchdog.start(int(std::min<qint64>(durationMs + EndGraceMs, std::numeric_limits<int>::max())));
    const auto &answer = m_engine->currentAnswer();
    if (m_engine->state() == SessionState::Answering && answer && !answer->parts.isEmpty())
        m_heard = Heard{answer->ordinal, int(answer->parts.size() - 1), m_engine->partElapsed()};
}

void SessionInterviewer::onEnded(const QString &text, qint64 heardMs, bool completed, const QString &failure)
{
    if (!m_current || text != m_current->text)
        return;
    m_watchdog.stop();
    const Line line = *std::exchange(m_current, std::nullopt);
    markHeard(line, m_heard ? heardMs : 0);
    m_heard.reset();
    const StopReason reason = completed ? StopReason::None : m_stopReason;
    Q_EMIT speakingChanged();
    if (!failure.isEmpty()) {
        qCWarning(lcInterviewer).noquote() << "could not say a line:" << failure;
        fail(failure);
        return;
    }
    switch (reason) {
    case StopReason::Pause:
        if (isPromptLine(line.kind) && m_prompt)
            m_repeatOnResume = QList<Line>{line} + std::exchange(m_queue, {});
        return;
    case StopReason::Superseded:
        return; // whoever cut it goes on
    case StopReason::VoiceOff:
    case StopReason::MovedOn:
        m_queue.clear();
        promptDone();
        return;
    case StopReason::None:
        sayNext(); // finished, or stopped by another user of the output: on with the prompt
        return;
    }
}

void SessionInterviewer::markHeard(const Line &line, qint64 heardMs)
{
    if (line.kind != LineKind::Probe && line.kind != LineKind::Interruption)
        return; // read in the think time or the wrap-up: outside the take
    const auto &answer = m_engine->currentAnswer();
    if (!answer)
        return;
    InterviewerMark mark;
    mark.kind = line.kind == LineKind::Probe ? InterviewerMark::Kind::Probe : InterviewerMark::Kind::Interruption;
    mark.phaseIndex = line.phaseIndex;
    mark.text = line.text;
    if (m_heard && m_heard->ordinal == answer->ordinal) {
        mark.at = m_heard->at;
        mark.length = heardMs > 0 ? Milliseconds(heardMs + TailMs) : Milliseconds(0);
        m_engine->addInterviewerMark(mark, m_heard->partIndex);
    } else if (line.kind == LineKind::Interruption && m_engine->state() == SessionState::Answering) {
        mark.at = m_engine->partElapsed(); // never heard, but shown: the answer keeps it
        m_engine->addInterviewerMark(mark);
    }
}

void SessionInterviewer::promptDone()
{
    if (!m_prompt)
        return;
    const bool waits = promptStillWaits();
    m_prompt.reset();
    m_repeatOnResume.clear();
    if (waits)
        m_engine->promptAsked();
}

void SessionInterviewer::fail(const QString &message)
{
    if (m_problem.isEmpty()) {
        m_problem = message;
        Q_EMIT problemOccurred(message);
    }
    if (m_voiceOn) {
        m_voiceOn = false;
        m_queue.clear();
        promptDone();
        Q_EMIT voiceChanged(false);
    } else {
        promptDone();
    }
}

void SessionInterviewer::onStateChanged(SessionState state)
{
    // The person moved on (began answering during the reading, skipped, ended the round): the
    // interviewer stops reading, and an interruption stops when its answer does.
    if (m_prompt && !promptStillWaits()) {
        m_prompt.reset();
        m_repeatOnResume.clear();
        m_queue.clear();
        if (m_current && isPromptLine(m_current->kind))
            stopLine(StopReason::MovedOn);
    }
    if (m_current && m_current->kind == LineKind::Interruption)
        stopLine(StopReason::MovedOn);

    switch (state) {
    case SessionState::Briefing:
        prepareRound();
        break;
    case SessionState::Finished:
        if (m_current && m_engine->summary().abandoned)
            stopLine(StopReason::MovedOn);
        break;
    case SessionState::NotStarted:
    case SessionState::Thinking:
    case SessionState::Answering:
    case SessionState::Rating:
    case SessionState::RoundWrapUp:
    case SessionState::Break:
        break;
    }
}

void SessionInterviewer::onRoundEnded()
{
    // A round's closing; a drill or a single question has none.
    const SessionSegment &segment = m_engine->currentSegment();
    const Round *round = m_engine->loop().round(segment.roundId);
    if (!isVoiceOn() || !segment.hasBriefing || !round || round->closing.isEmpty())
        return;
    if (m_current)
        stopLine(StopReason::Superseded);
    m_queue = {{round->closing, LineKind::Closing}};
    sayNext();
}

void SessionInterviewer::onPausedChanged(bool paused)
{
    if (paused) {
        if (m_current)
            stopLine(isPromptLine(m_current->kind) && m_prompt ? StopReason::Pause : StopReason::Superseded);
        return;
    }
    if (!m_repeatOnResume.isEmpty() && promptStillWaits() && isVoiceOn()) {
        m_queue = std::exchange(m_repeatOnResume, {});
        sayNext();
    } else if (m_prompt && promptStillWaits() && !m_current) {
        promptDone(); // nothing left to say: the clock starts
    }
}

void SessionInterviewer::onPhaseOverran(int phaseIndex)
{
    const Loop &loop = m_engine->loop();
    const PlannedQuestion *planned = m_engine->currentQuestion();
    const Round *round = planned ? loop.round(planned->roundId) : nullptr;
    if (!round || phaseIndex < 0 || phaseIndex >= loop.storyStructure.phases.size())
        return;
    const QStringList lines = loop.interruptionLines(*round, loop.storyStructure.phases.at(phaseIndex).id);
    if (lines.isEmpty())
        return;
    // Successive answers hear successive lines, as an interviewer does not repeat themself.
    const int ordinal = m_engine->currentAnswer() ? m_engine->currentAnswer()->ordinal : 0;
    const Line line{lines.at(ordinal % lines.size()), LineKind::Interruption, phaseIndex};
    qCDebug(lcInterviewer) << "breaking in on phase" << phaseIndex << ":" << line.text;
    Q_EMIT interrupted(line.text);
    if (!isVoiceOn() || m_engine->isPaused()) {
        markHeard(line, 0);
        return;
    }
    if (m_current)
        stopLine(StopReason::Superseded);
    m_queue = {line};
    sayNext();
}

void SessionInterviewer::prepareRound()
{
    if (!isVoiceOn())
        return;
    const Loop &loop = m_engine->loop();
    const SessionSegment &segment = m_engine->currentSegment();
    const Round *round = loop.round(segment.roundId);
    QStringList lines;
    // In the order they will be needed: the opening and the first question first.
    if (round)
        lines << round->opening;
    if (!segment.questions.isEmpty()) {
        const PlannedQuestion &first = segment.questions.first();
        if (const Question *question = loop.question(first.questionId))
            lines << question->text;
        lines << first.followUps;
    }
    if (round)
        lines << loop.adaptiveProbeLines(*round) << loop.spokenLines(*round);
    m_output->prepare(lines);
}

void SessionInterviewer::prepareNextQuestion()
{
    const Loop &loop = m_engine->loop();
    const SessionSegment &segment = m_engine->currentSegment();
    QStringList lines;
    if (const PlannedQuestion *current = m_engine->currentQuestion())
        lines << current->followUps;
    const int next = m_engine->questionIndex() + 1;
    if (next < segment.questions.size()) {
        const PlannedQuestion &planned = segment.questions.at(next);
        if (const Question *question = loop.question(planned.questionId))
            lines << question->text;
        lines << planned.followUps;
    }
    m_output->prepare(lines);
}

} // namespace MockLoop
