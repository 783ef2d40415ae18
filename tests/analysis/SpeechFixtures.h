#pragma once

#include "analysis/AnswerAnalysis.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

// Test audio with a known truth: scripted answers (tests/data/analysis/*.txt, see its README)
// spoken by Debian's flite, trimmed and stretched with sox, joined with exact pauses and quiet room
// noise. Shared by the analysis tests and benchmarks.
namespace SpeechFixtures {

struct Truth
{
    QStringList words; // what is said, fillers left out, lower case, as the recogniser spells it
    int syllables = 0; // of words, from the pronouncing dictionary
    QList<MockLoop::TimeRange> speech; // where a voice is heard (fillers included)
    QList<MockLoop::TimeRange> pauses; // silences of 250 ms or more between speech
    QList<MockLoop::TimeRange> fillers;
    qint64 durationMs = 0;

    qint64 speakingMs() const;
    qint64 speakingSpanMs() const; // first speech to last
};

struct Answer
{
    QString wavPath;
    Truth truth;
};

struct RenderOptions
{
    QString voice; // empty: the script's own
    double noiseAmplitude = 0.003; // of the pink noise, as sox's vol (0.003: about -64 dBFS)
    double gain = 1.0; // applied to the voice (not the noise) before it is clipped to 16 bits
};

// What is missing to render answers here (flite, sox), or nothing.
QString missingTools();

// The script's path in the source tree.
QString scriptPath(const QString &name);

// Renders script into folder (as <script>-<voice>.wav); nothing, with the reason in error, when a
// tool fails.
std::optional<Answer> render(const QString &script, const QString &folder, QString *error,
                             const RenderOptions &options = {});

// Lower-case words without punctuation, as the recogniser spells them ("trade off" from "trade-off").
QStringList normalizedWords(const QString &text);

// Syllables of the words in the model's pronouncing dictionary (vowel phones), 0 for unknown ones.
int syllablesOf(const QStringList &words);

// 16-bit PCM WAV files.
bool writeWav(const QString &path, const std::vector<qint16> &samples, int sampleRate = 16000, int channels = 1);
std::vector<qint16> readWav(const QString &path, int *sampleRate = nullptr);

// LibriVox read speech with its transcript, from pocketsphinx-testdata.
struct ReadSpeech
{
    QString wavPath;
    QStringList words;
};
QList<ReadSpeech> libriVoxClips(); // empty when the package is not installed

} // namespace SpeechFixtures
