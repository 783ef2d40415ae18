#include "LibraryFilterBar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// Keeps the chosen item (by its data) across a refill of a combo.
void refill(QComboBox *combo, const QString &allText, const QList<std::pair<QString, QString>> &items)
{
    const QString chosen = combo->currentData().toString();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(allText, QString());
    for (const auto &[title, id] : items)
        combo->addItem(title, id);
    combo->setCurrentIndex(std::max(0, combo->findData(chosen)));
}

} // namespace

LibraryFilterBar::LibraryFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_round(new QComboBox(this))
    , m_category(new QComboBox(this))
    , m_minScore(new QComboBox(this))
    , m_fromEnabled(new QCheckBox(tr("Fro&m"), this))
    , m_from(new QDateEdit(this))
    , m_toEnabled(new QCheckBox(tr("&To"), this))
    , m_to(new QDateEdit(this))
    , m_recordingsOnly(new QCheckBox(tr("With recordin&g only"), this))
    , m_minPace(new QSpinBox(this))
    , m_maxPace(new QSpinBox(this))
    , m_maxFillers(new QComboBox(this))
    , m_minLongestPause(new QComboBox(this))
    , m_sessionChip(new QWidget(this))
    , m_sessionLabel(new QLabel(m_sessionChip))
    , m_clearSession(new QToolButton(m_sessionChip))
    , m_clear(new QPushButton(tr("C&lear Filters"), this))
{
    setObjectName(u"libraryFilters"_s);
    m_text->setObjectName(u"filterText"_s);
    m_text->setPlaceholderText(tr("Search questions, notes and transcripts (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Search questions, notes and transcripts"));
    m_text->setToolTip(tr("Finds the answers whose question, notes or approximate transcript hold these words. An "
                          "answer found by its transcript alone shows the words heard in it."));
    m_round->setObjectName(u"filterRound"_s);
    m_round->setAccessibleName(tr("Round"));
    m_round->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_category->setObjectName(u"filterCategory"_s);
    m_category->setAccessibleName(tr("Category"));
    m_category->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_minScore->setObjectName(u"filterMinScore"_s);
    m_minScore->setAccessibleName(tr("Lowest score"));
    m_minScore->addItem(tr("Any score"), QVariant());
    for (const double score : {2.0, 2.5, 3.0, 3.5})
        m_minScore->addItem(tr("Score %1 or higher").arg(QLocale().toString(score, 'f', 1)), score);
    refill(m_round, tr("All rounds"), {});
    refill(m_category, tr("All categories"), {});

    const QDate today = QDate::currentDate();
    m_fromEnabled->setObjectName(u"filterFromEnabled"_s);
    m_from->setObjectName(u"filterFrom"_s);
    m_from->setCalendarPopup(true);
    m_from->setDate(today.addDays(-30));
    m_from->setEnabled(false);
    m_from->setAccessibleName(tr("From date"));
    m_toEnabled->setObjectName(u"filterToEnabled"_s);
    m_to->setObjectName(u"filterTo"_s);
    m_to->setCalendarPopup(true);
    m_to->setDate(today);
    m_to->setEnabled(false);
    m_to->setAccessibleName(tr("To date"));
    m_recordingsOnly->setObjectName(u"filterRecordingsOnly"_s);

    // What was measured in the take: answers not analysed never pass these.
    for (QSpinBox *pace : {m_minPace, m_maxPace}) {
        pace->setRange(0, 300);
        pace->setSingleStep(10);
        pace->setSpecialValueText(tr("any"));
        pace->setSuffix(tr(" wpm"));
        pace->setAccelerated(true);
    }
    m_minPace->setObjectName(u"filterMinPace"_s);
    m_minPace->setAccessibleName(tr("Slowest pace, words a minute"));
    m_minPace->setToolTip(tr("Only answers spoken at least this fast (measured)"));
    m_maxPace->setObjectName(u"filterMaxPace"_s);
    m_maxPace->setAccessibleName(tr("Fastest pace, words a minute"));
    m_maxPace->setToolTip(tr("Only answers spoken at most this fast (measured)"));
    m_maxFillers->setObjectName(u"filterMaxFillers"_s);
    m_maxFillers->setAccessibleName(tr("Most likely fillers a minute"));
    m_maxFillers->addItem(tr("Any likely fillers"), QVariant());
    for (const double fillers : {1.0, 2.0, 3.0, 5.0, 8.0})
        m_maxFillers->addItem(tr("At most %1 likely fillers/min").arg(QLocale().toString(fillers)), fillers);
    m_minLongestPause->setObjectName(u"filterMinLongestPause"_s);
    m_minLongestPause->setAccessibleName(tr("Shortest longest pause"));
    m_minLongestPause->addItem(tr("Any longest pause"), QVariant());
    for (const int seconds : {2, 3, 5, 10})
        m_minLongestPause->addItem(tr("A pause of %1 s or more").arg(seconds), qint64(seconds) * 1000);
    auto *paceFrom = new QLabel(tr("Pa&ce from"), this);
    paceFrom->setBuddy(m_minPace);
    auto *paceTo = new QLabel(tr("to"), this);
    paceTo->setBuddy(m_maxPace);

    // The session chip: tinted like a selection, with its own clear button.
    m_sessionChip->setObjectName(u"sessionFilterChip"_s);
    m_sessionChip->setAutoFillBackground(true);
    QPalette chipColours = m_sessionChip->palette();
    QColor tint = chipColours.color(QPalette::Highlight);
    tint.setAlpha(48);
    chipColours.setColor(QPalette::Window, tint);
    m_sessionChip->setPalette(chipColours);
    m_sessionLabel->setObjectName(u"sessionFilterLabel"_s);
    m_clearSession->setObjectName(u"clearSessionFilterButton"_s);
    m_clearSession->setIcon(style()->standardIcon(QStyle::SP_LineEditClearButton));
    m_clearSession->setAutoRaise(true);
    m_clearSession->setToolTip(tr("Show every session"));
    m_clearSession->setAccessibleName(tr("Show every session"));
    auto *chipLayout = new QHBoxLayout(m_sessionChip);
    const int gap = fontMetrics().averageCharWidth();
    chipLayout->setContentsMargins(gap, 0, 0, 0);
    chipLayout->setSpacing(gap / 2);
    chipLayout->addWidget(m_sessionLabel);
    chipLayout->addWidget(m_clearSession);
    m_sessionChip->hide();

    m_clear->setObjectName(u"clearFiltersButton"_s);
    m_clear->setEnabled(false);

    auto *first = new QHBoxLayout;
    first->addWidget(m_text, 1);
    first->addWidget(m_round);
    first->addWidget(m_category);
    first->addWidget(m_minScore);
    auto *second = new QHBoxLayout;
    second->addWidget(m_fromEnabled);
    second->addWidget(m_from);
    second->addSpacing(gap);
    second->addWidget(m_toEnabled);
    second->addWidget(m_to);
    second->addSpacing(gap);
    second->addWidget(m_recordingsOnly);
    second->addSpacing(gap);
    second->addWidget(m_sessionChip);
    second->addStretch();
    second->addWidget(m_clear);
    auto *third = new QHBoxLayout;
    third->addWidget(paceFrom);
    third->addWidget(m_minPace);
    third->addWidget(paceTo);
    third->addWidget(m_maxPace);
    third->addSpacing(gap);
    third->addWidget(m_maxFillers);
    third->addWidget(m_minLongestPause);
    third->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(first);
    layout->addLayout(second);
    layout->addLayout(third);

    setTabOrder(m_text, m_round);
    setTabOrder(m_round, m_category);
    setTabOrder(m_category, m_minScore);
    setTabOrder(m_minScore, m_fromEnabled);
    setTabOrder(m_fromEnabled, m_from);
    setTabOrder(m_from, m_toEnabled);
    setTabOrder(m_toEnabled, m_to);
    setTabOrder(m_to, m_recordingsOnly);
    setTabOrder(m_recordingsOnly, m_clearSession);
    setTabOrder(m_clearSession, m_clear);
    setTabOrder(m_clear, m_minPace);
    setTabOrder(m_minPace, m_maxPace);
    setTabOrder(m_maxPace, m_maxFillers);
    setTabOrder(m_maxFillers, m_minLongestPause);

    m_typingDelay.setSingleShot(true);
    m_typingDelay.setInterval(TextDelayMs);
    connect(m_text, &QLineEdit::textChanged, &m_typingDelay, qOverload<>(&QTimer::start));
    connect(&m_typingDelay, &QTimer::timeout, this, &LibraryFilterBar::changed);
    connect(m_text, &QLineEdit::returnPressed, this, [this] {
        if (m_typingDelay.isActive()) {
            m_typingDelay.stop();
            changed();
        }
    });
    for (QComboBox *combo : {m_round, m_category, m_minScore, m_maxFillers, m_minLongestPause})
        connect(combo, &QComboBox::currentIndexChanged, this, &LibraryFilterBar::changed);
    for (QSpinBox *pace : {m_minPace, m_maxPace})
        connect(pace, &QSpinBox::valueChanged, &m_typingDelay, qOverload<>(&QTimer::start));
    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    for (QCheckBox *check : {m_fromEnabled, m_toEnabled, m_recordingsOnly})
        connect(check, &QCheckBox::toggled, this, &LibraryFilterBar::changed);
    connect(m_from, &QDateEdit::dateChanged, this, [this] {
        if (m_fromEnabled->isChecked())
            changed();
    });
    connect(m_to, &QDateEdit::dateChanged, this, [this] {
        if (m_toEnabled->isChecked())
            changed();
    });
    connect(m_clearSession, &QToolButton::clicked, this, [this] {
        m_sessionId.clear();
        m_sessionChip->hide();
        changed();
    });
    connect(m_clear, &QPushButton::clicked, this, &LibraryFilterBar::clearFilters);
}

