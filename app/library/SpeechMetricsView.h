#pragma once

#include "TakeAnalysis.h"

#include <QGroupBox>

#include <memory>

class QFormLayout;
class QLabel;

namespace MockLoop {

struct Loop;

// What the speech analysis measured in the take, as facts beside the person's own rating (never a
// score of its own): speaking time, pace and articulation, pauses, likely fillers, pitch spread,
// the time in each story phase against its target, the evidence heard (numbers, mentions of the
// people served, "I" and "we", hedges), and what makes the figures less reliable. Shown only when
// the take has been analysed; the transcript beside the player says when it has not.
class SpeechMetricsView : public QGroupBox
{
    Q_OBJECT

public:
    explicit SpeechMetricsView(QWidget *parent = nullptr);

    // loop (may be null) names the story phases.
    void showAnalysis(const TakeAnalysis &analysis, std::shared_ptr<const Loop> loop);

protected:
    void changeEvent(QEvent *event) override;

private:
    QLabel *addRow(const QString &title, const QString &name);
    void setRow(QLabel *value, const QString &text);
    void fill();

    QFormLayout *m_form;
    QLabel *m_noSpeech;
    QLabel *m_speaking;
    QLabel *m_pace;
    QLabel *m_articulation;
    QLabel *m_pauses;
    QLabel *m_fillers;
    QLabel *m_pitch;
    QLabel *m_phases;
    QLabel *m_numbers;
    QLabel *m_audience;
    QLabel *m_ownership;
    QLabel *m_hedges;
    QLabel *m_warnings;
    QLabel *m_footnote;

    std::optional<AnswerAnalysis> m_analysis;
    std::shared_ptr<const Loop> m_loop;
};

} // namespace MockLoop
