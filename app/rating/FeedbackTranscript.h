#pragma once

#include "analysis/AnswerAnalysis.h"

#include <QTextBrowser>

namespace MockLoop {

// The approximate transcript of a take: the words as recognised, likely fillers marked "(um?)" in
// another colour, pauses of 2 s or more as "[pause 2.4 s]". When the take can be played here, each
// word is a link to its moment: a click, or Return with the text cursor on it (the arrow keys move
// through the words), asks to play from there. Tab leaves the view rather than walking its links:
// a long answer has thousands.
class FeedbackTranscript : public QTextBrowser
{
    Q_OBJECT

public:
    static constexpr qint64 MarkedPauseMs = 2000;

    explicit FeedbackTranscript(QWidget *parent = nullptr);

    void showTranscript(const AnswerAnalysis &analysis, bool playable);
    void clearTranscript();
    // The transcript as shown, as plain text ("so we (um?) moved ...").
    QString shownText() const { return toPlainText(); }

Q_SIGNALS:
    void momentChosen(qint64 takeMs);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void render();

    QList<RecognizedWord> m_words;
    QList<TimeRange> m_pauses;
    bool m_playable = false;
};

} // namespace MockLoop
