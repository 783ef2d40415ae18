#pragma once

#include "AnswerAnalysis.h"

// Answer-craft evidence read from the transcript, each item with where it was said. Works on the
// words as recognised (lower case, dictionary spelling); likely fillers are skipped. Internal to
// core/analysis, pure functions.
namespace MockLoop::TranscriptEvidence {

// Numbers as spoken ("forty percent", "two hundred and fifty", "three point five", "half",
// "twice"), with their value ("40%", "250", "3.5", "1/2", "2x"). A lone "one" is left out: it is
// mostly "no one", "one of them".
QList<EvidenceItem> numbers(const QList<RecognizedWord> &words);
// member, customer, user, subscriber, in the singular, plural or possessive.
QList<EvidenceItem> audienceMentions(const QList<RecognizedWord> &words);
// I, I'm, I've, I'd, I'll, me, my, mine, myself.
QList<EvidenceItem> firstPersonSingular(const QList<RecognizedWord> &words);
// we, we're, we've, we'd, we'll, us, our, ours, ourselves.
QList<EvidenceItem> firstPersonPlural(const QList<RecognizedWord> &words);
// I think, I guess, I believe, I feel like, I suppose, kind of, sort of, maybe, probably, perhaps,
// possibly, hopefully, somewhat, a little bit, more or less, not sure. "kind of" and "sort of"
// after a determiner ("what kind of", "this sort of") are not hedges.
QList<EvidenceItem> hedges(const QList<RecognizedWord> &words);

} // namespace MockLoop::TranscriptEvidence
