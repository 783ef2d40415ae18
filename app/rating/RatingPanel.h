#pragma once

#include "RubricEvidence.h"
#include "loops/Loop.h"
#include "session/SessionTypes.h"

#include <QWidget>

#include <optional>

class QBoxLayout;
class QButtonGroup;
class QCheckBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QScrollArea;
class QTimer;

namespace MockLoop {

class AnswerReview;
class MeasuredFeedbackView;

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
    // What the speech analysis measured that bears on this dimension, below its levels (nothing:
    // no line). With playable, its times are links (momentChosen).
    void setEvidence(const std::optional<RubricEvidence::Line> &evidence, bool playable);
    QString evidenceText() const { return m_evidence ? m_evidence->plainText() : QString(); }

Q_SIGNALS:
    void scoreChanged(int score);
    void momentChosen(qint64 takeMs);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void changeEvent(QEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    void renderEvidence();
    void speakScore();

    QString m_dimensionId;
    QString m_title;
    QButtonGroup *m_levels;
    QLabel *m_evidenceLabel;
    std::optional<RubricEvidence::Line> m_evidence;
    bool m_playable = false;
};

// Rating an answer on the round's rubric: every dimension 1-4 with its anchors, the red flags to
// tick, notes, and the explicit choices: submit, skip, or replay the take first. Beside the rubric,
// what is known about the answer (AnswerReview) and what was measured in it (MeasuredFeedbackView),
// with the measured evidence next to the dimensions it informs. What is measured never touches
// the rating: it is there to rate by.
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

    // The measured feedback on the answer (after showAnswerReview): analysing, unavailable (why),
    // failed (the message), or the result with its evidence beside the dimensions.
    void showFeedbackPending();
    void showFeedbackUnavailable(const QString &why);
    void showFeedbackFailed(const QString &message);
    void showMeasuredFeedback(const AnswerAnalysis &analysis);
    // The take can be played where this panel is: the measured times become links that ask for it
    // (playFromRequested).
    void setTakePlayable(bool playable);
    MeasuredFeedbackView *feedbackView() const { return m_feedback; }

Q_SIGNALS:
    // Every change of a level, a red flag or the notes, so a draft can be kept; typing in the
    // notes is gathered for a moment, and flushed before submitted().
    void edited(const MockLoop::Rating &current);
    void submitted(const MockLoop::Rating &rating);
    void skipped();
    void replayRequested();
    // A measured time or a transcript word was chosen: play the take from there (in take time).
    void playFromRequested(qint64 takeMs);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void updateSummary();
    void reportEdit();
    void flushNotesEdit();
    void showEvidence();
    void orderTabs();

    QLabel *m_question;
    QLabel *m_detail;
    QScrollArea *m_scroll;
    QBoxLayout *m_columns = nullptr; // the rubric and what is beside it: side by side, or one above the other
    QWidget *m_dimensions;
    AnswerReview *m_review;
    MeasuredFeedbackView *m_feedback;
    StoryStructure m_story; // of the loop being rated, for the measured phases' titles
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
