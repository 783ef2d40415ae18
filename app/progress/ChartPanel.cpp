#include "ChartPanel.h"

#include "widgets/WrappingRow.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QButtonGroup>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QMenu>
#include <QMessageBox>
#include <QPainter>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QSvgGenerator>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <QValueAxis>
#include <cmath>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// Colours told apart in both palettes (after the Okabe–Ito set, which colour-blind readers can
// tell apart), lighter on a dark background.
QList<QColor> seriesColours(bool dark)
{
    if (dark) {
        return {QColor(0xf0, 0xf0, 0xf0), QColor(0x56, 0xb4, 0xe9), QColor(0xe6, 0x9f, 0x00),
                QColor(0x4c, 0xd0, 0xa0), QColor(0xf0, 0xe4, 0x42), QColor(0x7a, 0xa8, 0xf0),
                QColor(0xf0, 0x80, 0x40), QColor(0xe0, 0x90, 0xc0), QColor(0xb0, 0xb0, 0xb0)};
    }
    return {QColor(0x20, 0x20, 0x20), QColor(0x00, 0x72, 0xb2), QColor(0xd5, 0x5e, 0x00),
            QColor(0x00, 0x9e, 0x73), QColor(0xb8, 0x9c, 0x00), QColor(0x56, 0x3f, 0xa8),
            QColor(0xcc, 0x79, 0xa7), QColor(0x8c, 0x4a, 0x00), QColor(0x60, 0x60, 0x60)};
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

} // namespace

ChartPanel::ChartPanel(const QString &name, const QString &title, QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(title, this))
    , m_choice(new QComboBox(this))
    , m_chartButton(new QToolButton(this))
    , m_tableButton(new QToolButton(this))
    , m_exportButton(new QToolButton(this))
    , m_stack(new QStackedWidget(this))
    , m_chartView(new QChartView(m_stack))
    , m_table(new QTableView(m_stack))
    , m_model(new QStandardItemModel(this))
    , m_note(new QLabel(this))
    , m_empty(new QLabel(this))
{
    setObjectName(name);
    QFont heading = m_title->font();
    heading.setBold(true);
    heading.setPointSizeF(heading.pointSizeF() * 1.15);
    m_title->setFont(heading);
    m_choice->setObjectName(name + u"Choice"_s);
    m_choice->setAccessibleName(tr("%1: what to show").arg(title));
    m_choice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_chartButton->setObjectName(name + u"ChartButton"_s);
    m_chartButton->setText(tr("Chart"));
    m_chartButton->setAccessibleName(tr("%1 as a chart").arg(title));
    m_tableButton->setObjectName(name + u"TableButton"_s);
    m_tableButton->setText(tr("Table"));
    m_tableButton->setAccessibleName(tr("%1 as a table").arg(title));
    for (QToolButton *button : {m_chartButton, m_tableButton}) {
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    }
    auto *toggle = new QButtonGroup(this);
    toggle->addButton(m_chartButton);
    toggle->addButton(m_tableButton);
    m_chartButton->setChecked(true);
    m_exportButton->setObjectName(name + u"ExportButton"_s);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setAccessibleName(tr("Export %1").arg(title));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setAutoRaise(true);
    auto *exportMenu = new QMenu(m_exportButton);
    exportMenu->addAction(tr("As PNG image…"), this, [this] { exportTo(u"png"_s); });
    exportMenu->addAction(tr("As SVG drawing…"), this, [this] { exportTo(u"svg"_s); });
    m_exportButton->setMenu(exportMenu);

    m_chartView->setObjectName(name + u"View"_s);
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumHeight(300);
    m_chartView->setAccessibleName(title);
    m_chartView->viewport()->setAccessibleName(title);
    m_chartView->setFocusPolicy(Qt::NoFocus); // the table is its text equivalent, one key away
    m_table->setObjectName(name + u"Table"_s);
    m_table->setModel(m_model);
    m_table->setAccessibleName(tr("%1, table").arg(title));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_stack->addWidget(m_chartView);
    m_stack->addWidget(m_table);
    m_note->setObjectName(name + u"Note"_s);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_empty->setObjectName(name + u"Empty"_s);
    m_empty->setText(tr("Nothing to show yet for this choice."));
    m_empty->hide();

    // The choice and the buttons wrap under one another rather than cut the choice's text short
    // (large type, a narrow column). The choice is as wide as its longest item where there is room,
    // never wider than the row (where it is cut short, its list shows each item whole).
    m_choice->setMinimumWidth(m_choice->fontMetrics().averageCharWidth() * 12);
    auto *controls = new QWidget(this);
    auto *controlsRow = new WrappingRow(controls, 6, 4);
    for (QWidget *control : std::initializer_list<QWidget *>{m_choice, m_chartButton, m_tableButton, m_exportButton})
        controlsRow->addWidget(control);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1, Qt::AlignTop);
    header->addWidget(controls);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->addLayout(header);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_note);

    connect(m_choice, &QComboBox::currentIndexChanged, this, &ChartPanel::showChosen);
    connect(m_chartButton, &QToolButton::toggled, this, [this](bool chart) { showTable(!chart); });
    setTabOrder(m_choice, m_chartButton);
    setTabOrder(m_chartButton, m_tableButton);
    setTabOrder(m_tableButton, m_exportButton);
    setTabOrder(m_exportButton, m_table);
}

