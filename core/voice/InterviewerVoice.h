#pragma once

#include "RenderedSpeech.h"
#include "VoiceCatalog.h"
#include "VoiceError.h"

#include <QFuture>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

class QThreadPool;

namespace MockLoop {

// How the interviewer speaks (Settings).
struct VoiceSettings
{
    QString voiceId = VoiceCatalog::DefaultVoiceId;
    double rate = 1.0; // speaking speed, 0.5 to 2 times the voice's own
    double volume = 1.0; // 0 to 1

    friend bool operator==(const VoiceSettings &, const VoiceSettings &) = default;
};

// Whether a voice can be used here, for a list of voices in Settings.
struct VoiceStatus
{
    VoiceDescription voice;
    std::optional<VoiceError> error; // nothing: it loads

    bool available() const { return !error.has_value(); }
};

// The interviewer's voice: renders the lines the interviewer says (questions, probes, a round's
// opening and closing, interruptions) into audio, on this machine with libflite.
//
// - render(text) gives a future of the line in the current settings: fulfilled at once when the
//   line is in the memory cache, else on a worker thread (the disk cache, then libflite). It never
//   waits for rendering, disk or another thread's work, so the GUI thread may call it; watch the
//   future with a QFutureWatcher.
// - prepare(lines) renders lines in the background before they are needed, so that when the
//   interviewer says one it is already in the cache (the session gives it the next question, its
//   probes, the round's closing line). Lines asked for with render() go before those prepared.
// - Rendered audio is cached per (text, voice, rate): in memory up to memoryCacheBytes (least
//   recently used forgotten first), and on disk in diskCacheFolder when one is given, each file
//   checked when read back. Volume is applied to a copy on the way out.
// - Lines are rendered one at a time (libflite is not thread-safe, see FliteSynthesizer.h) on a
//   thread of the pool given, by one task at a time: the pool's other threads stay free.
// - Errors are values: a RenderedSpeech with error set (an unknown voice, one not installed naming
//   its Debian package, a line with nothing to say).
// - Destroying the voice finishes the lines still waiting with Cancelled at once; a line being
//   rendered finishes on its thread (tens of milliseconds) and is dropped. It never waits.
//
// How a session uses it (with SpeechPlayer, SpeechPlayer.h):
// - One voice for the app, with Options::diskCacheFolder under the cache location
//   (QStandardPaths::GenericCacheLocation + "/MockLoop/voice"); setSettings() from Settings.
// - At a round's start: prepare() the round's lines (Loop::spokenLines(round)), its first question
//   and that question's probes; while a question is answered, prepare() the next question.
// - To say a line: render(), and when its future is ready (a QFutureWatcher; at once when it was
//   prepared) SpeechPlayer::play(). Think time starts on SpeechPlayer::finished. With an error (the
//   voice not installed, say) show its message once and go on as with the voice off.
// - While the answer is recorded, take the recorder's position at SpeechPlayer::started and add
//   speech.intervalStartingAt(position) (cut at the played time when stopped) to the take's marks
//   and to AnswerContext::excluded.
// - The V key: SpeechPlayer::stop(), and skip the voice until it is turned on again.
class InterviewerVoice
{
public:
    // A line longer than this is refused (TextTooLong): about a minute of speech. An interviewer's
    // line is far shorter (the Netflix loop's longest, an opening, is 245 characters), and text
    // built to be slow costs libflite seconds per thousand characters (1,000 digits are read as
    // five minutes of speech, rendered in about 11 s): lines behind it would wait that long.
    static constexpr qsizetype MaxTextCharacters = 1000;

    struct Options
    {
        qsizetype memoryCacheBytes = 32 * 1024 * 1024; // about 17 minutes of speech at 16 kHz
        QString diskCacheFolder; // empty: memory only
        qint64 diskCacheBytes = 64 * 1024 * 1024;
        QThreadPool *pool = nullptr; // nullptr: QThreadPool::globalInstance()
        QList<VoiceDescription> voices = VoiceCatalog::debianVoices();
    };

    struct Statistics
    {
        int renders = 0; // lines rendered by libflite
        int memoryHits = 0;
        int diskHits = 0;
        int diskRejected = 0; // cache files that failed their check and were removed
        int failures = 0; // lines that gave an error
    };

    explicit InterviewerVoice(VoiceSettings settings = {});
    InterviewerVoice(VoiceSettings settings, Options options);
    ~InterviewerVoice();
    Q_DISABLE_COPY_MOVE(InterviewerVoice)

    VoiceSettings settings() const;
    // Applies to the lines asked for from now on (those prepared before are still used when the
    // voice and rate match; volume applies to any line).
    void setSettings(const VoiceSettings &settings);

    QFuture<RenderedSpeech> render(const QString &text);
    QFuture<RenderedSpeech> render(const QString &text, const VoiceSettings &settings);

    // Renders these lines in the current settings in the background, in order, skipping those
    // already cached or on their way.
    void prepare(const QStringList &lines);

    // The line from the memory cache in the current settings, or nothing; never renders or waits.
    std::optional<RenderedSpeech> cached(const QString &text) const;

    // Which of the voices load here (tried on a worker thread).
    QFuture<QList<VoiceStatus>> checkVoices() const;

    Statistics statistics() const;
    qsizetype memoryCacheBytes() const;

    // Called on the rendering thread before libflite renders a line (tests count renders and see
    // which thread does the work).
    void setRenderObserver(std::function<void(const QString &text)> observer);

private:
    struct State;
    std::shared_ptr<State> m_state;
};

} // namespace MockLoop