void LibraryFilterBar::setCatalog(const LoopCatalog &catalog)
{
    const QList<CatalogEntry> entries = catalog.activeEntries();
    const bool severalLoops = entries.size() > 1;
    QList<std::pair<QString, QString>> rounds;
    QList<std::pair<QString, QString>> categories;
    QSet<QString> seenRounds;
    QSet<QString> seenCategories;
    for (const CatalogEntry &entry : entries) {
        const Loop &loop = *entry.loop;
        const auto title = [&](const QString &text) {
            return severalLoops ? tr("%1 (%2)").arg(text, loop.company.isEmpty() ? loop.title : loop.company) : text;
        };
        for (const Round &round : loop.rounds) {
            if (!seenRounds.contains(round.id)) {
                seenRounds.insert(round.id);
                rounds.append({title(round.title), round.id});
            }
        }
        for (const Category &category : loop.categories) {
            if (!seenCategories.contains(category.id)) {
                seenCategories.insert(category.id);
                categories.append({title(category.title), category.id});
            }
        }
    }
    refill(m_round, tr("All rounds"), rounds);
    refill(m_category, tr("All categories"), categories);
}

AnswerFilter LibraryFilterBar::filter() const
{
    AnswerFilter filter;
    filter.sessionId = m_sessionId;
    filter.roundId = m_round->currentData().toString();
    filter.categoryId = m_category->currentData().toString();
    if (m_minScore->currentData().isValid())
        filter.minScore = m_minScore->currentData().toDouble();
    if (m_fromEnabled->isChecked())
        filter.from = m_from->date();
    if (m_toEnabled->isChecked())
        filter.to = m_to->date();
    filter.text = m_text->text().trimmed();
    if (m_minPace->value() > 0)
        filter.minWordsPerMinute = m_minPace->value();
    if (m_maxPace->value() > 0)
        filter.maxWordsPerMinute = m_maxPace->value();
    if (m_maxFillers->currentData().isValid())
        filter.maxFillersPerMinute = m_maxFillers->currentData().toDouble();
    if (m_minLongestPause->currentData().isValid())
        filter.minLongestPauseMs = m_minLongestPause->currentData().toLongLong();
    return filter;
}

