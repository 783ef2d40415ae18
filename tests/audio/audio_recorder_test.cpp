#include "AudioTestSupport.h"

#include "audio/AudioRecorder.h"
#include "audio/MultimediaBackend.h"
#include "audio/TakeInfo.h"
#include "audio/WavFormat.h"
#include "common/ApplicationIdentity.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMediaDevices>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// What the system says for errno, in this locale: "File too large" for EFBIG in English.
QString systemMessage(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

constexpr auto SpokenAnswer = "I led the migration of our payments platform to a new region. "
                              "I set a clear goal, and we shipped it in six weeks.";

QAudioDevice inputById(const QByteArray &id)
{
    const QList<QAudioDevice> inputs = QMediaDevices::audioInputs();
    for (const QAudioDevice &device : inputs) {
        if (device.id() == id)
            return device;
    }
    return {};
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

// Everything a recorder says, collected as it happens.
struct RecorderLog
{
    explicit RecorderLog(AudioRecorder &recorder)
    {
        QObject::connect(&recorder, &AudioRecorder::levelMeasured, &recorder, [this](const AudioLevel &level) {
            levels.push_back(level);
            sinceLevel.start();
        });
        QObject::connect(&recorder, &AudioRecorder::errorOccurred, &recorder,
                         [this](AudioRecorder::Error error, const QString &message) {
                             errors.append(error);
                             messages.append(message);
                         });
        QObject::connect(&recorder, &AudioRecorder::takeFinished, &recorder,
                         [this](const TakeInfo &take) { takes.append(take); });
    }

    // Where in the take "now" is: the end of the last level's window plus the time since.
    qint64 positionNowMs() const
    {
        return levels.empty() ? 0 : levels.back().positionMs + (sinceLevel.isValid() ? sinceLevel.elapsed() : 0);
    }

    std::vector<AudioLevel> levels;
    QElapsedTimer sinceLevel;
    QList<AudioRecorder::Error> errors;
    QStringList messages;
    QList<TakeInfo> takes;
};

// A listener to the recorder's PCM (the speech analysis, in the app), noting what it is told and
// from which thread.
class RecordingSink : public PcmSink
{
public:
    void pcmStarted(const PcmFormat &format, qint64 framesAlreadyInTake) override
    {
        const std::lock_guard lock(mutex);
        ++starts;
        startFormat = format;
        startFrames = framesAlreadyInTake;
        threads.push_back(std::this_thread::get_id());
    }
    void pcmCaptured(const qint16 *samples, qsizetype sampleCount) override
    {
        const std::lock_guard lock(mutex);
        pcm.append(reinterpret_cast<const char *>(samples), sampleCount * 2);
        threads.push_back(std::this_thread::get_id());
    }
    void pcmFinished() override
    {
        const std::lock_guard lock(mutex);
        ++finishes;
        threads.push_back(std::this_thread::get_id());
    }

    std::mutex mutex;
    int starts = 0;
    int finishes = 0;
    PcmFormat startFormat{0, 0, 0};
    qint64 startFrames = -1;
    QByteArray pcm;
    std::vector<std::thread::id> threads;
};

} // namespace

class AudioRecorderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void pipeSource_capturesBitExactly_andTellsThePcmSink();
    void speech_keepsDurationOnsetAndLevels();
    void pause_leavesOutWhatIsSaidWhilePaused();
    void microphoneRemoved_stopsWithErrorAndKeepsValidWav();
    void microphoneSendingNothing_leavesNoTake();
    void fullDisk_stopsWithErrorAndKeepsValidWav();
    void unwritableFolder_saysWhereAndWhy();
    void existingTake_isNeverOverwritten();
    void recorderDestroyedMidTake_finishesTheTake();

private:
    QTemporaryDir m_settings;
    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_speech; // SpokenAnswer, 16 kHz mono s16, with 1 s of silence before and after
    QString m_speechFile;
    AudioTest::RigModules m_modules; // loaded by a test, unloaded in cleanup()
    std::vector<std::unique_ptr<QProcess>> m_feeders;
};

