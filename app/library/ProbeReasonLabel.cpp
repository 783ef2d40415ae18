#include "ProbeReasonLabel.h"

#include "common/Format.h"
#include "session/SessionTypes.h"

using namespace Qt::StringLiterals;

namespace MockLoop {

ProbeReasonLabel::ProbeReasonLabel(QWidget *parent)
    : QLabel(parent)
{
    setObjectName(u"probeReasons"_s);
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    hide();
}

void ProbeReasonLabel::showAnswer(const AnswerRecord &answer)
{
    QStringList lines;
    for (const AnswerPart &part : answer.parts) {
        if (part.followUpIndex >= 0 && part.probeReason) {
            lines
                << tr("Follow-up %1: “%2” — %3").arg(part.followUpIndex + 1).arg(part.prompt, part.probeReason->text());
        }
        for (const InterviewerMark &mark : part.interviewer) {
            if (mark.kind == InterviewerMark::Kind::Interruption)
                lines << tr("The interviewer broke in at %1: “%2”").arg(Format::elapsed(mark.at), mark.text);
        }
    }
    setText(lines.join(u'\n'));
    setVisible(!lines.isEmpty());
}

} // namespace MockLoop
