#pragma once

#include "LibraryStore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace MockLoop {

// A session read from a file exported by LibraryStore::exportSessionJson, every field checked.
struct ImportedSession
{
    struct Answer
    {
        LibraryStore::NewAnswer answer; // with its first rating, if any
        QList<Rating> afterReplay;
        std::optional<Rating> coach; // brought back from a coach bundle
    };

    SessionRecord session;
    QList<Answer> answers;
};

// Reads a session export as a whole before anything of it reaches the library: a file someone
// else made may be damaged, hostile or just too large. Every field is checked for its type and
// range, sizes are bounded (a real export of a full loop is about a hundred kilobytes), and a
// recording must be a take of the imported session's own folder (takes/<session id>/<file>.wav),
// so that an import can never name a file elsewhere, or another session's take.
class SessionImport
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::SessionImport)

public:
    static constexpr qint64 MaxFileBytes = 8 * 1024 * 1024;
    static constexpr int MaxAnswers = 2000;
    static constexpr int MaxPartsPerAnswer = 32;
    static constexpr int MaxMarksPerPart = 1000;
    static constexpr int MaxRatingsPerAnswer = 100;
    static constexpr int MaxScoresPerRating = 64;
    static constexpr qsizetype MaxTextLength = 20000;

    // The session, or nothing with error naming the first field that is wrong and how
    // ("answers[3].answeredAt: missing; expected a date and time such as 2026-11-02T09:00:00Z").
    static std::optional<ImportedSession> parse(const QByteArray &json, QString *error);
};

} // namespace MockLoop
