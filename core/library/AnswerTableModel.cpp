#include "AnswerTableModel.h"

#include "LibraryStore.h"
#include "PracticeLibrary.h"
#include "common/DurationText.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// "3.4": a pause in seconds, to a tenth.
QString seconds(qint64 milliseconds)
{
    return QLocale().toString(double(milliseconds) / 1000.0, 'f', 1);
}

QString notAnalysed(const AnswerRow &row)
{
    if (!row.hasRecording)
        return AnswerTableModel::tr("Not recorded, so not measured");
    return row.analyzerVersion > 0 ? AnswerTableModel::tr("Not measured: no speech was found in the take")
                                   : AnswerTableModel::tr("Not analysed yet");
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

void AnswerTableModel::setShownOrder(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    // The columns are in the order of AnswerSort.
    static_assert(int(AnswerSort::LongestPause) == LongestPause && int(AnswerSort::Date) == Date);
    m_shownSort = AnswerSort(column);
    m_shownOrder = order;
}

void AnswerTableModel::reload()
{
    const quint64 generation = ++m_generation;
    m_loading = true;
    const AnswerFilter filter = m_filter;
    const AnswerSort sort = m_shownSort;
    const Qt::SortOrder order = m_shownOrder;
    // Two calls one after the other on the library's thread: the rest is listed while the first
    // rows are being shown. A load overtaken by another (a key pressed in the search box) lists
    // nothing more, so that the next one's first rows do not wait behind it.
    m_latestLoad->store(generation);
    const auto superseded = [latest = m_latestLoad, generation] { return latest->load() != generation; };
    // Fewer than FirstRows found: the first step was the whole load (both steps run on the
    // library's thread, one after the other, so a plain flag does).
    const auto wholeAtFirst = std::make_shared<bool>(false);
    m_library
        ->run([=](LibraryStore *store) {
            if (superseded())
                return QList<Row>();
            QList<Row> rows = load(store, filter, sort, order, FirstRows, 0);
            readExcerptsOf(store, filter.text, rows); // a screenful's: 1-2 ms
            *wholeAtFirst = rows.size() < FirstRows;
            return rows;
        })
        .then(this, [this, generation](const QList<Row> &rows) {
            if (generation != m_generation)
                return;
            beginResetModel();
            m_rows = rows;
            m_rest.clear(); // an earlier load's, still going in
            m_excerptsAskedFor.clear();
            m_excerptsToRead.clear();
            endResetModel();
            if (rows.size() < FirstRows) {
                m_loading = false;
                Q_EMIT loaded();
            }
        });
    m_library
        ->run([=](LibraryStore *store) {
            return superseded() || *wholeAtFirst ? QList<Row>() : load(store, filter, sort, order, -1, FirstRows);
        })
        .then(this, [this, generation](const QList<Row> &rows) {
            if (generation != m_generation || !m_loading)
                return; // another load's turn, or this one was whole at its first step
            // An answer may have come in on its own between the two steps (refreshAnswer()): not
            // twice.
            QSet<qint64> present;
            present.reserve(m_rows.size());
            for (const Row &row : std::as_const(m_rows))
                present.insert(row.answer.id);
            m_rest.clear();
            m_rest.reserve(rows.size());
            for (const Row &row : rows) {
                if (!present.contains(row.answer.id))
                    m_rest.append(row);
            }
            appendRest(generation);
        });
}

void AnswerTableModel::appendRest(quint64 generation)
{
    if (generation != m_generation)
        return;
    // A slice at a time, each its own turn of the event loop: a sorting proxy takes about 1.5 ms
    // per thousand rows inserted, and the GUI thread must never stall a frame (16 ms).
    constexpr qsizetype SliceRows = 2000;
    const qsizetype count = std::min(SliceRows, m_rest.size());
    if (count > 0) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + count - 1));
        m_rows.append(m_rest.first(count));
        m_rest.remove(0, count);
        endInsertRows();
    }
    if (!m_rest.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this, generation] { appendRest(generation); }, Qt::QueuedConnection);
        return;
    }
    m_rest.squeeze();
    m_loading = false;
    Q_EMIT loaded();
}

