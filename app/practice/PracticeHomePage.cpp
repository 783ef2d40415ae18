#include "PracticeHomePage.h"

#include "LoopErrorsDialog.h"
#include "LoopOverview.h"
#include "SessionController.h"
#include "common/AppSettings.h"
#include "common/Format.h"
#include "common/Typography.h"
#include "library/PracticeLibrary.h"
#include "loops/LoopLoader.h"
#include "progress/ProgressLoader.h"
#include "session/Clock.h"
#include "session/SessionStore.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

enum Pick { NextDue, Random, FromCategory, Chosen };

} // namespace

PracticeHomePage::PracticeHomePage(const AppServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_resumeBanner(new QWidget(this))
    , m_resumeText(new QLabel(m_resumeBanner))
    , m_resumeButton(new QPushButton(tr("Re&sume"), m_resumeBanner))
    , m_discardButton(new QPushButton(tr("Dis&card…"), m_resumeBanner))
    , m_loopChoice(new QComboBox(this))
    , m_loopOrigin(new QLabel(this))
    , m_openLoop(new QPushButton(tr("&Open Loop File…"), this))
    , m_levelChoice(new QComboBox(this))
    , m_levelDetails(new QLabel(this))
    , m_modes(new QButtonGroup(this))
    , m_fullLoop(new QRadioButton(tr("Full &mock loop"), this))
    , m_oneRound(new QRadioButton(tr("One &round"), this))
    , m_singleQuestion(new QRadioButton(tr("Single &question"), this))
    , m_quickDrill(new QRadioButton(tr("Quick &drill"), this))
    , m_roundChoice(new QComboBox(this))
    , m_pickChoice(new QComboBox(this))
    , m_categoryChoice(new QComboBox(this))
    , m_questionChoice(new QComboBox(this))
    , m_drillCount(new QSpinBox(this))
    , m_startButton(new QPushButton(tr("S&tart"), this))
    , m_tip(new QLabel(this))
    , m_dueSummary(new QLabel(this))
    , m_overview(new LoopOverview(services.clock, this))
{
    setObjectName(u"practiceHomePage"_s);
    m_resumeBanner->setObjectName(u"resumeBanner"_s);
    m_resumeBanner->setAutoFillBackground(true);
    QPalette bannerColours = m_resumeBanner->palette();
    QColor highlight = bannerColours.color(QPalette::Highlight);
    highlight.setAlpha(40);
    bannerColours.setColor(QPalette::Window, highlight);
    m_resumeBanner->setPalette(bannerColours);
    m_resumeText->setObjectName(u"resumeText"_s);
    m_resumeText->setWordWrap(true);
    m_resumeButton->setObjectName(u"resumeButton"_s);
    m_discardButton->setObjectName(u"discardButton"_s);
    auto *bannerLayout = new QHBoxLayout(m_resumeBanner);
    bannerLayout->addWidget(m_resumeText, 1);
    bannerLayout->addWidget(m_discardButton);
    bannerLayout->addWidget(m_resumeButton);
    m_resumeBanner->hide();

    m_loopChoice->setObjectName(u"loopChoice"_s);
    m_loopOrigin->setObjectName(u"loopOrigin"_s);
    m_loopOrigin->setForegroundRole(QPalette::PlaceholderText);
    m_loopOrigin->setWordWrap(true);
    m_openLoop->setObjectName(u"openLoopButton"_s);
    m_levelChoice->setObjectName(u"levelChoice"_s);
    m_levelDetails->setObjectName(u"levelDetails"_s);
    m_levelDetails->setWordWrap(true);
    m_levelDetails->setForegroundRole(QPalette::PlaceholderText);
    m_fullLoop->setObjectName(u"modeFullLoop"_s);
    m_oneRound->setObjectName(u"modeOneRound"_s);
    m_singleQuestion->setObjectName(u"modeSingleQuestion"_s);
    m_quickDrill->setObjectName(u"modeQuickDrill"_s);
    m_modes->addButton(m_fullLoop, int(SessionMode::FullLoop));
    m_modes->addButton(m_oneRound, int(SessionMode::OneRound));
    m_modes->addButton(m_singleQuestion, int(SessionMode::SingleQuestion));
    m_modes->addButton(m_quickDrill, int(SessionMode::QuickDrill));
    m_roundChoice->setObjectName(u"roundChoice"_s);
    m_roundChoice->setAccessibleName(tr("Round to practise"));
    m_pickChoice->setObjectName(u"questionPickChoice"_s);
    m_pickChoice->setAccessibleName(tr("Which question"));
    m_pickChoice->addItem(tr("The one most due for practice"), NextDue);
    m_pickChoice->addItem(tr("A random question"), Random);
    m_pickChoice->addItem(tr("A random question from a category"), FromCategory);
    m_pickChoice->addItem(tr("A question I choose"), Chosen);
    m_categoryChoice->setObjectName(u"categoryChoice"_s);
    m_categoryChoice->setAccessibleName(tr("Category"));
    m_questionChoice->setObjectName(u"questionChoice"_s);
    m_questionChoice->setAccessibleName(tr("Question"));
    m_questionChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_questionChoice->setMinimumContentsLength(30);
    m_drillCount->setObjectName(u"drillCount"_s);
    m_drillCount->setAccessibleName(tr("Questions in the drill"));
    m_drillCount->setRange(1, 50);
    m_drillCount->setSuffix(tr(" questions"));
    m_drillCount->setValue(AppSettings::sessionSettings().drillQuestionCount);
    m_startButton->setObjectName(u"startButton"_s);
    m_startButton->setDefault(true);
    m_startButton->setMinimumHeight(m_startButton->sizeHint().height() * 3 / 2);
    m_startButton->setToolTip(tr("Start practising (Ctrl+Return)"));

    auto *loopRow = new QHBoxLayout;
    loopRow->addWidget(m_loopChoice, 1);
    loopRow->addWidget(m_openLoop);
    auto *choices = new QFormLayout;
    auto *loopLabel = new QLabel(tr("&Loop:"), this);
    loopLabel->setBuddy(m_loopChoice);
    choices->addRow(loopLabel, loopRow);
    choices->addRow(QString(), m_loopOrigin);
    auto *levelLabel = new QLabel(tr("L&evel:"), this);
    levelLabel->setBuddy(m_levelChoice);
    choices->addRow(levelLabel, m_levelChoice);
    choices->addRow(QString(), m_levelDetails);

    auto *modeBox = new QGroupBox(tr("What to practise"), this);
    auto *modeLayout = new QGridLayout(modeBox);
    modeLayout->addWidget(m_fullLoop, 0, 0, 1, 2);
    modeLayout->addWidget(m_oneRound, 1, 0);
    modeLayout->addWidget(m_roundChoice, 1, 1);
    modeLayout->addWidget(m_singleQuestion, 2, 0);
    modeLayout->addWidget(m_pickChoice, 2, 1);
    modeLayout->addWidget(m_categoryChoice, 3, 1);
    modeLayout->addWidget(m_questionChoice, 4, 1);
    modeLayout->addWidget(m_quickDrill, 5, 0);
    modeLayout->addWidget(m_drillCount, 5, 1);
    modeLayout->setColumnStretch(1, 1);

    m_tip->setObjectName(u"tipOfTheDay"_s);
    m_tip->setWordWrap(true);
    m_tip->setTextFormat(Qt::RichText);
    m_tip->setForegroundRole(QPalette::PlaceholderText);
    m_tip->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_dueSummary->setObjectName(u"dueSummary"_s);
    m_dueSummary->setTextFormat(Qt::RichText);
    m_dueSummary->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_dueSummary->hide();
    connect(m_dueSummary, &QLabel::linkActivated, this, &PracticeHomePage::progressRequested);
    auto *left = new QVBoxLayout;
    left->addLayout(choices);
    left->addWidget(modeBox);
    left->addWidget(m_startButton);
    left->addWidget(m_dueSummary);
    left->addSpacing(12);
    left->addWidget(m_tip);
    left->addStretch();

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addSpacing(16);
    columns->addWidget(m_overview, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_resumeBanner);
    layout->addLayout(columns, 1);

    connect(m_loopChoice, &QComboBox::currentIndexChanged, this, &PracticeHomePage::showLoop);
    connect(m_levelChoice, &QComboBox::currentIndexChanged, this, [this] {
        const auto loop = currentLoop();
        const Level *level = loop ? loop->level(m_levelChoice->currentData().toString()) : nullptr;
        // Remembered for this loop only; a loop without levels leaves every other loop's choice.
        if (level)
            AppSettings::setLevelFor(loop->id, level->id);
        m_levelDetails->setText(level ? tr("%1 · %2 · %3").arg(level->teamInfluence, level->scope, level->focus)
                                      : QString());
    });
    connect(m_modes, &QButtonGroup::idToggled, this, &PracticeHomePage::updateModeControls);
    connect(m_roundChoice, &QComboBox::currentIndexChanged, this,
            [this](int index) { m_overview->selectRound(index); });
    connect(m_pickChoice, &QComboBox::currentIndexChanged, this, &PracticeHomePage::updateModeControls);
    connect(m_startButton, &QPushButton::clicked, this, &PracticeHomePage::start);
    connect(m_resumeButton, &QPushButton::clicked, this, &PracticeHomePage::resume);
    connect(m_discardButton, &QPushButton::clicked, this, &PracticeHomePage::discardUnfinished);
    connect(m_openLoop, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Loop File"), QString(),
                                                          tr("Interview loops (*.yaml *.yml);;All files (*)"));
        if (!path.isEmpty())
            openLoopFile(path);
    });

    m_wantedLoopId = AppSettings::lastLoopId();
    const auto mode = modeFromName(AppSettings::lastMode()).value_or(SessionMode::OneRound);
    m_modes->button(int(mode))->setChecked(true);
    updateModeControls();
}

