#include "SpeechFixtures.h"

#include "audio/WavFormat.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cstring>

using namespace Qt::StringLiterals;
using MockLoop::TimeRange;

namespace SpeechFixtures {

namespace {

constexpr int SampleRate = 16000;
constexpr int FrameSamples = 160;
constexpr double SilentDbfs = -55; // a frame of a clean flite line this quiet is silence
constexpr qint64 MinimumPauseMs = 250;
const QString Dictionary = u"/usr/share/pocketsphinx/model/en-us/cmudict-en-us.dict"_s;
const QString LibriVoxFolder = u"/usr/share/pocketsphinx/test/data/librivox"_s;

bool runTool(const QString &program, const QStringList &arguments, QString *error)
{
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        if (error) {
            *error = u"%1 %2 failed: %3 %4"_s.arg(program, arguments.join(u' '), process.errorString(),
                                                  QString::fromLocal8Bit(process.readAllStandardError()));
        }
        return false;
    }
    return true;
}

// flite says the text; sox cuts the silence around it and stretches fillers.
std::optional<std::vector<qint16>> speak(const QString &text, const QString &voice, double tempo, const QString &folder,
                                         int index, QString *error)
{
    const QString raw = u"%1/piece-%2-raw.wav"_s.arg(folder).arg(index);
    const QString trimmed = u"%1/piece-%2.wav"_s.arg(folder).arg(index);
    if (!runTool(u"flite"_s, {u"-voice"_s, voice, u"-t"_s, text, u"-o"_s, raw}, error))
        return std::nullopt;
    QStringList sox{raw,       u"-r"_s,      u"16000"_s,   trimmed, u"silence"_s, u"1"_s,    u"0.01"_s,
                    u"-45d"_s, u"reverse"_s, u"silence"_s, u"1"_s,  u"0.01"_s,    u"-45d"_s, u"reverse"_s};
    if (tempo != 1.0)
        sox << u"tempo"_s << u"-s"_s << QString::number(tempo);
    if (!runTool(u"sox"_s, sox, error))
        return std::nullopt;
    std::vector<qint16> samples = readWav(trimmed);
    QFile::remove(raw);
    QFile::remove(trimmed);
    if (samples.empty()) {
        if (error)
            *error = u"flite said nothing for \"%1\""_s.arg(text);
        return std::nullopt;
    }
    return samples;
}

qint64 samplesToMs(qint64 samples)
{
    return samples * 1000 / SampleRate;
}

// Silences of 250 ms or more inside a clean line (flite pauses at commas).
QList<TimeRange> silencesWithin(const std::vector<qint16> &samples, qint64 offsetMs)
{
    QList<TimeRange> silences;
    const qsizetype frames = qsizetype(samples.size()) / FrameSamples;
    qsizetype runStart = -1;
    for (qsizetype frame = 0; frame <= frames; ++frame) {
        bool silent = false;
        if (frame < frames) {
            double energy = 0;
            for (int i = 0; i < FrameSamples; ++i) {
                const double sample = samples[size_t(frame * FrameSamples + i)] / 32768.0;
                energy += sample * sample;
            }
            silent = 10 * std::log10(energy / FrameSamples + 1e-12) < SilentDbfs;
        }
        if (silent && runStart < 0)
            runStart = frame;
        if (!silent && runStart >= 0) {
            const qint64 start = offsetMs + runStart * 10;
            const qint64 end = offsetMs + frame * 10;
            // Not the line's own edges: those are already trimmed.
            if (end - start >= MinimumPauseMs && runStart > 0 && frame < frames)
                silences.append({start, end});
            runStart = -1;
        }
    }
    return silences;
}

QList<TimeRange> subtract(const QList<TimeRange> &ranges, const QList<TimeRange> &holes)
{
    QList<TimeRange> result;
    for (const TimeRange &range : ranges) {
        QList<TimeRange> pieces{range};
        for (const TimeRange &hole : holes) {
            QList<TimeRange> next;
            for (const TimeRange &piece : pieces) {
                if (hole.endMs <= piece.startMs || hole.startMs >= piece.endMs) {
                    next.append(piece);
                    continue;
                }
                if (hole.startMs > piece.startMs)
                    next.append({piece.startMs, hole.startMs});
                if (hole.endMs < piece.endMs)
                    next.append({hole.endMs, piece.endMs});
            }
            pieces = next;
        }
        result.append(pieces);
    }
    return result;
}

} // namespace

