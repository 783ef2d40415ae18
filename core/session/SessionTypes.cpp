#include "SessionTypes.h"

#include "loops/Loop.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>
#include <numeric>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct SessionText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::ProbeReason)
};

} // namespace

QString ProbeReason::text() const
{
    switch (signal) {
    case ProbeSignal::NoNumbers:
        return SessionText::tr("Asked because no numbers were heard");
    case ProbeSignal::NoMemberMention:
        return SessionText::tr("Asked because no members, customers or users were mentioned");
    case ProbeSignal::WeOverI:
        return SessionText::tr("Asked because “we” came far more often than “I”");
    case ProbeSignal::MissingPhase:
        return SessionText::tr("Asked because the %1 phase was missing")
            .arg(phaseTitle.isEmpty() ? phaseId : phaseTitle);
    }
    return {};
}

QString interviewerMarkKindName(InterviewerMark::Kind kind)
{
    return kind == InterviewerMark::Kind::Probe ? u"probe"_s : u"interruption"_s;
}

std::optional<InterviewerMark::Kind> interviewerMarkKindFromName(const QString &name)
{
    if (name == u"probe"_s)
        return InterviewerMark::Kind::Probe;
    if (name == u"interruption"_s)
        return InterviewerMark::Kind::Interruption;
    return std::nullopt;
}

QJsonArray interviewerMarksToJson(const QList<InterviewerMark> &marks)
{
    QJsonArray array;
    for (const InterviewerMark &mark : marks) {
        array.append(QJsonObject{{u"kind"_s, interviewerMarkKindName(mark.kind)},
                                 {u"atMs"_s, qint64(mark.at.count())},
                                 {u"lengthMs"_s, qint64(mark.length.count())},
                                 {u"phase"_s, mark.phaseIndex},
                                 {u"text"_s, mark.text}});
    }
    return array;
}

QList<InterviewerMark> interviewerMarksFromJson(const QJsonValue &value)
{
    QList<InterviewerMark> marks;
    for (const QJsonValue &item : value.toArray()) {
        const QJsonObject object = item.toObject();
        InterviewerMark mark;
        mark.kind = interviewerMarkKindFromName(object.value(u"kind"_s).toString())
                        .value_or(InterviewerMark::Kind::Interruption);
        mark.at = Milliseconds(std::max<qint64>(0, object.value(u"atMs"_s).toInteger()));
        mark.length = Milliseconds(std::max<qint64>(0, object.value(u"lengthMs"_s).toInteger()));
        mark.phaseIndex = object.value(u"phase"_s).toInt(-1);
        mark.text = object.value(u"text"_s).toString();
        marks.append(mark);
    }
    return marks;
}

QJsonValue probeReasonToJson(const std::optional<ProbeReason> &reason)
{
    if (!reason)
        return QJsonValue::Null;
    return QJsonObject{{u"signal"_s, probeSignalId(reason->signal)},
                       {u"phase"_s, reason->phaseId},
                       {u"phaseTitle"_s, reason->phaseTitle}};
}

std::optional<ProbeReason> probeReasonFromJson(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    const std::optional<ProbeSignal> signal = probeSignalFromId(object.value(u"signal"_s).toString());
    if (!signal)
        return std::nullopt;
    return ProbeReason{*signal, object.value(u"phase"_s).toString(), object.value(u"phaseTitle"_s).toString()};
}

std::optional<double> Rating::average() const
{
    if (scores.isEmpty())
        return std::nullopt;
    const int sum = std::accumulate(scores.cbegin(), scores.cend(), 0);
    return double(sum) / double(scores.size());
}

Milliseconds AnswerRecord::answerTime() const
{
    return std::accumulate(parts.cbegin(), parts.cend(), Milliseconds(0),
                           [](Milliseconds sum, const AnswerPart &part) { return sum + part.duration; });
}

Milliseconds AnswerRecord::overtime() const
{
    return std::accumulate(parts.cbegin(), parts.cend(), Milliseconds(0),
                           [](Milliseconds sum, const AnswerPart &part) { return sum + part.overtime(); });
}

QString AnswerRecord::defaultTakeFile() const
{
    const QString question = questionId.isEmpty() ? QStringLiteral("answer") : questionId.left(64);
    return QStringLiteral("%1-%2.wav").arg(ordinal + 1, 2, 10, QChar(u'0')).arg(question);
}

int AnswerRecord::followUpsAnswered() const
{
    return int(std::count_if(parts.cbegin(), parts.cend(),
                             [](const AnswerPart &part) { return part.followUpIndex >= 0 && !part.skipped; }));
}

QList<Milliseconds> markedPhaseTimes(const QList<AnswerPart> &parts)
{
    const auto main
        = std::find_if(parts.cbegin(), parts.cend(), [](const AnswerPart &part) { return part.followUpIndex < 0; });
    if (main == parts.cend() || main->phaseMarks.isEmpty())
        return {};
    // A story has a handful of phases; an index past 100 (as an imported session may not hold) is
    // no phase of any loop.
    constexpr int HighestPhase = 100;
    QList<PhaseMark> starts{{0, Milliseconds(0)}};
    for (const PhaseMark &mark : main->phaseMarks) {
        if (mark.phaseIndex > 0 && mark.phaseIndex <= HighestPhase)
            starts.append(mark);
    }
    std::stable_sort(starts.begin(), starts.end(), [](const PhaseMark &a, const PhaseMark &b) { return a.at < b.at; });
    QList<Milliseconds> times;
    for (qsizetype i = 0; i < starts.size(); ++i) {
        const PhaseMark &start = starts.at(i);
        const Milliseconds end = i + 1 < starts.size() ? starts.at(i + 1).at : main->duration;
        if (times.size() <= start.phaseIndex)
            times.resize(start.phaseIndex + 1, Milliseconds(0));
        times[start.phaseIndex] += std::max(Milliseconds(0), end - start.at);
    }
    return times;
}

int SessionSummary::questionsAnswered() const
{
    return std::accumulate(rounds.cbegin(), rounds.cend(), 0,
                           [](int sum, const RoundSummary &round) { return sum + round.questionsAnswered; });
}

Milliseconds SessionSummary::timeUsed() const
{
    return std::accumulate(rounds.cbegin(), rounds.cend(), Milliseconds(0),
                           [](Milliseconds sum, const RoundSummary &round) { return sum + round.used; });
}

} // namespace MockLoop
