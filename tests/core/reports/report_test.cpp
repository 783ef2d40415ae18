#include "ReportFixture.h"
#include "reports/ReportData.h"
#include "reports/ReportWriter.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

ReportBuilder::LoopLookup fixtureLoops()
{
    return [](const QString &loopId) { return loopId == u"report-loop"_s ? ReportFixture::loop() : nullptr; };
}

QString run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QString::fromUtf8(process.readAllStandardOutput());
}

} // namespace

class ReportTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_folder;
    std::unique_ptr<LibraryStore> m_store;
    static constexpr int AnswerCount = 7;

    ReportData sessionReport()
    {
        QString error;
        const std::optional<ReportData> report
            = ReportBuilder::build(*m_store, ReportScope{u"s1"_s, {}, {}, {}}, fixtureLoops(), &error);
        if (!report)
            qFatal("%s", qPrintable(error));
        return *report;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_folder.isValid());
        m_store = LibraryStore::open(m_folder.path()).store;
        QVERIFY(m_store);
        ReportFixture::fill(*m_store, AnswerCount, true);
    }

    void contentHasTheExactValues()
    {
        const ReportData report = sessionReport();
        QCOMPARE(report.loopTitle, u"Report Loop"_s);
        QCOMPARE(report.levelTitle, u"Senior Manager"_s);
        QCOMPARE(report.answerCount(), AnswerCount);
        QCOMPARE(report.rounds.size(), 1);
        const ReportAnswer &first = report.rounds.first().answers.first();
        QCOMPARE(first.detail.row.questionText, ReportFixture::questionText(1));
        QCOMPARE(first.suggestedMs, 120000);
        QCOMPARE(first.detail.row.answerTime.count(), 150000);
        QCOMPARE(first.phases.size(), 2);
        QCOMPARE(first.phases.at(0).title, u"Situation"_s);
        QCOMPARE(first.phases.at(0).spentMs, 40000);
        QCOMPARE(first.phases.at(0).targetMs, 30000);
        QCOMPARE(first.phases.at(1).title, u"Action"_s);
        QCOMPARE(first.phases.at(1).spentMs, 110000);
        QCOMPARE(first.phases.at(1).targetMs, 60000);
        QCOMPARE(first.scores.size(), 2);
        QCOMPARE(first.scores.at(0).title, u"Judgment"_s);
        QCOMPARE(first.scores.at(0).rightAfter, 2);
        QCOMPARE(first.scores.at(0).rightAfterAnchor, u"Decides on partial data"_s);
        QCOMPARE(first.scores.at(0).afterReplay, 4);
        QCOMPARE(first.scores.at(0).afterReplayAnchor, u"Sets the standard for others"_s);
        QCOMPARE(first.redFlagsRightAfter, QStringList{u"Blames others"_s});
        QCOMPARE(first.redFlagsAfterReplay, QStringList{});
        QCOMPARE(first.ratingNotes, (QStringList{u"Right after: Rated note 1"_s, u"After replay: Better on replay"_s}));
        QVERIFY(first.analysis);
        QCOMPARE(first.analysis->wordsPerMinute, 141.0);
        // Judgment right after: 2 on the four odd answers, 3 on the three even ones.
        const ReportAverage &judgment = report.overall.at(0);
        QCOMPARE(judgment.title, u"Judgment"_s);
        QCOMPARE(judgment.rightAfterCount, AnswerCount);
        QCOMPARE(*judgment.rightAfter, (4 * 2 + 3 * 3) / 7.0);
        QCOMPARE(judgment.afterReplayCount, 1);
        QCOMPARE(*judgment.afterReplay, 4.0);
        QCOMPARE(*report.overall.at(1).rightAfter, 3.0);
        QCOMPARE(report.rounds.first().averages.size(), 2);
    }

    void markdownShowsEveryAnswerAndEscapesHostileText()
    {
        const QString markdown = ReportWriter::toMarkdown(sessionReport());
        QVERIFY(markdown.contains(u"## Contents"_s));
        QVERIFY(markdown.contains(
            u"| Judgment | 2 \\(Decides on partial data\\) | 4 \\(Sets the standard for others\\) |"_s));
        QVERIFY(markdown.contains(u"Blames others"_s));
        QVERIFY(markdown.contains(u"Transcript \\(automatic\\, approximate\\;"_s));
        QVERIFY(markdown.contains(u"*\\[likely filler\\: um\\]*"_s));
        QVERIFY(markdown.contains(u"**\\[pause 3 s\\]**"_s));
        QVERIFY(markdown.contains(u"\\<script\\>"_s));
        // No angle bracket, link or heading marker the person typed is left unescaped.
        QVERIFY(!markdown.contains(QRegularExpression(u"(?<!\\\\)<"_s)));
        QVERIFY(markdown.contains(u"\\<img src\\=x onerror\\=alert\\(1\\)\\>"_s));
        QVERIFY(!markdown.contains(u"\n# injected"_s));
        QVERIFY(!markdown.contains(u"](http"_s));
        for (const QString &line : markdown.split(u'\n')) {
            if (line.startsWith(u'#'))
                QVERIFY2(!line.contains(u"injected"_s), qPrintable(line));
        }
    }

    void htmlIsEscapedAndSelfContained()
    {
        const QString html = ReportWriter::toHtml(sessionReport());
        QVERIFY(html.startsWith(u"<!DOCTYPE html>"_s));
        QVERIFY(!html.contains(u"<script"_s));
        QVERIFY(!html.contains(u"<img"_s));
        QVERIFY(html.contains(u"&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;"_s)
                || html.contains(u"&lt;script&gt;alert('q')&lt;/script&gt;"_s));
        QVERIFY(html.contains(u"&lt;/table&gt;&lt;img src=x onerror=alert(1)&gt;"_s));
        QVERIFY(!html.contains(u"href=\"http"_s)); // nothing fetched from anywhere, and no link out
        QVERIFY(!html.contains(u"src=\""_s));
        QVERIFY(html.contains(u"<mark>[likely filler: um]</mark>"_s));
        QVERIFY(html.contains(u"<td>Judgment</td><td>2 (Decides on partial data)</td>"_s));
        QVERIFY(html.contains(u"<a href=\"#answer-7\">"_s));
    }

    void pdfHasEveryQuestionAndRatingAsText()
    {
        if (QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty())
            QSKIP("poppler-utils is not installed (.ci/setup test installs it)");
        const QString path = m_folder.filePath(u"report.pdf"_s);
        QString error;
        QVERIFY2(ReportWriter::writePdf(sessionReport(), path, QPageSize::A4, &error), qPrintable(error));
        const QString info = run(u"pdfinfo"_s, {path});
        QVERIFY2(info.contains(u"A4"_s), qPrintable(info));
        const QRegularExpressionMatch pages = QRegularExpression(u"Pages:\\s+(\\d+)"_s).match(info);
        QVERIFY(pages.hasMatch());
        QVERIFY2(pages.captured(1).toInt() > 1, qPrintable(info));
        const QString text = run(u"pdftotext"_s, {u"-layout"_s, path, u"-"_s}).simplified();
        for (int n = 1; n < AnswerCount; ++n)
            QVERIFY2(text.contains(ReportFixture::questionText(n)), qPrintable(ReportFixture::questionText(n)));
        QVERIFY(text.contains(u"<script>alert('q')</script>"_s));
        QVERIFY(text.contains(u"2 (Decides on partial data)"_s));
        QVERIFY(text.contains(u"3 (Weighs the options with data)"_s));
        QVERIFY(text.contains(u"4 (Sets the standard for others)"_s));
        QVERIFY(text.contains(u"Blames others"_s));
        QVERIFY(text.contains(u"Contents"_s));
        // The page number at the foot of each page, with the count.
        const int pageCount = pages.captured(1).toInt();
        const auto pageText = [&path](int page) {
            return run(u"pdftotext"_s,
                       {u"-layout"_s, u"-f"_s, QString::number(page), u"-l"_s, QString::number(page), path, u"-"_s});
        };
        const QString firstPage = pageText(1);
        QVERIFY2(firstPage.trimmed().endsWith(u"1 of %1"_s.arg(pageCount)), qPrintable(firstPage));
        QVERIFY(pageText(pageCount).trimmed().endsWith(u"%1 of %1"_s.arg(pageCount)));

        // The contents give the page each part starts on: each answer's question is on that page
        // and on no other (but the contents' own).
        const QRegularExpression entry(u"^\\s*(\\d+)\\.\\s+(.+?)\\s{2,}(\\d+)\\s*$"_s,
                                       QRegularExpression::MultilineOption);
        QHash<QString, int> pageOfTitle;
        for (auto match = entry.globalMatch(firstPage); match.hasNext();) {
            const QRegularExpressionMatch line = match.next();
            const QString title = line.captured(2); // "Round: question", or a part's title
            pageOfTitle.insert(title.contains(u": "_s) ? title.section(u": "_s, 1) : title, line.captured(3).toInt());
        }
        QVERIFY2(pageOfTitle.size() >= AnswerCount, qPrintable(firstPage));
        int later = 0;
        for (int n = 1; n < AnswerCount; ++n) {
            const QString question = ReportFixture::questionText(n);
            QVERIFY2(pageOfTitle.contains(question), qPrintable(question));
            const int page = pageOfTitle.value(question);
            QVERIFY(page >= 1 && page <= pageCount);
            later += page > 1 ? 1 : 0;
            for (int other = 2; other <= pageCount; ++other) {
                QVERIFY2(pageText(other).simplified().contains(question) == (other == page),
                         qPrintable(u"%1 on page %2, the contents say %3"_s.arg(question).arg(other).arg(page)));
            }
        }
        QVERIFY2(later > 0, "some answers start after the first page");
        QVERIFY(pageOfTitle.value(u"Overall averages"_s) > 1);
        QVERIFY(pageText(pageOfTitle.value(u"Overall averages"_s)).contains(u"Overall averages"_s));
    }

    void unwritablePdfSaysWhere()
    {
        QString error;
        QVERIFY(!ReportWriter::writePdf(sessionReport(), u"/nonexistent-folder/report.pdf"_s, QPageSize::A4, &error));
        QVERIFY2(error.contains(u"/nonexistent-folder/report.pdf"_s), qPrintable(error));
    }

    void unknownScopeIsAClearError()
    {
        QString error;
        QVERIFY(!ReportBuilder::build(*m_store, ReportScope{u"nope"_s, {}, {}, {}}, fixtureLoops(), &error));
        QVERIFY2(error.contains(u"nope"_s) && error.contains(u"--list-sessions"_s), qPrintable(error));
        QVERIFY(!ReportBuilder::build(*m_store, ReportScope{{}, QDate(2020, 1, 1), QDate(2020, 1, 2), {}},
                                      fixtureLoops(), &error));
        QVERIFY2(error.contains(u"2020-01-01"_s), qPrintable(error));
    }

    void dateRangeAndSelection()
    {
        QString error;
        const auto range = ReportBuilder::build(*m_store, ReportScope{{}, QDate(2026, 11, 1), QDate(2026, 11, 3), {}},
                                                fixtureLoops(), &error);
        QVERIFY(range);
        QCOMPARE(range->answerCount(), AnswerCount);
        const QList<AnswerRow> rows = m_store->answers();
        const auto selection = ReportBuilder::build(*m_store, ReportScope{{}, {}, {}, {rows.at(0).id, rows.at(1).id}},
                                                    fixtureLoops(), &error);
        QVERIFY(selection);
        QCOMPARE(selection->answerCount(), 2);
        QVERIFY(!ReportWriter::toMarkdown(*selection).contains(u"## Contents"_s));
    }

    // A report over two weeks carries the Progress page's charts: drawn in the HTML and the PDF, and
    // their numbers as a table in every format. One session's report has no line to draw.
    void chartsOverTwoWeeks_areDrawnWithTheirNumbers()
    {
        QVERIFY(sessionReport().charts.isEmpty());
        QTemporaryDir folder;
        const std::unique_ptr<LibraryStore> store = LibraryStore::open(folder.path()).store;
        QVERIFY(store);
        ReportFixture::fill(*store, 3, true); // Monday 2 November
        ReportFixture::fill(*store, 3, true, u"s2"_s, QDateTime(QDate(2026, 11, 10), QTime(9, 0), Qt::UTC));
        QString error;
        const std::optional<ReportData> report = ReportBuilder::build(
            *store, ReportScope{{}, QDate(2026, 11, 1), QDate(2026, 11, 11), {}}, fixtureLoops(), &error);
        QVERIFY2(report, qPrintable(error));
        QStringList titles;
        for (const ChartData &chart : report->charts)
            titles << chart.title;
        // Ratings by week and by session, and the measured pace by week at least.
        QVERIFY2(report->charts.size() >= 3, qPrintable(titles.join(u", "_s)));
        QCOMPARE(report->charts.first().points, (QStringList{u"2 Nov"_s, u"9 Nov"_s}));

        // The newest ratings average 3.0 overall in each week: (4+3)/2, 3 and (2+3)/2.
        const QString html = ReportWriter::toHtml(*report);
        QCOMPARE(html.count(u"<img src=\"data:image/png;base64,"_s), report->charts.size());
        QVERIFY(html.contains(u"<tr><td>2 Nov</td><td>3.0</td>"_s));
        QVERIFY(html.contains(u"<tr><td>9 Nov</td><td>3.0</td>"_s));
        const QString markdown = ReportWriter::toMarkdown(*report);
        QVERIFY(markdown.contains(u"## Progress over these dates"_s));
        QVERIFY(markdown.contains(u"| 2 Nov | 3\\.0 |"_s));

        if (QStandardPaths::findExecutable(u"pdfimages"_s).isEmpty())
            QSKIP("poppler-utils is not installed (.ci/setup test installs it)");
        const QString path = folder.filePath(u"report.pdf"_s);
        QVERIFY2(ReportWriter::writePdf(*report, path, QPageSize::A4, &error), qPrintable(error));
        const QStringList images = run(u"pdfimages"_s, {u"-list"_s, path}).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(images.size() - 2, report->charts.size()); // after its two header lines, one per chart
        // (NFKC: the PDF's text may keep the font's "ﬁ" ligature as one character.)
        const QString text = run(u"pdftotext"_s, {path, u"-"_s}).normalized(QString::NormalizationForm_KC).simplified();
        QVERIFY(text.contains(u"Progress over these dates"_s));
        for (const QString &title : std::as_const(titles))
            QVERIFY2(text.contains(title), qPrintable(title + u" is not in: "_s + text.right(3000)));
    }

    void pageSizeFollowsTheLocale()
    {
        QCOMPARE(ReportWriter::pageSizeFor(QLocale(u"en_US"_s)), QPageSize::Letter);
        QCOMPARE(ReportWriter::pageSizeFor(QLocale(u"fr_CA"_s)), QPageSize::Letter);
        QCOMPARE(ReportWriter::pageSizeFor(QLocale(u"en_GB"_s)), QPageSize::A4);
        QCOMPARE(ReportWriter::pageSizeFor(QLocale(u"de_DE"_s)), QPageSize::A4);
    }
};

QTEST_MAIN(ReportTest)
#include "report_test.moc"