qint64 Truth::speakingMs() const
{
    qint64 total = 0;
    for (const TimeRange &range : speech)
        total += range.durationMs();
    return total;
}

qint64 Truth::speakingSpanMs() const
{
    return speech.isEmpty() ? 0 : speech.constLast().endMs - speech.constFirst().startMs;
}

QString missingTools()
{
    QStringList missing;
    for (const QString &tool : {u"flite"_s, u"sox"_s}) {
        if (QStandardPaths::findExecutable(tool).isEmpty())
            missing.append(tool);
    }
    return missing.join(u", "_s);
}

QString scriptPath(const QString &name)
{
    return QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/analysis/") + name + u".txt"_s;
}

std::optional<Answer> render(const QString &script, const QString &folder, QString *error, const RenderOptions &options)
{
    QFile file(script);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error = u"cannot read %1"_s.arg(script);
        return std::nullopt;
    }
    QString voice = options.voice;
    std::vector<qint16> samples;
    Answer answer;
    QList<TimeRange> lines;
    QList<TimeRange> silences;
    QList<TimeRange> inserted;
    const QRegularExpression pause(u"^\\[pause ([0-9.]+)\\]$"_s);
    const QRegularExpression filler(u"^\\[filler ([a-z]+) ([0-9.]+)\\]$"_s);
    int index = 0;
    QTextStream stream(&file);
    while (!stream.atEnd()) {
        const QString line = stream.readLine().trimmed();
        if (line.startsWith(u"# voice:"_s) && voice.isEmpty())
            voice = line.mid(8).trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const qint64 startMs = samplesToMs(qint64(samples.size()));
        if (const auto match = pause.match(line); match.hasMatch()) {
            samples.insert(samples.end(), size_t(std::lround(match.captured(1).toDouble() * SampleRate)), 0);
            inserted.append({startMs, samplesToMs(qint64(samples.size()))});
            continue;
        }
        const auto fillerMatch = filler.match(line);
        const QString text = fillerMatch.hasMatch() ? fillerMatch.captured(1) : line;
        const double tempo = fillerMatch.hasMatch() ? fillerMatch.captured(2).toDouble() : 1.0;
        std::optional<std::vector<qint16>> spoken = speak(text, voice, tempo, folder, ++index, error);
        if (!spoken)
            return std::nullopt;
        silences.append(silencesWithin(*spoken, startMs));
        for (qint16 sample : *spoken)
            samples.push_back(qint16(std::clamp<long>(std::lround(sample * options.gain), -32768, 32767)));
        const TimeRange range{startMs, samplesToMs(qint64(samples.size()))};
        lines.append(range);
        if (fillerMatch.hasMatch())
            answer.truth.fillers.append(range);
        else
            answer.truth.words.append(normalizedWords(line));
    }
    answer.truth.durationMs = samplesToMs(qint64(samples.size()));
    answer.truth.speech = subtract(lines, silences);
    answer.truth.syllables = syllablesOf(answer.truth.words);
    // Pauses: what lies between the stretches of speech, at least 250 ms.
    for (qsizetype i = 1; i < answer.truth.speech.size(); ++i) {
        const TimeRange gap{answer.truth.speech[i - 1].endMs, answer.truth.speech[i].startMs};
        if (gap.durationMs() >= MinimumPauseMs)
            answer.truth.pauses.append(gap);
    }

    const QString base = QFileInfo(script).completeBaseName();
    answer.wavPath = u"%1/%2-%3.wav"_s.arg(folder, base, voice);
    if (options.noiseAmplitude <= 0) {
        if (!writeWav(answer.wavPath, samples))
            return std::nullopt;
        return answer;
    }
    const QString clean = folder + u"/clean.wav"_s;
    if (!writeWav(clean, samples)) {
        if (error)
            *error = u"cannot write %1"_s.arg(clean);
        return std::nullopt;
    }
    // sox -R: the same noise on every run, so a test sees the same audio each time.
    const QString noise = folder + u"/noise.wav"_s;
    const QString seconds = QString::number(double(samples.size()) / SampleRate, 'f', 4);
    const bool mixed = runTool(u"sox"_s,
                               {u"-R"_s, u"-n"_s, u"-r"_s, u"16000"_s, u"-c"_s, u"1"_s, u"-b"_s, u"16"_s, noise,
                                u"synth"_s, seconds, u"pinknoise"_s, u"vol"_s, QString::number(options.noiseAmplitude)},
                               error)
        && runTool(u"sox"_s,
                   {u"-R"_s, u"-D"_s, u"-m"_s, u"-v"_s, u"1"_s, clean, u"-v"_s, u"1"_s, noise, answer.wavPath}, error);
    QFile::remove(noise);
    QFile::remove(clean);
    if (!mixed)
        return std::nullopt;
    return answer;
}

