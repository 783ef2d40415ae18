// Accuracy of the speech analysis, against the truth of answers made with flite (every voice, the
// scripts in tests/data/analysis, quiet room noise and, with --noisy, loud noise too) and the
// LibriVox read speech of pocketsphinx-testdata:
//
//   build/release/tests/bench/analysis_accuracy_bench [--noisy] [--keep FOLDER]
//
// Prints, for each answer and overall: pauses of 0.5 s or more found with both edges within 0.1 s
// (recall; target >= 95%), speaking time, words per minute, articulation rate and the
// transcript-free syllable rate against the truth (targets: speaking time within 3%, pace within
// 10%), word error rate (targets: <= 25% on flite, <= 35% on LibriVox) and likely fillers
// (precision target >= 0.7; recall is printed for information). As a reference measured in the
// same run, the word error rate of pocketsphinx's own pocketsphinx_continuous on the same files.

#include "AccuracyMeasures.h"
#include "SpeechFixtures.h"
#include "analysis/Analysis.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// pocketsphinx_continuous -infile: its transcript of the file, the reference recogniser.
QStringList continuousTranscript(const QString &wav)
{
    QProcess process;
    process.start(u"pocketsphinx_continuous"_s, {u"-infile"_s, wav, u"-logfn"_s, u"/dev/null"_s});
    if (!process.waitForFinished(600000))
        return {};
    return SpeechFixtures::normalizedWords(QString::fromUtf8(process.readAllStandardOutput()));
}

struct Totals
{
    AccuracyMeasures::PauseMatch pauses;
    AccuracyMeasures::WordErrors words;
    AccuracyMeasures::WordErrors referenceWords;
    AccuracyMeasures::FillerMatch fillers;
    double worstSpeaking = 0;
    double worstPace = 0;
    double worstArticulation = 0;
    double worstSyllables = 0;
};

