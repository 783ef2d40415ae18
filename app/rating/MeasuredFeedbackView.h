#pragma once

#include "analysis/AnswerAnalysis.h"
#include "loops/Loop.h"

#include <QGroupBox>

#include <optional>

class QFormLayout;
class QGridLayout;
class QLabel;

namespace MockLoop {

class AnnouncementLabel;
class FeedbackTranscript;

// "Measured feedback" on the rating page: what the speech analysis measured in the answer just
// given, beside the rubric. Until the result arrives it says it is analysing; it says so when the
// analysis failed, is off, or found no speech. Then: speaking time, pace, pauses, likely fillers,
// each story phase against its target, recording warnings, and the approximate transcript. Facts,
// labelled as measured, never a score. The arrival of the result (or of a failure) is announced
// to screen readers. When the take can be played here, the times and the words are links that
// ask to play it from there.
class MeasuredFeedbackView : public QGroupBox
{
    Q_OBJECT

public:
    enum class State {
        Hidden, // nothing to say (no answer shown)
        Pending, // analysing
        Unavailable, // not recorded, or the analysis is off
        Failed,
        NoSpeech,
        Ready, // the figures are shown
    };
    Q_ENUM(State)

    explicit MeasuredFeedbackView(QWidget *parent = nullptr);

    State state() const { return m_state; }
    // The analysis shown (Ready or NoSpeech).
    const std::optional<AnswerAnalysis> &analysis() const { return m_analysis; }

    void clear();
    void showPending();
    void showUnavailable(const QString &why);
    void showFailed(const QString &message);
    // The result: its figures, or "no speech found"; the story phases' titles from story.
    void showAnalysis(const AnswerAnalysis &analysis, const StoryStructure &story);
    // Whether the take can be played here: the times and words become links (momentChosen).
    void setPlayable(bool playable);
    bool isPlayable() const { return m_playable; }
    // The phase timings are shown (a Ready result of a loop with a story structure).
    bool showsPhases() const;

    // The transcript, focusable: for the rating page's tab order.
    QWidget *transcriptView() const;

Q_SIGNALS:
    void stateChanged(MockLoop::MeasuredFeedbackView::State state);
    // A time or a word was clicked: play the take from there.
    void momentChosen(qint64 takeMs);

protected:
    void changeEvent(QEvent *event) override;

private:
    void setState(State state);
    void followMomentLinks(QLabel *label);
    void showMessage(State state, const QString &text, bool announced);
    void renderFigures();
    void renderPhases();
    void renderWarnings();
    QLabel *addFigure(const QString &caption, const QString &name);
    void setFigure(QLabel *label, const QString &caption, const QString &richText, const QString &spoken);

    State m_state = State::Hidden;
    std::optional<AnswerAnalysis> m_analysis;
    StoryStructure m_story;
    bool m_playable = false;

    AnnouncementLabel *m_status;
    QWidget *m_figuresBox;
    QFormLayout *m_figures;
    QLabel *m_speakingTime;
    QLabel *m_pace;
    QLabel *m_pauses;
    QLabel *m_fillers;
    QWidget *m_phasesBox;
    QGridLayout *m_phases;
    QLabel *m_warnings;
    QWidget *m_transcriptBox;
    QLabel *m_transcriptLegend;
    FeedbackTranscript *m_transcript;
};

} // namespace MockLoop
