#include "SessionPage.h"

#include "SessionController.h"
#include "analysis/AnalysisService.h"
#include "audio/TakePlayer.h"
#include "common/Format.h"
#include "loops/Loop.h"
#include "rating/RatingPanel.h"

#include <QLabel>
#include <QStackedWidget>

// The session page's rating step: the rating panel for the answer just given, its measured
// feedback, and replaying its take.

namespace MockLoop {

void SessionPage::showRating()
{
    SessionEngine *engine = m_controller->engine();
    const PlannedQuestion *planned = engine->currentQuestion();
    const Round *round = planned ? engine->loop().round(planned->roundId) : nullptr;
    if (!round)
        return;
    m_rating->setRubric(engine->loop(), *round);
    m_rating->setReRating(false);
    const AnswerRecord &answer = *engine->currentAnswer();
    QString detail = tr("Your answer: %1").arg(Format::duration(answer.answerTime()));
    if (answer.overtime().count() > 0)
        detail += tr(" (%1 over)").arg(Format::duration(answer.overtime()));
    if (const int followUps = answer.followUpsAnswered(); followUps > 0)
        detail += tr(", with %n follow-up(s)", nullptr, followUps);
    m_rating->setQuestion(answer.questionText, detail);
    m_rating->showAnswerReview(engine->loop(), answer);
    if (answer.draftRating)
        m_rating->setDraft(*answer.draftRating);
    const bool takeReady = !m_controller->currentTakePath().isEmpty();
    m_rating->setReplayAvailable(takeReady,
                                 m_controller->recordingProblem().isEmpty() ? tr("The take is still being saved")
                                                                            : tr("This answer was not recorded"));
    showMeasuredFeedback(answer);
    m_replayStatus->clear();
    m_stack->setCurrentWidget(m_rating->parentWidget());
    m_rating->focusFirstDimension();
}

bool SessionPage::isRating(int ordinal) const
{
    const SessionEngine *engine = m_controller ? m_controller->engine() : nullptr;
    return engine && engine->state() == SessionState::Rating && engine->currentAnswer()
        && engine->currentAnswer()->ordinal == ordinal && m_stack->currentWidget() == m_rating->parentWidget();
}

void SessionPage::showMeasuredFeedback(const AnswerRecord &answer)
{
    m_rating->setTakePlayable(!m_controller->currentTakePath().isEmpty());
    if (const auto analysis = m_controller->analysisOf(answer.ordinal))
        m_rating->showMeasuredFeedback(*analysis);
    else if (m_analysisFailures.contains(answer.ordinal))
        m_rating->showFeedbackFailed(m_analysisFailures.value(answer.ordinal));
    else if (answer.takeFile.isEmpty())
        m_rating->showFeedbackUnavailable(tr("This answer was not recorded, so there is nothing to measure."));
    else if (!m_services.analysis || !m_services.analysis->isEnabled())
        m_rating->showFeedbackUnavailable(
            tr("Speech analysis is off, so this answer is not measured. It can be turned on in Settings."));
    else
        m_rating->showFeedbackPending();
}

TakePlayer *SessionPage::replayer()
{
    // Made on first use: Qt Multimedia's player loads GStreamer, which would slow every start.
    if (m_replay)
        return m_replay;
    m_replay = new TakePlayer(this);
    connect(m_replay, &TakePlayer::stateChanged, this, [this](TakePlayer::State state) {
        m_replayStatus->setText(state == TakePlayer::State::Playing ? tr("Playing the take…") : QString());
    });
    connect(m_replay, &TakePlayer::positionChanged, this, [this](qint64 position) {
        if (m_replay->state() == TakePlayer::State::Playing)
            m_replayStatus->setText(tr("Playing the take: %1 of %2")
                                        .arg(Format::elapsed(std::chrono::milliseconds(position)),
                                             Format::elapsed(std::chrono::milliseconds(m_replay->duration()))));
    });
    connect(m_replay, &TakePlayer::errorOccurred, m_replayStatus, &QLabel::setText);
    return m_replay;
}

void SessionPage::toggleReplay()
{
    TakePlayer *player = replayer();
    if (player->state() == TakePlayer::State::Playing) {
        player->pause();
        return;
    }
    const QString take = m_controller->currentTakePath();
    if (take.isEmpty())
        return;
    if (player->take() != take)
        player->setTake(take);
    player->play();
}

void SessionPage::replayFrom(qint64 takeMs)
{
    const QString take = m_controller ? m_controller->currentTakePath() : QString();
    if (take.isEmpty())
        return;
    TakePlayer *player = replayer();
    if (player->take() != take)
        player->setTake(take);
    player->seek(takeMs); // kept until the take is loaded
    player->play();
}

void SessionPage::stopReplay()
{
    if (m_replay && m_replay->state() != TakePlayer::State::Stopped)
        m_replay->stop();
}

} // namespace MockLoop
