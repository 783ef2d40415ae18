#include "ReportCharts.h"

#include "ReportData.h"
#include "library/LibraryStore.h"
#include "progress/Progress.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// Okabe and Ito's palette, which reads for every kind of colour vision, without its yellow (too
// faint on paper); the dash and the marker tell series apart in black and white too.
const QList<QColor> SeriesColours{QColor(0x00, 0x72, 0xB2), QColor(0xE6, 0x9F, 0x00), QColor(0x00, 0x9E, 0x73),
                                  QColor(0xCC, 0x79, 0xA7), QColor(0xD5, 0x5E, 0x00), QColor(0x56, 0xB4, 0xE9),
                                  QColor(0x00, 0x00, 0x00)};
const QList<Qt::PenStyle> SeriesDashes{Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};

QColor seriesColour(int index)
{
    return SeriesColours.at(index % SeriesColours.size());
}

QPen seriesLine(int index)
{
    QPen pen(seriesColour(index), 2.2, SeriesDashes.at(index % SeriesDashes.size()));
    pen.setCapStyle(Qt::FlatCap);
    return pen;
}

enum class Marker { Circle, Square, Triangle, Diamond };
constexpr int MarkerKinds = 4;

void drawMarker(QPainter &painter, QPointF at, Marker marker, qreal radius)
{
    switch (marker) {
    case Marker::Circle:
        painter.drawEllipse(at, radius, radius);
        break;
    case Marker::Square:
        painter.drawRect(QRectF(at.x() - radius, at.y() - radius, 2 * radius, 2 * radius));
        break;
    case Marker::Triangle:
        painter.drawPolygon(QPolygonF{at + QPointF(0, -radius * 1.2), at + QPointF(radius * 1.1, radius * 0.9),
                                      at + QPointF(-radius * 1.1, radius * 0.9)});
        break;
    case Marker::Diamond:
        painter.drawPolygon(QPolygonF{at + QPointF(0, -radius * 1.3), at + QPointF(radius * 1.1, 0),
                                      at + QPointF(0, radius * 1.3), at + QPointF(-radius * 1.1, 0)});
        break;
    }
}

// How many gridlines divide span into round steps (1, 2, 2.5 or 5 times a power of ten): 1 to 4
// in three steps, 0 to 200 in four.
int roundSteps(double span)
{
    for (int steps = 6; steps >= 2; --steps) {
        const double step = span / steps;
        if (step <= 0)
            break;
        const double power = std::pow(10.0, std::floor(std::log10(step)));
        for (const double round : {1.0, 2.0, 2.5, 5.0, 10.0}) {
            if (std::abs(step - round * power) < 1e-9 * power)
                return steps;
        }
    }
    return 4;
}

// Two points with a value at least: one point is not a trend.
bool hasALine(const ChartData &chart)
{
    if (chart.kind != ChartData::Kind::Line || chart.points.size() < 2)
        return false;
    return std::any_of(chart.series.cbegin(), chart.series.cend(), [](const ChartSeries &series) {
        return std::count_if(series.values.cbegin(), series.values.cend(), [](const auto &v) { return v.has_value(); })
            >= 2;
    });
}

} // namespace

QList<ChartData> reportChartsOf(LibraryStore &store, const Loop &loop, const QString &levelId, const ReportData &report)
{
    Progress::Input input;
    input.loop = std::shared_ptr<const Loop>(&loop, [](const Loop *) {});
    input.filter.loopId = loop.id;
    input.filter.levelId = levelId;
    input.filter.from = report.firstDate.toLocalTime().date();
    input.filter.to = report.lastDate.toLocalTime().date();
    input.facts = store.answerFacts(loop.id, levelId, Progress::dimensionIdsOf(loop), Progress::redFlagIdsOf(loop));
    input.now = report.lastDate; // the queue and calendar are not drawn; no clock is read
    const ProgressData progress = Progress::compute(input);
    QList<ChartData> candidates{progress.trendByWeek, progress.trendBySession};
    candidates << progress.measures << progress.calibrationByWeek;
    QList<ChartData> charts;
    for (const ChartData &chart : std::as_const(candidates)) {
        if (hasALine(chart))
            charts << chart;
    }
    return charts;
}

