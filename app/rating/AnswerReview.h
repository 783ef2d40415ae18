#pragma once

#include "session/SessionTypes.h"

#include <QWidget>

#include <optional>

class QGridLayout;
class QGroupBox;
class QLabel;

namespace MockLoop {

struct Loop;
struct StoryPhase;
struct StoryStructure;

// The time an answer spent in one story phase, against the phase's target.
struct PhaseTime
{
    int phaseIndex = 0;
    Milliseconds spent{0};
    Milliseconds target{0};
    bool reached = false; // the person marked their way into it (the first phase always is)

    Milliseconds over() const { return reached && spent > target ? spent - target : Milliseconds(0); }
};

// How long the main answer stayed in each phase of the story structure, from the phase marks the
// person made while answering; pauses are not counted (marks are in answer time).
QList<PhaseTime> phaseTimesOf(const AnswerRecord &answer, const StoryStructure &story);

// One story phase as a row of grid: its title, "1:40 of 1:00" and the verdict ("0:40 over" in the
// warning colour, "on time", or "not reached" when spent is empty), the labels named
// <namePrefix>Title_<phase id>, <namePrefix>Spent_... and <namePrefix>Verdict_...
struct PhaseRow
{
    QLabel *title;
    QLabel *spent;
    QLabel *verdict;
};
PhaseRow addPhaseRow(QGridLayout *grid, const QString &namePrefix, const StoryPhase &phase,
                     std::optional<Milliseconds> spent, Milliseconds target);

// What is known about an answer once it has been given, shown beside the rubric while rating it:
// the time spent in each story phase against its target (a phase over its target says so in
// words, not only in colour), the notes typed while answering, and what a strong answer to the
// question shows, from the loop. Never shown before or during the answer: the points would
// steer it.
class AnswerReview : public QWidget
{
    Q_OBJECT

public:
    explicit AnswerReview(QWidget *parent = nullptr);

    void showAnswer(const Loop &loop, const AnswerRecord &answer);
    void clear();
    // Whether the phase times show (they do unless the measured feedback shows them with more).
    void setPhasesShown(bool shown);

private:
    void showPhases(const Loop &loop, const AnswerRecord &answer);

    QGroupBox *m_phasesBox;
    QGridLayout *m_phases;
    QGroupBox *m_notesBox;
    QLabel *m_notes;
    QGroupBox *m_strongBox;
    QLabel *m_strong;
    bool m_hasPhases = false;
    bool m_phasesWanted = true;
};

} // namespace MockLoop