void PracticeHomePage::setCatalog(const LoopCatalog &catalog)
{
    m_catalog = catalog;
    // Loops arrive one by one: the loop chosen last time is kept as the wish until it arrives, not
    // replaced by whichever loop came first.
    fillLoopChoice(m_wantedLoopId);
}

void PracticeHomePage::fillLoopChoice(const QString &selectLoopId)
{
    m_wantedLoopId = selectLoopId;
    const QSignalBlocker blocker(m_loopChoice);
    m_loopChoice->clear();
    for (const CatalogEntry &entry : m_catalog.activeEntries())
        m_loopChoice->addItem(entry.loop->title, entry.loop->id);
    const int index = m_loopChoice->findData(selectLoopId);
    m_loopChoice->setCurrentIndex(std::max(0, index));
    showLoop();
}

std::shared_ptr<const Loop> PracticeHomePage::currentLoop() const
{
    return m_catalog.find(m_loopChoice->currentData().toString());
}

void PracticeHomePage::showLoop()
{
    const auto loop = currentLoop();
    m_startButton->setEnabled(loop != nullptr);
    m_overview->showLoop(loop);
    if (!loop)
        return;
    // Remembered only once the loop wished for is there (or the person chose another).
    if (loop->id == m_wantedLoopId || m_loopChoice->findData(m_wantedLoopId) >= 0) {
        m_wantedLoopId = loop->id;
        AppSettings::setLastLoopId(loop->id);
    }
    for (const CatalogEntry &entry : m_catalog.entries()) {
        if (entry.isActive() && entry.loop->id == loop->id) {
            QString origin = originName(entry.origin);
            if (entry.origin != LoopOrigin::BuiltIn)
                origin += u": "_s + entry.location;
            if (!entry.overrides.isEmpty())
                origin += tr(" (replaces the built-in loop)");
            m_loopOrigin->setText(origin);
        }
    }
    // A different tip each time the page shows a loop, as a nudge before starting.
    m_tip->setText(
        loop->tips.isEmpty()
            ? QString()
            : tr("<b>Tip</b>: %1")
                  .arg(
                      loop->tips.at(int(QRandomGenerator::global()->bounded(int(loop->tips.size())))).toHtmlEscaped()));
    showDueSummary();
    m_fullLoop->setText(tr("Full &mock loop: %n round(s), ", nullptr, int(loop->rounds.size()))
                        + Format::minutes(loop->totalMinutes()) + tr(" plus breaks"));

    const QString level = AppSettings::levelFor(loop->id);
    {
        const QSignalBlocker blocker(m_levelChoice);
        m_levelChoice->clear();
        for (const Level &loopLevel : loop->levels)
            m_levelChoice->addItem(loopLevel.title, loopLevel.id);
        m_levelChoice->setCurrentIndex(std::max(0, m_levelChoice->findData(level)));
    }
    m_levelChoice->setEnabled(!loop->levels.isEmpty());
    Q_EMIT m_levelChoice->currentIndexChanged(m_levelChoice->currentIndex());

    m_roundChoice->clear();
    for (const Round &round : loop->rounds)
        m_roundChoice->addItem(u"%1 (%2)"_s.arg(round.title, Format::minutes(round.durationMinutes)), round.id);
    m_roundChoice->setCurrentIndex(std::max(0, m_roundChoice->findData(AppSettings::lastRoundId())));
    m_categoryChoice->clear();
    for (const Category &category : loop->categories)
        m_categoryChoice->addItem(category.title, category.id);
    m_questionChoice->clear();
    for (const Question &question : loop->questions)
        m_questionChoice->addItem(question.text, question.id);
    updateModeControls();
}

