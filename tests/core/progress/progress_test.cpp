#include "ProgressFixture.h"
#include "common/ApplicationIdentity.h"
#include "library/LibrarySchema.h"
#include "library/PracticeLibrary.h"
#include "progress/Progress.h"
#include "progress/ProgressLoader.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The Progress page's numbers on a library with known ratings (ProgressFixture.h): trends,
// measured figures, calibration, evidence, readiness sentences, the queue and the calendar, each
// against the figures worked out by hand from the fixture.
class ProgressTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void answerFacts_carryScoresPhaseTimesAndEvidence();
    void libraryKeptBeforeProgress_readsTheSameAfterItsUpgrade();
    void chosenAnswers_giveTheirFactsForAComparison();
    void trends_averageTheNewestRatingsByWeekAndSession();
    void measuredFigures_averageTheMeasuredAnswersByWeek();
    void calibration_comparesTheTwoRatingsOfAnswersRatedTwice();
    void evidence_setsMeasuredFiguresBesideEachSelfRating();
    void readiness_saysPerRoundWhatIsLeftAndWhatIsWeak();
    void filters_narrowTheAnswersShown();
    void queue_putsDueAndWeakQuestionsFirst();
    void calendar_countsTheStreakAndThePlanPeriods();
    void dueSummary_countsTheQuestionsDueToday();
    void describeChange_namesBothFigures();
    void storyPractice_saysHowOftenHowRatedAndThePhaseTimes();

private:
    static ProgressFilter filterOf(const QString &level, const QString &round = {}, const QString &category = {},
                                   const QDate &from = {}, const QDate &to = {});
    ProgressData load(ProgressFilter filter);
    static const ChartSeries *series(const ChartData &chart, const QString &id);
    static void compareValues(const ChartSeries *series, const QList<std::optional<double>> &expected);

    std::shared_ptr<const Loop> m_loop;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<PracticeLibrary> m_library;
};

void ProgressTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance()); // English plurals
    QStandardPaths::setTestModeEnabled(true);
    m_loop = ProgressFixture::netflixLoop();
    QVERIFY(m_loop);
}

void ProgressTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_library = std::make_unique<PracticeLibrary>();
    QVERIFY(m_library->open(m_dir->filePath(u"library"_s)).result().ok());
    const auto loop = m_loop;
    QVERIFY(
        m_library->run([loop](LibraryStore *store) { return store && ProgressFixture::fill(*store, *loop); }).result());
}

void ProgressTest::cleanup()
{
    m_library.reset();
    m_dir.reset();
}

ProgressFilter ProgressTest::filterOf(const QString &level, const QString &round, const QString &category,
                                      const QDate &from, const QDate &to)
{
    ProgressFilter filter;
    filter.levelId = level;
    filter.roundId = round;
    filter.categoryId = category;
    filter.from = from;
    filter.to = to;
    return filter;
}

ProgressData ProgressTest::load(ProgressFilter filter)
{
    filter.loopId = m_loop->id;
    return loadProgress(*m_library, m_loop, filter, ProgressFixture::now(), ProgressFixture::interviewDate()).result();
}

const ChartSeries *ProgressTest::series(const ChartData &chart, const QString &id)
{
    for (const ChartSeries &one : chart.series) {
        if (one.id == id)
            return &one;
    }
    return nullptr;
}

void ProgressTest::compareValues(const ChartSeries *series, const QList<std::optional<double>> &expected)
{
    QVERIFY(series);
    QCOMPARE(series->values.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        QCOMPARE(series->values.at(i).has_value(), expected.at(i).has_value());
        if (expected.at(i))
            QVERIFY2(qAbs(*series->values.at(i) - *expected.at(i)) < 1e-9,
                     qPrintable(u"%1 at %2: %3, expected %4"_s.arg(series->id)
                                    .arg(i)
                                    .arg(*series->values.at(i))
                                    .arg(*expected.at(i))));
    }
}

