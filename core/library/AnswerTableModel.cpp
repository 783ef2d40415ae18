#include "AnswerTableModel.h"

#include "PracticeLibrary.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QString minutesAndSeconds(Milliseconds duration)
{
    const qint64 seconds = (duration.count() + 500) / 1000;
    return u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QChar(u'0'));
}

} // namespace

AnswerTableModel::AnswerTableModel(PracticeLibrary *library, QObject *parent)
    : QAbstractTableModel(parent)
    , m_library(library)
{
    connect(m_library, &PracticeLibrary::answerAdded, this, &AnswerTableModel::refreshAnswer);
    connect(m_library, &PracticeLibrary::answerChanged, this, &AnswerTableModel::refreshAnswer);
    connect(m_library, &PracticeLibrary::answerDeleted, this, &AnswerTableModel::removeAnswer);
    connect(m_library, &PracticeLibrary::statusChanged, this, &AnswerTableModel::reload);
}

void AnswerTableModel::setFilter(const AnswerFilter &filter)
{
    m_filter = filter;
    reload();
}

void AnswerTableModel::reload()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    const AnswerFilter filter = m_filter;
    m_library->run([filter](LibraryStore *store) { return store ? store->answers(filter) : QList<AnswerRow>(); })
        .then(this, [this, generation](const QList<AnswerRow> &rows) {
            if (generation != m_generation)
                return;
            beginResetModel();
            m_rows = rows;
            endResetModel();
            m_loading = false;
            Q_EMIT loaded();
        });
}

void AnswerTableModel::refreshAnswer(qint64 answerId)
{
    // Never loaded: its first load brings the answer with all the others. Listed alone, it would
    // make the table look loaded with one answer among many.
    if (m_generation == 0)
        return;
    AnswerFilter filter = m_filter;
    filter.answerId = answerId;
    const quint64 generation = m_generation;
    m_library->run([filter](LibraryStore *store) { return store ? store->answers(filter) : QList<AnswerRow>(); })
        .then(this, [this, answerId, generation](const QList<AnswerRow> &rows) {
            if (generation != m_generation)
                return; // a reload is on its way and will bring it
            const int existing = rowOf(answerId);
            if (rows.isEmpty()) {
                if (existing >= 0)
                    removeAnswer(answerId);
                return;
            }
            if (existing >= 0) {
                m_rows[existing] = rows.first();
                Q_EMIT dataChanged(index(existing, 0), index(existing, ColumnCount - 1));
                return;
            }
            beginInsertRows({}, 0, 0);
            m_rows.prepend(rows.first());
            endInsertRows();
        });
}

void AnswerTableModel::removeAnswer(qint64 answerId)
{
    const int row = rowOf(answerId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

const AnswerRow *AnswerTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int AnswerTableModel::rowOf(qint64 answerId) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == answerId)
            return int(row);
    }
    return -1;
}

int AnswerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AnswerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AnswerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AnswerRow &row = m_rows.at(index.row());
    switch (role) {
    case AnswerIdRole:
        return row.id;
    case QuestionIdRole:
        return row.questionId;
    case HasRecordingRole:
        return row.hasRecording;
    case Qt::ToolTipRole:
        return index.column() == Question ? row.questionText : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == Duration || index.column() == Score || index.column() == RedFlags)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        if (index.column() == Recording)
            return QVariant::fromValue(Qt::AlignCenter);
        return {};
    case SortRole:
        switch (index.column()) {
        case Date:
            return row.answeredAt.toMSecsSinceEpoch();
        case Duration:
            return qint64(row.answerTime.count());
        case Score:
            return row.latestScore ? *row.latestScore : -1.0;
        case RedFlags:
            return row.redFlagCount;
        case Recording:
            return row.hasRecording ? 1 : 0;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (index.column()) {
        case Date:
            return QLocale().toString(row.answeredAt.toLocalTime(), QLocale::ShortFormat);
        case Loop:
            return row.loopTitle;
        case Round:
            return row.roundTitle;
        case Question:
            return row.questionText;
        case Duration:
            return row.skipped ? tr("skipped") : minutesAndSeconds(row.answerTime);
        case Score:
            return row.latestScore ? QLocale().toString(*row.latestScore, 'f', 1) : u"—"_s;
        case RedFlags:
            return row.redFlagCount > 0 ? QString::number(row.redFlagCount) : QString();
        case Recording:
            return row.hasRecording ? tr("Yes") : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant AnswerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Date:
        return tr("Date");
    case Loop:
        return tr("Loop");
    case Round:
        return tr("Round");
    case Question:
        return tr("Question");
    case Duration:
        return tr("Duration");
    case Score:
        return tr("Score");
    case RedFlags:
        return tr("Red flags");
    case Recording:
        return tr("Recording");
    default:
        return {};
    }
}

AnswerSortProxy::AnswerSortProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(AnswerTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setSortLocaleAware(true);
}

void AnswerSortProxy::setRecordingsOnly(bool recordingsOnly)
{
    if (m_recordingsOnly == recordingsOnly)
        return;
    m_recordingsOnly = recordingsOnly;
    invalidateFilter();
}

bool AnswerSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_recordingsOnly)
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(AnswerTableModel::HasRecordingRole).toBool();
}

} // namespace MockLoop