void ChartPanel::setCharts(const QList<ChartData> &charts)
{
    const QString chosen = m_choice->currentData().toString();
    m_charts = charts;
    {
        const QSignalBlocker blocker(m_choice);
        m_choice->clear();
        for (const ChartData &chart : m_charts)
            m_choice->addItem(chart.title, chart.id);
        m_choice->setCurrentIndex(std::max(0, m_choice->findData(chosen)));
    }
    m_choice->setVisible(m_charts.size() > 1);
    showChosen();
}

const ChartData &ChartPanel::shownChart() const
{
    static const ChartData none;
    const int index = m_choice->currentIndex();
    return index >= 0 && index < m_charts.size() ? m_charts.at(index) : none;
}

QChart *ChartPanel::chart() const
{
    return m_chartView->chart();
}

bool ChartPanel::isShowingTable() const
{
    return m_stack->currentWidget() == m_table;
}

void ChartPanel::showTable(bool table)
{
    m_stack->setCurrentWidget(table ? static_cast<QWidget *>(m_table) : m_chartView);
    const QSignalBlocker blocker(m_chartButton);
    m_chartButton->setChecked(!table);
    m_tableButton->setChecked(table);
}

void ChartPanel::showChosen()
{
    const ChartData &shown = shownChart();
    m_note->setText(shown.note);
    m_note->setVisible(!shown.note.isEmpty());
    m_empty->setVisible(!shown.hasValues());
    rebuildChart();
    fillTable();
}

void ChartPanel::rebuildChart()
{
    const ChartData &shown = shownChart();
    const QPalette colours = palette();
    const QList<QColor> seriesColour = seriesColours(isDark(colours));
    auto *chart = new QChart;
    chart->setTitle(shown.title);
    chart->setTitleBrush(colours.windowText());
    chart->setBackgroundBrush(colours.base());
    chart->setBackgroundRoundness(0);
    chart->legend()->setLabelColor(colours.color(QPalette::WindowText));
    // Many series: a list beside the chart, where every name fits; a few: a line below it.
    chart->legend()->setAlignment(shown.series.size() > 3 ? Qt::AlignRight : Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // drawn at once, and the same in every export

    // Bars: a category each. Lines: a number each, labelled at most every few points so that the
    // labels (dates, sessions) are never cut short.
    QAbstractAxis *pointAxis = nullptr;
    if (shown.kind == ChartData::Kind::Bar) {
        auto *categories = new QBarCategoryAxis(chart);
        categories->append(shown.points.isEmpty() ? QStringList{QString()} : shown.points);
        if (shown.points.size() > 5)
            categories->setLabelsAngle(-30);
        pointAxis = categories;
    } else {
        auto *labelled = new QCategoryAxis(chart);
        labelled->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
        const qsizetype step = std::max<qsizetype>(1, (shown.points.size() + 6) / 7);
        for (qsizetype p = 0; p < shown.points.size(); p += step) {
            if (!labelled->categoriesLabels().contains(shown.points.at(p))) // "3 Mar" of another year
                labelled->append(shown.points.at(p), double(p));
        }
        labelled->setRange(-0.5, std::max<double>(0.5, double(shown.points.size()) - 0.5));
        labelled->setStartValue(-0.5);
        pointAxis = labelled;
    }
    auto *valueAxis = new QValueAxis(chart);
    valueAxis->setRange(shown.minValue, shown.maxValue);
    // Ticks on round numbers: 1, 1.5, 2 ... for scores; 0, 50, 100 ... for words per minute.
    const double rough = (shown.maxValue - shown.minValue) / 5;
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough > 0 ? rough : 1)));
    double interval = magnitude;
    for (const double multiple : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        if (multiple * magnitude >= rough) {
            interval = multiple * magnitude;
            break;
        }
    }
    valueAxis->setTickType(QValueAxis::TicksDynamic);
    valueAxis->setTickAnchor(shown.minValue);
    valueAxis->setTickInterval(interval);
    valueAxis->setLabelFormat(interval < 1 ? u"%.1f"_s : u"%.0f"_s);
    valueAxis->setTitleText(shown.valueTitle);
    pointAxis->setTitleText(shown.pointTitle);
    for (QAbstractAxis *axis : {static_cast<QAbstractAxis *>(pointAxis), static_cast<QAbstractAxis *>(valueAxis)}) {
        axis->setLabelsBrush(colours.windowText());
        axis->setTitleBrush(colours.windowText());
        axis->setLinePenColor(colours.color(QPalette::Mid));
        axis->setGridLineColor(colours.color(QPalette::Mid).darker(isDark(colours) ? 150 : 100));
    }
    chart->addAxis(pointAxis, Qt::AlignBottom);
    chart->addAxis(valueAxis, Qt::AlignLeft);

    if (shown.kind == ChartData::Kind::Bar) {
        auto *bars = new QBarSeries(chart);
        for (qsizetype s = 0; s < shown.series.size(); ++s) {
            const ChartSeries &series = shown.series.at(s);
            auto *set = new QBarSet(series.title, bars);
            for (const auto &value : series.values)
                set->append(value.value_or(0.0));
            set->setColor(seriesColour.at(s % seriesColour.size()));
            set->setBorderColor(colours.color(QPalette::Base));
            bars->append(set);
        }
        chart->addSeries(bars);
        bars->attachAxis(pointAxis);
        bars->attachAxis(valueAxis);
    } else {
        for (qsizetype s = 0; s < shown.series.size(); ++s) {
            const ChartSeries &series = shown.series.at(s);
            auto *line = new QLineSeries(chart);
            line->setName(series.title);
            for (qsizetype p = 0; p < series.values.size(); ++p) {
                if (series.values.at(p))
                    line->append(double(p), *series.values.at(p));
            }
            QPen pen(seriesColour.at(s % seriesColour.size()));
            pen.setWidthF(s == 0 ? 3.0 : 1.6); // the first series (Overall, All) stands out by width too
            line->setPen(pen);
            line->setPointsVisible(true);
            chart->addSeries(line);
            line->attachAxis(pointAxis);
            line->attachAxis(valueAxis);
        }
    }
    m_chartView->setBackgroundBrush(colours.base()); // around the chart, too
    QChart *previous = m_chartView->chart();
    m_chartView->setChart(chart);
    // QChartView does not delete a chart it is given in place of another.
    if (previous && previous != chart)
        delete previous;
}

