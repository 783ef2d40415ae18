#include "InterviewerBar.h"

#include "SessionInterviewer.h"
#include "common/AnnouncementLabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace MockLoop {

InterviewerBar::InterviewerBar(QWidget *parent)
    : QWidget(parent)
    , m_toggle(new QPushButton(this))
    , m_status(new AnnouncementLabel(this))
{
    setObjectName(u"interviewerBar"_s);
    m_toggle->setObjectName(u"voiceToggle"_s);
    m_toggle->setCheckable(true);
    m_toggle->setFocusPolicy(Qt::TabFocus);
    m_toggle->setAccessibleName(tr("Interviewer's voice"));
    m_status->setObjectName(u"interviewerStatus"_s);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_toggle);
    layout->addWidget(m_status, 1);
}

void InterviewerBar::setVoiceAction(QAction *voiceAction)
{
    m_voiceAction = voiceAction;
    connect(m_toggle, &QPushButton::clicked, m_voiceAction, &QAction::trigger);
    connect(m_voiceAction, &QAction::changed, this, [this] { showVoiceState(false); });
    showVoiceState(false);
}

void InterviewerBar::setInterviewer(SessionInterviewer *interviewer)
{
    if (m_interviewer)
        m_interviewer->disconnect(this);
    m_interviewer = interviewer;
    m_interruption.clear();
    if (m_interviewer) {
        connect(m_interviewer, &SessionInterviewer::voiceChanged, this, [this] { showVoiceState(true); });
        connect(m_interviewer, &SessionInterviewer::speakingChanged, this, &InterviewerBar::showLine);
        connect(m_interviewer, &SessionInterviewer::interrupted, this, &InterviewerBar::onInterrupted);
        connect(m_interviewer, &SessionInterviewer::problemOccurred, this,
                [this](const QString &message) { m_status->announce(message); });
    }
    showVoiceState(false);
    showLine(); // it may be reading already: a session without a briefing starts with its question
}

QString InterviewerBar::statusText() const
{
    return m_status->text();
}

void InterviewerBar::showVoiceState(bool announce)
{
    const bool canSpeak = m_interviewer && m_interviewer->canSpeak();
    const bool on = canSpeak && m_interviewer->isVoiceOn();
    if (!m_voiceAction)
        return;
    const QString key = m_voiceAction->shortcut().toString(QKeySequence::NativeText);
    // The state in words on the button itself: its pressed look is only a second sign.
    m_toggle->setText(on ? tr("Voice on  [%1]").arg(key) : tr("Voice off  [%1]").arg(key));
    m_toggle->setChecked(on);
    m_toggle->setEnabled(canSpeak && m_voiceAction->isEnabled());
    m_toggle->setToolTip(m_voiceAction->toolTip());
    m_toggle->setAccessibleDescription(on ? tr("On: the interviewer reads the questions aloud")
                                          : tr("Off: the questions are shown as text"));
    if (!m_interviewer) {
        m_status->setQuietText({});
        return;
    }
    if (!canSpeak) {
        m_status->setQuietText(tr("The interviewer's voice is not available here; questions are shown as text."));
        return;
    }
    if (!on && !m_interviewer->problem().isEmpty()) {
        m_status->setQuietText(m_interviewer->problem());
        return;
    }
    const QString state = on ? tr("The interviewer's voice is on: questions are read aloud, and think time starts "
                                  "when the reading ends.")
                             : tr("The interviewer's voice is off: questions are shown as text.");
    if (announce)
        m_status->announce(state);
    else if (!m_interviewer->isSpeaking())
        m_status->setQuietText(state);
}

void InterviewerBar::showLine()
{
    if (!m_interviewer)
        return;
    if (!m_interviewer->isSpeaking()) {
        if (m_interruption.isEmpty())
            showVoiceState(false);
        return;
    }
    using Kind = SessionInterviewer::LineKind;
    const QString line = m_interviewer->currentLine();
    switch (m_interviewer->currentKind()) {
    case Kind::Opening:
        m_interruption.clear();
        m_status->setQuietText(tr("The interviewer opens the round…"));
        break;
    case Kind::Question:
        m_interruption.clear();
        m_status->setQuietText(tr("The interviewer is reading the question; think time starts when it ends."));
        break;
    case Kind::Probe:
        m_interruption.clear();
        m_status->setQuietText(tr("The interviewer asks: %1").arg(line));
        break;
    case Kind::Interruption:
        break; // shown by onInterrupted
    case Kind::Closing:
        m_interruption.clear();
        m_status->setQuietText(tr("The interviewer closes the round."));
        break;
    }
}

void InterviewerBar::onInterrupted(const QString &text)
{
    m_interruption = text;
    m_status->announce(tr("The interviewer breaks in: “%1”").arg(text), tr("The interviewer breaks in: %1").arg(text));
}

} // namespace MockLoop
