#pragma once

#include <QLabel>

namespace MockLoop {

struct AnswerRecord;

// In the Library's answer detail: why the interviewer asked each adaptive follow-up ("Follow-up 1:
// “What was the measurable result?” — Asked because no numbers were heard"), and where it broke in.
// Hidden for an answer with neither.
class ProbeReasonLabel : public QLabel
{
    Q_OBJECT

public:
    explicit ProbeReasonLabel(QWidget *parent = nullptr);

    void showAnswer(const AnswerRecord &answer);
};

} // namespace MockLoop
