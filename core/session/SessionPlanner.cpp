#include "SessionPlanner.h"

#include "QuestionSelector.h"
#include "loops/Loop.h"

#include <QCoreApplication>
#include <QSet>

namespace MockLoop::SessionPlanner {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MockLoop::SessionPlanner", text);
}

// How many full-loop plans to try before settling for one that leaves a round short: rounds
// share questions, and an unlucky early pick can starve a later round.
constexpr int FullLoopAttempts = 64;

class Planner
{
public:
    Planner(const Loop &loop, const SessionRequest &request, SeededRandom &random,
            const QHash<QString, QuestionStats> &stats, const QDateTime &now)
        : m_loop(loop)
        , m_request(request)
        , m_random(random)
        , m_selector(random, stats, now)
    { }

    PlannedQuestion planQuestion(const Question &question, const Round &round)
    {
        PlannedQuestion planned;
        planned.questionId = question.id;
        planned.roundId = round.id;
        const SessionSettings &settings = m_request.settings;
        planned.answerSeconds = settings.answerSecondsOverride > 0 ? settings.answerSecondsOverride
                                                                   : m_loop.suggestedAnswerSeconds(question, &round);
        // The question's own probes first, then the round's, each group in a seeded order.
        QStringList own = question.followUps;
        QStringList roundWide = round.followUps;
        m_random.shuffle(own);
        m_random.shuffle(roundWide);
        planned.followUps = (own + roundWide).mid(0, std::max(0, settings.followUpsPerQuestion));
        return planned;
    }

    SessionSegment roundSegment(const Round &round, QSet<QString> &used)
    {
        SessionSegment segment;
        segment.roundId = round.id;
        segment.title = round.title;
        segment.durationMinutes = round.durationMinutes;
        segment.untilTimeIsUp = round.untilTimeIsUp();
        QList<const Question *> pool;
        for (const Question *question : m_loop.questionPool(round)) {
            if (!used.contains(question->id))
                pool.append(question);
        }
        pool = m_selector.preferred(pool);
        if (!round.untilTimeIsUp())
            pool = pool.mid(0, *round.questionCount);
        for (const Question *question : std::as_const(pool)) {
            used.insert(question->id);
            segment.questions.append(planQuestion(*question, round));
        }
        return segment;
    }

    Result fullLoop()
    {
        // The most constrained rounds (fewest spare questions) choose first.
        QList<const Round *> order;
        for (const Round &round : m_loop.rounds)
            order.append(&round);
        std::stable_sort(order.begin(), order.end(),
                         [this](const Round *a, const Round *b) { return spare(*a) < spare(*b); });

        Result best;
        int bestShortfall = std::numeric_limits<int>::max();
        for (int attempt = 0; attempt < FullLoopAttempts && bestShortfall > 0; ++attempt) {
            QSet<QString> used;
            QHash<QString, SessionSegment> segments;
            int shortfall = 0;
            for (const Round *round : std::as_const(order)) {
                SessionSegment segment = roundSegment(*round, used);
                if (!round->untilTimeIsUp())
                    shortfall += *round->questionCount - int(segment.questions.size());
                else if (segment.questions.isEmpty())
                    ++shortfall;
                segments.insert(round->id, segment);
            }
            if (shortfall < bestShortfall) {
                bestShortfall = shortfall;
                best.plan.segments.clear();
                for (const Round &round : m_loop.rounds)
                    best.plan.segments.append(segments.value(round.id));
            }
        }
        return best;
    }

    Result oneRound()
    {
        const Round *round = m_loop.round(m_request.roundId);
        if (!round)
            return {{}, tr("The loop has no round '%1'.").arg(m_request.roundId)};
        QSet<QString> used;
        Result result;
        result.plan.segments.append(roundSegment(*round, used));
        return result;
    }

