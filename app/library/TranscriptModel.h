#pragma once

#include "analysis/AnswerAnalysis.h"

#include <QAbstractListModel>

namespace MockLoop {

// The approximate transcript of a take as a list, one item a word, in time order, with the long
// pauses between them as items of their own ("[pause 3.1 s]"). Likely fillers, numbers heard,
// hedges and mentions of members or customers are marked in the item's text, tooltip and
// accessible text, never by colour alone. One item, the one under the player's position, is the
// playing one.
class TranscriptModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum class Kind { Word, LikelyFiller, LongPause };
    // What the transcript's evidence says about a word (several may hold).
    enum Evidence { NoEvidence = 0, NumberHeard = 1, Hedge = 2, AudienceMention = 4 };
    enum Role {
        KindRole = Qt::UserRole + 1, // Kind, as int
        StartRole, // milliseconds into the take: where playing from this item starts
        EndRole,
        EvidenceRole, // Evidence flags
        PlayingRole, // bool: the item under the player's position
    };

    explicit TranscriptModel(QObject *parent = nullptr);

    void setAnalysis(const AnswerAnalysis &analysis);
    void clear();

    // The item under position (the last one begun by then, up to a second after it ended), or -1.
    int rowAt(qint64 position) const;
    // Marks the item under position as the playing one; returns its row (-1: none).
    int setPlayingPosition(qint64 position);
    int playingRow() const { return m_playingRow; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    struct Item
    {
        Kind kind = Kind::Word;
        QString text; // as shown
        QString spoken; // for a screen reader
        QString note; // for the tooltip
        qint64 startMs = 0;
        qint64 endMs = 0;
        int evidence = NoEvidence;
    };

    QList<Item> m_items;
    int m_playingRow = -1;
};

} // namespace MockLoop
