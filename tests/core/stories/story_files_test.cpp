#include "StoryTestLoop.h"
#include "stories/StoryFiles.h"

#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

Story fullStory()
{
    Story story;
    story.title = u"Cache: the \"fast\" path"_s;
    story.phases = {{u"challenge"_s, u"Start-up took 9 seconds.\n\nSecond paragraph."_s},
                    {u"decision"_s, u"I chose to drop the cache."_s},
                    {u"execution"_s, u"I rewrote the loader in 3 weeks."_s},
                    {u"communication"_s, u"I told the team."_s},
                    {u"member-impact"_s, u"2 million members started faster."_s}};
    story.metrics = {u"Start-up down 40%"_s, u"p99 1.2 s"_s};
    story.memberImpact = u"Members in 190 countries"_s;
    story.tags = {{u"candor"_s, u"courage"_s}, {u"technical"_s}, {u"ownership"_s}, {u"L6"_s, u"L7"_s}};
    story.period = u"2024 Q1"_s;
    story.company = u"Acme, Inc."_s;
    return story;
}

StoryFileResult readMarkdown(const QByteArray &data)
{
    return StoryFiles::fromMarkdown(data, StoryTestLoop::structure(), u"story.md"_s);
}

} // namespace

class StoryFilesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void markdown_roundTripsEveryField()
    {
        const QByteArray markdown = StoryFiles::toMarkdown(fullStory(), StoryTestLoop::structure());
        QVERIFY(markdown.contains("\n## High Performance Execution\n"));
        QVERIFY(markdown.contains("values: [\"candor\",\"courage\"]\n"));
        const StoryFileResult read = readMarkdown(markdown);
        QVERIFY2(read.story, qPrintable(read.error.text()));
        QCOMPARE(*read.story, fullStory());
    }

    void markdown_injectionLikeText_survivesAsText()
    {
        Story story = fullStory();
        story.title = u"---\ntitle: \"pwned\"\n---"_s.replace(u'\n', u' ');
        story.phases[u"decision"_s] = u"## Challenge\n# title\n---\n\\already escaped\n- not a metric\n"
                                      "<script>alert(1)</script> ]] \"}{ 🎬 ünïcødé"_s;
        story.memberImpact = u"## Result metrics\n- 999%"_s;
        const StoryFileResult read = readMarkdown(StoryFiles::toMarkdown(story, StoryTestLoop::structure()));
        QVERIFY2(read.story, qPrintable(read.error.text()));
        QCOMPARE(read.story->phases, story.phases);
        QCOMPARE(read.story->memberImpact, story.memberImpact);
        QCOMPARE(read.story->metrics, story.metrics);
        QCOMPARE(read.story->title, story.title);
    }

    void markdown_handWritten_withCrLfAndPhaseIds()
    {
        const QByteArray data
            = "---\r\ntitle: \"Hand made\"\r\nthemes: [\"ownership\"]\r\n---\r\n\r\n# Hand made\r\n\r\n"
              "## challenge\r\nIt broke.\r\n\r\n## Result metrics\r\n- 3x faster\r\n";
        const StoryFileResult read = readMarkdown(data);
        QVERIFY2(read.story, qPrintable(read.error.text()));
        QCOMPARE(read.story->title, u"Hand made"_s);
        QCOMPARE(read.story->phases, (QMap<QString, QString>{{u"challenge"_s, u"It broke."_s}}));
        QCOMPARE(read.story->metrics, QStringList{u"3x faster"_s});
        QCOMPARE(read.story->tags.themes, QStringList{u"ownership"_s});
    }

    void markdown_badFiles_nameFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<int>("line");
        QTest::addColumn<QString>("says");
        QTest::newRow("huge") << QByteArray(StoryFiles::MaxFileBytes + 1, 'a') << 0 << u"at most 1024 kB"_s;
        QTest::newRow("binary") << QByteArray("---\ntitle: \"x\"\0\x01\x02", 17) << 0 << u"binary"_s;
        QTest::newRow("not utf-8") << QByteArray("---\ntitle: \"\xff\xfe\"\n---\n") << 0 << u"not UTF-8"_s;
        QTest::newRow("no front matter") << QByteArray("# Just a title\n") << 1 << u"front matter"_s;
        QTest::newRow("never closed") << QByteArray("---\ntitle: \"x\"\n") << 3 << u"never closed"_s;
        QTest::newRow("no key") << QByteArray("---\ntitle: \"x\"\njust words\n---\n") << 3 << u"no key"_s;
        QTest::newRow("unquoted") << QByteArray("---\ntitle: x\n---\n") << 2 << u"not a quoted string"_s;
        QTest::newRow("unknown key") << QByteArray("---\nrm: [\"-rf\"]\n---\n") << 2 << u"not a story field"_s;
        QTest::newRow("list of numbers") << QByteArray("---\nvalues: [1]\n---\n") << 2 << u"list of quoted strings"_s;
        QTest::newRow("unknown heading") << QByteArray("---\ntitle: \"x\"\n---\n\n## Chalenge\ntext\n") << 5
                                         << u"\"Chalenge\" is not a phase"_s;
        QTest::newRow("stray text") << QByteArray("---\ntitle: \"x\"\n---\nloose\n") << 4 << u"belongs under"_s;
        QTest::newRow("bad metric") << QByteArray("---\ntitle: \"x\"\n---\n## Result metrics\nforty\n") << 5
                                    << u"each metric"_s;
        QTest::newRow("no title") << QByteArray("---\n---\n## Challenge\nx\n") << 2 << u"no title"_s;
    }

    void markdown_badFiles_nameFileAndLine()
    {
        QFETCH(QByteArray, data);
        QFETCH(int, line);
        QFETCH(QString, says);
        const StoryFileResult read = readMarkdown(data);
        QVERIFY(!read.story);
        QCOMPARE(read.error.file, u"story.md"_s);
        QCOMPARE(read.error.line, line);
        QVERIFY2(read.error.message.contains(says), qPrintable(read.error.message));
        QVERIFY(read.error.text().startsWith(u"story.md"_s));
    }

    void json_roundTrips_andBadJsonNamesLine()
    {
        Story story = fullStory();
        story.created = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
        story.updated = story.created.addSecs(10);
        const StoryFileResult read = StoryFiles::fromJson(StoryFiles::toJson(story), u"s.json"_s);
        QVERIFY2(read.story, qPrintable(read.error.text()));
        QCOMPARE(*read.story, story);

        const StoryFileResult broken = StoryFiles::fromJson("{\n  \"title\": \"x\",\n  oops\n}", u"s.json"_s);
        QVERIFY(!broken.story);
        QCOMPARE(broken.error.line, 3);
        QVERIFY(broken.error.text().startsWith(u"s.json, line 3: this is not valid JSON"_s));
        QCOMPARE(StoryFiles::fromJson("[1]", u"s.json"_s).error.message, u"a story file holds one JSON object."_s);
        QVERIFY(!StoryFiles::fromJson("{\"title\": 5}", u"s.json"_s).story);
    }

    void bank_oneDocumentWithEveryStory()
    {
        Story second = fullStory();
        second.title = u"Second"_s;
        second.archived = true;
        const QString bank
            = QString::fromUtf8(StoryFiles::bankToMarkdown({fullStory(), second}, StoryTestLoop::structure()));
        QVERIFY(bank.startsWith(u"# Story bank\n"_s));
        QVERIFY(bank.contains(u"\n## Cache: the \"fast\" path\n"_s));
        QVERIFY(bank.contains(u"\n## Second\n"_s));
        QVERIFY(bank.contains(u"Acme, Inc. · 2024 Q1 · values: candor, courage · themes: ownership · archived"_s));
        QCOMPARE(bank.count(u"\n### Autonomous Decision\n"_s), 2);
        QVERIFY(bank.contains(u"- Start-up down 40%\n"_s));
    }
};

QTEST_GUILESS_MAIN(StoryFilesTest)
#include "story_files_test.moc"
