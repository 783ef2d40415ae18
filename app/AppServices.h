#pragma once

#include <QString>

namespace MockLoop {

class AnalysisService;
class AudioInputs;
class Clock;
class InterviewerVoice;
class PracticeLibrary;
class SpeechOutput;

// What the windows work with, made by main() for real use and by the GUI tests with a manual
// clock and a library in a temporary folder. Every pointer outlives the windows.
struct AppServices
{
    Clock *clock = nullptr;
    PracticeLibrary *library = nullptr;
    AudioInputs *audioInputs = nullptr;
    AnalysisService *analysis = nullptr; // null: answers are not analysed
    InterviewerVoice *voice = nullptr; // renders the interviewer's lines; null: no voices (Settings)
    SpeechOutput *speech = nullptr; // says them; null: the interviewer is silent, prompts shown as text
    QString sessionFilePath; // the unfinished session
    bool recordAudio = true; // off in tests that have no sound server
};

} // namespace MockLoop
