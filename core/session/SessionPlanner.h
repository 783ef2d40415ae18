#pragma once

#include "PracticeHistory.h"
#include "SessionTypes.h"

#include <variant>

namespace MockLoop {

struct Loop;

// Turns a request into the questions a session will ask, reproducibly: the same loop, request
// (with its seed) and history give the same plan. No question is asked twice in one session.
namespace SessionPlanner {

struct Result
{
    SessionPlan plan;
    QString error; // set when the request cannot be planned

    bool ok() const { return error.isEmpty(); }
};

Result plan(const Loop &loop, const SessionRequest &request, const QHash<QString, QuestionStats> &stats,
            const QDateTime &now);

} // namespace SessionPlanner

} // namespace MockLoop
