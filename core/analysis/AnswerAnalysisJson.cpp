// The JSON form of AnswerAnalysis: what `mockloop --analyze --json` prints and the practice library
// stores. The layout is documented in README ("Analysing a recording"); keep the two in step and
// bump AnswerAnalysis::FormatVersion when a field changes meaning or goes away.
#include "AnswerAnalysis.h"
#include "common/JsonNumbers.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <functional>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct JsonText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::AnswerAnalysis)
};

constexpr qint64 LongPauseMs = 2000;

QJsonValue optionalNumber(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonObject rangeToJson(const TimeRange &range)
{
    return {{u"startMs"_s, range.startMs}, {u"endMs"_s, range.endMs}};
}

QJsonArray rangesToJson(const QList<TimeRange> &ranges)
{
    QJsonArray array;
    for (const TimeRange &range : ranges)
        array.append(rangeToJson(range));
    return array;
}

QJsonArray evidenceToJson(const QList<EvidenceItem> &items)
{
    QJsonArray array;
    for (const EvidenceItem &item : items) {
        QJsonObject object{{u"text"_s, item.text}, {u"startMs"_s, item.startMs}, {u"endMs"_s, item.endMs}};
        if (!item.value.isEmpty())
            object.insert(u"value"_s, item.value);
        array.append(object);
    }
    return array;
}

QString warningKindName(AnalysisWarning::Kind kind)
{
    switch (kind) {
    case AnalysisWarning::Kind::Clipped:
        return u"clipped"_s;
    case AnalysisWarning::Kind::VeryQuiet:
        return u"veryQuiet"_s;
    case AnalysisWarning::Kind::Truncated:
        return u"truncated"_s;
    case AnalysisWarning::Kind::LowSampleRate:
        return u"lowSampleRate"_s;
    }
    return {};
}

QString errorKindName(AnalysisError::Kind kind)
{
    switch (kind) {
    case AnalysisError::Kind::ModelMissing:
        return u"modelMissing"_s;
    case AnalysisError::Kind::ModelBroken:
        return u"modelBroken"_s;
    case AnalysisError::Kind::FileUnreadable:
        return u"fileUnreadable"_s;
    case AnalysisError::Kind::FileNotAudio:
        return u"fileNotAudio"_s;
    case AnalysisError::Kind::Cancelled:
        return u"cancelled"_s;
    case AnalysisError::Kind::StreamIncomplete:
        return u"streamIncomplete"_s;
    case AnalysisError::Kind::StoredAnalysisUnreadable:
        return u"storedAnalysisUnreadable"_s;
    }
    return {};
}

// Reading: every field is checked for its type; the first problem ends the read with its name.
class Reader
{
public:
    explicit Reader(const QJsonObject &object)
        : m_object(object)
    { }

    bool failed() const { return !m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

    qint64 integer(const QJsonObject &object, const QString &key, const QString &where)
    {
        const std::optional<qint64> number = wholeNumberOf(object.value(key));
        if (!number) {
            fail(where + key);
            return 0;
        }
        return *number;
    }

    std::optional<double> optionalNumber(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isNull() || value.isUndefined())
            return std::nullopt;
        if (!value.isDouble())
            fail(key);
        return value.toDouble();
    }

    double number(const QJsonObject &object, const QString &key, const QString &where)
    {
        const QJsonValue value = object.value(key);
        if (!value.isDouble())
            fail(where + key);
        return value.toDouble();
    }

    QString text(const QJsonObject &object, const QString &key, const QString &where)
    {
        const QJsonValue value = object.value(key);
        if (!value.isString())
            fail(where + key);
        return value.toString();
    }

    // Each element of the array at key, as an object, with its place for messages ("words[3].").
    void forEach(const QString &key, const std::function<void(const QJsonObject &, const QString &)> &read)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return; // an older format without it
        if (!value.isArray()) {
            fail(key);
            return;
        }
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size() && !failed(); ++i) {
            const QString where = u"%1[%2]."_s.arg(key).arg(i);
            if (!array.at(i).isObject()) {
                fail(where.chopped(1));
                return;
            }
            read(array.at(i).toObject(), where);
        }
    }

    QList<TimeRange> ranges(const QString &key)
    {
        QList<TimeRange> result;
        forEach(key, [&](const QJsonObject &object, const QString &where) {
            result.append({integer(object, u"startMs"_s, where), integer(object, u"endMs"_s, where)});
        });
        return result;
    }

    QList<EvidenceItem> evidence(const QString &key)
    {
        QList<EvidenceItem> result;
        forEach(key, [&](const QJsonObject &object, const QString &where) {
            result.append({text(object, u"text"_s, where), integer(object, u"startMs"_s, where),
                           integer(object, u"endMs"_s, where), object.value(u"value"_s).toString()});
        });
        return result;
    }

    void fail(const QString &field)
    {
        if (m_problem.isEmpty())
            m_problem = field;
    }

