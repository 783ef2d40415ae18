#include "RatingPanel.h"

#include "AnswerReview.h"
#include "FeedbackFormat.h"
#include "MeasuredFeedbackView.h"

#include "common/Accessibility.h"
#include "common/Typography.h"
#include "loops/Loop.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QShortcut>
#include <QStyle>
#include <QStyleOptionFocusRect>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

DimensionChoice::DimensionChoice(const RubricDimension &dimension, QWidget *parent)
    : QWidget(parent)
    , m_dimensionId(dimension.id)
    , m_levels(new QButtonGroup(this))
    , m_evidenceLabel(new QLabel(this))
{
    setObjectName(u"dimension_"_s + dimension.id);
    setFocusPolicy(Qt::StrongFocus);
    m_title = dimension.title;
    speakScore();
    setAccessibleDescription(tr("Press 1 to 4 to rate"));
    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    auto *title = new QLabel(u"<b>%1</b>"_s.arg(dimension.title.toHtmlEscaped()), this);
    layout->addWidget(title, 0, 0, 1, 2);
    if (!dimension.description.isEmpty()) {
        auto *description = new QLabel(dimension.description, this);
        description->setWordWrap(true);
        description->setForegroundRole(QPalette::PlaceholderText);
        layout->addWidget(description, 1, 0, 1, 2);
    }
    for (int score = RubricDimension::MinScore; score <= RubricDimension::MaxScore; ++score) {
        auto *button = new QRadioButton(QString::number(score), this);
        button->setObjectName(u"score_%1_%2"_s.arg(dimension.id).arg(score));
        button->setFocusPolicy(Qt::ClickFocus); // the whole dimension is one stop for Tab
        button->setAccessibleName(tr("%1: %2").arg(score).arg(dimension.anchor(score)));
        auto *anchor = new QLabel(dimension.anchor(score), this);
        anchor->setWordWrap(true);
        anchor->setBuddy(button);
        m_levels->addButton(button, score);
        layout->addWidget(button, 1 + score, 0, Qt::AlignTop);
        layout->addWidget(anchor, 1 + score, 1);
    }
    // Measured evidence, below the levels: its times are links by mouse; the dimension stays one
    // stop for Tab (the evidence is in its accessible description).
    m_evidenceLabel->setObjectName(u"evidence_"_s + dimension.id);
    m_evidenceLabel->setWordWrap(true);
    m_evidenceLabel->setTextFormat(Qt::RichText);
    m_evidenceLabel->hide();
    FeedbackFormat::followMomentLinks(m_evidenceLabel, [this](qint64 ms) { Q_EMIT momentChosen(ms); });
    layout->addWidget(m_evidenceLabel, 2 + RubricDimension::MaxScore, 0, 1, 2);
    layout->setColumnStretch(1, 1);
    connect(m_levels, &QButtonGroup::idToggled, this, [this](int id, bool checked) {
        if (checked) {
            speakScore();
            Q_EMIT scoreChanged(id);
        }
        update();
    });
}

void DimensionChoice::speakScore()
{
    // The dimension is the focused stop: its name says the choice, so a screen reader speaks
    // the score chosen with 1-4 or the arrows at once.
    const QAbstractButton *chosen = m_levels->checkedButton();
    speakOnFocusable(this,
                     chosen ? tr("%1: %2").arg(m_title, chosen->accessibleName()) : tr("%1: not rated").arg(m_title));
}

int DimensionChoice::score() const
{
    return std::max(0, m_levels->checkedId());
}

void DimensionChoice::setScore(int score)
{
    if (QAbstractButton *button = m_levels->button(score))
        button->setChecked(true);
}

void DimensionChoice::setEvidence(const std::optional<RubricEvidence::Line> &evidence, bool playable)
{
    m_evidence = evidence;
    m_playable = playable;
    renderEvidence();
}

void DimensionChoice::renderEvidence()
{
    const QString rate = tr("Press 1 to 4 to rate");
    if (!m_evidence) {
        m_evidenceLabel->clear();
        m_evidenceLabel->hide();
        setAccessibleDescription(rate);
        return;
    }
    const QPalette colours = palette();
    QStringList moments;
    for (const RubricEvidence::Moment &moment : std::as_const(m_evidence->moments)) {
        const QString link = FeedbackFormat::momentLink(moment.atMs, m_playable, colours);
        moments << (moment.times > 1
                        ? tr("%1 ×%2 (first %3)").arg(moment.text.toHtmlEscaped()).arg(moment.times).arg(link)
                        : u"%1 (%2)"_s.arg(moment.text.toHtmlEscaped(), link));
    }
    QString text = m_evidence->caption.toHtmlEscaped();
    if (!moments.isEmpty())
        text += u": "_s + moments.join(u", "_s);
    if (m_evidence->unlisted > 0)
        text += tr(" and %n more", nullptr, m_evidence->unlisted).toHtmlEscaped();
    m_evidenceLabel->setText(u"<i>%1</i> %2"_s.arg(tr("Measured:").toHtmlEscaped(), text));
    m_evidenceLabel->setAccessibleName(tr("Measured: %1").arg(m_evidence->plainText()));
    m_evidenceLabel->show();
    setAccessibleDescription(rate + u". "_s + m_evidenceLabel->accessibleName());
}

