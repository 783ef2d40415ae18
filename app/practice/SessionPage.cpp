#include "SessionPage.h"

#include "BriefingView.h"
#include "InterviewerBar.h"
#include "PauseForDialogs.h"
#include "QuestionView.h"
#include "SessionController.h"
#include "SessionInterviewer.h"
#include "WrapUpView.h"
#include "analysis/AnalysisService.h"
#include "audio/TakePlayer.h"
#include "common/AnnouncementLabel.h"
#include "common/AppSettings.h"
#include "common/Format.h"
#include "common/Typography.h"
#include "library/PracticeLibrary.h"
#include "loops/Loop.h"
#include "rating/RatingPanel.h"
#include "stories/StoryCueCard.h"
#include "widgets/CountdownLabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QAction *makeAction(QWidget *owner, const QString &text, const QKeySequence &key, const QString &name)
{
    auto *action = new QAction(text, owner);
    action->setObjectName(name);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(u"%1 (%2)"_s.arg(QString(text).remove(u'&'), key.toString(QKeySequence::NativeText)));
    owner->addAction(action);
    return action;
}

QPushButton *buttonFor(QAction *action, QWidget *parent)
{
    auto *button = new QPushButton(parent);
    button->setObjectName(action->objectName() + u"Button"_s);
    const auto sync = [button, action] {
        button->setText(action->text() + u"  ["_s + action->shortcut().toString(QKeySequence::NativeText) + u']');
        button->setEnabled(action->isEnabled());
        button->setVisible(action->isEnabled());
        button->setToolTip(action->toolTip());
    };
    QObject::connect(action, &QAction::changed, button, sync);
    QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
    button->setFocusPolicy(Qt::TabFocus);
    sync();
    return button;
}

} // namespace