private:
    const QJsonObject &m_object;
    QString m_problem;
};

} // namespace

QJsonObject AnswerAnalysis::toJson() const
{
    QJsonArray wordArray;
    for (const RecognizedWord &word : words) {
        wordArray.append(QJsonObject{{u"text"_s, word.text},
                                     {u"startMs"_s, word.startMs},
                                     {u"endMs"_s, word.endMs},
                                     {u"confidence"_s, word.confidence},
                                     {u"filler"_s, word.likelyFiller},
                                     {u"syllables"_s, word.syllables}});
    }
    QJsonArray phaseArray;
    for (const PhaseTiming &phase : phases) {
        phaseArray.append(
            QJsonObject{{u"phaseIndex"_s, phase.phaseIndex},
                        {u"startMs"_s, phase.startMs},
                        {u"durationMs"_s, phase.durationMs},
                        {u"speakingMs"_s, phase.speakingMs},
                        {u"targetMs"_s, phase.targetMs ? QJsonValue(*phase.targetMs) : QJsonValue(QJsonValue::Null)}});
    }
    QJsonArray warningArray;
    for (const AnalysisWarning &warning : warnings)
        warningArray.append(QJsonObject{{u"kind"_s, warningKindName(warning.kind)}, {u"message"_s, warning.message}});

    QJsonObject object{
        {u"formatVersion"_s, FormatVersion},
        {u"analyzerVersion"_s, analyzerVersion},
        {u"file"_s, file},
        {u"durationMs"_s, durationMs},
        {u"analysedMs"_s, analysedMs},
        {u"speechFound"_s, speechFound},
        {u"speakingMs"_s, speakingMs},
        {u"speakingSpanMs"_s, speakingSpanMs()},
        {u"speech"_s, rangesToJson(speech)},
        {u"pauses"_s, rangesToJson(pauses)},
        {u"longestPauseMs"_s, longestPauseMs()},
        {u"pausesOver2s"_s, pausesLongerThan(LongPauseMs)},
        {u"silenceBeforeSpeech"_s,
         silenceBeforeSpeech ? QJsonValue(rangeToJson(*silenceBeforeSpeech)) : QJsonValue(QJsonValue::Null)},
        {u"wordsPerMinute"_s, optionalNumber(wordsPerMinute)},
        {u"articulationRate"_s, optionalNumber(articulationRate)},
        {u"syllablesPerSecond"_s, optionalNumber(syllablesPerSecond)},
        {u"pitchSpreadSemitones"_s, optionalNumber(pitchSpreadSemitones)},
        {u"fillersPerMinute"_s, optionalNumber(fillersPerMinute)},
        {u"likelyFillers"_s, likelyFillerCount()},
        {u"transcript"_s, transcript()},
        {u"transcriptIsApproximate"_s, true},
        {u"words"_s, wordArray},
        {u"numbersHeard"_s, evidenceToJson(numbersHeard)},
        {u"audienceMentions"_s, evidenceToJson(audienceMentions)},
        {u"firstPersonSingular"_s, evidenceToJson(firstPersonSingular)},
        {u"firstPersonPlural"_s, evidenceToJson(firstPersonPlural)},
        {u"hedges"_s, evidenceToJson(hedges)},
        {u"phases"_s, phaseArray},
        {u"excluded"_s, rangesToJson(excluded)},
        {u"level"_s,
         QJsonObject{{u"peakDbfs"_s, peakDbfs},
                     {u"speechLevelDbfs"_s, speechLevelDbfs},
                     {u"clippedPercent"_s, clippedPercent}}},
        {u"warnings"_s, warningArray},
    };
    return object;
}

QJsonObject AnswerAnalysis::failureToJson(const QString &file, const AnalysisError &error)
{
    return {{u"formatVersion"_s, FormatVersion},
            {u"file"_s, file},
            {u"error"_s, errorKindName(error.kind)},
            {u"message"_s, error.message}};
}

