#include "TakeMarks.h"

#include "loops/Loop.h"

#include <QCoreApplication>

namespace MockLoop::TakeMarks {

namespace {

QString translate(const char *text)
{
    return QCoreApplication::translate("MockLoop::AnswerDetailView", text);
}

} // namespace

QList<WaveformSlider::Mark> ofAnswer(const AnswerRecord &record, const Loop *loop)
{
    QList<WaveformSlider::Mark> marks;
    const auto phaseTitle = [loop](int index) {
        if (loop && index >= 0 && index < loop->storyStructure.phases.size())
            return loop->storyStructure.phases.at(index).title;
        return translate("Phase %1").arg(index + 1);
    };
    qint64 offset = 0;
    for (qsizetype i = 0; i < record.parts.size(); ++i) {
        const AnswerPart &part = record.parts.at(i);
        if (part.followUpIndex >= 0) {
            marks.append(
                {WaveformSlider::Mark::Kind::FollowUp, offset, translate("Follow-up %1").arg(part.followUpIndex + 1)});
        } else {
            const bool knowsPhases = loop && !loop->storyStructure.phases.isEmpty();
            const bool marksFirst = std::any_of(part.phaseMarks.cbegin(), part.phaseMarks.cend(),
                                                [](const PhaseMark &mark) { return mark.phaseIndex == 0; });
            if ((knowsPhases || !part.phaseMarks.isEmpty()) && !marksFirst)
                marks.append({WaveformSlider::Mark::Kind::Phase, offset, phaseTitle(0)});
            for (const PhaseMark &mark : part.phaseMarks)
                marks.append(
                    {WaveformSlider::Mark::Kind::Phase, offset + mark.at.count(), phaseTitle(mark.phaseIndex)});
        }
        for (const InterviewerMark &spoke : part.interviewer) {
            const qint64 at = offset + spoke.at.count();
            marks.append({WaveformSlider::Mark::Kind::InterviewerSpoke, at, spoke.text, at + spoke.length.count()});
        }
        for (const PauseMark &pause : part.pauses) {
            if (pause.interrupted)
                marks.append({WaveformSlider::Mark::Kind::Interruption, offset + pause.at.count(),
                              translate("MockLoop stopped here; the answer was resumed")});
            else
                marks.append({WaveformSlider::Mark::Kind::Pause, offset + pause.at.count(), {}});
        }
        offset += part.duration.count();
    }
    return marks;
}

QList<TimeRange> longPauses(const AnswerAnalysis &analysis)
{
    QList<TimeRange> pauses;
    if (analysis.silenceBeforeSpeech && analysis.silenceBeforeSpeech->durationMs() > LongPauseMs)
        pauses.append(*analysis.silenceBeforeSpeech);
    for (const TimeRange &pause : analysis.pauses) {
        if (pause.durationMs() > LongPauseMs)
            pauses.append(pause);
    }
    return pauses;
}

QList<WaveformSlider::Mark> ofAnalysis(const AnswerAnalysis &analysis)
{
    QList<WaveformSlider::Mark> marks;
    for (const TimeRange &pause : longPauses(analysis))
        marks.append({WaveformSlider::Mark::Kind::LongPause, pause.startMs, {}, pause.endMs});
    for (const RecognizedWord &word : analysis.words) {
        if (word.likelyFiller)
            marks.append({WaveformSlider::Mark::Kind::LikelyFiller, word.startMs, word.text});
    }
    return marks;
}

} // namespace MockLoop::TakeMarks
