// A report for a full loop with 34 analysed answers (each with a 354-word transcript, as long as a
// 2.5-minute answer's, ratings right after and one after a replay on the first) written as PDF:
// the median over repeated runs of collecting the report from the library and of laying out and
// writing the PDF (target: <= 2 s in all on the 2-core CI machine), with the page count and file
// size.
//   report_bench [repetitions] [keep.pdf]    default 5 runs; the PDF copied to keep.pdf to look at

#include "BenchTiming.h"
#include "ReportFixture.h"
#include "reports/ReportWriter.h"

#include <QFileInfo>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTextStream>

using namespace MockLoop;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 5;
    QTextStream out(stdout);
    QTemporaryDir folder;
    std::unique_ptr<LibraryStore> store = LibraryStore::open(folder.path()).store;
    if (!store) {
        out << "report_bench: could not open a library in " << folder.path() << Qt::endl;
        return 1;
    }
    constexpr int Answers = 34;
    // Each transcript as long as a 2.5-minute answer's.
    ReportFixture::fill(*store, Answers, true, u"s1"_s, QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC), 350);
    const auto loops = [](const QString &) { return ReportFixture::loop(); };
    const QString path = folder.filePath(u"report.pdf"_s);
    std::optional<ReportData> report;
    bool written = true;
    const BenchTiming::Spread collect = BenchTiming::spreadOf(BenchTiming::sampleMs(runs, [&] {
        QString error;
        report = ReportBuilder::build(*store, ReportScope{u"s1"_s, {}, {}, {}}, loops, &error);
    }));
    const BenchTiming::Spread pdf = BenchTiming::spreadOf(BenchTiming::sampleMs(runs, [&] {
        QString error;
        written = written && ReportWriter::writePdf(*report, path, QPageSize::A4, &error);
    }));
    if (!written) {
        out << "report_bench: the PDF could not be written" << Qt::endl;
        return 1;
    }
    out << "report of " << report->answerCount() << " analysed answers, " << runs << " runs (median, min-max)\n"
        << "  collect from the library: " << collect.median << " ms (" << collect.min << "-" << collect.max << ")\n"
        << "  lay out and write the PDF: " << pdf.median << " ms (" << pdf.min << "-" << pdf.max << ")\n"
        << "  total: " << collect.median + pdf.median << " ms (target <= 2000 ms)\n"
        << "  PDF size: " << QFileInfo(path).size() / 1024 << " KiB" << Qt::endl;
    if (argc > 2) {
        const QString kept = QString::fromLocal8Bit(argv[2]);
        QFile::remove(kept);
        if (!QFile::copy(path, kept))
            out << "report_bench: could not copy the PDF to " << kept << Qt::endl;
    }
    return 0;
}
