#include "AnalysisService.h"

#include "common/AppSettings.h"
#include "library/PracticeLibrary.h"
#include "library/TakeFiles.h"
#include "loops/Loop.h"

#include <QDir>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcAnalysisService, "mockloop.analysis.service")

namespace {

bool isModelProblem(const AnalysisError &error)
{
    return error.kind == AnalysisError::Kind::ModelMissing || error.kind == AnalysisError::Kind::ModelBroken;
}

std::shared_ptr<SpeechModel> modelIn(const QString &folder)
{
    return folder.isEmpty() ? SpeechModel::shared() : std::make_shared<SpeechModel>(SpeechModelPaths::inFolder(folder));
}

// Another's message ended as a sentence, so that one of ours can follow it.
QString sentence(const QString &message)
{
    const QString trimmed = message.trimmed();
    return trimmed.isEmpty() || trimmed.endsWith(u'.') ? trimmed : trimmed + u'.';
}

// What storing one result came to, on the library's thread.
struct StoreResult
{
    enum class Kind { Stored, AnswerGone, Failed };
    Kind kind = Kind::Failed;
    QString error;
};

} // namespace

AnalysisService::AnalysisService(PracticeLibrary *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_modelFolder(AppSettings::speechModelFolder())
    , m_enabled(AppSettings::analysisEnabled())
{
    m_model = modelIn(m_modelFolder);
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(u"mockloop-analysis"_s);
    // Whatever the library was, what it has left to analyse is looked at again.
    connect(m_library, &PracticeLibrary::statusChanged, this, [this] { resumeBackgroundWork(); });
    // A missing model package is told at start, not at the first answer; the background work
    // starts once the model is known to be there.
    checkModelAgain();
}

AnalysisService::~AnalysisService()
{
    stopBackgroundWork();
    m_pool.waitForDone();
}

void AnalysisService::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    AppSettings::setAnalysisEnabled(enabled);
    if (!enabled)
        stopBackgroundWork();
    else if (m_modelState == ModelState::Unavailable)
        checkModelAgain(); // the reason may have gone meanwhile; resumes if so
    else
        resumeBackgroundWork();
    Q_EMIT enabledChanged(enabled);
}

QString AnalysisService::modelFolder() const
{
    return m_modelFolder.isEmpty() ? SpeechModelPaths::defaultFolder() : m_modelFolder;
}

void AnalysisService::setModelFolder(const QString &folder)
{
    // The default folder chosen by hand is the default: it follows $MOCKLOOP_SPEECH_MODEL.
    const QString cleaned = folder.isEmpty() ? QString() : QDir::cleanPath(folder);
    const QString chosen = cleaned == QDir::cleanPath(SpeechModelPaths::defaultFolder()) ? QString() : cleaned;
    const QString shown = chosen.isEmpty() ? SpeechModelPaths::defaultFolder() : chosen;
    const quint64 request = ++m_folderRequest;
    std::shared_ptr<SpeechModel> model = chosen == m_modelFolder ? m_model : modelIn(chosen);
    // Loaded, not only checked: what pocketsphinx refuses beyond the checks is refused here too,
    // and the loaded model is the one used from now on (about a second, on a worker thread).
    QtConcurrent::run([model] {
        return model->load();
    }).then(this, [this, request, model, chosen, shown](const std::optional<AnalysisError> &problem) {
        if (request != m_folderRequest)
            return; // another folder was chosen since
        if (problem) {
            qCWarning(lcAnalysisService).noquote() << "model folder" << shown << "refused:" << problem->message;
            Q_EMIT modelFolderRefused(shown, problem->message);
            return;
        }
        const bool changed = model != m_model;
        m_model = model;
        m_modelFolder = chosen;
        AppSettings::setSpeechModelFolder(chosen);
        setModelState(ModelState::Ready);
        Q_EMIT modelFolderChanged(shown);
        if (!m_working)
            resumeBackgroundWork();
        else if (changed && m_current.isRunning())
            m_current.cancel(); // stopped cleanly, then analysed again with the new model
    });
}

