#include "SpeechMetricsView.h"

#include "TakeMarks.h"
#include "common/Format.h"
#include "loops/Loop.h"
#include "widgets/CountdownLabel.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// At most this many pieces of evidence are listed by name; the rest are counted.
constexpr int ListedEvidence = 4;

QString clock(qint64 milliseconds)
{
    return Format::elapsed(std::chrono::milliseconds(milliseconds));
}

QString number(double value, int decimals)
{
    return QLocale().toString(value, 'f', decimals);
}

QString translate(const char *text)
{
    return QCoreApplication::translate("MockLoop::SpeechMetricsView", text);
}

// "“40%” at 0:31, “3” at 1:02 and 2 more".
QString listed(const QList<EvidenceItem> &items)
{
    QStringList names;
    for (qsizetype i = 0; i < items.size() && i < ListedEvidence; ++i) {
        const EvidenceItem &item = items.at(i);
        names << translate("“%1” at %2").arg(item.value.isEmpty() ? item.text : item.value, clock(item.startMs));
    }
    if (items.size() > ListedEvidence)
        names << QCoreApplication::translate("MockLoop::SpeechMetricsView", "%n more", nullptr,
                                             int(items.size() - ListedEvidence));
    return QLocale().createSeparatedList(names);
}

} // namespace

SpeechMetricsView::SpeechMetricsView(QWidget *parent)
    : QGroupBox(tr("Measured in the take"), parent)
    , m_form(new QFormLayout)
    , m_noSpeech(new QLabel(this))
{
    setObjectName(u"speechMetrics"_s);
    m_noSpeech->setObjectName(u"metricNoSpeech"_s);
    m_noSpeech->setWordWrap(true);
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_speaking = addRow(tr("Speaking time"), u"metricSpeakingTime"_s);
    m_pace = addRow(tr("Pace"), u"metricPace"_s);
    m_articulation = addRow(tr("Articulation"), u"metricArticulation"_s);
    m_pauses = addRow(tr("Pauses"), u"metricPauses"_s);
    m_fillers = addRow(tr("Likely fillers"), u"metricFillers"_s);
    m_pitch = addRow(tr("Pitch variation"), u"metricPitch"_s);
    m_phases = addRow(tr("Story phases"), u"metricPhases"_s);
    m_numbers = addRow(tr("Numbers heard"), u"metricNumbers"_s);
    m_audience = addRow(tr("Members, customers"), u"metricAudience"_s);
    m_ownership = addRow(tr("“I” and “we”"), u"metricOwnership"_s);
    m_hedges = addRow(tr("Hedges"), u"metricHedges"_s);
    m_warnings = new QLabel(this);
    m_warnings->setObjectName(u"metricWarnings"_s);
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::PlainText);
    m_footnote = new QLabel(tr("Measured on this computer from the recording. The transcript is approximate and "
                               "fillers are likely, not certain; your own rating is yours, and these figures never "
                               "change it."),
                            this);
    m_footnote->setObjectName(u"metricFootnote"_s);
    m_footnote->setWordWrap(true);
    m_footnote->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_noSpeech);
    layout->addLayout(m_form);
    layout->addWidget(m_warnings);
    layout->addWidget(m_footnote);
    hide();
}

QLabel *SpeechMetricsView::addRow(const QString &title, const QString &name)
{
    auto *value = new QLabel(this);
    value->setObjectName(name);
    value->setWordWrap(true);
    value->setTextFormat(Qt::PlainText);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *label = new QLabel(title, this);
    label->setBuddy(value);
    value->setAccessibleName(title);
    m_form->addRow(label, value);
    return value;
}

void SpeechMetricsView::setRow(QLabel *value, const QString &text)
{
    value->setText(text);
    m_form->setRowVisible(value, !text.isEmpty());
}

void SpeechMetricsView::showAnalysis(const TakeAnalysis &analysis, std::shared_ptr<const Loop> loop)
{
    m_loop = std::move(loop);
    m_analysis = analysis.state == TakeAnalysis::State::Analysed ? analysis.result : std::nullopt;
    setVisible(m_analysis.has_value());
    if (m_analysis)
        fill();
}

