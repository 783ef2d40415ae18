#include "analysis/AnswerAssembler.h"
#include "analysis/TranscriptEvidence.h"

#include <QJsonArray>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// Words 400 ms apart, each 300 ms long, from the text.
QList<RecognizedWord> wordsOf(const QString &text, qint64 startMs = 0)
{
    QList<RecognizedWord> words;
    qint64 at = startMs;
    for (const QString &word : text.split(u' ', Qt::SkipEmptyParts)) {
        RecognizedWord recognized;
        recognized.text = word;
        recognized.startMs = at;
        recognized.endMs = at + 300;
        recognized.confidence = 0.9;
        recognized.syllables = 1;
        recognized.likelyFiller = word == u"um" || word == u"uh";
        words.append(recognized);
        at += 400;
    }
    return words;
}

QStringList texts(const QList<EvidenceItem> &items)
{
    QStringList result;
    for (const EvidenceItem &item : items)
        result.append(item.value.isEmpty() ? item.text : item.text + u" = "_s + item.value);
    return result;
}

// Findings as the audio pipeline would give them: voiced, loud frames over the given stretches,
// quiet noise elsewhere.
AudioFindings findingsWithSpeech(qint64 durationMs, const QList<TimeRange> &speech)
{
    AudioFindings findings;
    findings.frames.resize(size_t(durationMs / 10));
    for (size_t i = 0; i < findings.frames.size(); ++i)
        findings.frames[i].levelDb = -65;
    for (const TimeRange &range : speech) {
        for (qint64 ms = range.startMs; ms < range.endMs; ms += 10) {
            SpeechFrames::Features &frame = findings.frames[size_t(ms / 10)];
            frame.voiceActivity = true;
            // Syllable-like: 4 dB up and down every 100 ms, voiced at 150 Hz.
            frame.levelDb = (ms / 100) % 2 == 0 ? -16.f : -22.f;
            frame.pitchHz = 150;
            frame.pitchConfidence = 230;
        }
    }
    return findings;
}

} // namespace

// What the analysis reads into a transcript, and how it assembles the result: pure functions fed
// with made-up words and frames, so each rule is checked on its own (no audio, no model).
class AnswerEvidenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void numbers_spokenForms_giveValuesAndTimes();
    void numbers_loneOne_isNotANumber();
    void hedges_phrases_butNotNounUses();
    void ownershipAndAudience_countedWithTimes();
    void phrases_matchAcrossFillers();
    void phaseTimings_sumRevisitsAgainstTargets();
    void excludedTime_holdsNoSpeechPausesOrWords();
    void silenceBeforeSpeech_startsAfterAnExcludedQuestion();
    void likelyFillers_weakOnesDropped();
    void noSpeech_givesEmptyFigures();
    void json_roundTrips_withTheDocumentedFields();
    void json_badInput_saysWhichField();
};

void AnswerEvidenceTest::numbers_spokenForms_giveValuesAndTimes()
{
    const QList<RecognizedWord> words = wordsOf(u"we cut it by forty percent in two hundred and fifty days with three "
                                                u"point five engineers for a thousand members and half the cost "
                                                u"twenty twenty three"_s);
    const QList<EvidenceItem> numbers = TranscriptEvidence::numbers(words);
    QCOMPARE(texts(numbers),
             QStringList({u"forty percent = 40%"_s, u"two hundred and fifty = 250"_s, u"three point five = 3.5"_s,
                          u"a thousand = 1000"_s, u"half = 1/2"_s, u"twenty = 20"_s, u"twenty three = 23"_s}));
    // Where "forty percent" was said: from "forty" (the fifth word) to the end of "percent".
    QCOMPARE(numbers[0].startMs, 4 * 400);
    QCOMPARE(numbers[0].endMs, 5 * 400 + 300);
}

void AnswerEvidenceTest::numbers_loneOne_isNotANumber()
{
    const QList<EvidenceItem> numbers
        = TranscriptEvidence::numbers(wordsOf(u"no one knew and one of them said one percent"_s));
    QCOMPARE(texts(numbers), QStringList({u"one percent = 1%"_s}));
}

void AnswerEvidenceTest::hedges_phrases_butNotNounUses()
{
    const QList<EvidenceItem> hedges = TranscriptEvidence::hedges(
        wordsOf(u"i think we should kind of wait but this kind of system is probably a little bit slow and what sort "
                u"of fix is maybe fine"_s));
    QCOMPARE(texts(hedges), QStringList({u"i think"_s, u"kind of"_s, u"probably"_s, u"a little bit"_s, u"maybe"_s}));
}

