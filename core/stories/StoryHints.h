#pragma once

#include "Story.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace MockLoop {

struct StoryStructure;

// What the editor points out while a story is written: hints to act on, never errors that stop a
// save.
struct StoryHint
{
    enum class Kind {
        EmptyPhase, // a phase of the structure holds no words
        NoNumber, // Execution or Member Impact (phase or line) names no number
        WeWithoutI, // the Decision says "we" but never "I"
        TooLong, // the spoken estimate runs past the structure's target
    };
    Kind kind;
    QString phaseId; // the phase the hint is about; empty for the whole story
    QString text; // what to do, in a sentence
};

struct StoryLength
{
    static constexpr double DefaultWordsPerMinute = 150.0;

    int words = 0;
    double wordsPerMinute = DefaultWordsPerMinute;
    bool paceMeasured = false; // from the candidate's analysed answers, not the default
    int estimatedSeconds = 0;
    int targetSeconds = 0; // the story structure's total, 240 when it names none
};

class StoryHints
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::StoryHints)

public:
    static constexpr int FallbackTargetSeconds = 240;

    // measuredWordsPerMinute: the candidate's pace over their analysed answers, if any.
    static StoryLength length(const Story &story, const StoryStructure &structure,
                              std::optional<double> measuredWordsPerMinute);
    static QList<StoryHint> hints(const Story &story, const StoryStructure &structure,
                                  std::optional<double> measuredWordsPerMinute);
    // "About 3:10 spoken at your pace of 140 words a minute; the target is 4:00."
    static QString lengthText(const StoryLength &length);
};

} // namespace MockLoop
