#include "ReportWriter.h"

#include "ReportCharts.h"

#include <QAbstractTextDocumentLayout>
#include <QBuffer>
#include <QFile>
#include <QGuiApplication>
#include <QPainter>
#include <QPdfWriter>
#include <QTextBlock>
#include <QTextDocument>

#include <algorithm>
#include <optional>
#include <utility>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// One piece of an approximate transcript: a word, a likely filler, or a long pause between words.
struct TranscriptPiece
{
    enum class Kind { Word, LikelyFiller, LongPause };
    Kind kind = Kind::Word;
    QString text;
};

// What every format is asked to draw; the report's layout is walked once, in writeReport.
class ReportSink
{
public:
    virtual ~ReportSink() = default;
    virtual void heading(int level, const QString &text, const QString &anchor) = 0;
    virtual void field(const QString &label, const QString &value) = 0;
    virtual void list(const QString &label, const QStringList &items) = 0;
    virtual void table(const QStringList &headers, const QList<QStringList> &rows) = 0;
    virtual void contents(const QList<std::pair<QString, QString>> &anchorAndTitle) = 0;
    virtual void transcript(const QString &label, const QList<TranscriptPiece> &pieces) = 0;
    // A chart of the Progress page: drawn where the format can show a picture, and its numbers as
    // a table in every format (what a screen reader, and Markdown, read).
    virtual void chart(const ChartData &chart) = 0;
    // Where a printed page should end: the next heading starts a new one.
    virtual void pageBreak() { }
};

// A chart's numbers: a row per point, a column per series.
void chartTable(ReportSink &sink, const ChartData &chart)
{
    QStringList headers{chart.pointTitle};
    for (const ChartSeries &series : chart.series)
        headers << series.title;
    QList<QStringList> rows;
    for (qsizetype point = 0; point < chart.points.size(); ++point) {
        QStringList row{chart.points.at(point)};
        for (const ChartSeries &series : chart.series)
            row << chart.formatValue(series.values.value(point));
        rows << row;
    }
    sink.table(headers, rows);
}

QString seconds(qint64 ms)
{
    return ReportWriter::tr("%1 s").arg(QString::number(double(ms) / 1000.0, 'f', 0));
}

QString scoreText(const std::optional<int> &score, const QString &anchor)
{
    if (!score)
        return ReportWriter::tr("not rated");
    return anchor.isEmpty() ? QString::number(*score) : u"%1 (%2)"_s.arg(*score).arg(anchor);
}

QString averageText(const std::optional<double> &average, int count)
{
    return average ? ReportWriter::tr("%1 (%n rating(s))", nullptr, count).arg(QString::number(*average, 'f', 2))
                   : ReportWriter::tr("not rated");
}

QString optionalNumber(const std::optional<double> &value, int decimals)
{
    return value ? QString::number(*value, 'f', decimals) : ReportWriter::tr("n/a");
}

QList<TranscriptPiece> transcriptPieces(const AnswerAnalysis &analysis)
{
    QList<TranscriptPiece> pieces;
    qint64 previousEnd = -1;
    for (const RecognizedWord &word : analysis.words) {
        if (previousEnd >= 0 && word.startMs - previousEnd >= ReportLongPauseMs)
            pieces.append({TranscriptPiece::Kind::LongPause, seconds(word.startMs - previousEnd)});
        pieces.append(
            {word.likelyFiller ? TranscriptPiece::Kind::LikelyFiller : TranscriptPiece::Kind::Word, word.text});
        previousEnd = word.endMs;
    }
    return pieces;
}

void writeAverages(ReportSink &sink, const QList<ReportAverage> &averages)
{
    // A coach's column only where a coach rated.
    const bool coached = std::any_of(averages.cbegin(), averages.cend(),
                                     [](const ReportAverage &average) { return average.coachCount > 0; });
    QList<QStringList> rows;
    for (const ReportAverage &average : averages) {
        rows.append({average.title, averageText(average.rightAfter, average.rightAfterCount),
                     averageText(average.afterReplay, average.afterReplayCount)});
        if (coached)
            rows.last() << averageText(average.coach, average.coachCount);
    }
    QStringList headers{ReportWriter::tr("Dimension"), ReportWriter::tr("Right after"),
                        ReportWriter::tr("After replay")};
    if (coached)
        headers << ReportWriter::tr("Coach");
    sink.table(headers, rows);
}

