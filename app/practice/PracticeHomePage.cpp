#include "PracticeHomePage.h"

#include "SessionController.h"
#include "common/AppSettings.h"
#include "common/Format.h"
#include "common/Typography.h"
#include "library/PracticeLibrary.h"
#include "loops/LoopLoader.h"
#include "session/Clock.h"
#include "session/SessionStore.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateEdit>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QTreeWidget>
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
    , m_loopTitle(new QLabel(this))
    , m_loopDescription(new QLabel(this))
    , m_rounds(new QTreeWidget(this))
    , m_roundDetails(new QLabel(this))
    , m_preparation(new QTreeWidget(this))
    , m_interviewDate(new QDateEdit(this))
    , m_countdownToInterview(new QLabel(this))
    , m_tips(new QLabel(this))
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
    m_pickChoice->setObjectName(u"questionPickChoice"_s);
    m_pickChoice->addItem(tr("The one most due for practice"), NextDue);
    m_pickChoice->addItem(tr("A random question"), Random);
    m_pickChoice->addItem(tr("A random question from a category"), FromCategory);
    m_pickChoice->addItem(tr("A question I choose"), Chosen);
    m_categoryChoice->setObjectName(u"categoryChoice"_s);
    m_questionChoice->setObjectName(u"questionChoice"_s);
    m_questionChoice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_questionChoice->setMinimumContentsLength(30);
    m_drillCount->setObjectName(u"drillCount"_s);
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
    auto *left = new QVBoxLayout;
    left->addLayout(choices);
    left->addWidget(modeBox);
    left->addWidget(m_startButton);
    left->addSpacing(12);
    left->addWidget(m_tip);
    left->addStretch();

    m_loopTitle->setObjectName(u"loopTitle"_s);
    m_loopTitle->setFont(Typography::scaledBold(m_loopTitle->font(), 1.5));
    m_loopTitle->setWordWrap(true);
    m_loopDescription->setObjectName(u"loopDescription"_s);
    m_loopDescription->setWordWrap(true);
    m_rounds->setObjectName(u"roundList"_s);
    m_rounds->setColumnCount(4);
    m_rounds->setHeaderLabels({tr("Round"), tr("Interviewer"), tr("Length"), tr("Focus")});
    m_rounds->setRootIsDecorated(false);
    m_rounds->setUniformRowHeights(true);
    m_rounds->header()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_rounds->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_roundDetails->setObjectName(u"roundDetails"_s);
    m_roundDetails->setWordWrap(true);
    m_roundDetails->setTextFormat(Qt::RichText);
    m_roundDetails->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *roundsTab = new QWidget(this);
    auto *roundsLayout = new QVBoxLayout(roundsTab);
    roundsLayout->addWidget(m_rounds, 2);
    roundsLayout->addWidget(m_roundDetails, 3);
    m_preparation->setObjectName(u"preparationPlan"_s);
    m_preparation->setHeaderHidden(true);
    m_preparation->setUniformRowHeights(false);
    m_preparation->setWordWrap(true);
    m_tips->setObjectName(u"loopTips"_s);
    m_tips->setWordWrap(true);
    m_tips->setTextFormat(Qt::RichText);
    m_tips->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto *tipsScroll = new QScrollArea(this);
    tipsScroll->setWidget(m_tips);
    tipsScroll->setWidgetResizable(true);
    tipsScroll->setFrameShape(QFrame::NoFrame);
    // The plan's milestones are counted back from the interview, so the date makes them real.
    m_interviewDate->setObjectName(u"interviewDate"_s);
    m_interviewDate->setCalendarPopup(true);
    m_interviewDate->setDisplayFormat(QLocale().dateFormat(QLocale::LongFormat));
    m_countdownToInterview->setObjectName(u"interviewCountdown"_s);
    auto *dateLabel = new QLabel(tr("&Interview on:"), this);
    dateLabel->setBuddy(m_interviewDate);
    auto *dateRow = new QHBoxLayout;
    dateRow->addWidget(dateLabel);
    dateRow->addWidget(m_interviewDate);
    dateRow->addWidget(m_countdownToInterview, 1);
    auto *preparationTab = new QWidget(this);
    auto *preparationLayout = new QVBoxLayout(preparationTab);
    preparationLayout->addLayout(dateRow);
    preparationLayout->addWidget(m_preparation, 1);
    auto *tabs = new QTabWidget(this);
    tabs->setObjectName(u"loopTabs"_s);
    tabs->addTab(roundsTab, tr("Rounds"));
    tabs->addTab(preparationTab, tr("Preparation plan"));
    tabs->addTab(tipsScroll, tr("What they look for"));
    auto *right = new QVBoxLayout;
    right->addWidget(m_loopTitle);
    right->addWidget(m_loopDescription);
    right->addWidget(tabs, 1);

    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 2);
    columns->addSpacing(16);
    columns->addLayout(right, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_resumeBanner);
    layout->addLayout(columns, 1);

    connect(m_loopChoice, &QComboBox::currentIndexChanged, this, &PracticeHomePage::showLoop);
    connect(m_levelChoice, &QComboBox::currentIndexChanged, this, [this] {
        const auto loop = currentLoop();
        const Level *level = loop ? loop->level(m_levelChoice->currentData().toString()) : nullptr;
        m_levelDetails->setText(level ? tr("%1 · %2 · %3").arg(level->teamInfluence, level->scope, level->focus)
                                      : QString());
    });
    connect(m_modes, &QButtonGroup::idToggled, this, &PracticeHomePage::updateModeControls);
    connect(m_rounds, &QTreeWidget::currentItemChanged, this, &PracticeHomePage::showRoundDetails);
    connect(m_roundChoice, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0 && index < m_rounds->topLevelItemCount())
            m_rounds->setCurrentItem(m_rounds->topLevelItem(index));
    });
    connect(m_interviewDate, &QDateEdit::dateChanged, this, [this](QDate date) {
        if (const auto loop = currentLoop()) {
            QSettings().setValue(u"preparation/%1/interviewDate"_s.arg(loop->id), date);
            showPreparation(*loop);
        }
    });
    connect(m_preparation, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem *item) {
        const QString key = item->data(0, Qt::UserRole).toString();
        if (!key.isEmpty())
            QSettings().setValue(key, item->checkState(0) == Qt::Checked);
    });
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

    const auto mode = modeFromName(AppSettings::lastMode()).value_or(SessionMode::OneRound);
    m_modes->button(int(mode))->setChecked(true);
    updateModeControls();
}

