#include "ProgressInternal.h"

// Readiness per round: what is left to practise and what keeps scoring low.

using namespace Qt::StringLiterals;

namespace MockLoop::Progress::Internal {

namespace {

struct Sum
{
    double total = 0;
    int count = 0;

    void add(double value)
    {
        total += value;
        ++count;
    }
    double mean() const { return total / count; }
};

QString sentenceOf(const RoundReadiness &round, bool rated)
{
    QStringList parts;
    if (round.questionCount > 0) {
        parts
            << (round.neverPractised.isEmpty()
                    ? tr("all %n question(s) practised", round.questionCount)
                    : tr("%1 of %n question(s) never practised", round.questionCount).arg(round.neverPractised.size()));
    }
    if (!round.belowThree.isEmpty())
        parts << tr("%n question(s) below an average of 3", int(round.belowThree.size()));
    // The two weakest dimensions by name; a sentence naming seven says less than one naming two.
    constexpr qsizetype DimensionsNamed = 2;
    QStringList dimensions;
    for (qsizetype d = 0; d < round.weakDimensions.size() && d < DimensionsNamed; ++d) {
        const auto &dimension = round.weakDimensions.at(d);
        dimensions << tr("%1 averages %2").arg(dimension.title, oneDecimal(dimension.average));
    }
    if (round.weakDimensions.size() > DimensionsNamed)
        dimensions << tr("%n more below 3", int(round.weakDimensions.size() - DimensionsNamed));
    if (!dimensions.isEmpty())
        parts << dimensions.join(u", "_s);
    for (const auto &flag : round.recurringFlags)
        parts << tr("“%1” ticked %n time(s)", flag.times).arg(flag.text);
    if (!rated && round.neverPractised.size() < round.questionCount)
        parts << tr("not rated yet");
    else if (rated && round.belowThree.isEmpty() && round.weakDimensions.isEmpty() && round.recurringFlags.isEmpty())
        parts << tr("every dimension averages 3 or more");
    return round.roundTitle + u": "_s + parts.join(u"; "_s);
}

} // namespace

QList<RoundReadiness> readinessOf(const Input &input, const QList<const AnswerFacts *> &loopAnswers)
{
    const Loop &loop = *input.loop;
    QHash<QString, Sum> questionScores; // the answers' newest averages
    QSet<QString> practised;
    for (const AnswerFacts *answer : loopAnswers) {
        practised.insert(answer->questionId);
        if (const auto average = averageOf(answer->newest()))
            questionScores[answer->questionId].add(*average);
    }
    QHash<QString, QString> flagText;
    for (const RedFlagGroup &group : loop.redFlagGroups) {
        for (const RedFlag &flag : group.flags)
            flagText.insert(flag.id, flag.text);
    }

    QList<RoundReadiness> rounds;
    for (const Round &round : loop.rounds) {
        if (!input.filter.roundId.isEmpty() && round.id != input.filter.roundId)
            continue;
        RoundReadiness readiness;
        readiness.roundId = round.id;
        readiness.roundTitle = round.title;
        for (const Question *question : loop.questionPool(round)) {
            if (!input.filter.categoryId.isEmpty() && question->categoryId != input.filter.categoryId)
                continue;
            ++readiness.questionCount;
            if (!practised.contains(question->id))
                readiness.neverPractised << question->id;
            const auto scores = questionScores.constFind(question->id);
            if (scores != questionScores.cend() && scores->mean() < 3)
                readiness.belowThree.append({question->id, question->text, scores->mean()});
        }
        std::stable_sort(readiness.belowThree.begin(), readiness.belowThree.end(),
                         [](const auto &a, const auto &b) { return a.average < b.average; });

        QList<Sum> dimensions(input.facts.dimensionIds.size());
        QList<int> flags(input.facts.redFlagIds.size(), 0);
        bool rated = false;
        for (const AnswerFacts *answer : loopAnswers) {
            if (answer->roundId != round.id)
                continue;
            const auto &scores = answer->newest();
            rated = rated || answer->rated();
            for (qsizetype d = 0; d < scores.size() && d < dimensions.size(); ++d) {
                if (scores.at(d) > 0)
                    dimensions[d].add(scores.at(d));
            }
            for (const qint16 flag : answer->redFlags)
                ++flags[flag];
        }
        for (const QString &dimensionId : round.rubricDimensionIds) {
            const qsizetype d = input.facts.dimensionIds.indexOf(dimensionId);
            if (d < 0 || dimensions.at(d).count == 0 || dimensions.at(d).mean() >= 3)
                continue;
            const RubricDimension *dimension = loop.dimension(dimensionId);
            readiness.weakDimensions.append(
                {dimensionId, dimension ? dimension->title : dimensionId, dimensions.at(d).mean()});
        }
        std::stable_sort(readiness.weakDimensions.begin(), readiness.weakDimensions.end(),
                         [](const auto &a, const auto &b) { return a.average < b.average; });
        for (qsizetype f = 0; f < flags.size(); ++f) {
            if (flags.at(f) >= 2) {
                const QString &id = input.facts.redFlagIds.at(f);
                readiness.recurringFlags.append({id, flagText.value(id, id), flags.at(f)});
            }
        }
        std::stable_sort(readiness.recurringFlags.begin(), readiness.recurringFlags.end(),
                         [](const auto &a, const auto &b) { return a.times > b.times; });
        readiness.sentence = sentenceOf(readiness, rated);
        rounds.append(readiness);
    }
    return rounds;
}

} // namespace MockLoop::Progress::Internal
