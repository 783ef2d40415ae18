#pragma once

#include "AnalysisError.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace MockLoop {

// A stretch of the take, in milliseconds from its first sample.
struct TimeRange
{
    qint64 startMs = 0;
    qint64 endMs = 0;

    qint64 durationMs() const { return endMs - startMs; }
    friend bool operator==(const TimeRange &, const TimeRange &) = default;
};

// A word as the recogniser heard it. Recognition is approximate (expect one word in four or five
// to be wrong on real speech): text is the recogniser's best guess, confidence its own posterior
// probability (0 to 1). likelyFiller marks um, uh, ah, hmm and the like when the recogniser heard
// one with enough confidence and length to be likely; it is never certain.
struct RecognizedWord
{
    QString text; // lower case, as in the pronouncing dictionary
    qint64 startMs = 0;
    qint64 endMs = 0;
    double confidence = 0;
    bool likelyFiller = false;
    int syllables = 0; // vowels in the word's dictionary pronunciation

    friend bool operator==(const RecognizedWord &, const RecognizedWord &) = default;
};

// A piece of evidence found in the transcript ("forty percent", "we", "I think"), with where it
// was said so a player can jump there. value is the plain figure for a number ("40%", "1200").
struct EvidenceItem
{
    QString text;
    qint64 startMs = 0;
    qint64 endMs = 0;
    QString value;

    friend bool operator==(const EvidenceItem &, const EvidenceItem &) = default;
};

// Time spent in one story phase (all the stretches marked with its index), against its target.
struct PhaseTiming
{
    int phaseIndex = 0;
    qint64 startMs = 0; // where the phase was first marked
    qint64 durationMs = 0; // excluded time left out
    qint64 speakingMs = 0;
    std::optional<qint64> targetMs;

    friend bool operator==(const PhaseTiming &, const PhaseTiming &) = default;
};

// Something about the recording that makes the figures less reliable; the analysis still ran.
struct AnalysisWarning
{
    enum class Kind {
        Clipped, // too loud: samples at full scale
        VeryQuiet, // speech far below a normal level
        Truncated, // the file ends before its header says it does
        LowSampleRate, // recorded below 16 kHz
    };
    Kind kind = Kind::Clipped;
    QString message;

    friend bool operator==(const AnalysisWarning &, const AnalysisWarning &) = default;
};

// What the caller knows about the take that the audio does not tell.
struct AnswerContext
{
    struct PhaseMark
    {
        int phaseIndex = 0;
        qint64 startMs = 0;
    };
    // The moves to each story phase, in time order: a phase runs until the next mark (or the end).
    QList<PhaseMark> phaseMarks;
    // Target length of each phase, by phase index (Challenge 30 s, Autonomous Decision 60 s, ...).
    QList<int> phaseTargetSeconds;
    // Stretches left out of the analysis, e.g. while the interviewer's voice was playing: no words,
    // pauses or speaking time are counted there.
    QList<TimeRange> excluded;
};

// Everything measured about one recorded answer: the CLI's JSON, and what the practice library
// stores. Measured facts, labelled as such: the transcript is approximate, fillers are likely.
struct AnswerAnalysis
{
    // The JSON layout (toJson()); bumped when a field changes meaning or goes away.
    static constexpr int FormatVersion = 1;
    // The analysis itself; bumped whenever a change gives other figures for the same audio, so a
    // library can redo takes analysed by an older version. 2: utterances cut at 5 s (soft) and
    // 10 s (hard) instead of 12 s and 20 s.
    static constexpr int CurrentAnalyzerVersion = 2;

    int analyzerVersion = CurrentAnalyzerVersion;
    QString file; // the take's path, when the analysis read a file
    qint64 durationMs = 0; // the whole take
    qint64 analysedMs = 0; // the take less its excluded stretches
    bool speechFound = false; // false: "no speech found", and the figures below are empty

    qint64 speakingMs = 0; // time in speech: pauses of 250 ms or more, and excluded time, left out
    QList<TimeRange> speech; // the stretches of speech
    QList<TimeRange> pauses; // silences of 250 ms or more between stretches of speech
    // From the start of the take (or the end of an excluded stretch there) to the first speech.
    std::optional<TimeRange> silenceBeforeSpeech;

    std::optional<double> wordsPerMinute; // words (fillers left out) over the speaking span
    std::optional<double> articulationRate; // syllables per second of speaking time (transcript)
    std::optional<double> syllablesPerSecond; // the same without the transcript (syllable nuclei)
    std::optional<double> pitchSpreadSemitones; // standard deviation of the voice's pitch
    std::optional<double> fillersPerMinute; // likely fillers over the speaking span

    QList<RecognizedWord> words; // in time order, likely fillers included
    QList<EvidenceItem> numbersHeard;
    QList<EvidenceItem> audienceMentions; // member, customer, user, subscriber
    QList<EvidenceItem> firstPersonSingular; // I, me, my, ...
    QList<EvidenceItem> firstPersonPlural; // we, us, our, ...
    QList<EvidenceItem> hedges; // I think, kind of, maybe, probably, ...
    QList<PhaseTiming> phases;
    QList<TimeRange> excluded;

    double peakDbfs = -100; // the loudest 10 ms of the take
    double speechLevelDbfs = -100; // how loud the speech is (95th percentile of its 10 ms levels)
    double clippedPercent = 0; // share of speech samples at full scale
    QList<AnalysisWarning> warnings;

    // The words in order, likely fillers included (people asked to keep them).
    QString transcript() const;
    int likelyFillerCount() const;
    qint64 longestPauseMs() const;
    int pausesLongerThan(qint64 ms) const;
    // The speaking span: from the start of the first speech to the end of the last, excluded time
    // left out; the base of words and fillers per minute.
    qint64 speakingSpanMs() const;

    // The documented JSON object (README, "mockloop --analyze ... --json"); fromJson() reads it
    // back (from this or an older formatVersion) or says why it cannot.
    QJsonObject toJson() const;
    static Expected<AnswerAnalysis> fromJson(const QJsonObject &object);
    // What the JSON form says for a file that could not be analysed: formatVersion, file, error
    // (the kind, e.g. "fileNotAudio", "modelMissing") and message.
    static QJsonObject failureToJson(const QString &file, const AnalysisError &error);

    friend bool operator==(const AnswerAnalysis &, const AnswerAnalysis &) = default;
};

} // namespace MockLoop
