#pragma once

#include "TakeAnalysis.h"
#include "library/LibraryTypes.h"
#include "loops/Loop.h"
#include "widgets/WaveformSlider.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace MockLoop {

class RatingsComparison;
class ProbeReasonLabel;
class ReRatingDialog;
class SpeechMetricsView;
class TakePlayerWidget;
class TranscriptView;

// One answer of the library in full: the question, where and when it was asked, how long it took,
// the player over its take with the phase marks and the measured ones (likely fillers, long
// pauses), the approximate transcript beside it, both ratings side by side (right after answering
// and the latest after a replay), what was measured in the take, the notes, and every take of the
// same question. Re-rating opens
// the round's rubric with the take above it (ReRatingDialog), so the person can listen and rate at
// once.
//
// The view holds no library: it says what the person asked for through its signals, and the page
// does it on the library's thread.
class AnswerDetailView : public QWidget
{
    Q_OBJECT

public:
    explicit AnswerDetailView(QWidget *parent = nullptr);

    // loop is the loop in force for the answer's loop id, or null when it is no longer in the
    // catalogue; takePath is the take's absolute path (empty without one); takes are every take of
    // the question, newest first. Showing the same answer again (after it changed) keeps playback,
    // the re-rating in progress and notes being typed.
    void showAnswer(const AnswerDetail &detail, std::shared_ptr<const Loop> loop, const QString &takePath,
                    const QList<AnswerRow> &takes);
    // What is known of the take's speech analysis; showAnswer() for another answer starts at "not
    // analysed" until this says better.
    void showAnalysis(const TakeAnalysis &analysis);
    const TakeAnalysis &analysis() const { return m_analysis; }
    qint64 answerId() const { return m_detail.row.id; }
    const AnswerDetail &detail() const { return m_detail; }

    // Whether the answer can be rated again; if not, why (for a tooltip).
    bool canReRate(QString *whyNot = nullptr) const;
    void beginReRating();
    void endReRating();
    bool isReRating() const;

    bool hasUnsavedNotes() const;
    // Asks for unsaved notes to be saved now (before another answer is shown).
    void flushNotes();
    // What became of a save asked for with notesEdited.
    void notesSaved(qint64 answerId, const QString &notes, bool ok, const QString &error);

    TakePlayerWidget *player() const { return m_player; }
    TranscriptView *transcript() const { return m_transcript; }
    // The re-rating dialog, once re-rating has been asked for.
    ReRatingDialog *reRatingDialog() const { return m_reRating; }
    // The first and last widgets Tab reaches in the view, for the page's tab order.
    QWidget *firstFocusWidget() const;

Q_SIGNALS:
    void practiseRequested();
    void deleteRequested();
    void reRatingSubmitted(const MockLoop::Rating &rating);
    void takeActivated(qint64 answerId);
    // "Compare with another take": the answer shown and the take chosen from the list.
    void compareRequested(qint64 answerId, qint64 otherAnswerId);
    void notesEdited(qint64 answerId, const QString &notes);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // The take's marks: the answer's own and those its analysis measured.
    QList<WaveformSlider::Mark> marks() const;
    void showHeader();
    void showRatings();
    void showTakes(const QList<AnswerRow> &takes);
    void updateButtons();
    void applyColours();

    QLabel *m_question;
    QLabel *m_meta;
    QLabel *m_timing;
    ProbeReasonLabel *m_probeReasons; // why the interviewer asked what it asked
    QLabel *m_practisedStory = nullptr; // the story shown on the cue card while thinking
    QPushButton *m_practise;
    QPushButton *m_reRate;
    QPushButton *m_delete;
    TakePlayerWidget *m_player;
    QLabel *m_recordingInfo;
    TranscriptView *m_transcript;
    QLabel *m_marksLegend;
    RatingsComparison *m_ratings;
    SpeechMetricsView *m_metrics;
    QLabel *m_replayHint;
    QPlainTextEdit *m_notes;
    QLabel *m_notesStatus;
    QLabel *m_takesTitle;
    QTreeWidget *m_takes;
    QPushButton *m_compare; // its menu lists the other takes of the question
    ReRatingDialog *m_reRating = nullptr; // made when first asked for
    QTimer m_notesTimer;

    AnswerDetail m_detail;
    std::shared_ptr<const Loop> m_loop;
    QString m_takePath;
    QList<WaveformSlider::Mark> m_marks;
    TakeAnalysis m_analysis;
    QString m_savedNotes; // the notes as the library has them
    bool m_notesStatusIsProblem = false;
};

} // namespace MockLoop