void AudioRecorderTest::initTestCase()
{
    MOCKLOOP_REQUIRE_AUDIO_RIG();
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    selectMultimediaBackend();
    std::signal(SIGXFSZ, SIG_IGN);

    QString error;
    const auto speech = AudioTest::speech(QString::fromLatin1(SpokenAnswer), 1.0, 1.0, &error);
    QVERIFY2(speech, qPrintable(error));
    m_speech = *speech;
    m_speechFile = m_settings.filePath(u"speech.raw"_s);
    QVERIFY(writeFile(m_speechFile, m_speech));
}

void AudioRecorderTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void AudioRecorderTest::cleanup()
{
    for (auto &feeder : m_feeders)
        AudioTest::stopProcess(*feeder);
    m_feeders.clear();
    m_modules.unloadAll();
}

void AudioRecorderTest::pipeSource_capturesBitExactly_andTellsThePcmSink()
{
    const QAudioDevice pipe = inputById("pipemic");
    QVERIFY(!pipe.isNull());
    const QString path = m_dir->filePath(u"answer.wav"_s);
    auto sink = std::make_shared<RecordingSink>();
    AudioRecorder recorder;
    RecorderLog log(recorder);
    recorder.setDevice(pipe);
    recorder.setPcmSink(sink);
    QVERIFY(recorder.start(path));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.state(), AudioRecorder::State::Recording, 10000);

    // Exactly these bytes come out of the pipe source, and nothing else.
    const AudioTest::CommandResult fed = AudioTest::run(
        u"dd"_s, {u"if="_s + m_speechFile, u"of="_s + AudioTest::pipeSourceFifo(), u"bs=4096"_s, u"status=none"_s}, 20);
    QVERIFY2(fed.ok(), qPrintable(fed.describe(u"dd"_s)));
    const qint64 fedMs = m_speech.size() / 32;
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordedMs() >= fedMs - 50, 10000);
    recorder.stop();
    QTRY_COMPARE_WITH_TIMEOUT(log.takes.size(), 1, 10000);

    QVERIFY2(log.errors.isEmpty(), qPrintable(log.messages.join(u'\n')));
    const QByteArray captured = AudioTest::pcmOf(path);
    QCOMPARE(captured.size(), m_speech.size());
    QVERIFY2(captured == m_speech, "the captured PCM differs from what was fed");

    const TakeInfo take = log.takes.first();
    QCOMPARE(take.path, path);
    QVERIFY(take.complete);
    QVERIFY(!take.recovered);
    QCOMPARE(take.frames, m_speech.size() / 2);
    QCOMPARE(take.formatDescription(), u"WAV PCM 16-bit 16000 Hz mono"_s);
    QCOMPARE(take.capturedFormat.sampleRate(), 16000);
    QVERIFY(!take.resampled && !take.sampleFormatConverted);
    QCOMPARE(take.deviceId, "pipemic");
    QCOMPARE(take.fileBytes, QFileInfo(path).size());
    QCOMPARE(take.sha256, sha256OfFile(path));
    QVERIFY(!QFile::exists(path + u".part"_s));
    const auto sidecar = TakeInfo::readSidecar(path);
    QVERIFY(sidecar);
    QVERIFY(sidecar->complete);
    QCOMPARE(sidecar->sha256, take.sha256);
    QCOMPARE(recorder.lastTake().path, path);
    QCOMPARE(recorder.state(), AudioRecorder::State::Idle);

    // The sink (the speech analysis, in the app) was told exactly what the take holds, from one
    // thread, the recorder's, never this (the GUI) thread.
    const std::lock_guard lock(sink->mutex);
    QCOMPARE(sink->starts, 1);
    QCOMPARE(sink->finishes, 1);
    QCOMPARE(sink->startFormat, (PcmFormat{16000, 1, 16}));
    QCOMPARE(sink->startFrames, 0);
    QVERIFY2(sink->pcm == captured, "the sink heard something else than the take holds");
    QVERIFY(std::all_of(sink->threads.begin(), sink->threads.end(),
                        [&](std::thread::id id) { return id == sink->threads.front(); }));
    QVERIFY(sink->threads.front() != std::this_thread::get_id());
}

