#include "library/TranscriptExcerpt.h"

#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The words shown beside an answer found by its transcript: they must hold what was searched for,
// as the full-text index found it, or the listing looks wrong.
class TranscriptExcerptTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void excerpt_data();
    void excerpt();
    void searchWords_dropQuotesAndSpaces();
};

void TranscriptExcerptTest::excerpt_data()
{
    QTest::addColumn<QString>("transcript");
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("expected");

    const QString story = u"so the challenge was that checkout timed out and we cut the p99 latency by forty percent "
                          "for members in the evening peak"_s;
    QTest::newRow("a word in the middle: words either side")
        << story << u"forty"_s << u"…p99 latency by forty percent for members in…"_s;
    QTest::newRow("the start of a word, as typed")
        << story << u"late"_s << u"…cut the p99 latency by forty percent for…"_s;
    QTest::newRow("not inside a word") << story << u"atency"_s << QString();
    QTest::newRow("case and accents ignored, as the index does")
        << u"the café was closed"_s << u"CAFE"_s << u"the café was closed"_s;
    QTest::newRow("the stretch with the most of the words, not the first hit")
        << u"members members members members members members members members members and then churn among members"_s
        << u"churn members"_s << u"…members members members members members and then churn…"_s;
    QTest::newRow("a typed word with punctuation is the words it holds, in a row (don, t)")
        << u"i don't think we should and i don know"_s << u"don't"_s << u"i don't think we should and i…"_s;
    QTest::newRow("punctuation in the transcript kept, but never cut into")
        << u"at first, the outage; then (after that) the rollback."_s << u"rollback"_s
        << u"…first, the outage; then (after that) the rollback"_s;
    QTest::newRow("words never heard") << story << u"saxophone"_s << QString();
    QTest::newRow("nothing typed but quotes") << story << u"\"\""_s << QString();
    QTest::newRow("an empty transcript") << QString() << u"team"_s << QString();
    QTest::newRow("the whole of a short transcript, no ellipses") << u"forty"_s << u"fort"_s << u"forty"_s;
}

void TranscriptExcerptTest::excerpt()
{
    QFETCH(QString, transcript);
    QFETCH(QString, typed);
    QFETCH(QString, expected);
    QCOMPARE(transcriptExcerpt(transcript, searchWordsOf(typed)), expected);
}

void TranscriptExcerptTest::searchWords_dropQuotesAndSpaces()
{
    QCOMPARE(searchWordsOf(u"  we \"cut\"  \"\" latency "_s), (QStringList{u"we"_s, u"cut"_s, u"latency"_s}));
    QVERIFY(searchWordsOf(u"   "_s).isEmpty());
}

QTEST_APPLESS_MAIN(TranscriptExcerptTest)
#include "transcript_excerpt_test.moc"
