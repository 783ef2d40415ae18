#pragma once

#include <QString>

namespace MockLoop {

// Why a line could not be spoken, as a value: nothing above core/voice sees a libflite failure.
// message is a complete sentence for the person, naming the voice or the package to install.
struct VoiceError
{
    enum class Kind {
        UnknownVoice, // no voice of that name (the message lists those there are)
        VoiceNotInstalled, // its library cannot be loaded (the message names the Debian package)
        NothingToSay, // the text is empty, or has nothing speakable in it
        TextTooLong, // longer than InterviewerVoice::MaxTextCharacters
        SynthesisFailed, // libflite gave up on the text
        Cancelled, // the voice was shut down before the line was rendered
    };

    Kind kind = Kind::SynthesisFailed;
    QString message;
};

} // namespace MockLoop
