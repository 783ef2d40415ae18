#include "MeasuredFeedbackView.h"

#include "AnswerReview.h"
#include "FeedbackFormat.h"
#include "FeedbackTranscript.h"
#include "common/AnnouncementLabel.h"
#include "common/Format.h"

#include <QEvent>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;
using std::chrono::milliseconds;

namespace MockLoop {

namespace {

QString decimal(double value)
{
    return QLocale().toString(value, 'f', 1);
}

QLabel *captionLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    return label;
}

} // namespace

MeasuredFeedbackView::MeasuredFeedbackView(QWidget *parent)
    : QGroupBox(tr("Measured feedback"), parent)
    , m_status(new AnnouncementLabel(this))
    , m_figuresBox(new QWidget(this))
    , m_figures(new QFormLayout(m_figuresBox))
    , m_phasesBox(new QWidget(this))
    , m_phases(new QGridLayout(m_phasesBox))
    , m_warnings(new QLabel(this))
    , m_transcriptBox(new QWidget(this))
    , m_transcriptLegend(new QLabel(m_transcriptBox))
    , m_transcript(new FeedbackTranscript(m_transcriptBox))
{
    setObjectName(u"measuredFeedback"_s);
    m_status->setObjectName(u"feedbackStatus"_s);

    m_figures->setContentsMargins(0, 0, 0, 0);
    m_figures->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_figures->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_speakingTime = addFigure(tr("Speaking time"), u"feedbackSpeakingTime"_s);
    m_pace = addFigure(tr("Pace"), u"feedbackPace"_s);
    m_pauses = addFigure(tr("Pauses"), u"feedbackPauses"_s);
    m_fillers = addFigure(tr("Likely fillers"), u"feedbackFillers"_s);
    m_fillers->setToolTip(tr("Um, uh, ah and the like, counted when the recogniser is fairly sure of them. Some go "
                             "unheard, so the count is a floor."));

    m_phasesBox->setObjectName(u"feedbackPhases"_s);
    m_phases->setContentsMargins(0, 0, 0, 0);
    m_phases->setColumnStretch(0, 1);

    m_warnings->setObjectName(u"feedbackWarnings"_s);
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::PlainText);
    FeedbackFormat::markAsWarning(m_warnings);

    auto *transcriptCaption = captionLabel(tr("Approximate transcript"), m_transcriptBox);
    transcriptCaption->setObjectName(u"feedbackTranscriptCaption"_s);
    transcriptCaption->setBuddy(m_transcript);
    m_transcriptLegend->setObjectName(u"feedbackTranscriptLegend"_s);
    m_transcriptLegend->setWordWrap(true);
    m_transcriptLegend->setForegroundRole(QPalette::PlaceholderText);
    auto *transcriptLayout = new QVBoxLayout(m_transcriptBox);
    transcriptLayout->setContentsMargins(0, 0, 0, 0);
    transcriptLayout->addWidget(transcriptCaption);
    transcriptLayout->addWidget(m_transcriptLegend);
    transcriptLayout->addWidget(m_transcript);
    connect(m_transcript, &FeedbackTranscript::momentChosen, this, &MeasuredFeedbackView::momentChosen);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_figuresBox);
    layout->addWidget(m_phasesBox);
    layout->addWidget(m_warnings);
    layout->addWidget(m_transcriptBox);
    clear();
}

QLabel *MeasuredFeedbackView::addFigure(const QString &caption, const QString &name)
{
    auto *value = new QLabel(m_figuresBox);
    value->setObjectName(name);
    value->setWordWrap(true);
    value->setTextFormat(Qt::RichText);
    followMomentLinks(value);
    auto *label = new QLabel(caption, m_figuresBox);
    label->setObjectName(name + u"Caption"_s);
    label->setForegroundRole(QPalette::PlaceholderText);
    m_figures->addRow(label, value);
    return value;
}

void MeasuredFeedbackView::followMomentLinks(QLabel *label)
{
    FeedbackFormat::followMomentLinks(label, [this](qint64 ms) { Q_EMIT momentChosen(ms); });
}

void MeasuredFeedbackView::setFigure(QLabel *label, const QString &caption, const QString &richText,
                                     const QString &spoken)
{
    label->setText(richText);
    label->setAccessibleName(u"%1: %2"_s.arg(caption, spoken));
}

QWidget *MeasuredFeedbackView::transcriptView() const
{
    return m_transcript;
}

bool MeasuredFeedbackView::showsPhases() const
{
    return m_state == State::Ready && !m_phasesBox->isHidden();
}

void MeasuredFeedbackView::setState(State state)
{
    const bool changed = state != m_state;
    m_state = state;
    setVisible(state != State::Hidden);
    m_figuresBox->setVisible(state == State::Ready);
    m_transcriptBox->setVisible(state == State::Ready);
    if (state != State::Ready) {
        m_phasesBox->hide();
        m_warnings->hide();
    }
    // (Ready: the phases and warnings show when there are some.)
    if (changed)
        Q_EMIT stateChanged(state);
}