QStringList normalizedWords(const QString &text)
{
    QString lower = text.toLower();
    lower.replace(u'-', u' ');
    lower.remove(QRegularExpression(u"[^a-z' ]"_s));
    return lower.split(u' ', Qt::SkipEmptyParts);
}

int syllablesOf(const QStringList &words)
{
    static const QHash<QString, int> dictionary = [] {
        QHash<QString, int> syllables;
        QFile file(Dictionary);
        if (!file.open(QIODevice::ReadOnly))
            return syllables;
        static const QList<QByteArray> vowels{"AA", "AE", "AH", "AO", "AW", "AY", "EH", "ER",
                                              "EY", "IH", "IY", "OW", "OY", "UH", "UW"};
        while (!file.atEnd()) {
            const QList<QByteArray> parts = file.readLine().trimmed().split(' ');
            if (parts.isEmpty() || parts[0].contains('('))
                continue; // the first pronunciation counts
            int count = 0;
            for (qsizetype i = 1; i < parts.size(); ++i)
                count += vowels.contains(parts[i]) ? 1 : 0;
            syllables.insert(QString::fromUtf8(parts[0]), count);
        }
        return syllables;
    }();
    int total = 0;
    for (const QString &word : words)
        total += dictionary.value(word, 0);
    return total;
}

bool writeWav(const QString &path, const std::vector<qint16> &samples, int sampleRate, int channels)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const qint64 bytes = qint64(samples.size()) * 2;
    file.write(MockLoop::Wav::canonicalHeader(MockLoop::PcmFormat{sampleRate, channels, 16}, bytes));
    return file.write(reinterpret_cast<const char *>(samples.data()), bytes) == bytes;
}

std::vector<qint16> readWav(const QString &path, int *sampleRate)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const std::optional<MockLoop::Wav::Layout> layout = MockLoop::Wav::readLayout(file, nullptr);
    if (!layout || layout->format.bitsPerSample != 16 || !file.seek(layout->dataOffset))
        return {};
    if (sampleRate)
        *sampleRate = layout->format.sampleRate;
    const QByteArray data = file.read(MockLoop::Wav::presentDataBytes(*layout, file.size()));
    std::vector<qint16> samples(size_t(data.size() / 2));
    std::memcpy(samples.data(), data.constData(), samples.size() * 2);
    return samples;
}

QList<ReadSpeech> libriVoxClips()
{
    QList<ReadSpeech> clips;
    QFile transcription(LibriVoxFolder + u"/transcription"_s);
    if (!transcription.open(QIODevice::ReadOnly | QIODevice::Text))
        return clips;
    // "<s> he was not an ill disposed young man </s> (sense_and_sensibility_01_austen_64kb-0880)"
    const QRegularExpression line(u"^<s> (.*) </s> \\((.*)\\)$"_s);
    while (!transcription.atEnd()) {
        const auto match = line.match(QString::fromUtf8(transcription.readLine()).trimmed());
        if (match.hasMatch())
            clips.append({LibriVoxFolder + u'/' + match.captured(2) + u".wav"_s, normalizedWords(match.captured(1))});
    }
    return clips;
}

} // namespace SpeechFixtures
