#pragma once

#include "AppServices.h"
#include "analysis/AnswerAnalysis.h"
#include "analysis/StreamingAnalyzer.h"
#include "audio/AudioRecorder.h"
#include "library/LibraryStore.h"
#include "session/PracticeHistory.h"
#include "session/SessionEngine.h"
#include "session/SessionStore.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace MockLoop {

class SessionInterviewer;

// Runs one practice session for the app: the engine, the recording of each answer, the saved
// progress and the practice library. No widgets: the session page shows what this reports.
//
// Recording: a take starts when an answer starts and stops when it is finished; follow-up probes
// continue the take of their question; pausing the session pauses the take. The session file
// names each answer's take (AnswerRecord::takeFile) before its first sample is written, so after a
// crash the resumed session knows its own take: an answer resumed mid-way continues recording
// into the same file (the join is marked), and a take that was being rated is linked again.
//
// The interviewer (SessionInterviewer) reads the questions and probes aloud through the services'
// speech output, and the engine waits for each reading before its clock runs. The first follow-up
// after a main answer is chosen from what the answer lacked (AdaptiveProbes), from the analysis of
// the answer so far (the take's streaming analyser); when there is none, or it takes longer than a
// short wait, the loop's own order stands: nothing ever waits on the analysis for long.
//
// Saving: each answer goes into the library with its take once both are done. Saving is
// idempotent (the library knows an answer by its session and ordinal), so a resumed session saves
// again whatever the library may have missed; the session file is removed only once the library
// holds everything in it.
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
    // Continues the session saved at the services' session file, paused.
    bool resume(std::shared_ptr<const Loop> loop, const SessionSnapshot &snapshot, QString *error);
    // Ends an unfinished session without running it: what it holds (the answer in progress
    // included, unrated, with its take) goes into the library, and the session file is removed
    // once it is there unless keepSessionFile (a new session is about to write it). The controller
    // deletes itself when done.
    static void abandonUnfinished(const AppServices &services, std::shared_ptr<const Loop> loop,
                                  const SessionSnapshot &snapshot, bool keepSessionFile = false);

    SessionEngine *engine() const { return m_engine.get(); }
    bool isRunning() const;
    AudioRecorder *recorder() const { return m_recorder; }

    // Why answers are not being recorded, or empty when they are.
    QString recordingProblem() const { return m_recordingProblem; }
    // Why the library refuses what the session saves (it stays in the session file meanwhile), or
    // empty when all is in.
    QString saveProblem() const { return m_saveProblem; }
    // The take of the answer being rated, once it is complete on disk.
    QString currentTakePath() const { return m_finishedTake ? m_finishedTake->path : QString(); }
    // The answer in progress has a take begun before MockLoop stopped, to be continued when the
    // session is resumed.
    bool hasTakeToContinue() const { return m_continueTake; }
    // Where the takes of answer go: <library>/takes/<session id>/<file>.
    QString takePath(const QString &fileName) const;
    // The speech analysis of the answer with that ordinal, once ready (analysisReady()).
    std::optional<AnswerAnalysis> analysisOf(int ordinal) const;
    // The analyser listening to the take being recorded, if any: how far behind the recording it
    // is (feedback_latency_bench).
    const StreamingAnalyzer *streamingAnalyzer() const { return m_analyzer.get(); }
    // The interviewer of this session: its voice, on or off (V).
    SessionInterviewer *interviewer() const { return m_interviewer; }

    // Where the analysis of a main answer comes from to choose its follow-up: by default the take's
    // streaming analyser (analyseSoFar); an invalid future means there is none. Tests give their own.
    using MainAnswerAnalysis = std::function<QFuture<Expected<AnswerAnalysis>>(const AnswerContext &context)>;
    void setMainAnswerAnalysis(MainAnswerAnalysis source) { m_mainAnswerAnalysis = std::move(source); }
    // How long the follow-up waits for that analysis before the loop's order is used.
    static constexpr std::chrono::milliseconds DefaultFollowUpChoiceWait{2500};
    void setFollowUpChoiceWait(std::chrono::milliseconds wait) { m_followUpChoiceWait.setInterval(wait); }