void PracticeHomePage::setCatalog(const LoopCatalog &catalog)
{
    m_catalog = catalog;
    fillLoopChoice(AppSettings::lastLoopId());
}

void PracticeHomePage::fillLoopChoice(const QString &selectLoopId)
{
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
    m_rounds->clear();
    if (!loop) {
        m_loopTitle->setText(tr("No loop"));
        m_loopDescription->setText(tr("Open a loop file, or put one in %1.").arg(LoopCatalog::userLoopFolder()));
        return;
    }
    AppSettings::setLastLoopId(loop->id);
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
    m_loopTitle->setText(loop->title);
    m_loopDescription->setText(loop->description);
    for (const Round &round : loop->rounds) {
        auto *item = new QTreeWidgetItem(
            m_rounds,
            {round.title, round.interviewer, Format::minutes(round.durationMinutes), round.focus.join(u", "_s)});
        item->setToolTip(3, round.evaluates.join(u"\n"_s));
    }
    for (int column = 0; column < 3; ++column)
        m_rounds->resizeColumnToContents(column);
    showPreparation(*loop);
    QString tips;
    if (!loop->successFactors.isEmpty()) {
        tips += u"<h3>%1</h3><ul>"_s.arg(
            tr("What %1 values most").arg((loop->company.isEmpty() ? loop->title : loop->company).toHtmlEscaped()));
        for (const SuccessFactor &factor : loop->successFactors)
            tips += u"<li><b>%1</b>: %2</li>"_s.arg(factor.title.toHtmlEscaped(), factor.text.toHtmlEscaped());
        tips += u"</ul>"_s;
    }
    if (!loop->tips.isEmpty()) {
        tips += u"<h3>%1</h3><ul>"_s.arg(tr("Tips"));
        for (const QString &tip : loop->tips)
            tips += u"<li>%1</li>"_s.arg(tip.toHtmlEscaped());
        tips += u"</ul>"_s;
    }
    m_tips->setText(tips);
    // A different tip each time the page shows a loop, as a nudge before starting.
    m_tip->setText(
        loop->tips.isEmpty()
            ? QString()
            : tr("<b>Tip</b>: %1")
                  .arg(
                      loop->tips.at(int(QRandomGenerator::global()->bounded(int(loop->tips.size())))).toHtmlEscaped()));
    m_fullLoop->setText(tr("Full &mock loop: %n round(s), ", nullptr, int(loop->rounds.size()))
                        + Format::minutes(loop->totalMinutes()) + tr(" plus breaks"));

    const QString level = AppSettings::sessionSettings().levelId;
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

void PracticeHomePage::showRoundDetails()
{
    const auto loop = currentLoop();
    QTreeWidgetItem *item = m_rounds->currentItem();
    const int index = item ? m_rounds->indexOfTopLevelItem(item) : -1;
    if (!loop || index < 0 || index >= loop->rounds.size()) {
        m_roundDetails->clear();
        return;
    }
    const Round &round = loop->rounds.at(index);
    const auto bullets = [](const QStringList &items) -> QString { // not a QStringBuilder of a local
        QString html = u"<ul>"_s;
        for (const QString &entry : items)
            html += u"<li>"_s + entry.toHtmlEscaped() + u"</li>"_s;
        return html + u"</ul>"_s;
    };
    QString html = u"<b>%1</b> · %2 · %3"_s.arg(round.title.toHtmlEscaped(), round.interviewer.toHtmlEscaped(),
                                                Format::minutes(round.durationMinutes));
    if (!round.focus.isEmpty())
        html += u"<p><b>%1</b></p>"_s.arg(tr("Focus")) + bullets(round.focus);
    if (!round.evaluates.isEmpty())
        html += u"<p><b>%1</b></p>"_s.arg(tr("What the interviewer evaluates")) + bullets(round.evaluates);
    m_roundDetails->setText(html);
}

void PracticeHomePage::showPreparation(const Loop &loop)
{
    const QDate today = m_services.clock ? m_services.clock->wallTime().toLocalTime().date() : QDate::currentDate();
    QDate interview = QSettings().value(u"preparation/%1/interviewDate"_s.arg(loop.id)).toDate();
    if (!interview.isValid())
        interview = today.addDays(56); // eight weeks out: the plan's first milestone is today
    {
        const QSignalBlocker dateBlocker(m_interviewDate);
        m_interviewDate->setDate(interview);
    }
    const qint64 daysLeft = today.daysTo(interview);
    m_countdownToInterview->setText(daysLeft > 0        ? tr("%n day(s) to go", nullptr, int(daysLeft))
                                        : daysLeft == 0 ? tr("Today. Good luck.")
                                                        : QString());
    const QSignalBlocker blocker(m_preparation);
    m_preparation->clear();
    for (const PreparationMilestone &milestone : loop.preparation) {
        const QDate from = interview.addDays(-milestone.daysBefore);
        QString heading = tr("%1 (%2)").arg(milestone.title, QLocale().toString(from, QLocale::ShortFormat));
        if (from <= today && (milestone.daysBefore == 0 || today < interview))
            heading += tr(": now");
        auto *group = new QTreeWidgetItem(m_preparation, {heading});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
        for (qsizetype i = 0; i < milestone.items.size(); ++i) {
            auto *item = new QTreeWidgetItem(group, {milestone.items.at(i)});
            // Ticks are remembered per loop, milestone and item, across runs.
            const QString key = u"preparation/%1/%2/%3"_s.arg(loop.id, milestone.id).arg(i);
            item->setData(0, Qt::UserRole, key);
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(0, QSettings().value(key).toBool() ? Qt::Checked : Qt::Unchecked);
        }
        group->setExpanded(true);
    }
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
        showUnfinished(std::nullopt, {});
    }
    const SessionRequest wanted = request();
    SessionSettings remembered = AppSettings::sessionSettings();
    remembered.levelId = wanted.settings.levelId;
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

void PracticeHomePage::checkForUnfinishedSession()
{
    const QString path = m_services.sessionFilePath;
    auto *watcher = new QFutureWatcher<std::pair<std::optional<SessionSnapshot>, QString>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        const auto [snapshot, error] = watcher->result();
        showUnfinished(snapshot, error);
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([path] {
        QString error;
        auto snapshot = FileSessionStore::load(path, &error);
        return std::pair(snapshot, error);
    }));
}