void DimensionChoice::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_4 && event->modifiers() == Qt::NoModifier) {
        setScore(key - Qt::Key_0);
        return;
    }
    if ((key == Qt::Key_Up || key == Qt::Key_Left) && score() > RubricDimension::MinScore) {
        setScore(score() - 1);
        return;
    }
    if ((key == Qt::Key_Down || key == Qt::Key_Right) && score() < RubricDimension::MaxScore) {
        setScore(std::max(score() + 1, int(RubricDimension::MinScore)));
        return;
    }
    QWidget::keyPressEvent(event);
}

void DimensionChoice::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_evidence)
        renderEvidence(); // the links' colour
}

void DimensionChoice::focusInEvent(QFocusEvent *event)
{
    QWidget::focusInEvent(event);
    update();
}

void DimensionChoice::focusOutEvent(QFocusEvent *event)
{
    QWidget::focusOutEvent(event);
    update();
}

void DimensionChoice::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette colours = palette();
    QColor frame = hasFocus() ? colours.color(QPalette::Highlight) : colours.color(QPalette::Mid);
    painter.setPen(QPen(frame, hasFocus() ? 2 : 1));
    if (score() > 0) {
        QColor tint = colours.color(QPalette::Highlight);
        tint.setAlpha(24);
        painter.setBrush(tint);
    }
    painter.setRenderHint(QPainter::Antialiasing);
    painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 6, 6);
}

RatingPanel::RatingPanel(QWidget *parent)
    : QWidget(parent)
    , m_question(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_dimensions(new QWidget(this))
    , m_review(new AnswerReview(this))
    , m_feedback(new MeasuredFeedbackView(this))
    , m_redFlags(new QWidget(this))
    , m_notes(new QPlainTextEdit(this))
    , m_summary(new QLabel(this))
    , m_replay(new QPushButton(tr("&Replay before rating"), this))
    , m_skip(new QPushButton(tr("S&kip rating"), this))
    , m_submit(new QPushButton(tr("&Submit rating"), this))
    , m_notesEditDelay(new QTimer(this))
{
    setObjectName(u"ratingPanel"_s);
    m_question->setObjectName(u"ratingQuestion"_s);
    m_question->setWordWrap(true);
    m_question->setFont(Typography::scaledBold(m_question->font(), 1.25));
    m_detail->setObjectName(u"ratingDetail"_s);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_notes->setObjectName(u"ratingNotes"_s);
    m_notes->setPlaceholderText(tr("What to do differently next time…"));
    m_notes->setAccessibleName(tr("Notes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMaximumHeight(m_notes->fontMetrics().height() * 5);
    m_replay->setObjectName(u"replayButton"_s);
    m_skip->setObjectName(u"skipRatingButton"_s);
    m_submit->setObjectName(u"submitRatingButton"_s);
    m_submit->setDefault(true);
    m_submit->setToolTip(tr("Submit the rating (Ctrl+Return)"));
    m_summary->setObjectName(u"ratingSummary"_s);

    // The rubric, and beside it what is known about the answer.
    auto *content = new QWidget;
    auto *rubric = new QVBoxLayout;
    rubric->addWidget(m_dimensions);
    rubric->addWidget(m_redFlags);
    rubric->addStretch();
    auto *besideRubric = new QVBoxLayout;
    besideRubric->addWidget(m_feedback);
    besideRubric->addWidget(m_review);
    besideRubric->addStretch();
    m_columns = new QBoxLayout(QBoxLayout::LeftToRight, content);
    m_columns->addLayout(rubric, 3);
    m_columns->addLayout(besideRubric, 2);
    m_scroll->setObjectName(u"ratingScroll"_s);
    m_scroll->setWidget(content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setFocusPolicy(Qt::NoFocus); // its contents take the focus; the area is no stop
    m_scroll->viewport()->installEventFilter(this); // its width decides the columns

    auto *notesLabel = new QLabel(tr("&Notes"), this);
    notesLabel->setBuddy(m_notes);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_replay);
    buttons->addWidget(m_summary, 1);
    buttons->addWidget(m_skip);
    buttons->addWidget(m_submit);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_detail);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(notesLabel);
    layout->addWidget(m_notes);
    layout->addLayout(buttons);

    // Typing is reported once it pauses: a draft written on every key would be a disk write each.
    m_notesEditDelay->setSingleShot(true);
    m_notesEditDelay->setInterval(300);
    connect(m_notesEditDelay, &QTimer::timeout, this, &RatingPanel::reportEdit);
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_restoring)
            m_notesEditDelay->start();
    });

    connect(m_submit, &QPushButton::clicked, this, [this] {
        flushNotesEdit();
        Q_EMIT submitted(rating());
    });
    connect(m_skip, &QPushButton::clicked, this, &RatingPanel::skipped);
    connect(m_replay, &QPushButton::clicked, this, &RatingPanel::replayRequested);
    connect(m_feedback, &MeasuredFeedbackView::momentChosen, this, &RatingPanel::playFromRequested);
    connect(m_feedback, &MeasuredFeedbackView::stateChanged, this, &RatingPanel::showEvidence);
    auto *submitShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    submitShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(submitShortcut, &QShortcut::activated, m_submit, &QPushButton::click);
}

