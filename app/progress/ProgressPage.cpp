#include "ProgressPage.h"

#include "ChartPanel.h"
#include "common/AppSettings.h"
#include "common/LoopChoice.h"
#include "library/PracticeLibrary.h"
#include "loops/Loop.h"
#include "progress/ProgressLoader.h"
#include "session/Clock.h"
#include "widgets/WrappingRow.h"

#include <QAccessible>
#include <QCalendarWidget>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QTextCharFormat>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// How many questions of the queue the page lists.
constexpr int QueueShown = 8;

QLabel *heading(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont font = label->font();
    font.setBold(true);
    font.setPointSizeF(font.pointSizeF() * 1.15);
    label->setFont(font);
    return label;
}

QComboBox *filterChoice(const QString &name, const QString &accessibleName, QWidget *parent)
{
    auto *choice = new QComboBox(parent);
    choice->setObjectName(name);
    choice->setAccessibleName(accessibleName);
    // As wide as the row allows, not as its longest item: in large type four of those in a row
    // would push the page past the screen (the popup shows items whole).
    choice->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    choice->setMinimumContentsLength(10);
    choice->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return choice;
}

} // namespace

ProgressPage::ProgressPage(const AppServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_loopChoice(filterChoice(u"progressLoopChoice"_s, tr("Loop"), this))
    , m_levelChoice(filterChoice(u"progressLevelChoice"_s, tr("Level"), this))
    , m_roundChoice(filterChoice(u"progressRoundChoice"_s, tr("Round"), this))
    , m_categoryChoice(filterChoice(u"progressCategoryChoice"_s, tr("Category"), this))
    , m_summary(new QLabel(this))
    , m_readiness(new QListWidget(this))
    , m_streak(new QLabel(this))
    , m_queue(new QWidget(this))
    , m_queueLayout(new QGridLayout(m_queue))
    , m_calendar(new QCalendarWidget(this))
    , m_plan(new QLabel(this))
    , m_stories(new QListWidget(this))
    , m_trends(new ChartPanel(u"trendChart"_s, tr("Ratings over time"), this))
    , m_measures(new ChartPanel(u"measureChart"_s, tr("Measured figures"), this))
    , m_calibration(new ChartPanel(u"calibrationChart"_s, tr("Calibration"), this))
{
    setObjectName(u"progressPage"_s);
    m_summary->setObjectName(u"progressSummary"_s);
    m_summary->setWordWrap(true);
    m_readiness->setObjectName(u"readinessList"_s);
    m_readiness->setAccessibleName(tr("Readiness per round"));
    m_readiness->setWordWrap(true);
    m_readiness->setSelectionMode(QAbstractItemView::SingleSelection);
    m_readiness->setMinimumHeight(230);
    m_readiness->setSpacing(4);
    m_streak->setObjectName(u"streakLabel"_s);
    m_streak->setWordWrap(true);
    m_queue->setObjectName(u"practiseNextList"_s);
    m_queue->setAccessibleName(tr("What to practise next"));
    m_queueLayout->setContentsMargins(0, 0, 0, 0);
    m_queueLayout->setColumnStretch(0, 1);
    m_calendar->setObjectName(u"practiceCalendar"_s);
    m_calendar->setAccessibleName(tr("Practice calendar"));
    m_calendar->focusProxy()->setAccessibleName(m_calendar->accessibleName()); // its grid takes the focus
    for (const auto &[button, name] : {std::pair(u"qt_calendar_prevmonth"_s, tr("Previous month")),
                                       std::pair(u"qt_calendar_nextmonth"_s, tr("Next month"))}) {
        if (auto *arrow = m_calendar->findChild<QWidget *>(button))
            arrow->setAccessibleName(name); // icons only
    }
    m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    m_calendar->setGridVisible(false);
    m_plan->setObjectName(u"planSummary"_s);
    m_plan->setWordWrap(true);
    m_plan->setTextFormat(Qt::PlainText);
    m_plan->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stories->setObjectName(u"storiesPractisedList"_s);
    m_stories->setAccessibleName(tr("Stories practised"));
    m_stories->setWordWrap(true);
    m_stories->setSpacing(4);
    m_stories->setMinimumHeight(120);

    // The filters wrap onto a second line rather than cut their text short (large type, narrow window).
    auto *filters = new WrappingRow;
    const auto addFilter = [this, filters](const QString &text, QComboBox *choice) {
        auto *pair = new QWidget(this);
        auto *pairLayout = new QHBoxLayout(pair);
        pairLayout->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(text, pair);
        label->setBuddy(choice);
        choice->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        choice->setMinimumWidth(choice->fontMetrics().averageCharWidth() * 12); // never wider than the row
        pairLayout->addWidget(label);
        pairLayout->addWidget(choice);
        filters->addWidget(pair);
    };
    addFilter(tr("L&oop:"), m_loopChoice);
    addFilter(tr("L&evel:"), m_levelChoice);
    addFilter(tr("Ro&und:"), m_roundChoice);
    addFilter(tr("Cate&gory:"), m_categoryChoice);

    auto *left = new QVBoxLayout;
    left->addWidget(heading(tr("Readiness"), this));
    left->addWidget(m_readiness);
    left->addSpacing(8);
    left->addWidget(heading(tr("What to practise next"), this));
    left->addWidget(m_queue);
    left->addSpacing(8);
    left->addWidget(heading(tr("Streak and plan"), this));
    left->addWidget(m_streak);
    left->addWidget(m_calendar);
    auto *legend = new QLabel(tr("Shaded days: practice (darker: more answers). Underlined: a step of the preparation "
                                 "plan begins. Bold, over- and underlined: the interview."),
                              this);
    legend->setWordWrap(true);
    legend->setForegroundRole(QPalette::PlaceholderText);
    left->addWidget(legend);
    left->addWidget(m_plan);
    left->addSpacing(8);
    left->addWidget(heading(tr("Stories practised"), this));
    left->addWidget(m_stories);
    left->addStretch();
    auto *right = new QVBoxLayout;
    right->addWidget(m_trends);
    right->addWidget(m_measures);
    right->addWidget(m_calibration);
    right->addStretch();

    auto *content = new QWidget(this);
    auto *columns = new QHBoxLayout(content);
    columns->addLayout(left, 2);
    columns->addSpacing(12);
    columns->addLayout(right, 3);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"progressScroll"_s);
    scroll->setFocusPolicy(Qt::NoFocus); // no unnamed stop: what is in it takes the focus and scrolls it in
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(content);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_summary);
    layout->addWidget(scroll, 1);

    // Tab follows the page from top to bottom, left column before right.
    setTabOrder(m_loopChoice, m_levelChoice);
    setTabOrder(m_levelChoice, m_roundChoice);
    setTabOrder(m_roundChoice, m_categoryChoice);
    setTabOrder(m_categoryChoice, m_readiness);

    connect(m_loopChoice, &QComboBox::currentIndexChanged, this, [this] {
        fillFilterChoices();
        reload();
    });
    for (QComboBox *choice : {m_levelChoice, m_roundChoice, m_categoryChoice})
        connect(choice, &QComboBox::currentIndexChanged, this, &ProgressPage::reload);
    PracticeLibrary *library = m_services.library;
    connect(library, &PracticeLibrary::answerAdded, this, &ProgressPage::libraryChanged);
    connect(library, &PracticeLibrary::answerChanged, this, &ProgressPage::libraryChanged);
    connect(library, &PracticeLibrary::answerDeleted, this, &ProgressPage::libraryChanged);
    connect(library, &PracticeLibrary::statusChanged, this, &ProgressPage::libraryChanged);
}

