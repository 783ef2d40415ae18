#include "AnswerReview.h"

#include "common/Format.h"
#include "loops/Loop.h"
#include "widgets/CountdownLabel.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace MockLoop {

QList<PhaseTime> phaseTimesOf(const AnswerRecord &answer, const StoryStructure &story)
{
    const auto main = std::find_if(answer.parts.cbegin(), answer.parts.cend(),
                                   [](const AnswerPart &part) { return part.followUpIndex < 0; });
    QList<PhaseTime> times;
    for (qsizetype i = 0; i < story.phases.size(); ++i)
        times.append({int(i), Milliseconds(0), Milliseconds(qint64(story.phases.at(i).targetSeconds) * 1000), false});
    if (main == answer.parts.cend() || times.isEmpty())
        return times;
    // Where each phase began: the first with the answer, the others at their marks.
    QList<PhaseMark> starts{{0, Milliseconds(0)}};
    for (const PhaseMark &mark : main->phaseMarks) {
        if (mark.phaseIndex > 0 && mark.phaseIndex < times.size())
            starts.append(mark);
    }
    std::stable_sort(starts.begin(), starts.end(), [](const PhaseMark &a, const PhaseMark &b) { return a.at < b.at; });
    for (qsizetype i = 0; i < starts.size(); ++i) {
        const Milliseconds end = i + 1 < starts.size() ? starts.at(i + 1).at : main->duration;
        PhaseTime &time = times[starts.at(i).phaseIndex];
        time.spent += std::max(Milliseconds(0), end - starts.at(i).at);
        time.reached = true;
    }
    return times;
}

AnswerReview::AnswerReview(QWidget *parent)
    : QWidget(parent)
    , m_phasesBox(new QGroupBox(tr("Time in each phase"), this))
    , m_phases(new QGridLayout(m_phasesBox))
    , m_notesBox(new QGroupBox(tr("Your notes while answering"), this))
    , m_notes(new QLabel(m_notesBox))
    , m_strongBox(new QGroupBox(tr("What a strong answer shows"), this))
    , m_strong(new QLabel(m_strongBox))
{
    setObjectName(u"answerReview"_s);
    m_phasesBox->setObjectName(u"phaseTimes"_s);
    m_phases->setColumnStretch(0, 1);
    m_notes->setObjectName(u"notesWhileAnswering"_s);
    m_notes->setWordWrap(true);
    m_notes->setTextFormat(Qt::PlainText);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setAccessibleName(m_notesBox->title());
    auto *notesLayout = new QVBoxLayout(m_notesBox);
    notesLayout->addWidget(m_notes);
    m_strong->setObjectName(u"strongAnswerPoints"_s);
    m_strong->setWordWrap(true);
    m_strong->setTextFormat(Qt::RichText);
    m_strong->setAccessibleName(m_strongBox->title());
    auto *strongLayout = new QVBoxLayout(m_strongBox);
    strongLayout->addWidget(m_strong);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_phasesBox);
    layout->addWidget(m_notesBox);
    layout->addWidget(m_strongBox);
    layout->addStretch();
    clear();
}

void AnswerReview::clear()
{
    while (QLayoutItem *item = m_phases->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_notes->clear();
    m_strong->clear();
    m_phasesBox->hide();
    m_notesBox->hide();
    m_strongBox->hide();
}

void AnswerReview::showAnswer(const Loop &loop, const AnswerRecord &answer)
{
    clear();
    showPhases(loop, answer);

    m_notes->setText(answer.notes.trimmed());
    m_notesBox->setVisible(!m_notes->text().isEmpty());

    const Question *question = loop.question(answer.questionId);
    if (question && !question->strongAnswer.isEmpty()) {
        QString points = u"<ul style=\"margin-left: 0; -qt-list-indent: 1;\">"_s;
        for (const QString &point : question->strongAnswer)
            points += u"<li>%1</li>"_s.arg(point.toHtmlEscaped());
        m_strong->setText(points + u"</ul>"_s);
        m_strongBox->show();
    }
}

void AnswerReview::showPhases(const Loop &loop, const AnswerRecord &answer)
{
    const QList<PhaseTime> times = phaseTimesOf(answer, loop.storyStructure);
    if (times.isEmpty() || answer.parts.isEmpty())
        return;
    for (const PhaseTime &time : times) {
        const StoryPhase &phase = loop.storyStructure.phases.at(time.phaseIndex);
        auto *title = new QLabel(phase.title, m_phasesBox);
        auto *spent = new QLabel(m_phasesBox);
        auto *verdict = new QLabel(m_phasesBox);
        spent->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        const QString target = Format::elapsed(time.target);
        if (!time.reached) {
            spent->setText(tr("– of %1").arg(target));
            verdict->setText(tr("not reached"));
            verdict->setForegroundRole(QPalette::PlaceholderText);
        } else {
            spent->setText(tr("%1 of %2").arg(Format::elapsed(time.spent), target));
            if (time.over().count() > 0) {
                // The words say it; the colour only draws the eye.
                verdict->setText(tr("%1 over").arg(Format::elapsed(time.over())));
                QPalette colours = verdict->palette();
                colours.setColor(QPalette::WindowText, warningColour(colours));
                verdict->setPalette(colours);
                QFont bold = verdict->font();
                bold.setBold(true);
                verdict->setFont(bold);
            } else {
                verdict->setText(tr("on time"));
            }
        }
        title->setAccessibleName(u"%1: %2, %3"_s.arg(phase.title, spent->text(), verdict->text()));
        title->setObjectName(u"phaseTitle_"_s + phase.id);
        spent->setObjectName(u"phaseSpent_"_s + phase.id);
        verdict->setObjectName(u"phaseVerdict_"_s + phase.id);
        const int row = m_phases->rowCount();
        m_phases->addWidget(title, row, 0);
        m_phases->addWidget(spent, row, 1);
        m_phases->addWidget(verdict, row, 2);
    }
    m_phasesBox->show();
}

} // namespace MockLoop
