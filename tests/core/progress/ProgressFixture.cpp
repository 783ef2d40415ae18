#include "ProgressFixture.h"

#include "../../common/SampleLibrary.h"
#include "loops/LoopLoader.h"

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace ProgressFixture {

namespace {

QDateTime at(int day, int hour, int minute = 0)
{
    return QDateTime(QDate(2025, 3, day), QTime(hour, minute));
}

struct Adder
{
    LibraryStore &store;
    const Loop &loop;
    bool ok = true;
    int ordinal = 0;

    void session(const QString &id, const QDateTime &startedAt, const QString &level)
    {
        const SessionRecord session = SampleLibrary::session(loop, id, startedAt, level, 1);
        ok = store.addSession(session) && ok;
        ordinal = 0;
    }

    std::optional<qint64> answer(const QString &sessionId, const QDateTime &answeredAt, const Round &round,
                                 const Question &question, const QMap<QString, int> &scores,
                                 const QList<PhaseMark> &marks, Milliseconds duration, const QStringList &redFlags = {})
    {
        AnswerPart part;
        part.limit = 240s;
        part.duration = duration;
        part.phaseMarks = marks;
        Rating rating;
        rating.ratedAt = answeredAt.addSecs(300);
        rating.scores = scores;
        rating.redFlagIds = redFlags;
        const auto answer = SampleLibrary::answer(sessionId, ordinal++, answeredAt, round, question, part, rating);
        const auto id = store.addAnswer(answer);
        ok = id.has_value() && ok;
        return id;
    }
};

QMap<QString, int> allScores(const Round &round, int score)
{
    QMap<QString, int> scores;
    for (const QString &dimension : round.rubricDimensionIds)
        scores.insert(dimension, score);
    return scores;
}

} // namespace

std::shared_ptr<const Loop> netflixLoop()
{
    const LoopLoadResult result = LoopLoader::loadFile(
        QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    return result.loop ? std::make_shared<const Loop>(*result.loop) : nullptr;
}

QDateTime now()
{
    return at(19, 12);
}

QDate interviewDate()
{
    return QDate(2025, 4, 28);
}

bool fill(LibraryStore &store, const Loop &loop)
{
    Adder add{store, loop};
    const Round &technical = *loop.round(u"technical-leadership"_s);
    const Round &hiring = *loop.round(u"hiring-manager"_s);
    const QList<const Question *> technicalPool = loop.questionPool(technical);
    const QList<const Question *> hiringPool = loop.questionPool(hiring);
    const QList<PhaseMark> onTarget{{1, 30s}, {2, 90s}, {3, 180s}, {4, 210s}}; // 30/60/90/30/30 of 240 s
    const QList<PhaseMark> longChallenge{{1, 100s}, {2, 130s}, {3, 200s}, {4, 220s}}; // 100/30/70/20/40 of 260 s

    add.session(u"week1"_s, at(3, 10), u"L6"_s);
    for (int q = 0; q < 5; ++q) {
        QMap<QString, int> scores = allScores(technical, 4);
        scores[u"innovation"_s] = 2;
        const auto id
            = add.answer(u"week1"_s, at(3, 10, q * 5), technical, *technicalPool.at(q), scores, onTarget, 240s);
        if (id && q < 2) {
            // Measured: numbers and member mentions heard, pace, likely fillers, the longest pause.
            AnalysisRecord analysis;
            analysis.analyzerVersion = 1;
            analysis.analysedAt = at(3, 11);
            analysis.wordsPerMinute = q == 0 ? 150.0 : 170.0;
            analysis.fillersPerMinute = q == 0 ? 2.0 : 4.0;
            analysis.longestPauseMs = q == 0 ? 1500 : 2500;
            analysis.resultJson = q == 0 ? R"({"numbersHeard":[{},{},{}],"audienceMentions":[{}]})"_ba
                                         : R"({"numbersHeard":[{}],"audienceMentions":[]})"_ba;
            add.ok = store.setAnalysis(*id, analysis) && add.ok;
        }
    }

    add.session(u"week2"_s, at(10, 10), u"L6"_s);
    const QList<int> technicalWeek2{0, 1, 2, 3, 5};
    for (int i = 0; i < technicalWeek2.size(); ++i) {
        QMap<QString, int> scores = allScores(technical, 4);
        scores[u"innovation"_s] = i == 4 ? 3 : 2;
        const auto id = add.answer(u"week2"_s, at(10, 10, i * 5), technical, *technicalPool.at(technicalWeek2.at(i)),
                                   scores, longChallenge, 260s);
        if (id && i == 0) {
            Rating first;
            first.scores = scores;
            Rating replay = SampleLibrary::replayOf(first, at(11, 9));
            replay.scores[u"story-structure"_s] = 3;
            replay.scores[u"quantified-results"_s] = 2;
            add.ok = store.addReplayRating(*id, replay) && add.ok;
        }
    }

    add.session(u"other-level"_s, at(12, 10), u"L5"_s);
    add.answer(u"other-level"_s, at(12, 10), technical, *technicalPool.at(7), allScores(technical, 1), onTarget, 240s);

    const QString flag = loop.redFlagGroups.first().flags.first().id;
    add.session(u"hiring1"_s, at(18, 9), u"L6"_s);
    for (int q = 0; q < 2; ++q) {
        add.answer(u"hiring1"_s, at(18, 9, q * 5), hiring, *hiringPool.at(q),
                   {{u"candor"_s, 2}, {u"high-performance"_s, 3}}, onTarget, 240s, {flag});
    }
    add.session(u"hiring2"_s, at(19, 9), u"L6"_s);
    add.answer(u"hiring2"_s, at(19, 9), hiring, *hiringPool.at(0), {{u"candor"_s, 3}, {u"high-performance"_s, 4}},
               onTarget, 240s, {flag});
    return add.ok;
}

} // namespace ProgressFixture
