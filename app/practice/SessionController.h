#pragma once

#include "AppServices.h"
#include "audio/AudioRecorder.h"
#include "session/PracticeHistory.h"
#include "session/SessionEngine.h"
#include "session/SessionStore.h"

#include <QObject>

#include <memory>

namespace MockLoop {

// Runs one practice session for the app: the engine, the recording of each answer, the saved
// progress and the practice library. Recording starts when an answer starts and stops when it
// is finished; pausing the session pauses the take. Each answer goes into the library with its
// take once both are done. No widgets: the session page shows what this reports.
class SessionController : public QObject
{
    Q_OBJECT

public:
    SessionController(const AppServices &services, QObject *parent = nullptr);
    ~SessionController() override;

    // Starts a new session, preferring questions by the practice history in stats; returns false
    // and sets error when it cannot be planned.
    bool start(std::shared_ptr<const Loop> loop, const SessionRequest &request,
               const QHash<QString, QuestionStats> &stats, QString *error);
    // Continues the session saved at the services' session file.
    bool resume(std::shared_ptr<const Loop> loop, const SessionSnapshot &snapshot, QString *error);

    SessionEngine *engine() const { return m_engine.get(); }
    bool isRunning() const;
    AudioRecorder *recorder() const { return m_recorder; }

    // Why answers are not being recorded, or empty when they are.
    QString recordingProblem() const { return m_recordingProblem; }
    // The take of the answer being rated, once it is complete on disk.
    QString currentTakePath() const { return m_finishedTake ? m_finishedTake->path : QString(); }

Q_SIGNALS:
    void sessionStarted();
    void recordingProblemChanged(const QString &problem);
    // A microphone or disk fault stopped a take; what was recorded is kept.
    void recordingFault(const QString &message);
    void takeReady(const QString &path);
    void answerSaved(qint64 answerId);
    void librarySaveFailed(const QString &message);
    void sessionEnded(const MockLoop::SessionSummary &summary, const QString &sessionId);

private:
    void attach(std::unique_ptr<SessionEngine> engine);
    void onStateChanged(SessionState state);
    void onPausedChanged(bool paused);
    void onAnswerRecorded(const AnswerRecord &answer);
    void onTakeFinished(const TakeInfo &take);
    void onSessionFinished(const SessionSummary &summary);
    void startTake();
    void stopTake();
    void saveAnswer(const AnswerRecord &answer, const std::optional<TakeInfo> &take);
    void setRecordingProblem(const QString &problem);

    AppServices m_services;
    std::shared_ptr<const Loop> m_loop;
    std::unique_ptr<FileSessionStore> m_store;
    std::unique_ptr<SessionEngine> m_engine;
    AudioRecorder *m_recorder = nullptr;
    QString m_recordingProblem;
    int m_takeNumber = 0;
    // The take of the answer in progress: recording, or finished and waiting for its answer.
    bool m_takeRunning = false;
    std::optional<TakeInfo> m_finishedTake;
    // An answer done before its take finished writing; saved once the take is complete.
    std::optional<AnswerRecord> m_answerAwaitingTake;
};

} // namespace MockLoop
