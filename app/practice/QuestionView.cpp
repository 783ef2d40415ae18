#include "QuestionView.h"

#include "common/Accessibility.h"
#include "common/AnnouncementLabel.h"
#include "common/Format.h"
#include "common/Typography.h"
#include "loops/Loop.h"
#include "widgets/CountdownLabel.h"
#include "widgets/LevelMeterWidget.h"
#include "widgets/PhaseBar.h"

#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

QuestionView::QuestionView(QWidget *parent)
    : QWidget(parent)
    , m_context(new QLabel(this))
    , m_question(new QLabel(this))
    , m_followUp(new QLabel(this))
    , m_clockCaption(new QLabel(this))
    , m_countdown(new CountdownLabel(this))
    , m_phaseBar(new PhaseBar(this))
    , m_recordingStrip(new QWidget(this))
    , m_recordingLight(new QLabel(m_recordingStrip))
    , m_recordedTime(new QLabel(m_recordingStrip))
    , m_level(new LevelMeterWidget(m_recordingStrip))
    , m_notes(new QPlainTextEdit(this))
    , m_news(new AnnouncementLabel(this))
{
    setObjectName(u"questionView"_s);
    m_context->setObjectName(u"questionContext"_s);
    m_context->setForegroundRole(QPalette::PlaceholderText);
    m_question->setObjectName(u"questionText"_s);
    m_question->setWordWrap(true);
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    const QFont questionFont = Typography::scaled(font(), 2.0);
    m_question->setFont(questionFont);
    m_followUp->setObjectName(u"followUpText"_s);
    m_followUp->setWordWrap(true);
    QFont followUpFont = questionFont;
    followUpFont.setItalic(true);
    m_followUp->setFont(followUpFont);
    m_clockCaption->setObjectName(u"clockCaption"_s);
    m_clockCaption->setAlignment(Qt::AlignCenter);
    m_countdown->setObjectName(u"answerClock"_s);
    m_countdown->setFont(Typography::scaledBold(font(), 4.0));
    m_countdown->setFocusPolicy(Qt::TabFocus); // a screen reader can ask the time by Tab
    m_news->setObjectName(u"questionNews"_s);
    m_news->setAlignment(Qt::AlignCenter);
    m_phaseBar->setObjectName(u"phaseBar"_s);

    m_recordingStrip->setObjectName(u"recordingStrip"_s);
    m_recordingLight->setObjectName(u"recordingIndicator"_s);
    m_recordedTime->setObjectName(u"recordedTime"_s);
    m_recordedTime->setAccessibleName(tr("Recorded %1").arg(Format::elapsed({})));
    m_level->setObjectName(u"levelMeter"_s);
    auto *strip = new QHBoxLayout(m_recordingStrip);
    strip->setContentsMargins(0, 0, 0, 0);
    strip->addWidget(m_recordingLight);
    strip->addWidget(m_recordedTime);
    strip->addWidget(m_level, 1);

    m_notes->setObjectName(u"answerNotes"_s);
    m_notes->setPlaceholderText(tr("Notes for this answer (Esc leaves the box)"));
    m_notes->setAccessibleName(tr("Notes for this answer"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(m_notes->fontMetrics().height() * 4);
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] { Q_EMIT notesEdited(m_notes->toPlainText()); });
    m_notes->installEventFilter(this);
    setFocusPolicy(Qt::StrongFocus); // where Esc from the notes box goes, so the session keys work again
    setAccessibleName(tr("Question"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_context);
    layout->addWidget(m_question);
    layout->addWidget(m_followUp);
    layout->addStretch(1);
    layout->addWidget(m_clockCaption);
    layout->addWidget(m_countdown);
    layout->addWidget(m_news);
    layout->addStretch(1);
    layout->addWidget(m_phaseBar);
    layout->addWidget(m_recordingStrip);
    layout->addWidget(m_notes);
    setRecording(false, false);
}

void QuestionView::setStoryPhases(const QList<StoryPhase> &phases)
{
    QList<PhaseBar::Phase> bar;
    for (const StoryPhase &phase : phases)
        bar.append({phase.title, std::chrono::seconds(phase.targetSeconds)});
    m_phaseBar->setPhases(bar);
    m_phases = phases;
    m_hasPhases = !bar.isEmpty();
    m_phaseBar->setVisible(m_hasPhases);
}

void QuestionView::showState(const SessionEngine &engine)
{
    const PlannedQuestion *planned = engine.currentQuestion();
    const SessionSegment &segment = engine.currentSegment();
    const Question *question = planned ? engine.loop().question(planned->questionId) : nullptr;
    m_question->setText(question ? question->text : QString());
    const int total = int(segment.questions.size());
    const QString position = segment.untilTimeIsUp ? tr("Question %1").arg(engine.questionIndex() + 1)
                                                   : tr("Question %1 of %2").arg(engine.questionIndex() + 1).arg(total);
    const Category *category = question ? engine.loop().category(question->categoryId) : nullptr;
    m_context->setText(category ? u"%1 · %2"_s.arg(position, category->title) : position);

    const bool answering = engine.state() == SessionState::Answering;
    const bool followUp = answering && engine.followUpIndex() >= 0;
    m_followUp->setVisible(followUp);
    if (followUp) {
        m_followUp->setText(tr("Follow-up %1 of %2: %3")
                                .arg(engine.followUpIndex() + 1)
                                .arg(planned->followUps.size())
                                .arg(engine.currentPrompt()));
    }
    // The follow-up takes the large type; the question stays above it, smaller.
    m_question->setFont(Typography::scaled(font(), followUp ? 1.3 : 2.0));
    if (engine.isAskingPrompt()) // the interviewer reads it; the clock waits for the end
        m_clockCaption->setText(followUp ? tr("The interviewer asks the follow-up…")
                                         : tr("The interviewer reads the question; think time starts after it"));
    else
        m_clockCaption->setText(answering ? (followUp ? tr("Answer the follow-up") : tr("Answer"))
                                          : tr("Think time — start answering whenever you are ready"));
    m_phaseBar->setVisible(m_hasPhases && !followUp);
    if (!answering)
        m_phaseBar->setProgress(-1, {});

    m_countdown->setSpokenName(answering ? (followUp ? tr("Follow-up answer time") : tr("Answer time"))
                                         : tr("Think time"));
    m_lastAnswerRemaining.reset();
    if (!answering) {
        m_overranPhase = -1;
        m_news->setQuietText({});
    }
    // The step, spoken as the name of the focused view; while the interviewer asks it, the voice
    // says it (the name changes once it has been asked).
    if (engine.isAskingPrompt())
        return;
    const QString questionText = question ? question->text : QString();
    if (followUp)
        speakOnFocusable(this, m_followUp->text());
    else if (answering)
        speakOnFocusable(this, tr("Answer now: %1").arg(questionText));
    else
        speakOnFocusable(this, u"%1. %2 %3"_s.arg(m_context->text(), questionText, m_clockCaption->text()));
}

void QuestionView::announce(const QString &news)
{
    m_news->announce(news);
}

void QuestionView::showClocks(const SessionEngine &engine, const ClockReadings &clocks)
{
    if (engine.state() == SessionState::Thinking) {
        m_countdown->setRemaining(clocks.thinkRemaining());
    } else if (engine.state() == SessionState::Answering) {
        const std::chrono::milliseconds remaining = clocks.answerRemaining();
        m_countdown->setRemaining(remaining);
        // Overtime in words above the clock, not only in its colour and minus sign.
        if (const QString overtime = tr("Overtime: finish when you are ready");
            m_countdown->isOvertime() && !engine.isAskingPrompt() && m_clockCaption->text() != overtime)
            m_clockCaption->setText(overtime);
        if (m_lastAnswerRemaining && !engine.isAskingPrompt()) {
            if (const auto news = clockAnnouncement(*m_lastAnswerRemaining, remaining, m_clockAnnouncements))
                announce(u"%1: %2"_s.arg(m_countdown->accessibleName(), *news));
        }
        m_lastAnswerRemaining = remaining;
        if (engine.followUpIndex() < 0) {
            m_phaseBar->setProgress(engine.phaseIndex(), clocks.phaseElapsed);
            const int phase = engine.phaseIndex();
            if (m_phaseBar->isOverrun() && phase != m_overranPhase && phase >= 0 && phase < m_phases.size()) {
                m_overranPhase = phase;
                announce(tr("%1 is over its target of %2")
                             .arg(m_phases.at(phase).title,
                                  Format::spokenDuration(std::chrono::seconds(m_phases.at(phase).targetSeconds))));
            }
        }
    }
}

void QuestionView::setRecording(bool recording, bool paused)
{
    const QColor light = recording && !paused ? warningColour(palette()) : palette().color(QPalette::PlaceholderText);
    // The state in words, the symbol only beside them; symbols only from what Debian's default
    // font (DejaVu Sans) draws: it has no U+23F8 pause sign, so a double bar stands for it.
    const QString words = recording ? (paused ? tr("Recording paused") : tr("Recording")) : tr("Not recording");
    const QString symbol = recording ? (paused ? u"‖"_s : u"●"_s) : u"○"_s;
    m_recordingLight->setText(symbol + u' ' + words);
    QPalette colours = m_recordingLight->palette();
    colours.setColor(QPalette::WindowText, light);
    m_recordingLight->setPalette(colours);
    if (m_recordingLight->accessibleName() != words)
        m_recordingLight->setAccessibleName(words);
    // Every change is said: started, paused, going on again, stopped.
    const int shown = recording ? (paused ? 2 : 1) : 0;
    if (shown != m_recordingShown && (shown != 0 || m_recordingShown > 0)) { // "stopped" only after it ran
        if (shown == 1)
            announce(m_recordingShown == 2 ? tr("Recording again") : tr("Recording"));
        else if (shown == 2)
            announce(tr("Recording paused"));
        else
            announce(tr("Recording stopped"));
    }
    m_recordingShown = shown;
    m_level->setVisible(recording);
    m_recordedTime->setVisible(recording);
    if (!recording)
        m_level->reset();
}

void QuestionView::setRecordedTime(qint64 milliseconds)
{
    const QString time = Format::elapsed(std::chrono::milliseconds(milliseconds));
    if (time == m_recordedTime->text())
        return; // reported many times a second; shown and named once a second
    m_recordedTime->setText(time);
    m_recordedTime->setAccessibleName(tr("Recorded %1").arg(time));
}

void QuestionView::setLevel(float rms, float peak)
{
    m_level->setLevel(rms, peak);
}

void QuestionView::setNotes(const QString &notes)
{
    if (notes != m_notes->toPlainText())
        m_notes->setPlainText(notes);
}

bool QuestionView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_notes && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        setFocus(Qt::ShortcutFocusReason);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

QString QuestionView::notes() const
{
    return m_notes->toPlainText();
}

} // namespace MockLoop