void AudioRecorderTest::speech_keepsDurationOnsetAndLevels()
{
    // The fed audio starts with a tone burst 200 ms before the speech, so the take itself says where
    // the feed began: what is measured below is the recorder, not how long the feeding process took
    // to start on a busy machine. A feeder starved of CPU can still leave gaps of silence in what the
    // microphone hears (the sound server plays silence when it has nothing); the recorder can only
    // drop sound, never add silence, so what is compared is the time sound is heard, not its span.
    const QByteArray speechOnly = m_speech.mid(32000); // without its second of lead silence
    const QByteArray marked = AudioTest::toneBurst(100) + QByteArray(6400, '\0') + speechOnly;
    const QString markedFile = m_dir->filePath(u"marked-speech.raw"_s);
    QVERIFY(writeFile(markedFile, marked));
    const QList<AudioTest::Activity> fed = AudioTest::findSounds(marked, 16000, 150);
    QVERIFY(fed.size() >= 2);
    QCOMPARE(fed.first().offsetMs, 100); // the tone, then the speech
    const QString path = m_dir->filePath(u"answer.wav"_s);
    AudioRecorder recorder;
    RecorderLog log(recorder);
    recorder.setDevice(inputById("mic"));
    QVERIFY(recorder.start(path));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordedMs() >= 500, 10000);

    // Speak into the virtual microphone, two seconds buffered in the server so that a starved
    // feeder seldom leaves gaps at all.
    m_feeders.push_back(AudioTest::playInto(u"micfeed"_s, markedFile, 60, 2000));
    QProcess &feeder = *m_feeders.back();
    QVERIFY(feeder.waitForStarted(5000));
    QTRY_COMPARE_WITH_TIMEOUT(feeder.state(), QProcess::NotRunning, 60000);
    QCOMPARE(feeder.exitCode(), 0);
    const qint64 startedAtMs = log.positionNowMs();
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordedMs() >= startedAtMs + 1500, 10000);
    recorder.stop();
    QTRY_COMPARE_WITH_TIMEOUT(log.takes.size(), 1, 10000);
    QVERIFY2(log.errors.isEmpty(), qPrintable(log.messages.join(u'\n')));

    const QByteArray take = AudioTest::pcmOf(path);
    const QList<AudioTest::Activity> sounds = AudioTest::findSounds(take, 16000, 150);
    QVERIFY2(sounds.size() >= 2, "no tone and speech in the take");
    const AudioTest::Activity &tone = sounds.first();
    const AudioTest::Activity heard{sounds.at(1).onsetMs, sounds.last().offsetMs};
    const auto heardAfter = [](const QByteArray &pcm, qint64 fromMs) {
        qint64 total = 0;
        for (const AudioTest::Activity &window : AudioTest::findSounds(pcm.mid(fromMs * 32), 16000, 0))
            total += window.offsetMs - window.onsetMs;
        return total;
    };
    const qint64 fedSound = heardAfter(marked, fed.first().offsetMs + 100);
    const qint64 heardSound = heardAfter(take, tone.offsetMs + 100);
    const qint64 fedOnset = fed.at(1).onsetMs - fed.first().onsetMs;
    const qint64 heardOnset = heard.onsetMs - tone.onsetMs;
    qInfo("speech: %lld ms of sound fed, %lld ms heard (over %lld ms); onset %lld ms after the tone as fed, %lld ms "
          "in the take (the feed began %lld ms into the take)",
          fedSound, heardSound, heard.offsetMs - heard.onsetMs, fedOnset, heardOnset, tone.onsetMs);
    QVERIFY2(std::abs(heardSound - fedSound) <= 100, "sound lost or added: more than 100 ms");
    QVERIFY2(std::abs(heardOnset - fedOnset) <= 100, "onset off by more than 100 ms");

    // The meter: silence before and after reads as silence, the speech reads loud.
    float loudestSilence = 0;
    int speechWindows = 0;
    int loudWindows = 0;
    for (const AudioLevel &level : log.levels) {
        const qint64 start = level.positionMs - 50;
        const bool nearTone = level.positionMs >= tone.onsetMs - 100 && start <= tone.offsetMs + 100;
        if (nearTone)
            continue;
        if (level.positionMs < heard.onsetMs - 100 || start > heard.offsetMs + 100) {
            loudestSilence = std::max(loudestSilence, level.peak);
        } else if (start >= heard.onsetMs && level.positionMs <= heard.offsetMs) {
            ++speechWindows;
            if (level.rmsDb() > -35)
                ++loudWindows;
        }
    }
    qInfo("meter: loudest silence %.1f dBFS peak; %d of %d speech windows above -35 dBFS RMS",
          double(AudioLevel::toDb(loudestSilence)), loudWindows, speechWindows);
    QVERIFY(speechWindows >= 20);
    QVERIFY2(AudioLevel::toDb(loudestSilence) < -60, "silence does not read as silence");
    QVERIFY2(loudWindows * 2 >= speechWindows, "speech does not read as speech");
}