bool RatingPanel::eventFilter(QObject *watched, QEvent *event)
{
    // Large type (or a narrow window): when the rubric and the feedback beside it cannot both fit
    // side by side, the feedback goes below the rubric rather than off the side of the page.
    if (watched == m_scroll->viewport() && event->type() == QEvent::Resize) {
        const auto widthOf = [](QLayoutItem *column) { return column->minimumSize().width(); };
        const int sideBySide = widthOf(m_columns->itemAt(0)) + widthOf(m_columns->itemAt(1)) + m_columns->spacing()
            + m_columns->contentsMargins().left() + m_columns->contentsMargins().right();
        const auto direction
            = sideBySide > m_scroll->viewport()->width() ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight;
        if (direction != m_columns->direction())
            m_columns->setDirection(direction);
    }
    return QWidget::eventFilter(watched, event);
}

void RatingPanel::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    // The notes box gives the rubric room when the page is short for its type.
    const int line = m_notes->fontMetrics().height();
    m_notes->setMaximumHeight(line * (height() < line * 28 ? 3 : 5));
}

void RatingPanel::setRubric(const Loop &loop, const Round &round)
{
    qDeleteAll(m_dimensions->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    delete m_dimensions->layout();
    qDeleteAll(m_redFlags->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    delete m_redFlags->layout();
    m_choices.clear();
    m_flagBoxes.clear();

    auto *dimensionsLayout = new QVBoxLayout(m_dimensions);
    dimensionsLayout->setContentsMargins(0, 0, 0, 0);
    for (const RubricDimension *dimension : loop.rubricFor(round)) {
        auto *choice = new DimensionChoice(*dimension, m_dimensions);
        dimensionsLayout->addWidget(choice);
        connect(choice, &DimensionChoice::scoreChanged, this, &RatingPanel::reportEdit);
        connect(choice, &DimensionChoice::momentChosen, this, &RatingPanel::playFromRequested);
        m_choices.append(choice);
    }

    auto *flagsLayout = new QVBoxLayout(m_redFlags);
    flagsLayout->setContentsMargins(0, 0, 0, 0);
    for (const RedFlagGroup *group : loop.redFlagsFor(round)) {
        auto *box = new QGroupBox(tr("Red flags: %1").arg(group->title), m_redFlags);
        auto *boxLayout = new QVBoxLayout(box);
        for (const RedFlag &flag : group->flags) {
            auto *check = new QCheckBox(flag.text, box);
            check->setObjectName(u"redFlag_"_s + flag.id);
            check->setProperty("flagId", flag.id);
            boxLayout->addWidget(check);
            connect(check, &QCheckBox::toggled, this, &RatingPanel::reportEdit);
            m_flagBoxes.append(check);
        }
        flagsLayout->addWidget(box);
    }
    m_story = loop.storyStructure;
    m_review->clear();
    m_feedback->clear();
    orderTabs();
    m_notesEditDelay->stop();
    m_restoring = true;
    m_notes->clear();
    m_restoring = false;
    updateSummary();
}

void RatingPanel::setDraft(const Rating &draft)
{
    m_restoring = true;
    for (DimensionChoice *choice : std::as_const(m_choices)) {
        if (const int score = draft.scores.value(choice->dimensionId()); score > 0)
            choice->setScore(score);
    }
    for (QCheckBox *check : std::as_const(m_flagBoxes))
        check->setChecked(draft.redFlagIds.contains(check->property("flagId").toString()));
    m_notes->setPlainText(draft.notes);
    m_restoring = false;
    m_notesEditDelay->stop();
    updateSummary();
}

void RatingPanel::setQuestion(const QString &question, const QString &detail)
{
    m_question->setText(question);
    m_detail->setText(detail);
    m_detail->setVisible(!detail.isEmpty());
}

void RatingPanel::showAnswerReview(const Loop &loop, const AnswerRecord &answer)
{
    m_review->showAnswer(loop, answer);
}

void RatingPanel::orderTabs()
{
    // Visual order: the rubric's column (dimensions, then red flags), the measured feedback beside
    // it, then the notes and the buttons below both.
    QList<QWidget *> order;
    for (DimensionChoice *choice : std::as_const(m_choices))
        order << choice;
    for (QCheckBox *check : std::as_const(m_flagBoxes))
        order << check;
    order << m_feedback->transcriptView() << m_notes << m_replay << m_skip << m_submit;
    for (qsizetype i = 1; i < order.size(); ++i)
        setTabOrder(order.at(i - 1), order.at(i));
}

void RatingPanel::showFeedbackPending()
{
    m_feedback->showPending();
}

void RatingPanel::showFeedbackUnavailable(const QString &why)
{
    m_feedback->showUnavailable(why);
}

void RatingPanel::showFeedbackFailed(const QString &message)
{
    m_feedback->showFailed(message);
}

void RatingPanel::showMeasuredFeedback(const AnswerAnalysis &analysis)
{
    m_feedback->showAnalysis(analysis, m_story);
    showEvidence();
}

void RatingPanel::setTakePlayable(bool playable)
{
    m_feedback->setPlayable(playable);
    showEvidence();
}

void RatingPanel::showEvidence()
{
    const bool ready = m_feedback->state() == MeasuredFeedbackView::State::Ready;
    for (DimensionChoice *choice : std::as_const(m_choices)) {
        choice->setEvidence(ready ? RubricEvidence::lineFor(choice->dimensionId(), *m_feedback->analysis(), m_story)
                                  : std::nullopt,
                            m_feedback->isPlayable());
    }
    // The measured phase times say what the marks' say, and more: one table, not two.
    m_review->setPhasesShown(!m_feedback->showsPhases());
}

void RatingPanel::setReplayAvailable(bool available, const QString &whyNot)
{
    m_replay->setEnabled(available);
    m_replay->setToolTip(available ? tr("Listen to the take before you rate it") : whyNot);
}

void RatingPanel::setReRating(bool reRating)
{
    m_reRating = reRating;
    m_skip->setText(reRating ? tr("&Cancel") : tr("S&kip rating"));
    m_replay->setVisible(!reRating);
    m_submit->setText(reRating ? tr("&Save rating after replay") : tr("&Submit rating"));
}

Rating RatingPanel::rating() const
{
    Rating result;
    for (const DimensionChoice *choice : m_choices) {
        if (choice->score() > 0)
            result.scores.insert(choice->dimensionId(), choice->score());
    }
    for (const QCheckBox *check : m_flagBoxes) {
        if (check->isChecked())
            result.redFlagIds.append(check->property("flagId").toString());
    }
    result.notes = m_notes->toPlainText().trimmed();
    return result;
}

void RatingPanel::focusFirstDimension()
{
    // Each rating starts at the top: the panel is reused, and a page left scrolled down by the
    // last rating would hide the dimension that the digit keys rate.
    m_scroll->verticalScrollBar()->setValue(0);
    m_scroll->horizontalScrollBar()->setValue(0);
    if (!m_choices.isEmpty())
        m_choices.first()->setFocus(Qt::OtherFocusReason);
}

void RatingPanel::reportEdit()
{
    updateSummary();
    if (m_restoring)
        return;
    m_notesEditDelay->stop(); // the notes are part of what is reported now
    Q_EMIT edited(rating());
}

void RatingPanel::flushNotesEdit()
{
    if (m_notesEditDelay->isActive())
        reportEdit();
}

void RatingPanel::updateSummary()
{
    const Rating current = rating();
    const int rated = int(current.scores.size());
    QString text = tr("%1 of %n dimension(s) rated", nullptr, int(m_choices.size())).arg(rated);
    if (const auto average = current.average())
        text += tr(", average %1").arg(QLocale().toString(*average, 'f', 1));
    if (!current.redFlagIds.isEmpty())
        text += tr(", %n red flag(s)", nullptr, int(current.redFlagIds.size()));
    m_summary->setText(text);
}

} // namespace MockLoop