void PracticeHomePage::updateModeControls()
{
    const auto mode = SessionMode(m_modes->checkedId());
    const int pick = m_pickChoice->currentData().toInt();
    m_roundChoice->setEnabled(mode == SessionMode::OneRound);
    m_pickChoice->setEnabled(mode == SessionMode::SingleQuestion);
    m_categoryChoice->setVisible(mode == SessionMode::SingleQuestion && pick == FromCategory);
    m_questionChoice->setVisible(mode == SessionMode::SingleQuestion && pick == Chosen);
    m_drillCount->setEnabled(mode == SessionMode::QuickDrill);
}

SessionRequest PracticeHomePage::request() const
{
    SessionRequest request;
    request.mode = SessionMode(m_modes->checkedId());
    request.settings = AppSettings::sessionSettings();
    request.settings.levelId = m_levelChoice->currentData().toString();
    request.settings.drillQuestionCount = m_drillCount->value();
    request.roundId = m_roundChoice->currentData().toString();
    switch (m_pickChoice->currentData().toInt()) {
    case NextDue:
        request.pick = QuestionPick::NextDue;
        break;
    case Random:
        request.pick = QuestionPick::RandomAny;
        break;
    case FromCategory:
        request.pick = QuestionPick::RandomFromCategory;
        request.categoryId = m_categoryChoice->currentData().toString();
        break;
    case Chosen:
        request.pick = QuestionPick::Chosen;
        request.questionId = m_questionChoice->currentData().toString();
        break;
    }
    return request;
}