void ProgressPage::setCatalog(const LoopCatalog &catalog)
{
    m_catalog = catalog;
    fillLoopChoice();
}

void ProgressPage::fillLoopChoice()
{
    MockLoop::fillLoopChoice(m_loopChoice, m_catalog);
    fillFilterChoices();
    m_stale = true;
    if (m_active)
        reload();
}

void ProgressPage::fillFilterChoices()
{
    const auto loop = m_catalog.find(m_loopChoice->currentData().toString());
    const QSignalBlocker levelBlocker(m_levelChoice);
    const QSignalBlocker roundBlocker(m_roundChoice);
    const QSignalBlocker categoryBlocker(m_categoryChoice);
    m_levelChoice->clear();
    m_roundChoice->clear();
    m_categoryChoice->clear();
    m_levelChoice->addItem(tr("Every level"), QString());
    m_roundChoice->addItem(tr("Every round"), QString());
    m_categoryChoice->addItem(tr("Every category"), QString());
    if (!loop)
        return;
    for (const Level &level : loop->levels)
        m_levelChoice->addItem(level.title, level.id);
    // The target level: the one chosen on the Practice page for this loop.
    m_levelChoice->setCurrentIndex(std::max(0, m_levelChoice->findData(AppSettings::levelFor(loop->id))));
    for (const Round &round : loop->rounds)
        m_roundChoice->addItem(round.title, round.id);
    for (const Category &category : loop->categories)
        m_categoryChoice->addItem(category.title, category.id);
}