void MeasuredFeedbackView::clear()
{
    m_analysis.reset();
    m_transcript->clearTranscript();
    m_status->setQuietText({});
    setState(State::Hidden);
}

void MeasuredFeedbackView::showMessage(State state, const QString &text, bool announced)
{
    m_analysis.reset();
    m_transcript->clearTranscript();
    setState(state);
    // Once shown: a notification appears only when its window can show it.
    if (announced)
        m_status->announce(text);
    else
        m_status->setQuietText(text);
}

void MeasuredFeedbackView::showPending()
{
    showMessage(State::Pending, tr("Analysing your answer…"), false);
}

void MeasuredFeedbackView::showUnavailable(const QString &why)
{
    showMessage(State::Unavailable, why, false);
}

void MeasuredFeedbackView::showFailed(const QString &message)
{
    showMessage(State::Failed, tr("Your answer could not be analysed: %1").arg(message), true);
}

void MeasuredFeedbackView::showAnalysis(const AnswerAnalysis &analysis, const StoryStructure &story)
{
    if (!analysis.speechFound) {
        showMessage(State::NoSpeech,
                    tr("No speech found in the recording, so there is nothing to measure. If you spoke, check the "
                       "microphone and its level in Settings."),
                    true);
        m_analysis = analysis;
        return;
    }
    m_analysis = analysis;
    m_story = story;
    renderFigures();
    renderPhases();
    renderWarnings();
    setState(State::Ready);
    const QString spoken
        = tr("Measured feedback ready: %1 speaking").arg(Format::duration(milliseconds(analysis.speakingMs)))
        + (analysis.wordsPerMinute ? tr(", %1 words a minute").arg(qRound(*analysis.wordsPerMinute)) : QString())
        + tr(", %n likely filler(s)", nullptr, analysis.likelyFillerCount())
        + (analysis.warnings.isEmpty() ? QString() : tr(", with a recording warning"));
    m_status->announce(tr("Measured on this machine from your recording: facts to weigh, not a score."), spoken);
}

void MeasuredFeedbackView::setPlayable(bool playable)
{
    if (playable == m_playable)
        return;
    m_playable = playable;
    if (m_state == State::Ready) {
        renderFigures();
        renderPhases();
    }
}

void MeasuredFeedbackView::renderFigures()
{
    const AnswerAnalysis &analysis = *m_analysis;
    const QPalette colours = palette();
    const auto moment = [&](qint64 ms) { return FeedbackFormat::momentLink(ms, m_playable, colours); };
    const auto at = [](qint64 ms) { return Format::elapsed(milliseconds(ms)); };

    const QString speaking
        = tr("%1 of %2 recorded").arg(at(analysis.speakingMs), at(std::max(analysis.analysedMs, analysis.speakingMs)));
    setFigure(m_speakingTime, tr("Speaking time"), speaking.toHtmlEscaped(), speaking);

    QStringList pace;
    if (analysis.wordsPerMinute)
        pace << tr("%1 words a minute").arg(qRound(*analysis.wordsPerMinute));
    if (analysis.articulationRate)
        pace << tr("%1 syllables a second without the pauses").arg(decimal(*analysis.articulationRate));
    const QString paceText = pace.isEmpty() ? tr("not measured: too few words recognised") : pace.join(u"; "_s);
    setFigure(m_pace, tr("Pace"), paceText.toHtmlEscaped(), paceText);

    // The longest pause links to where it was; the others are counts.
    QStringList pauses;
    QStringList pausesSpoken;
    const auto longest
        = std::max_element(analysis.pauses.cbegin(), analysis.pauses.cend(),
                           [](const TimeRange &a, const TimeRange &b) { return a.durationMs() < b.durationMs(); });
    if (longest != analysis.pauses.cend()) {
        const QString length = FeedbackFormat::shortDuration(longest->durationMs());
        pauses << tr("longest %1 (at %2)").arg(length.toHtmlEscaped(), moment(longest->startMs));
        pausesSpoken << tr("longest %1 at %2").arg(length, at(longest->startMs));
        const int over2s = analysis.pausesLongerThan(FeedbackTranscript::MarkedPauseMs);
        pauses << tr("%n over 2 s", nullptr, over2s).toHtmlEscaped();
        pausesSpoken << tr("%n over 2 s", nullptr, over2s);
    } else {
        pauses << tr("none").toHtmlEscaped();
        pausesSpoken << tr("none");
    }
    if (analysis.silenceBeforeSpeech) {
        const QString before = tr("%1 before the first word")
                                   .arg(FeedbackFormat::shortDuration(analysis.silenceBeforeSpeech->durationMs()));
        pauses << before.toHtmlEscaped();
        pausesSpoken << before;
    }
    setFigure(m_pauses, tr("Pauses"), pauses.join(u"; "_s), pausesSpoken.join(u"; "_s));

    const int fillers = analysis.likelyFillerCount();
    const QString fillerText = fillers == 0 || !analysis.fillersPerMinute
        ? tr("none heard")
        : tr("%1 a minute (%n in all)", nullptr, fillers).arg(decimal(*analysis.fillersPerMinute));
    setFigure(m_fillers, tr("Likely fillers"), fillerText.toHtmlEscaped(), fillerText);

    m_transcriptLegend->setText(
        m_playable ? tr("Recognised on this machine: expect about one word in five to be wrong. (um?) marks a "
                        "likely filler. Click a word, or a time above, to play your answer from there.")
                   : tr("Recognised on this machine: expect about one word in five to be wrong. (um?) marks a "
                        "likely filler."));
    m_transcript->showTranscript(analysis, m_playable);
}

