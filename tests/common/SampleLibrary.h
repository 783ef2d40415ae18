#pragma once

// Sample practice for the tests, the benchmarks and the screenshots: a session and an answer of a
// loop as the app would store them, so that each generator says only what differs.

#include "library/LibraryStore.h"
#include "loops/Loop.h"

#include <optional>

namespace SampleLibrary {

inline MockLoop::SessionRecord session(const MockLoop::Loop &loop, const QString &id, const QDateTime &startedAt,
                                       const QString &levelId, quint64 seed)
{
    MockLoop::SessionRecord session;
    session.id = id;
    session.mode = MockLoop::SessionMode::OneRound;
    session.loopId = loop.id;
    session.loopVersion = loop.version;
    session.loopTitle = loop.title;
    session.levelId = levelId;
    session.startedAt = startedAt;
    session.seed = seed;
    return session;
}

// One main answer (part) to question in round, at its place (ordinal) in the session.
inline MockLoop::LibraryStore::NewAnswer answer(const QString &sessionId, int ordinal, const QDateTime &answeredAt,
                                                const MockLoop::Round &round, const MockLoop::Question &question,
                                                MockLoop::AnswerPart part, std::optional<MockLoop::Rating> rating)
{
    MockLoop::LibraryStore::NewAnswer answer;
    answer.sessionId = sessionId;
    answer.answeredAt = answeredAt;
    answer.roundTitle = round.title;
    answer.categoryId = question.categoryId;
    answer.record.ordinal = ordinal;
    answer.record.roundId = round.id;
    answer.record.questionId = question.id;
    answer.record.questionText = question.text;
    part.startedAt = answeredAt;
    answer.record.parts = {part};
    answer.record.rating = std::move(rating);
    return answer;
}

// A rating given after replaying the take, from the first with some scores changed.
inline MockLoop::Rating replayOf(const MockLoop::Rating &first, const QDateTime &ratedAt)
{
    MockLoop::Rating replay = first;
    replay.when = MockLoop::Rating::When::AfterReplay;
    replay.ratedAt = ratedAt;
    return replay;
}

} // namespace SampleLibrary
