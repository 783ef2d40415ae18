#pragma once

#include "library/LibraryTypes.h"
#include "loops/Loop.h"
#include "widgets/WaveformSlider.h"

#include <QTimer>
#include <QWidget>

#include <memory>

class QGridLayout;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;

namespace MockLoop {

class ProbeReasonLabel;
class ReRatingDialog;
class TakePlayerWidget;

// One answer of the library in full: the question, where and when it was asked, how long it took,
// the player over its take with the phase marks, both ratings side by side (right after answering
// and the latest after a replay), the notes, and every take of the same question. Re-rating opens
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
    // The re-rating dialog, once re-rating has been asked for.
    ReRatingDialog *reRatingDialog() const { return m_reRating; }
    // The first and last widgets Tab reaches in the view, for the page's tab order.
    QWidget *firstFocusWidget() const;

Q_SIGNALS:
    void practiseRequested();
    void deleteRequested();
    void reRatingSubmitted(const MockLoop::Rating &rating);
    void takeActivated(qint64 answerId);
    void notesEdited(qint64 answerId, const QString &notes);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showHeader();
    void showRatings();
    void showTakes(const QList<AnswerRow> &takes);
    void updateButtons();
    void applyColours();
    QString redFlagText(const QString &flagId) const;

    QLabel *m_question;
    QLabel *m_meta;
    QLabel *m_timing;
    ProbeReasonLabel *m_probeReasons; // why the interviewer asked what it asked
    QPushButton *m_practise;
    QPushButton *m_reRate;
    QPushButton *m_delete;
    TakePlayerWidget *m_player;
    QLabel *m_recordingInfo;
    QWidget *m_ratings;
    QGridLayout *m_ratingsGrid = nullptr;
    QLabel *m_replayHint;
    QPlainTextEdit *m_notes;
    QLabel *m_notesStatus;
    QLabel *m_takesTitle;
    QTreeWidget *m_takes;
    ReRatingDialog *m_reRating = nullptr; // made when first asked for
    QTimer m_notesTimer;

    AnswerDetail m_detail;
    std::shared_ptr<const Loop> m_loop;
    QString m_takePath;
    QList<WaveformSlider::Mark> m_marks;
    QString m_savedNotes; // the notes as the library has them
    bool m_notesStatusIsProblem = false;
};

} // namespace MockLoop