Expected<AnswerAnalysis> AnswerAnalysis::fromJson(const QJsonObject &object)
{
    const auto invalid = [](const QString &why) {
        return AnalysisError{AnalysisError::Kind::StoredAnalysisUnreadable,
                             JsonText::tr("The stored analysis cannot be read: %1. Analyse the take again.").arg(why)};
    };
    const int format = object.value(u"formatVersion"_s).toInt(0);
    if (format < 1)
        return invalid(JsonText::tr("it has no formatVersion"));
    if (format > FormatVersion)
        return invalid(JsonText::tr("it was written by a newer MockLoop (format %1; this one reads up to %2)")
                           .arg(format)
                           .arg(FormatVersion));

    Reader reader(object);
    AnswerAnalysis analysis;
    analysis.analyzerVersion = int(reader.integer(object, u"analyzerVersion"_s, {}));
    analysis.file = object.value(u"file"_s).toString();
    analysis.durationMs = reader.integer(object, u"durationMs"_s, {});
    analysis.analysedMs = reader.integer(object, u"analysedMs"_s, {});
    if (!object.value(u"speechFound"_s).isBool())
        reader.fail(u"speechFound"_s);
    analysis.speechFound = object.value(u"speechFound"_s).toBool();
    analysis.speakingMs = reader.integer(object, u"speakingMs"_s, {});
    analysis.speech = reader.ranges(u"speech"_s);
    analysis.pauses = reader.ranges(u"pauses"_s);
    const QJsonValue silence = object.value(u"silenceBeforeSpeech"_s);
    if (silence.isObject()) {
        const QJsonObject range = silence.toObject();
        analysis.silenceBeforeSpeech = TimeRange{reader.integer(range, u"startMs"_s, u"silenceBeforeSpeech."_s),
                                                 reader.integer(range, u"endMs"_s, u"silenceBeforeSpeech."_s)};
    } else if (!silence.isNull() && !silence.isUndefined()) {
        reader.fail(u"silenceBeforeSpeech"_s);
    }
    analysis.wordsPerMinute = reader.optionalNumber(u"wordsPerMinute"_s);
    analysis.articulationRate = reader.optionalNumber(u"articulationRate"_s);
    analysis.syllablesPerSecond = reader.optionalNumber(u"syllablesPerSecond"_s);
    analysis.pitchSpreadSemitones = reader.optionalNumber(u"pitchSpreadSemitones"_s);
    analysis.fillersPerMinute = reader.optionalNumber(u"fillersPerMinute"_s);
    reader.forEach(u"words"_s, [&](const QJsonObject &word, const QString &where) {
        RecognizedWord recognized;
        recognized.text = reader.text(word, u"text"_s, where);
        recognized.startMs = reader.integer(word, u"startMs"_s, where);
        recognized.endMs = reader.integer(word, u"endMs"_s, where);
        recognized.confidence = reader.number(word, u"confidence"_s, where);
        if (!word.value(u"filler"_s).isBool())
            reader.fail(where + u"filler"_s);
        recognized.likelyFiller = word.value(u"filler"_s).toBool();
        recognized.syllables = word.value(u"syllables"_s).toInt();
        analysis.words.append(recognized);
    });
    analysis.numbersHeard = reader.evidence(u"numbersHeard"_s);
    analysis.audienceMentions = reader.evidence(u"audienceMentions"_s);
    analysis.firstPersonSingular = reader.evidence(u"firstPersonSingular"_s);
    analysis.firstPersonPlural = reader.evidence(u"firstPersonPlural"_s);
    analysis.hedges = reader.evidence(u"hedges"_s);
    reader.forEach(u"phases"_s, [&](const QJsonObject &phase, const QString &where) {
        PhaseTiming timing;
        timing.phaseIndex = int(reader.integer(phase, u"phaseIndex"_s, where));
        timing.startMs = reader.integer(phase, u"startMs"_s, where);
        timing.durationMs = reader.integer(phase, u"durationMs"_s, where);
        timing.speakingMs = reader.integer(phase, u"speakingMs"_s, where);
        if (phase.value(u"targetMs"_s).isDouble())
            timing.targetMs = reader.integer(phase, u"targetMs"_s, where);
        analysis.phases.append(timing);
    });
    analysis.excluded = reader.ranges(u"excluded"_s);
    const QJsonObject level = object.value(u"level"_s).toObject();
    analysis.peakDbfs = reader.number(level, u"peakDbfs"_s, u"level."_s);
    analysis.speechLevelDbfs = reader.number(level, u"speechLevelDbfs"_s, u"level."_s);
    analysis.clippedPercent = reader.number(level, u"clippedPercent"_s, u"level."_s);
    reader.forEach(u"warnings"_s, [&](const QJsonObject &warning, const QString &where) {
        const QString kind = reader.text(warning, u"kind"_s, where);
        for (const auto candidate : {AnalysisWarning::Kind::Clipped, AnalysisWarning::Kind::VeryQuiet,
                                     AnalysisWarning::Kind::Truncated, AnalysisWarning::Kind::LowSampleRate}) {
            if (warningKindName(candidate) == kind) {
                analysis.warnings.append({candidate, reader.text(warning, u"message"_s, where)});
                return;
            }
        }
        // A kind added by a newer analyser: skipped rather than failing the whole read.
    });
    if (reader.failed())
        return invalid(JsonText::tr("the field “%1” is missing or has the wrong type").arg(reader.problem()));
    return analysis;
}

} // namespace MockLoop