void AnswerEvidenceTest::ownershipAndAudience_countedWithTimes()
{
    const QList<RecognizedWord> words
        = wordsOf(u"i decided and we shipped it to our members and my customers while users waited for us"_s);
    QCOMPARE(texts(TranscriptEvidence::firstPersonSingular(words)), QStringList({u"i"_s, u"my"_s}));
    QCOMPARE(texts(TranscriptEvidence::firstPersonPlural(words)), QStringList({u"we"_s, u"our"_s, u"us"_s}));
    const QList<EvidenceItem> audience = TranscriptEvidence::audienceMentions(words);
    QCOMPARE(texts(audience), QStringList({u"members"_s, u"customers"_s, u"users"_s}));
    QCOMPARE(audience[0].startMs, 8 * 400);
}

void AnswerEvidenceTest::phrases_matchAcrossFillers()
{
    const QList<RecognizedWord> words = wordsOf(u"i um think it was forty uh percent"_s);
    QCOMPARE(texts(TranscriptEvidence::hedges(words)), QStringList({u"i think"_s}));
    QCOMPARE(texts(TranscriptEvidence::numbers(words)), QStringList({u"forty percent = 40%"_s}));
}

void AnswerEvidenceTest::phaseTimings_sumRevisitsAgainstTargets()
{
    AnswerContext context;
    context.phaseMarks = {{0, 0}, {1, 10000}, {2, 30000}, {1, 40000}};
    context.phaseTargetSeconds = {30, 60};
    context.excluded = {{32000, 34000}};
    const QList<TimeRange> speech{{1000, 9000}, {12000, 38000}, {41000, 45000}};
    const QList<PhaseTiming> phases = AnswerAssembler::phaseTimings(context, 50000, speech);
    QCOMPARE(phases.size(), 3);
    QCOMPARE(phases[0].phaseIndex, 0);
    QCOMPARE(phases[0].durationMs, 10000);
    QCOMPARE(phases[0].speakingMs, 8000);
    QCOMPARE(phases[0].targetMs, std::optional<qint64>(30000));
    // Phase 1 twice: 10-30 s and 40-50 s.
    QCOMPARE(phases[1].phaseIndex, 1);
    QCOMPARE(phases[1].startMs, 10000);
    QCOMPARE(phases[1].durationMs, 30000);
    QCOMPARE(phases[1].speakingMs, 18000 + 4000);
    // Phase 2 has no target; its 2 s of excluded time are not its own.
    QCOMPARE(phases[2].durationMs, 8000);
    QCOMPARE(phases[2].targetMs, std::nullopt);
}

void AnswerEvidenceTest::excludedTime_holdsNoSpeechPausesOrWords()
{
    AudioFindings findings = findingsWithSpeech(12000, {{1000, 3000}, {5000, 7000}, {9000, 11000}});
    findings.words = wordsOf(u"before"_s, 1500) + wordsOf(u"interviewer"_s, 6000) + wordsOf(u"after"_s, 9500);
    AnswerContext context;
    context.excluded = {{4500, 7500}};
    const AnswerAnalysis analysis = AnswerAssembler::assemble(findings, context);
    QCOMPARE(analysis.speech, QList<TimeRange>({{1000, 3000}, {9000, 11000}}));
    QCOMPARE(analysis.pauses, QList<TimeRange>({{3000, 4500}, {7500, 9000}}));
    QCOMPARE(analysis.speakingMs, 4000);
    QCOMPARE(analysis.transcript(), u"before after"_s);
    QCOMPARE(analysis.analysedMs, 12000 - 3000);
    QCOMPARE(analysis.speakingSpanMs(), 10000 - 3000);
}

void AnswerEvidenceTest::silenceBeforeSpeech_startsAfterAnExcludedQuestion()
{
    AnswerContext context;
    context.excluded = {{0, 2000}};
    const AnswerAnalysis analysis = AnswerAssembler::assemble(findingsWithSpeech(6000, {{3500, 5500}}), context);
    QCOMPARE(analysis.silenceBeforeSpeech, std::optional<TimeRange>(TimeRange{2000, 3500}));
}

void AnswerEvidenceTest::likelyFillers_weakOnesDropped()
{
    AudioFindings findings = findingsWithSpeech(4000, {{0, 4000}});
    findings.words = wordsOf(u"so um we uh did um it"_s);
    findings.words[1].confidence = 0.6; // a likely "um", 300 ms
    findings.words[3].confidence = 0.05; // too unsure
    findings.words[5].endMs = findings.words[5].startMs + 120; // too short
    const AnswerAnalysis analysis = AnswerAssembler::assemble(findings, {});
    QCOMPARE(analysis.transcript(), u"so um we did it"_s);
    QCOMPARE(analysis.likelyFillerCount(), 1);
    QVERIFY(analysis.words[1].likelyFiller);
    QCOMPARE(analysis.fillersPerMinute, std::optional<double>(15.0));
}

void AnswerEvidenceTest::noSpeech_givesEmptyFigures()
{
    const AnswerAnalysis analysis = AnswerAssembler::assemble(findingsWithSpeech(5000, {}), {});
    QVERIFY(!analysis.speechFound);
    QCOMPARE(analysis.durationMs, 5000);
    QCOMPARE(analysis.speakingMs, 0);
    QVERIFY(analysis.words.isEmpty());
    QCOMPARE(analysis.wordsPerMinute, std::nullopt);
    const QJsonObject json = analysis.toJson();
    QVERIFY(json.value(u"wordsPerMinute"_s).isNull());
    QCOMPARE(json.value(u"speechFound"_s).toBool(true), false);
    QCOMPARE(json.value(u"transcript"_s).toString(u"?"_s), QString());
}