void ProgressTest::answerFacts_carryScoresPhaseTimesAndEvidence()
{
    const QStringList dimensions = Progress::dimensionIdsOf(*m_loop);
    const QStringList flags = Progress::redFlagIdsOf(*m_loop);
    const QString loopId = m_loop->id;
    const AnswerFactSet set
        = m_library->run([=](LibraryStore *store) { return store->answerFacts(loopId, u"L6"_s, dimensions, flags); })
              .result();
    QCOMPARE(set.sessions.size(), 4); // the L5 session left out
    QCOMPARE(set.answers.size(), 13);
    const AnswerFacts &first = set.answers.first();
    QCOMPARE(first.localDate(), QDate(2025, 3, 3));
    QCOMPARE(first.rightAfter.at(dimensions.indexOf(u"innovation"_s)), 2);
    QCOMPARE(first.rightAfter.at(dimensions.indexOf(u"candor"_s)), 0); // not in the round's rubric
    QCOMPARE(QList<qint32>(first.phaseMs.cbegin(), first.phaseMs.cend()),
             (QList<qint32>{30000, 60000, 90000, 30000, 30000}));
    QCOMPARE(first.numbersHeard, 3);
    QCOMPARE(first.audienceMentions, 1);
    QCOMPARE(first.wordsPerMinute, 150.0);
    const AnswerFacts &replayed = set.answers.at(5);
    QCOMPARE(replayed.afterReplay.at(dimensions.indexOf(u"story-structure"_s)), 3);
    QCOMPARE(replayed.rightAfter.at(dimensions.indexOf(u"story-structure"_s)), 4);
    QCOMPARE(replayed.overtimeMs, 20000);
    const AnswerFacts &last = set.answers.last();
    QCOMPARE(last.redFlags.size(), 1);
    QCOMPARE(flags.at(last.redFlags.first()), m_loop->redFlagGroups.first().flags.first().id);
}

void ProgressTest::libraryKeptBeforeProgress_readsTheSameAfterItsUpgrade()
{
    // A library as MockLoop wrote it before the Progress page (version 3): an answer with phase marks,
    // a first rating, two ratings after a replay (the newest counts), red flags and an analysis.
    const QString folder = m_dir->filePath(u"old"_s);
    QVERIFY(QDir().mkpath(folder));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"version3"_s);
        db.setDatabaseName(folder + u"/library.sqlite"_s);
        QVERIFY(db.open());
        QString error;
        QVERIFY2(LibrarySchema::upgrade(db, 0, LibrarySchema::migrations().mid(0, 3), {}, &error), qPrintable(error));
        QSqlQuery query(db);
        const QStringList statements{
            u"INSERT INTO sessions (id, mode, loop_id, loop_version, level_id, seed, started_at) "
            "VALUES ('s', 'one-round', 'netflix-engineering-leadership', 1, 'L6', '1', 1741000000000)"_s,
            uR"(INSERT INTO answers (id, session_id, ordinal, round_id, question_id, question_text, answered_at,
                answer_ms, parts) VALUES (7, 's', 0, 'technical-leadership', 'tl-technical-debt', 'Q', 1741000000000,
                240000, '[{"followUp":-1,"durationMs":240000,"phaseMarks":[{"phase":1,"atMs":40000},
                {"phase":2,"atMs":100000}]}]'))"_s,
            u"INSERT INTO ratings (id, answer_id, kind, rated_at) VALUES (1, 7, 0, 1), (2, 7, 1, 2), (3, 7, 1, 3)"_s,
            u"INSERT INTO rating_scores (rating_id, dimension_id, score) VALUES (1, 'innovation', 2), "
            "(1, 'candor', 3), (2, 'innovation', 4), (3, 'innovation', 3), (3, 'candor', 1)"_s,
            u"INSERT INTO rating_red_flags (rating_id, flag_id) VALUES (1, 'needs-approval'), "
            "(3, 'excuses-for-results')"_s,
            uR"(INSERT INTO analyses (answer_id, analysed_at, result)
                VALUES (7, 1, '{"numbersHeard":[{},{}],"audienceMentions":[{},{},{}]}'))"_s,
        };
        for (const QString &statement : statements)
            QVERIFY2(query.exec(statement), qPrintable(query.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"version3"_s);

    LibraryStore::OpenResult opened = LibraryStore::open(folder);
    QVERIFY2(opened.store, qPrintable(opened.message));
    const QStringList dimensions = Progress::dimensionIdsOf(*m_loop);
    const QStringList flags = Progress::redFlagIdsOf(*m_loop);
    const AnswerFactSet set
        = opened.store->answerFacts(u"netflix-engineering-leadership"_s, QString(), dimensions, flags);
    QCOMPARE(set.answers.size(), 1);
    const AnswerFacts &answer = set.answers.first();
    QCOMPARE(answer.rightAfter.at(dimensions.indexOf(u"innovation"_s)), 2);
    QCOMPARE(answer.rightAfter.at(dimensions.indexOf(u"candor"_s)), 3);
    QCOMPARE(answer.afterReplay.at(dimensions.indexOf(u"innovation"_s)), 3); // the newest of the two
    QCOMPARE(answer.afterReplay.at(dimensions.indexOf(u"candor"_s)), 1);
    QCOMPARE(answer.redFlags.size(), 1);
    QCOMPARE(flags.at(answer.redFlags.first()), u"excuses-for-results"_s);
    QCOMPARE(answer.numbersHeard, 2);
    QCOMPARE(answer.audienceMentions, 3);
    QCOMPARE(QList<qint32>(answer.phaseMs.cbegin(), answer.phaseMs.cend()), (QList<qint32>{40000, 60000, 140000}));

    // A rating added after the upgrade becomes the newest, its scores and flags with it.
    Rating again;
    again.when = Rating::When::AfterReplay;
    again.ratedAt = QDateTime::currentDateTimeUtc();
    again.scores = {{u"innovation"_s, 4}};
    QVERIFY(opened.store->addReplayRating(7, again));
    const AnswerFactSet after
        = opened.store->answerFacts(u"netflix-engineering-leadership"_s, QString(), dimensions, flags);
    QCOMPARE(after.answers.first().afterReplay.at(dimensions.indexOf(u"innovation"_s)), 4);
    QCOMPARE(after.answers.first().afterReplay.at(dimensions.indexOf(u"candor"_s)), 0);
    QVERIFY(after.answers.first().redFlags.isEmpty());
    QCOMPARE(after.answers.first().rightAfter.at(dimensions.indexOf(u"innovation"_s)), 2);
}