SessionPage::SessionPage(const AppServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_roundTitle(new QLabel(this))
    , m_pausedLabel(new QLabel(tr("Paused"), this))
    , m_roundClockCaption(new QLabel(tr("Round time left"), this))
    , m_roundClock(new CountdownLabel(this))
    , m_interviewerBar(new InterviewerBar(this)) // made before what is below it: Tab follows the page
    , m_banner(new QWidget(this))
    , m_bannerText(new AnnouncementLabel(m_banner))
    , m_bannerSettings(new QPushButton(tr("Open Settings"), m_banner))
    , m_stack(new QStackedWidget(this))
    , m_briefing(new BriefingView(m_stack))
    , m_question(new QuestionView(m_stack))
    , m_rating(new RatingPanel(m_stack))
    , m_replayStatus(new QLabel(this))
    , m_wrapUp(new WrapUpView(m_stack))
    , m_break(new QWidget(m_stack))
    , m_breakText(new QLabel(m_break))
    , m_breakClock(new CountdownLabel(m_break))
    , m_pauseForDialogs(new PauseForDialogs(this))
{
    setObjectName(u"sessionPage"_s);
    m_actions.beginRound = makeAction(this, tr("&Begin Round"), Qt::Key_Return, u"beginRoundAction"_s);
    m_actions.startAnswer = makeAction(this, tr("&Start Answering"), Qt::Key_Return, u"startAnswerAction"_s);
    m_actions.nextPhase = makeAction(this, tr("&Next Phase"), Qt::Key_Space, u"nextPhaseAction"_s);
    m_actions.finishAnswer = makeAction(this, tr("Finish &Answer"), Qt::Key_Return, u"finishAnswerAction"_s);
    m_actions.pause = makeAction(this, tr("Pa&use"), Qt::Key_P, u"pauseAction"_s);
    m_actions.skipQuestion = makeAction(this, tr("S&kip Question"), Qt::Key_S, u"skipQuestionAction"_s);
    m_actions.endRound = makeAction(this, tr("&End Round…"), QKeySequence(Qt::CTRL | Qt::Key_E), u"endRoundAction"_s);
    m_actions.continueSession = makeAction(this, tr("&Continue"), Qt::Key_Return, u"continueAction"_s);
    m_actions.abandon
        = makeAction(this, tr("Aban&don Session…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X), u"abandonAction"_s);
    m_actions.voice = makeAction(this, tr("Interviewer's &Voice"), Qt::Key_V, u"voiceAction"_s);
    m_actions.voice->setCheckable(true);
    m_interviewerBar->setVoiceAction(m_actions.voice);

    // Header: where we are, and the round clock, always visible.
    m_roundTitle->setObjectName(u"roundTitle"_s);
    QFont headerFont = m_roundTitle->font();
    headerFont.setBold(true);
    m_roundTitle->setFont(headerFont);
    m_pausedLabel->setObjectName(u"pausedLabel"_s);
    m_pausedLabel->setFont(headerFont);
    m_roundClock->setObjectName(u"roundClock"_s);
    m_roundClock->setSpokenName(tr("Round time"));
    m_roundClock->setFont(Typography::scaledBold(m_roundClock->font(), 1.4));
    auto *header = new QHBoxLayout;
    header->addWidget(m_roundTitle, 1);
    header->addWidget(m_pausedLabel);
    header->addSpacing(12);
    m_roundClockCaption->setForegroundRole(QPalette::PlaceholderText);
    header->addWidget(m_roundClockCaption);
    header->addWidget(m_roundClock);

    // A banner for what stops answers being recorded.
    m_banner->setObjectName(u"recordingBanner"_s);
    m_banner->setAutoFillBackground(true);
    QPalette bannerColours = m_banner->palette();
    QColor bannerBackground = warningColour(bannerColours);
    bannerBackground.setAlpha(40);
    bannerColours.setColor(QPalette::Window, bannerBackground);
    m_banner->setPalette(bannerColours);
    m_bannerText->setObjectName(u"recordingBannerText"_s);
    m_bannerText->setWordWrap(true);
    m_bannerSettings->setObjectName(u"bannerSettingsButton"_s);
    auto *bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->addWidget(m_bannerText, 1);
    bannerLayout->addWidget(m_bannerSettings);
    m_banner->hide();
    connect(m_bannerSettings, &QPushButton::clicked, this, &SessionPage::settingsRequested);

    // The controls of a question, mirroring the actions.
    auto *controls = new QHBoxLayout;
    for (QAction *action : {m_actions.startAnswer, m_actions.nextPhase, m_actions.finishAnswer, m_actions.pause,
                            m_actions.skipQuestion, m_actions.endRound})
        controls->addWidget(buttonFor(action, this));
    controls->addStretch();
    auto *questionPage = new QWidget(m_stack);
    m_questionPage = questionPage;
    auto *questionLayout = new QVBoxLayout(questionPage);
    questionLayout->setContentsMargins(0, 0, 0, 0);
    m_cueCard = new StoryCueCard(services.library, questionPage);
    addAction(m_cueCard->toggleAction());
    auto *questionRow = new QHBoxLayout;
    // In a short window with large type the question scrolls rather than being cut off.
    auto *questionScroll = new QScrollArea(questionPage);
    questionScroll->setObjectName(u"questionScroll"_s);
    questionScroll->setWidgetResizable(true);
    questionScroll->setFrameShape(QFrame::NoFrame);
    questionScroll->setFocusPolicy(Qt::NoFocus); // not a Tab stop of its own
    questionScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    questionScroll->setWidget(m_question);
    questionRow->addWidget(questionScroll, 1);
    questionRow->addWidget(m_cueCard);
    questionLayout->addLayout(questionRow, 1);
    questionLayout->addLayout(controls);

    auto *ratingPage = new QWidget(m_stack);
    auto *ratingLayout = new QVBoxLayout(ratingPage);
    ratingLayout->setContentsMargins(0, 0, 0, 0);
    ratingLayout->addWidget(m_rating, 1);
    m_replayStatus->setObjectName(u"replayStatus"_s);
    ratingLayout->addWidget(m_replayStatus);

    m_break->setObjectName(u"breakView"_s);
    m_breakText->setObjectName(u"breakText"_s);
    m_breakText->setAlignment(Qt::AlignCenter);
    m_breakText->setWordWrap(true);
    m_breakClock->setObjectName(u"breakClock"_s);
    m_breakClock->setSpokenName(tr("Break"));
    m_breakClock->setFont(Typography::scaled(font(), 4));
    auto *breakLayout = new QVBoxLayout(m_break);
    breakLayout->addStretch();
    breakLayout->addWidget(m_breakText);
    breakLayout->addWidget(m_breakClock);
    auto *skipBreak = buttonFor(m_actions.continueSession, m_break);
    skipBreak->setObjectName(u"skipBreakButton"_s);
    breakLayout->addWidget(skipBreak, 0, Qt::AlignCenter);
    breakLayout->addStretch();

    m_stack->addWidget(m_briefing);
    m_stack->addWidget(questionPage);
    m_stack->addWidget(ratingPage);
    m_stack->addWidget(m_wrapUp);
    m_stack->addWidget(m_break);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(header);
    layout->addWidget(m_interviewerBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_stack, 1);

    connect(m_actions.beginRound, &QAction::triggered, this, [this] { m_controller->engine()->beginRound(); });
    connect(m_briefing->beginButton(), &QPushButton::clicked, m_actions.beginRound, &QAction::trigger);
    connect(m_actions.startAnswer, &QAction::triggered, this, [this] { m_controller->engine()->beginAnswer(); });
    connect(m_actions.nextPhase, &QAction::triggered, this, [this] { m_controller->engine()->markNextPhase(); });
    connect(m_actions.finishAnswer, &QAction::triggered, this, [this] { m_controller->engine()->finishAnswer(); });
    connect(m_actions.skipQuestion, &QAction::triggered, this, &SessionPage::skipQuestion);
    connect(m_actions.pause, &QAction::triggered, this, [this] {
        SessionEngine *engine = m_controller->engine();
        engine->isPaused() ? engine->resume() : engine->pause();
    });
    connect(m_actions.endRound, &QAction::triggered, this, &SessionPage::confirmEndRound);
    connect(m_actions.voice, &QAction::triggered, this, [this] {
        if (m_controller)
            m_controller->interviewer()->toggleVoice();
    });
    connect(m_actions.abandon, &QAction::triggered, this, &SessionPage::confirmAbandon);
    connect(m_actions.continueSession, &QAction::triggered, this, [this] {
        SessionEngine *engine = m_controller->engine();
        if (engine->state() == SessionState::Break)
            engine->skipBreak();
        else if (engine->state() == SessionState::RoundWrapUp)
            engine->continueSession();
        else if (engine->state() == SessionState::Finished)
            Q_EMIT closed();
    });
    connect(m_wrapUp->continueButton(), &QPushButton::clicked, m_actions.continueSession, &QAction::trigger);
    connect(m_wrapUp->libraryButton(), &QPushButton::clicked, this, [this] { Q_EMIT libraryRequested(m_sessionId); });
    connect(m_question, &QuestionView::notesEdited, this, [this](const QString &notes) {
        if (m_controller)
            m_controller->engine()->setAnswerNotes(notes);
    });

    connect(m_rating, &RatingPanel::submitted, this, [this](const Rating &rating) {
        if (!isRunning())
            return;
        stopReplay();
        QString error;
        if (!m_controller->engine()->submitRating(rating, &error))
            QMessageBox::warning(this, tr("Rating not saved"), error);
    });
    connect(m_rating, &RatingPanel::skipped, this, [this] {
        if (!isRunning())
            return;
        stopReplay();
        m_controller->engine()->skipRating();
    });
    connect(m_rating, &RatingPanel::replayRequested, this, &SessionPage::toggleReplay);
    connect(m_rating, &RatingPanel::playFromRequested, this, &SessionPage::replayFrom);
    // What is entered is kept with the session: a crash on the rating page loses none of it.
    connect(m_rating, &RatingPanel::edited, this, [this](const Rating &draft) {
        if (isRunning())
            m_controller->engine()->setDraftRating(draft);
    });
    updateActions();
}

SessionPage::~SessionPage() = default;

QList<QAction *> SessionPage::actionList() const
{
    return {m_actions.beginRound,      m_actions.startAnswer, m_actions.nextPhase,       m_actions.finishAnswer,
            m_actions.pause,           m_actions.voice,       m_cueCard->toggleAction(), m_actions.skipQuestion,
            m_actions.continueSession, m_actions.endRound,    m_actions.abandon};
}

bool SessionPage::isRunning() const
{
    return m_controller && m_controller->isRunning();
}

void SessionPage::run(std::unique_ptr<SessionController> controller)
{
    stopReplay();
    m_controller = std::move(controller);
    SessionEngine *engine = m_controller->engine();
    m_sessionId = engine->sessionId();
    m_pauseForDialogs->setEngine(engine);
    m_question->setStoryPhases(engine->loop().storyStructure.phases);
    connect(engine, &SessionEngine::stateChanged, this, &SessionPage::onStateChanged);
    connect(engine, &SessionEngine::pausedChanged, this, &SessionPage::onStateChanged);
    connect(engine, &SessionEngine::phaseChanged, this, [this] { onTick(m_controller->engine()->clocks()); });
    connect(engine, &SessionEngine::tick, this, &SessionPage::onTick);
    connect(engine, &SessionEngine::askingFinished, this, &SessionPage::onStateChanged);
    connect(engine, &SessionEngine::promptChanged, this, &SessionPage::onStateChanged);
    m_interviewerBar->setInterviewer(m_controller->interviewer());
    connect(m_controller->interviewer(), &SessionInterviewer::voiceChanged, this, &SessionPage::updateActions);
    connect(m_controller.get(), &SessionController::recordingProblemChanged, this,
            [this](const QString &problem) { showBanner(problem, true); });
    connect(m_controller.get(), &SessionController::recordingFault, this,
            [this](const QString &message) { showBanner(tr("%1 What was recorded is kept.").arg(message), true); });
    connect(m_controller.get(), &SessionController::librarySaveFailed, this, [this](const QString &message) {
        m_saveProblem = message;
        showBanner(message, false);
    });
    // Saved after all: the banner goes back to what it said before, if anything.
    connect(m_controller.get(), &SessionController::librarySaveRecovered, this, [this] {
        if (m_bannerText->text() == std::exchange(m_saveProblem, QString()))
            showBanner(m_controller->recordingProblem(), true);
    });
    connect(m_controller.get(), &SessionController::takeReady, this, [this] {
        if (m_controller->engine()->state() == SessionState::Rating) {
            m_rating->setReplayAvailable(true);
            m_rating->setTakePlayable(true);
        }
    });
    // The measured feedback on the answer being rated, seconds after it ended.
    m_analysisFailures.clear();
    connect(m_controller.get(), &SessionController::analysisReady, this,
            [this](int ordinal, const AnswerAnalysis &analysis) {
                if (isRating(ordinal))
                    m_rating->showMeasuredFeedback(analysis);
            });
    connect(m_controller.get(), &SessionController::analysisFailed, this, [this](int ordinal, const QString &message) {
        m_analysisFailures.insert(ordinal, message);
        if (isRating(ordinal))
            m_rating->showFeedbackFailed(message);
    });
    AudioRecorder *recorder = m_controller->recorder();
    connect(recorder, &AudioRecorder::stateChanged, this, &SessionPage::updateRecordingLight);
    connect(recorder, &AudioRecorder::levelMeasured, this,
            [this](const AudioLevel &level) { m_question->setLevel(level.rms, level.peak); });
    connect(recorder, &AudioRecorder::recordedTimeChanged, m_question, &QuestionView::setRecordedTime);
    // An abandoned session's last answer may reach the library after its summary shows.
    connect(m_controller.get(), &SessionController::answerSaved, this, [this] {
        const SessionEngine *finished = m_controller->engine();
        if (finished->state() == SessionState::Finished && finished->summary().abandoned)
            showWhatWasKept();
    });
    showBanner(m_controller->recordingProblem(), true);
    // A save may have failed already, before this page was listening.
    if (!m_controller->saveProblem().isEmpty()) {
        m_saveProblem = m_controller->saveProblem();
        showBanner(m_saveProblem, false);
    }
    onStateChanged();
}

void SessionPage::showBanner(const QString &message, bool offerSettings)
{
    const bool news = !message.isEmpty() && message != m_bannerText->text();
    m_bannerText->setQuietText(message);
    m_bannerSettings->setVisible(offerSettings);
    m_banner->setVisible(!message.isEmpty());
    // A recording problem is announced: it comes on its own, and answers go unrecorded.
    if (news)
        m_bannerText->announce(message);
}

void SessionPage::updateHeader()
{
    SessionEngine *engine = m_controller->engine();
    const SessionSegment &segment = engine->currentSegment();
    const int segments = int(engine->plan().segments.size());
    QString title = engine->loop().title;
    if (segments > 1)
        title += tr(" · Round %1 of %2: %3").arg(engine->segmentIndex() + 1).arg(segments).arg(segment.title);
    else
        title += u" · "_s + segment.title;
    m_roundTitle->setText(title);
    m_pausedLabel->setVisible(engine->isPaused());
    const bool roundClock = segment.durationMinutes > 0 && engine->state() != SessionState::Break
        && engine->state() != SessionState::RoundWrapUp && engine->state() != SessionState::Finished;
    m_roundClock->setVisible(roundClock);
    m_roundClockCaption->setVisible(roundClock);
    if (roundClock)
        m_roundClock->setRemaining(engine->clocks().roundRemaining());
}

void SessionPage::onStateChanged()
{
    if (!m_controller)
        return;
    SessionEngine *engine = m_controller->engine();
    updateHeader();
    updateActions();
    m_cueCard->follow(engine);
    switch (engine->state()) {
    case SessionState::NotStarted:
    case SessionState::Briefing:
        m_briefing->show(engine->loop(), engine->currentSegment(), engine->segmentIndex(),
                         int(engine->plan().segments.size()), engine->request().settings.levelId);
        m_stack->setCurrentWidget(m_briefing);
        break;
    case SessionState::Thinking:
    case SessionState::Answering:
        m_question->setClockAnnouncements(AppSettings::clockAnnouncements());
        m_question->showState(*engine);
        m_question->setNotes(engine->currentAnswer() ? engine->currentAnswer()->notes : QString());
        m_stack->setCurrentWidget(m_questionPage);
        if (!m_question->findChild<QWidget *>(u"answerNotes"_s)->hasFocus())
            m_question->setFocus();
        updateRecordingLight();
        break;
    case SessionState::Rating:
        if (m_stack->currentWidget() != m_rating->parentWidget())
            showRating();
        break;
    case SessionState::RoundWrapUp: {
        stopReplay();
        const bool more = engine->segmentIndex() + 1 < engine->plan().segments.size();
        const bool breakNext
            = more && engine->request().mode == SessionMode::FullLoop && engine->request().settings.breakMinutes > 0;
        m_wrapUp->showRound(engine->loop(), engine->roundSummaries().last(), more, breakNext);
        m_stack->setCurrentWidget(m_wrapUp);
        break;
    }
    case SessionState::Break: {
        const SessionSegment &next = engine->plan().segments.at(engine->segmentIndex() + 1);
        m_breakText->setText(tr("Break. Stand up, drink some water.\nNext: %1").arg(next.title));
        m_stack->setCurrentWidget(m_break);
        break;
    }
    case SessionState::Finished: {
        stopReplay();
        const SessionSummary summary = engine->summary();
        m_wrapUp->showSession(engine->loop(), summary);
        m_stack->setCurrentWidget(m_wrapUp);
        if (summary.abandoned)
            showWhatWasKept();
        break;
    }
    }
    onTick(engine->clocks());
}

void SessionPage::showWhatWasKept()
{
    const QString sessionId = m_sessionId;
    m_services.library
        ->run([sessionId](LibraryStore *store) {
            KeptAnswers kept;
            AnswerFilter filter;
            filter.sessionId = sessionId;
            for (const AnswerRow &row : store ? store->answers(filter) : QList<AnswerRow>()) {
                ++kept.answers;
                kept.skipped += row.skipped ? 1 : 0;
                kept.unrated += !row.skipped && !row.firstScore ? 1 : 0;
                kept.recordings += row.hasRecording ? 1 : 0;
            }
            return kept;
        })
        .then(this, [this, sessionId](const KeptAnswers &kept) {
            if (sessionId == m_sessionId && m_controller && m_controller->engine()->state() == SessionState::Finished)
                m_wrapUp->showKept(kept);
        });
}

void SessionPage::onTick(const ClockReadings &clocks)
{
    SessionEngine *engine = m_controller->engine();
    if (m_roundClock->isVisible()) {
        m_roundClock->setRemaining(clocks.roundRemaining());
        // Over time in words, not only in the clock's colour.
        const QString caption = m_roundClock->isOvertime() ? tr("Round over time by") : tr("Round time left");
        if (caption != m_roundClockCaption->text())
            m_roundClockCaption->setText(caption);
    }
    if (engine->state() == SessionState::Thinking || engine->state() == SessionState::Answering)
        m_question->showClocks(*engine, clocks);
    else if (engine->state() == SessionState::Break)
        m_breakClock->setRemaining(clocks.breakRemaining());
}

void SessionPage::updateRecordingLight()
{
    using State = AudioRecorder::State;
    const State state = m_controller->recorder()->state();
    const bool active = state == State::Recording || state == State::Paused || state == State::Starting;
    // Resumed after MockLoop stopped mid-answer: the take is there, paused with the session, and
    // goes on when the session does.
    const bool waiting = !active && m_controller->hasTakeToContinue();
    m_question->setRecording(active || waiting, state == State::Paused || waiting);
}

void SessionPage::updateActions()
{
    const SessionEngine *engine = m_controller ? m_controller->engine() : nullptr;
    const SessionState state = engine ? engine->state() : SessionState::NotStarted;
    const bool paused = engine && engine->isPaused();
    const bool running = engine && state != SessionState::Finished;
    m_actions.beginRound->setEnabled(state == SessionState::Briefing && !paused);
    m_actions.startAnswer->setEnabled(state == SessionState::Thinking && !paused);
    m_actions.nextPhase->setEnabled(state == SessionState::Answering && !paused && engine->followUpIndex() < 0
                                    && !engine->loop().storyStructure.phases.isEmpty());
    m_actions.finishAnswer->setEnabled(state == SessionState::Answering && !paused);
    m_actions.pause->setEnabled(running && state != SessionState::NotStarted);
    m_actions.pause->setText(paused ? tr("Res&ume") : tr("Pa&use"));
    m_actions.skipQuestion->setEnabled((state == SessionState::Thinking || state == SessionState::Answering)
                                       && !paused);
    m_actions.endRound->setEnabled(state == SessionState::Briefing || state == SessionState::Thinking
                                   || state == SessionState::Answering || state == SessionState::Rating);
    m_actions.continueSession->setEnabled(state == SessionState::RoundWrapUp || state == SessionState::Break
                                          || state == SessionState::Finished);
    m_actions.continueSession->setText(state == SessionState::Break ? tr("Sk&ip Break") : tr("&Continue"));
    m_actions.abandon->setEnabled(running);
    const SessionInterviewer *interviewer = m_controller ? m_controller->interviewer() : nullptr;
    m_actions.voice->setEnabled(running && interviewer && interviewer->canSpeak());
    m_actions.voice->setChecked(interviewer && interviewer->isVoiceOn());
}

void SessionPage::confirmEndRound()
{
    SessionEngine *engine = m_controller->engine();
    QMessageBox box(QMessageBox::Question, tr("End this round?"),
                    engine->state() == SessionState::Answering
                        ? tr("Your answer so far is kept and you can rate it; then the round ends.")
                        : tr("The round ends now; what you answered is kept."),
                    QMessageBox::Cancel, this);
    box.setObjectName(u"endRoundConfirmation"_s);
    QPushButton *end = box.addButton(tr("End Round"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == end)
        engine->endRound();
}

void SessionPage::skipQuestion()
{
    SessionEngine *engine = m_controller->engine();
    // During the think time nothing has been said yet: skipping costs nothing, so it is immediate.
    if (engine->state() != SessionState::Answering) {
        engine->skipQuestion();
        return;
    }
    const bool followUp = engine->followUpIndex() >= 0;
    QMessageBox box(QMessageBox::Question, followUp ? tr("Skip this follow-up?") : tr("Skip this question?"),
                    followUp ? tr("Your answer goes to rating as it stands; the follow-ups left are not asked.")
                             : tr("What you said so far is kept in your library with its recording, as a skipped "
                                  "answer that is not rated. The next question follows."),
                    QMessageBox::Cancel, this);
    box.setObjectName(u"skipQuestionConfirmation"_s);
    QPushButton *skip
        = box.addButton(followUp ? tr("Skip Follow-up") : tr("Skip Question"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == skip)
        engine->skipQuestion();
}

void SessionPage::confirmAbandon()
{
    QMessageBox box(QMessageBox::Warning, tr("Abandon this session?"),
                    tr("The session ends now. Every answer so far stays in your library; the session will not "
                       "be resumable."),
                    QMessageBox::Cancel, this);
    box.setObjectName(u"abandonConfirmation"_s);
    QPushButton *abandon = box.addButton(tr("Abandon Session"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == abandon)
        m_controller->engine()->abandon();
}

void SessionPage::pauseForLeaving()
{
    if (isRunning() && !m_controller->engine()->isPaused())
        m_controller->engine()->pause();
}

} // namespace MockLoop