void writeAnswer(ReportSink &sink, const ReportAnswer &answer)
{
    const AnswerRow &row = answer.detail.row;
    sink.heading(3, row.questionText, answer.anchorId);
    sink.field(ReportWriter::tr("Answered"), QLocale().toString(row.answeredAt.toLocalTime(), QLocale::ShortFormat));
    if (row.skipped) {
        sink.field(ReportWriter::tr("Skipped"), ReportWriter::tr("yes"));
    }
    const QString used = seconds(row.answerTime.count());
    sink.field(ReportWriter::tr("Time used"),
               answer.suggestedMs > 0 ? ReportWriter::tr("%1 of %2 suggested").arg(used, seconds(answer.suggestedMs))
                                      : used);
    if (!answer.phases.isEmpty()) {
        QList<QStringList> rows;
        for (const ReportPhaseTime &phase : answer.phases)
            rows.append(
                {phase.title, seconds(phase.spentMs), phase.targetMs > 0 ? seconds(phase.targetMs) : QString()});
        sink.table({ReportWriter::tr("Story phase"), ReportWriter::tr("Time"), ReportWriter::tr("Target")}, rows);
    }
    if (!answer.scores.isEmpty()) {
        const bool coached = answer.detail.coach.has_value();
        QList<QStringList> rows;
        for (const ReportDimensionScore &score : answer.scores) {
            rows.append({score.title, scoreText(score.rightAfter, score.rightAfterAnchor),
                         scoreText(score.afterReplay, score.afterReplayAnchor)});
            if (coached)
                rows.last() << scoreText(score.coach, score.coachAnchor);
        }
        QStringList headers{ReportWriter::tr("Dimension"), ReportWriter::tr("Right after"),
                            ReportWriter::tr("After replay")};
        if (coached)
            headers << ReportWriter::tr("Coach");
        sink.table(headers, rows);
    }
    const auto orNone
        = [](const QStringList &names) { return names.isEmpty() ? QStringList{ReportWriter::tr("none")} : names; };
    sink.list(ReportWriter::tr("Red flags right after"), orNone(answer.redFlagsRightAfter));
    if (answer.redFlagsAfterReplay)
        sink.list(ReportWriter::tr("Red flags after replay"), orNone(*answer.redFlagsAfterReplay));
    if (answer.redFlagsCoach)
        sink.list(ReportWriter::tr("Red flags the coach heard"), orNone(*answer.redFlagsCoach));
    if (!row.notes.isEmpty())
        sink.field(ReportWriter::tr("Notes"), row.notes);
    if (!answer.ratingNotes.isEmpty())
        sink.list(ReportWriter::tr("Rating notes"), answer.ratingNotes);
    if (!answer.analysis)
        return;
    const AnswerAnalysis &analysis = *answer.analysis;
    if (!analysis.speechFound) {
        sink.field(ReportWriter::tr("Speech analysis"), ReportWriter::tr("no speech found"));
        return;
    }
    sink.table(
        {ReportWriter::tr("Measured (approximate)"), ReportWriter::tr("Value")},
        {{ReportWriter::tr("Pace (words per minute)"), optionalNumber(analysis.wordsPerMinute, 0)},
         {ReportWriter::tr("Likely fillers per minute"), optionalNumber(analysis.fillersPerMinute, 1)},
         {ReportWriter::tr("Likely fillers"), QString::number(analysis.likelyFillerCount())},
         {ReportWriter::tr("Longest pause"), seconds(analysis.longestPauseMs())},
         {ReportWriter::tr("Pauses of 2 s or more"), QString::number(analysis.pausesLongerThan(ReportLongPauseMs - 1))},
         {ReportWriter::tr("Speaking time"), seconds(analysis.speakingMs)}});
    sink.transcript(ReportWriter::tr("Transcript (automatic, approximate; likely fillers and pauses of 2 s or more "
                                     "marked)"),
                    transcriptPieces(analysis));
}