void ProgressTest::chosenAnswers_giveTheirFactsForAComparison()
{
    const QStringList dimensions = Progress::dimensionIdsOf(*m_loop);
    const QStringList flags = Progress::redFlagIdsOf(*m_loop);
    const QString loopId = m_loop->id;
    const auto [all, chosen]
        = m_library
              ->run([=](LibraryStore *store) {
                  const AnswerFactSet whole = store->answerFacts(loopId, u"L6"_s, dimensions, flags);
                  return std::pair(
                      whole,
                      store->answerFactsOf({whole.answers.at(1).id, whole.answers.at(0).id, whole.answers.at(5).id},
                                           dimensions, flags));
              })
              .result();
    QCOMPARE(chosen.answers.size(), 3);
    QCOMPARE(chosen.sessions.size(), 2);
    QCOMPARE(chosen.answers.at(0).id, all.answers.at(0).id); // oldest first
    const AnswerFacts &first = chosen.answers.at(0);
    const AnswerFacts &second = chosen.answers.at(1);
    QCOMPARE(Progress::describeChange(Progress::Measure::Pace, Progress::measureOf(first, Progress::Measure::Pace),
                                      Progress::measureOf(second, Progress::Measure::Pace)),
             u"pace 150 → 170 wpm"_s);
    QCOMPARE(Progress::describeChange(Progress::Measure::Overtime,
                                      Progress::measureOf(first, Progress::Measure::Overtime),
                                      Progress::measureOf(chosen.answers.at(2), Progress::Measure::Overtime)),
             u"overtime 0 → 20 s"_s);
    QCOMPARE(chosen.answers.at(2).afterReplay.at(dimensions.indexOf(u"quantified-results"_s)), 2);
}

void ProgressTest::trends_averageTheNewestRatingsByWeekAndSession()
{
    const ProgressData data = load(filterOf(u"L6"_s));
    QCOMPARE(data.answers, 13);
    QCOMPARE(data.ratedAnswers, 13);
    QCOMPARE(data.ratedTwice, 1);
    QCOMPARE(data.analysedAnswers, 2);
    QCOMPARE(data.trendByWeek.points, (QStringList{u"3 Mar"_s, u"10 Mar"_s, u"17 Mar"_s}));
    // Week 2: four answers average 22/6, the re-rated one 19/6 (its newest rating), the last 23/6.
    compareValues(series(data.trendByWeek, u"overall"_s), {22.0 / 6, 3.6, (2.5 + 2.5 + 3.5) / 3});
    compareValues(series(data.trendByWeek, u"innovation"_s), {2.0, 2.2, std::nullopt});
    compareValues(series(data.trendByWeek, u"story-structure"_s), {4.0, 3.8, std::nullopt});
    compareValues(series(data.trendByWeek, u"candor"_s), {std::nullopt, std::nullopt, 7.0 / 3});
    QCOMPARE(data.trendByWeek.formatValue(7.0 / 3), u"2.3"_s);
    QCOMPARE(data.trendBySession.points,
             (QStringList{u"#1, 3 Mar"_s, u"#2, 10 Mar"_s, u"#3, 18 Mar"_s, u"#4, 19 Mar"_s}));
    compareValues(series(data.trendBySession, u"candor"_s), {std::nullopt, std::nullopt, 2.0, 3.0});
}

