#include "AnalysisService.h"

#include "common/AppSettings.h"
#include "library/PracticeLibrary.h"
#include "library/TakeFiles.h"
#include "loops/Loop.h"

#include <QJsonDocument>
#include <QLoggingCategory>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_LOGGING_CATEGORY(lcAnalysisService, "mockloop.analysis.service")

AnalysisService::AnalysisService(PracticeLibrary *library, QObject *parent)
    : QObject(parent)
    , m_library(library)
    , m_model(SpeechModel::shared())
    , m_enabled(AppSettings::analysisEnabled())
{
    m_pool.setMaxThreadCount(1);
    m_pool.setObjectName(u"mockloop-analysis"_s);
    // Whatever the library was, what it has left to analyse is looked at again.
    connect(m_library, &PracticeLibrary::statusChanged, this, [this] { resumeBackgroundWork(); });
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
    if (enabled)
        resumeBackgroundWork();
    else
        stopBackgroundWork();
    Q_EMIT enabledChanged(enabled);
}

std::shared_ptr<StreamingAnalyzer> AnalysisService::newStreamingAnalyzer() const
{
    if (!m_enabled)
        return nullptr;
    return std::make_shared<StreamingAnalyzer>(m_model);
}

QFuture<Expected<AnswerAnalysis>> AnalysisService::analyseTake(const QString &path, const AnswerContext &context)
{
    if (!m_enabled)
        return {};
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
    record.resultJson = QJsonDocument(analysis.toJson()).toJson(QJsonDocument::Compact);
    return record;
}

void AnalysisService::resumeBackgroundWork()
{
    m_stopRequested = false;
    if (!m_enabled || m_working)
        return;
    m_working = true;
    m_done = 0;
    m_total = 0;
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
    m_library->run([](LibraryStore *store) { return store && store->forgetAnalysisVersions(); })
        .then(this, [this](bool) {
            m_failed.clear();
            resumeBackgroundWork();
        });
}

void AnalysisService::analyseNext()
{
    if (m_stopRequested || !m_enabled) {
        m_working = false;
        Q_EMIT backgroundFinished();
        return;
    }
    const QSet<qint64> failed = m_failed;
    m_library
        ->run([failed](LibraryStore *store) -> std::pair<std::optional<TakeToAnalyse>, int> {
            if (!store)
                return {std::nullopt, 0};
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
            if (!take || m_stopRequested || !m_enabled) {
                m_working = false;
                Q_EMIT backgroundFinished();
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
            connect(&m_current, &QFutureWatcherBase::finished, this, [this, take = *take] {
                const QFuture<Expected<AnswerAnalysis>> future = m_current.future();
                if (future.isCanceled() || future.resultCount() == 0) {
                    m_working = false;
                    Q_EMIT backgroundFinished();
                    return;
                }
                onAnalysed(take, future.result());
            });
            m_current.setFuture(analyseTake(take->relativePath, contextOf(take->record, loop.get())));
        });
}

void AnalysisService::onAnalysed(const TakeToAnalyse &take, const Expected<AnswerAnalysis> &result)
{
    if (!result) {
        if (result.error().kind == AnalysisError::Kind::Cancelled) {
            m_working = false;
            Q_EMIT backgroundFinished();
            return;
        }
        qCWarning(lcAnalysisService).noquote() << "answer" << take.answerId << ":" << result.error().message;
        m_failed.insert(take.answerId);
        Q_EMIT analysisFailed(take.answerId, result.error().message);
        ++m_done;
        analyseNext();
        return;
    }
    const AnalysisRecord record = recordOf(*result, QDateTime::currentDateTimeUtc());
    const qint64 answerId = take.answerId;
    m_library->run([answerId, record](LibraryStore *store) { return store && store->setAnalysis(answerId, record); })
        .then(this, [this, answerId](bool stored) {
            if (stored) {
                Q_EMIT analysisStored(answerId);
            } else {
                // A full disk, say: tried again at the next start, not in a loop now.
                m_failed.insert(answerId);
            }
            ++m_done;
            Q_EMIT backgroundProgress(m_done, m_total);
            analyseNext();
        });
}

} // namespace MockLoop