ProgressFilter ProgressPage::filter() const
{
    ProgressFilter filter;
    filter.loopId = m_loopChoice->currentData().toString();
    filter.levelId = m_levelChoice->currentData().toString();
    filter.roundId = m_roundChoice->currentData().toString();
    filter.categoryId = m_categoryChoice->currentData().toString();
    return filter;
}

void ProgressPage::setActive(bool active)
{
    m_active = active;
    // Every time it shows: a day may have passed (what is due), or the interview date changed on the
    // Practice page. The library's facts are read again only if it changed.
    if (active)
        reload();
}

void ProgressPage::libraryChanged()
{
    m_stale = true;
    // A session saves its answers one after another: one reload for the lot.
    if (m_active)
        QTimer::singleShot(300, this, [this] {
            if (m_stale && m_active && !m_loading)
                reload();
        });
}

void ProgressPage::reload()
{
    const auto loop = m_catalog.find(m_loopChoice->currentData().toString());
    if (!loop)
        return;
    m_stale = false;
    m_loading = true;
    const int generation = ++m_generation;
    m_summary->setText(tr("Working out your progress…"));
    loadProgress(*m_services.library, loop, filter(), m_services.clock->wallTime(),
                 AppSettings::interviewDate(loop->id))
        .then(this, [this, generation](const ProgressData &progress) {
            if (generation != m_generation)
                return; // the filter changed meanwhile; its own result follows
            m_loading = false;
            show(progress);
            if (m_stale && m_active)
                reload();
        });
}

void ProgressPage::show(const ProgressData &progress)
{
    m_progress = progress;
    m_summary->setText(progress.answers == 0 ? tr("No answers here yet: practise, and your progress shows here.")
                                             : tr("%n answer(s)", nullptr, progress.answers) + u" · "_s
                               + tr("%n rated", nullptr, progress.ratedAnswers) + u" · "_s
                               + tr("%n rated twice", nullptr, progress.ratedTwice) + u" · "_s
                               + tr("%n analysed", nullptr, progress.analysedAnswers));
    // Said by a screen reader: the page changed on its own.
    QAccessibleEvent changed(m_summary, QAccessible::NameChanged);
    QAccessible::updateAccessibility(&changed);

    m_readiness->clear();
    for (const RoundReadiness &round : progress.readiness) {
        auto *item = new QListWidgetItem(round.sentence, m_readiness);
        item->setData(Qt::UserRole, round.roundId);
    }
    showQueue(progress);
    showCalendar(progress);
    m_stories->clear();
    for (const PractisedStorySummary &story : progress.stories) {
        auto *item = new QListWidgetItem(u"%1 — %2"_s.arg(story.title, story.sentence), m_stories);
        item->setData(Qt::UserRole, story.storyId);
    }
    if (progress.stories.isEmpty()) {
        auto *none = new QListWidgetItem(tr("No story practised yet. Link your stories to questions on the Stories "
                                            "page, then show one on the cue card (C) while you think."),
                                         m_stories);
        none->setFlags(Qt::ItemIsEnabled);
    }
    m_trends->setCharts({progress.trendByWeek, progress.trendBySession});
    m_measures->setCharts(progress.measures);
    QList<ChartData> calibration{progress.calibrationByWeek, progress.calibrationByDimension, progress.evidence};
    if (progress.coachRated > 0)
        calibration.insert(2, progress.calibrationWithCoach); // self against a coach, once one has rated
    m_calibration->setCharts(calibration);
    Q_EMIT dataShown();
}

