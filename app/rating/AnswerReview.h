#pragma once

#include "session/SessionTypes.h"

#include <QWidget>

class QGridLayout;
class QGroupBox;
class QLabel;

namespace MockLoop {

struct Loop;
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

private:
    void showPhases(const Loop &loop, const AnswerRecord &answer);

    QGroupBox *m_phasesBox;
    QGridLayout *m_phases;
    QGroupBox *m_notesBox;
    QLabel *m_notes;
    QGroupBox *m_strongBox;
    QLabel *m_strong;
};

} // namespace MockLoop