void AudioRecorderTest::pause_leavesOutWhatIsSaidWhilePaused()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    AudioRecorder recorder;
    RecorderLog log(recorder);
    recorder.setDevice(inputById("mic"));
    QVERIFY(recorder.start(path));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordedMs() >= 1000, 10000);
    const qint64 recordedBeforePause = recorder.recordedMs();
    recorder.pause();
    QCOMPARE(recorder.state(), AudioRecorder::State::Paused);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.pauseMarksMs().size(), 1, 5000);
    // The mark is where the take stood when the pause took effect: everything heard before it is
    // kept (the capture thread may have taken in a little more than the meter had shown).
    const qint64 mark = recorder.pauseMarksMs().first();
    QVERIFY2(mark >= recordedBeforePause,
             qPrintable(u"mark %1 ms, %2 ms recorded before the pause"_s.arg(mark).arg(recordedBeforePause)));

    // Everything spoken during the pause stays out of the take. The speech and its trailing second
    // of silence take seconds to play: time enough for a recorder that wrongly went on to show it.
    m_feeders.push_back(AudioTest::playInto(u"micfeed"_s, m_speechFile));
    QTRY_COMPARE_WITH_TIMEOUT(m_feeders.back()->state(), QProcess::NotRunning, 60000);
    QCOMPARE(recorder.recordedMs(), mark);

    recorder.resume();
    QCOMPARE(recorder.state(), AudioRecorder::State::Recording);
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordedMs() >= mark + 1000, 10000);
    recorder.stop();
    QTRY_COMPARE_WITH_TIMEOUT(log.takes.size(), 1, 10000);

    const TakeInfo take = log.takes.first();
    QCOMPARE(take.pauseMarksMs, QList<qint64>{mark});
    QCOMPARE(TakeInfo::readSidecar(path)->pauseMarksMs, QList<qint64>{mark});
    // No upper bound on the length: how late a busy machine gets round to stopping is not the
    // recorder's doing. That the pause was left out shows in the recorded time above and in the
    // take having no speech below.
    QVERIFY2(take.durationMs() >= mark + 1000, qPrintable(QString::number(take.durationMs())));
    QVERIFY2(!AudioTest::findSound(AudioTest::pcmOf(path), 16000), "speech from the pause is in the take");
}