void SpeechMetricsView::fill()
{
    const AnswerAnalysis &analysis = *m_analysis;
    const bool speech = analysis.speechFound;
    m_noSpeech->setText(tr("No speech was found in this take, so nothing could be measured."));
    m_noSpeech->setVisible(!speech);

    setRow(m_speaking,
           speech ? tr("%1 of %2 recorded (%3%)")
                        .arg(clock(analysis.speakingMs), clock(analysis.durationMs))
                        .arg(analysis.durationMs > 0
                                 ? qRound(100.0 * double(analysis.speakingMs) / double(analysis.durationMs))
                                 : 0)
                  : QString());
    setRow(m_pace, analysis.wordsPerMinute ? tr("%1 words a minute").arg(qRound(*analysis.wordsPerMinute)) : QString());
    setRow(m_articulation,
           analysis.articulationRate
               ? tr("%1 syllables a second while speaking").arg(number(*analysis.articulationRate, 1))
               : QString());

    QStringList pauses;
    if (speech) {
        pauses << tr("longest %1 s").arg(Format::tenthsOfSeconds(std::chrono::milliseconds(analysis.longestPauseMs())));
        pauses << tr("%n over 2 s", nullptr, analysis.pausesLongerThan(TakeMarks::LongPauseMs));
        if (analysis.silenceBeforeSpeech && analysis.silenceBeforeSpeech->durationMs() >= 1000)
            pauses << tr("%1 s before the first words")
                          .arg(Format::tenthsOfSeconds(
                              std::chrono::milliseconds(analysis.silenceBeforeSpeech->durationMs())));
    }
    setRow(m_pauses, pauses.join(u" · "_s));
    setRow(m_fillers,
           analysis.fillersPerMinute ? tr("%1 a minute (%n in all)", nullptr, analysis.likelyFillerCount())
                                           .arg(number(*analysis.fillersPerMinute, 1))
                                     : QString());
    setRow(m_pitch,
           analysis.pitchSpreadSemitones
               ? (*analysis.pitchSpreadSemitones < 2.0
                      ? tr("%1 semitones: under 2 may sound monotone").arg(number(*analysis.pitchSpreadSemitones, 1))
                      : tr("%1 semitones").arg(number(*analysis.pitchSpreadSemitones, 1)))
               : QString());

    QStringList phases;
    for (const PhaseTiming &phase : analysis.phases) {
        QString title;
        if (phase.phaseIndex < 0)
            title = tr("Follow-ups");
        else if (m_loop && phase.phaseIndex < m_loop->storyStructure.phases.size())
            title = m_loop->storyStructure.phases.at(phase.phaseIndex).title;
        else
            title = tr("Phase %1").arg(phase.phaseIndex + 1);
        QString line = phase.targetMs ? tr("%1: %2 of %3").arg(title, clock(phase.durationMs), clock(*phase.targetMs))
                                      : tr("%1: %2").arg(title, clock(phase.durationMs));
        if (phase.targetMs && phase.durationMs > *phase.targetMs)
            line
                += tr(", %1 over").arg(Format::duration(std::chrono::milliseconds(phase.durationMs - *phase.targetMs)));
        line += tr(" (speaking %1)").arg(clock(phase.speakingMs));
        phases << line;
    }
    setRow(m_phases, phases.join(u'\n'));

    setRow(m_numbers,
           speech ? (analysis.numbersHeard.isEmpty() ? tr("none") : listed(analysis.numbersHeard)) : QString());
    setRow(m_audience,
           speech ? (analysis.audienceMentions.isEmpty()
                         ? tr("none")
                         : tr("%n time(s)", nullptr, int(analysis.audienceMentions.size())))
                  : QString());
    setRow(m_ownership,
           speech ? tr("“I” %1, “we” %2")
                        .arg(tr("%n time(s)", nullptr, int(analysis.firstPersonSingular.size())),
                             tr("%n time(s)", nullptr, int(analysis.firstPersonPlural.size())))
                  : QString());
    setRow(m_hedges, speech ? (analysis.hedges.isEmpty() ? tr("none") : listed(analysis.hedges)) : QString());

    QStringList warnings;
    for (const AnalysisWarning &warning : analysis.warnings)
        warnings << tr("Warning: %1").arg(warning.message);
    m_warnings->setText(warnings.join(u'\n'));
    m_warnings->setVisible(!warnings.isEmpty());
    QPalette colours = m_warnings->palette();
    colours.setColor(QPalette::WindowText, warningColour(palette()));
    m_warnings->setPalette(colours);
}

void SpeechMetricsView::changeEvent(QEvent *event)
{
    QGroupBox::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_analysis)
        fill(); // the warnings take the new warning colour
}

} // namespace MockLoop
