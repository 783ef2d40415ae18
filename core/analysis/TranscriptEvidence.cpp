#include "TranscriptEvidence.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <array>
#include <optional>

using namespace Qt::StringLiterals;

namespace MockLoop::TranscriptEvidence {

namespace {

// The words that count, fillers left out, so phrases match across them ("kind of, um, maybe").
QList<RecognizedWord> spokenWords(const QList<RecognizedWord> &words)
{
    QList<RecognizedWord> spoken;
    for (const RecognizedWord &word : words) {
        if (!word.likelyFiller)
            spoken.append(word);
    }
    return spoken;
}

EvidenceItem itemOf(const QList<RecognizedWord> &words, qsizetype first, qsizetype last, const QString &value = {})
{
    QStringList texts;
    for (qsizetype i = first; i <= last; ++i)
        texts.append(words[i].text);
    return {texts.join(u' '), words[first].startMs, words[last].endMs, value};
}

QList<EvidenceItem> singleWords(const QList<RecognizedWord> &words, const QSet<QString> &wanted)
{
    QList<EvidenceItem> items;
    const QList<RecognizedWord> spoken = spokenWords(words);
    for (qsizetype i = 0; i < spoken.size(); ++i) {
        if (wanted.contains(spoken[i].text))
            items.append(itemOf(spoken, i, i));
    }
    return items;
}

const QHash<QString, int> &smallNumbers()
{
    static const QHash<QString, int> numbers{
        {u"zero"_s, 0},     {u"one"_s, 1},      {u"two"_s, 2},        {u"three"_s, 3},     {u"four"_s, 4},
        {u"five"_s, 5},     {u"six"_s, 6},      {u"seven"_s, 7},      {u"eight"_s, 8},     {u"nine"_s, 9},
        {u"ten"_s, 10},     {u"eleven"_s, 11},  {u"twelve"_s, 12},    {u"thirteen"_s, 13}, {u"fourteen"_s, 14},
        {u"fifteen"_s, 15}, {u"sixteen"_s, 16}, {u"seventeen"_s, 17}, {u"eighteen"_s, 18}, {u"nineteen"_s, 19},
        {u"twenty"_s, 20},  {u"thirty"_s, 30},  {u"forty"_s, 40},     {u"fifty"_s, 50},    {u"sixty"_s, 60},
        {u"seventy"_s, 70}, {u"eighty"_s, 80},  {u"ninety"_s, 90},
    };
    return numbers;
}

const QHash<QString, qint64> &scales()
{
    static const QHash<QString, qint64> scales{
        {u"hundred"_s, 100}, {u"thousand"_s, 1000}, {u"million"_s, 1000000}, {u"billion"_s, 1000000000}};
    return scales;
}

bool isNumberWord(const QString &word)
{
    return smallNumbers().contains(word) || scales().contains(word);
}

// A cardinal number starting at words[first]: its value and its last word.
struct ParsedNumber
{
    qint64 value = 0;
    QString decimals;
    qsizetype last = 0;
};

// afterArticle: words[first] follows "a", as in "a hundred", which counts as one hundred.
std::optional<ParsedNumber> parseNumber(const QList<RecognizedWord> &words, qsizetype first, bool afterArticle)
{
    qint64 total = 0;
    qint64 group = afterArticle ? 1 : 0; // below the last scale word
    int previousSmall = -1; // the last small number, to stop at "twenty twenty" or "five six"
    qsizetype last = afterArticle ? first - 1 : -1;
    for (qsizetype i = first; i < words.size(); ++i) {
        const QString &word = words[i].text;
        if (const auto small = smallNumbers().constFind(word); small != smallNumbers().cend()) {
            const int value = *small;
            // "twenty" then "three" joins; "three" then "four", "twenty" then "thirty" do not.
            if (previousSmall >= 0 && !(previousSmall >= 20 && previousSmall % 10 == 0 && value < 10))
                break;
            group += value;
            previousSmall = value;
            last = i;
            continue;
        }
        if (const auto scale = scales().constFind(word); scale != scales().cend()) {
            if (last < 0)
                break; // "hundred" alone is not a number here
            if (*scale == 100) {
                group = std::max<qint64>(group, 1) * 100;
            } else {
                total += std::max<qint64>(group, 1) * *scale;
                group = 0;
            }
            previousSmall = -1;
            last = i;
            continue;
        }
        // "one hundred and five"
        if (word == u"and" && last >= 0 && scales().contains(words[last].text) && i + 1 < words.size()
            && smallNumbers().contains(words[i + 1].text))
            continue;
        break;
    }
    if (last < 0)
        return std::nullopt;
    ParsedNumber number{total + group, {}, last};
    // "three point five"
    if (last + 2 < words.size() && words[last + 1].text == u"point") {
        qsizetype at = last + 2;
        for (int digit = 0;
             at < words.size() && (digit = smallNumbers().value(words[at].text, -1)) >= 0 && digit < 10;) {
            number.decimals += QString::number(digit);
            number.last = at;
            ++at;
        }
    }
    return number;
}

} // namespace

QList<EvidenceItem> numbers(const QList<RecognizedWord> &words)
{
    static const QHash<QString, QString> multiples{{u"half"_s, u"1/2"_s},  {u"twice"_s, u"2x"_s},
                                                   {u"double"_s, u"2x"_s}, {u"doubled"_s, u"2x"_s},
                                                   {u"triple"_s, u"3x"_s}, {u"tripled"_s, u"3x"_s}};
    QList<EvidenceItem> items;
    const QList<RecognizedWord> spoken = spokenWords(words);
    for (qsizetype i = 0; i < spoken.size(); ++i) {
        const QString &word = spoken[i].text;
        if (multiples.contains(word)) {
            items.append(itemOf(spoken, i, i, multiples.value(word)));
            continue;
        }
        // "a hundred", "a thousand"
        const bool article = word == u"a" && i + 1 < spoken.size() && scales().contains(spoken[i + 1].text);
        if (!article && !isNumberWord(word))
            continue;
        std::optional<ParsedNumber> number = parseNumber(spoken, article ? i + 1 : i, article);
        if (!number)
            continue;
        qsizetype last = number->last;
        QString value = QString::number(number->value);
        if (!number->decimals.isEmpty())
            value += u'.' + number->decimals;
        if (last + 1 < spoken.size() && spoken[last + 1].text == u"percent") {
            ++last;
            value += u'%';
        } else if (last + 2 < spoken.size() && spoken[last + 1].text == u"per" && spoken[last + 2].text == u"cent") {
            last += 2;
            value += u'%';
        }
        if (last == i && word == u"one")
            continue;
        items.append(itemOf(spoken, i, last, value));
        i = last;
    }
    return items;
}

QList<EvidenceItem> audienceMentions(const QList<RecognizedWord> &words)
{
    static const QSet<QString> audience{u"member"_s,     u"members"_s,     u"member's"_s,     u"members'"_s,
                                        u"customer"_s,   u"customers"_s,   u"customer's"_s,   u"customers'"_s,
                                        u"user"_s,       u"users"_s,       u"user's"_s,       u"users'"_s,
                                        u"subscriber"_s, u"subscribers"_s, u"subscriber's"_s, u"subscribers'"_s};
    return singleWords(words, audience);
}

QList<EvidenceItem> firstPersonSingular(const QList<RecognizedWord> &words)
{
    static const QSet<QString> singular{u"i"_s,  u"i'm"_s, u"i've"_s, u"i'd"_s,   u"i'll"_s,
                                        u"me"_s, u"my"_s,  u"mine"_s, u"myself"_s};
    return singleWords(words, singular);
}

QList<EvidenceItem> firstPersonPlural(const QList<RecognizedWord> &words)
{
    static const QSet<QString> plural{u"we"_s, u"we're"_s, u"we've"_s, u"we'd"_s,     u"we'll"_s,
                                      u"us"_s, u"our"_s,   u"ours"_s,  u"ourselves"_s};
    return singleWords(words, plural);
}

QList<EvidenceItem> hedges(const QList<RecognizedWord> &words)
{
    static const QList<QStringList> phrases{
        {u"i"_s, u"think"_s},
        {u"i"_s, u"guess"_s},
        {u"i"_s, u"believe"_s},
        {u"i"_s, u"feel"_s, u"like"_s},
        {u"i"_s, u"suppose"_s},
        {u"kind"_s, u"of"_s},
        {u"sort"_s, u"of"_s},
        {u"maybe"_s},
        {u"probably"_s},
        {u"perhaps"_s},
        {u"possibly"_s},
        {u"hopefully"_s},
        {u"somewhat"_s},
        {u"a"_s, u"little"_s, u"bit"_s},
        {u"more"_s, u"or"_s, u"less"_s},
        {u"not"_s, u"sure"_s},
    };
    static const QSet<QString> determiners{
        u"a"_s,    u"the"_s, u"this"_s, u"that"_s,      u"what"_s,  u"which"_s, u"any"_s,     u"some"_s,  u"every"_s,
        u"each"_s, u"one"_s, u"same"_s, u"different"_s, u"these"_s, u"those"_s, u"another"_s, u"other"_s, u"certain"_s};
    QList<EvidenceItem> items;
    const QList<RecognizedWord> spoken = spokenWords(words);
    for (qsizetype i = 0; i < spoken.size(); ++i) {
        for (const QStringList &phrase : phrases) {
            if (i + phrase.size() > spoken.size())
                continue;
            bool matches = true;
            for (qsizetype k = 0; k < phrase.size() && matches; ++k)
                matches = spoken[i + k].text == phrase[k];
            if (!matches)
                continue;
            const bool nounUse
                = (phrase[0] == u"kind" || phrase[0] == u"sort") && i > 0 && determiners.contains(spoken[i - 1].text);
            if (nounUse)
                continue;
            items.append(itemOf(spoken, i, i + phrase.size() - 1));
            i += phrase.size() - 1;
            break;
        }
    }
    return items;
}

} // namespace MockLoop::TranscriptEvidence
