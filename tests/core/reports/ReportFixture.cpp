#include "ReportFixture.h"

#include "analysis/AnswerAnalysis.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace MockLoop::ReportFixture {

std::shared_ptr<const Loop> loop()
{
    auto made = std::make_shared<Loop>();
    made->id = u"report-loop"_s;
    made->title = u"Report Loop"_s;
    made->levels = {Level{u"L6"_s, u"Senior Manager"_s, {}, {}, {}, {}}};
    made->storyStructure.phases = {StoryPhase{u"situation"_s, u"Situation"_s, 30, {}, {}, {}},
                                   StoryPhase{u"action"_s, u"Action"_s, 60, {}, {}, {}}};
    RubricDimension judgment;
    judgment.id = u"judgment"_s;
    judgment.title = u"Judgment"_s;
    judgment.anchors = {u"Guesses, rarely checks."_s, u"Decides on partial data, checks afterwards."_s,
                        u"Weighs the options with data."_s, u"Sets the standard for others; teaches it."_s};
    RubricDimension impact;
    impact.id = u"impact"_s;
    impact.title = u"Impact"_s;
    impact.anchors
        = {u"None shown."_s, u"Local to the team."_s, u"Across the org, measured."_s, u"Company-wide and lasting."_s};
    made->dimensions = {judgment, impact};
    made->redFlagGroups = {RedFlagGroup{u"ownership"_s, u"Ownership"_s, {RedFlag{u"blame"_s, u"Blames others"_s}}}};
    Round round;
    round.id = u"hm"_s;
    round.title = u"Hiring Manager"_s;
    round.rubricDimensionIds = {u"judgment"_s, u"impact"_s};
    made->rounds = {round};
    for (int n = 1; n <= 40; ++n) {
        Question question;
        question.id = u"q%1"_s.arg(n);
        question.text = questionText(n);
        question.roundIds = {u"hm"_s};
        question.answerSeconds = 120;
        made->questions.append(question);
    }
    return made;
}

QString questionText(int number)
{
    return u"Tell me about decision number %1 you made."_s.arg(number);
}

namespace {

AnswerAnalysis analysisOf(int number, int spokenWords)
{
    AnswerAnalysis analysis;
    analysis.durationMs = 150000;
    analysis.analysedMs = 150000;
    analysis.speechFound = true;
    analysis.speakingMs = 60000;
    analysis.speech = {{0, 1000}, {4000, 61000}};
    analysis.pauses = {{1000, 4000}};
    analysis.wordsPerMinute = 140 + number;
    analysis.fillersPerMinute = 1.5;
    analysis.words
        = {RecognizedWord{u"so"_s, 0, 300, 0.9, false, 1}, RecognizedWord{u"um"_s, 400, 900, 0.8, true, 1},
           RecognizedWord{u"we"_s, 4000, 4200, 0.9, false, 1}, RecognizedWord{u"shipped"_s, 4300, 4800, 0.9, false, 1}};
    static const QStringList Spoken
        = {u"the"_s, u"team"_s,  u"measured"_s, u"latency"_s, u"and"_s, u"I"_s,     u"decided"_s, u"to"_s,
           u"cut"_s, u"forty"_s, u"percent"_s,  u"of"_s,      u"the"_s, u"scope"_s, u"because"_s};
    for (int i = 0; i < spokenWords; ++i) {
        const qint64 start = 5000 + qint64(i) * 160;
        const bool filler = i % 40 == 39;
        analysis.words.append(
            RecognizedWord{filler ? u"uh"_s : Spoken.at(i % Spoken.size()), start, start + 140, 0.85, filler, 1});
    }
    return analysis;
}

} // namespace

void fill(LibraryStore &store, int answerCount, bool analysed, const QString &sessionId, const QDateTime &startedAt,
          int spokenWords)
{
    SessionRecord session;
    session.id = sessionId;
    session.mode = SessionMode::OneRound;
    session.loopId = u"report-loop"_s;
    session.loopVersion = 1;
    session.loopTitle = u"Report Loop"_s;
    session.levelId = u"L6"_s;
    session.startedAt = startedAt;
    store.addSession(session);
    for (int n = 1; n <= answerCount; ++n) {
        const bool last = n == answerCount;
        LibraryStore::NewAnswer answer;
        answer.sessionId = session.id;
        answer.answeredAt = session.startedAt.addSecs(n * 300);
        answer.roundTitle = u"Hiring Manager"_s;
        answer.record.ordinal = n - 1;
        answer.record.roundId = u"hm"_s;
        answer.record.questionId = u"q%1"_s.arg(n);
        answer.record.questionText = last ? HostileQuestion : questionText(n);
        AnswerPart part;
        part.duration = 150s;
        part.limit = 120s;
        part.phaseMarks = {{0, 0s}, {1, 40s}};
        answer.record.parts = {part};
        Rating rating;
        rating.scores = {{u"judgment"_s, n % 2 == 1 ? 2 : 3}, {u"impact"_s, 3}};
        if (n == 1)
            rating.redFlagIds = {u"blame"_s};
        rating.notes = last ? HostileNote : u"Rated note %1"_s.arg(n);
        rating.ratedAt = answer.answeredAt;
        answer.record.rating = rating;
        answer.record.notes = last ? HostileNote : u"Answer note %1"_s.arg(n);
        const std::optional<qint64> id = store.addAnswer(answer);
        Q_ASSERT(id);
        if (n == 1) {
            Rating replay;
            replay.when = Rating::When::AfterReplay;
            replay.scores = {{u"judgment"_s, 4}, {u"impact"_s, 3}};
            replay.notes = u"Better on replay"_s;
            replay.ratedAt = answer.answeredAt.addSecs(60);
            store.addReplayRating(*id, replay);
        }
        if (analysed) {
            const AnswerAnalysis result = analysisOf(n, spokenWords);
            AnalysisRecord record;
            record.analyzerVersion = result.analyzerVersion;
            record.analysedAt = answer.answeredAt;
            record.wordsPerMinute = result.wordsPerMinute;
            record.fillersPerMinute = result.fillersPerMinute;
            record.longestPauseMs = result.longestPauseMs();
            record.transcript = result.transcript();
            record.resultJson = QJsonDocument(result.toJson()).toJson(QJsonDocument::Compact);
            store.setAnalysis(*id, record);
        }
    }
}

} // namespace MockLoop::ReportFixture