void MeasuredFeedbackView::renderPhases()
{
    while (QLayoutItem *item = m_phases->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const AnswerAnalysis &analysis = *m_analysis;
    const auto timing = [&analysis](int index) -> const PhaseTiming * {
        const auto found = std::find_if(analysis.phases.cbegin(), analysis.phases.cend(),
                                        [index](const PhaseTiming &phase) { return phase.phaseIndex == index; });
        return found == analysis.phases.cend() ? nullptr : &*found;
    };
    if (m_story.phases.isEmpty() || analysis.phases.isEmpty()) {
        m_phasesBox->hide();
        return;
    }
    auto *caption = captionLabel(tr("Story phases against their targets"), m_phasesBox);
    m_phases->addWidget(caption, 0, 0, 1, 4);
    const QPalette colours = palette();
    const auto speakingLabel = [this](const PhaseTiming *phase, const QString &name) {
        auto *label = new QLabel(m_phasesBox);
        label->setObjectName(name);
        label->setForegroundRole(QPalette::PlaceholderText);
        if (phase)
            label->setText(tr("%1 speaking").arg(Format::elapsed(milliseconds(phase->speakingMs))));
        return label;
    };
    for (qsizetype index = 0; index < m_story.phases.size(); ++index) {
        const StoryPhase &phase = m_story.phases.at(index);
        const PhaseTiming *measured = timing(int(index));
        const milliseconds target = measured && measured->targetMs ? milliseconds(*measured->targetMs)
                                                                   : milliseconds(qint64(phase.targetSeconds) * 1000);
        const PhaseRow row
            = addPhaseRow(m_phases, u"feedbackPhase"_s, phase,
                          measured ? std::optional<milliseconds>(measured->durationMs) : std::nullopt, target);
        QLabel *speaking = speakingLabel(measured, u"feedbackPhaseSpeaking_"_s + phase.id);
        m_phases->addWidget(speaking, m_phases->rowCount() - 1, 3);
        if (measured) {
            row.title->setText(FeedbackFormat::momentLink(measured->startMs, m_playable, colours, phase.title));
            followMomentLinks(row.title);
            row.title->setAccessibleName(row.title->accessibleName() + u", "_s + speaking->text());
        }
    }
    // The follow-up probes continue the take: their time, outside the story.
    if (const PhaseTiming *probes = timing(-1)) {
        const int at = m_phases->rowCount();
        auto *title = new QLabel(FeedbackFormat::momentLink(probes->startMs, m_playable, colours, tr("Follow-ups")),
                                 m_phasesBox);
        title->setObjectName(u"feedbackPhaseTitle_followUps"_s);
        followMomentLinks(title);
        auto *spent = new QLabel(Format::elapsed(milliseconds(probes->durationMs)), m_phasesBox);
        spent->setObjectName(u"feedbackPhaseSpent_followUps"_s);
        spent->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        QLabel *speaking = speakingLabel(probes, u"feedbackPhaseSpeaking_followUps"_s);
        title->setAccessibleName(tr("Follow-ups: %1, %2").arg(spent->text(), speaking->text()));
        m_phases->addWidget(title, at, 0);
        m_phases->addWidget(spent, at, 1);
        m_phases->addWidget(speaking, at, 3);
    }
    m_phasesBox->show();
}

void MeasuredFeedbackView::changeEvent(QEvent *event)
{
    QGroupBox::changeEvent(event);
    // The links' colours come from the palette.
    if (event->type() == QEvent::PaletteChange && m_state == State::Ready) {
        renderFigures();
        renderPhases();
    }
}

void MeasuredFeedbackView::renderWarnings()
{
    QStringList lines;
    for (const AnalysisWarning &warning : std::as_const(m_analysis->warnings))
        lines << tr("Recording: %1").arg(warning.message);
    m_warnings->setText(lines.join(u'\n'));
    m_warnings->setAccessibleName(m_warnings->text());
    m_warnings->setVisible(!lines.isEmpty());
}

} // namespace MockLoop