double worse(double worst, double error)
{
    return std::abs(error) > std::abs(worst) ? error : worst;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    const QStringList arguments = application.arguments();
    const bool noisy = arguments.contains(u"--noisy"_s);
    QTemporaryDir temporary;
    QString folder = temporary.path();
    if (const qsizetype keep = arguments.indexOf(u"--keep"_s); keep > 0 && keep + 1 < arguments.size())
        folder = arguments[keep + 1];

    if (const QString missing = SpeechFixtures::missingTools(); !missing.isEmpty()) {
        std::fprintf(stderr, "analysis_accuracy_bench: needs %s\n", qPrintable(missing));
        return 1;
    }
    const std::shared_ptr<SpeechModel> model = SpeechModel::shared();
    if (const std::optional<AnalysisError> problem = model->load()) {
        std::fprintf(stderr, "analysis_accuracy_bench: %s\n", qPrintable(problem->message));
        return 1;
    }

    std::printf("%-34s %7s %7s %7s %7s %7s %7s %7s %8s\n", "answer", "pauses", "edge", "speak", "wpm", "artic", "syll",
                "WER", "fillers");
    std::printf("%-34s %7s %7s %7s %7s %7s %7s %7s %8s\n", "", "found", "mean ms", "err %", "err %", "err %", "err %",
                "(ps_c)", "ok/flag");
    Totals totals;
    QList<double> noiseLevels{0.003};
    if (noisy)
        noiseLevels.append(0.02);
    for (const QString &script : {u"onboarding-answer"_s, u"release-answer"_s}) {
        for (const QString &voice : {u"slt"_s, u"rms"_s, u"awb"_s, u"kal16"_s}) {
            for (double noise : noiseLevels) {
                QString error;
                const std::optional<SpeechFixtures::Answer> answer
                    = SpeechFixtures::render(SpeechFixtures::scriptPath(script), folder, &error, {voice, noise, 1.0});
                if (!answer) {
                    std::fprintf(stderr, "analysis_accuracy_bench: %s\n", qPrintable(error));
                    return 1;
                }
                const Expected<AnswerAnalysis> analysis = analyzeFile(answer->wavPath, *model);
                if (!analysis) {
                    std::fprintf(stderr, "analysis_accuracy_bench: %s\n", qPrintable(analysis.error().message));
                    return 1;
                }
                const SpeechFixtures::Truth &truth = answer->truth;
                const auto pauses = AccuracyMeasures::matchPauses(truth.pauses, analysis->pauses);
                const auto words = AccuracyMeasures::wordErrors(truth.words, AccuracyMeasures::spokenWords(*analysis));
                const auto reference = AccuracyMeasures::wordErrors(truth.words, continuousTranscript(answer->wavPath));
                const auto fillers = AccuracyMeasures::matchFillers(truth.fillers, analysis->words);
                const double speaking
                    = AccuracyMeasures::percentError(double(analysis->speakingMs), double(truth.speakingMs()));
                const double truthPace = truth.words.size() * 60000.0 / double(truth.speakingSpanMs());
                const double pace = AccuracyMeasures::percentError(analysis->wordsPerMinute.value_or(0), truthPace);
                const double truthArticulation = truth.syllables * 1000.0 / double(truth.speakingMs());
                const double articulation
                    = AccuracyMeasures::percentError(analysis->articulationRate.value_or(0), truthArticulation);
                const double syllables
                    = AccuracyMeasures::percentError(analysis->syllablesPerSecond.value_or(0), truthArticulation);
                const QString name = u"%1 %2%3"_s.arg(script, voice, noise > 0.01 ? u" noisy"_s : QString());
                std::printf("%-34s %3d/%-3d %7.0f %+7.1f %+7.1f %+7.1f %+7.1f %3.0f(%2.0f)%% %3d/%d of %d\n",
                            qPrintable(name), pauses.found, pauses.truthPauses, pauses.meanEdgeErrorMs, speaking, pace,
                            articulation, syllables, words.rate() * 100, reference.rate() * 100, fillers.correct,
                            fillers.flagged, fillers.truthFillers);
                totals.pauses += pauses;
                totals.words += words;
                totals.referenceWords += reference;
                totals.fillers += fillers;
                totals.worstSpeaking = worse(totals.worstSpeaking, speaking);
                totals.worstPace = worse(totals.worstPace, pace);
                totals.worstArticulation = worse(totals.worstArticulation, articulation);
                totals.worstSyllables = worse(totals.worstSyllables, syllables);
            }
        }
    }

    AccuracyMeasures::WordErrors libri;
    AccuracyMeasures::WordErrors libriReference;
    for (const SpeechFixtures::ReadSpeech &clip : SpeechFixtures::libriVoxClips()) {
        const Expected<AnswerAnalysis> analysis = analyzeFile(clip.wavPath, *model);
        if (!analysis)
            continue;
        libri += AccuracyMeasures::wordErrors(clip.words, AccuracyMeasures::spokenWords(*analysis));
        libriReference += AccuracyMeasures::wordErrors(clip.words, continuousTranscript(clip.wavPath));
    }

    const auto &f = totals.fillers;
    std::printf("\nflite answers, overall (targets in brackets):\n");
    std::printf("  pauses >= 0.5 s found, edges within 0.1 s: %d of %d = %.1f%% (>= 95%%); mean edge error %.0f ms, "
                "worst %.0f ms\n",
                totals.pauses.found, totals.pauses.truthPauses, totals.pauses.recall() * 100,
                totals.pauses.meanEdgeErrorMs, totals.pauses.worstEdgeErrorMs);
    std::printf("  speaking time: worst error %+.1f%% (within 3%%)\n", totals.worstSpeaking);
    std::printf("  words per minute: worst error %+.1f%% (within 10%%)\n", totals.worstPace);
    std::printf("  articulation rate (transcript syllables): worst error %+.1f%% (within 10%%)\n",
                totals.worstArticulation);
    std::printf("  syllable rate without the transcript: worst error %+.1f%% (cross-check, no target)\n",
                totals.worstSyllables);
    std::printf("  word error rate: %.1f%% (<= 25%%); pocketsphinx_continuous on the same files: %.1f%%\n",
                totals.words.rate() * 100, totals.referenceWords.rate() * 100);
    std::printf("  likely fillers: precision %d/%d = %.2f (>= 0.7); recall %d/%d = %.2f\n", f.correct, f.flagged,
                f.flagged > 0 ? double(f.correct) / f.flagged : 0.0, f.found, f.truthFillers,
                f.truthFillers > 0 ? double(f.found) / f.truthFillers : 0.0);
    std::printf("LibriVox read speech (%d words): word error rate %.1f%% (<= 35%%); pocketsphinx_continuous %.1f%%\n",
                libri.referenceWords, libri.rate() * 100, libriReference.rate() * 100);
    return 0;
}