void ProgressPage::showQueue(const ProgressData &progress)
{
    while (QLayoutItem *item = m_queueLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    QWidget *previous = m_readiness;
    const QString loopId = progress.filter.loopId;
    int row = 0;
    for (const QueueEntry &entry : progress.queue) {
        if (row == QueueShown)
            break;
        auto *text = new QLabel(m_queue);
        text->setWordWrap(true);
        text->setTextFormat(Qt::RichText);
        text->setText(u"<b>%1</b><br>%2 · %3"_s.arg(entry.text.toHtmlEscaped(), entry.roundTitle.toHtmlEscaped(),
                                                    entry.statusText.toHtmlEscaped()));
        auto *practise = new QPushButton(tr("Practise"), m_queue);
        practise->setObjectName(u"practiseButton_"_s + entry.questionId);
        practise->setAccessibleName(tr("Practise: %1").arg(entry.text));
        practise->setAccessibleDescription(entry.statusText);
        text->setBuddy(practise);
        connect(practise, &QPushButton::clicked, this,
                [this, loopId, questionId = entry.questionId] { Q_EMIT practiseQuestion(loopId, questionId); });
        m_queueLayout->addWidget(text, row, 0);
        m_queueLayout->addWidget(practise, row, 1, Qt::AlignTop);
        setTabOrder(previous, practise);
        previous = practise;
        ++row;
    }
    if (row == 0) {
        auto *none = new QLabel(tr("This loop has no questions here."), m_queue);
        m_queueLayout->addWidget(none, 0, 0);
    }
    setTabOrder(previous, m_calendar);
    setTabOrder(m_calendar, m_stories);
    setTabOrder(m_stories, m_trends);
    m_streak->setText(progress.dueToday > 0 ? tr("%1. %2").arg(
                          progress.calendar.streakText, tr("%n question(s) due today", nullptr, progress.dueToday))
                                            : progress.calendar.streakText);
}

void ProgressPage::showCalendar(const ProgressData &progress)
{
    const PracticeCalendar &calendar = progress.calendar;
    m_calendar->setDateTextFormat(QDate(), QTextCharFormat()); // clears every day's format
    int most = 1;
    for (const auto &[day, answers] : calendar.answersByDay)
        most = std::max(most, answers);
    QColor shade = palette().color(QPalette::Highlight);
    for (const auto &[day, answers] : calendar.answersByDay) {
        QTextCharFormat format;
        QColor colour = shade;
        colour.setAlpha(60 + 160 * answers / most);
        format.setBackground(colour);
        format.setFontWeight(QFont::Bold);
        m_calendar->setDateTextFormat(day, format);
    }
    QStringList plan;
    for (const PlanPeriod &period : calendar.plan) {
        QTextCharFormat format = m_calendar->dateTextFormat(period.from);
        format.setFontUnderline(true);
        m_calendar->setDateTextFormat(period.from, format);
        plan << period.summary;
    }
    QTextCharFormat interview = m_calendar->dateTextFormat(calendar.interviewDate);
    interview.setFontWeight(QFont::Black);
    interview.setFontOverline(true);
    interview.setFontUnderline(true);
    m_calendar->setDateTextFormat(calendar.interviewDate, interview);
    const QString interviewText = calendar.interviewDateChosen
        ? tr("Interview: %1.").arg(QLocale().toString(calendar.interviewDate, QLocale::LongFormat))
        : tr("No interview date set (choose it on the Practice page); the plan below counts back from %1.")
              .arg(QLocale().toString(calendar.interviewDate, QLocale::LongFormat));
    m_plan->setText(interviewText + u"\n"_s + plan.join(u"\n"_s));
}

} // namespace MockLoop