void ProgressTest::measuredFigures_averageTheMeasuredAnswersByWeek()
{
    const ProgressData data = load(filterOf(u"L6"_s));
    QCOMPARE(data.measures.size(), 5);
    compareValues(&data.measures.at(0).series.first(), {160.0, std::nullopt, std::nullopt}); // pace
    compareValues(&data.measures.at(1).series.first(), {3.0, std::nullopt, std::nullopt}); // likely fillers
    compareValues(&data.measures.at(2).series.first(), {2.0, std::nullopt, std::nullopt}); // longest pause, s
    compareValues(&data.measures.at(3).series.first(), {0.0, 20.0, 0.0}); // overtime, s
    const ChartData &phases = data.measures.at(4);
    compareValues(series(phases, u"challenge"_s), {30.0, 100.0, 30.0});
    compareValues(series(phases, u"decision"_s), {60.0, 30.0, 60.0});
    compareValues(series(phases, u"member-impact"_s), {30.0, 40.0, 30.0});
    QVERIFY(data.measures.at(1).note.contains(u"Likely fillers"_s));
}

void ProgressTest::calibration_comparesTheTwoRatingsOfAnswersRatedTwice()
{
    const ProgressData data = load(filterOf(u"L6"_s));
    // One answer rated twice: Story Structure 4 then 3, Quantified Results 4 then 2, four others the same.
    compareValues(series(data.calibrationByWeek, u"all"_s), {std::nullopt, 0.5, std::nullopt});
    compareValues(series(data.calibrationByWeek, u"story-structure"_s), {std::nullopt, 1.0, std::nullopt});
    compareValues(series(data.calibrationByWeek, u"quantified-results"_s), {std::nullopt, 2.0, std::nullopt});
    compareValues(series(data.calibrationByWeek, u"innovation"_s), {std::nullopt, 0.0, std::nullopt});
    const ChartData &side = data.calibrationByDimension;
    const qsizetype quantified = Progress::dimensionIdsOf(*m_loop).indexOf(u"quantified-results"_s);
    QCOMPARE(series(side, u"right-after"_s)->values.at(quantified), 4.0);
    QCOMPARE(series(side, u"after-replay"_s)->values.at(quantified), 2.0);
    QCOMPARE(series(side, u"difference"_s)->values.at(quantified), 2.0);
    QCOMPARE(data.calibrationByWeek.formatValue(0.5), u"0.50"_s);
}

void ProgressTest::evidence_setsMeasuredFiguresBesideEachSelfRating()
{
    const ProgressData data = load(filterOf(u"L6"_s));
    const ChartData &evidence = data.evidence;
    QCOMPARE(evidence.points, (QStringList{u"Rated 1"_s, u"Rated 2"_s, u"Rated 3"_s, u"Rated 4"_s}));
    compareValues(series(evidence, u"quantified-results"_s), {std::nullopt, std::nullopt, std::nullopt, 2.0});
    // Phases on time: five in week 1's answers, four in week 2's; the re-rated one says 3.
    compareValues(series(evidence, u"story-structure"_s), {std::nullopt, std::nullopt, 4.0, 41.0 / 9});
    compareValues(series(evidence, u"member-impact-link"_s), {std::nullopt, std::nullopt, std::nullopt, 0.5});
    QCOMPARE(series(evidence, u"quantified-results"_s)->title, u"Quantified Results ↔ numbers heard"_s);
    QVERIFY(evidence.note.contains(u"not a verdict"_s));
}

