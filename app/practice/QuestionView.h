#pragma once

#include "loops/Loop.h"
#include "session/SessionEngine.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace MockLoop {

class CountdownLabel;
class LevelMeterWidget;
class PhaseBar;

// A question being asked: the question in large type, the think or answer clock, the story
// phases, the recording light with its level and time, and the notes box.
class QuestionView : public QWidget
{
    Q_OBJECT

public:
    explicit QuestionView(QWidget *parent = nullptr);

    void setStoryPhases(const QList<StoryPhase> &phases);
    // Shows where the engine stands: thinking, answering the question or a follow-up.
    void showState(const SessionEngine &engine);
    void showClocks(const SessionEngine &engine, const ClockReadings &clocks);
    void setRecording(bool recording, bool paused);
    void setRecordedTime(qint64 milliseconds);
    void setLevel(float rms, float peak);
    void setNotes(const QString &notes);
    QString notes() const;

Q_SIGNALS:
    void notesEdited(const QString &notes);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLabel *m_context;
    QLabel *m_question;
    QLabel *m_followUp;
    QLabel *m_clockCaption;
    CountdownLabel *m_countdown;
    PhaseBar *m_phaseBar;
    QWidget *m_recordingStrip;
    QLabel *m_recordingLight;
    QLabel *m_recordedTime;
    LevelMeterWidget *m_level;
    QPlainTextEdit *m_notes;
    bool m_hasPhases = false;
};

} // namespace MockLoop
