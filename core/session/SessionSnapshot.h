#pragma once

#include "SessionTypes.h"

#include <QByteArray>

#include <optional>

namespace MockLoop {

// A session's progress, complete enough to resume it exactly: saved after every transition.
struct SessionSnapshot
{
    static constexpr int FormatVersion = 1;

    QString sessionId;
    QString loopId;
    int loopVersion = 0;
    QDateTime startedAt;
    QDateTime savedAt;
    SessionRequest request; // with the seed the plan was drawn from
    SessionPlan plan;

    SessionState state = SessionState::NotStarted;
    int segmentIndex = 0;
    int questionIndex = 0;
    int followUpIndex = -1;
    int phaseIndex = 0;
    Milliseconds phaseStartedAt{0};
    Milliseconds roundElapsed{0};
    Milliseconds thinkElapsed{0};
    Milliseconds answerElapsed{0};
    Milliseconds breakElapsed{0};
    bool roundTimeUp = false;
    bool endRoundRequested = false;
    bool overtimeReported = false;
    int phaseTargetReported = -1;

    std::optional<AnswerRecord> current;
    QList<AnswerRecord> answers;
    QList<RoundSummary> roundSummaries;

    // What does not hold together (a state against its position, plan and mode: an answer under
    // way with no answer in progress, a question past the plan's end, a break after a single
    // question...), or empty when the snapshot is whole. fromJson() refuses what this finds, so a
    // restored session never meets it.
    QString inconsistency() const;

    // The file names of the takes this session owns (in its folder of the library): each answer's,
    // and the one of the answer in progress, even if a crash came before its name was saved.
    QStringList takeFiles() const;

    QByteArray toJson() const;
    // Null with error set when data is not a snapshot this version of MockLoop can read.
    static std::optional<SessionSnapshot> fromJson(const QByteArray &data, QString *error);
};

} // namespace MockLoop
