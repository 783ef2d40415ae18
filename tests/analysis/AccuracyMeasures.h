#pragma once

#include "analysis/AnswerAnalysis.h"

#include <QStringList>

// How close an analysis comes to the truth: the figures the accuracy tests check and the accuracy
// benchmark prints.
namespace AccuracyMeasures {

struct WordErrors
{
    int errors = 0; // substitutions, deletions and insertions
    int referenceWords = 0;
    double rate() const { return referenceWords > 0 ? double(errors) / referenceWords : 0; }
    WordErrors &operator+=(const WordErrors &other);
};

// Levenshtein distance over words, after spelling out the dictionary's abbreviations ("mr").
WordErrors wordErrors(const QStringList &reference, const QStringList &spoken);

// The recognised words a listener would count, likely fillers left out.
QStringList spokenWords(const MockLoop::AnswerAnalysis &analysis);

struct PauseMatch
{
    int truthPauses = 0; // of the minimum length or more
    int found = 0; // with both edges within the tolerance
    double meanEdgeErrorMs = 0; // |error| of the nearest detected pause's edges
    double worstEdgeErrorMs = 0;
    double recall() const { return truthPauses > 0 ? double(found) / truthPauses : 1; }
    PauseMatch &operator+=(const PauseMatch &other);
};

PauseMatch matchPauses(const QList<MockLoop::TimeRange> &truth, const QList<MockLoop::TimeRange> &detected,
                       qint64 minimumMs = 500, qint64 toleranceMs = 100);

struct FillerMatch
{
    int flagged = 0; // words flagged as likely fillers
    int correct = 0; // of them, on an inserted filler
    int truthFillers = 0;
    int found = 0; // inserted fillers with a flagged word on them
    FillerMatch &operator+=(const FillerMatch &other);
};

FillerMatch matchFillers(const QList<MockLoop::TimeRange> &truth, const QList<MockLoop::RecognizedWord> &words);

// (measured - truth) / truth, as a percentage.
double percentError(double measured, double truth);

} // namespace AccuracyMeasures
