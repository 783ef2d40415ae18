#include "AnswerReview.h"

#include "FeedbackFormat.h"

#include "common/Format.h"
#include "loops/Loop.h"

#include <QCoreApplication>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace MockLoop {

QList<PhaseTime> phaseTimesOf(const AnswerRecord &answer, const StoryStructure &story)
{
    QList<PhaseTime> times;
    for (qsizetype i = 0; i < story.phases.size(); ++i)
        times.append({int(i), Milliseconds(0), Milliseconds(qint64(story.phases.at(i).targetSeconds) * 1000), false});
    const auto main = std::find_if(answer.parts.cbegin(), answer.parts.cend(),
                                   [](const AnswerPart &part) { return part.followUpIndex < 0; });
    if (main == answer.parts.cend() || times.isEmpty())
        return times;
    // The same times the Library and Progress count (markedPhaseTimes); without marks the whole
    // answer was the first phase.
    const QList<Milliseconds> marked = markedPhaseTimes(answer.parts);
    times[0].reached = true;
    times[0].spent = marked.isEmpty() ? main->duration : marked.at(0);
    for (qsizetype i = 1; i < std::min(times.size(), marked.size()); ++i) {
        times[i].spent = marked.at(i);
        times[i].reached = std::any_of(main->phaseMarks.cbegin(), main->phaseMarks.cend(),
                                       [i](const PhaseMark &mark) { return mark.phaseIndex == i; });
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
    m_hasPhases = false;
    m_phasesWanted = true;
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

PhaseRow addPhaseRow(QGridLayout *grid, const QString &namePrefix, const StoryPhase &phase,
                     std::optional<Milliseconds> spent, Milliseconds target)
{
    QWidget *parent = grid->parentWidget();
    PhaseRow row{new QLabel(phase.title, parent), new QLabel(parent), new QLabel(parent)};
    row.spent->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    if (!spent) {
        row.spent->setText(
            QCoreApplication::translate("MockLoop::AnswerReview", "– of %1").arg(Format::elapsed(target)));
        row.verdict->setText(QCoreApplication::translate("MockLoop::AnswerReview", "not reached"));
        row.verdict->setForegroundRole(QPalette::PlaceholderText);
    } else {
        row.spent->setText(FeedbackFormat::spentOfTarget(*spent, target));
        row.verdict->setText(FeedbackFormat::overOrOnTime(*spent, target));
        if (FeedbackFormat::isOver(*spent, target))
            FeedbackFormat::markAsWarning(row.verdict);
    }
    row.title->setAccessibleName(u"%1: %2, %3"_s.arg(phase.title, row.spent->text(), row.verdict->text()));
    row.title->setObjectName(namePrefix + u"Title_"_s + phase.id);
    row.spent->setObjectName(namePrefix + u"Spent_"_s + phase.id);
    row.verdict->setObjectName(namePrefix + u"Verdict_"_s + phase.id);
    const int at = grid->rowCount();
    grid->addWidget(row.title, at, 0);
    grid->addWidget(row.spent, at, 1);
    grid->addWidget(row.verdict, at, 2);
    return row;
}

void AnswerReview::showPhases(const Loop &loop, const AnswerRecord &answer)
{
    const QList<PhaseTime> times = phaseTimesOf(answer, loop.storyStructure);
    if (times.isEmpty() || answer.parts.isEmpty())
        return;
    for (const PhaseTime &time : times) {
        addPhaseRow(m_phases, u"phase"_s, loop.storyStructure.phases.at(time.phaseIndex),
                    time.reached ? std::optional<Milliseconds>(time.spent) : std::nullopt, time.target);
    }
    m_phasesBox->setVisible(m_phasesWanted);
    m_hasPhases = true;
}

void AnswerReview::setPhasesShown(bool shown)
{
    m_phasesWanted = shown;
    m_phasesBox->setVisible(shown && m_hasPhases);
}

} // namespace MockLoop
