#pragma once

#include "session/SessionTypes.h"

#include <QWidget>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTimer;

namespace MockLoop {

class AnswerReview;
struct Loop;
struct Round;
struct RubricDimension;

// One rubric dimension: its title, what it means, and the four levels with their anchors, all
// visible. It takes the keyboard focus as one stop: 1-4 choose a level, Tab moves on.
class DimensionChoice : public QWidget
{
    Q_OBJECT

public:
    DimensionChoice(const RubricDimension &dimension, QWidget *parent = nullptr);

    QString dimensionId() const { return m_dimensionId; }
    int score() const; // 0: not chosen
    void setScore(int score);

Q_SIGNALS:
    void scoreChanged(int score);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    QString m_dimensionId;
    QButtonGroup *m_levels;
};

// Rating an answer on the round's rubric: every dimension 1-4 with its anchors, the red flags to
// tick, notes, and the explicit choices: submit, skip, or replay the take first.
class RatingPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RatingPanel(QWidget *parent = nullptr);

    // Builds the panel for one round of a loop; clears what was entered.
    void setRubric(const Loop &loop, const Round &round);
    void setQuestion(const QString &question, const QString &detail);
    // Shows beside the rubric what is known about the answer being rated (after setRubric).
    void showAnswerReview(const Loop &loop, const AnswerRecord &answer);
    void setReplayAvailable(bool available, const QString &whyNot = {});
    // Shows submit and skip (during a session) or only submit and cancel (re-rating).
    void setReRating(bool reRating);
    // Restores what was entered before (levels, red flags, notes), after setRubric(); entries
    // the rubric no longer has are dropped. Emits no edited().
    void setDraft(const MockLoop::Rating &draft);
    Rating rating() const;
    void focusFirstDimension();

Q_SIGNALS:
    // Every change of a level, a red flag or the notes, so a draft can be kept; typing in the
    // notes is gathered for a moment, and flushed before submitted().
    void edited(const MockLoop::Rating &current);
    void submitted(const MockLoop::Rating &rating);
    void skipped();
    void replayRequested();

private:
    void updateSummary();
    void reportEdit();
    void flushNotesEdit();

    QLabel *m_question;
    QLabel *m_detail;
    QScrollArea *m_scroll;
    QWidget *m_dimensions;
    AnswerReview *m_review;
    QList<DimensionChoice *> m_choices;
    QWidget *m_redFlags;
    QList<QCheckBox *> m_flagBoxes;
    QPlainTextEdit *m_notes;
    QLabel *m_summary;
    QPushButton *m_replay;
    QPushButton *m_skip;
    QPushButton *m_submit;
    QTimer *m_notesEditDelay;
    bool m_restoring = false; // filling the panel in, not the person editing it
    bool m_reRating = false;
};

} // namespace MockLoop
