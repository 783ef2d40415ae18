#include "AnswerAssembler.h"

#include "Prosody.h"
#include "SpeechTimeline.h"
#include "TranscriptEvidence.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace MockLoop::AnswerAssembler {

namespace {

struct AssemblerText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::AnswerAnalysis)
};

constexpr double ClippedWarningPercent = 0.1;
constexpr double QuietSpeechDbfs = -38; // speech whose loud frames stay under this is very quiet
constexpr double NearlySilentDbfs = -50; // a take whose loudest moment is under this
constexpr qint64 MinimumRateSpanMs = 1000; // rates over less than a second mean nothing

double rounded(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

bool contains(const QList<TimeRange> &ranges, qint64 ms)
{
    return std::any_of(ranges.cbegin(), ranges.cend(),
                       [ms](const TimeRange &range) { return ms >= range.startMs && ms < range.endMs; });
}

// Likely fillers kept with their flag, weaker ones dropped; only words said within speech.
QList<RecognizedWord> keptWords(const QList<RecognizedWord> &recognized, const QList<TimeRange> &speech)
{
    QList<RecognizedWord> words;
    for (RecognizedWord word : recognized) {
        if (word.likelyFiller
            && (word.confidence < LikelyFillerConfidence || word.endMs - word.startMs < LikelyFillerMs))
            continue;
        if (!contains(speech, (word.startMs + word.endMs) / 2))
            continue;
        word.confidence = rounded(word.confidence, 3);
        words.append(word);
    }
    return words;
}

void addLevels(AnswerAnalysis &analysis, const AudioFindings &findings)
{
    const auto &frames = findings.frames;
    float peak = SpeechFrames::SilenceDb;
    for (const SpeechFrames::Features &frame : frames)
        peak = std::max(peak, frame.levelDb);
    qint64 clipped = 0;
    qint64 speechFrames = 0;
    for (const TimeRange &range : analysis.speech) {
        const auto end = std::min<qint64>(range.endMs / SpeechFrames::FrameMs, qint64(frames.size()));
        for (qint64 i = range.startMs / SpeechFrames::FrameMs; i < end; ++i) {
            clipped += frames[size_t(i)].clippedSamples;
            ++speechFrames;
        }
    }
    analysis.peakDbfs = rounded(peak, 1);
    analysis.clippedPercent = speechFrames > 0
        ? rounded(100.0 * double(clipped) / double(speechFrames * SpeechFrames::FrameSamples), 3)
        : 0;

    if (analysis.clippedPercent >= ClippedWarningPercent) {
        analysis.warnings.append(
            {AnalysisWarning::Kind::Clipped,
             AssemblerText::tr("The recording is clipped (too loud) in places: %1% of the speech is at full scale. "
                               "Lower the microphone's gain or move it further away; the transcript may be less "
                               "accurate.")
                 .arg(analysis.clippedPercent, 0, 'f', 1)});
    }
    if (analysis.speechFound && analysis.speechLevelDbfs < QuietSpeechDbfs) {
        analysis.warnings.append(
            {AnalysisWarning::Kind::VeryQuiet,
             AssemblerText::tr("The recording is very quiet (speech at %1 dBFS): raise the microphone's level. Words "
                               "may have been missed.")
                 .arg(analysis.speechLevelDbfs, 0, 'f', 0)});
    } else if (!analysis.speechFound && !frames.empty() && peak < NearlySilentDbfs) {
        analysis.warnings.append(
            {AnalysisWarning::Kind::VeryQuiet,
             AssemblerText::tr("The recording is nearly silent (its loudest moment is at %1 dBFS): check that the "
                               "microphone is connected and not muted.")
                 .arg(double(peak), 0, 'f', 0)});
    }
    if (findings.inputSampleRate < SpeechFrames::SampleRate) {
        analysis.warnings.append({AnalysisWarning::Kind::LowSampleRate,
                                  AssemblerText::tr("The recording's sample rate is %1 Hz; below 16000 Hz the "
                                                    "transcript is less accurate.")
                                      .arg(findings.inputSampleRate)});
    }
}

} // namespace

