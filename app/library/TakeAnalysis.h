#pragma once

#include "analysis/AnswerAnalysis.h"

#include <QString>

#include <optional>

namespace MockLoop {

// What the Library knows about the speech analysis of the take it shows: its result, or why there
// is none (yet). The page works it out from the library and the analysis service; the detail
// view's transcript, measurements and waveform marks show it.
struct TakeAnalysis
{
    enum class State {
        NoRecording, // nothing to analyse
        NotAnalysed, // not yet, and no analysis is running
        Analysing, // the takes are being analysed in the background; this one's turn comes
        Off, // speech analysis is turned off in Settings
        Failed, // the take could not be analysed, or its stored result cannot be read
        Analysed,
    };

    State state = State::NotAnalysed;
    std::optional<AnswerAnalysis> result; // when Analysed
    QString message; // Failed: why, and what to do; Analysing: how far the work is
};

} // namespace MockLoop