void writeReport(ReportSink &sink, const ReportData &report)
{
    sink.heading(1, report.title, u"top"_s);
    sink.field(ReportWriter::tr("Loop"), report.loopTitle);
    if (!report.levelTitle.isEmpty())
        sink.field(ReportWriter::tr("Level"), report.levelTitle);
    const QLocale locale;
    sink.field(ReportWriter::tr("Dates"),
               ReportWriter::tr("%1 to %2")
                   .arg(locale.toString(report.firstDate.toLocalTime(), QLocale::ShortFormat),
                        locale.toString(report.lastDate.toLocalTime(), QLocale::ShortFormat)));
    sink.field(ReportWriter::tr("Answers"), QString::number(report.answerCount()));
    if (report.answerCount() > ReportWriter::ContentsFromAnswers) {
        QList<std::pair<QString, QString>> entries;
        for (const ReportRound &round : report.rounds) {
            for (const ReportAnswer &answer : round.answers)
                entries.append({answer.anchorId, round.title + u": "_s + answer.detail.row.questionText});
        }
        entries.append({u"overall"_s, ReportWriter::tr("Overall averages")});
        if (!report.charts.isEmpty())
            entries.append({u"progress"_s, ReportWriter::tr("Progress over these dates")});
        sink.heading(2, ReportWriter::tr("Contents"), u"contents"_s);
        sink.contents(entries);
    }
    int roundNumber = 0;
    for (const ReportRound &round : report.rounds) {
        sink.heading(2, round.title, u"round-%1"_s.arg(++roundNumber));
        for (const ReportAnswer &answer : round.answers)
            writeAnswer(sink, answer);
        sink.heading(3, ReportWriter::tr("Averages: %1").arg(round.title), u"round-%1-averages"_s.arg(roundNumber));
        writeAverages(sink, round.averages);
    }
    sink.heading(2, ReportWriter::tr("Overall averages"), u"overall"_s);
    writeAverages(sink, report.overall);
    if (report.charts.isEmpty())
        return;
    sink.pageBreak();
    sink.heading(2, ReportWriter::tr("Progress over these dates"), u"progress"_s);
    sink.field(ReportWriter::tr("What the charts show"),
               ReportWriter::tr("Every answer of this loop at this level between the report's first and last dates, "
                                "as the Progress page shows them (not only the answers above)."));
    int chartNumber = 0;
    for (const ChartData &chart : report.charts) {
        // On paper: the first chart under the explanation, then two to a page, never a title on
        // one page and its chart on the next.
        if (chartNumber % 2 == 1)
            sink.pageBreak();
        sink.heading(3, chart.title, u"chart-%1"_s.arg(++chartNumber));
        sink.chart(chart);
        if (!chart.note.isEmpty())
            sink.field(ReportWriter::tr("How to read it"), chart.note);
    }
}

// CommonMark lets any ASCII punctuation be escaped with a backslash: all of it is, so no text the
// person wrote can become a heading, a link, a table cell border or raw HTML. Line breaks would
// end a table row or start a block, so text is kept to one line.
QString markdownText(const QString &text)
{
    QString escaped;
    const QString line = text.simplified();
    escaped.reserve(line.size() * 2);
    for (const QChar c : line) {
        if (c.unicode() < 128 && c.isPrint() && !c.isLetterOrNumber() && !c.isSpace())
            escaped += u'\\';
        escaped += c;
    }
    return escaped;
}

class MarkdownSink : public ReportSink
{
public:
    QString text;