void ProgressTest::readiness_saysPerRoundWhatIsLeftAndWhatIsWeak()
{
    const ProgressData data = load(filterOf(u"L6"_s));
    QCOMPARE(data.readiness.size(), m_loop->rounds.size());
    const RoundReadiness &technical = data.readiness.at(1);
    QCOMPARE(technical.sentence,
             u"Technical Leadership: 6 of 12 questions never practised; Innovation & Risk-Taking averages 2.1"_s);
    const RoundReadiness &hiring = data.readiness.at(0);
    // Its pool of 11 holds one Technical Leadership question practised in week 1, besides the two
    // practised in the round.
    QCOMPARE(m_loop->questionPool(*m_loop->round(u"hiring-manager"_s)).size(), 11);
    QCOMPARE(hiring.sentence,
             u"Hiring Manager: 8 of 11 questions never practised; 1 question below an average of 3; Candor & "
             "Feedback averages 2.3; “Making excuses for poor performance or results” ticked 3 times"_s);
    QCOMPARE(hiring.belowThree.size(), 1);
    QCOMPARE(hiring.belowThree.first().average, 2.5);
}

void ProgressTest::filters_narrowTheAnswersShown()
{
    const ProgressData technical = load(filterOf(u"L6"_s, u"technical-leadership"_s));
    QCOMPARE(technical.answers, 10);
    QCOMPARE(technical.trendByWeek.points, (QStringList{u"3 Mar"_s, u"10 Mar"_s}));
    QCOMPARE(technical.readiness.size(), 1);
    QVERIFY(!series(technical.trendByWeek, u"candor"_s));

    const ProgressData everyLevel = load(filterOf(QString(), u"technical-leadership"_s));
    QCOMPARE(everyLevel.answers, 11);
    QCOMPARE(everyLevel.readiness.first().sentence,
             u"Technical Leadership: 5 of 12 questions never practised; 1 question below an average of 3; Innovation & "
             "Risk-Taking averages 2.0"_s);

    const ProgressData category = load(filterOf(u"L6"_s, QString(), u"technical-leadership"_s));
    // Technical Leadership's pool holds questions of other categories too: 6 of its 10 answers are of its own.
    int ofCategory = 0;
    const QList<const Question *> pool = m_loop->questionPool(*m_loop->round(u"technical-leadership"_s));
    for (const int q : {0, 1, 2, 3, 4, 0, 1, 2, 3, 5})
        ofCategory += pool.at(q)->categoryId == u"technical-leadership"_s ? 1 : 0;
    QCOMPARE(ofCategory, 6);
    QCOMPARE(category.answers, 6);
    const ProgressData march10 = load(filterOf(u"L6"_s, QString(), QString(), QDate(2025, 3, 10), QDate(2025, 3, 16)));
    QCOMPARE(march10.answers, 5);
    QCOMPARE(march10.trendByWeek.points, QStringList{u"10 Mar"_s});
}

void ProgressTest::queue_putsDueAndWeakQuestionsFirst()
{
    const ProgressData data = load(filterOf(u"L6"_s, u"technical-leadership"_s));
    const QList<const Question *> pool = m_loop->questionPool(*m_loop->round(u"technical-leadership"_s));
    QStringList order;
    for (const QueueEntry &entry : data.queue)
        order << entry.questionId;
    // Question 7, rated 1 at level L5 on 12 March, came back the next day; then 0 and 4, due on the
    // 17th; 6 and 8 to 11 were never practised; the rest come back on the 24th.
    QCOMPARE(pool.size(), 12);
    QCOMPARE(order,
             (QStringList{pool.at(7)->id, pool.at(0)->id, pool.at(4)->id, pool.at(6)->id, pool.at(8)->id,
                          pool.at(9)->id, pool.at(10)->id, pool.at(11)->id, pool.at(1)->id, pool.at(2)->id,
                          pool.at(3)->id, pool.at(5)->id}));
    QCOMPARE(data.queue.at(0).statusText, u"Overdue by 6 days · last rated 1.0"_s);
    QCOMPARE(data.queue.at(1).statusText, u"Overdue by 2 days · last rated 3.2"_s);
    QCOMPARE(data.queue.at(3).statusText, u"Never practised"_s);
    QCOMPARE(data.queue.at(8).statusText, u"Due in 5 days · last rated 3.7"_s);
    QCOMPARE(data.queue.at(0).roundTitle, u"Technical Leadership"_s);
    QCOMPARE(data.dueToday, 3);
    QCOMPARE(data.neverPractised, 5);
}

