#include "SessionController.h"

#include "SessionInterviewer.h"
#include "analysis/AnalysisService.h"
#include "audio/AudioInputs.h"
#include "audio/TakeRepair.h"
#include "common/AppSettings.h"
#include "library/PracticeLibrary.h"
#include "library/TakeFiles.h"
#include "loops/Loop.h"
#include "session/AdaptiveProbes.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcController, "mockloop.practice")

namespace {

// What the analysis heard, as far as choosing a follow-up goes.
AnswerSignals signalsOf(const AnswerAnalysis &analysis)
{
    AnswerSignals heard;
    heard.speechFound = analysis.speechFound;
    heard.numbersHeard = int(analysis.numbersHeard.size());
    heard.audienceMentions = int(analysis.audienceMentions.size());
    heard.firstPersonSingular = int(analysis.firstPersonSingular.size());
    heard.firstPersonPlural = int(analysis.firstPersonPlural.size());
    for (const PhaseTiming &phase : analysis.phases) {
        if (phase.phaseIndex >= 0 && phase.speakingMs > 0)
            heard.phasesWithSpeech.append(phase.phaseIndex);
    }
    return heard;
}

} // namespace

// The engine clears the session file when the session ends; this store defers that until the
// library holds every answer, so a save that failed can still be made from the file. Without a
// file store (a session being ended in the background while a new one starts) it keeps nothing.
class SessionController::DeferredClearStore : public SessionStore
{
public:
    DeferredClearStore(FileSessionStore *file, SessionController *controller)
        : m_file(file)
        , m_controller(controller)
    { }

    void save(const SessionSnapshot &snapshot) override
    {
        if (m_file)
            m_file->save(snapshot);
    }
    void clear() override { m_controller->clearSessionFileWhenSaved(); }

private:
    FileSessionStore *m_file;
    SessionController *m_controller;
};