void AudioRecorderTest::microphoneRemoved_stopsWithErrorAndKeepsValidWav()
{
    // A microphone of its own, to pull out.
    QVERIFY(m_modules.load(u"module-null-sink"_s,
                           {u"sink_name=unplugfeed"_s, u"format=s16le"_s, u"rate=16000"_s, u"channels=1"_s}));
    QVERIFY(m_modules.load(u"module-remap-source"_s,
                           {u"source_name=unplugmic"_s, u"master=unplugfeed.monitor"_s,
                            u"source_properties=device.description=USB-microphone"_s}));
    m_feeders.push_back(
        AudioTest::startProcess(u"pacat"_s,
                                {u"--playback"_s, u"--device=unplugfeed"_s, u"--latency-msec=20"_s, u"--raw"_s,
                                 u"--format=s16le"_s, u"--rate=16000"_s, u"--channels=1"_s, u"/dev/zero"_s},
                                120));
    QTRY_VERIFY_WITH_TIMEOUT(!inputById("unplugmic").isNull(), 10000);

    const QString path = m_dir->filePath(u"answer.wav"_s);
    AudioRecorder recorder;
    RecorderLog log(recorder);
    recorder.setDevice(inputById("unplugmic"));
    QVERIFY(recorder.start(path));
    QTRY_VERIFY_WITH_TIMEOUT(recorder.recordedMs() >= 1500, 15000);

    QElapsedTimer sinceUnplug;
    sinceUnplug.start();
    const AudioTest::CommandResult unplugged = m_modules.unloadLast();
    QVERIFY2(unplugged.ok(), qPrintable(unplugged.describe(u"pactl"_s)));
    QTRY_COMPARE_WITH_TIMEOUT(log.takes.size(), 1, 15000);
    qInfo("the recorder noticed the microphone was gone after %lld ms", sinceUnplug.elapsed());

    QCOMPARE(log.errors, QList<AudioRecorder::Error>{AudioRecorder::Error::MicrophoneDisconnected});
    QVERIFY2(log.messages.first().contains(u"USB-microphone"_s) && log.messages.first().contains(u"saved"_s),
             qPrintable(log.messages.first()));
    QCOMPARE(recorder.state(), AudioRecorder::State::Idle);
    const TakeInfo take = log.takes.first();
    QVERIFY(take.complete);
    QCOMPARE(take.stopReason, log.messages.first());
    QVERIFY(take.durationMs() >= 1500);
    QVERIFY(!QFile::exists(path + u".part"_s));
    const auto layout = Wav::readLayout(path, nullptr);
    QVERIFY(layout);
    QCOMPARE(layout->declaredDataBytes, QFileInfo(path).size() - 44);
    QCOMPARE(layout->declaredDataBytes, take.frames * 2);
    const AudioTest::SoxCheck sox = AudioTest::checkWithSox(path);
    QVERIFY2(sox.clean, qPrintable(sox.details));

    // Asking for it again is refused at once, with no file.
    const QString again = m_dir->filePath(u"again.wav"_s);
    QVERIFY(!recorder.start(again));
    QCOMPARE(recorder.error(), AudioRecorder::Error::MicrophoneNotConnected);
    QVERIFY2(recorder.errorString().contains(u"USB-microphone"_s), qPrintable(recorder.errorString()));
    QVERIFY(!QFile::exists(again) && !QFile::exists(again + u".part"_s));
}

void AudioRecorderTest::microphoneSendingNothing_leavesNoTake()
{
    // The pipe source sends nothing until something is written to its FIFO.
    const QString path = m_dir->filePath(u"answer.wav"_s);
    AudioRecorder recorder;
    RecorderLog log(recorder);
    recorder.setDevice(inputById("pipemic"));
    recorder.setStallTimeout(std::chrono::milliseconds(1000));
    QVERIFY(recorder.start(path));
    QTRY_COMPARE_WITH_TIMEOUT(log.errors.size(), 1, 10000);
    QCOMPARE(log.errors.first(), AudioRecorder::Error::MicrophoneUnavailable);
    QVERIFY2(log.messages.first().contains(u"sends no sound, so nothing was recorded"_s),
             qPrintable(log.messages.first()));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.state(), AudioRecorder::State::Idle, 5000);
    QVERIFY(log.takes.isEmpty());
    QVERIFY2(QDir(m_dir->path()).isEmpty(), qPrintable(QDir(m_dir->path()).entryList().join(u' ')));
}

