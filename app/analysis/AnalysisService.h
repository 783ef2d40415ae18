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
class AnalysisService : public QObject
{
    Q_OBJECT

public:
    explicit AnalysisService(PracticeLibrary *library, QObject *parent = nullptr);
    ~AnalysisService() override; // stops the background work and waits for it

    bool isEnabled() const { return m_enabled; }
    // Off: no new analysis starts (streaming or background); what was measured stays.
    void setEnabled(bool enabled);
    // The loops, for the story phases' targets of takes analysed in the background.
    void setCatalog(const LoopCatalog &catalog) { m_catalog = catalog; }
    const SpeechModelPaths &modelPaths() const { return m_model->paths(); }

    // For an answer about to be recorded; null when analysis is off.
    std::shared_ptr<StreamingAnalyzer> newStreamingAnalyzer() const;
    // A take's file, on the background thread (for a take the streaming analyser saw only part
    // of); null future when analysis is off.
    QFuture<Expected<AnswerAnalysis>> analyseTake(const QString &path, const AnswerContext &context);

    // What the analysis needs to know about an answer: its story-phase marks and their targets,
    // follow-ups marked as no phase (-1), and where the interviewer was heard (left out).
    static AnswerContext contextOf(const AnswerRecord &answer, const Loop *loop);
    // The analysis as the library keeps it.
    static AnalysisRecord recordOf(const AnswerAnalysis &analysis, const QDateTime &analysedAt);

    // Analyses, one by one, the takes whose analysis is missing or older than this analyser.
    void resumeBackgroundWork();
    // Stops the background work now (the take being analysed is done again next time).
    void stopBackgroundWork();
    // Marks every analysis to be done again, and starts.
    void reanalyseAll();
    bool isWorking() const { return m_working; }

Q_SIGNALS:
    void enabledChanged(bool enabled);
    // The background work: done of total takes, and whether it runs.
    void backgroundProgress(int done, int total);
    void backgroundFinished();
    // An analysis went into the library.
    void analysisStored(qint64 answerId);
    // A take could not be analysed (its message says why and what to do).
    void analysisFailed(qint64 answerId, const QString &message);

private:
    void analyseNext();
    void onAnalysed(const TakeToAnalyse &take, const Expected<AnswerAnalysis> &result);

    PracticeLibrary *m_library;
    std::shared_ptr<SpeechModel> m_model;
    QThreadPool m_pool; // one thread: one take at a time
    LoopCatalog m_catalog;
    bool m_enabled = true;
    bool m_working = false;
    bool m_stopRequested = false;
    int m_done = 0;
    int m_total = 0;
    QSet<qint64> m_failed; // takes that could not be analysed this run: not tried again until restart
    QFutureWatcher<Expected<AnswerAnalysis>> m_current;
};

} // namespace MockLoop
