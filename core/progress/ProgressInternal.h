#pragma once

// What the parts of core/progress share (ProgressCharts.cpp, ProgressReadiness.cpp,
// ProgressPlan.cpp). Internal.

#include "Progress.h"
#include "loops/Loop.h"

#include <QCoreApplication>

namespace MockLoop::Progress::Internal {

inline QString tr(const char *text, int n = -1)
{
    return QCoreApplication::translate("MockLoop::Progress", text, nullptr, n);
}

// The answers of the filter: its round, category and dates (loop and level are the facts' own),
// skipped ones left out.
QList<const AnswerFacts *> answersIn(const AnswerFactSet &facts, const ProgressFilter &filter);

// The average of the scores given, or nothing.
std::optional<double> averageOf(const QVarLengthArray<qint8, 12> &scores);

// "2.1"
QString oneDecimal(double value);
// "3 Mar"
QString shortDate(const QDate &date);

void fillCharts(ProgressData &data, const Input &input, const QList<const AnswerFacts *> &answers);
QList<RoundReadiness> readinessOf(const Input &input, const QList<const AnswerFacts *> &loopAnswers);
QList<QueueEntry> queueOf(const Input &input, int *dueToday, int *neverPractised);
PracticeCalendar calendarOf(const Input &input, const QList<const AnswerFacts *> &loopAnswers);

} // namespace MockLoop::Progress::Internal