void AnalysisService::checkModelAgain()
{
    setModelState(ModelState::Checking);
    const std::shared_ptr<SpeechModel> model = m_model;
    QtConcurrent::run([paths = model->paths()] {
        return SpeechModel::checkFiles(paths);
    }).then(this, [this, model](const std::optional<AnalysisError> &problem) {
        if (model != m_model)
            return; // a folder chosen meanwhile was loaded, which says more
        if (problem) {
            setModelState(ModelState::Unavailable, problem->message);
            return;
        }
        setModelState(ModelState::Ready);
        resumeBackgroundWork();
    });
}

void AnalysisService::setModelState(ModelState state, const QString &problem)
{
    if (state == m_modelState && problem == m_modelProblem)
        return;
    m_modelState = state;
    m_modelProblem = problem;
    if (state == ModelState::Unavailable)
        qCWarning(lcAnalysisService).noquote() << "analysis unavailable:" << problem;
    Q_EMIT modelStateChanged(state);
}

std::shared_ptr<StreamingAnalyzer> AnalysisService::newStreamingAnalyzer() const
{
    if (!m_enabled || m_modelState == ModelState::Unavailable)
        return nullptr;
    return std::make_shared<StreamingAnalyzer>(m_model);
}

QFuture<Expected<AnswerAnalysis>> AnalysisService::analyseTake(const QString &path, const AnswerContext &context)
{
    if (!m_enabled)
        return {};
    if (m_modelState == ModelState::Unavailable)
        return QtFuture::makeReadyFuture(
            Expected<AnswerAnalysis>(AnalysisError{AnalysisError::Kind::ModelMissing, m_modelProblem}));
    // The answer just given goes before the old takes: the background take is stopped (and done
    // again after it) rather than making the person wait for it; the pool runs jobs in order.
    if (m_current.isRunning())
        m_current.cancel();
    return analyzeFileInBackground(m_pool, path, m_model, context);
}

AnswerContext AnalysisService::contextOf(const AnswerRecord &answer, const Loop *loop)
{
    AnswerContext context;
    if (loop) {
        for (const StoryPhase &phase : loop->storyStructure.phases)
            context.phaseTargetSeconds << phase.targetSeconds;
    }
    // The take runs through the parts in order (a follow-up continues its question's take, from
    // its asking on), pauses left out of both. Where the interviewer was heard is left out.
    qint64 offset = 0;
    for (const AnswerPart &part : answer.parts) {
        for (const InterviewerMark &spoken : part.interviewer) {
            if (spoken.length.count() > 0)
                context.excluded.append({offset + spoken.at.count(), offset + (spoken.at + spoken.length).count()});
        }
        const qint64 answerStart = offset + part.asking.count();
        if (part.followUpIndex < 0) {
            if (!context.phaseTargetSeconds.isEmpty())
                context.phaseMarks.append({0, answerStart});
            for (const PhaseMark &mark : part.phaseMarks)
                context.phaseMarks.append({mark.phaseIndex, answerStart + mark.at.count()});
        } else {
            context.phaseMarks.append({-1, offset}); // a follow-up is no story phase
        }
        offset = answerStart + part.duration.count();
    }
    return context;
}

AnalysisRecord AnalysisService::recordOf(const AnswerAnalysis &analysis, const QDateTime &analysedAt)
{
    AnalysisRecord record;
    record.analyzerVersion = analysis.analyzerVersion;
    record.analysedAt = analysedAt;
    record.wordsPerMinute = analysis.wordsPerMinute;
    record.fillersPerMinute = analysis.fillersPerMinute;
    if (analysis.speechFound)
        record.longestPauseMs = analysis.longestPauseMs();
    record.transcript = analysis.transcript();
    // Encoded where it is stored, on the library's thread: for a long answer it takes the GUI
    // thread a frame or more (16 ms for 20 minutes, tests/bench/analysis_stall_bench). The copy of
    // the analysis shares its lists, so it costs nothing here.
    record.makeResultJson = [analysis] { return QJsonDocument(analysis.toJson()).toJson(QJsonDocument::Compact); };
    return record;
}

