#include "TranscriptExcerpt.h"

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct Token
{
    qsizetype start = 0;
    qsizetype end = 0;
    QString folded;
};

// As FTS5's unicode61 tokenizer compares words: case folded, accents removed.
QString folded(QStringView word)
{
    QString text = word.toString().toCaseFolded().normalized(QString::NormalizationForm_D);
    text.removeIf([](QChar c) { return c.category() == QChar::Mark_NonSpacing; });
    return text;
}

// The words of text as unicode61 splits them: runs of letters and digits.
std::vector<Token> tokensOf(const QString &text)
{
    std::vector<Token> tokens;
    qsizetype at = 0;
    while (at < text.size()) {
        while (at < text.size() && !text.at(at).isLetterOrNumber())
            ++at;
        const qsizetype start = at;
        while (at < text.size() && (text.at(at).isLetterOrNumber() || text.at(at).category() == QChar::Mark_NonSpacing))
            ++at;
        if (at > start)
            tokens.push_back({start, at, folded(QStringView(text).sliced(start, at - start))});
    }
    return tokens;
}

} // namespace

QStringList searchWordsOf(const QString &text)
{
    QStringList words;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        QString searched = word;
        searched.remove(u'"');
        if (!searched.isEmpty())
            words << searched;
    }
    return words;
}

QString transcriptExcerpt(const QString &transcript, const QStringList &searchWords, int wordCount)
{
    // Each search word is a phrase to the index ("p99," is p99; "don't" is don then a word
    // starting with t): its own words in a row, the last one a prefix.
    std::vector<std::vector<QString>> phrases;
    for (const QString &word : searchWords) {
        std::vector<QString> phrase;
        for (const Token &token : tokensOf(word))
            phrase.push_back(token.folded);
        if (!phrase.empty())
            phrases.push_back(std::move(phrase));
    }
    if (phrases.empty() || wordCount < 1)
        return {};
    const std::vector<Token> tokens = tokensOf(transcript);
    const qsizetype tokenCount = qsizetype(tokens.size());

    // Where each phrase starts in the transcript, by token.
    const auto phraseAt = [&](const std::vector<QString> &phrase, qsizetype at) {
        if (at + qsizetype(phrase.size()) > tokenCount)
            return false;
        for (std::size_t i = 0; i + 1 < phrase.size(); ++i) {
            if (tokens[std::size_t(at) + i].folded != phrase[i])
                return false;
        }
        return tokens[std::size_t(at) + phrase.size() - 1].folded.startsWith(phrase.back());
    };
    std::vector<int> phraseStartingAt(std::size_t(tokenCount), -1);
    bool found = false;
    for (qsizetype at = 0; at < tokenCount; ++at) {
        for (std::size_t p = 0; p < phrases.size(); ++p) {
            if (phraseAt(phrases[p], at)) {
                phraseStartingAt[std::size_t(at)] = int(p);
                found = true;
                break;
            }
        }
    }
    if (!found)
        return {};

    // The first stretch of wordCount words holding the most different search words.
    qsizetype bestStart = 0;
    int bestKinds = -1;
    for (qsizetype start = 0; start < std::max<qsizetype>(1, tokenCount - wordCount + 1); ++start) {
        std::vector<bool> seen(phrases.size(), false);
        int kinds = 0;
        for (qsizetype at = start; at < std::min(tokenCount, start + wordCount); ++at) {
            const int phrase = phraseStartingAt[std::size_t(at)];
            if (phrase >= 0 && !seen[std::size_t(phrase)]) {
                seen[std::size_t(phrase)] = true;
                ++kinds;
            }
        }
        if (kinds > bestKinds) {
            bestKinds = kinds;
            bestStart = start;
        }
    }
    // Words before the first hit as well as after it, as a reader needs some of both.
    qsizetype firstHit = bestStart;
    while (phraseStartingAt[std::size_t(firstHit)] < 0)
        ++firstHit;
    qsizetype lastHit = std::min(tokenCount, bestStart + wordCount) - 1;
    while (phraseStartingAt[std::size_t(lastHit)] < 0)
        --lastHit;
    const qsizetype spare = wordCount - (lastHit - firstHit + 1);
    const qsizetype start
        = std::clamp<qsizetype>(firstHit - spare / 2, 0, std::max<qsizetype>(0, tokenCount - wordCount));
    const qsizetype end = std::min(tokenCount, start + wordCount); // one past the last word

    QString excerpt = transcript.sliced(tokens[std::size_t(start)].start,
                                        tokens[std::size_t(end - 1)].end - tokens[std::size_t(start)].start);
    if (start > 0)
        excerpt.prepend(u"…"_s);
    if (end < tokenCount)
        excerpt.append(u"…"_s);
    return excerpt;
}

} // namespace MockLoop