    void heading(int level, const QString &title, const QString &anchor) override
    {
        Q_UNUSED(anchor)
        text += QString(level, u'#') + u' ' + markdownText(title) + u"\n\n"_s;
    }
    void field(const QString &label, const QString &value) override
    {
        text += u"**"_s + markdownText(label) + u":** "_s + markdownText(value) + u"\n\n"_s;
    }
    void list(const QString &label, const QStringList &items) override
    {
        text += u"**"_s + markdownText(label) + u":**\n\n"_s;
        for (const QString &item : items)
            text += u"- "_s + markdownText(item) + u'\n';
        text += u'\n';
    }
    void table(const QStringList &headers, const QList<QStringList> &rows) override
    {
        text += tableRow(headers) + u"|"_s + QStringList(headers.size(), u"---"_s).join(u'|') + u"|\n"_s;
        for (const QStringList &row : rows)
            text += tableRow(row);
        text += u'\n';
    }
    void contents(const QList<std::pair<QString, QString>> &entries) override
    {
        int number = 0;
        for (const auto &[anchor, title] : entries)
            text += QString::number(++number) + u". "_s + markdownText(title) + u'\n';
        text += u'\n';
    }
    void transcript(const QString &label, const QList<TranscriptPiece> &pieces) override
    {
        QStringList words;
        for (const TranscriptPiece &piece : pieces) {
            switch (piece.kind) {
            case TranscriptPiece::Kind::Word:
                words << markdownText(piece.text);
                break;
            case TranscriptPiece::Kind::LikelyFiller:
                words << u"*"_s + markdownText(ReportWriter::tr("[likely filler: %1]").arg(piece.text)) + u"*"_s;
                break;
            case TranscriptPiece::Kind::LongPause:
                words << u"**"_s + markdownText(ReportWriter::tr("[pause %1]").arg(piece.text)) + u"**"_s;
                break;
            }
        }
        text += u"**"_s + markdownText(label) + u":**\n\n> "_s + words.join(u' ') + u"\n\n"_s;
    }

    void chart(const ChartData &chart) override { chartTable(*this, chart); }

private:
    static QString tableRow(const QStringList &cells)
    {
        QStringList escaped;
        for (const QString &cell : cells)
            escaped << markdownText(cell);
        return u"| "_s + escaped.join(u" | "_s) + u" |\n"_s;
    }
};

QString html(const QString &text)
{
    return text.toHtmlEscaped();
}

class HtmlSink : public ReportSink
{
public:
    // Standalone HTML carries each chart in the page (a data: address); for the PDF each is a
    // resource of the QTextDocument, named here.
    enum class Images { Embedded, Named };
    // pages: for the PDF, the page each heading (by anchor) is on, for the contents; a heading
    // not in it yet gets a placeholder as wide as a page number.
    explicit HtmlSink(Images images, std::optional<QHash<QString, int>> pages = std::nullopt)
        : m_images(images)
        , m_pages(std::move(pages))
    { }

    QString body;
    QList<std::pair<QString, QImage>> namedImages;

