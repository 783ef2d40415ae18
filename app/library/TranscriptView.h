#pragma once

#include "TakeAnalysis.h"

#include <QGroupBox>
#include <QListView>

class QLabel;

namespace MockLoop {

class TranscriptModel;

// The words of the transcript, flowing like text, one item each: arrows move from word to word,
// Enter (or a click) plays from the word, Space plays or pauses, Tab leaves. Each word is read by
// a screen reader with what is marked on it.
class TranscriptWordsView : public QListView
{
    Q_OBJECT

public:
    explicit TranscriptWordsView(QWidget *parent = nullptr);

Q_SIGNALS:
    void wordChosen(const QModelIndex &index);
    void playPauseRequested();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
};

// The approximate transcript of the take beside its player: the word being played is highlighted
// as the take plays (and kept in view), a word chosen plays the take from there, and likely
// fillers, long pauses, numbers heard and hedges are marked in the text. Without a transcript it
// says why: not analysed yet, being analysed, analysis off, no speech, or what went wrong.
class TranscriptView : public QGroupBox
{
    Q_OBJECT

public:
    explicit TranscriptView(QWidget *parent = nullptr);

    void showAnalysis(const TakeAnalysis &analysis);
    // The player's position: the word under it is the playing one; with follow, it is scrolled
    // into view when it changes.
    void setPosition(qint64 position, bool follow);

    TranscriptModel *model() const { return m_model; }
    TranscriptWordsView *wordsView() const { return m_words; }
    QString statusText() const;
    // Why there are no words to show (not recorded, not analysed yet, turned off, failed, no
    // speech), in words; empty when the analysis has words.
    static QString statusOf(const TakeAnalysis &analysis);

Q_SIGNALS:
    // The person chose a word (or a pause): play from there.
    void seekRequested(qint64 position);
    void playPauseRequested();

private:
    TranscriptModel *m_model;
    QLabel *m_status;
    TranscriptWordsView *m_words;
    QLabel *m_legend;
    std::optional<AnswerAnalysis> m_shown; // what the words are of
};

} // namespace MockLoop