void PracticeHomePage::showUnfinished(std::optional<SessionSnapshot> snapshot, const QString &error)
{
    m_unfinished = std::move(snapshot);
    if (!error.isEmpty()) {
        m_resumeText->setText(error);
        m_resumeButton->hide();
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
    m_resumeText->setText(
        tr("<b>Unfinished session</b>: %1, %2, %n answer(s) so far, saved %3.", nullptr, int(saved.answers.size()))
            .arg((loop ? loop->title : saved.loopId).toHtmlEscaped(), where.toHtmlEscaped(),
                 Format::relativeTime(saved.savedAt.toLocalTime())));
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
    QMessageBox box(QMessageBox::Question, tr("Discard the unfinished session?"),
                    tr("It can no longer be resumed. The answers you gave stay in your library."), QMessageBox::Cancel,
                    this);
    box.setObjectName(u"discardConfirmation"_s);
    QPushButton *discard = box.addButton(tr("Discard"), QMessageBox::DestructiveRole);
    box.exec();
    if (box.clickedButton() != discard)
        return;
    const QString path = m_services.sessionFilePath;
    const QString sessionId = m_unfinished ? m_unfinished->sessionId : QString();
    const QDateTime now = m_services.clock->wallTime();
    (void)QtConcurrent::run([path] { QFile::remove(path); });
    if (!sessionId.isEmpty())
        m_services.library->run(
            [sessionId, now](LibraryStore *store) { return store && store->finishSession(sessionId, now, true); });
    showUnfinished(std::nullopt, {});
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
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"loopErrorsDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(containsErrors(diagnostics) ? tr("The loop file has errors")
                                                       : tr("Warnings in the loop file"));
    auto *intro
        = new QLabel(containsErrors(diagnostics) ? tr("%1 could not be loaded. Fix these and open it again:").arg(path)
                                                 : tr("%1 was loaded, with these warnings:").arg(path),
                     dialog);
    intro->setWordWrap(true);
    auto *list = new QPlainTextEdit(dialog);
    list->setObjectName(u"loopErrorsList"_s);
    list->setReadOnly(true);
    list->setLineWrapMode(QPlainTextEdit::NoWrap);
    QStringList lines;
    for (const LoopDiagnostic &diagnostic : diagnostics) {
        const QString where
            = diagnostic.line > 0 ? tr("line %1, column %2").arg(diagnostic.line).arg(diagnostic.column) : tr("file");
        lines << u"%1: %2%3"_s.arg(where, diagnostic.fieldPath.isEmpty() ? QString() : diagnostic.fieldPath + u": "_s,
                                   diagnostic.message);
    }
    list->setPlainText(lines.join(u'\n'));
    QFont mono = list->font();
    mono.setStyleHint(QFont::Monospace);
    mono.setFamily(u"monospace"_s);
    list->setFont(mono);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(intro);
    layout->addWidget(list, 1);
    layout->addWidget(buttons);
    dialog->resize(760, 360);
    dialog->open();
    Q_EMIT loopErrorsShown();
}

} // namespace MockLoop