    void heading(int level, const QString &title, const QString &anchor) override
    {
        const QString style
            = std::exchange(m_breakBefore, false) ? u" style=\"page-break-before: always\""_s : QString();
        body += u"<h%1 id=\"%2\"%4><a name=\"%2\"></a>%3</h%1>\n"_s.arg(level).arg(html(anchor), html(title), style);
    }
    void pageBreak() override { m_breakBefore = true; }
    void field(const QString &label, const QString &value) override
    {
        body += u"<p><b>%1:</b> %2</p>\n"_s.arg(html(label), html(value).replace(u'\n', u"<br>"_s));
    }
    void list(const QString &label, const QStringList &items) override
    {
        body += u"<p><b>%1:</b></p>\n<ul>\n"_s.arg(html(label));
        for (const QString &item : items)
            body += u"<li>%1</li>\n"_s.arg(html(item));
        body += u"</ul>\n"_s;
    }
    void table(const QStringList &headers, const QList<QStringList> &rows) override
    {
        body += u"<table border=\"1\" cellspacing=\"0\" cellpadding=\"4\">\n<tr>"_s;
        for (const QString &header : headers)
            body += u"<th align=\"left\">%1</th>"_s.arg(html(header));
        body += u"</tr>\n"_s;
        for (const QStringList &row : rows) {
            body += u"<tr>"_s;
            for (const QString &cell : row)
                body += u"<td>%1</td>"_s.arg(html(cell));
            body += u"</tr>\n"_s;
        }
        body += u"</table>\n"_s;
    }
    void contents(const QList<std::pair<QString, QString>> &entries) override
    {
        if (!m_pages) {
            body += u"<ol>\n"_s;
            for (const auto &[anchor, title] : entries)
                body += u"<li><a href=\"#%1\">%2</a></li>\n"_s.arg(html(anchor), html(title));
            body += u"</ol>\n"_s;
            return;
        }
        // On paper: numbered lines with the page at the right, as a printed book's contents.
        body += u"<table width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"2\">\n"_s;
        int number = 0;
        for (const auto &[anchor, title] : entries) {
            const int page = m_pages->value(anchor);
            body += u"<tr><td width=\"6%\">%1.</td><td><a href=\"#%2\">%3</a></td><td align=\"right\" "
                    "width=\"8%\">%4</td></tr>\n"_s.arg(QString::number(++number), html(anchor), html(title),
                                                        page > 0 ? QString::number(page) : u"00"_s);
        }
        body += u"</table>\n"_s;
    }
    void transcript(const QString &label, const QList<TranscriptPiece> &pieces) override
    {
        QStringList words;
        for (const TranscriptPiece &piece : pieces) {
            switch (piece.kind) {
            case TranscriptPiece::Kind::Word:
                words << html(piece.text);
                break;
            case TranscriptPiece::Kind::LikelyFiller:
                words << u"<mark>%1</mark>"_s.arg(html(ReportWriter::tr("[likely filler: %1]").arg(piece.text)));
                break;
            case TranscriptPiece::Kind::LongPause:
                words << u"<b>%1</b>"_s.arg(html(ReportWriter::tr("[pause %1]").arg(piece.text)));
                break;
            }
        }
        body += u"<p><b>%1:</b></p>\n<blockquote>%2</blockquote>\n"_s.arg(html(label), words.join(u' '));
    }
    void chart(const ChartData &chart) override
    {
        // Drawing text needs fonts, which a QGuiApplication brings; without one the table says it all.
        if (qobject_cast<QGuiApplication *>(QCoreApplication::instance())) {
            const QImage image = renderReportChart(chart);
            const QString alternative = ReportWriter::tr("%1 (its numbers are in the table below)").arg(chart.title);
            QString source;
            if (m_images == Images::Embedded) {
                QByteArray png;
                QBuffer buffer(&png);
                buffer.open(QIODevice::WriteOnly);
                image.save(&buffer, "PNG");
                source = u"data:image/png;base64,"_s + QString::fromLatin1(png.toBase64());
            } else {
                source = u"mockloop-chart-%1.png"_s.arg(namedImages.size() + 1);
                namedImages.append({source, image});
            }
            body += u"<p><img src=\"%1\" width=\"%2\" alt=\"%3\" style=\"max-width:100%\"></p>\n"_s.arg(
                source, QString::number(ChartWidth), html(alternative));
        }
        chartTable(*this, chart);
    }

private:
    static constexpr int ChartWidth = 640; // of a 50em page; the image has twice the pixels for print
    Images m_images;
    std::optional<QHash<QString, int>> m_pages;
    bool m_breakBefore = false;
};

QString htmlDocument(const ReportData &report, HtmlSink &sink)
{
    writeReport(sink, report);
    return u"<!DOCTYPE html>\n<html lang=\"%1\">\n<head>\n<meta charset=\"utf-8\">\n<title>%2</title>\n"
           "<style>body{font-family:sans-serif;max-width:50em;margin:auto;padding:1em}"
           "table{border-collapse:collapse;margin:0.5em 0}th,td{border:1px solid #888;padding:4px}"
           "mark{background:#ffe680}blockquote{border-left:3px solid #888;margin-left:0;padding-left:1em}</style>\n"
           "</head>\n<body>\n%3</body>\n</html>\n"_s.arg(html(QLocale().bcp47Name()), html(report.title), sink.body);
}

} // namespace

QString ReportWriter::toMarkdown(const ReportData &report)
{
    MarkdownSink sink;
    writeReport(sink, report);
    return sink.text;
}

