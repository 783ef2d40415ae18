#pragma once

#include "common/ClockAnnouncements.h"
#include "loops/Loop.h"
#include "session/SessionEngine.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace MockLoop {

class AnnouncementLabel;
class CountdownLabel;
class LevelMeterWidget;
class PhaseBar;

// A question being asked: the question in large type, the think or answer clock, the story
// phases, the recording light with its level and time, and the notes box.
//
// For a screen reader the view itself is where the focus rests during a question: its name is
// the step, so each new step (the question once asked, think time over, a follow-up) is spoken
// as the name of the focused element changes. What happens on its own while answering (the
// clock at its announcement points, a story phase running over, the recording paused or
// stopped) is announced by a status line below the clock, which also shows it.
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
    void setClockAnnouncements(ClockAnnouncements when) { m_clockAnnouncements = when; }

Q_SIGNALS:
    void notesEdited(const QString &notes);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void announce(const QString &news);

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
    AnnouncementLabel *m_news;
    bool m_hasPhases = false;
    QList<StoryPhase> m_phases;
    ClockAnnouncements m_clockAnnouncements = ClockAnnouncements::EveryMinute;
    std::optional<std::chrono::milliseconds> m_lastAnswerRemaining; // within the part being answered
    int m_overranPhase = -1; // the phase whose overrun was announced
    int m_recordingShown = -1; // -1 not yet shown, 0 not recording, 1 recording, 2 paused
};

} // namespace MockLoop
