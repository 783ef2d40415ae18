#pragma once

#include "progress/ProgressTypes.h"

#include <QImage>
#include <QList>

namespace MockLoop {

struct ReportData;
class LibraryStore;
struct Loop;

// The Progress page's charts for a report: its trends, measured figures and calibration over the
// report's dates (every answer of the loop at the report's level in them), where there is a line to
// draw, that is two points or more with a value.
QList<ChartData> reportChartsOf(LibraryStore &store, const Loop &loop, const QString &levelId,
                                const ReportData &report);

// A line chart drawn for a printed page: white ground, each series in its own colour, dash and
// marker shape (so that it reads in black and white), the legend and the axes' labels in the image.
// The report sets the same numbers beside it as a table. Needs a QGuiApplication for the fonts.
QImage renderReportChart(const ChartData &chart, int widthPixels = 1400);

} // namespace MockLoop
