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

QSet<QString> keywordsOf(const QStringList &words)
{
    QSet<QString> keywords;
    for (const QString &word : words) {
        if (word.size() >= StoryCoverage::MinKeywordLength && !stopWords().contains(word))
            keywords.insert(word);
    }
    return keywords;
}

// Which stories carry each theme, category and keyword, as indexes into the sorted stories: a
// question's scores are then added up over the few stories that share something with it, rather
// than tested against every story (200 stories x 1,000 questions in a few milliseconds).
struct StoryIndex
{
    QList<qint64> ids; // sorted
    QHash<QString, QList<int>> byTheme;
    QHash<QString, QList<int>> byCategory;
    QHash<QString, QList<int>> byKeyword;
    QList<QSet<QString>> values;
    QList<QSet<QString>> words;
};

void addPosting(QHash<QString, QList<int>> &postings, const QString &key, int story)
{
    QList<int> &list = postings[key];
    if (list.isEmpty() || list.constLast() != story)
        list.append(story);
}

StoryIndex indexOf(QList<const Story *> stories)
{
    std::sort(stories.begin(), stories.end(), [](const Story *a, const Story *b) { return a->id < b->id; });
    StoryIndex index;
    for (int i = 0; i < stories.size(); ++i) {
        const Story &story = *stories.at(i);
        index.ids.append(story.id);
        for (const QString &theme : story.tags.themes)
            addPosting(index.byTheme, theme, i);
        for (const QString &category : story.tags.categories)
            addPosting(index.byCategory, category, i);
        QString text = story.title;
        for (const QString &phase : story.phases)
            text += u'\n' + phase;
        const QStringList words = storyWords(text);
        const QSet<QString> keywords = keywordsOf(words);
        for (const QString &keyword : keywords)
            index.byKeyword[keyword].append(i);
        index.values.append(QSet<QString>(story.tags.values.cbegin(), story.tags.values.cend()));
        QSet<QString> allWords(words.cbegin(), words.cend());
        const QStringList more = storyWords(story.memberImpact + u'\n' + story.metrics.join(u'\n'));
        allWords.unite(QSet<QString>(more.cbegin(), more.cend()));
        index.words.append(std::move(allWords));
    }
    return index;
}

// The suggestions for question, best first: the scores of every story that shares a theme, the
// category or a keyword with it. themeScore and wordScore hold a zero per story, and are left so.
QList<StorySuggestion> suggestionsFor(const StoryIndex &index, const Question &question, const QList<qint64> &linked,
                                      QList<int> &themeScore, QList<int> &wordScore)
{
    for (const QString &theme : question.themeIds) {
        for (const int story : index.byTheme.value(theme))
            themeScore[story] += 3;
    }
    if (!question.categoryId.isEmpty()) {
        for (const int story : index.byCategory.value(question.categoryId))
            themeScore[story] += 2;
    }
    const QSet<QString> keywords = keywordsOf(storyWords(question.text));
    for (const QString &keyword : keywords) {
        for (const int story : index.byKeyword.value(keyword))
            ++wordScore[story];
    }
    // The best MaxSuggestions, by score then id: stories are visited in id order and a later one
    // displaces an earlier only with a higher score.
    QList<StorySuggestion> best;
    for (int story = 0; story < index.ids.size(); ++story) {
        const int score = themeScore.at(story) + std::min(wordScore.at(story), StoryCoverage::MaxWordScore);
        themeScore[story] = 0;
        wordScore[story] = 0;
        if (score < StoryCoverage::SuggestionThreshold || linked.contains(index.ids.at(story)))
            continue;
        if (best.size() == StoryCoverage::MaxSuggestions && best.constLast().score >= score)
            continue;
        auto at = std::find_if(best.begin(), best.end(), [score](const StorySuggestion &s) { return s.score < score; });
        best.insert(at, {index.ids.at(story), score});
        if (best.size() > StoryCoverage::MaxSuggestions)
            best.removeLast();
    }
    return best;
}

} // namespace

StoryCoverageResult StoryCoverage::compute(const Loop &loop, const QList<Story> &stories, const QList<StoryLink> &links)
{
    QList<const Story *> active;
    for (const Story &story : stories) {
        if (!story.archived)
            active.append(&story);
    }
    const StoryIndex index = indexOf(active);
    const QSet<qint64> activeIds(index.ids.cbegin(), index.ids.cend());
    QHash<QString, QList<qint64>> linksByQuestion;
    for (const StoryLink &link : links) {
        QList<qint64> &linked = linksByQuestion[link.questionId];
        if (activeIds.contains(link.storyId) && !linked.contains(link.storyId))
            linked.append(link.storyId);
    }

    // Each question scored once, however many rounds ask it.
    QList<int> themeScore(index.ids.size(), 0);
    QList<int> wordScore(index.ids.size(), 0);
    QHash<QString, QuestionCoverage> byQuestion;
    StoryCoverageResult result;
    for (const Question &question : loop.questions) {
        QuestionCoverage coverage;
        coverage.questionId = question.id;
        coverage.linked = linksByQuestion.value(question.id);
        std::sort(coverage.linked.begin(), coverage.linked.end());
        coverage.suggested = suggestionsFor(index, question, coverage.linked, themeScore, wordScore);
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
        for (int story = 0; story < index.ids.size(); ++story) {
            if (index.values.at(story).contains(dimension.id))
                value.tagged.append(index.ids.at(story));
            else if (!titleWords.isEmpty()
                     && std::all_of(titleWords.cbegin(), titleWords.cend(),
                                    [&](const QString &word) { return index.words.at(story).contains(word); }))
                value.suggested.append(index.ids.at(story));
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
