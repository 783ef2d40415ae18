#pragma once

#include "AnswerFacts.h"
#include "LibraryTypes.h"
#include "session/PracticeHistory.h"
#include "stories/StoryCoverage.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlDatabase>

#include <memory>

class QIODevice;

namespace MockLoop {

// The practice library: one SQLite database in the library folder, with the takes beside it in
// one folder per session (takes/<session id>/...), so the folder can be copied, moved or synced as
// a whole. Synchronous and bound to the thread that opened it; the app reaches it through
// PracticeLibrary, which runs it on a worker thread.
//
// Every multi-row change is one transaction: a crash leaves it whole or absent. The first rating
// of an answer is never changed; ratings after a replay are added beside it.
class LibraryStore : public PracticeHistory
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::LibraryStore)

public:
    static constexpr int SchemaVersion = 7; // the number of migrations in LibrarySchema

    enum class OpenError {
        None,
        NotWritable, // the folder cannot be created or written
        Corrupt, // the database is damaged (or emptied)
        NotALibrary, // the file is an SQLite database of another program, or a folder
        TooNew, // written by a newer MockLoop, or a version no MockLoop writes
        ReadOnly, // the file cannot be written: every save would fail
        Unreadable, // the file cannot be read, or is a link to nothing
        DiskFull, // the disk is full; the library may well be intact
        Failed, // anything else SQLite reported
    };

    struct OpenResult
    {
        std::unique_ptr<LibraryStore> store;
        OpenError error = OpenError::None;
        QString message; // says what happened, where the file is, and what to do
    };

    // Opens the library in folder, creating it (and migrating an older one, after a backup).
    // A damaged database or one from a newer MockLoop is never written to. (LibraryOpen.cpp)
    static OpenResult open(const QString &folder);

    // Moves the damaged database of folder aside (into a "damaged-<time>" folder beside it, with
    // its journal) and opens a fresh library there. The takes stay and can be recovered.
    static OpenResult startFresh(const QString &folder, QString *movedTo = nullptr);

    static QString databaseFileName();
    // <application data>/library
    static QString defaultFolder();

    ~LibraryStore() override;
    LibraryStore(const LibraryStore &) = delete;
    LibraryStore &operator=(const LibraryStore &) = delete;

    const QString &folder() const { return m_folder; }
    QString databasePath() const;
    // Where a new take of session sessionId goes, relative to the folder.
    static QString takeRelativePath(const QString &sessionId, const QString &fileName);
    QString absolutePath(const QString &relativePath) const;
    // What went wrong in the last call that failed.
    const QString &lastError() const { return m_lastError; }

    bool addSession(const SessionRecord &session);
    bool finishSession(const QString &sessionId, const QDateTime &finishedAt, bool abandoned);
    std::optional<SessionRecord> session(const QString &sessionId);
    QList<SessionRecord> sessions();

    // Stores an answer with its rating (if any) and recording (if any), all or nothing. An answer
    // with an ordinal that its session already holds is not stored twice: its recording is added
    // if the one held has none, and the id of the one held is returned.
    struct NewAnswer
    {
        QString sessionId;
        AnswerRecord record;
        QString roundTitle;
        QString categoryId;
        QDateTime answeredAt;
        std::optional<RecordingInfo> recording;
    };
    std::optional<qint64> addAnswer(const NewAnswer &answer);
    // The answer of session sessionId with that ordinal, if the library holds it.
    struct HeldAnswer
    {
        qint64 id = 0;
        bool hasRecording = false;
    };
    std::optional<HeldAnswer> findAnswer(const QString &sessionId, int ordinal);
    // A rating given after replaying the take; the first rating stays as it was.
    bool addReplayRating(qint64 answerId, const Rating &rating);
    // A coach's ratings, brought back from a coach bundle (core/coach), stored beside the person's
    // own and never in their place: all or nothing. An answer holds at most one; one that holds
    // one already makes the whole call fail, unless replaceExisting (the person said so).
    struct CoachRating
    {
        qint64 answerId = 0;
        Rating rating;
    };
    bool addCoachRatings(const QList<CoachRating> &ratings, bool replaceExisting);
    // Those of answerIds that hold a coach's rating.
    QList<qint64> answersWithCoachRating(const QList<qint64> &answerIds);
    bool setNotes(qint64 answerId, const QString &notes);
    // Keeps the speech analysis of an answer's take, replacing an older one.
    bool setAnalysis(qint64 answerId, const AnalysisRecord &analysis);
    // Takes with no analysis, or one older than analyzerVersion: newest first, at most limit.
    QList<TakeToAnalyse> takesToAnalyse(int analyzerVersion, int limit = -1);
    int countTakesToAnalyse(int analyzerVersion);
    // Every take is to be analysed again (its result stays until replaced).
    bool forgetAnalysisVersions();
    std::optional<AnalysisRecord> analysisOf(qint64 answerId);
    // For those of answerIds whose transcript holds text (as the answer filter's text search
    // finds it): the few words around where it was heard, to show why the answer was found.
    QHash<qint64, QString> transcriptExcerpts(const QString &text, const QList<qint64> &answerIds);
    // Deletes the answer, its ratings and recording row, then its audio file.
    bool deleteAnswer(qint64 answerId);

    QList<AnswerRow> answers(const AnswerFilter &filter = {}, AnswerSort sort = AnswerSort::Date,
                             Qt::SortOrder order = Qt::DescendingOrder, int limit = -1, int offset = 0);
    int countAnswers(const AnswerFilter &filter = {});
    std::optional<AnswerDetail> answer(qint64 answerId);
    // Every take of one question, newest first.
    QList<AnswerRow> takesOf(const QString &loopId, const QString &questionId);
    // Per-dimension averages of the ratings given right after answering, week by week.
    QList<DimensionAverage> dimensionAverages(const QString &loopId);
    QHash<QString, QuestionStats> questionStats(const QString &loopId) const override;
    // What the Progress page sums up, for every answer of a loop (of one level, unless levelId is
    // empty), oldest first: scores in the order of dimensionIds, red flags as indexes into
    // redFlagIds (ids not in those lists are left out). (LibraryProgress.cpp)
    AnswerFactSet answerFacts(const QString &loopId, const QString &levelId, const QStringList &dimensionIds,
                              const QStringList &redFlagIds);
    // The same facts of chosen answers (two takes of a question set side by side, say), oldest first.
    AnswerFactSet answerFactsOf(const QList<qint64> &answerIds, const QStringList &dimensionIds,
                                const QStringList &redFlagIds);

    // One row per answer: its times, each rating's score per rubric dimension (right after, the
    // newest after a replay, a coach's), red flags by name, notes, and the measured figures.
    // redFlagName gives a flag's text (empty, or no function: its id is written).
    using RedFlagName = std::function<QString(const QString &loopId, const QString &flagId)>;
    bool exportCsv(const AnswerFilter &filter, QIODevice *device, const RedFlagName &redFlagName = {});
    QByteArray exportSessionJson(const QString &sessionId);
    // Imports a session exported by exportSessionJson; returns its id.
    std::optional<QString> importSessionJson(const QByteArray &json);

    // Takes on disk that no answer owns (after a crash), to offer for import; claimed (relative
    // paths) are owned by the unfinished session and not offered.
    QList<RecoveredTake> findRecoveredTakes(const QSet<QString> &claimed = {});
    // Links a recovered take to an answer that has no recording (its own answer, whose link a crash
    // cut); false if the answer already has one.
    bool attachRecording(qint64 answerId, const RecordingInfo &recording);
    // Keeps a recovered take as an answer of its session (or of a "Recovered takes" session).
    std::optional<qint64> importRecoveredTake(const RecoveredTake &take, const QString &questionText);

    static RecordingInfo describeTake(const QString &absolutePath, const QString &relativePath);

    // The story bank (LibraryStories.cpp). created/updated are kept as given (the caller's clock);
    // an invalid one is taken as now.
    std::optional<qint64> addStory(const Story &story);
    // Replaces the stored story story.id, keeping its creation time.
    bool updateStory(const Story &story);
    // A copy titled "<title> (copy)", not archived, created at now; its id.
    std::optional<qint64> duplicateStory(qint64 storyId, const QDateTime &now);
    bool setStoryArchived(qint64 storyId, bool archived, const QDateTime &now);
    // Deletes the story and its links (the UI asks first).
    bool deleteStory(qint64 storyId);
    std::optional<Story> story(qint64 storyId);
    // By title (case-insensitive), then id.
    QList<Story> stories(bool includeArchived = true);
    bool linkStory(qint64 storyId, const QString &loopId, const QString &questionId);
    bool unlinkStory(qint64 storyId, const QString &loopId, const QString &questionId);
    QList<StoryLink> storyLinks(const QString &loopId);
    // The candidate's pace over the analysed answers (their mean words a minute), if any.
    std::optional<double> measuredWordsPerMinute();

    // Import: a story whose title (case-insensitive) a stored story has is a conflict the user
    // settles. importStories refuses while a conflict has no choice, and changes nothing then.
    enum class StoryConflictChoice { KeepBoth, Replace, Skip };
    struct StoryConflict
    {
        int incomingIndex = 0;
        qint64 existingId = 0;
        QString title;
    };
    QList<StoryConflict> storyConflicts(const QList<Story> &incoming);
    // The ids of the stories added or replaced, in incoming's order, all or nothing.
    std::optional<QList<qint64>> importStories(const QList<Story> &incoming,
                                               const QHash<int, StoryConflictChoice> &choices);
    // The story the candidate chose on the cue card for the answer ordinal of session sessionId,
    // during its think time (before the library holds the answer); storyId 0 forgets the choice.
    bool setPractisedStory(const QString &sessionId, int ordinal, qint64 storyId, const QDateTime &at);
    std::optional<PractisedStory> practisedStory(const QString &sessionId, int ordinal);
    // Which stories were practised, how they were rated and how long each phase took: one entry per
    // story chosen for an answer the library holds, the most practised first.
    QList<StoryPractice> storyPractice();

private:
    LibraryStore(QString folder, QString connectionName);

    QSqlDatabase database() const;
    bool fail(const QString &message) const;
    bool failSql(const class QSqlQuery &query) const;
    // Works out the story phase times of answers that have none yet, of those in only when it is
    // not empty (LibraryProgress.cpp).
    bool fillPhaseTimes(const QList<qint64> &only = {});
    // The facts of the answers of the sessions that pass the conditions (SQL on sessions s and
    // answers a, with their values).
    AnswerFactSet readFacts(const QString &sessionCondition, const QVariantList &sessionValues,
                            const QString &answerCondition, const QVariantList &answerValues,
                            const QStringList &dimensionIds, const QStringList &redFlagIds);

    QString m_folder;
    QString m_connectionName;
    std::optional<CachedFactSet> m_factsCache; // LibraryProgress.cpp
    mutable QString m_lastError;
};

} // namespace MockLoop