void AudioRecorderTest::fullDisk_stopsWithErrorAndKeepsValidWav()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    AudioRecorder recorder;
    RecorderLog log(recorder);
    recorder.setDevice(inputById("mic"));
    {
        const AudioTest::FileSizeLimit limit(44 + 48000); // room for 1.5 s
        QVERIFY(recorder.start(path));
        QTRY_COMPARE_WITH_TIMEOUT(log.takes.size(), 1, 15000);
    }
    QCOMPARE(log.errors, QList<AudioRecorder::Error>{AudioRecorder::Error::WriteFailed});
    const QString message = log.messages.first();
    QVERIFY2(message.contains(path) && message.contains(systemMessage(EFBIG)) && message.contains(u"saved"_s),
             qPrintable(message));
    const TakeInfo take = log.takes.first();
    QVERIFY(take.complete);
    QCOMPARE(take.durationMs(), 1500);
    QCOMPARE(take.stopReason, message);
    const auto layout = Wav::readLayout(path, nullptr);
    QVERIFY(layout);
    QCOMPARE(layout->declaredDataBytes, 48000);
    QCOMPARE(QFileInfo(path).size(), 44 + 48000);
}

void AudioRecorderTest::unwritableFolder_saysWhereAndWhy()
{
    QVERIFY(writeFile(m_dir->filePath(u"not-a-folder"_s), "x"));
    const QString path = m_dir->filePath(u"not-a-folder/answer.wav"_s);
    AudioRecorder recorder;
    RecorderLog log(recorder);
    recorder.setDevice(inputById("mic"));
    QVERIFY(recorder.start(path));
    QTRY_COMPARE_WITH_TIMEOUT(log.errors.size(), 1, 10000);
    QCOMPARE(log.errors.first(), AudioRecorder::Error::CannotCreateFile);
    QVERIFY2(log.messages.first().contains(path) && log.messages.first().contains(systemMessage(ENOTDIR)),
             qPrintable(log.messages.first()));
    QTRY_COMPARE_WITH_TIMEOUT(recorder.state(), AudioRecorder::State::Idle, 5000);
    QVERIFY(log.takes.isEmpty());
}

void AudioRecorderTest::existingTake_isNeverOverwritten()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    QVERIFY(writeFile(path, "an earlier take"));
    AudioRecorder recorder;
    RecorderLog log(recorder);
    recorder.setDevice(inputById("mic"));
    QVERIFY(recorder.start(path));
    QTRY_COMPARE_WITH_TIMEOUT(log.errors.size(), 1, 10000);
    QCOMPARE(log.errors.first(), AudioRecorder::Error::CannotCreateFile);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.state(), AudioRecorder::State::Idle, 5000);
    QCOMPARE(readFile(path), "an earlier take");
}

void AudioRecorderTest::recorderDestroyedMidTake_finishesTheTake()
{
    // The app quits while recording: the destructor finishes the take rather than leave a .part.
    const QString path = m_dir->filePath(u"answer.wav"_s);
    {
        AudioRecorder recorder;
        recorder.setDevice(inputById("mic"));
        QVERIFY(recorder.start(path));
        QTRY_VERIFY_WITH_TIMEOUT(recorder.recordedMs() >= 1000, 10000);
    }
    QVERIFY(!QFile::exists(path + u".part"_s));
    const auto layout = Wav::readLayout(path, nullptr);
    QVERIFY(layout);
    QVERIFY(layout->declaredDataBytes >= 32000);
    QCOMPARE(layout->declaredDataBytes, QFileInfo(path).size() - 44);
    const auto sidecar = TakeInfo::readSidecar(path);
    QVERIFY(sidecar && sidecar->complete);
}

QTEST_GUILESS_MAIN(AudioRecorderTest)
#include "audio_recorder_test.moc"
