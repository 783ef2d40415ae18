#pragma once

// The practice library at 10,000 answers, for the library benchmarks: 200 sessions of 50 rated
// answers over about a year (half with a recording, a third re-rated after a replay), the same on
// every run.

#include "library/LibraryStore.h"

#include <functional>

namespace GeneratedLibrary {

constexpr int Sessions = 200;
constexpr int AnswersPerSession = 50;

// Fills store; eachAnswer (if any) is called with every answer stored and its place (0 to 9,999).
void generate(MockLoop::LibraryStore &store, const std::function<void(qint64 answerId, int index)> &eachAnswer = {});

} // namespace GeneratedLibrary