QImage renderReportChart(const ChartData &chart, int widthPixels)
{
    QList<const ChartSeries *> shown;
    for (const ChartSeries &series : chart.series) {
        if (series.hasValues())
            shown << &series;
    }
    const qreal scale = widthPixels / 700.0; // drawn on a 700-unit-wide page, printed at its resolution
    QFont font(u"DejaVu Sans"_s);
    font.setPixelSize(12);
    const QFontMetricsF metrics(font);
    const qreal line = metrics.height();

    // The legend above the plot, wrapped into rows.
    constexpr qreal Width = 700;
    constexpr qreal Margin = 10;
    constexpr qreal Sample = 34; // the line and marker drawn before each series' name
    QList<std::pair<QPointF, int>> legend; // where each entry starts, and its series
    qreal x = Margin;
    qreal y = Margin;
    for (int i = 0; i < shown.size(); ++i) {
        const qreal entry = Sample + 6 + metrics.horizontalAdvance(shown.at(i)->title) + 18;
        if (x > Margin && x + entry > Width - Margin) {
            x = Margin;
            y += line + 4;
        }
        legend.append({QPointF(x, y), i});
        x += entry;
    }
    const qreal plotTop = y + line + 12;
    constexpr qreal PlotHeight = 230;
    const qreal height = plotTop + PlotHeight + line * 2 + Margin;

    QImage image(QSize(widthPixels, int(std::ceil(height * scale))), QImage::Format_RGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.scale(scale, scale);
    painter.setFont(font);

    // The value axis: gridlines at round steps from the least to the most, labelled.
    QStringList valueLabels;
    const int Steps = roundSteps(chart.maxValue - chart.minValue);
    for (int step = 0; step <= Steps; ++step)
        valueLabels << chart.formatValue(chart.minValue + (chart.maxValue - chart.minValue) * step / Steps);
    qreal labelWidth = 0;
    for (const QString &label : std::as_const(valueLabels))
        labelWidth = std::max(labelWidth, metrics.horizontalAdvance(label));
    const QRectF plot(Margin + labelWidth + 8, plotTop, Width - 2 * Margin - labelWidth - 8, PlotHeight);
    const qreal span = chart.maxValue > chart.minValue ? chart.maxValue - chart.minValue : 1;
    const auto yOf = [&](double value) {
        return plot.bottom()
            - (std::clamp(value, chart.minValue, chart.maxValue) - chart.minValue) / span * plot.height();
    };
    for (int step = 0; step <= Steps; ++step) {
        const qreal gridY = plot.bottom() - plot.height() * step / Steps;
        painter.setPen(QPen(QColor(0xCC, 0xCC, 0xCC), 1));
        painter.drawLine(QPointF(plot.left(), gridY), QPointF(plot.right(), gridY));
        painter.setPen(Qt::black);
        painter.drawText(QRectF(Margin, gridY - line / 2, labelWidth, line), Qt::AlignRight | Qt::AlignVCenter,
                         valueLabels.at(step));
    }
    painter.setPen(QPen(Qt::black, 1));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());

    // The points along the bottom: as many labels as fit, evenly spread.
    const qsizetype count = chart.points.size();
    const qreal stepX = count > 1 ? plot.width() / (count - 1) : plot.width();
    const auto xOf = [&](qsizetype index) { return count > 1 ? plot.left() + stepX * index : plot.center().x(); };
    qreal widest = 0;
    for (const QString &point : chart.points)
        widest = std::max(widest, metrics.horizontalAdvance(point));
    const qsizetype every = std::max<qsizetype>(1, qsizetype(std::ceil((widest + 12) / std::max<qreal>(stepX, 1))));
    for (qsizetype i = 0; i < count; i += every) {
        const qreal at = xOf(i);
        const qreal half = widest / 2 + 6;
        painter.drawLine(QPointF(at, plot.bottom()), QPointF(at, plot.bottom() + 4));
        painter.drawText(QRectF(std::clamp(at - half, 0.0, Width - 2 * half), plot.bottom() + 6, 2 * half, line),
                         Qt::AlignHCenter | Qt::AlignTop, chart.points.at(i));
    }
    painter.drawText(QRectF(plot.left(), plot.bottom() + 6 + line, plot.width(), line), Qt::AlignHCenter,
                     chart.pointTitle);

    // Each series: segments between neighbouring points that have values, and a marker on each.
    for (int i = 0; i < shown.size(); ++i) {
        const ChartSeries &series = *shown.at(i);
        const QColor colour = seriesColour(i);
        painter.setPen(seriesLine(i));
        for (qsizetype p = 1; p < series.values.size() && p < count; ++p) {
            if (series.values.at(p - 1) && series.values.at(p))
                painter.drawLine(QPointF(xOf(p - 1), yOf(*series.values.at(p - 1))),
                                 QPointF(xOf(p), yOf(*series.values.at(p))));
        }
        painter.setPen(QPen(colour, 1.5));
        painter.setBrush(colour);
        for (qsizetype p = 0; p < series.values.size() && p < count; ++p) {
            if (series.values.at(p))
                drawMarker(painter, QPointF(xOf(p), yOf(*series.values.at(p))), Marker(i % MarkerKinds), 3.5);
        }
        painter.setBrush(Qt::NoBrush);
    }

    // The legend.
    for (const auto &[at, index] : std::as_const(legend)) {
        const QColor colour = seriesColour(index);
        const qreal middle = at.y() + line / 2;
        painter.setPen(seriesLine(index));
        painter.drawLine(QPointF(at.x(), middle), QPointF(at.x() + Sample, middle));
        painter.setPen(QPen(colour, 1.5));
        painter.setBrush(colour);
        drawMarker(painter, QPointF(at.x() + Sample / 2, middle), Marker(index % MarkerKinds), 3.5);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(Qt::black);
        painter.drawText(QPointF(at.x() + Sample + 6, at.y() + metrics.ascent()), shown.at(index)->title);
    }
    return image;
}

} // namespace MockLoop