void PracticeHomePage::start()
{
    const auto loop = currentLoop();
    if (!loop || m_starting)
        return;
    if (m_unfinished) {
        QMessageBox box(QMessageBox::Question, tr("Start a new session?"),
                        tr("You have an unfinished session. Starting a new one discards it; its answers stay in "
                           "your library."),
                        QMessageBox::Cancel, this);
        box.setObjectName(u"replaceUnfinishedConfirmation"_s);
        QPushButton *replace = box.addButton(tr("Start New Session"), QMessageBox::AcceptRole);
        box.exec();
        if (box.clickedButton() != replace)
            return;
        // The new session writes the session file; the old one's answers go into the library.
        endUnfinished(true);
        showUnfinished(std::nullopt, {});
    }
    const SessionRequest wanted = request();
    SessionSettings remembered = AppSettings::sessionSettings();
    remembered.drillQuestionCount = wanted.settings.drillQuestionCount;
    AppSettings::setSessionSettings(remembered);
    AppSettings::setLastMode(modeName(wanted.mode));
    AppSettings::setLastRoundId(wanted.roundId);

    // The practice history comes from the library's thread; planning waits for it, the GUI not.
    m_starting = true;
    m_startButton->setEnabled(false);
    const QString loopId = loop->id;
    m_services.library
        ->run([loopId](LibraryStore *store) {
            return store ? store->questionStats(loopId) : QHash<QString, QuestionStats>();
        })
        .then(this, [this, loop, wanted](const QHash<QString, QuestionStats> &stats) {
            m_starting = false;
            m_startButton->setEnabled(true);
            auto controller = std::make_unique<SessionController>(m_services);
            QString error;
            if (!controller->start(loop, wanted, stats, &error)) {
                QMessageBox::warning(this, tr("Cannot start"), error);
                return;
            }
            begin(std::move(controller));
        });
}