void AnswerTableModel::readExcerptsOf(LibraryStore *store, const QString &text, QList<Row> &rows)
{
    QList<qint64> answerIds;
    for (const Row &row : std::as_const(rows)) {
        if (row.excerptToRead)
            answerIds.append(row.answer.id);
    }
    if (answerIds.isEmpty())
        return;
    const QHash<qint64, QString> excerpts = store->transcriptExcerpts(text, answerIds);
    for (Row &row : rows) {
        if (row.excerptToRead) {
            row.transcriptExcerpt = excerpts.value(row.answer.id);
            row.excerptToRead = false;
        }
    }
}

QList<AnswerTableModel::Row> AnswerTableModel::load(LibraryStore *store, const AnswerFilter &filter, AnswerSort sort,
                                                    Qt::SortOrder order, int limit, int offset)
{
    QList<Row> rows;
    if (!store)
        return rows;
    const QList<AnswerRow> answers = store->answers(filter, sort, order, limit, offset);
    rows.reserve(answers.size());
    for (const AnswerRow &answer : answers) {
        // An answer whose question and notes do not hold the text was found by its transcript (or
        // the notes of a rating, which have no excerpt). Its excerpt is read with the first rows, or once
        // its row is shown.
        const bool foundElsewhere = !filter.text.isEmpty()
            && !answer.questionText.contains(filter.text, Qt::CaseInsensitive)
            && !answer.notes.contains(filter.text, Qt::CaseInsensitive);
        rows.append({answer, {}, foundElsewhere});
    }
    return rows;
}

void AnswerTableModel::askForExcerpt(const Row &row) const
{
    if (!row.excerptToRead || m_excerptsAskedFor.contains(row.answer.id))
        return;
    m_excerptsAskedFor.insert(row.answer.id);
    m_excerptsToRead.append(row.answer.id);
    // The rows a view shows ask one after another as it paints: read together, once it is done.
    if (m_excerptsToRead.size() == 1)
        QMetaObject::invokeMethod(const_cast<AnswerTableModel *>(this), &AnswerTableModel::readExcerpts,
                                  Qt::QueuedConnection);
}

