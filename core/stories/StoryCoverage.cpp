#include "StoryCoverage.h"

#include "loops/Loop.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

const QSet<QString> &stopWords()
{
    static const QSet<QString> words{u"about"_s,  u"after"_s, u"again"_s,    u"because"_s,   u"before"_s,
                                     u"being"_s,  u"could"_s, u"describe"_s, u"example"_s,   u"other"_s,
                                     u"should"_s, u"their"_s, u"there"_s,    u"these"_s,     u"thing"_s,
                                     u"think"_s,  u"those"_s, u"where"_s,    u"which"_s,     u"while"_s,
                                     u"would"_s,  u"your"_s,  u"yourself"_s, u"something"_s, u"someone"_s};
    return words;
}

QSet<QString> keywordsOf(const QString &text)
{
    QSet<QString> keywords;
    const QStringList words = storyWords(text);
    for (const QString &word : words) {
        if (word.size() >= StoryCoverage::MinKeywordLength && !stopWords().contains(word))
            keywords.insert(word);
    }
    return keywords;
}

// What scoring needs of a story, worked out once per story rather than once per question.
struct PreparedStory
{
    qint64 id = 0;
    QSet<QString> themes;
    QSet<QString> categories;
    QSet<QString> values;
    QSet<QString> keywords;
    QSet<QString> words;
};

int scoreOf(const PreparedStory &story, const Question &question, const QSet<QString> &questionKeywords)
{
    int score = 0;
    for (const QString &theme : question.themeIds) {
        if (story.themes.contains(theme))
            score += 3;
    }
    if (!question.categoryId.isEmpty() && story.categories.contains(question.categoryId))
        score += 2;
    int shared = 0;
    for (const QString &word : questionKeywords) {
        if (story.keywords.contains(word) && ++shared == StoryCoverage::MaxWordScore)
            break;
    }
    return score + shared;
}

} // namespace

StoryCoverageResult StoryCoverage::compute(const Loop &loop, const QList<Story> &stories, const QList<StoryLink> &links)
{
    QList<PreparedStory> prepared;
    for (const Story &story : stories) {
        if (story.archived)
            continue;
        PreparedStory p;
        p.id = story.id;
        p.themes = QSet<QString>(story.tags.themes.cbegin(), story.tags.themes.cend());
        p.categories = QSet<QString>(story.tags.categories.cbegin(), story.tags.categories.cend());
        p.values = QSet<QString>(story.tags.values.cbegin(), story.tags.values.cend());
        QString text = story.title;
        for (const QString &phase : story.phases)
            text += u'\n' + phase;
        p.keywords = keywordsOf(text);
        const QStringList words = storyWords(text + u'\n' + story.memberImpact + u'\n' + story.metrics.join(u'\n'));
        p.words = QSet<QString>(words.cbegin(), words.cend());
        prepared.append(std::move(p));
    }
    std::sort(prepared.begin(), prepared.end(),
              [](const PreparedStory &a, const PreparedStory &b) { return a.id < b.id; });

    QHash<QString, QList<qint64>> linksByQuestion;
    QSet<qint64> activeIds;
    for (const PreparedStory &story : prepared)
        activeIds.insert(story.id);
    for (const StoryLink &link : links) {
        QList<qint64> &linked = linksByQuestion[link.questionId];
        if (activeIds.contains(link.storyId) && !linked.contains(link.storyId))
            linked.append(link.storyId);
    }

    // Each question scored once, however many rounds ask it.
    QHash<QString, QuestionCoverage> byQuestion;
    StoryCoverageResult result;
    for (const Question &question : loop.questions) {
        QuestionCoverage coverage;
        coverage.questionId = question.id;
        coverage.linked = linksByQuestion.value(question.id);
        std::sort(coverage.linked.begin(), coverage.linked.end());
        const QSet<QString> keywords = keywordsOf(question.text);
        for (const PreparedStory &story : prepared) {
            if (coverage.linked.contains(story.id))
                continue;
            const int score = scoreOf(story, question, keywords);
            if (score >= SuggestionThreshold)
                coverage.suggested.append({story.id, score});
        }
        std::stable_sort(coverage.suggested.begin(), coverage.suggested.end(),
                         [](const StorySuggestion &a, const StorySuggestion &b) { return a.score > b.score; });
        if (coverage.suggested.size() > MaxSuggestions)
            coverage.suggested.resize(MaxSuggestions);
        ++result.questionCount;
        if (coverage.covered())
            ++result.coveredQuestionCount;
        else
            result.uncoveredQuestionIds << question.id;
        byQuestion.insert(question.id, coverage);
    }

    QSet<QString> asked;
    for (const Round &round : loop.rounds) {
        RoundCoverage roundCoverage{round.id, round.title, {}};
        const QList<const Question *> pool = loop.questionPool(round);
        for (const Question *question : pool) {
            roundCoverage.questions.append(byQuestion.value(question->id));
            asked.insert(question->id);
        }
        result.rounds.append(roundCoverage);
    }
    RoundCoverage unasked{QString(), tr("Not asked in any round"), {}};
    for (const Question &question : loop.questions) {
        if (!asked.contains(question.id))
            unasked.questions.append(byQuestion.value(question.id));
    }
    if (!unasked.questions.isEmpty())
        result.rounds.append(unasked);

    QStringList valueNotes;
    for (const RubricDimension &dimension : loop.dimensions) {
        if (dimension.kind != DimensionKind::Value)
            continue;
        ValueCoverage value{dimension.id, dimension.title, {}, {}};
        const QStringList titleWords = storyWords(dimension.title);
        for (const PreparedStory &story : prepared) {
            if (story.values.contains(dimension.id))
                value.tagged.append(story.id);
            else if (!titleWords.isEmpty()
                     && std::all_of(titleWords.cbegin(), titleWords.cend(),
                                    [&](const QString &word) { return story.words.contains(word); }))
                value.suggested.append(story.id);
        }
        if (value.storyCount() == 0) {
            result.uncoveredValueIds << dimension.id;
            valueNotes << tr("%1 by no story").arg(dimension.title);
        } else if (value.storyCount() == 1) {
            valueNotes << tr("%1 by 1 story only").arg(dimension.title);
        }
        result.values.append(value);
    }
    result.summary = tr("%1 of %2 questions covered").arg(result.coveredQuestionCount).arg(result.questionCount);
    if (!valueNotes.isEmpty())
        result.summary += u", "_s + valueNotes.join(u", "_s);
    return result;
}

} // namespace MockLoop