QList<PhaseTiming> phaseTimings(const AnswerContext &context, qint64 durationMs, const QList<TimeRange> &speech)
{
    QList<PhaseTiming> phases;
    QList<AnswerContext::PhaseMark> marks = context.phaseMarks;
    std::stable_sort(marks.begin(), marks.end(), [](const auto &a, const auto &b) { return a.startMs < b.startMs; });
    for (qsizetype i = 0; i < marks.size(); ++i) {
        const qint64 start = std::clamp<qint64>(marks[i].startMs, 0, durationMs);
        const qint64 end
            = i + 1 < marks.size() ? std::clamp<qint64>(marks[i + 1].startMs, start, durationMs) : durationMs;
        const TimeRange span{start, end};
        const qint64 length = span.durationMs() - SpeechTimeline::overlapMs(span, context.excluded);
        const qint64 speaking = SpeechTimeline::overlapMs(span, speech);
        auto phase = std::find_if(phases.begin(), phases.end(),
                                  [&](const PhaseTiming &timing) { return timing.phaseIndex == marks[i].phaseIndex; });
        if (phase == phases.end()) {
            PhaseTiming timing;
            timing.phaseIndex = marks[i].phaseIndex;
            timing.startMs = start;
            if (marks[i].phaseIndex >= 0 && marks[i].phaseIndex < context.phaseTargetSeconds.size())
                timing.targetMs = qint64(context.phaseTargetSeconds[marks[i].phaseIndex]) * 1000;
            phases.append(timing);
            phase = phases.end() - 1;
        }
        phase->durationMs += length;
        phase->speakingMs += speaking;
    }
    return phases;
}

AnswerAnalysis assemble(const AudioFindings &findings, const AnswerContext &context)
{
    AnswerAnalysis analysis;
    analysis.durationMs = qint64(findings.frames.size()) * SpeechFrames::FrameMs;
    QList<TimeRange> excluded;
    for (const TimeRange &range : context.excluded) {
        const TimeRange clamped{std::clamp<qint64>(range.startMs, 0, analysis.durationMs),
                                std::clamp<qint64>(range.endMs, 0, analysis.durationMs)};
        if (clamped.durationMs() > 0)
            excluded.append(clamped);
    }
    std::sort(excluded.begin(), excluded.end(),
              [](const TimeRange &a, const TimeRange &b) { return a.startMs < b.startMs; });
    analysis.excluded = excluded;
    analysis.analysedMs = analysis.durationMs - SpeechTimeline::overlapMs({0, analysis.durationMs}, excluded);

    const SpeechTimeline::Timeline timeline = SpeechTimeline::find(findings.frames, excluded);
    analysis.speech = timeline.speech;
    analysis.pauses = timeline.pauses;
    analysis.speechFound = !timeline.speech.isEmpty();
    analysis.speechLevelDbfs = analysis.speechFound ? rounded(timeline.speechLevelDb, 1) : SpeechFrames::SilenceDb;
    addLevels(analysis, findings);
    AnswerContext withClampedExclusions = context;
    withClampedExclusions.excluded = excluded;
    analysis.phases = phaseTimings(withClampedExclusions, analysis.durationMs, analysis.speech);
    if (!analysis.speechFound)
        return analysis;

    for (const TimeRange &range : analysis.speech)
        analysis.speakingMs += range.durationMs();
    const qint64 firstSpeech = analysis.speech.constFirst().startMs;
    qint64 silenceStart = 0;
    for (const TimeRange &range : excluded) {
        if (range.endMs <= firstSpeech)
            silenceStart = std::max(silenceStart, range.endMs);
    }
    analysis.silenceBeforeSpeech = TimeRange{silenceStart, firstSpeech};

    analysis.words = keptWords(findings.words, analysis.speech);
    int spokenWords = 0;
    int syllables = 0;
    for (const RecognizedWord &word : std::as_const(analysis.words)) {
        if (word.likelyFiller)
            continue;
        ++spokenWords;
        syllables += word.syllables;
    }
    const qint64 span = analysis.speakingSpanMs();
    if (span >= MinimumRateSpanMs) {
        analysis.wordsPerMinute = rounded(spokenWords * 60000.0 / double(span), 1);
        analysis.fillersPerMinute = rounded(analysis.likelyFillerCount() * 60000.0 / double(span), 2);
    }
    if (analysis.speakingMs >= MinimumRateSpanMs) {
        const double seconds = double(analysis.speakingMs) / 1000.0;
        analysis.articulationRate = rounded(syllables / seconds, 2);
        analysis.syllablesPerSecond
            = rounded(double(Prosody::syllableNuclei(findings.frames, analysis.speech).size()) / seconds, 2);
    }
    if (const std::optional<double> spread = Prosody::pitchSpreadSemitones(findings.frames, analysis.speech))
        analysis.pitchSpreadSemitones = rounded(*spread, 2);

    analysis.numbersHeard = TranscriptEvidence::numbers(analysis.words);
    analysis.audienceMentions = TranscriptEvidence::audienceMentions(analysis.words);
    analysis.firstPersonSingular = TranscriptEvidence::firstPersonSingular(analysis.words);
    analysis.firstPersonPlural = TranscriptEvidence::firstPersonPlural(analysis.words);
    analysis.hedges = TranscriptEvidence::hedges(analysis.words);
    return analysis;
}

} // namespace MockLoop::AnswerAssembler
