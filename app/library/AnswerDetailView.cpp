#include "AnswerDetailView.h"

#include "LibraryFormat.h"
#include "ProbeReasonLabel.h"
#include "RatingsComparison.h"
#include "ReRatingDialog.h"
#include "SpeechMetricsView.h"
#include "TakeMarks.h"
#include "TakePlayerWidget.h"
#include "TranscriptView.h"
#include "common/Format.h"
#include "common/Typography.h"
#include "rating/RatingPanel.h"
#include "widgets/CountdownLabel.h"

#include <QApplication>
#include <QEvent>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

enum TakeColumn { TakeDate, TakeRound, TakeScore, TakeDuration };

constexpr int NotesSaveDelayMs = 1000;

QString dateAndTime(const QDateTime &time)
{
    const QDateTime local = time.toLocalTime();
    return QCoreApplication::translate("MockLoop::AnswerDetailView", "%1, %2")
        .arg(QLocale().toString(local.date(), QLocale::LongFormat),
             QLocale().toString(local.time(), QLocale::ShortFormat));
}

} // namespace

AnswerDetailView::AnswerDetailView(QWidget *parent)
    : QWidget(parent)
    , m_question(new QLabel(this))
    , m_meta(new QLabel(this))
    , m_timing(new QLabel(this))
    , m_probeReasons(new ProbeReasonLabel(this))
    , m_practise(new QPushButton(tr("Practise &Again"), this))
    , m_reRate(new QPushButton(tr("&Re-rate…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_player(new TakePlayerWidget(this))
    , m_recordingInfo(new QLabel(this))
    , m_transcript(new TranscriptView(this))
    , m_marksLegend(new QLabel(this))
    , m_ratings(new RatingsComparison(this))
    , m_metrics(new SpeechMetricsView(this))
    , m_replayHint(new QLabel(this))
    , m_notes(new QPlainTextEdit(this))
    , m_notesStatus(new QLabel(this))
    , m_takesTitle(new QLabel(this))
    , m_takes(new QTreeWidget(this))
    , m_compare(new QPushButton(tr("Compare with Another Take"), this))
{
    setObjectName(u"answerDetail"_s);
    m_question->setObjectName(u"answerQuestion"_s);
    m_question->setWordWrap(true);
    m_question->setTextFormat(Qt::PlainText);
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_question->setFont(Typography::scaledBold(m_question->font(), 1.35));
    m_meta->setObjectName(u"answerMeta"_s);
    m_meta->setWordWrap(true);
    m_meta->setTextFormat(Qt::PlainText);
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_timing->setObjectName(u"answerTiming"_s);
    m_timing->setTextFormat(Qt::RichText); // the overtime in the warning colour
    m_timing->setWordWrap(true);
    m_practise->setObjectName(u"practiseAgainButton"_s);
    m_practise->setIcon(QIcon(u":/icons/practice.svg"_s));
    m_reRate->setObjectName(u"reRateButton"_s);
    m_delete->setObjectName(u"deleteAnswerButton"_s);
    m_delete->setToolTip(tr("Delete this answer, its ratings and its recording"));
    m_marksLegend->setObjectName(u"waveformLegend"_s);
    m_marksLegend->setWordWrap(true);
    m_marksLegend->setTextFormat(Qt::PlainText);
    m_marksLegend->setToolTip(tr("Measured in the take. Point at a mark on the waveform to see what it is."));
    m_marksLegend->hide();
    m_recordingInfo->setObjectName(u"recordingInfo"_s);
    m_recordingInfo->setWordWrap(true);
    m_recordingInfo->setForegroundRole(QPalette::PlaceholderText);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_practise);
    actions->addWidget(m_reRate);
    actions->addStretch();
    actions->addWidget(m_delete);

    // The details: both ratings, the notes, the other takes.
    auto *ratingsBox = new QGroupBox(tr("Ratings"), this);
    auto *ratingsBoxLayout = new QVBoxLayout(ratingsBox);
    ratingsBoxLayout->addWidget(m_ratings);
    m_replayHint->setObjectName(u"replayHint"_s);
    m_replayHint->setWordWrap(true);
    m_replayHint->setForegroundRole(QPalette::PlaceholderText);
    ratingsBoxLayout->addWidget(m_replayHint);

    auto *notesBox = new QGroupBox(tr("&Notes"), this);
    m_notes->setObjectName(u"answerNotes"_s);
    m_notes->setPlaceholderText(tr("What worked, what to change next time…"));
    m_notes->setTabChangesFocus(true);
    m_notes->setMinimumHeight(m_notes->fontMetrics().height() * 4);
    m_notes->setMaximumHeight(m_notes->fontMetrics().height() * 8);
    m_notes->installEventFilter(this);
    m_notesStatus->setObjectName(u"notesStatus"_s);
    m_notesStatus->setWordWrap(true);
    m_notesStatus->setForegroundRole(QPalette::PlaceholderText);
    auto *notesLayout = new QVBoxLayout(notesBox);
    notesLayout->addWidget(m_notes);
    notesLayout->addWidget(m_notesStatus); // the group box's mnemonic (Alt+N) focuses the editor
    connect(m_notes, &QPlainTextEdit::textChanged, this, [this] {
        if (!hasUnsavedNotes())
            return;
        m_notesStatus->clear();
        m_notesTimer.start();
    });
    m_notesTimer.setSingleShot(true);
    m_notesTimer.setInterval(NotesSaveDelayMs);
    connect(&m_notesTimer, &QTimer::timeout, this, &AnswerDetailView::flushNotes);

    auto *takesBox = new QGroupBox(tr("Every take of this question"), this);
    m_takesTitle->setObjectName(u"takesTitle"_s);
    m_takesTitle->setWordWrap(true);
    m_takesTitle->setForegroundRole(QPalette::PlaceholderText);
    m_takes->setObjectName(u"otherTakes"_s);
    m_takes->setAccessibleName(tr("Every take of this question"));
    m_takes->setRootIsDecorated(false);
    m_takes->setUniformRowHeights(true);
    m_takes->setAllColumnsShowFocus(true);
    m_takes->setHeaderLabels({tr("Date"), tr("Round"), tr("Score"), tr("Duration")});
    m_takes->header()->setStretchLastSection(false);
    m_takes->header()->setSectionResizeMode(TakeDate, QHeaderView::ResizeToContents);
    m_takes->header()->setSectionResizeMode(TakeRound, QHeaderView::Stretch);
    m_takes->header()->setSectionResizeMode(TakeScore, QHeaderView::ResizeToContents);
    m_takes->header()->setSectionResizeMode(TakeDuration, QHeaderView::ResizeToContents);
    m_takes->setToolTip(tr("Click a take to show it"));
    auto *takesLayout = new QVBoxLayout(takesBox);
    takesLayout->addWidget(m_takesTitle);
    takesLayout->addWidget(m_takes);
    m_compare->setObjectName(u"compareWithTakeButton"_s);
    m_compare->setAccessibleName(tr("Compare with another take of this question"));
    m_compare->setToolTip(tr("Set this take beside another take of the same question: waveforms, ratings and what "
                             "was measured"));
    m_compare->setMenu(new QMenu(m_compare));
    m_compare->menu()->setObjectName(u"compareWithTakeMenu"_s);
    takesLayout->addWidget(m_compare, 0, Qt::AlignLeft);
    const auto activate = [this](QTreeWidgetItem *item) {
        const qint64 id = item ? item->data(TakeDate, Qt::UserRole).toLongLong() : 0;
        if (id > 0 && id != answerId())
            Q_EMIT takeActivated(id);
    };
    connect(m_takes, &QTreeWidget::itemClicked, this, activate);
    connect(m_takes, &QTreeWidget::itemActivated, this, activate);

    auto *details = new QWidget;
    auto *detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    // The transcript scrolls with the ratings below it: above them, at large type in a short window,
    // the column it was in had less height than it needs and its legend overlapped its words.
    detailsLayout->addWidget(m_transcript);
    detailsLayout->addWidget(ratingsBox);
    detailsLayout->addWidget(m_metrics);
    detailsLayout->addWidget(notesBox);
    detailsLayout->addWidget(takesBox);
    detailsLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"answerDetailScroll"_s);
    scroll->setFocusPolicy(Qt::NoFocus); // no unnamed stop: what is in it takes the focus and scrolls it in
    scroll->setWidget(details);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addWidget(m_meta);
    layout->addWidget(m_timing);
    layout->addWidget(m_probeReasons);
    m_practisedStory = new QLabel(this);
    m_practisedStory->setObjectName(u"practisedStory"_s);
    m_practisedStory->setWordWrap(true);
    m_practisedStory->setTextFormat(Qt::PlainText);
    m_practisedStory->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    layout->addWidget(m_practisedStory);
    layout->addLayout(actions);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(m_player);
    layout->addWidget(m_marksLegend);
    layout->addWidget(m_recordingInfo);
    layout->addWidget(scroll, 1);

    setTabOrder(m_practise, m_reRate);
    setTabOrder(m_reRate, m_delete);
    setTabOrder(m_delete, m_player->findChild<QWidget *>(u"playButton"_s));
    setTabOrder(m_player->findChild<QWidget *>(u"playbackSpeed"_s), m_transcript->wordsView());
    setTabOrder(m_transcript->wordsView(), m_notes);
    setTabOrder(m_notes, m_takes);
    setTabOrder(m_takes, m_compare);

    connect(m_practise, &QPushButton::clicked, this, &AnswerDetailView::practiseRequested);
    connect(m_delete, &QPushButton::clicked, this, &AnswerDetailView::deleteRequested);
    connect(m_reRate, &QPushButton::clicked, this, &AnswerDetailView::beginReRating);

    // The transcript follows the player, and plays from the word chosen; the playing word is kept
    // in view as it plays or is sought, unless the person is moving through the words.
    connect(m_player, &TakePlayerWidget::positionChanged, this,
            [this](qint64 position) { m_transcript->setPosition(position, !m_transcript->wordsView()->hasFocus()); });
    connect(m_transcript, &TranscriptView::seekRequested, m_player, &TakePlayerWidget::seekTo);
    connect(m_transcript, &TranscriptView::playPauseRequested, m_player, &TakePlayerWidget::togglePlayback);
    applyColours();
}

void AnswerDetailView::showAnswer(const AnswerDetail &detail, std::shared_ptr<const Loop> loop, const QString &takePath,
                                  const QList<AnswerRow> &takes)
{
    const bool sameAnswer = detail.row.id == m_detail.row.id;
    if (!sameAnswer) {
        flushNotes();
        endReRating();
    }
    m_detail = detail;
    m_loop = std::move(loop);

    showHeader();
    m_probeReasons->showAnswer(detail.record);
    m_practisedStory->setVisible(detail.practisedStory.has_value());
    if (detail.practisedStory)
        m_practisedStory->setText(
            detail.practisedStory->storyId != 0
                ? tr("Story practised (on the cue card): %1").arg(detail.practisedStory->title)
                : tr("Story practised (on the cue card): %1, deleted since").arg(detail.practisedStory->title));
    showRatings();
    showTakes(takes);

    // Notes being typed stay; otherwise the library's are shown.
    if (!sameAnswer || (!hasUnsavedNotes() && !m_notes->hasFocus())) {
        const QSignalBlocker blocker(m_notes);
        m_notesTimer.stop();
        m_notes->setPlainText(detail.row.notes);
        m_savedNotes = detail.row.notes;
        if (!sameAnswer)
            m_notesStatus->clear();
    }

    m_takePath = detail.recording ? takePath : QString();
    if (!sameAnswer)
        m_analysis = {detail.recording ? TakeAnalysis::State::NotAnalysed : TakeAnalysis::State::NoRecording, {}, {}};
    m_marks = marks();
    if (!m_takePath.isEmpty()) {
        m_player->setTake(m_takePath, detail.recording->duration.count(), m_marks);
        QString info = tr("Recording: %1, %2")
                           .arg(detail.recording->format.isEmpty() ? tr("WAV") : detail.recording->format,
                                QLocale().formattedDataSize(detail.recording->sizeBytes));
        if (detail.recording->recovered)
            info += tr(" (recovered after a crash)");
        // Said in words too: the jagged line on the waveform is not everyone's to see.
        QStringList joins;
        for (const WaveformSlider::Mark &mark : std::as_const(m_marks)) {
            if (mark.kind == WaveformSlider::Mark::Kind::Interruption)
                joins << Format::elapsed(std::chrono::milliseconds(mark.at));
        }
        if (!joins.isEmpty())
            info += u". "_s
                + tr("MockLoop stopped during this answer; the recording goes on after it was resumed (at %1).")
                      .arg(QLocale().createSeparatedList(joins));
        m_recordingInfo->setText(info);
        m_recordingInfo->show();
    } else {
        m_player->clearTake(detail.recording ? tr("This answer's recording (%1) lies outside the library, so it is "
                                                  "not played.")
                                                   .arg(detail.recording->relativePath)
                                : detail.row.skipped ? tr("Skipped: nothing was recorded")
                                                     : tr("This answer was not recorded"));
        m_recordingInfo->hide();
    }
    updateButtons();
    if (!sameAnswer)
        showAnalysis(m_analysis); // nothing known of the new answer's analysis until the page says
}

void AnswerDetailView::showAnalysis(const TakeAnalysis &analysis)
{
    m_analysis = analysis;
    m_transcript->showAnalysis(analysis);
    m_transcript->setPosition(m_player->position(), false);
    m_metrics->showAnalysis(analysis, m_loop);

    // The measured marks join the answer's own on the waveform, said in words under it too.
    m_marks = marks();
    QStringList legend;
    QStringList spoken; // the same without the shapes, for a screen reader
    const auto count = [this](WaveformSlider::Mark::Kind kind) {
        return int(std::count_if(m_marks.cbegin(), m_marks.cend(),
                                 [kind](const WaveformSlider::Mark &mark) { return mark.kind == kind; }));
    };
    if (const int lines = count(WaveformSlider::Mark::Kind::InterviewerSpoke); lines > 0) {
        legend << tr("▤ the interviewer speaks %n time(s)", nullptr, lines);
        spoken << tr("the interviewer speaks %n time(s)", nullptr, lines);
    }
    if (analysis.result) {
        if (const int fillers = count(WaveformSlider::Mark::Kind::LikelyFiller); fillers > 0) {
            legend << tr("◆ %n likely filler(s)", nullptr, fillers);
            spoken << tr("%n likely filler(s)", nullptr, fillers);
        }
        if (const int pauses = count(WaveformSlider::Mark::Kind::LongPause); pauses > 0) {
            legend << tr("▨ %n pause(s) over 2 s", nullptr, pauses);
            spoken << tr("%n pause(s) over 2 s", nullptr, pauses);
        }
    }
    if (!m_takePath.isEmpty())
        m_player->slider()->setMarks(m_marks);
    m_marksLegend->setText(legend.isEmpty() ? QString() : tr("Marked: %1").arg(legend.join(u" · "_s)));
    m_marksLegend->setAccessibleName(
        spoken.isEmpty() ? QString() : tr("Marked on the waveform: %1").arg(QLocale().createSeparatedList(spoken)));
    m_marksLegend->setVisible(!legend.isEmpty() && !m_takePath.isEmpty());
}

QList<WaveformSlider::Mark> AnswerDetailView::marks() const
{
    QList<WaveformSlider::Mark> marks = TakeMarks::ofAnswer(m_detail.record, m_loop.get());
    if (m_analysis.result)
        marks += TakeMarks::ofAnalysis(*m_analysis.result);
    return marks;
}

void AnswerDetailView::showHeader()
{
    const AnswerRow &row = m_detail.row;
    m_question->setText(row.questionText.isEmpty() ? tr("(No question text)") : row.questionText);
    QStringList meta;
    if (!row.loopTitle.isEmpty())
        meta << row.loopTitle;
    if (!row.roundTitle.isEmpty())
        meta << row.roundTitle;
    if (row.answeredAt.isValid())
        meta << dateAndTime(row.answeredAt);
    m_meta->setText(meta.join(u"  ·  "_s));

    if (row.skipped) {
        m_timing->setText(tr("You skipped this question.").toHtmlEscaped());
        return;
    }
    Milliseconds limit{0};
    for (const AnswerPart &part : m_detail.record.parts)
        limit += part.limit;
    QString timing = limit.count() > 0
        ? tr("Answered in %1 of %2 suggested").arg(Format::duration(row.answerTime), Format::duration(limit))
        : tr("Answered in %1").arg(Format::duration(row.answerTime));
    const int followUps = int(std::count_if(m_detail.record.parts.cbegin(), m_detail.record.parts.cend(),
                                            [](const AnswerPart &part) { return part.followUpIndex >= 0; }));
    if (followUps > 0)
        timing += tr(", with %n follow-up(s)", nullptr, followUps);
    timing = timing.toHtmlEscaped();
    if (row.overtime.count() > 0) {
        timing += u" · <span style=\"color:%1\">%2</span>"_s.arg(
            warningColour(palette()).name(), tr("%1 over").arg(Format::duration(row.overtime)).toHtmlEscaped());
    }
    m_timing->setText(timing);
}

void AnswerDetailView::showRatings()
{
    m_ratings->showRatings(m_detail, m_loop);
    const bool reRated = !m_detail.afterReplay.isEmpty();
    QString whyNot;
    if (reRated)
        m_replayHint->clear();
    else if (canReRate(&whyNot))
        m_replayHint->setText(tr("Listen to the take, then re-rate it: the first rating stays, and the new one "
                                 "shows beside it."));
    else
        m_replayHint->setText(whyNot);
    m_replayHint->setVisible(!m_replayHint->text().isEmpty());
}

void AnswerDetailView::showTakes(const QList<AnswerRow> &takes)
{
    m_takes->clear();
    for (const AnswerRow &take : takes) {
        auto *item = new QTreeWidgetItem(m_takes);
        const bool current = take.id == answerId();
        item->setText(TakeDate, LibraryFormat::dateTime(take.answeredAt));
        item->setData(TakeDate, Qt::UserRole, take.id);
        item->setText(TakeRound, take.roundTitle);
        item->setText(TakeScore, LibraryFormat::score(take.latestScore));
        item->setTextAlignment(TakeScore, Qt::AlignRight | Qt::AlignVCenter);
        item->setText(TakeDuration, take.skipped ? tr("skipped") : Format::elapsed(take.answerTime));
        item->setTextAlignment(TakeDuration, Qt::AlignRight | Qt::AlignVCenter);
        if (current) {
            QFont bold = m_takes->font();
            bold.setBold(true);
            for (int column = 0; column < m_takes->columnCount(); ++column) {
                item->setFont(column, bold);
                item->setToolTip(column, tr("The take shown above"));
            }
            m_takes->setCurrentItem(item, 0, QItemSelectionModel::NoUpdate);
        }
    }
    // "Compare with another take" offers every other take of the question, newest first.
    QMenu *menu = m_compare->menu();
    menu->clear();
    for (const AnswerRow &take : takes) {
        if (take.id == answerId())
            continue;
        const QString text = tr("%1 · %2 · score %3 · %4")
                                 .arg(LibraryFormat::dateTime(take.answeredAt), take.roundTitle,
                                      LibraryFormat::score(take.latestScore),
                                      take.skipped ? tr("skipped") : Format::elapsed(take.answerTime));
        QAction *action = menu->addAction(text);
        action->setObjectName(u"compareWithTake_%1"_s.arg(take.id));
        const qint64 shown = answerId();
        const qint64 other = take.id;
        connect(action, &QAction::triggered, this, [this, shown, other] { Q_EMIT compareRequested(shown, other); });
    }
    m_compare->setVisible(!menu->isEmpty());
    const int count = int(takes.size());
    m_takesTitle->setText(count <= 1 ? tr("This is your only take of this question so far.")
                                     : tr("You have answered this question %n time(s).", nullptr, count));
    m_takes->setVisible(count > 1);
    // As tall as its rows, up to eight; the page scrolls beyond that.
    const int rowHeight = std::max(m_takes->sizeHintForRow(0), fontMetrics().height());
    m_takes->setFixedHeight(m_takes->header()->sizeHint().height() + rowHeight * std::min(std::max(count, 1), 8)
                            + m_takes->frameWidth() * 2 + 2);
}

bool AnswerDetailView::canReRate(QString *whyNot) const
{
    QString reason;
    if (m_detail.row.id <= 0)
        reason = tr("No answer is shown.");
    else if (m_detail.row.skipped)
        reason = tr("You skipped this question, so there is no answer to rate.");
    else if (m_detail.row.roundId.isEmpty())
        reason = tr("This answer belongs to no round of a loop, so there is no rubric to rate it on.");
    else if (!m_loop)
        reason = tr("Its loop, “%1”, is no longer in your loop list, so its rubric is not known. Put the loop file "
                    "back in your loop folder to re-rate this answer.")
                     .arg(m_detail.row.loopTitle);
    else if (!m_loop->round(m_detail.row.roundId))
        reason = tr("The loop “%1” no longer has the round “%2”, so its rubric is not known.")
                     .arg(m_loop->title, m_detail.row.roundTitle);
    if (whyNot)
        *whyNot = reason;
    return reason.isEmpty();
}

void AnswerDetailView::beginReRating()
{
    if (!canReRate())
        return;
    if (!m_reRating) {
        m_reRating = new ReRatingDialog(this);
        connect(m_reRating, &ReRatingDialog::submitted, this, &AnswerDetailView::reRatingSubmitted);
        connect(m_reRating, &QDialog::finished, this, &AnswerDetailView::updateButtons);
    }
    // The dialog plays the take from where the person stopped listening here.
    m_player->pause();
    m_reRating->prepare(*m_loop, *m_loop->round(m_detail.row.roundId), m_detail, m_takePath, m_marks,
                        m_player->position(), m_analysis);
    m_reRating->open();
    m_reRating->ratingPanel()->focusFirstDimension();
    updateButtons();
}

void AnswerDetailView::endReRating()
{
    if (isReRating())
        m_reRating->accept();
}

bool AnswerDetailView::isReRating() const
{
    return m_reRating && m_reRating->isVisible();
}

bool AnswerDetailView::hasUnsavedNotes() const
{
    return m_detail.row.id > 0 && m_notes->toPlainText() != m_savedNotes;
}

void AnswerDetailView::flushNotes()
{
    m_notesTimer.stop();
    if (!hasUnsavedNotes())
        return;
    m_notesStatus->setText(tr("Saving…"));
    Q_EMIT notesEdited(m_detail.row.id, m_notes->toPlainText());
}

void AnswerDetailView::notesSaved(qint64 answerId, const QString &notes, bool ok, const QString &error)
{
    if (answerId != m_detail.row.id)
        return;
    m_notesStatusIsProblem = !ok;
    if (ok) {
        m_savedNotes = notes;
        m_notesStatus->setText(hasUnsavedNotes() ? QString() : tr("Saved"));
    } else {
        m_notesStatus->setText(tr("Your notes were not saved: %1 They stay here; MockLoop tries again when you "
                                  "leave the box.")
                                   .arg(error));
    }
    applyColours();
}

QWidget *AnswerDetailView::firstFocusWidget() const
{
    return m_practise;
}

void AnswerDetailView::updateButtons()
{
    QString whyNot;
    const bool reRate = canReRate(&whyNot);
    m_reRate->setEnabled(reRate && !isReRating());
    m_reRate->setToolTip(reRate ? tr("Listen to the take and rate the answer again; your first rating stays as it was")
                                : whyNot);
    const bool practise = m_loop && m_loop->question(m_detail.row.questionId);
    m_practise->setEnabled(practise);
    if (practise)
        m_practise->setToolTip(tr("Answer this question again, timed, on the Practice page"));
    else if (m_loop)
        m_practise->setToolTip(tr("The loop “%1” no longer has this question.").arg(m_loop->title));
    else
        m_practise->setToolTip(tr("Its loop, “%1”, is no longer in your loop list.").arg(m_detail.row.loopTitle));
    m_delete->setEnabled(m_detail.row.id > 0);
}

void AnswerDetailView::applyColours()
{
    QPalette status = m_notesStatus->palette();
    status.setColor(QPalette::WindowText,
                    m_notesStatusIsProblem ? warningColour(palette()) : palette().color(QPalette::PlaceholderText));
    m_notesStatus->setPalette(status);
}

bool AnswerDetailView::eventFilter(QObject *watched, QEvent *event)
{
    // Notes are saved when the person leaves the box, and a second after they stop typing.
    if (watched == m_notes && event->type() == QEvent::FocusOut)
        flushNotes();
    return QWidget::eventFilter(watched, event);
}

void AnswerDetailView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_detail.row.id > 0) {
        applyColours();
        showHeader(); // the overtime takes the new warning colour (the ratings see to their red flags)
    }
}

} // namespace MockLoop