void AnalysisService::resumeBackgroundWork()
{
    m_stopRequested = false;
    if (!m_enabled || m_modelState != ModelState::Ready)
        return;
    if (m_working) {
        // The run may be past its last look at the library (a library just opened, takes just
        // marked): it looks again before it ends.
        m_lookAgain = true;
        return;
    }
    m_lookAgain = false;
    m_working = true;
    m_done = 0;
    m_total = 0;
    m_outcome = Outcome::None;
    Q_EMIT backgroundProgress(0, 0); // started; the takes left are being counted
    analyseNext();
}

void AnalysisService::stopBackgroundWork()
{
    m_stopRequested = true;
    if (m_current.isRunning())
        m_current.cancel();
}

void AnalysisService::reanalyseAll()
{
    m_library
        ->run([](LibraryStore *store) -> QString {
            if (!store)
                return tr("The practice library is not open.");
            return store->forgetAnalysisVersions() ? QString() : store->lastError();
        })
        .then(this, [this](const QString &error) {
            m_failed.clear();
            m_failures.clear();
            if (!error.isEmpty())
                m_failures.append({0, tr("The takes could not be marked to be analysed again: %1").arg(error)});
            Q_EMIT failuresChanged();
            // A run going on carries on with every take; its count starts again.
            m_done = 0;
            m_total = 0;
            resumeBackgroundWork();
        });
}

void AnalysisService::finishBackgroundWork(Outcome outcome)
{
    if (std::exchange(m_lookAgain, false) && (outcome == Outcome::AllAnalysed || outcome == Outcome::None)) {
        analyseNext();
        return;
    }
    m_working = false;
    m_outcome = outcome;
    Q_EMIT backgroundFinished();
}

void AnalysisService::addFailure(qint64 answerId, const QString &message)
{
    qCWarning(lcAnalysisService).noquote() << "answer" << answerId << ":" << message;
    m_failed.insert(answerId);
    m_failures.append({answerId, message});
    Q_EMIT analysisFailed(answerId, message);
    Q_EMIT failuresChanged();
}

void AnalysisService::analyseNext()
{
    if (m_stopRequested || !m_enabled) {
        finishBackgroundWork(Outcome::Stopped);
        return;
    }
    const QSet<qint64> failed = m_failed;
    m_library
        ->run([failed](LibraryStore *store) -> std::pair<std::optional<TakeToAnalyse>, int> {
            if (!store)
                return {std::nullopt, -1}; // no library: nothing to say about its takes
            // The newest take left, skipping those that failed this run.
            const QList<TakeToAnalyse> takes
                = store->takesToAnalyse(AnswerAnalysis::CurrentAnalyzerVersion, int(failed.size()) + 1);
            for (const TakeToAnalyse &take : takes) {
                if (!failed.contains(take.answerId)) {
                    TakeToAnalyse resolved = take;
                    // The database names the take: only one inside the library is read. From here
                    // on relativePath holds the absolute path (empty: refused).
                    resolved.relativePath = TakeFiles(store->folder()).resolve(take.relativePath).value_or(QString());
                    return {resolved,
                            store->countTakesToAnalyse(AnswerAnalysis::CurrentAnalyzerVersion) - int(failed.size())};
                }
            }
            return {std::nullopt, 0};
        })
        .then(this, [this](const std::pair<std::optional<TakeToAnalyse>, int> &next) {
            const auto &[take, left] = next;
            if (m_stopRequested || !m_enabled) {
                finishBackgroundWork(Outcome::Stopped);
                return;
            }
            if (!take) {
                finishBackgroundWork(left < 0 ? Outcome::None : Outcome::AllAnalysed);
                return;
            }
            m_total = m_done + left;
            Q_EMIT backgroundProgress(m_done, m_total);
            if (take->relativePath.isEmpty()) {
                onAnalysed(*take,
                           AnalysisError{AnalysisError::Kind::FileUnreadable,
                                         tr("The recording lies outside the library, so it is not read.")});
                return;
            }
            const std::shared_ptr<const Loop> loop = m_catalog.find(take->loopId);
            m_current.disconnect(this);
            // From the signals' values, not the future's: asking the future takes a lock the
            // analysing thread holds while it reports, and on a busy machine the GUI thread waited
            // on it for up to 14 ms (tests/bench/analysis_stall_bench).
            m_currentTakeMs = 0;
            connect(&m_current, &QFutureWatcherBase::progressRangeChanged, this,
                    [this](int, int maximum) { m_currentTakeMs = maximum; });
            connect(&m_current, &QFutureWatcherBase::progressValueChanged, this,
                    [this, answerId = take->answerId](int analysedMs) {
                        Q_EMIT takeProgress(answerId, analysedMs, m_currentTakeMs);
                    });
            connect(&m_current, &QFutureWatcherBase::finished, this, [this, take = *take] {
                const QFuture<Expected<AnswerAnalysis>> future = m_current.future();
                if (future.isCanceled() || future.resultCount() == 0) {
                    onAnalysed(take, AnalysisError{AnalysisError::Kind::Cancelled, {}});
                    return;
                }
                onAnalysed(take, future.result());
            });
            m_current.setFuture(
                analyzeFileInBackground(m_pool, take->relativePath, m_model, contextOf(take->record, loop.get())));
        });
}

