#include "AnalyzeCommand.h"

#include "analysis/Analysis.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace MockLoop::AnalyzeCommand {

namespace {

QString tr(const char *text, int count = -1)
{
    return QCoreApplication::translate("MockLoop::AnalyzeCommand", text, nullptr, count);
}

// "1:05.3": minutes, seconds and tenths, for finding the place in a player.
QString at(qint64 ms)
{
    const qint64 tenths = ms / 100;
    return u"%1:%2.%3"_s.arg(tenths / 600).arg(tenths / 10 % 60, 2, 10, QChar(u'0')).arg(tenths % 10);
}

QString seconds(qint64 ms)
{
    return tr("%1 s").arg(double(ms) / 1000.0, 0, 'f', 1);
}

QString number(const std::optional<double> &value, int decimals)
{
    return value ? QString::number(*value, 'f', decimals) : tr("n/a");
}

// "forty percent (40%) 0:02.6, ..." at most `limit` items, then how many more.
QString evidenceLine(const QList<EvidenceItem> &items, qsizetype limit = 8)
{
    QStringList parts;
    for (qsizetype i = 0; i < items.size() && i < limit; ++i) {
        const EvidenceItem &item = items[i];
        const bool sameAsText = item.value.isEmpty() || item.value == item.text;
        parts.append(sameAsText ? u"%1 %2"_s.arg(item.text, at(item.startMs))
                                : u"%1 (%2) %3"_s.arg(item.text, item.value, at(item.startMs)));
    }
    if (items.size() > limit)
        parts.append(tr("and %n more", int(items.size() - limit)));
    return parts.isEmpty() ? tr("none") : parts.join(u", "_s);
}

void printReport(const AnswerAnalysis &analysis, QTextStream &out)
{
    out << QDir::toNativeSeparators(analysis.file) << u'\n';
    for (const AnalysisWarning &warning : analysis.warnings)
        out << u"  "_s << tr("Warning: %1").arg(warning.message) << u'\n';
    if (!analysis.speechFound) {
        out << u"  "_s << tr("No speech found in %1 of audio.").arg(seconds(analysis.durationMs)) << u"\n\n"_s;
        return;
    }
    const qint64 speakingShare = analysis.analysedMs > 0 ? analysis.speakingMs * 100 / analysis.analysedMs : 0;
    out << u"  "_s
        << tr("Length %1, speaking %2 (%3%), silence before the first words %4")
               .arg(at(analysis.durationMs), at(analysis.speakingMs))
               .arg(speakingShare)
               .arg(seconds(analysis.silenceBeforeSpeech ? analysis.silenceBeforeSpeech->durationMs() : 0))
        << u'\n';
    out << u"  "_s
        << tr("Pace %1 words per minute; articulation %2 syllables per second (from the transcript), %3 (from the "
              "sound alone)")
               .arg(number(analysis.wordsPerMinute, 0), number(analysis.articulationRate, 1),
                    number(analysis.syllablesPerSecond, 1))
        << u'\n';
    out << u"  "_s << tr("Pauses: %n (250 ms or more)", int(analysis.pauses.size())) << u", "_s
        << tr("longest %1, %n over 2 s", analysis.pausesLongerThan(2000)).arg(seconds(analysis.longestPauseMs()))
        << u'\n';
    QList<EvidenceItem> fillers;
    for (const RecognizedWord &word : analysis.words) {
        if (word.likelyFiller)
            fillers.append({word.text, word.startMs, word.endMs, {}});
    }
    out << u"  "_s << tr("Likely fillers: %n", int(fillers.size()))
        << tr(" (%1 per minute): %2").arg(number(analysis.fillersPerMinute, 1), evidenceLine(fillers)) << u'\n';
    out << u"  "_s << tr("Pitch spread %1 semitones").arg(number(analysis.pitchSpreadSemitones, 1)) << u'\n';
    out << u"  "_s << tr("Numbers heard: %1").arg(evidenceLine(analysis.numbersHeard)) << u'\n';
    out << u"  "_s << tr("Members, customers, users: %1").arg(evidenceLine(analysis.audienceMentions)) << u'\n';
    out << u"  "_s
        << tr("\"I\" %1 times, \"we\" %2 times")
               .arg(analysis.firstPersonSingular.size())
               .arg(analysis.firstPersonPlural.size())
        << u'\n';
    out << u"  "_s << tr("Hedges: %1").arg(evidenceLine(analysis.hedges)) << u'\n';
    for (const PhaseTiming &phase : analysis.phases) {
        out << u"  "_s
            << tr("Phase %1: %2, speaking %3, target %4")
                   .arg(phase.phaseIndex + 1)
                   .arg(seconds(phase.durationMs), seconds(phase.speakingMs),
                        phase.targetMs ? seconds(*phase.targetMs) : tr("none"))
            << u'\n';
    }
    out << u"  "_s << tr("Transcript (automatic and approximate; likely fillers included):") << u'\n';
    out << u"    "_s << analysis.transcript() << u"\n\n"_s;
}

} // namespace

int run(const QStringList &files, bool json, QTextStream &out, QTextStream &err)
{
    if (files.isEmpty()) {
        err << tr("mockloop: --analyze needs at least one WAV file") << Qt::endl;
        return 2;
    }
    const std::shared_ptr<SpeechModel> model = SpeechModel::shared();
    bool allAnalysed = true;
    for (const QString &file : files) {
        const Expected<AnswerAnalysis> analysis = analyzeFile(file, *model);
        if (!analysis) {
            allAnalysed = false;
            err << u"mockloop: "_s << analysis.error().message << Qt::endl;
            if (json) {
                const QJsonObject failure = AnswerAnalysis::failureToJson(file, analysis.error());
                out << QString::fromUtf8(QJsonDocument(failure).toJson(QJsonDocument::Compact)) << Qt::endl;
            }
            continue;
        }
        if (json)
            out << QString::fromUtf8(QJsonDocument(analysis->toJson()).toJson(QJsonDocument::Compact)) << Qt::endl;
        else
            printReport(*analysis, out);
    }
    out.flush();
    return allAnalysed ? 0 : 1;
}

} // namespace MockLoop::AnalyzeCommand