    const Round *firstRoundAsking(const Question &question) const
    {
        for (const Round &round : m_loop.rounds) {
            if (m_loop.questionPool(round).contains(&question))
                return &round;
        }
        return nullptr;
    }

    QList<const Question *> askableQuestions() const
    {
        QList<const Question *> askable;
        for (const Question &question : m_loop.questions) {
            if (firstRoundAsking(question))
                askable.append(&question);
        }
        return askable;
    }

    Result singleQuestion()
    {
        const Question *question = nullptr;
        const Round *round = nullptr;
        switch (m_request.pick) {
        case QuestionPick::Chosen:
            question = m_loop.question(m_request.questionId);
            if (!question)
                return {{}, tr("The loop has no question '%1'.").arg(m_request.questionId)};
            break;
        case QuestionPick::RandomFromRound:
            round = m_loop.round(m_request.roundId);
            if (!round)
                return {{}, tr("The loop has no round '%1'.").arg(m_request.roundId)};
            question = m_selector.random(m_loop.questionPool(*round));
            break;
        case QuestionPick::RandomFromCategory: {
            QList<const Question *> inCategory;
            for (const Question *candidate : askableQuestions()) {
                if (candidate->categoryId == m_request.categoryId)
                    inCategory.append(candidate);
            }
            question = m_selector.random(inCategory);
            if (!question)
                return {{}, tr("The loop has no questions in category '%1'.").arg(m_request.categoryId)};
            break;
        }
        case QuestionPick::RandomAny:
            question = m_selector.random(askableQuestions());
            break;
        case QuestionPick::NextDue:
            question = m_selector.nextDue(askableQuestions());
            break;
        }
        if (!question)
            return {{}, tr("The loop has no question to ask.")};
        if (!round)
            round = firstRoundAsking(*question);
        if (!round)
            return {{}, tr("No round of the loop asks question '%1'.").arg(question->id)};

        SessionSegment segment;
        segment.roundId = round->id;
        segment.title = round->title;
        segment.hasBriefing = false;
        segment.questions.append(planQuestion(*question, *round));
        Result result;
        result.plan.segments.append(segment);
        return result;
    }

    Result quickDrill()
    {
        const QList<const Question *> chosen
            = m_selector.preferred(askableQuestions()).mid(0, std::max(1, m_request.settings.drillQuestionCount));
        if (chosen.isEmpty())
            return {{}, tr("The loop has no question to ask.")};
        SessionSegment segment;
        segment.title = tr("Quick drill");
        segment.hasBriefing = false;
        for (const Question *question : chosen)
            segment.questions.append(planQuestion(*question, *firstRoundAsking(*question)));
        Result result;
        result.plan.segments.append(segment);
        return result;
    }

private:
    int spare(const Round &round) const
    {
        const int pool = int(m_loop.questionPool(round).size());
        return round.untilTimeIsUp() ? pool : pool - *round.questionCount;
    }

    const Loop &m_loop;
    const SessionRequest &m_request;
    SeededRandom &m_random;
    QuestionSelector m_selector;
};

} // namespace

Result plan(const Loop &loop, const SessionRequest &request, const QHash<QString, QuestionStats> &stats,
            const QDateTime &now)
{
    SeededRandom random(request.seed);
    Planner planner(loop, request, random, stats, now);
    Result result = [&planner, &request]() -> Result {
        switch (request.mode) {
        case SessionMode::FullLoop:
            return planner.fullLoop();
        case SessionMode::OneRound:
            return planner.oneRound();
        case SessionMode::SingleQuestion:
            return planner.singleQuestion();
        case SessionMode::QuickDrill:
            return planner.quickDrill();
        }
        return {{}, tr("Unknown session mode.")};
    }();
    // A session of one segment ends on the session's summary, which says all a round's wrap-up
    // would: two near-identical pages in a row would be one too many.
    if (result.plan.segments.size() == 1)
        result.plan.segments.first().hasWrapUp = false;
    return result;
}

} // namespace MockLoop::SessionPlanner