void PracticeHomePage::begin(std::unique_ptr<SessionController> controller)
{
    Q_EMIT sessionStarted(controller.release());
}

void PracticeHomePage::prepareQuestion(const QString &loopId, const QString &questionId)
{
    fillLoopChoice(loopId);
    m_singleQuestion->setChecked(true);
    m_pickChoice->setCurrentIndex(m_pickChoice->findData(Chosen));
    m_questionChoice->setCurrentIndex(std::max(0, m_questionChoice->findData(questionId)));
    updateModeControls();
}

void PracticeHomePage::showDueSummary()
{
    const auto loop = currentLoop();
    if (!loop)
        return;
    const QString loopId = loop->id;
    loadDueSummary(*m_services.library, loop, m_services.clock->wallTime())
        .then(this, [this, loopId](const Progress::DueSummary &summary) {
            if (!currentLoop() || currentLoop()->id != loopId)
                return; // another loop was chosen meanwhile
            m_dueSummary->setText(
                u"%1 · <a href=\"progress\">%2</a>"_s.arg(summary.text.toHtmlEscaped(), tr("See your progress")));
            m_dueSummary->setAccessibleName(summary.text);
            m_dueSummary->setVisible(!summary.text.isEmpty());
        });
}

void PracticeHomePage::checkForUnfinishedSession()
{
    showDueSummary(); // after a session, the queue has moved on
    const QString path = m_services.sessionFilePath;
    auto *watcher = new QFutureWatcher<std::pair<std::optional<SessionSnapshot>, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const auto [snapshot, error] = watcher->result();
        showUnfinished(snapshot, error);
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([path] {
        QString error;
        auto snapshot = FileSessionStore::loadForResume(path, &error);
        return std::pair(snapshot, error);
    }));
}

void PracticeHomePage::showUnfinished(std::optional<SessionSnapshot> snapshot, const QString &error)
{
    m_unfinished = std::move(snapshot);
    if (!error.isEmpty()) {
        // The file was kept aside (or could not be read): nothing to resume or discard, only to
        // read and dismiss.
        m_resumeText->setText(error);
        m_resumeButton->hide();
        m_discardButton->setText(tr("&Got it"));
        m_discardButton->show();
        m_resumeBanner->show();
        Q_EMIT unfinishedSessionChanged(false);
        return;
    }
    if (!m_unfinished) {
        m_resumeBanner->hide();
        Q_EMIT unfinishedSessionChanged(false);
        return;
    }
    const SessionSnapshot &saved = *m_unfinished;
    const auto loop = m_catalog.find(saved.loopId);
    const SessionSegment &segment = saved.plan.segments.at(saved.segmentIndex);
    QString where = saved.plan.segments.size() > 1
        ? tr("round %1 of %2 (%3)").arg(saved.segmentIndex + 1).arg(saved.plan.segments.size()).arg(segment.title)
        : segment.title;
    const QString title = (loop ? loop->title : saved.loopId).toHtmlEscaped();
    if (saved.state == SessionState::Finished)
        // It ended while the library refused to save: resuming saves what it holds.
        m_resumeText->setText(tr("<b>A session not yet in your library</b>: %1, %n answer(s), ended %2. Resume it "
                                 "to save them.",
                                 nullptr, int(saved.answers.size()))
                                  .arg(title, Format::relativeTime(saved.savedAt.toLocalTime())));
    else
        m_resumeText->setText(
            tr("<b>Unfinished session</b>: %1, %2, %n answer(s) so far, saved %3.", nullptr, int(saved.answers.size()))
                .arg(title, where.toHtmlEscaped(), Format::relativeTime(saved.savedAt.toLocalTime())));
    m_discardButton->setText(tr("Dis&card…"));
    m_resumeButton->setVisible(loop != nullptr);
    m_resumeButton->setToolTip(loop ? QString() : tr("The loop %1 is no longer available").arg(saved.loopId));
    m_discardButton->show();
    m_resumeBanner->show();
    Q_EMIT unfinishedSessionChanged(loop != nullptr);
}

