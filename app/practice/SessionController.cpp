#include "SessionController.h"

#include "audio/AudioInputs.h"
#include "library/PracticeLibrary.h"
#include "loops/Loop.h"

#include <QDir>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcController, "mockloop.practice")

SessionController::SessionController(const AppServices &services, QObject *parent)
    : QObject(parent)
    , m_services(services)
    , m_recorder(new AudioRecorder(this))
{
    connect(m_recorder, &AudioRecorder::takeFinished, this, &SessionController::onTakeFinished);
    connect(m_recorder, &AudioRecorder::errorOccurred, this,
            [this](AudioRecorder::Error error, const QString &message) {
                if (error == AudioRecorder::Error::MicrophoneDisconnected || error == AudioRecorder::Error::WriteFailed)
                    Q_EMIT recordingFault(message);
                else
                    setRecordingProblem(message);
            });
}

SessionController::~SessionController()
{
    // The recorder finishes its take on destruction, so a closed window keeps what was said.
    if (m_store)
        m_store->waitForWrites();
}

bool SessionController::isRunning() const
{
    return m_engine && m_engine->state() != SessionState::Finished;
}

bool SessionController::start(std::shared_ptr<const Loop> loop, const SessionRequest &request,
                              const QHash<QString, QuestionStats> &stats, QString *error)
{
    const StaticHistory history(stats);
    std::unique_ptr<SessionEngine> engine = SessionEngine::create(loop, request, *m_services.clock, &history, error);
    if (!engine)
        return false;
    m_loop = std::move(loop);
    SessionRecord record;
    record.id = engine->sessionId();
    record.mode = request.mode;
    record.loopId = m_loop->id;
    record.loopVersion = m_loop->version;
    record.loopTitle = m_loop->title;
    record.levelId = request.settings.levelId;
    record.seed = engine->request().seed;
    record.startedAt = engine->startedAt();
    m_services.library->run([record](LibraryStore *store) { return store && store->addSession(record); });
    attach(std::move(engine));
    m_engine->start();
    return true;
}

bool SessionController::resume(std::shared_ptr<const Loop> loop, const SessionSnapshot &snapshot, QString *error)
{
    std::unique_ptr<SessionEngine> engine = SessionEngine::restore(loop, snapshot, *m_services.clock, error);
    if (!engine)
        return false;
    m_loop = std::move(loop);
    m_takeNumber = int(snapshot.answers.size()) + 1;
    attach(std::move(engine));
    return true;
}

void SessionController::attach(std::unique_ptr<SessionEngine> engine)
{
    m_engine = std::move(engine);
    m_store = std::make_unique<FileSessionStore>(m_services.sessionFilePath);
    m_engine->setStore(m_store.get());
    connect(m_engine.get(), &SessionEngine::stateChanged, this, &SessionController::onStateChanged);
    connect(m_engine.get(), &SessionEngine::pausedChanged, this, &SessionController::onPausedChanged);
    connect(m_engine.get(), &SessionEngine::answerRecorded, this, &SessionController::onAnswerRecorded);
    connect(m_engine.get(), &SessionEngine::sessionFinished, this, &SessionController::onSessionFinished);

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
        if (!m_takeRunning)
            startTake();
    } else if (m_takeRunning) {
        stopTake();
    }
}

void SessionController::onPausedChanged(bool paused)
{
    if (!m_takeRunning)
        return;
    if (paused)
        m_recorder->pause();
    else
        m_recorder->resume();
}

void SessionController::startTake()
{
    m_finishedTake.reset();
    if (!m_services.recordAudio || !m_services.audioInputs)
        return;
    const QAudioDevice device = m_services.audioInputs->chosenInput();
    if (device.isNull()) {
        setRecordingProblem(tr("No microphone found. Answers are not being recorded; connect one and choose it in "
                               "Settings."));
        return;
    }
    const PlannedQuestion *question = m_engine->currentQuestion();
    const QString fileName
        = u"%1-%2.wav"_s.arg(++m_takeNumber, 2, 10, QChar(u'0')).arg(question ? question->questionId : u"answer"_s);
    const QString path
        = QDir(m_services.library->folder()).filePath(LibraryStore::takeRelativePath(m_engine->sessionId(), fileName));
    m_recorder->setDevice(device);
    if (m_recorder->start(path)) {
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
    if (m_answerAwaitingTake) {
        const AnswerRecord answer = *m_answerAwaitingTake;
        m_answerAwaitingTake.reset();
        saveAnswer(answer, take);
        m_finishedTake.reset();
    }
}

void SessionController::onAnswerRecorded(const AnswerRecord &answer)
{
    if (m_recorder->isActive()) {
        // The take is still being completed on its thread; the answer waits for it.
        m_answerAwaitingTake = answer;
        return;
    }
    saveAnswer(answer, m_finishedTake);
    m_finishedTake.reset();
}

void SessionController::saveAnswer(const AnswerRecord &answer, const std::optional<TakeInfo> &take)
{
    LibraryStore::NewAnswer stored;
    stored.sessionId = m_engine->sessionId();
    stored.record = answer;
    stored.answeredAt = answer.parts.isEmpty() ? m_services.clock->wallTime() : answer.parts.first().startedAt;
    if (!stored.answeredAt.isValid())
        stored.answeredAt = m_services.clock->wallTime();
    if (const Round *round = m_loop->round(answer.roundId))
        stored.roundTitle = round->title;
    if (const Question *question = m_loop->question(answer.questionId))
        stored.categoryId = question->categoryId;
    if (take && !take->path.isEmpty()) {
        RecordingInfo recording;
        recording.relativePath = QDir(m_services.library->folder()).relativeFilePath(take->path);
        recording.format = take->formatDescription();
        recording.duration = Milliseconds(take->durationMs());
        recording.sizeBytes = take->fileBytes;
        recording.checksum = take->sha256;
        recording.recovered = take->recovered;
        stored.recording = recording;
    }
    m_services.library->addAnswer(stored).then(this, [this](const std::optional<qint64> &id) {
        if (id)
            Q_EMIT answerSaved(*id);
        else
            Q_EMIT librarySaveFailed(tr("The answer could not be saved in the practice library. It is kept in the "
                                        "session file and its recording stays in the library folder."));
    });
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