void ChartPanel::fillTable()
{
    const ChartData &shown = shownChart();
    m_model->clear();
    QStringList headers{shown.pointTitle};
    for (const ChartSeries &series : shown.series)
        headers << series.title;
    m_model->setHorizontalHeaderLabels(headers);
    for (qsizetype p = 0; p < shown.points.size(); ++p) {
        QList<QStandardItem *> row{new QStandardItem(shown.points.at(p))};
        for (const ChartSeries &series : shown.series) {
            const auto value = p < series.values.size() ? series.values.at(p) : std::nullopt;
            auto *item = new QStandardItem(shown.formatValue(value));
            item->setData(value ? QVariant(*value) : QVariant(), Qt::UserRole);
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            const int count = p < series.counts.size() ? series.counts.at(p) : 0;
            item->setToolTip(tr("%1, %2: %n value(s) averaged", nullptr, count).arg(series.title, shown.points.at(p)));
            row << item;
        }
        m_model->appendRow(row);
    }
}

void ChartPanel::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_charts.isEmpty())
        rebuildChart();
}

QSize ChartPanel::exportSize() const
{
    return m_chartView->size().isValid() && m_chartView->width() > 100 ? m_chartView->size() : QSize(900, 500);
}

bool ChartPanel::exportPng(const QString &path, QString *error) const
{
    QImage image(exportSize() * 2, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(2);
    image.fill(palette().color(QPalette::Base));
    {
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing);
        m_chartView->render(&painter, QRectF(QPointF(0, 0), exportSize()), m_chartView->viewport()->rect());
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !image.save(&file, "PNG") || !file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ChartPanel::exportSvg(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(exportSize());
        svg.setViewBox(QRect(QPoint(0, 0), exportSize()));
        svg.setTitle(shownChart().title);
        svg.setDescription(shownChart().note);
        QPainter painter(&svg);
        m_chartView->render(&painter, QRectF(QPointF(0, 0), exportSize()), m_chartView->viewport()->rect());
    }
    if (!file.commit()) {
        *error = tr("Could not write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void ChartPanel::exportTo(const QString &format)
{
    const QString filter = format == u"png"_s ? tr("PNG images (*.png)") : tr("SVG drawings (*.svg)");
    QString path = QFileDialog::getSaveFileName(this, tr("Export Chart"), shownChart().id + u'.' + format, filter);
    if (path.isEmpty())
        return;
    if (!path.endsWith(u'.' + format, Qt::CaseInsensitive))
        path += u'.' + format;
    QString error;
    if (!(format == u"png"_s ? exportPng(path, &error) : exportSvg(path, &error)))
        QMessageBox::warning(this, tr("Export failed"), error);
}

} // namespace MockLoop
