#pragma once

#include "progress/ProgressTypes.h"

#include <QWidget>

class QAbstractButton;
class QChart;
class QChartView;
class QComboBox;
class QLabel;
class QStackedWidget;
class QStandardItemModel;
class QTableView;
class QToolButton;

namespace MockLoop {

// One chart of the Progress page with its accessible text equivalent: a choice of what it shows
// (when it shows more than one thing), the chart or a table of the very same numbers (a toggle),
// and export as PNG or SVG. Colours follow the palette, light or dark; every series is named in
// the legend and the table, so nothing is told by colour alone.
class ChartPanel : public QWidget
{
    Q_OBJECT

public:
    // name: the objectName's stem ("trendChart"), title: the panel's heading.
    ChartPanel(const QString &name, const QString &title, QWidget *parent = nullptr);

    // The charts it can show; the choice stays on the same place when the numbers change.
    void setCharts(const QList<ChartData> &charts);
    const ChartData &shownChart() const;
    QChart *chart() const;
    QTableView *table() const { return m_table; }
    bool isShowingTable() const;
    void showTable(bool table);

    // Writes the chart as it is drawn now; false with *error saying why.
    bool exportPng(const QString &path, QString *error) const;
    bool exportSvg(const QString &path, QString *error) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void showChosen();
    void rebuildChart();
    void fillTable();
    void exportTo(const QString &format);
    QSize exportSize() const;

    QList<ChartData> m_charts;
    QLabel *m_title;
    QComboBox *m_choice;
    QToolButton *m_chartButton;
    QToolButton *m_tableButton;
    QToolButton *m_exportButton;
    QStackedWidget *m_stack;
    QChartView *m_chartView;
    QTableView *m_table;
    QStandardItemModel *m_model;
    QLabel *m_note;
    QLabel *m_empty;
};

} // namespace MockLoop