SessionController::SessionController(const AppServices &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_recorder(new AudioRecorder(this))
{
    // While the library refuses writes (a full disk, say), what it refused is tried again now and
    // then, not only after the next answer.
    m_retryTimer.setInterval(std::chrono::seconds(20));
    connect(&m_retryTimer, &QTimer::timeout, this, &SessionController::retryUnsaved);
    m_followUpChoiceWait.setSingleShot(true);
    m_followUpChoiceWait.setInterval(DefaultFollowUpChoiceWait);
    connect(&m_followUpChoiceWait, &QTimer::timeout, this, [this] {
        // The analysis is late (a busy machine): the loop's order, now.
        ++m_followUpChoice;
        chooseFollowUp(nullptr);
    });
    m_mainAnswerAnalysis = [this](const AnswerContext &context) {
        return m_analyzer ? m_analyzer->analyseSoFar(context) : QFuture<Expected<AnswerAnalysis>>();
    };
    connect(m_recorder, &AudioRecorder::takeFinished, this, &SessionController::onTakeFinished);
    connect(m_recorder, &AudioRecorder::stateChanged, this, [this](AudioRecorder::State state) {
        // Queued: takeFinished, which follows the change to Idle, is handled first.
        if (state == AudioRecorder::State::Idle)
            QMetaObject::invokeMethod(this, &SessionController::onRecorderIdle, Qt::QueuedConnection);
    });
    connect(m_recorder, &AudioRecorder::errorOccurred, this,
            [this](AudioRecorder::Error error, const QString &message) {
                if (error == AudioRecorder::Error::CannotContinueTake) {
                    // The earlier part stays on disk and is offered in the Library, naming its
                    // question; the rest of the answer is recorded in a take of its own.
                    m_takeRunning = false;
                    Q_EMIT recordingFault(message);
                    if (m_engine && m_engine->state() == SessionState::Answering && !m_engine->isPaused()) {
                        const AnswerRecord &answer = *m_engine->currentAnswer();
                        startTakeAs(QFileInfo(answer.takeFile).completeBaseName() + u"-continued.wav"_s);
                    }
                } else if (error == AudioRecorder::Error::MicrophoneDisconnected
                           || error == AudioRecorder::Error::WriteFailed) {
                    Q_EMIT recordingFault(message);
                } else {
                    setRecordingProblem(message);
                }
            });
}

SessionController::~SessionController()
{
    // The recorder finishes its take on destruction, so a closed window keeps what was said.
    if (m_fileStore)
        m_fileStore->waitForWrites();
}

bool SessionController::isRunning() const
{
    return m_engine && m_engine->state() != SessionState::Finished;
}

QString SessionController::takePath(const QString &fileName) const
{
    return QDir(m_services.library->folder()).filePath(LibraryStore::takeRelativePath(m_engine->sessionId(), fileName));
}

bool SessionController::start(std::shared_ptr<const Loop> loop, const SessionRequest &request,
                              const QHash<QString, QuestionStats> &stats, QString *error)
{
    const StaticHistory history(stats);
    std::unique_ptr<SessionEngine> engine = SessionEngine::create(loop, request, *m_services.clock, &history, error);
    if (!engine)
        return false;
    m_loop = std::move(loop);
    m_interactive = true;
    attach(std::move(engine));
    saveSessionRecord();
    m_engine->start();
    return true;
}

bool SessionController::resume(std::shared_ptr<const Loop> loop, const SessionSnapshot &snapshot, QString *error)
{
    m_interactive = true;
    return resume(std::move(loop), snapshot, false, error);
}

bool SessionController::resume(std::shared_ptr<const Loop> loop, const SessionSnapshot &snapshot, bool keepSessionFile,
                               QString *error)
{
    std::unique_ptr<SessionEngine> engine = SessionEngine::restore(loop, snapshot, *m_services.clock, error);
    if (!engine)
        return false;
    m_loop = std::move(loop);
    m_continueTake = snapshot.state == SessionState::Answering;
    attach(std::move(engine), keepSessionFile);
    // What the library may have missed (a crash before a save reached it, a save that failed) is
    // saved again; what it holds already is left as it is.
    saveSessionRecord();
    for (const AnswerRecord &answer : snapshot.answers) {
        ++m_savesPending;
        saveAnswer(answer);
    }
    if (snapshot.state == SessionState::Rating)
        linkTakeOfRatedAnswer();
    checkResumedTakesFolder();
    if (snapshot.state == SessionState::Finished)
        clearSessionFileWhenSaved();
    return true;
}

void SessionController::abandonUnfinished(const AppServices &services, std::shared_ptr<const Loop> loop,
                                          const SessionSnapshot &snapshot, bool keepSessionFile)
{
    auto *controller = new SessionController(services);
    QString error;
    if (!loop || !controller->resume(std::move(loop), snapshot, keepSessionFile, &error)) {
        qCWarning(lcController).noquote() << "could not end the unfinished session:" << error;
        delete controller;
        return;
    }
    // Done when everything is in the library; else the session file stays, offered again later.
    connect(controller, &SessionController::allSaved, controller, &QObject::deleteLater);
    connect(controller, &SessionController::sessionFileKept, controller, &QObject::deleteLater);
    if (controller->engine()->state() != SessionState::Finished)
        controller->engine()->abandon();
}

void SessionController::attach(std::unique_ptr<SessionEngine> engine, bool keepSessionFile)
{
    m_engine = std::move(engine);
    if (!keepSessionFile)
        m_fileStore = std::make_unique<FileSessionStore>(m_services.sessionFilePath);
    m_store = std::make_unique<DeferredClearStore>(m_fileStore.get(), this);
    m_engine->setStore(m_store.get());
    connect(m_engine.get(), &SessionEngine::stateChanged, this, &SessionController::onStateChanged);
    connect(m_engine.get(), &SessionEngine::pausedChanged, this, &SessionController::onPausedChanged);
    connect(m_engine.get(), &SessionEngine::answerRecorded, this, &SessionController::onAnswerRecorded);
    connect(m_engine.get(), &SessionEngine::sessionFinished, this, &SessionController::onSessionFinished);
    // The interviewer asks every question and probe; its voice only in a session run on screen.
    m_engine->setInterviewerAsks(true);
    m_engine->setOverrunThreshold(std::chrono::seconds(AppSettings::interruptionThresholdSeconds()));
    m_interviewer = new SessionInterviewer(m_engine.get(), m_interactive ? m_services.speech : nullptr,
                                           AppSettings::voiceEnabled() && m_loop->interviewerSpeaks, this);
    connect(m_engine.get(), &SessionEngine::promptWaiting, this, &SessionController::onPromptWaiting);

    if (!m_services.recordAudio)
        setRecordingProblem(tr("Recording is turned off."));
    else if (!m_services.audioInputs || m_services.audioInputs->chosenInput().isNull())
        setRecordingProblem(tr("No microphone found. Answers are not being recorded; connect one and choose it in "
                               "Settings."));
    else
        setRecordingProblem({});
    Q_EMIT sessionStarted();
}

void SessionController::setRecordingProblem(const QString &problem)
{
    if (problem == m_recordingProblem)
        return;
    m_recordingProblem = problem;
    Q_EMIT recordingProblemChanged(problem);
}

void SessionController::onStateChanged(SessionState state)
{
    if (state == SessionState::Answering) {
        // A follow-up probe continues the take of its question.
        if (!m_takeRunning && !m_engine->isPaused())
            startTake();
    } else {
        m_continueTake = false;
        if (m_takeRunning)
            stopTake();
    }
}

void SessionController::onPausedChanged(bool paused)
{
    if (m_takeRunning) {
        if (paused)
            m_recorder->pause();
        else
            m_recorder->resume();
        return;
    }
    // Resumed after MockLoop stopped mid-answer, or after a fault ended the take: the answer's
    // take goes on where it stopped.
    const AnswerRecord *answer = m_engine->currentAnswer() ? &*m_engine->currentAnswer() : nullptr;
    if (!paused && m_engine->state() == SessionState::Answering && !m_recorder->isActive()
        && (m_continueTake || (answer && !answer->takeFile.isEmpty())))
        startTake();
}

void SessionController::startTake()
{
    const AnswerRecord &answer = *m_engine->currentAnswer();
    const bool continuing = std::exchange(m_continueTake, false) || !answer.takeFile.isEmpty();
    startTakeAs(answer.takeFile.isEmpty() ? answer.defaultTakeFile() : answer.takeFile,
                continuing ? AudioRecorder::TakeMode::Continue : AudioRecorder::TakeMode::New);
}

void SessionController::checkResumedTakesFolder()
{
    // A session named by its file records into takes/<session>: checked once, on the library's
    // thread, before anything is recorded there (a resumed answer comes back paused), so that a
    // folder leading out of the library through a symbolic link is never written to.
    const QString take
        = LibraryStore::takeRelativePath(m_engine->sessionId(),
                                         m_engine->currentAnswer() && !m_engine->currentAnswer()->takeFile.isEmpty()
                                             ? m_engine->currentAnswer()->takeFile
                                             : u"check.wav"_s);
    m_services.library
        ->run([take](LibraryStore *store) {
            QString why;
            if (store && !TakeFiles(store->folder()).resolve(take, &why))
                return why;
            return QString();
        })
        .then(this, [this](const QString &why) {
            if (why.isEmpty())
                return;
            qCWarning(lcController).noquote() << "not recording this session:" << why;
            m_takesRefused = tr("Answers in this session are not being recorded: %1. Start a new session to "
                                "record again.")
                                 .arg(why);
            if (m_takeRunning)
                stopTake();
            setRecordingProblem(m_takesRefused);
        });
}

void SessionController::startTakeAs(const QString &fileName, AudioRecorder::TakeMode mode)
{
    m_finishedTake.reset();
    if (!m_services.recordAudio || !m_services.audioInputs)
        return;
    if (!m_takesRefused.isEmpty()) {
        setRecordingProblem(m_takesRefused);
        return;
    }
    const QAudioDevice device = m_services.audioInputs->chosenInput();
    if (device.isNull()) {
        setRecordingProblem(tr("No microphone found. Answers are not being recorded; connect one and choose it in "
                               "Settings."));
        return;
    }
    const AnswerRecord &answer = *m_engine->currentAnswer();
    // Named in the session file before the take holds a sample: after a crash, the session knows it.
    m_engine->setTakeFile(fileName);
    const TakeSubject subject{m_engine->sessionId(), answer.ordinal, answer.questionId, answer.questionText};
    m_recorder->setDevice(device);
    // The analysis listens as the take is written (on the capture thread), so its feedback is
    // ready seconds after the answer ends.
    m_analyzer = m_services.analysis ? m_services.analysis->newStreamingAnalyzer() : nullptr;
    m_recorder->setPcmSink(m_analyzer);
    m_takeOrdinal = answer.ordinal;
    if (m_recorder->start(takePath(fileName), subject, mode)) {
        m_takeRunning = true;
        setRecordingProblem({});
    }
    // A refusal reports itself through errorOccurred.
}

void SessionController::stopTake()
{
    m_takeRunning = false;
    m_recorder->stop(); // takeFinished follows once the WAV is complete
}

void SessionController::onTakeFinished(const TakeInfo &take)
{
    m_takeRunning = false;
    m_finishedTake = take;
    Q_EMIT takeReady(take.path);
    // A fault ended the take mid-answer: the answer goes on, and the take may yet be continued;
    // it is analysed once the answer is over (from its file).
    const AnswerRecord *current = m_engine->currentAnswer() ? &*m_engine->currentAnswer() : nullptr;
    if (m_engine->state() == SessionState::Answering && current && current->ordinal == m_takeOrdinal) {
        m_analyzer.reset();
        return;
    }
    finishAnalysis(m_takeOrdinal, take.path);
}

const AnswerRecord *SessionController::answerByOrdinal(int ordinal) const
{
    if (m_engine->currentAnswer() && m_engine->currentAnswer()->ordinal == ordinal)
        return &*m_engine->currentAnswer();
    for (auto it = m_engine->answers().crbegin(); it != m_engine->answers().crend(); ++it) {
        if (it->ordinal == ordinal)
            return &*it;
    }
    return nullptr;
}

std::optional<AnswerAnalysis> SessionController::analysisOf(int ordinal) const
{
    const auto it = m_analyses.constFind(ordinal);
    return it == m_analyses.cend() ? std::nullopt : std::optional<AnswerAnalysis>(*it);
}

void SessionController::finishAnalysis(int ordinal, const QString &takePath)
{
    const AnswerRecord *answer = answerByOrdinal(ordinal);
    if (!m_services.analysis || !m_services.analysis->isEnabled() || !answer)
        return;
    const AnswerContext context = AnalysisService::contextOf(*answer, m_loop.get());
    std::shared_ptr<StreamingAnalyzer> analyzer = std::exchange(m_analyzer, nullptr);
    if (!analyzer) {
        analyseTakeFile(ordinal, takePath, context);
        return;
    }
    // The analyser is kept alive by the continuation until its result is in.
    analyzer->finish(context).then(
        this, [this, analyzer, ordinal, takePath, context](const Expected<AnswerAnalysis> &result) {
            if (result)
                onAnalysed(ordinal, *result);
            else if (result.error().kind == AnalysisError::Kind::StreamIncomplete)
                analyseTakeFile(ordinal, takePath, context); // a take continued after a crash, say
            else
                Q_EMIT analysisFailed(ordinal, result.error().message);
        });
}

void SessionController::analyseTakeFile(int ordinal, const QString &takePath, const AnswerContext &context)
{
    QFuture<Expected<AnswerAnalysis>> future = m_services.analysis->analyseTake(takePath, context);
    if (!future.isValid())
        return;
    future.then(this, [this, ordinal](const Expected<AnswerAnalysis> &result) {
        if (result)
            onAnalysed(ordinal, *result);
        else if (result.error().kind != AnalysisError::Kind::Cancelled)
            Q_EMIT analysisFailed(ordinal, result.error().message);
    });
}

void SessionController::onAnalysed(int ordinal, const AnswerAnalysis &analysis)
{
    m_analyses.insert(ordinal, analysis);
    Q_EMIT analysisReady(ordinal, analysis);
    // Into the library now if the answer is there; else it goes in with the answer (saveAnswer).
    const QString sessionId = m_engine->sessionId();
    const AnalysisRecord record = AnalysisService::recordOf(analysis, m_services.clock->wallTime());
    m_services.library
        ->run([sessionId, ordinal, record](LibraryStore *store) -> std::optional<qint64> {
            const auto held = store ? store->findAnswer(sessionId, ordinal) : std::nullopt;
            if (held && store->setAnalysis(held->id, record))
                return held->id;
            return std::nullopt;
        })
        .then(this, [this](std::optional<qint64> storedFor) {
            // The service is where the Library hears of every stored analysis, whoever made it.
            if (storedFor && m_services.analysis)
                Q_EMIT m_services.analysis->analysisStored(*storedFor);
        });
}

void SessionController::onRecorderIdle()
{
    if (m_recorder->isActive() || !m_answerAwaitingTake)
        return;
    const AnswerRecord answer = *std::exchange(m_answerAwaitingTake, std::nullopt);
    saveAnswer(answer);
}

void SessionController::linkTakeOfRatedAnswer()
{
    const AnswerRecord &answer = *m_engine->currentAnswer();
    if (answer.takeFile.isEmpty())
        return;
    // On the library's thread, in order with the answer's own save: a .part left by the crash is
    // repaired once, by whichever comes first; named by the session file, it is repaired only
    // inside the library.
    const QString named = LibraryStore::takeRelativePath(m_engine->sessionId(), answer.takeFile);
    m_services.library
        ->run([named](LibraryStore *store) -> std::optional<TakeInfo> {
            const std::optional<QString> path = store ? TakeFiles(store->folder()).resolve(named) : std::nullopt;
            return path ? TakeRepair::settle(*path) : std::nullopt;
        })
        .then(this, [this, ordinal = answer.ordinal](const std::optional<TakeInfo> &take) {
            if (!take || m_engine->state() != SessionState::Rating)
                return;
            m_finishedTake = take;
            Q_EMIT takeReady(take->path);
            // Its analysis went with the MockLoop that stopped: measured again, from the file.
            if (!m_analyses.contains(ordinal))
                finishAnalysis(ordinal, take->path);
        });
}

void SessionController::onAnswerRecorded(const AnswerRecord &answer)
{
    retryUnsaved();
    ++m_savesPending;
    if (m_recorder->isActive()) {
        // The take is still being completed on its thread; the answer waits for it.
        m_answerAwaitingTake = answer;
        return;
    }
    saveAnswer(answer);
}

void SessionController::onPromptWaiting(int followUpIndex)
{
    QFuture<Expected<AnswerAnalysis>> mainAnswer;
    if (followUpIndex == 0 && m_mainAnswerAnalysis)
        mainAnswer = m_mainAnswerAnalysis(AnalysisService::contextOf(*m_engine->currentAnswer(), m_loop.get()));
    if (!mainAnswer.isValid()) {
        m_interviewer->askCurrentPrompt(); // nothing to react to: the loop's order
        return;
    }
    const int choice = ++m_followUpChoice;
    m_followUpChoiceWait.start();
    mainAnswer.then(this, [this, choice](const Expected<AnswerAnalysis> &result) {
        if (choice != m_followUpChoice)
            return; // too late, or the person moved on
        m_followUpChoiceWait.stop();
        ++m_followUpChoice;
        if (!result)
            qCDebug(lcController).noquote() << "no analysis to choose the follow-up:" << result.error().message;
        chooseFollowUp(result ? &*result : nullptr);
    });
}

void SessionController::chooseFollowUp(const AnswerAnalysis *mainAnswer)
{
    if (m_engine->state() != SessionState::Answering || m_engine->followUpIndex() != 0 || !m_engine->isAskingPrompt())
        return; // the person moved on meanwhile
    const AnswerRecord &answer = *m_engine->currentAnswer();
    const Round *round = m_loop->round(answer.roundId);
    if (mainAnswer && round) {
        QStringList asked;
        for (const AnswerPart &part : answer.parts)
            asked << part.prompt;
        if (const std::optional<ChosenProbe> chosen
            = AdaptiveProbes::choose(*m_loop, *round, signalsOf(*mainAnswer), asked, answer.ordinal)) {
            qCDebug(lcController).noquote() << "follow-up chosen:" << chosen->reason.text();
            m_engine->replaceFollowUp(chosen->text, chosen->reason);
        }
    }
    m_interviewer->askCurrentPrompt();
}

void SessionController::onSessionFinished(const SessionSummary &summary)
{
    const QString sessionId = m_engine->sessionId();
    const QDateTime finishedAt = m_services.clock->wallTime();
    const bool abandoned = summary.abandoned;
    m_services.library->run([sessionId, finishedAt, abandoned](LibraryStore *store) {
        return store && store->finishSession(sessionId, finishedAt, abandoned);
    });
    Q_EMIT sessionEnded(summary, sessionId);
}

} // namespace MockLoop
