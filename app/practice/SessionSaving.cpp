#include "SessionController.h"

#include "analysis/AnalysisService.h"
#include "audio/TakeRepair.h"
#include "library/PracticeLibrary.h"
#include "library/TakeFiles.h"
#include "loops/Loop.h"

#include <QDir>
#include <QFileInfo>
#include <QLoggingCategory>

// The session controller's saving: every answer and the session into the practice library, what
// the library refused kept and tried again, and the session file cleared only once all is in.

using namespace Qt::StringLiterals;

namespace MockLoop {

Q_DECLARE_LOGGING_CATEGORY(lcController)

namespace {

RecordingInfo recordingOf(const TakeInfo &take, const QString &libraryFolder)
{
    RecordingInfo recording;
    recording.relativePath = QDir(libraryFolder).relativeFilePath(take.path);
    recording.format = take.formatDescription();
    recording.duration = Milliseconds(take.durationMs());
    recording.sizeBytes = take.fileBytes;
    recording.checksum = take.sha256;
    recording.recovered = take.recovered;
    return recording;
}

} // namespace

LibraryStore::NewAnswer SessionController::newAnswer(const AnswerRecord &answer) const
{
    LibraryStore::NewAnswer stored;
    stored.sessionId = m_engine->sessionId();
    stored.record = answer;
    stored.record.draftRating.reset();
    stored.answeredAt = answer.parts.isEmpty() ? m_services.clock->wallTime() : answer.parts.first().startedAt;
    if (!stored.answeredAt.isValid())
        stored.answeredAt = m_services.clock->wallTime();
    if (const Round *round = m_loop->round(answer.roundId))
        stored.roundTitle = round->title;
    if (const Question *question = m_loop->question(answer.questionId))
        stored.categoryId = question->categoryId;
    return stored;
}

SessionRecord SessionController::sessionRecord() const
{
    SessionRecord record;
    record.id = m_engine->sessionId();
    record.mode = m_engine->request().mode;
    record.loopId = m_loop->id;
    record.loopVersion = m_loop->version;
    record.loopTitle = m_loop->title;
    record.levelId = m_engine->request().settings.levelId;
    record.seed = m_engine->request().seed;
    record.startedAt = m_engine->startedAt();
    return record;
}

void SessionController::saveAnswer(const AnswerRecord &answer)
{
    const LibraryStore::NewAnswer stored = newAnswer(answer);
    const SessionRecord session = sessionRecord();
    const QString takeFile = answer.takeFile.isEmpty()
        ? QString()
        : LibraryStore::takeRelativePath(m_engine->sessionId(), answer.takeFile);
    std::optional<TakeInfo> known;
    if (m_finishedTake && !takeFile.isEmpty()
        && QFileInfo(m_finishedTake->path).completeBaseName() == QFileInfo(takeFile).completeBaseName())
        known = m_finishedTake;
    std::optional<AnalysisRecord> analysis;
    if (const auto measured = analysisOf(answer.ordinal))
        analysis = AnalysisService::recordOf(*measured, m_services.clock->wallTime());
    m_services.library
        ->run([stored, session, takeFile, known, analysis](LibraryStore *store) -> SaveResult {
            if (!store)
                return {false, tr("the library is not open")};
            // Each save carries its session (stored once): a session whose first save failed is
            // stored with the first answer that gets through.
            if (!store->addSession(session))
                return {false, store->lastError()};
            if (const auto held = store->findAnswer(stored.sessionId, stored.record.ordinal);
                held && (held->hasRecording || takeFile.isEmpty()))
                return {true, {}}; // saved before; nothing to add
            // The take as it is on disk: complete, or repaired from what a crash left; named by the
            // session file, so nothing is read or repaired that lies outside the library.
            const std::optional<QString> takePath
                = takeFile.isEmpty() ? std::nullopt : TakeFiles(store->folder()).resolve(takeFile);
            const std::optional<TakeInfo> take
                = known ? known : (takePath ? TakeRepair::settle(*takePath) : std::nullopt);
            LibraryStore::NewAnswer withTake = stored;
            if (take)
                withTake.recording = recordingOf(*take, store->folder());
            const std::optional<qint64> id = store->addAnswer(withTake);
            if (!id)
                return {false, store->lastError()};
            if (analysis)
                store->setAnalysis(*id, *analysis); // measured, not the person's: not worth failing for
            return {true, {}};
        })
        .then(this, [this, answer](const SaveResult &result) {
            if (result.ok) {
                m_sessionSaved = true;
                Q_EMIT answerSaved(answer.ordinal);
            } else {
                if (std::none_of(m_unsaved.cbegin(), m_unsaved.cend(),
                                 [&answer](const AnswerRecord &held) { return held.ordinal == answer.ordinal; }))
                    m_unsaved.append(answer);
                reportSaveProblem(
                    tr("An answer could not be saved in the practice library: %1. Nothing is lost: it stays in "
                       "this session's file, and MockLoop saves it again after your next answer, when the session "
                       "ends, or when you resume it.")
                        .arg(result.error));
            }
            onSaved(result.ok);
        });
}

void SessionController::saveSessionRecord()
{
    ++m_savesPending;
    m_services.library
        ->run([session = sessionRecord()](LibraryStore *store) -> SaveResult {
            if (!store)
                return {false, tr("the library is not open")};
            return {store->addSession(session), store->lastError()};
        })
        .then(this, [this](const SaveResult &result) {
            m_sessionSaved = m_sessionSaved || result.ok;
            if (!result.ok)
                reportSaveProblem(tr("The session could not be saved in the practice library: %1. Nothing is "
                                     "lost: it stays in the session file, and MockLoop saves it again with "
                                     "your next answer, when the session ends, or when you resume it.")
                                      .arg(result.error));
            onSaved(result.ok);
        });
}

void SessionController::reportSaveProblem(const QString &message)
{
    m_saveProblem = message;
    Q_EMIT librarySaveFailed(message);
}

void SessionController::retryUnsaved()
{
    if (m_unsaved.isEmpty() && m_sessionSaved)
        return;
    if (!m_sessionSaved && m_unsaved.isEmpty()) {
        saveSessionRecord();
        return;
    }
    const QList<AnswerRecord> unsaved = std::exchange(m_unsaved, {});
    for (const AnswerRecord &answer : unsaved) {
        ++m_savesPending;
        saveAnswer(answer);
    }
}

void SessionController::onSaved(bool ok)
{
    --m_savesPending;
    if (ok && (!m_unsaved.isEmpty() || !m_sessionSaved)) {
        // The library takes writes again: what it refused before goes now.
        retryUnsaved();
    }
    const bool everythingSaved = m_savesPending == 0 && m_unsaved.isEmpty() && m_sessionSaved;
    if (everythingSaved)
        m_retryTimer.stop();
    else if (!m_unsaved.isEmpty() && !m_retryTimer.isActive())
        m_retryTimer.start();
    if (ok && everythingSaved && m_hadSaveFailure) {
        m_hadSaveFailure = false;
        m_saveProblem.clear();
        Q_EMIT librarySaveRecovered();
    }
    m_hadSaveFailure = m_hadSaveFailure || !ok;
    if (!m_clearWhenSaved || m_savesPending > 0)
        return;
    m_clearWhenSaved = false;
    if (!everythingSaved) {
        qCWarning(lcController) << "the session file is kept:" << m_unsaved.size() << "answers are not in the library";
        Q_EMIT sessionFileKept(int(m_unsaved.size()));
        return;
    }
    if (m_fileStore)
        m_fileStore->clear();
    Q_EMIT allSaved();
}

void SessionController::clearSessionFileWhenSaved()
{
    m_clearWhenSaved = true;
    // One more try for what the library refused; with nothing in flight, the decision is now.
    ++m_savesPending;
    retryUnsaved();
    onSaved(true);
}

} // namespace MockLoop
