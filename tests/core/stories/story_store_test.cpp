#include "library/LibrarySchema.h"
#include "library/LibraryStore.h"
#include "stories/StoryFiles.h"

#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

const QDateTime Created(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);

Story story(const QString &title)
{
    Story story;
    story.title = title;
    story.phases = {{u"challenge"_s, u"Start-up took 9 seconds."_s}, {u"decision"_s, u"I chose to drop it."_s}};
    story.metrics = {u"Start-up down 40%"_s};
    story.memberImpact = u"2 million members"_s;
    story.tags = {{u"candor"_s}, {u"technical"_s}, {u"ownership"_s}, {u"L6"_s}};
    story.period = u"2024 Q1"_s;
    story.company = u"Acme"_s;
    story.created = story.updated = Created;
    return story;
}

} // namespace

class StoryStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        LibraryStore::OpenResult opened = LibraryStore::open(m_dir->path());
        QVERIFY2(opened.store, qPrintable(opened.message));
        m_store = std::move(opened.store);
    }

    void cleanup()
    {
        m_store.reset();
        m_dir.reset();
    }

    void addEditDuplicateArchiveDelete_keepEveryField()
    {
        const std::optional<qint64> id = m_store->addStory(story(u"Cache"_s));
        QVERIFY(id);
        Story expected = story(u"Cache"_s);
        expected.id = *id;
        QCOMPARE(*m_store->story(*id), expected);

        Story edited = expected;
        edited.phases[u"execution"_s] = u"I rewrote the loader in 3 weeks."_s;
        edited.tags.values << u"courage"_s;
        edited.updated = Created.addSecs(60);
        edited.created = Created.addDays(5); // the creation time is the stored one
        QVERIFY(m_store->updateStory(edited));
        edited.created = Created;
        QCOMPARE(*m_store->story(*id), edited);

        const std::optional<qint64> copyId = m_store->duplicateStory(*id, Created.addDays(1));
        QVERIFY(copyId && *copyId != *id);
        const Story copy = *m_store->story(*copyId);
        QCOMPARE(copy.title, u"Cache (copy)"_s);
        QCOMPARE(copy.phases, edited.phases);
        QCOMPARE(copy.created, Created.addDays(1));

        QVERIFY(m_store->setStoryArchived(*id, true, Created.addDays(2)));
        QCOMPARE(m_store->stories(false).size(), 1);
        QCOMPARE(m_store->stories(true).size(), 2);
        QVERIFY(m_store->story(*id)->archived);

        QVERIFY(m_store->linkStory(*id, u"netflix"_s, u"q1"_s));
        QVERIFY(m_store->linkStory(*id, u"netflix"_s, u"q1"_s)); // once
        QVERIFY(m_store->linkStory(*copyId, u"netflix"_s, u"q2"_s));
        QCOMPARE(m_store->storyLinks(u"netflix"_s), (QList<StoryLink>{{*id, u"q1"_s}, {*copyId, u"q2"_s}}));
        QVERIFY(m_store->storyLinks(u"other"_s).isEmpty());
        QVERIFY(m_store->unlinkStory(*copyId, u"netflix"_s, u"q2"_s));
        QVERIFY(m_store->deleteStory(*id));
        QVERIFY(!m_store->story(*id));
        QVERIFY(m_store->storyLinks(u"netflix"_s).isEmpty()); // the links went with the story
        QVERIFY(!m_store->updateStory(edited));
        QVERIFY(m_store->lastError().contains(u"no longer in the library"_s));
    }

    void stories_listedByTitle()
    {
        m_store->addStory(story(u"beta"_s));
        m_store->addStory(story(u"Alpha"_s));
        const QList<Story> stories = m_store->stories();
        QCOMPARE(stories.at(0).title, u"Alpha"_s);
        QCOMPARE(stories.at(1).title, u"beta"_s);
    }

    void measuredPace_absentWithoutAnalysedAnswers() { QVERIFY(!m_store->measuredWordsPerMinute()); }

    void import_conflictsNeedAChoice_andNothingChangesWithout()
    {
        const qint64 held = *m_store->addStory(story(u"Cache"_s));
        Story incoming = story(u"  cache "_s);
        incoming.company = u"Imported"_s;
        const QList<Story> batch{story(u"New one"_s), incoming};
        const QList<LibraryStore::StoryConflict> conflicts = m_store->storyConflicts(batch);
        QCOMPARE(conflicts.size(), 1);
        QCOMPARE(conflicts.at(0).incomingIndex, 1);
        QCOMPARE(conflicts.at(0).existingId, held);

        QVERIFY(!m_store->importStories(batch, {}));
        QVERIFY(m_store->lastError().contains(u"already in the story bank"_s));
        QCOMPARE(m_store->stories().size(), 1); // nothing added either

        QCOMPARE(m_store->importStories(batch, {{1, LibraryStore::StoryConflictChoice::Skip}})->size(), 1);
        QCOMPARE(m_store->story(held)->company, u"Acme"_s);
        const QList<qint64> replaced
            = *m_store->importStories({incoming}, {{0, LibraryStore::StoryConflictChoice::Replace}});
        QCOMPARE(replaced, QList<qint64>{held});
        QCOMPARE(m_store->story(held)->company, u"Imported"_s);
        QCOMPARE(m_store->importStories({incoming}, {{0, LibraryStore::StoryConflictChoice::KeepBoth}})->size(), 1);
        QCOMPARE(m_store->stories().size(), 3);
    }

    void upgradeFromVersion3_backsUpAndKeepsAnswers_thenHoldsStories()
    {
        const QString folder = m_store->folder();
        const QString path = m_store->databasePath();
        m_store.reset();
        for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s})
            QFile::remove(path + suffix);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v3"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QString error;
            QVERIFY2(LibrarySchema::upgrade(db, 0, LibrarySchema::migrations().mid(0, 3), {}, &error),
                     qPrintable(error));
            QSqlQuery query(db);
            QVERIFY(query.exec(u"INSERT INTO sessions (id, mode, loop_id, loop_version, seed, started_at) "
                               "VALUES ('s1', 'one-round', 'netflix', 1, '0', 0)"_s));
            QVERIFY(query.exec(u"INSERT INTO answers (session_id, round_id, question_id, question_text, answered_at, "
                               "words_per_minute) VALUES ('s1', 'hm', 'q', 'Q', 0, 132.0)"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v3"_s);

        LibraryStore::OpenResult opened = LibraryStore::open(folder);
        QVERIFY2(opened.store, qPrintable(opened.message));
        m_store = std::move(opened.store);
        QCOMPARE(m_store->countAnswers(), 1);
        QCOMPARE(QDir(folder).entryList({u"library-v3-backup-*.sqlite"_s}).size(), 1);
        QCOMPARE(m_store->measuredWordsPerMinute(), std::optional<double>(132.0));
        QVERIFY(m_store->addStory(story(u"After the upgrade"_s)));
        QCOMPARE(m_store->stories().size(), 1);
    }

    void hostileText_isStoredAsText()
    {
        Story hostile = story(u"'); DROP TABLE stories; --"_s);
        hostile.phases[u"decision"_s] = u"\" } ] {\"title\": \"x\"} \u0000 ünïcødé 🎬"_s;
        const qint64 id = *m_store->addStory(hostile);
        hostile.id = id;
        QCOMPARE(*m_store->story(id), hostile);
        QCOMPARE(m_store->stories().size(), 1);
    }

    // The cue card's choice (migration 6): kept by session and ordinal before the answer is
    // stored, shown with the answer, summed up per story, and still named after the story goes.
    void practisedStory_isKeptWithTheAnswer_andSummedUpPerStory()
    {
        const qint64 cache = *m_store->addStory(story(u"Cache"_s));
        const qint64 rollout = *m_store->addStory(story(u"Rollout"_s));
        SessionRecord session;
        session.id = u"s1"_s;
        session.mode = SessionMode::SingleQuestion;
        session.loopId = u"netflix"_s;
        session.startedAt = Created;
        QVERIFY(m_store->addSession(session));
        // Chosen during think time: the library holds no answer yet.
        QVERIFY(m_store->setPractisedStory(u"s1"_s, 0, rollout, Created));
        QVERIFY(m_store->setPractisedStory(u"s1"_s, 0, cache, Created)); // changed her mind
        QVERIFY(m_store->setPractisedStory(u"s1"_s, 1, cache, Created));
        QVERIFY(m_store->setPractisedStory(u"s1"_s, 2, rollout, Created));
        QVERIFY(m_store->setPractisedStory(u"s1"_s, 2, 0, Created)); // and forgot it
        QVERIFY(!m_store->practisedStory(u"s1"_s, 2));
        QVERIFY(!m_store->setPractisedStory(u"s1"_s, 3, 999, Created));

        const auto addAnswer = [this](int ordinal, std::optional<int> score, QList<PhaseMark> marks) {
            LibraryStore::NewAnswer answer;
            answer.sessionId = u"s1"_s;
            answer.answeredAt = Created.addSecs(60 * ordinal);
            answer.record.ordinal = ordinal;
            answer.record.roundId = u"hm"_s;
            answer.record.questionId = u"q%1"_s.arg(ordinal);
            answer.record.questionText = u"Question"_s;
            AnswerPart part;
            part.duration = Milliseconds(100000);
            part.limit = Milliseconds(240000);
            part.phaseMarks = std::move(marks);
            answer.record.parts = {part};
            if (score)
                answer.record.rating
                    = Rating{Rating::When::RightAfter, {{u"candor"_s, *score}}, {}, {}, answer.answeredAt};
            return m_store->addAnswer(answer);
        };
        const qint64 first = *addAnswer(0, 2, {{1, Milliseconds(20000)}});
        QVERIFY(addAnswer(1, 4, {{1, Milliseconds(40000)}}));
        QVERIFY(addAnswer(2, std::nullopt, {}));

        QCOMPARE(m_store->answer(first)->practisedStory, std::optional(PractisedStory{cache, u"Cache"_s}));
        const QList<StoryPractice> practice = m_store->storyPractice();
        QCOMPARE(practice.size(), 1); // the third answer has no story; Rollout was never practised
        QCOMPARE(practice.first().storyId, cache);
        QCOMPARE(practice.first().answers, 2);
        QCOMPARE(practice.first().rated, 2);
        QCOMPARE(practice.first().meanScore, std::optional(3.0));
        QCOMPARE(practice.first().meanPhaseMs, (QList<qint64>{30000, 70000}));

        // Deleted, the story is still named with the answers practised with it.
        QVERIFY(m_store->deleteStory(cache));
        QCOMPARE(m_store->answer(first)->practisedStory, std::optional(PractisedStory{0, u"Cache"_s}));
        QCOMPARE(m_store->storyPractice().first().title, u"Cache"_s);
        // And the answer deleted takes its choice with it.
        QVERIFY(m_store->deleteAnswer(first));
        QVERIFY(!m_store->practisedStory(u"s1"_s, 0));
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LibraryStore> m_store;
};

QTEST_GUILESS_MAIN(StoryStoreTest)
#include "story_store_test.moc"
