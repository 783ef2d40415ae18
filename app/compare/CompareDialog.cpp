#include "CompareDialog.h"

#include "analysis/AnalysisService.h"
#include "common/AnnouncementLabel.h"
#include "common/Format.h"
#include "common/Typography.h"
#include "library/LibraryFormat.h"
#include "library/PracticeLibrary.h"
#include "library/TakeMarks.h"
#include "library/TakePlayerWidget.h"
#include "library/TranscriptView.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QFrame>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QLabel *plainLabel(const QString &name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString clock(qint64 milliseconds)
{
    return Format::elapsed(std::chrono::milliseconds(milliseconds));
}

} // namespace

CompareDialog::CompareDialog(const AppServices &services, QWidget *parent)
    : QDialog(parent)
    , m_services(services)
    , m_question(plainLabel(u"compareQuestion"_s, this))
    , m_switch(new QPushButton(this))
    , m_switchAction(new QAction(tr("Switch Take"), this))
    , m_announcement(new AnnouncementLabel(this))
    , m_scroll(new QScrollArea(this))
    , m_content(new QWidget)
    , m_ratingsBox(new QGroupBox(tr("Ratings"), m_content))
    , m_ratings(new QWidget(m_ratingsBox))
    , m_measuresBox(new QGroupBox(tr("Measured in the takes"), m_content))
    , m_measuresLayout(nullptr)
    , m_measuresSummary(plainLabel(u"compareMeasuresSummary"_s, m_measuresBox))
    , m_close(nullptr)
{
    setObjectName(u"compareDialog"_s);
    setWindowTitle(tr("Compare Two Takes"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    setSizeGripEnabled(true);
    m_question->setFont(Typography::scaledBold(m_question->font(), 1.2));
    m_question->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The switch: one key, the same in both lanes, with a button for the mouse.
    m_switch->setObjectName(u"switchTakeButton"_s);
    m_switchAction->setObjectName(u"switchTakeAction"_s);
    m_switchAction->setShortcut(QKeySequence(Qt::Key_S));
    m_switchAction->setShortcutContext(Qt::WindowShortcut);
    addAction(m_switchAction);
    connect(m_switchAction, &QAction::triggered, this, &CompareDialog::switchTake);
    connect(m_switch, &QPushButton::clicked, this, &CompareDialog::switchTake);
    m_announcement->setObjectName(u"compareAnnouncement"_s);

    auto *transport = new QHBoxLayout;
    transport->addWidget(m_switch);
    transport->addWidget(m_announcement, 1);

    m_lanes[0].frame = makeLane(Side::A);
    m_lanes[1].frame = makeLane(Side::B);

    // Below the players: both ratings and the measured figures, then both transcripts.
    m_ratings->setObjectName(u"compareRatings"_s);
    auto *ratingsLayout = new QVBoxLayout(m_ratingsBox);
    ratingsLayout->addWidget(m_ratings);
    ratingsLayout->addStretch();
    m_measuresBox->setObjectName(u"compareMeasuresBox"_s);
    m_measuresLayout = new QVBoxLayout(m_measuresBox);
    m_measuresLayout->addWidget(m_measuresSummary);
    for (Lane &lane : m_lanes)
        m_measuresLayout->addWidget(lane.analysisNote);
    m_measuresLayout->addStretch();
    auto *figures = new QHBoxLayout;
    figures->addWidget(m_ratingsBox, 1);
    figures->addWidget(m_measuresBox, 1);
    auto *transcripts = new QHBoxLayout;
    for (Lane &lane : m_lanes)
        transcripts->addWidget(lane.transcript, 1);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addLayout(figures);
    contentLayout->addLayout(transcripts);
    contentLayout->addStretch();
    m_scroll->setObjectName(u"compareScroll"_s);
    m_scroll->setWidget(m_content);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_scroll->setFocusPolicy(Qt::NoFocus); // Tab goes through what it holds, which it scrolls into view

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_close = buttons->button(QDialogButtonBox::Close);
    m_close->setObjectName(u"compareCloseButton"_s);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_question);
    layout->addLayout(transport);
    layout->addWidget(m_lanes[0].frame);
    layout->addWidget(m_lanes[1].frame);
    layout->addWidget(m_scroll, 1);
    layout->addWidget(buttons);

    // Tab in the order things are seen: the switch, each player, each transcript, Close.
    QWidget *previous = m_switch;
    for (const Lane &lane : m_lanes) {
        setTabOrder(previous, lane.player->findChild<QWidget *>(u"playButton"_s));
        previous = lane.player->findChild<QWidget *>(u"playbackSpeed"_s);
    }
    for (const Lane &lane : m_lanes) {
        setTabOrder(previous, lane.transcript->wordsView());
        previous = lane.transcript->wordsView();
    }
    setTabOrder(previous, m_close);

    // It follows the answers compared: a new analysis, a rating after a replay, a deletion.
    const auto follow = [this](qint64 answerId) {
        if (isVisible() && (answerId == m_ids[0] || answerId == m_ids[1]))
            reload();
    };
    connect(m_services.library, &PracticeLibrary::answerChanged, this, follow);
    connect(m_services.library, &PracticeLibrary::answerDeleted, this, follow);
    if (m_services.analysis)
        connect(m_services.analysis, &AnalysisService::analysisStored, this, follow);

    const QSize screen = parent ? parent->window()->size() : QSize(1280, 900);
    resize(std::max(screen.width() * 9 / 10, fontMetrics().height() * 60),
           std::max(screen.height() * 9 / 10, fontMetrics().height() * 40));
    updateStates();
}

CompareDialog::~CompareDialog() = default;

QString CompareDialog::letter(Side side)
{
    return side == Side::A ? tr("A") : tr("B");
}

QFrame *CompareDialog::makeLane(Side side)
{
    Lane &lane = m_lanes[index(side)];
    const QString suffix = side == Side::A ? u"A"_s : u"B"_s;
    auto *frame = new QFrame(this);
    frame->setObjectName(u"compareLane"_s + suffix);
    frame->setFrameShape(QFrame::StyledPanel);
    lane.title = plainLabel(u"compareTitle"_s + suffix, frame);
    lane.title->setFont(Typography::scaledBold(lane.title->font(), 1.0));
    lane.state = plainLabel(u"compareState"_s + suffix, frame);
    lane.state->setWordWrap(false);
    lane.player = new TakePlayerWidget(frame);
    lane.player->setObjectName(u"comparePlayer"_s + suffix);
    lane.player->setMnemonicsEnabled(false); // two players: Alt+Y would not say which
    lane.player->slider()->setAccessibleName(tr("Position in take %1").arg(letter(side)));
    lane.player->findChild<QWidget *>(u"playButton"_s)
        ->setAccessibleName(tr("Play or pause take %1").arg(letter(side)));
    lane.player->findChild<QWidget *>(u"playbackSpeed"_s)->setAccessibleName(tr("Speed of take %1").arg(letter(side)));
    lane.analysisNote = plainLabel(u"compareAnalysis"_s + suffix, m_measuresBox);
    lane.transcript = new TranscriptView(m_content);
    lane.transcript->setObjectName(u"compareTranscript"_s + suffix);
    lane.transcript->setTitle(tr("Take %1: approximate transcript").arg(letter(side)));
    lane.transcript->wordsView()->setAccessibleName(tr("Approximate transcript of take %1").arg(letter(side)));

    auto *header = new QHBoxLayout;
    header->addWidget(lane.title, 1);
    header->addWidget(lane.state);
    auto *layout = new QVBoxLayout(frame);
    layout->addLayout(header);
    layout->addWidget(lane.player);

    TakePlayerWidget *player = lane.player;
    TranscriptView *transcript = lane.transcript;
    connect(player, &TakePlayerWidget::playingChanged, this, [this, side](bool playing) {
        // One take plays at a time: the one started stops the other.
        if (playing) {
            makeCurrent(side);
            this->player(other(side))->pause();
        }
        updateStates();
    });
    connect(player, &TakePlayerWidget::positionChanged, transcript,
            [transcript](qint64 position) { transcript->setPosition(position, !transcript->wordsView()->hasFocus()); });
    connect(transcript, &TranscriptView::seekRequested, this, [this, side, player](qint64 position) {
        makeCurrent(side);
        player->seekTo(position);
    });
    connect(transcript, &TranscriptView::playPauseRequested, player, &TakePlayerWidget::togglePlayback);
    connect(player, &TakePlayerWidget::waveformLoaded, this, [this] {
        updateTimeScale();
        checkReady();
    });
    return frame;
}

void CompareDialog::setCatalog(const LoopCatalog &catalog)
{
    m_catalog = catalog;
}

void CompareDialog::compare(qint64 firstAnswerId, qint64 secondAnswerId)
{
    const bool same = std::minmax(firstAnswerId, secondAnswerId) == std::minmax(m_ids[0], m_ids[1]);
    if (!same) {
        for (Lane &lane : m_lanes)
            lane.player->pause();
        m_ids = {firstAnswerId, secondAnswerId};
        m_current = Side::A;
        m_ready = false;
        m_question->setText(tr("Loading the two takes…"));
        m_scroll->hide();
        for (Lane &lane : m_lanes)
            lane.frame->hide();
    }
    reload();
    show();
    raise();
    activateWindow();
}

void CompareDialog::reload()
{
    const quint64 generation = ++m_generation;
    Comparison::load(m_services.library, m_ids[0], m_ids[1])
        .then(this, [this, generation](const TakeComparison &comparison) {
            if (generation == m_generation)
                showComparison(comparison);
        });
}

void CompareDialog::showComparison(const TakeComparison &comparison)
{
    if (!comparison.ok()) {
        for (Lane &lane : m_lanes) {
            lane.player->clearTake({});
            lane.frame->hide();
        }
        m_scroll->hide();
        m_question->setText(comparison.problem);
        m_shownGeneration = m_generation;
        m_ready = true;
        updateStates();
        Q_EMIT ready();
        return;
    }
    const bool sameTakes = m_comparison.a.detail.row.id == comparison.a.detail.row.id
        && m_comparison.b.detail.row.id == comparison.b.detail.row.id;
    m_comparison = comparison;
    m_shownGeneration = 0; // until both takes are set in their players
    m_ids = {comparison.a.detail.row.id, comparison.b.detail.row.id};
    m_loop = m_catalog.find(comparison.a.detail.row.loopId);
    if (!m_loop)
        m_loop = m_catalog.find(comparison.b.detail.row.loopId);

    const AnswerRow &a = comparison.a.detail.row;
    const AnswerRow &b = comparison.b.detail.row;
    const bool oneQuestion = a.loopId == b.loopId && a.questionId == b.questionId && !a.questionId.isEmpty();
    m_question->setText(oneQuestion ? a.questionText : tr("Two different questions"));
    if (!sameTakes)
        m_ready = false;
    showLane(Side::A, comparison.a);
    showLane(Side::B, comparison.b);
    showRatings();
    showMeasures();
    for (Lane &lane : m_lanes)
        lane.frame->show();
    m_scroll->show();
    updateTimeScale();
    updateStates();
    m_shownGeneration = m_generation;
    checkReady();
}

void CompareDialog::showLane(Side side, const ComparedTake &take)
{
    Lane &lane = m_lanes[index(side)];
    const AnswerRow &row = take.detail.row;
    const AnswerRow &otherRow = side == Side::A ? m_comparison.b.detail.row : m_comparison.a.detail.row;
    QStringList title{tr("Take %1").arg(letter(side)), LibraryFormat::dateTime(row.answeredAt)};
    if (!row.roundTitle.isEmpty())
        title << row.roundTitle;
    title << (row.skipped ? tr("skipped") : tr("answered in %1").arg(clock(row.answerTime.count())));
    QString text = title.join(u"  ·  "_s);
    if (row.questionId != otherRow.questionId || row.questionId.isEmpty())
        text += u'\n' + (row.questionText.isEmpty() ? tr("(No question text)") : row.questionText);
    lane.title->setText(text);

    const TakeAnalysis analysis = analysisOf(take);
    QList<WaveformSlider::Mark> marks = TakeMarks::ofAnswer(take.detail.record, m_loop.get());
    if (analysis.result)
        marks += TakeMarks::ofAnalysis(*analysis.result);
    if (!take.takePath.isEmpty()) {
        lane.player->setTake(take.takePath, take.detail.recording->duration.count(), marks);
    } else {
        lane.player->clearTake(take.detail.recording
                                   ? tr("Its recording lies outside the library, so it is not played.")
                                   : row.skipped ? tr("Skipped: nothing was recorded")
                                                 : tr("Not recorded"));
    }
    lane.analysisNote->setText(analysisNote(side, analysis));
    lane.analysisNote->setVisible(!lane.analysisNote->text().isEmpty());
    lane.transcript->showAnalysis(analysis);
    lane.transcript->setPosition(lane.player->position(), false);
}

TakeAnalysis CompareDialog::analysisOf(const ComparedTake &take) const
{
    using State = TakeAnalysis::State;
    if (take.storedAnalysis && take.storedAnalysis->ok())
        return {State::Analysed, take.storedAnalysis->value(), {}};
    if (take.storedAnalysis)
        return {State::Failed, {}, take.storedAnalysis->error().message};
    if (!take.detail.recording)
        return {State::NoRecording, {}, {}};
    if (m_services.analysis && !m_services.analysis->isEnabled())
        return {State::Off, {}, {}};
    return {State::NotAnalysed, {}, {}};
}

QString CompareDialog::analysisNote(Side side, const TakeAnalysis &analysis) const
{
    const QString take = letter(side);
    switch (analysis.state) {
    case TakeAnalysis::State::Analysed:
        return {};
    case TakeAnalysis::State::NoRecording:
        return tr("Take %1 has no recording: there is nothing to play or measure.").arg(take);
    case TakeAnalysis::State::Off:
        return tr("Take %1 is not analysed: speech analysis is turned off in Settings.").arg(take);
    case TakeAnalysis::State::Failed:
        return tr("Take %1 could not be analysed: %2").arg(take, analysis.message);
    case TakeAnalysis::State::NotAnalysed:
    case TakeAnalysis::State::Analysing:
        break;
    }
    return tr("Take %1 is not analysed yet: its pace, fillers and pauses are not measured.").arg(take);
}

void CompareDialog::showRatings()
{
    // Rebuilt for every comparison: the dimensions differ from round to round.
    qDeleteAll(m_ratings->findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    delete m_ratings->layout();
    auto *grid = new QGridLayout(m_ratings);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(fontMetrics().averageCharWidth() * 2);
    const AnswerDetail &a = m_comparison.a.detail;
    const AnswerDetail &b = m_comparison.b.detail;
    const auto cell = [this, grid](const QString &text, const QString &name, int row, int column, bool bold = false) {
        QLabel *label = plainLabel(name, m_ratings);
        label->setText(text);
        if (bold)
            label->setFont(Typography::scaledBold(label->font(), 1.0));
        if (column > 0)
            label->setAlignment(Qt::AlignCenter);
        grid->addWidget(label, row, column);
        return label;
    };
    const auto heading = [](const AnswerDetail &detail, Side side) {
        if (!detail.afterReplay.isEmpty())
            return tr("Take %1\n(after replay)").arg(letter(side));
        return detail.rightAfter ? tr("Take %1\n(right after)").arg(letter(side))
                                 : tr("Take %1\n(not rated)").arg(letter(side));
    };
    cell(tr("Dimension"), u"compareRatingsDimension"_s, 0, 0, true);
    cell(heading(a, Side::A), u"compareRatingsHeaderA"_s, 0, 1, true);
    cell(heading(b, Side::B), u"compareRatingsHeaderB"_s, 0, 2, true);
    cell(tr("Change"), u"compareRatingsHeaderChange"_s, 0, 3, true);
    int row = 1;
    const auto score = [](int value) { return value > 0 ? QString::number(value) : u"—"_s; };
    for (const Comparison::RatingLine &line : Comparison::ratingLines(a, b, m_loop.get())) {
        cell(line.title, u"compareDimension_"_s + line.dimensionId, row, 0);
        cell(score(line.a), u"compareScoreA_"_s + line.dimensionId, row, 1)
            ->setAccessibleName(tr("%1, take A: %2").arg(line.title, score(line.a)));
        cell(score(line.b), u"compareScoreB_"_s + line.dimensionId, row, 2)
            ->setAccessibleName(tr("%1, take B: %2").arg(line.title, score(line.b)));
        cell(line.change, u"compareChange_"_s + line.dimensionId, row, 3)
            ->setAccessibleName(tr("%1, change: %2").arg(line.title, line.change));
        ++row;
    }
    const std::optional<Rating> ratingA = Comparison::newestRating(a);
    const std::optional<Rating> ratingB = Comparison::newestRating(b);
    const std::optional<double> averageA = ratingA ? ratingA->average() : std::nullopt;
    const std::optional<double> averageB = ratingB ? ratingB->average() : std::nullopt;
    cell(tr("Average"), u"compareAverageTitle"_s, row, 0, true);
    cell(LibraryFormat::score(averageA), u"compareAverageA"_s, row, 1, true);
    cell(LibraryFormat::score(averageB), u"compareAverageB"_s, row, 2, true);
    cell(Comparison::averageChange(averageA, averageB), u"compareAverageChange"_s, row, 3, true);
    ++row;
    const auto flags = [](const std::optional<Rating> &rating) {
        const int count = rating ? int(rating->redFlagIds.size()) : 0;
        return count > 0 ? tr("⚑ %n red flag(s)", nullptr, count) : tr("none");
    };
    cell(tr("Red flags"), u"compareRedFlagsTitle"_s, row, 0);
    cell(flags(ratingA), u"compareRedFlagsA"_s, row, 1);
    cell(flags(ratingB), u"compareRedFlagsB"_s, row, 2);
    grid->setColumnStretch(0, 3);
    for (int column = 1; column < 4; ++column)
        grid->setColumnStretch(column, 1);
}

void CompareDialog::showMeasures()
{
    // One line per figure, each a sentence a screen reader reads whole; the summary joins them.
    for (QLabel *old : m_measuresBox->findChildren<QLabel *>(Qt::FindDirectChildrenOnly)) {
        if (old->objectName().startsWith(u"compareMeasure_"_s))
            delete old;
    }
    const QList<Comparison::MeasureLine> lines
        = Comparison::measureLines(m_comparison.a.facts, m_comparison.b.facts, m_loop.get());
    QStringList texts;
    int position = 1; // after the summary
    for (const Comparison::MeasureLine &line : lines) {
        QLabel *label = plainLabel(u"compareMeasure_"_s + line.id, m_measuresBox);
        label->setText(u"• "_s + line.text);
        label->setAccessibleName(line.text);
        m_measuresLayout->insertWidget(position++, label);
        texts << line.text;
    }
    // The list read as one sentence, for a screen reader.
    m_measuresBox->setAccessibleDescription(texts.isEmpty() ? QString()
                                                            : tr("From take A to take B: %1").arg(texts.join(u", "_s)));
    m_measuresSummary->setText(texts.isEmpty()
                                   ? tr("Nothing was measured in either take.")
                                   : tr("From take A to take B, measured from the recordings and your phase marks "
                                        "(approximate):"));
}

void CompareDialog::makeCurrent(Side side)
{
    if (m_current == side)
        return;
    m_current = side;
    updateStates();
}

void CompareDialog::switchTake()
{
    if (!m_comparison.ok() || m_ids[0] == 0)
        return;
    const Side from = m_current;
    const Side to = other(from);
    TakePlayerWidget *source = player(from);
    TakePlayerWidget *target = player(to);
    if (target->takePath().isEmpty() || target->isTakeMissing()) {
        m_announcement->announce(tr("Take %1 has no recording to play.").arg(letter(to)));
        return;
    }
    // The same point in the answer: the same fraction of each take.
    const bool playing = source->isPlaying();
    const qint64 fromLength = source->slider()->duration();
    const double fraction = fromLength > 0 ? double(source->position()) / double(fromLength) : 0.0;
    const qint64 at = std::llround(fraction * double(target->slider()->duration()));
    source->pause();
    m_current = to;
    target->seekTo(at);
    if (playing)
        target->togglePlayback();
    updateStates();
    const QString time = clock(target->position());
    m_announcement->announce(playing ? tr("Now playing take %1, %2").arg(letter(to), time)
                                     : tr("Take %1 selected, at %2: press Play or S").arg(letter(to), time),
                             playing ? QString() : tr("Take %1 selected, at %2").arg(letter(to), time));
}

void CompareDialog::updateStates()
{
    for (const Side side : {Side::A, Side::B}) {
        const Lane &lane = m_lanes[index(side)];
        const bool current = side == m_current;
        // Said in words, and the frame drawn raised: not by colour alone.
        lane.state->setText(lane.player->isPlaying() ? tr("▶ Playing") : current ? tr("● Selected") : QString());
        lane.frame->setFrameShadow(current ? QFrame::Raised : QFrame::Plain);
        lane.frame->setLineWidth(current ? 2 : 1);
        lane.frame->setAccessibleName(current ? tr("Take %1, selected").arg(letter(side))
                                              : tr("Take %1").arg(letter(side)));
    }
    const Side to = other(m_current);
    m_switch->setText(to == Side::A ? tr("Switch to Take &A") : tr("Switch to Take &B"));
    m_switch->setAccessibleName(tr("Switch to take %1 at the same point").arg(letter(to)));
    m_switch->setToolTip(tr("Play take %1 from the same point in the answer (S)").arg(letter(to)));
    m_switch->setEnabled(m_comparison.ok() && m_ids[0] != 0);
    if (m_announcement->text().isEmpty())
        m_announcement->setQuietText(tr("S switches between the takes at the same point in the answer."));
}

void CompareDialog::updateTimeScale()
{
    // The longer take sets the scale, so that a moment of each answer lies at the same place.
    const qint64 span = std::max(player(Side::A)->slider()->duration(), player(Side::B)->slider()->duration());
    for (const Lane &lane : m_lanes)
        lane.player->slider()->setTimeScale(span);
}

void CompareDialog::checkReady()
{
    // Ready once the comparison asked for last is shown and neither waveform is still loading.
    if (m_ready || m_shownGeneration != m_generation || m_ids[0] == 0)
        return;
    for (const Lane &lane : m_lanes) {
        if (lane.player->isWaveformLoading())
            return;
    }
    m_ready = true;
    Q_EMIT ready();
}

void CompareDialog::hideEvent(QHideEvent *event)
{
    for (Lane &lane : m_lanes)
        lane.player->pause();
    QDialog::hideEvent(event);
}

} // namespace MockLoop
