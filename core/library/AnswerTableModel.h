#pragma once

#include "LibraryTypes.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace MockLoop {

class PracticeLibrary;

// The answers of the practice library that pass a filter, as a table. Loads on the library's
// worker thread and follows answers as they are added, re-rated and deleted.
class AnswerTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Date, Loop, Round, Question, Duration, Score, RedFlags, Recording, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1, // a value that sorts as the column should
        AnswerIdRole,
        QuestionIdRole,
        HasRecordingRole,
    };

    explicit AnswerTableModel(PracticeLibrary *library, QObject *parent = nullptr);

    void setFilter(const AnswerFilter &filter);
    const AnswerFilter &filter() const { return m_filter; }
    // Loads the rows again, e.g. after the library was opened elsewhere.
    void reload();
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
    void refreshAnswer(qint64 answerId);
    void removeAnswer(qint64 answerId);

    PracticeLibrary *m_library;
    AnswerFilter m_filter;
    QList<AnswerRow> m_rows;
    quint64 m_generation = 0; // results of older loads are dropped
    bool m_loading = false;
};

// Sorts the answer table by what its columns hold (dates, seconds, scores), not by their text,
// and can narrow it to the answers that have a recording.
class AnswerSortProxy : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    explicit AnswerSortProxy(QObject *parent = nullptr);

    void setRecordingsOnly(bool recordingsOnly);
    bool recordingsOnly() const { return m_recordingsOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_recordingsOnly = false;
};

} // namespace MockLoop