bool LibraryFilterBar::recordingsOnly() const
{
    return m_recordingsOnly->isChecked();
}

bool LibraryFilterBar::isFiltering() const
{
    const AnswerFilter current = filter();
    return !current.sessionId.isEmpty() || !current.roundId.isEmpty() || !current.categoryId.isEmpty()
        || current.minScore || current.from.isValid() || current.to.isValid() || !current.text.isEmpty()
        || current.minWordsPerMinute || current.maxWordsPerMinute || current.maxFillersPerMinute
        || current.minLongestPauseMs || recordingsOnly();
}

void LibraryFilterBar::setSession(const QString &sessionId, const QString &label)
{
    m_quiet = true;
    clearFilters();
    m_quiet = false;
    m_sessionId = sessionId;
    setSessionLabel(label);
    m_sessionChip->setVisible(!sessionId.isEmpty());
    changed();
}

void LibraryFilterBar::setSessionLabel(const QString &label)
{
    m_sessionLabel->setText(label);
}

QWidget *LibraryFilterBar::firstFocusWidget() const
{
    return m_text;
}

QWidget *LibraryFilterBar::lastFocusWidget() const
{
    return m_minLongestPause;
}

void LibraryFilterBar::clearFilters()
{
    const bool wasQuiet = m_quiet;
    m_quiet = true;
    m_typingDelay.stop();
    m_text->clear();
    m_typingDelay.stop();
    m_round->setCurrentIndex(0);
    m_category->setCurrentIndex(0);
    m_minScore->setCurrentIndex(0);
    m_fromEnabled->setChecked(false);
    m_toEnabled->setChecked(false);
    m_recordingsOnly->setChecked(false);
    m_minPace->setValue(0);
    m_maxPace->setValue(0);
    m_typingDelay.stop();
    m_maxFillers->setCurrentIndex(0);
    m_minLongestPause->setCurrentIndex(0);
    m_sessionId.clear();
    m_sessionChip->hide();
    m_quiet = wasQuiet;
    changed();
}

void LibraryFilterBar::focusSearch()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void LibraryFilterBar::changed()
{
    if (m_quiet)
        return;
    updateClearButton();
    Q_EMIT filterChanged();
}

void LibraryFilterBar::updateClearButton()
{
    m_clear->setEnabled(isFiltering());
}

} // namespace MockLoop
