#pragma once

// What the speech benchmarks share: a source of speech (the flite answers of tests/data/analysis
// in every voice, joined) and answers of any length cut from it, repeated as needed.

#include "SpeechFixtures.h"

#include <QFile>
#include <QString>

#include <cstdio>
#include <vector>

namespace BenchSpeech {

inline constexpr int SampleRate = 16000;

// Every voice saying every script: about six and a half minutes of answers with pauses; empty
// (with the reason on stderr, after program) when flite or sox fails.
inline std::vector<qint16> speechSource(const QString &folder, const char *program)
{
    std::vector<qint16> source;
    for (const QString &script : {QStringLiteral("onboarding-answer"), QStringLiteral("release-answer")}) {
        for (const QString &voice :
             {QStringLiteral("slt"), QStringLiteral("rms"), QStringLiteral("awb"), QStringLiteral("kal16")}) {
            QString error;
            const auto answer = SpeechFixtures::render(SpeechFixtures::scriptPath(script), folder, &error, {voice});
            if (!answer) {
                std::fprintf(stderr, "%s: %s\n", program, qPrintable(error));
                return {};
            }
            const std::vector<qint16> samples = SpeechFixtures::readWav(answer->wavPath);
            source.insert(source.end(), samples.begin(), samples.end());
            QFile::remove(answer->wavPath);
        }
    }
    return source;
}

// minutes of speech from source, repeated from its start as often as needed.
inline std::vector<qint16> answerOf(const std::vector<qint16> &source, double minutes)
{
    const auto length = size_t(minutes * 60 * SampleRate);
    std::vector<qint16> samples(length);
    for (size_t i = 0; i < length; ++i)
        samples[i] = source[i % source.size()];
    return samples;
}

} // namespace BenchSpeech