void ProgressTest::calendar_countsTheStreakAndThePlanPeriods()
{
    const ProgressData data = load(filterOf(u"L6"_s));
    const PracticeCalendar &calendar = data.calendar;
    QCOMPARE(calendar.streakDays, 2);
    QCOMPARE(calendar.streakText, u"2 days in a row"_s);
    QCOMPARE(calendar.answersByDay.size(), 4);
    QCOMPARE(calendar.answersByDay.first(), std::pair(QDate(2025, 3, 3), 5));
    QVERIFY(calendar.interviewDateChosen);
    QCOMPARE(calendar.plan.size(), 4);
    QCOMPARE(calendar.plan.at(0).summary,
             u"8 Weeks Before (3 Mar – 30 Mar): practised on 4 of 17 days, 13 answers so far"_s);
    QCOMPARE(calendar.plan.at(1).summary, u"4 Weeks Before (31 Mar – 20 Apr): starts in 12 days"_s);
    QCOMPARE(calendar.plan.at(3).summary, u"Day of Interview (28 Apr): starts in 40 days"_s);
}

void ProgressTest::dueSummary_countsTheQuestionsDueToday()
{
    const Progress::DueSummary summary = loadDueSummary(*m_library, m_loop, ProgressFixture::now()).result();
    QCOMPARE(summary.dueToday, 3);
    QCOMPARE(summary.neverPractised, int(m_loop->questions.size()) - 9);
    QCOMPARE(summary.text, u"3 questions due today · %1 never practised"_s.arg(m_loop->questions.size() - 9));
}

void ProgressTest::describeChange_namesBothFigures()
{
    QCOMPARE(Progress::describeChange(Progress::Measure::Pace, 172.0, 148.0), u"pace 172 → 148 wpm"_s);
    QCOMPARE(Progress::describeChange(Progress::Measure::Fillers, 9.0, 3.0), u"likely fillers 9.0 → 3.0 per min"_s);
    QCOMPARE(Progress::describeChange(Progress::Measure::LongestPause, std::nullopt, 2.5),
             u"longest pause not measured → 2.5 s"_s);
    QCOMPARE(Progress::describeChange(Progress::Measure::Pace, 150.0, std::nullopt), u"pace 150 wpm → not measured"_s);
}

// A story practised on the cue card: the sentence the Progress page and the Stories page show.
void ProgressTest::storyPractice_saysHowOftenHowRatedAndThePhaseTimes()
{
    const StoryStructure &structure = m_loop->storyStructure;
    QVERIFY(structure.phases.size() >= 2);
    StoryPractice practice;
    practice.storyId = 7;
    practice.title = u"Cache"_s;
    practice.answers = 3;
    practice.rated = 2;
    practice.meanScore = 3.2;
    // The first phase on time, the second a little over its target.
    practice.meanPhaseMs = {qint64(structure.phases.at(0).targetSeconds) * 1000 - 2000,
                            qint64(structure.phases.at(1).targetSeconds) * 1000 + 40000};
    practice.lastPractised = QDateTime(QDate(2026, 3, 3), QTime(12, 0));
    const auto clock = [](int seconds) { return u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0')); };
    const StoryPhase &first = structure.phases.at(0);
    const StoryPhase &second = structure.phases.at(1);
    const QString expected = u"Practised 3 times on the cue card, rated 3.2 on average; time in each phase: "
                             "%1 %2 of %3, %4 %5 of %6 (over); last on %7."_s.arg(
                                 first.title, clock(first.targetSeconds - 2), clock(first.targetSeconds), second.title,
                                 clock(second.targetSeconds + 40), clock(second.targetSeconds),
                                 QLocale().toString(QDate(2026, 3, 3), u"d MMM"_s));
    QCOMPARE(Progress::describeStoryPractice(practice, structure), expected);

    // Once, unrated, no phase marks, the story deleted since.
    StoryPractice once;
    once.answers = 1;
    QCOMPARE(Progress::describeStoryPractice(once, structure),
             u"Practised once on the cue card (the story was deleted since)."_s);

    // compute() lists them as the library gives them.
    Progress::Input input;
    input.loop = m_loop;
    input.filter.loopId = m_loop->id;
    input.now = QDateTime(QDate(2026, 3, 4), QTime(9, 0));
    input.storyPractice = {practice, once};
    const ProgressData data = Progress::compute(input);
    QCOMPARE(data.stories.size(), 2);
    QCOMPARE(data.stories.at(0).storyId, 7);
    QCOMPARE(data.stories.at(0).title, u"Cache"_s);
    QCOMPARE(data.stories.at(0).sentence, expected);
}

QTEST_GUILESS_MAIN(ProgressTest)
#include "progress_test.moc"