void AnswerEvidenceTest::json_roundTrips_withTheDocumentedFields()
{
    AudioFindings findings = findingsWithSpeech(20000, {{1200, 6000}, {7000, 15000}});
    findings.words
        = wordsOf(u"we cut um costs by forty percent"_s, 1300) + wordsOf(u"i think members liked it"_s, 7100);
    findings.words[2].confidence = 0.5;
    findings.inputSampleRate = 8000;
    AnswerContext context;
    context.phaseMarks = {{0, 0}, {1, 6500}};
    context.phaseTargetSeconds = {30, 60};
    context.excluded = {{16000, 18000}};
    AnswerAnalysis analysis = AnswerAssembler::assemble(findings, context);
    analysis.file = u"/takes/01-question.wav"_s;
    QVERIFY(!analysis.warnings.isEmpty()); // the low sample rate

    const QJsonObject json = analysis.toJson();
    // The fields README documents for scripts, with their types.
    QCOMPARE(json.value(u"formatVersion"_s).toInt(), AnswerAnalysis::FormatVersion);
    QCOMPARE(json.value(u"file"_s).toString(), analysis.file);
    for (const QString &integer : {u"durationMs"_s, u"speakingMs"_s})
        QVERIFY2(json.value(integer).isDouble(), qPrintable(integer));
    for (const QString &rate : {u"wordsPerMinute"_s, u"articulationRate"_s, u"syllablesPerSecond"_s,
                                u"pitchSpreadSemitones"_s, u"fillersPerMinute"_s})
        QVERIFY2(json.value(rate).isDouble(), qPrintable(rate));
    QCOMPARE(json.value(u"transcript"_s).toString(), u"we cut um costs by forty percent i think members liked it"_s);
    const QJsonObject word = json.value(u"words"_s).toArray().at(2).toObject();
    QCOMPARE(word.value(u"text"_s).toString(), u"um"_s);
    QCOMPARE(word.value(u"filler"_s).toBool(), true);
    QVERIFY(word.value(u"startMs"_s).isDouble() && word.value(u"endMs"_s).isDouble());
    QCOMPARE(word.value(u"confidence"_s).toDouble(), 0.5);
    const QJsonObject pause = json.value(u"pauses"_s).toArray().at(0).toObject();
    QCOMPARE(pause.value(u"startMs"_s).toInteger(), 6000);
    QCOMPARE(pause.value(u"endMs"_s).toInteger(), 7000);
    const QJsonObject number = json.value(u"numbersHeard"_s).toArray().at(0).toObject();
    QCOMPARE(number.value(u"text"_s).toString(), u"forty percent"_s);
    QCOMPARE(number.value(u"startMs"_s).toInteger(), 1300 + 5 * 400);

    const Expected<AnswerAnalysis> back = AnswerAnalysis::fromJson(json);
    QVERIFY2(back.ok(), back.ok() ? "" : qPrintable(back.error().message));
    QCOMPARE(*back, analysis);
}

void AnswerEvidenceTest::json_badInput_saysWhichField()
{
    const QJsonObject good = AnswerAssembler::assemble(findingsWithSpeech(3000, {{500, 2500}}), {}).toJson();

    const Expected<AnswerAnalysis> noVersion = AnswerAnalysis::fromJson({});
    QVERIFY(!noVersion.ok());
    QCOMPARE(noVersion.error().kind, AnalysisError::Kind::StoredAnalysisUnreadable);
    QVERIFY2(noVersion.error().message.contains(u"formatVersion"_s), qPrintable(noVersion.error().message));

    QJsonObject newer = good;
    newer.insert(u"formatVersion"_s, AnswerAnalysis::FormatVersion + 1);
    const Expected<AnswerAnalysis> fromTheFuture = AnswerAnalysis::fromJson(newer);
    QVERIFY(!fromTheFuture.ok());
    QVERIFY2(fromTheFuture.error().message.contains(u"newer MockLoop"_s), qPrintable(fromTheFuture.error().message));

    QJsonObject broken = good;
    QJsonArray pauses{QJsonObject{{u"startMs"_s, u"soon"_s}, {u"endMs"_s, 5}}};
    broken.insert(u"pauses"_s, pauses);
    const Expected<AnswerAnalysis> wrongType = AnswerAnalysis::fromJson(broken);
    QVERIFY(!wrongType.ok());
    QVERIFY2(wrongType.error().message.contains(u"“pauses[0].startMs”"_s), qPrintable(wrongType.error().message));
}

QTEST_GUILESS_MAIN(AnswerEvidenceTest)
#include "answer_evidence_test.moc"
