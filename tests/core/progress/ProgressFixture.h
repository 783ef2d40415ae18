#pragma once

#include "library/LibraryStore.h"
#include "loops/Loop.h"

#include <memory>

// A small practice library with known ratings, for the Progress tests (core and GUI): the Netflix
// loop at level L6, three weeks of practice in March 2025, "now" being Wednesday 19 March at noon.
//   3 Mar (Mon)  Technical Leadership, 5 answers (questions 0-4 of the round): Innovation 2, every
//                other dimension 4; phases on target (30/60/90/30/30 s); answers 0 and 1 analysed.
//   10 Mar (Mon) Technical Leadership, 5 answers (questions 0-3 and 5): Innovation 2, 2, 2, 2, 3,
//                others 4; 20 s over time, a long challenge (100/30/70/20/40 s); the first answer
//                re-rated after a replay: Story Structure 3 and Quantified Results 2 (were 4).
//   12 Mar (Wed) at level L5: Technical Leadership question 7, every dimension 1.
//   18 Mar (Tue) Hiring Manager, 2 answers (questions 0 and 1 of its pool): Candor 2, High Performance
//                3, the first red flag of the loop ticked.
//   19 Mar (Wed) Hiring Manager question 0 again: Candor 3, High Performance 4, the same red flag.
namespace ProgressFixture {

std::shared_ptr<const MockLoop::Loop> netflixLoop();
QDateTime now();
QDate interviewDate(); // 28 April 2025: the plan's 8 weeks begin on 3 March
// Fills the library; false if anything could not be stored.
bool fill(MockLoop::LibraryStore &store, const MockLoop::Loop &loop);

} // namespace ProgressFixture
