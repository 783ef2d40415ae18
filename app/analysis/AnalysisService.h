#pragma once

#include "analysis/Analysis.h"
#include "library/LibraryTypes.h"
#include "loops/LoopCatalog.h"

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <memory>

namespace MockLoop {

class PracticeLibrary;
struct Loop;

// The speech analysis for the app: one shared model, a streaming analyser for each answer being
// recorded, and the takes analysed in the background (old ones, those recovered after a crash,
// those a better analyser would redo), one at a time, newest first, resumed at every start and
// stopped at once when asked. Results go into the practice library. No widgets: the rating page,
// the Library and Settings show what it reports.
//
// Faults end in a state the person can read, never in a crash or a loop: a missing or damaged
// model makes analysis "unavailable" with the reason and what to do (checked at start, off the GUI
// thread) until the model changes or is checked again; a result the library cannot store (a full
// disk, a read-only folder) stops the background work with a message, and the take stays on the
// list for the next start; a take that cannot be analysed is reported and skipped for this run. A
// take's result is stored in one transaction, so an analysis cut short (the app killed) leaves the
// take on the list, analysed again at the next start.
class AnalysisService : public QObject
{
    Q_OBJECT

public:
    enum class ModelState {
        Checking, // at start, the model's files are being checked
        Ready,
        Unavailable, // modelProblem() says why and what to do
    };

    // How the last background run ended.
    enum class Outcome {
        None, // none ended yet, or one is running
        AllAnalysed, // nothing left (but the takes in failures())
        Stopped, // stopBackgroundWork(), or analysis turned off
        StoreFailed, // the library could not store a result (failures() says why)
        ModelUnavailable,
    };

    // A take that could not be analysed or whose result could not be stored, this run.
    struct Failure
    {
        qint64 answerId = 0;
        QString message; // names the take's file, says why and what to do
    };

    explicit AnalysisService(PracticeLibrary *library, QObject *parent = nullptr);
    ~AnalysisService() override; // stops the background work and waits for it

    bool isEnabled() const { return m_enabled; }
    // Off: no new analysis starts (streaming or background); what was measured stays. Kept in the
    // settings.
    void setEnabled(bool enabled);
    // The loops, for the story phases' targets of takes analysed in the background.
    void setCatalog(const LoopCatalog &catalog) { m_catalog = catalog; }
    const SpeechModelPaths &modelPaths() const { return m_model->paths(); }

    // The folder the model is read from: the one chosen in Settings, else the default (the Debian
    // package's, SpeechModelPaths::defaultFolder()).
    QString modelFolder() const;
    bool usesDefaultModelFolder() const { return m_modelFolder.isEmpty(); }
    // Loads the model in folder (empty: the default) off the GUI thread. If it loads, the service
    // switches to it and keeps the choice: the take being analysed in the background is stopped
    // and analysed again with it; answers being analysed live finish with the old model. If not,
    // modelFolderRefused() says why and nothing changes.
    void setModelFolder(const QString &folder);
    ModelState modelState() const { return m_modelState; }
    // Why analysis is unavailable and what to do (Unavailable), else empty.
    const QString &modelProblem() const { return m_modelProblem; }
    // Checks the model's files again (after installing the package, say) and resumes if sound.
    void checkModelAgain();

    // For an answer about to be recorded; null when analysis is off or unavailable.
    std::shared_ptr<StreamingAnalyzer> newStreamingAnalyzer() const;
    // A take's file, on the background thread (for a take the streaming analyser saw only part
    // of), before the background work's next take; null future when analysis is off, the model's
    // problem when it is unavailable.
    QFuture<Expected<AnswerAnalysis>> analyseTake(const QString &path, const AnswerContext &context);

    // What the analysis needs to know about an answer: its story-phase marks and their targets,
    // follow-ups marked as no phase (-1), and where the interviewer was heard (left out).
    static AnswerContext contextOf(const AnswerRecord &answer, const Loop *loop);
    // The analysis as the library keeps it. Cheap on any thread: its JSON is left to
    // makeResultJson, which the library calls on its own thread when it stores it.
    static AnalysisRecord recordOf(const AnswerAnalysis &analysis, const QDateTime &analysedAt);

    // Analyses, one by one, the takes whose analysis is missing or older than this analyser.
    void resumeBackgroundWork();
    // Stops the background work now (the take being analysed is done again next time).
    void stopBackgroundWork();
    // Marks every analysis to be done again, and starts.
    void reanalyseAll();
    bool isWorking() const { return m_working; }
    // The background run: takes done (analysed, or failed) of those it found.
    int backgroundDone() const { return m_done; }
    int backgroundTotal() const { return m_total; }
    Outcome lastOutcome() const { return m_outcome; }
    const QList<Failure> &failures() const { return m_failures; }

Q_SIGNALS:
    void enabledChanged(bool enabled);
    // The background work: done of total takes (0 of 0: started, counting the takes left).
    void backgroundProgress(int done, int total);
    // How far the take being analysed in the background is, in milliseconds of its audio.
    void takeProgress(qint64 answerId, qint64 analysedMs, qint64 totalMs);
    void backgroundFinished();
    // An analysis went into the library.
    void analysisStored(qint64 answerId);
    // A take could not be analysed, or its result not stored (its message says why and what to do).
    void analysisFailed(qint64 answerId, const QString &message);
    // failures() changed: one was added, or they were cleared to be tried again.
    void failuresChanged();
    void modelStateChanged(MockLoop::AnalysisService::ModelState state);
    void modelFolderChanged(const QString &folder);
    void modelFolderRefused(const QString &folder, const QString &message);

private:
    void analyseNext();
    void onAnalysed(const TakeToAnalyse &take, const Expected<AnswerAnalysis> &result);
    void finishBackgroundWork(Outcome outcome);
    void setModelState(ModelState state, const QString &problem = {});
    void addFailure(qint64 answerId, const QString &message);

    PracticeLibrary *m_library;
    std::shared_ptr<SpeechModel> m_model;
    QString m_modelFolder; // empty: the default
    ModelState m_modelState = ModelState::Checking;
    QString m_modelProblem;
    quint64 m_folderRequest = 0; // a model folder loaded for an earlier request is not used
    QThreadPool m_pool; // one thread: one take at a time
    LoopCatalog m_catalog;
    bool m_enabled = true;
    bool m_working = false;
    bool m_stopRequested = false;
    bool m_lookAgain = false; // resumeBackgroundWork() was called while it ran
    int m_done = 0;
    int m_total = 0;
    Outcome m_outcome = Outcome::None;
    QSet<qint64> m_failed; // takes that could not be analysed this run: not tried again until restart
    QList<Failure> m_failures;
    QFutureWatcher<Expected<AnswerAnalysis>> m_current;
    qint64 m_currentTakeMs = 0; // its length, as its progress range said
};

} // namespace MockLoop
