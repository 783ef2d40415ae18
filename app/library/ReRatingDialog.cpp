#include "ReRatingDialog.h"

#include "TakePlayerWidget.h"
#include "TranscriptView.h"
#include "common/Typography.h"
#include "loops/Loop.h"
#include "rating/RatingPanel.h"

#include <QLabel>
#include <QLocale>
#include <QScreen>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

ReRatingDialog::ReRatingDialog(QWidget *parent)
    : QDialog(parent)
    , m_question(new QLabel(this))
    , m_player(new TakePlayerWidget(this))
    , m_panel(new RatingPanel(this))
{
    setObjectName(u"reRatingDialog"_s);
    setWindowTitle(tr("Re-rate After Replay"));
    m_question->setObjectName(u"reRatingQuestion"_s);
    m_question->setWordWrap(true);
    m_question->setTextFormat(Qt::PlainText);
    m_question->setFont(Typography::scaledBold(m_question->font(), 1.25));
    m_panel->setReRating(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_player);
    layout->addWidget(m_panel, 1);

    connect(m_panel, &RatingPanel::submitted, this, &ReRatingDialog::submitted);
    connect(m_panel, &RatingPanel::skipped, this, &QDialog::reject); // "Cancel" when re-rating
    connect(this, &QDialog::finished, m_player, &TakePlayerWidget::pause);
    // A measured time or a word of the transcript: heard from there.
    connect(m_panel, &RatingPanel::playFromRequested, this, [this](qint64 takeMs) {
        m_player->seekTo(takeMs);
        if (!m_player->isPlaying())
            m_player->togglePlayback();
    });

    // Room for the rubric's anchors and the red flags, within the screen.
    const int line = fontMetrics().height();
    QSize size(line * 58, line * 50);
    if (const QScreen *screen = this->screen())
        size = size.boundedTo(screen->availableGeometry().size() * 9 / 10);
    resize(size);
}

void ReRatingDialog::prepare(const Loop &loop, const Round &round, const AnswerDetail &detail, const QString &takePath,
                             const QList<WaveformSlider::Mark> &marks, qint64 position, const TakeAnalysis &analysis)
{
    m_question->setText(detail.row.questionText);
    m_panel->setRubric(loop, round);
    m_panel->setReRating(true);
    const std::optional<double> first = detail.rightAfter ? detail.rightAfter->average() : std::nullopt;
    m_panel->setQuestion(tr("Your rating after the replay"),
                         first ? tr("Your first rating (average %1) stays as it was; this one is kept beside it.")
                                     .arg(QLocale().toString(*first, 'f', 1))
                               : tr("You did not rate this answer right after giving it; this is its first rating."));
    if (takePath.isEmpty()) {
        m_player->clearTake(tr("This answer was not recorded"));
    } else {
        m_player->setTake(takePath, detail.recording ? detail.recording->duration.count() : 0, marks);
        m_player->seekTo(position);
    }
    m_panel->showAnswerReview(loop, detail.record);
    m_panel->setTakePlayable(!takePath.isEmpty());
    if (analysis.state == TakeAnalysis::State::Analysed && analysis.result)
        m_panel->showMeasuredFeedback(*analysis.result);
    else if (analysis.state == TakeAnalysis::State::Failed)
        m_panel->showFeedbackFailed(analysis.message);
    else if (analysis.state == TakeAnalysis::State::Analysing)
        m_panel->showFeedbackPending();
    else
        m_panel->showFeedbackUnavailable(TranscriptView::statusOf(analysis));
}

} // namespace MockLoop
