#pragma once

#include "session/SessionTypes.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>

#include <functional>
#include <optional>

namespace MockLoop {

// One practice session as the library keeps it.
struct SessionRecord
{
    QString id;
    SessionMode mode = SessionMode::FullLoop;
    QString loopId;
    int loopVersion = 0;
    QString loopTitle;
    QString levelId;
    quint64 seed = 0;
    QDateTime startedAt;
    QDateTime finishedAt; // invalid while unfinished
    bool abandoned = false;
};

// A recorded take of an answer. The path is relative to the library folder, so the folder can be
// moved or synced as a whole.
struct RecordingInfo
{
    QString relativePath;
    QString format; // e.g. "WAV PCM 16-bit 16000 Hz mono"
    Milliseconds duration{0};
    qint64 sizeBytes = 0;
    QString checksum; // SHA-256 of the file, hex
    bool recovered = false; // rescued after a crash
};

// An answer as the library lists it.
struct AnswerRow
{
    qint64 id = 0;
    QString sessionId;
    QDateTime answeredAt;
    QString loopId;
    QString loopTitle;
    QString roundId;
    QString roundTitle;
    QString questionId;
    QString questionText;
    QString categoryId;
    Milliseconds answerTime{0};
    Milliseconds overtime{0};
    bool skipped = false;
    std::optional<double> firstScore; // average of the rating given right after the answer
    std::optional<double> latestScore; // average of the newest rating (after a replay, if any)
    int redFlagCount = 0; // in the newest rating
    bool hasRecording = false;
    QString notes;
    // From the speech analysis of its take, when it has been analysed (measured, approximate).
    int analyzerVersion = 0; // 0: not analysed
    std::optional<double> wordsPerMinute;
    std::optional<double> fillersPerMinute; // likely fillers
    std::optional<qint64> longestPauseMs;
};

// The speech analysis of an answer's take, as the library keeps it: the figures the Library lists
// and sorts by, the approximate transcript it searches, and the whole result (core/analysis's
// AnswerAnalysis as JSON) for the views that show it.
struct AnalysisRecord
{
    int analyzerVersion = 0;
    QDateTime analysedAt;
    std::optional<double> wordsPerMinute;
    std::optional<double> fillersPerMinute;
    std::optional<qint64> longestPauseMs;
    QString transcript;
    QByteArray resultJson;
    // When resultJson is empty: what makes it, called by LibraryStore::setAnalysis on the library's
    // thread, so that the GUI thread does not encode a long answer's JSON (AnalysisService::recordOf).
    std::function<QByteArray()> makeResultJson;
};

// A take whose analysis is missing or was made by an older analyser.
struct TakeToAnalyse
{
    qint64 answerId = 0;
    QString loopId;
    QString relativePath; // of the take
    AnswerRecord record; // its question and parts, for the phase marks
};

// An answer with everything the library holds about it.
// The story the candidate chose on the cue card for an answer (as titled then; storyId 0 when the
// story has been deleted since).
struct PractisedStory
{
    qint64 storyId = 0;
    QString title;

    bool operator==(const PractisedStory &) const = default;
};

// What practice a story has had: the answers given with it on the cue card.
struct StoryPractice
{
    qint64 storyId = 0; // 0: deleted since
    QString title;
    int answers = 0;
    int rated = 0;
    std::optional<double> meanScore; // of the newest rating of each rated answer
    QList<qint64> meanPhaseMs; // per story phase, over the answers with phase marks; empty: none
    QDateTime lastPractised;
};

struct AnswerDetail
{
    AnswerRow row;
    AnswerRecord record; // parts with their phase and pause marks
    std::optional<Rating> rightAfter; // the first rating; never changed once given
    QList<Rating> afterReplay; // oldest first
    std::optional<Rating> coach; // a coach's, brought back from a coach bundle; never the person's own
    std::optional<AnalysisRecord> analysis;
    std::optional<RecordingInfo> recording;
    std::optional<PractisedStory> practisedStory; // chosen on the cue card
};

struct AnswerFilter
{
    QString sessionId;
    QString loopId;
    QString roundId;
    QString questionId;
    QString categoryId;
    QDate from; // inclusive, local dates; invalid: open
    QDate to;
    std::optional<double> minScore; // on the newest rating's average
    std::optional<double> maxScore;
    std::optional<bool> hasRecording;
    QString text; // in the question, the notes or the transcript, any case
    // The take's measured figures (answers not analysed never pass a bound on them).
    std::optional<double> minWordsPerMinute;
    std::optional<double> maxWordsPerMinute;
    std::optional<double> maxFillersPerMinute;
    std::optional<qint64> minLongestPauseMs;
    std::optional<qint64> answerId; // just this answer, if it passes the rest of the filter

    friend bool operator==(const AnswerFilter &, const AnswerFilter &) = default;
};

// Pace, Fillers and LongestPause sort answers not analysed last, whichever the direction.
enum class AnswerSort {
    Date,
    Loop,
    Round,
    Question,
    Duration,
    Score,
    RedFlags,
    Recording,
    Pace,
    Fillers,
    LongestPause
};

// The average score of one rubric dimension over one period.
struct DimensionAverage
{
    QDate periodStart; // the Monday of the week
    QString dimensionId;
    double average = 0;
    int count = 0;
};

// A take on disk that no answer in the library owns: left by a crash, or repaired from a .part.
struct RecoveredTake
{
    QString relativePath;
    QString sessionId; // from its folder, when that session is known
    RecordingInfo recording;
};

} // namespace MockLoop