void PracticeHomePage::resume()
{
    if (!m_unfinished)
        return;
    const auto loop = m_catalog.find(m_unfinished->loopId);
    if (!loop)
        return;
    auto controller = std::make_unique<SessionController>(m_services);
    QString error;
    if (!controller->resume(loop, *m_unfinished, &error)) {
        QMessageBox::warning(this, tr("Cannot resume"), error);
        return;
    }
    m_unfinished.reset();
    m_resumeBanner->hide();
    Q_EMIT unfinishedSessionChanged(false);
    begin(std::move(controller));
}

void PracticeHomePage::discardUnfinished()
{
    if (!m_unfinished) {
        m_resumeBanner->hide();
        return;
    }
    QMessageBox box(QMessageBox::Question, tr("Discard the unfinished session?"),
                    tr("It can no longer be resumed. Every answer you gave stays in your library, the one you "
                       "were giving too (unrated, with its recording)."),
                    QMessageBox::Cancel, this);
    box.setObjectName(u"discardConfirmation"_s);
    QPushButton *discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.exec();
    if (box.clickedButton() != discard)
        return;
    endUnfinished(false);
    showUnfinished(std::nullopt, {});
}

void PracticeHomePage::endUnfinished(bool newSessionFollows)
{
    if (!m_unfinished)
        return;
    const auto loop = m_catalog.find(m_unfinished->loopId);
    if (loop) {
        // Run to its end in the background: every answer, the one in progress with its take, is
        // kept in the library; the session file goes once the library holds them.
        SessionController::abandonUnfinished(m_services, loop, *m_unfinished, newSessionFollows);
        return;
    }
    // Its loop is gone, so it cannot be replayed; its saved answers are in the library already and
    // its takes are offered in the Library.
    const QString path = m_services.sessionFilePath;
    const QString sessionId = m_unfinished->sessionId;
    const QDateTime now = m_services.clock->wallTime();
    if (!newSessionFollows)
        (void)QtConcurrent::run([path] { QFile::remove(path); });
    m_services.library->run(
        [sessionId, now](LibraryStore *store) { return store && store->finishSession(sessionId, now, true); });
}

void PracticeHomePage::openLoopFile(const QString &path)
{
    auto *watcher = new QFutureWatcher<LoopLoadResult>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, path] {
        const LoopLoadResult result = watcher->result();
        watcher->deleteLater();
        if (!result.ok()) {
            showLoopErrors(path, result.diagnostics);
            return;
        }
        m_catalog.addFile(path);
        fillLoopChoice(result.loop->id);
        if (!result.diagnostics.isEmpty())
            showLoopErrors(path, result.diagnostics);
    });
    watcher->setFuture(QtConcurrent::run([path] { return LoopLoader::loadFile(path); }));
}

void PracticeHomePage::showLoopErrors(const QString &path, const LoopDiagnostics &diagnostics)
{
    auto *dialog = new LoopErrorsDialog(path, diagnostics, this);
    dialog->open();
    Q_EMIT loopErrorsShown();
}

} // namespace MockLoop
