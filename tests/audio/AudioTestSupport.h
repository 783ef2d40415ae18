#pragma once

#include <QByteArray>
#include <QProcess>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTest>

#include <memory>
#include <optional>

// Helpers shared by the audio tests: the rig (tests/audio/audio-rig.sh, started by CTest's
// audio_rig fixture), external tools wrapped in timeout, test audio and its analysis.
namespace MockLoop::AudioTest {

// Empty when the rig is running; otherwise why not.
QString rigUnavailableReason();
// MOCKLOOP_REQUIRE_AUDIO=1: a missing rig is a failure, not a skip.
bool audioRequired();
QString rigDirectory();
QString pipeSourceFifo();

struct CommandResult
{
    int exitCode = -1;
    QByteArray output;
    QByteArray errors;

    bool ok() const { return exitCode == 0; }
    QString describe(const QString &program) const;
};

// Runs program under timeout(1) and waits for it.
CommandResult run(const QString &program, const QStringList &arguments, int timeoutSeconds = 20);
// Starts program under timeout(1) without waiting; the caller owns the process.
std::unique_ptr<QProcess> startProcess(const QString &program, const QStringList &arguments, int timeoutSeconds);
// Sends SIGTERM to a started process (through timeout, which passes it on) and waits for it.
void stopProcess(QProcess &process);

// Spoken text as raw signed 16-bit 16 kHz mono, with lead and tail seconds of digital silence:
// espeak-ng, then sox.
std::optional<QByteArray> speech(const QString &text, double leadSeconds, double tailSeconds, QString *error);

// Plays raw s16le 16 kHz mono from rawPath into a sink (pacat, under timeout). latencyMs is how
// much pacat keeps buffered in the server: a larger one rides out a feeder starved of CPU, which
// would otherwise leave gaps of silence in what the microphone hears.
std::unique_ptr<QProcess> playInto(const QString &sink, const QString &rawPath, int timeoutSeconds = 60,
                                   int latencyMs = 20);

// Records what the rig's speaker plays (its monitor, with parecord) while alive, as 16 kHz mono
// s16 PCM: what a person in the room would hear of MockLoop's voice.
class SpeakerRecording
{
public:
    explicit SpeakerRecording(const QString &path);
    ~SpeakerRecording();
    Q_DISABLE_COPY_MOVE(SpeakerRecording)

    // When the recording began, on QElapsedTimer's monotonic clock (msecsSinceReference), within
    // a few tens of milliseconds: a sound found offsetMs into it was heard at startedMs() + offsetMs.
    qint64 startedMs() const { return m_startedMs; }
    // Stops recording; the sound heard, from the recording's start.
    QByteArray finish();

private:
    QString m_path;
    std::unique_ptr<QProcess> m_process;
    qint64 m_startedMs = 0;
};

// The PCM of a WAV file (the data chunk, as much as the file holds); empty if it is not a WAV.
QByteArray pcmOf(const QString &wavPath);

// Where sound is in 16-bit mono PCM: the first and last 10 ms window whose RMS exceeds
// thresholdDb (dBFS), in milliseconds from the start.
struct Activity
{
    qint64 onsetMs = 0;
    qint64 offsetMs = 0;
};
std::optional<Activity> findSound(const QByteArray &pcm, int sampleRate, double thresholdDb = -40);
// Every stretch of sound, stretches closer than minimumGapMs joined into one.
QList<Activity> findSounds(const QByteArray &pcm, int sampleRate, qint64 minimumGapMs, double thresholdDb = -40);

// A short loud tone, 16 kHz mono s16: put before test audio, it marks in a recording where the fed
// audio begins, whenever the feeding process got round to starting.
QByteArray toneBurst(int milliseconds, double frequency = 1000, double amplitude = 0.5);

// The duration soxi reports, and whether sox reads the whole file without a warning.
struct SoxCheck
{
    double seconds = 0;
    bool clean = false;
    QString details;
};
SoxCheck checkWithSox(const QString &wavPath);

// A 16-bit mono WAV of a sine, written with MockLoop's WavWriter.
bool writeSineWav(const QString &path, int sampleRate, double seconds, double frequency, double amplitude);

// PulseAudio modules a test loads into the rig (a microphone of its own, say), unloaded again,
// newest first, when the test is done with them or this object goes.
class RigModules
{
public:
    RigModules() = default;
    ~RigModules() { unloadAll(); }
    Q_DISABLE_COPY_MOVE(RigModules)

    bool load(const QString &module, const QStringList &arguments);
    // Unloads the newest module: a microphone pulled out.
    CommandResult unloadLast();
    void unloadAll();

private:
    QStringList m_ids;
};

// The largest file this process may write, lowered until destroyed: a full disk, as far as a writer
// can tell (writes fail with EFBIG, once the test ignores SIGXFSZ).
class FileSizeLimit
{
public:
    explicit FileSizeLimit(qint64 bytes);
    ~FileSizeLimit();
    Q_DISABLE_COPY_MOVE(FileSizeLimit)

private:
    qint64 m_saved = -1;
};

} // namespace MockLoop::AudioTest

// In initTestCase of tests that need the rig: skips the test with the reason when the rig is not
// running, or fails it when MOCKLOOP_REQUIRE_AUDIO=1.
#define MOCKLOOP_REQUIRE_AUDIO_RIG()                                                                                   \
    do {                                                                                                               \
        const QString reason_ = MockLoop::AudioTest::rigUnavailableReason();                                           \
        if (!reason_.isEmpty()) {                                                                                      \
            if (MockLoop::AudioTest::audioRequired())                                                                  \
                QFAIL(qPrintable(QStringLiteral("MOCKLOOP_REQUIRE_AUDIO=1 but the audio rig is not running: ")         \
                                 + reason_));                                                                          \
            QSKIP(qPrintable(QStringLiteral("the audio rig is not running: ") + reason_));                             \
        }                                                                                                              \
    } while (false)

// For a tool a test needs beyond the rig.
#define MOCKLOOP_REQUIRE_TOOL(tool)                                                                                    \
    do {                                                                                                               \
        if (QStandardPaths::findExecutable(QStringLiteral(tool)).isEmpty()) {                                          \
            if (MockLoop::AudioTest::audioRequired())                                                                  \
                QFAIL("MOCKLOOP_REQUIRE_AUDIO=1 but " tool " is not installed");                                       \
            QSKIP(tool " is not installed");                                                                           \
        }                                                                                                              \
    } while (false)
