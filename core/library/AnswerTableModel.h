#pragma once

#include "LibraryTypes.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QSortFilterProxyModel>

namespace MockLoop {

class LibraryStore;
class PracticeLibrary;

// The answers of the practice library that pass a filter, as a table. Loads on the library's
// worker thread and follows answers as they are added, re-rated, analysed and deleted. With a
// text filter, an answer found by its transcript alone says so, with the words heard there.
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
        // match ("…we rolled back the release…"); otherwise empty. Read once the row is shown
        // (asked for its question), so it comes a moment after the row.
        TranscriptExcerptRole,
    };

    explicit AnswerTableModel(PracticeLibrary *library, QObject *parent = nullptr);

    void setFilter(const AnswerFilter &filter);
    const AnswerFilter &filter() const { return m_filter; }
    // Loads the rows again, e.g. after the library was opened elsewhere.
    void reload();
    // Loads one answer again (after its take was analysed, say): updated, added or dropped as the
    // filter now finds it.
    void refreshAnswer(qint64 answerId);
    bool isLoading() const { return m_loading; }
    const AnswerRow *rowAt(int row) const;
    int rowOf(qint64 answerId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void loaded();

private:
    struct Row
    {
        AnswerRow answer;
        QString transcriptExcerpt; // see TranscriptExcerptRole
        bool excerptToRead = false;
    };
    static QList<Row> load(LibraryStore *store, const AnswerFilter &filter);
    void removeAnswer(qint64 answerId);
    // Excerpts are read only for the rows shown: for thousands of matches they would cost far
    // more than the search.
    void askForExcerpt(const Row &row) const;
    void readExcerpts();

    PracticeLibrary *m_library;
    AnswerFilter m_filter;
    QList<Row> m_rows;
    quint64 m_generation = 0; // results of older loads are dropped
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