QString ReportWriter::toHtml(const ReportData &report)
{
    HtmlSink sink(HtmlSink::Images::Embedded);
    return htmlDocument(report, sink);
}

namespace {

// The page each heading of a paginated document is on (1 for the first), by its anchor.
QHash<QString, int> headingPages(const QTextDocument &document)
{
    QHash<QString, int> pages;
    const qreal pageHeight = document.pageSize().height();
    QAbstractTextDocumentLayout *layout = document.documentLayout();
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        if (block.blockFormat().headingLevel() == 0)
            continue;
        for (auto fragment = block.begin(); !fragment.atEnd(); ++fragment) {
            const int page = int(layout->blockBoundingRect(block).top() / pageHeight) + 1;
            for (const QString &anchor : fragment.fragment().charFormat().anchorNames())
                pages.insert(anchor, page);
        }
    }
    return pages;
}

} // namespace

bool ReportWriter::writePdf(const ReportData &report, const QString &path, QPageSize::PageSizeId pageSize,
                            QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = tr("Could not write %1: %2. Choose another file or folder.").arg(path, file.errorString());
        return false;
    }
    {
        QPdfWriter writer(&file);
        writer.setPageSize(QPageSize(pageSize));
        writer.setPageMargins(QMarginsF(20, 20, 20, 12), QPageLayout::Millimeter);
        writer.setTitle(report.title);
        writer.setCreator(u"MockLoop"_s);
        // Laid out for the writer's pages, less a line at the foot for the page number.
        QTextDocument document;
        document.documentLayout()->setPaintDevice(&writer);
        document.setDocumentMargin(0);
        const qreal footHeight = writer.logicalDpiY() * 8.0 / 25.4; // 8 mm
        const QSizeF page(writer.width(), writer.height() - footHeight);
        document.setPageSize(page);
        // The contents say which page each part starts on: laid out with placeholders first, then
        // with the pages found, again until they no longer move (a number's width can move a line).
        const bool hasContents = report.answerCount() > ContentsFromAnswers;
        QHash<QString, int> pages;
        for (int pass = 0; pass < 4; ++pass) {
            HtmlSink sink(HtmlSink::Images::Named, hasContents ? std::optional(pages) : std::nullopt);
            const QString text = htmlDocument(report, sink);
            document.clear();
            for (const auto &[name, image] : std::as_const(sink.namedImages))
                document.addResource(QTextDocument::ImageResource, QUrl(name), image);
            document.setHtml(text);
            if (!hasContents)
                break;
            const QHash<QString, int> found = headingPages(document);
            if (found == pages)
                break;
            pages = found;
        }
        QPainter painter(&writer);
        const int pageCount = document.pageCount();
        for (int number = 1; number <= pageCount; ++number) {
            if (number > 1)
                writer.newPage();
            painter.save();
            painter.translate(0, -(number - 1) * page.height());
            document.drawContents(&painter, QRectF(QPointF(0, (number - 1) * page.height()), page));
            painter.restore();
            painter.setFont(document.defaultFont());
            painter.drawText(QRectF(0, page.height(), page.width(), footHeight), Qt::AlignRight | Qt::AlignBottom,
                             tr("%1 of %2", "page number at a report page's foot").arg(number).arg(pageCount));
        }
    }
    file.close();
    if (file.error() != QFileDevice::NoError || file.size() == 0) {
        *error = tr("Could not write %1: %2. Choose another file or folder.").arg(path, file.errorString());
        return false;
    }
    return true;
}

QPageSize::PageSizeId ReportWriter::pageSizeFor(const QLocale &locale)
{
    switch (locale.territory()) {
    case QLocale::UnitedStates:
    case QLocale::Canada:
    case QLocale::Mexico:
    case QLocale::Chile:
    case QLocale::Colombia:
    case QLocale::Venezuela:
    case QLocale::Philippines:
    case QLocale::PuertoRico:
        return QPageSize::Letter;
    default:
        return QPageSize::A4;
    }
}

} // namespace MockLoop
