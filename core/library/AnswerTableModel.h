#pragma once

#include "LibraryTypes.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QSortFilterProxyModel>

#include <atomic>
#include <memory>

namespace MockLoop {

class LibraryStore;
class PracticeLibrary;

// The answers of the practice library that pass a filter, as a table. Loads on the library's
// worker thread and follows answers as they are added, re-rated, analysed and deleted. With a
// text filter, an answer found by its transcript alone says so, with the words heard there.
// A load comes in two steps: the first screenful in the order the view shows (a reset), then
// the rest of them (inserted): listing ten thousand answers takes several times longer than
// finding them, and nobody should wait for rows they have not scrolled to.
class AnswerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    // Pace, Fillers and LongestPause are measured from the take (empty until it is analysed).
    enum Column {
        Date,
        Loop,
        Round,
        Question,
        Duration,
        Score,
        RedFlags,
        Recording,
        Pace,
        Fillers,
        LongestPause,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts as the column should; invalid sorts last
        AnswerIdRole,
        QuestionIdRole,
        HasRecordingRole,
        // With a text filter the answer matched by its transcript alone: the words around the
        // match ("…we rolled back the release…"); otherwise empty. The first rows of a load come
        // with it; later rows read it once shown (asked for their question), a moment after.
        TranscriptExcerptRole,
    };

    explicit AnswerTableModel(PracticeLibrary *library, QObject *parent = nullptr);

    // The rows of the first step of a load.
    static constexpr int FirstRows = 100;

    void setFilter(const AnswerFilter &filter);
    const AnswerFilter &filter() const { return m_filter; }
    // The order the view shows the rows in (a column and its direction): the first step of a
    // load brings the rows that come first in it. Takes effect from the next load.
    void setShownOrder(int column, Qt::SortOrder order);
    // Loads the rows again, e.g. after the library was opened elsewhere.
    void reload();
    // Loads one answer again (after its take was analysed, say): updated, added or dropped as the
    // filter now finds it.
    void refreshAnswer(qint64 answerId);
    // From a load's start until its last rows are in (the first ones may be in already).
    bool isLoading() const { return m_loading; }
    const AnswerRow *rowAt(int row) const;
    int rowOf(qint64 answerId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // Every row of a load is in.
    void loaded();

private:
    struct Row
    {
        AnswerRow answer;
        QString transcriptExcerpt; // see TranscriptExcerptRole
        bool excerptToRead = false;
    };
    static QList<Row> load(LibraryStore *store, const AnswerFilter &filter, AnswerSort sort = AnswerSort::Date,
                           Qt::SortOrder order = Qt::DescendingOrder, int limit = -1, int offset = 0);
    void appendRest(quint64 generation);
    // The excerpts of rows found by their transcript alone, read at once (for the first rows).
    static void readExcerptsOf(LibraryStore *store, const QString &text, QList<Row> &rows);
    void removeAnswer(qint64 answerId);
    void dropFromRest(qint64 answerId);
    // Excerpts are read only for the rows shown: for thousands of matches they would cost far
    // more than the search.
    void askForExcerpt(const Row &row) const;
    void readExcerpts();

    PracticeLibrary *m_library;
    AnswerFilter m_filter;
    AnswerSort m_shownSort = AnswerSort::Date;
    Qt::SortOrder m_shownOrder = Qt::DescendingOrder;
    QList<Row> m_rows;
    QList<Row> m_rest; // the second step of a load, not inserted yet
    quint64 m_generation = 0; // results of older loads are dropped
    // m_generation as the library's thread sees it.
    std::shared_ptr<std::atomic<quint64>> m_latestLoad = std::make_shared<std::atomic<quint64>>(0);
    bool m_loading = false;
    mutable QSet<qint64> m_excerptsAskedFor;
    mutable QList<qint64> m_excerptsToRead;
};

// Sorts the answer table by what its columns hold (dates, seconds, scores), not by their text,
// and can narrow it to the answers that have a recording. Answers without a figure (not rated,
// not analysed) sort after every figure, whichever the direction.
class AnswerSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AnswerSortProxy(QObject *parent = nullptr);

    void setRecordingsOnly(bool recordingsOnly);
    bool recordingsOnly() const { return m_recordingsOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool m_recordingsOnly = false;
};

} // namespace MockLoop
