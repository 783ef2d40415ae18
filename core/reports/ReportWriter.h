#pragma once

#include "ReportData.h"

#include <QCoreApplication>
#include <QLocale>
#include <QPageSize>
#include <QString>

namespace MockLoop {

// Renders a report. Every text that came from the person or a loop file is escaped for its
// format: a note reading "<script>" or "# heading" shows as written, never as markup.
class ReportWriter
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::ReportWriter)

public:
    // Reports with more answers than this open with a table of contents.
    static constexpr int ContentsFromAnswers = 5;

    static QString toMarkdown(const ReportData &report);
    // One file, no external resources: the styles are inline.
    static QString toHtml(const ReportData &report);
    // Real text (not images), with page numbers at the foot of each page. Needs a QGuiApplication
    // (the offscreen platform will do) for the fonts. False with *error set when it cannot write.
    static bool writePdf(const ReportData &report, const QString &path, QPageSize::PageSizeId pageSize, QString *error);
    // Letter where it is the custom (the United States, Canada, Mexico and a few more), else A4.
    static QPageSize::PageSizeId pageSizeFor(const QLocale &locale);
};

} // namespace MockLoop