void AnalysisService::onAnalysed(const TakeToAnalyse &take, const Expected<AnswerAnalysis> &result)
{
    if (!result) {
        const AnalysisError &error = result.error();
        if (error.kind == AnalysisError::Kind::Cancelled) {
            if (m_stopRequested || !m_enabled)
                finishBackgroundWork(Outcome::Stopped);
            else
                analyseNext(); // stopped to be done again (with another model): the same take comes next
            return;
        }
        if (isModelProblem(error)) {
            // Every take would fail the same way: nothing more is tried until the model changes.
            setModelState(ModelState::Unavailable, error.message);
            finishBackgroundWork(Outcome::ModelUnavailable);
            return;
        }
        addFailure(take.answerId, error.message);
        ++m_done;
        Q_EMIT backgroundProgress(m_done, m_total);
        analyseNext();
        return;
    }
    const qint64 answerId = take.answerId;
    const QDateTime analysedAt = QDateTime::currentDateTimeUtc();
    m_library
        ->run([answerId, analysis = *result, analysedAt](LibraryStore *store) -> StoreResult {
            if (!store)
                return {StoreResult::Kind::Failed, tr("the practice library is not open")};
            if (store->setAnalysis(answerId, recordOf(analysis, analysedAt)))
                return {StoreResult::Kind::Stored, {}};
            const QString error = store->lastError();
            AnswerFilter filter;
            filter.answerId = answerId;
            if (store->countAnswers(filter) == 0)
                return {StoreResult::Kind::AnswerGone, {}}; // deleted meanwhile: nothing to keep
            return {StoreResult::Kind::Failed, error};
        })
        .then(this, [this, answerId, file = take.relativePath](const StoreResult &stored) {
            ++m_done;
            if (stored.kind == StoreResult::Kind::Failed) {
                // A full disk or a read-only folder fails every take the same way: the work stops
                // rather than analysing takes it cannot keep. The take is still on the list.
                addFailure(answerId,
                           tr("The analysis of %1 could not be stored in the practice library: %2 The take "
                              "is analysed again when MockLoop next starts, or when you choose Re-analyse "
                              "All Takes.")
                               .arg(QDir::toNativeSeparators(file), sentence(stored.error)));
                Q_EMIT backgroundProgress(m_done, m_total);
                finishBackgroundWork(Outcome::StoreFailed);
                return;
            }
            if (stored.kind == StoreResult::Kind::Stored)
                Q_EMIT analysisStored(answerId);
            Q_EMIT backgroundProgress(m_done, m_total);
            analyseNext();
        });
}

} // namespace MockLoop
