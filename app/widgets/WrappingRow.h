#pragma once

#include <QLayout>
#include <QList>

namespace MockLoop {

// A row of widgets that wraps onto as many lines as the width needs, in reading order, each keeping
// its preferred width: a bar of filters that stays whole when the text is large or the window
// narrow, where a QHBoxLayout would squeeze each combo box until its text is cut off.
class WrappingRow : public QLayout
{
public:
    explicit WrappingRow(QWidget *parent = nullptr, int horizontalSpacing = 12, int verticalSpacing = 4);
    ~WrappingRow() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;
    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    // Lays the items out in rect (or only measures, when place is false); the height used.
    int arrange(const QRect &rect, bool place) const;

    QList<QLayoutItem *> m_items;
    int m_horizontalSpacing;
    int m_verticalSpacing;
};

} // namespace MockLoop
