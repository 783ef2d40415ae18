#include "AnswerTableView.h"

#include "LibraryFormat.h"
#include "library/AnswerTableModel.h"
#include "widgets/CountdownLabel.h"

#include <QCoreApplication>
#include <QHeaderView>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// The microphone of the recording column, also in the selection's text colour: the drawing's own
// colour does not read on a selected row.
QIcon microphoneIcon(const QColor &selectedColour)
{
    const QIcon drawing(u":/icons/practice.svg"_s);
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64}) {
        const QPixmap normal = drawing.pixmap(size, size);
        icon.addPixmap(normal, QIcon::Normal);
        QPixmap selected = normal;
        QPainter painter(&selected);
        painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
        painter.fillRect(selected.rect(), selectedColour);
        painter.end();
        icon.addPixmap(selected, QIcon::Selected);
    }
    return icon;
}

// The table's headers, shorter where the cells are narrow: the recording column is a microphone.
class AnswerTableProxy : public AnswerSortProxy
{
public:
    explicit AnswerTableProxy(QObject *parent)
        : AnswerSortProxy(parent)
        , m_microphone(u":/icons/practice.svg"_s)
    { }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation == Qt::Horizontal && section == AnswerTableModel::Recording) {
            switch (role) {
            case Qt::DisplayRole:
                return QString();
            case Qt::DecorationRole:
                return m_microphone;
            case Qt::ToolTipRole:
            case Qt::AccessibleTextRole:
                return QCoreApplication::translate("MockLoop::LibraryPage", "Recording");
            default:
                break;
            }
        }
        if (orientation == Qt::Horizontal && section == AnswerTableModel::RedFlags) {
            if (role == Qt::DisplayRole)
                return QCoreApplication::translate("MockLoop::LibraryPage", "Flags");
            if (role == Qt::ToolTipRole)
                return QCoreApplication::translate("MockLoop::LibraryPage", "Red flags in the latest rating");
        }
        // The measured figures on two short lines: the table has many columns to fit.
        if (orientation == Qt::Horizontal && role == Qt::DisplayRole) {
            switch (section) {
            case AnswerTableModel::Pace:
                return QCoreApplication::translate("MockLoop::LibraryPage", "Pace\nwpm");
            case AnswerTableModel::Fillers:
                return QCoreApplication::translate("MockLoop::LibraryPage", "Likely\nfillers/min");
            case AnswerTableModel::LongestPause:
                return QCoreApplication::translate("MockLoop::LibraryPage", "Longest\npause");
            default:
                break;
            }
        }
        if (orientation == Qt::Horizontal && role == Qt::AccessibleTextRole && section >= AnswerTableModel::Pace)
            return sourceModel()->headerData(section, orientation, Qt::DisplayRole);
        if (orientation == Qt::Horizontal && section == AnswerTableModel::Score && role == Qt::ToolTipRole)
            return QCoreApplication::translate("MockLoop::LibraryPage",
                                               "The average of the latest rating: after a replay, if there is one");
        return AnswerSortProxy::headerData(section, orientation, role);
    }

private:
    QIcon m_microphone;
};

// Columns drawn more compactly than the model words them: the date without seconds, and a
// microphone for an answer with a recording. Red flags stand out in the warning colour.
class AnswerDelegate : public QStyledItemDelegate
{
public:
    explicit AnswerDelegate(QAbstractItemView *view)
        : QStyledItemDelegate(view)
        , m_microphone(microphoneIcon(view->palette().color(QPalette::HighlightedText)))
    { }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == AnswerTableModel::Date) {
            option->text = LibraryFormat::dateTime(
                QDateTime::fromMSecsSinceEpoch(index.data(AnswerTableModel::SortRole).toLongLong()));
        } else if (index.column() == AnswerTableModel::RedFlags) {
            if (!(option->state & QStyle::State_Selected))
                option->palette.setColor(QPalette::Text, warningColour(option->palette));
        } else if (index.column() == AnswerTableModel::Recording) {
            option->text.clear();
            if (index.data(AnswerTableModel::HasRecordingRole).toBool()) {
                option->features |= QStyleOptionViewItem::HasDecoration;
                option->icon = m_microphone;
                option->decorationPosition = QStyleOptionViewItem::Top;
                option->decorationAlignment = Qt::AlignCenter;
            }
        }
    }

private:
    QIcon m_microphone;
};

} // namespace

AnswerTableView::AnswerTableView(AnswerTableModel *model, QWidget *parent)
    : QTableView(parent)
    , m_proxy(new AnswerTableProxy(this))
{
    const int line = fontMetrics().height();
    const int character = fontMetrics().averageCharWidth();
    m_proxy->setSourceModel(model);
    setObjectName(u"answerTable"_s);
    setAccessibleName(tr("Answers"));
    setModel(m_proxy);
    setItemDelegate(new AnswerDelegate(this));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection); // two selected can be compared
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTabKeyNavigation(false); // Tab leaves the table for the detail; arrows move in it
    // The model brings first the rows this order shows first.
    connect(horizontalHeader(), &QHeaderView::sortIndicatorChanged, model, &AnswerTableModel::setShownOrder);
    setSortingEnabled(true);
    sortByColumn(AnswerTableModel::Date, Qt::DescendingOrder);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(line + line / 2);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionsMovable(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(AnswerTableModel::Question, QHeaderView::Stretch);
    // Widths from the font, not from measuring every row: the library may hold thousands.
    const auto fit = [&](int column, const QString &sample) {
        int widest = fontMetrics().horizontalAdvance(sample);
        for (const QString &title : m_proxy->headerData(column, Qt::Horizontal).toString().split(u'\n'))
            widest = std::max(widest, fontMetrics().horizontalAdvance(title));
        header->resizeSection(column, widest + character * 3);
    };
    fit(AnswerTableModel::Date, LibraryFormat::dateTime(QDateTime(QDate(2026, 12, 28), QTime(22, 58))));
    fit(AnswerTableModel::Loop, QString(14, u'n'));
    fit(AnswerTableModel::Round, QString(11, u'n'));
    fit(AnswerTableModel::Duration, u"00:00"_s);
    fit(AnswerTableModel::Score, u"0.0"_s);
    fit(AnswerTableModel::RedFlags, u"0"_s);
    fit(AnswerTableModel::Pace, u"000"_s);
    fit(AnswerTableModel::Fillers, u"00.0"_s);
    fit(AnswerTableModel::LongestPause, u"00.0 s"_s);
    header->resizeSection(AnswerTableModel::Recording, line + character * 4);
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &at) {
        QMenu menu(this);
        for (int column = 0; column < AnswerTableModel::ColumnCount; ++column) {
            if (column == AnswerTableModel::Question)
                continue;
            QAction *toggle = menu.addAction(m_proxy->sourceModel()->headerData(column, Qt::Horizontal).toString());
            toggle->setCheckable(true);
            toggle->setChecked(!header->isSectionHidden(column));
            connect(toggle, &QAction::toggled, header, [this, header, column](bool shown) {
                header->setSectionHidden(column, !shown);
                if (column == AnswerTableModel::Loop)
                    m_loopColumnChosen = true;
            });
        }
        menu.exec(header->mapToGlobal(at));
    });
}

void AnswerTableView::setSeveralLoops(bool several)
{
    if (!m_loopColumnChosen)
        horizontalHeader()->setSectionHidden(AnswerTableModel::Loop, !several);
}

} // namespace MockLoop
