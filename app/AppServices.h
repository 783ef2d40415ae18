#pragma once

#include <QString>

namespace MockLoop {

class AnalysisService;
class AudioInputs;
class Clock;
class PracticeLibrary;

// What the windows work with, made by main() for real use and by the GUI tests with a manual
// clock and a library in a temporary folder. Every pointer outlives the windows.
struct AppServices
{
    Clock *clock = nullptr;
    PracticeLibrary *library = nullptr;
    AudioInputs *audioInputs = nullptr;
    AnalysisService *analysis = nullptr; // null: answers are not analysed
    QString sessionFilePath; // the unfinished session
    bool recordAudio = true; // off in tests that have no sound server
};

} // namespace MockLoop