void AnswerTableModel::readExcerpts()
{
    const QList<qint64> answerIds = std::exchange(m_excerptsToRead, {});
    if (answerIds.isEmpty())
        return;
    const QString text = m_filter.text;
    const quint64 generation = m_generation;
    m_library
        ->run([text, answerIds](LibraryStore *store) {
            return store ? store->transcriptExcerpts(text, answerIds) : QHash<qint64, QString>();
        })
        .then(this, [this, answerIds, generation](const QHash<qint64, QString> &excerpts) {
            if (generation != m_generation)
                return; // another search's rows are on their way
            for (const qint64 answerId : answerIds) {
                const int row = rowOf(answerId);
                if (row < 0 || !m_rows.at(row).excerptToRead)
                    continue;
                m_rows[row].excerptToRead = false;
                m_rows[row].transcriptExcerpt = excerpts.value(answerId);
                Q_EMIT dataChanged(index(row, Question), index(row, Question));
            }
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
    m_library->run([filter](LibraryStore *store) { return load(store, filter); })
        .then(this, [this, answerId, generation](const QList<Row> &rows) {
            if (generation != m_generation)
                return; // a reload is on its way and will bring it
            dropFromRest(answerId); // as it is now, not as the load found it
            const int existing = rowOf(answerId);
            if (rows.isEmpty()) {
                if (existing >= 0)
                    removeAnswer(answerId);
                return;
            }
            m_excerptsAskedFor.remove(answerId); // its row may want it read again
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

void AnswerTableModel::dropFromRest(qint64 answerId)
{
    m_rest.removeIf([answerId](const Row &row) { return row.answer.id == answerId; });
}

void AnswerTableModel::removeAnswer(qint64 answerId)
{
    dropFromRest(answerId);
    const int row = rowOf(answerId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

const AnswerRow *AnswerTableModel::rowAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row).answer : nullptr;
}

int AnswerTableModel::rowOf(qint64 answerId) const
{
    for (qsizetype row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).answer.id == answerId)
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
    const AnswerRow &row = m_rows.at(index.row()).answer;
    const QString &excerpt = m_rows.at(index.row()).transcriptExcerpt;
    if (index.column() == Question
        && (role == Qt::DisplayRole || role == Qt::ToolTipRole || role == TranscriptExcerptRole))
        askForExcerpt(m_rows.at(index.row()));
    switch (role) {
    case AnswerIdRole:
        return row.id;
    case QuestionIdRole:
        return row.questionId;
    case HasRecordingRole:
        return row.hasRecording;
    case TranscriptExcerptRole:
        return excerpt;
    case Qt::ToolTipRole:
        switch (index.column()) {
        case Question:
            return excerpt.isEmpty()
                ? row.questionText
                : tr("%1\n\nFound in the approximate transcript: “%2”").arg(row.questionText, excerpt);
        case Pace:
            return row.wordsPerMinute ? tr("%1 words a minute, measured from the take").arg(qRound(*row.wordsPerMinute))
                                      : notAnalysed(row);
        case Fillers:
            return row.fillersPerMinute ? tr("%1 likely fillers (um, uh, ...) a minute, measured from the take")
                                              .arg(QLocale().toString(*row.fillersPerMinute, 'f', 1))
                                        : notAnalysed(row);
        case LongestPause:
            return row.longestPauseMs
                ? tr("The longest pause in the take: %1 seconds").arg(seconds(*row.longestPauseMs))
                : notAnalysed(row);
        default:
            return {};
        }
    case Qt::TextAlignmentRole:
        switch (index.column()) {
        case Duration:
        case Score:
        case RedFlags:
        case Pace:
        case Fillers:
        case LongestPause:
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        case Recording:
            return QVariant::fromValue(Qt::AlignCenter);
        default:
            return {};
        }
    case SortRole:
        switch (index.column()) {
        case Date:
            return row.answeredAt.toMSecsSinceEpoch();
        case Question:
            return row.questionText;
        case Duration:
            return qint64(row.answerTime.count());
        case Score:
            return row.latestScore ? QVariant(*row.latestScore) : QVariant();
        case RedFlags:
            return row.redFlagCount;
        case Recording:
            return row.hasRecording ? 1 : 0;
        case Pace:
            return row.wordsPerMinute ? QVariant(*row.wordsPerMinute) : QVariant();
        case Fillers:
            return row.fillersPerMinute ? QVariant(*row.fillersPerMinute) : QVariant();
        case LongestPause:
            return row.longestPauseMs ? QVariant(*row.longestPauseMs) : QVariant();
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
            // Said in the cell, not only in a tooltip: why a question without the words is listed.
            return excerpt.isEmpty() ? row.questionText : tr("Heard “%1” · %2").arg(excerpt, row.questionText);
        case Duration:
            return row.skipped ? tr("skipped") : minutesAndSeconds((row.answerTime.count() + 500) / 1000);
        case Score:
            return row.latestScore ? QLocale().toString(*row.latestScore, 'f', 1) : u"—"_s;
        case RedFlags:
            return row.redFlagCount > 0 ? QString::number(row.redFlagCount) : QString();
        case Recording:
            return row.hasRecording ? tr("Yes") : QString();
        case Pace:
            return row.wordsPerMinute ? QString::number(qRound(*row.wordsPerMinute)) : QString();
        case Fillers:
            return row.fillersPerMinute ? QLocale().toString(*row.fillersPerMinute, 'f', 1) : QString();
        case LongestPause:
            return row.longestPauseMs ? tr("%1 s").arg(seconds(*row.longestPauseMs)) : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

QVariant AnswerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Pace:
            return tr("Words a minute, measured from the take");
        case Fillers:
            return tr("Likely fillers (um, uh, ...) a minute, measured from the take");
        case LongestPause:
            return tr("The longest pause in the take, measured");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
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
    case Pace:
        return tr("Pace (wpm)");
    case Fillers:
        return tr("Likely fillers/min");
    case LongestPause:
        return tr("Longest pause");
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

bool AnswerSortProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant leftValue = left.data(sortRole());
    const QVariant rightValue = right.data(sortRole());
    if (leftValue.isValid() != rightValue.isValid()) {
        // The one without a figure goes last: after the other when ascending, and, since the
        // proxy reverses the order when descending, before it then.
        const bool ascending = sortOrder() == Qt::AscendingOrder;
        return leftValue.isValid() == ascending;
    }
    if (!leftValue.isValid())
        return false;
    return QSortFilterProxyModel::lessThan(left, right);
}

bool AnswerSortProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (!m_recordingsOnly)
        return true;
    return sourceModel()->index(sourceRow, 0, sourceParent).data(AnswerTableModel::HasRecordingRole).toBool();
}

} // namespace MockLoop
