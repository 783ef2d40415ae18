#include "AudioTestSupport.h"

#include <sys/resource.h>

#include "audio/WavFormat.h"
#include "audio/WavWriter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <cstring>
#include <limits>
#include <numbers>
#include <vector>

using namespace Qt::StringLiterals;

namespace MockLoop::AudioTest {

namespace {

std::vector<qint16> sine(int sampleRate, double seconds, double frequency, double amplitude)
{
    std::vector<qint16> samples(size_t(seconds * sampleRate));
    for (size_t i = 0; i < samples.size(); ++i)
        samples[i] = qint16(
            std::lround(amplitude * 32767.0 * std::sin(2 * std::numbers::pi * frequency * double(i) / sampleRate)));
    return samples;
}

} // namespace

QString rigUnavailableReason()
{
    const QString dir = rigDirectory();
    if (dir.isEmpty())
        return u"MOCKLOOP_AUDIO_RIG is not set: run the test through ctest (its audio_rig fixture starts the rig) "
               u"or under tests/audio/audio-rig.sh run -- <test>"_s;
    QFile status(dir + u"/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return u"the rig in %1 was never started"_s.arg(dir);
    const QString text = QString::fromUtf8(status.readAll()).trimmed();
    return text == u"ok"_s ? QString() : text;
}

bool audioRequired()
{
    return qEnvironmentVariable("MOCKLOOP_REQUIRE_AUDIO") == u"1"_s;
}

QString rigDirectory()
{
    return qEnvironmentVariable("MOCKLOOP_AUDIO_RIG");
}

QString pipeSourceFifo()
{
    return rigDirectory() + u"/pipemic.fifo"_s;
}

QString CommandResult::describe(const QString &program) const
{
    return u"%1 exited with %2: %3%4"_s.arg(program).arg(exitCode).arg(
        QString::fromLocal8Bit(errors).trimmed(), QString::fromLocal8Bit(output).trimmed().left(500));
}

CommandResult run(const QString &program, const QStringList &arguments, int timeoutSeconds)
{
    QProcess process;
    process.start(u"timeout"_s, QStringList{QString::number(timeoutSeconds), program} + arguments);
    CommandResult result;
    if (!process.waitForStarted(10000)) {
        result.errors = process.errorString().toUtf8();
        return result;
    }
    process.closeWriteChannel();
    if (!process.waitForFinished((timeoutSeconds + 10) * 1000)) {
        process.kill();
        process.waitForFinished();
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.output = process.readAllStandardOutput();
    result.errors = process.readAllStandardError();
    return result;
}

std::unique_ptr<QProcess> startProcess(const QString &program, const QStringList &arguments, int timeoutSeconds)
{
    auto process = std::make_unique<QProcess>();
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(u"timeout"_s, QStringList{QString::number(timeoutSeconds), program} + arguments);
    process->closeWriteChannel();
    return process;
}

void stopProcess(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.terminate();
    if (!process.waitForFinished(5000)) {
        process.kill();
        process.waitForFinished(5000);
    }
}

std::optional<QByteArray> speech(const QString &text, double leadSeconds, double tailSeconds, QString *error)
{
    QTemporaryDir dir;
    const QString spoken = dir.filePath(u"spoken.wav"_s);
    const QString raw = dir.filePath(u"speech.raw"_s);
    const CommandResult espeak = run(u"espeak-ng"_s, {u"-v"_s, u"en-us"_s, u"-s"_s, u"150"_s, u"-w"_s, spoken, text});
    if (!espeak.ok()) {
        *error = espeak.describe(u"espeak-ng"_s);
        return std::nullopt;
    }
    const CommandResult sox = run(u"sox"_s,
                                  {spoken, u"-t"_s, u"raw"_s, u"-r"_s, u"16000"_s, u"-c"_s, u"1"_s, u"-b"_s, u"16"_s,
                                   u"-e"_s, u"signed-integer"_s, u"-L"_s, raw, u"pad"_s, QString::number(leadSeconds),
                                   QString::number(tailSeconds)});
    if (!sox.ok()) {
        *error = sox.describe(u"sox"_s);
        return std::nullopt;
    }
    QFile file(raw);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return std::nullopt;
    }
    return file.readAll();
}

std::unique_ptr<QProcess> playInto(const QString &sink, const QString &rawPath, int timeoutSeconds, int latencyMs)
{
    return startProcess(u"pacat"_s,
                        {u"--playback"_s, u"--device=%1"_s.arg(sink), u"--latency-msec=%1"_s.arg(latencyMs), u"--raw"_s,
                         u"--format=s16le"_s, u"--rate=16000"_s, u"--channels=1"_s, rawPath},
                        timeoutSeconds);
}

SpeakerRecording::SpeakerRecording(const QString &path)
    : m_path(path)
    , m_process(startProcess(QStringLiteral("parecord"),
                             {QStringLiteral("--raw"), QStringLiteral("--format=s16le"), QStringLiteral("--rate=16000"),
                              QStringLiteral("--channels=1"), QStringLiteral("--latency-msec=20"),
                              QStringLiteral("--device=speaker.monitor"), path},
                             60))
{
    // parecord is recording once its file grows: its first 20 ms reached it just now.
    QElapsedTimer waited;
    waited.start();
    while (QFileInfo(path).size() == 0 && waited.elapsed() < 5000)
        QTest::qWait(5);
    QElapsedTimer now;
    now.start();
    m_startedMs = now.msecsSinceReference() - 20;
}

SpeakerRecording::~SpeakerRecording()
{
    if (m_process)
        stopProcess(*m_process);
}

QByteArray SpeakerRecording::finish()
{
    QTest::qWait(300); // what the output still held reaches the monitor
    stopProcess(*m_process);
    m_process.reset();
    QFile file(m_path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QByteArray pcmOf(const QString &wavPath)
{
    QFile file(wavPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QString error;
    const auto layout = Wav::readLayout(file, &error);
    if (!layout || !file.seek(layout->dataOffset))
        return {};
    return file.read(Wav::presentDataBytes(*layout, file.size()));
}

QList<Activity> findSounds(const QByteArray &pcm, int sampleRate, qint64 minimumGapMs, double thresholdDb)
{
    const qsizetype window = sampleRate / 100;
    const qsizetype count = pcm.size() / 2;
    const double threshold = 32768.0 * std::pow(10.0, thresholdDb / 20.0);
    QList<Activity> stretches;
    std::vector<qint16> samples(static_cast<size_t>(count));
    std::memcpy(samples.data(), pcm.constData(), size_t(count) * 2);
    for (qsizetype start = 0; start + window <= count; start += window) {
        double sum = 0;
        for (qsizetype i = start; i < start + window; ++i)
            sum += double(samples[size_t(i)]) * samples[size_t(i)];
        if (std::sqrt(sum / double(window)) < threshold)
            continue;
        const qint64 ms = start * 1000 / sampleRate;
        if (stretches.isEmpty() || ms - stretches.last().offsetMs >= minimumGapMs)
            stretches.append(Activity{ms, ms + 10});
        else
            stretches.last().offsetMs = ms + 10;
    }
    return stretches;
}

std::optional<Activity> findSound(const QByteArray &pcm, int sampleRate, double thresholdDb)
{
    const QList<Activity> stretches = findSounds(pcm, sampleRate, std::numeric_limits<qint64>::max(), thresholdDb);
    if (stretches.isEmpty())
        return std::nullopt;
    return stretches.first();
}

QByteArray toneBurst(int milliseconds, double frequency, double amplitude)
{
    const std::vector<qint16> samples = sine(16000, milliseconds / 1000.0, frequency, amplitude);
    return QByteArray(reinterpret_cast<const char *>(samples.data()), qsizetype(samples.size() * 2));
}

SoxCheck checkWithSox(const QString &wavPath)
{
    SoxCheck check;
    const CommandResult soxi = run(u"soxi"_s, {u"-D"_s, wavPath});
    if (!soxi.ok()) {
        check.details = soxi.describe(u"soxi"_s);
        return check;
    }
    check.seconds = QString::fromLatin1(soxi.output).trimmed().toDouble();
    // sox reads every sample and complains on stderr about a header that does not match the data.
    const CommandResult sox = run(u"sox"_s, {u"-V2"_s, wavPath, u"-n"_s, u"stat"_s});
    const QString errors = QString::fromLocal8Bit(sox.errors);
    check.clean = sox.ok() && !errors.contains(u"WARN"_s) && !errors.contains(u"FAIL"_s);
    check.details = errors;
    return check;
}

bool writeSineWav(const QString &path, int sampleRate, double seconds, double frequency, double amplitude)
{
    WavWriter writer;
    if (!writer.open(path, PcmFormat{sampleRate, 1, 16}))
        return false;
    const std::vector<qint16> samples = sine(sampleRate, seconds, frequency, amplitude);
    return writer.append(reinterpret_cast<const char *>(samples.data()), qint64(samples.size()) * 2) && writer.finish();
}

bool RigModules::load(const QString &module, const QStringList &arguments)
{
    const CommandResult result
        = run(QStringLiteral("pactl"), QStringList{QStringLiteral("load-module"), module} + arguments);
    if (!result.ok()) {
        qWarning().noquote() << result.describe(QStringLiteral("pactl"));
        return false;
    }
    m_ids.append(QString::fromLatin1(result.output).trimmed());
    return true;
}

CommandResult RigModules::unloadLast()
{
    if (m_ids.isEmpty())
        return {};
    return run(QStringLiteral("pactl"), {QStringLiteral("unload-module"), m_ids.takeLast()});
}

void RigModules::unloadAll()
{
    // The newest first: a remapped source before the sink it listens to.
    while (!m_ids.isEmpty())
        unloadLast();
}

FileSizeLimit::FileSizeLimit(qint64 bytes)
{
    rlimit limit{};
    getrlimit(RLIMIT_FSIZE, &limit);
    m_saved = qint64(limit.rlim_cur);
    limit.rlim_cur = rlim_t(bytes);
    setrlimit(RLIMIT_FSIZE, &limit);
}

FileSizeLimit::~FileSizeLimit()
{
    rlimit limit{};
    getrlimit(RLIMIT_FSIZE, &limit);
    limit.rlim_cur = rlim_t(m_saved);
    setrlimit(RLIMIT_FSIZE, &limit);
}

} // namespace MockLoop::AudioTest