Q_SIGNALS:
    void sessionStarted();
    void recordingProblemChanged(const QString &problem);
    // A microphone or disk fault stopped a take; what was recorded is kept.
    void recordingFault(const QString &message);
    void takeReady(const QString &path);
    // An answer (by its ordinal in the session) is in the library.
    void answerSaved(int ordinal);
    // The library refused a write; what was refused stays in the session file and is tried again.
    void librarySaveFailed(const QString &message);
    // What the library refused before is in it now.
    void librarySaveRecovered();
    // The session ended with answers the library still refuses: its file stays, to resume later.
    void sessionFileKept(int unsavedAnswers);
    void sessionEnded(const MockLoop::SessionSummary &summary, const QString &sessionId);
    // Everything the session holds is in the library (after it ended).
    void allSaved();
    // The measured feedback on an answer (by its ordinal), seconds after it ended.
    void analysisReady(int ordinal, const MockLoop::AnswerAnalysis &analysis);
    // The answer could not be analysed: message says why and what to do.
    void analysisFailed(int ordinal, const QString &message);

private:
    class DeferredClearStore;

    bool resume(std::shared_ptr<const Loop> loop, const SessionSnapshot &snapshot, bool keepSessionFile,
                QString *error);
    void attach(std::unique_ptr<SessionEngine> engine, bool keepSessionFile = false);
    void onStateChanged(SessionState state);
    void onPausedChanged(bool paused);
    void onAnswerRecorded(const AnswerRecord &answer);
    void onTakeFinished(const TakeInfo &take);
    void onRecorderIdle();
    void onSessionFinished(const SessionSummary &summary);
    void onPromptWaiting(int followUpIndex);
    void chooseFollowUp(const AnswerAnalysis *mainAnswer);
    void startTake();
    void startTakeAs(const QString &fileName, AudioRecorder::TakeMode mode = AudioRecorder::TakeMode::New);
    void stopTake();
    void linkTakeOfRatedAnswer();
    const AnswerRecord *answerByOrdinal(int ordinal) const;
    void finishAnalysis(int ordinal, const QString &takePath);
    void checkResumedTakesFolder();
    void analyseTakeFile(int ordinal, const QString &takePath, const AnswerContext &context);
    void onAnalysed(int ordinal, const AnswerAnalysis &analysis);
    void saveAnswer(const AnswerRecord &answer);
    struct SaveResult
    {
        bool ok = false;
        QString error;
    };

    SessionRecord sessionRecord() const;
    void saveSessionRecord();
    void retryUnsaved();
    void reportSaveProblem(const QString &message);
    void onSaved(bool ok);
    void clearSessionFileWhenSaved();
    void setRecordingProblem(const QString &problem);
    LibraryStore::NewAnswer newAnswer(const AnswerRecord &answer) const;

    AppServices m_services;
    std::shared_ptr<const Loop> m_loop;
    std::unique_ptr<FileSessionStore> m_fileStore;
    std::unique_ptr<DeferredClearStore> m_store;
    std::unique_ptr<SessionEngine> m_engine;
    AudioRecorder *m_recorder = nullptr;
    SessionInterviewer *m_interviewer = nullptr;
    bool m_interactive = false; // a session run on screen (not one being ended in the background)
    MainAnswerAnalysis m_mainAnswerAnalysis;
    QTimer m_followUpChoiceWait;
    int m_followUpChoice = 0; // the choice being waited for; a later one makes an earlier one stale
    QString m_recordingProblem;
    QString m_takesRefused; // why this session's takes folder may not be recorded into
    QString m_saveProblem;
    // The take of the answer in progress: recording, or finished and waiting for its answer.
    bool m_takeRunning = false;
    // Restored mid-answer: the next recording continues the take begun before MockLoop stopped.
    bool m_continueTake = false;
    std::optional<TakeInfo> m_finishedTake;
    int m_takeOrdinal = -1; // the answer the take being recorded belongs to
    // Analysis: the analyser listening to the take being recorded, and the results by ordinal.
    std::shared_ptr<StreamingAnalyzer> m_analyzer;
    QHash<int, AnswerAnalysis> m_analyses;
    // An answer done while its take was still being completed on the capture thread.
    std::optional<AnswerRecord> m_answerAwaitingTake;
    // Saving: writes in flight, answers the library refused (tried again), whether it holds the
    // session record, and whether the session file may go once all is in.
    int m_savesPending = 0;
    QList<AnswerRecord> m_unsaved;
    bool m_sessionSaved = false;
    bool m_hadSaveFailure = false;
    bool m_clearWhenSaved = false;
    QTimer m_retryTimer;
};

} // namespace MockLoop
