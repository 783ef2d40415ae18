#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace MockLoop {

// Why an answer could not be analysed, as a value: nothing above core/analysis sees a pocketsphinx,
// WebRTC or aubio error code. message is a complete sentence for the person, naming the file or
// folder and what to do about it.
struct AnalysisError
{
    enum class Kind {
        ModelMissing, // the speech model (Debian package pocketsphinx-en-us) is not installed
        ModelBroken, // a file of the speech model is damaged
        FileUnreadable, // the recording cannot be opened or read
        FileNotAudio, // not a PCM WAV file, or its header is damaged
        Cancelled, // the caller asked to stop
        // Streaming only: the analysis could not follow the recording (too little CPU), or saw only
        // part of the take (one continued after an interruption). Analyse the take's file instead.
        StreamIncomplete,
        StoredAnalysisUnreadable, // AnswerAnalysis::fromJson() could not read what was stored
    };

    Kind kind = Kind::FileUnreadable;
    QString message;
};

// A value or the error that prevented it.
template<typename T> class Expected
{
public:
    Expected(T value)
        : m_value(std::move(value))
    { }
    Expected(AnalysisError error)
        : m_value(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<T>(m_value); }
    T &value() { return std::get<T>(m_value); }
    const T &operator*() const { return value(); }
    const T *operator->() const { return &value(); }
    const AnalysisError &error() const { return std::get<AnalysisError>(m_value); }

private:
    std::variant<T, AnalysisError> m_value;
};

} // namespace MockLoop
