#include "StoryEditor.h"

#include "common/Format.h"
#include "progress/Progress.h"
#include "stories/StoryHints.h"

#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <chrono>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QPlainTextEdit *textBox(const QString &name, const QString &accessibleName, int lines, QWidget *parent)
{
    auto *box = new QPlainTextEdit(parent);
    box->setObjectName(name);
    box->setAccessibleName(accessibleName);
    box->setTabChangesFocus(true); // Tab moves on through the form; a story is typed, not indented
    box->setFixedHeight(box->fontMetrics().lineSpacing() * lines + 14);
    return box;
}

QListWidget *tagList(const QString &name, const QString &accessibleName, QWidget *parent)
{
    auto *list = new QListWidget(parent);
    list->setObjectName(name);
    list->setAccessibleName(accessibleName);
    list->setFixedHeight(list->fontMetrics().lineSpacing() * 6 + 12);
    return list;
}

// Fills list with (id, title) items, ticked where checked holds the id.
void fillList(QListWidget *list, const QList<std::pair<QString, QString>> &items)
{
    list->clear();
    for (const auto &[id, title] : items) {
        auto *item = new QListWidgetItem(title, list);
        item->setData(Qt::UserRole, id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Unchecked);
    }
}

void tick(QListWidget *list, const QStringList &ids)
{
    for (int row = 0; row < list->count(); ++row) {
        QListWidgetItem *item = list->item(row);
        item->setCheckState(ids.contains(item->data(Qt::UserRole).toString()) ? Qt::Checked : Qt::Unchecked);
    }
}

// The ids ticked in list, after those of before the list does not offer (kept as they were).
QStringList ticked(const QListWidget *list, const QStringList &before)
{
    QStringList offered;
    QStringList result;
    for (int row = 0; row < list->count(); ++row)
        offered << list->item(row)->data(Qt::UserRole).toString();
    for (const QString &id : before) {
        if (!offered.contains(id))
            result << id;
    }
    for (int row = 0; row < list->count(); ++row) {
        if (list->item(row)->checkState() == Qt::Checked)
            result << offered.at(row);
    }
    return result;
}

void setTextIfChanged(QLineEdit *box, const QString &text)
{
    if (box->text() != text)
        box->setText(text);
}

void setTextIfChanged(QPlainTextEdit *box, const QString &text)
{
    if (box->toPlainText() != text)
        box->setPlainText(text);
}

} // namespace

StoryEditor::StoryEditor(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLineEdit(this))
    , m_phaseBox(new QWidget(this))
    , m_phaseLayout(new QFormLayout(m_phaseBox))
    , m_metrics(textBox(u"storyMetrics"_s, tr("Result metrics, one a line"), 3, this))
    , m_impact(new QLineEdit(this))
    , m_values(tagList(u"storyValues"_s, tr("Values this story shows"), this))
    , m_categories(tagList(u"storyCategories"_s, tr("Question categories this story answers"), this))
    , m_themes(tagList(u"storyThemes"_s, tr("Themes of this story"), this))
    , m_levels(tagList(u"storyLevels"_s, tr("Levels this story shows"), this))
    , m_period(new QLineEdit(this))
    , m_company(new QLineEdit(this))
    , m_length(new QLabel(this))
    , m_practice(new QLabel(this))
    , m_hints(new QLabel(this))
{
    setObjectName(u"storyEditor"_s);
    m_title->setObjectName(u"storyTitle"_s);
    m_title->setAccessibleName(tr("Story title"));
    m_title->setPlaceholderText(tr("A few words you will know it by"));
    m_impact->setObjectName(u"storyImpact"_s);
    m_impact->setAccessibleName(tr("Member impact in one line"));
    m_impact->setPlaceholderText(tr("Who was better off, and by how much"));
    m_metrics->setPlaceholderText(tr("The numbers the story claims, one a line (\"p99 latency down 40%\")"));
    m_period->setObjectName(u"storyPeriod"_s);
    m_period->setAccessibleName(tr("Period"));
    m_period->setPlaceholderText(tr("2024 Q2"));
    m_company->setObjectName(u"storyCompany"_s);
    m_company->setAccessibleName(tr("Company"));
    m_phaseLayout->setContentsMargins(0, 0, 0, 0);
    m_phaseLayout->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_length->setObjectName(u"storyLength"_s);
    m_length->setWordWrap(true);
    m_length->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_practice->setObjectName(u"storyPractice"_s);
    m_practice->setWordWrap(true);
    m_practice->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_hints->setObjectName(u"storyHints"_s);
    m_hints->setWordWrap(true);
    m_hints->setTextFormat(Qt::PlainText);
    m_hints->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_hints->setAccessibleName(tr("Hints"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *titleLabel = new QLabel(tr("&Title:"), this);
    titleLabel->setBuddy(m_title);
    form->addRow(titleLabel, m_title);
    auto *details = new QFormLayout;
    details->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto *metricsLabel = new QLabel(tr("&Metrics:"), this);
    metricsLabel->setBuddy(m_metrics);
    details->addRow(metricsLabel, m_metrics);
    details->addRow(tr("Impact in one line:"), m_impact);

    auto *tags = new QGridLayout;
    const QList<std::pair<QString, QListWidget *>> lists = {
        {tr("Values"), m_values}, {tr("Categories"), m_categories}, {tr("Themes"), m_themes}, {tr("Levels"), m_levels}};
    for (int column = 0; column < lists.size(); ++column) {
        auto *label = new QLabel(lists.at(column).first, this);
        label->setBuddy(lists.at(column).second);
        tags->addWidget(label, 0, column);
        tags->addWidget(lists.at(column).second, 1, column);
    }
    auto *origin = new QFormLayout;
    origin->addRow(tr("Period:"), m_period);
    origin->addRow(tr("Company:"), m_company);

    auto *hintsTitle = new QLabel(tr("Hints (to act on if you like; nothing here stops a save)"), this);
    QFont bold = hintsTitle->font();
    bold.setBold(true);
    hintsTitle->setFont(bold);

    // The hints first, under the title, where they are seen while the phases are written.
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hintsTitle);
    layout->addWidget(m_length);
    layout->addWidget(m_hints);
    layout->addWidget(m_practice);
    layout->addSpacing(6);
    layout->addWidget(m_phaseBox);
    layout->addLayout(details);
    layout->addLayout(tags);
    layout->addLayout(origin);
    layout->addStretch();

    connect(m_title, &QLineEdit::textEdited, this, &StoryEditor::reportEdit);
    connect(m_impact, &QLineEdit::textEdited, this, &StoryEditor::reportEdit);
    connect(m_period, &QLineEdit::textEdited, this, &StoryEditor::reportEdit);
    connect(m_company, &QLineEdit::textEdited, this, &StoryEditor::reportEdit);
    connect(m_metrics, &QPlainTextEdit::textChanged, this, &StoryEditor::reportEdit);
    for (QListWidget *list : {m_values, m_categories, m_themes, m_levels})
        connect(list, &QListWidget::itemChanged, this, &StoryEditor::reportEdit);
    clearStory();
}

void StoryEditor::setLoop(std::shared_ptr<const Loop> loop)
{
    m_loop = std::move(loop);
    const bool filling = std::exchange(m_filling, true);
    buildStructure();
    fillTags();
    m_filling = filling;
    if (m_hasStory)
        setStory(m_story);
}

void StoryEditor::buildStructure()
{
    while (m_phaseLayout->rowCount() > 0)
        m_phaseLayout->removeRow(0);
    m_phases.clear();
    if (!m_loop)
        return;
    for (const StoryPhase &phase : m_loop->storyStructure.phases) {
        const QString target = Format::elapsed(std::chrono::seconds(phase.targetSeconds));
        auto *box = textBox(u"storyPhase_"_s + phase.id, tr("%1, target %2").arg(phase.title, target), 3, m_phaseBox);
        box->setPlaceholderText(phase.prompt);
        box->setToolTip(phase.purpose);
        auto *label = new QLabel(tr("%1\n(target %2):").arg(phase.title, target), m_phaseBox);
        label->setBuddy(box);
        m_phaseLayout->addRow(label, box);
        m_phases.append({phase.id, box});
        connect(box, &QPlainTextEdit::textChanged, this, &StoryEditor::reportEdit);
    }
    updateTabOrder();
}

void StoryEditor::fillTags()
{
    QList<std::pair<QString, QString>> values;
    QList<std::pair<QString, QString>> categories;
    QList<std::pair<QString, QString>> themes;
    QList<std::pair<QString, QString>> levels;
    if (m_loop) {
        for (const RubricDimension &dimension : m_loop->dimensions) {
            if (dimension.kind == DimensionKind::Value)
                values.append({dimension.id, dimension.title});
        }
        for (const Category &category : m_loop->categories)
            categories.append({category.id, category.title});
        for (const Theme &theme : m_loop->themes)
            themes.append({theme.id, theme.title});
        for (const Level &level : m_loop->levels)
            levels.append({level.id, level.title.isEmpty() ? level.id : u"%1 (%2)"_s.arg(level.id, level.title)});
    }
    fillList(m_values, values);
    fillList(m_categories, categories);
    fillList(m_themes, themes);
    fillList(m_levels, levels);
}

void StoryEditor::updateTabOrder()
{
    QList<QWidget *> order = textBoxes();
    order.insert(order.indexOf(m_impact) + 1, m_values);
    order.insert(order.indexOf(m_values) + 1, m_categories);
    order.insert(order.indexOf(m_categories) + 1, m_themes);
    order.insert(order.indexOf(m_themes) + 1, m_levels);
    for (qsizetype i = 0; i + 1 < order.size(); ++i)
        setTabOrder(order.at(i), order.at(i + 1));
}

QList<QWidget *> StoryEditor::textBoxes() const
{
    QList<QWidget *> boxes{m_title};
    for (const auto &[id, box] : m_phases)
        boxes << box;
    boxes << m_metrics << m_impact << m_period << m_company;
    return boxes;
}

QWidget *StoryEditor::lastFocusWidget() const
{
    return m_company;
}

void StoryEditor::setStory(const Story &story)
{
    const bool filling = std::exchange(m_filling, true);
    m_story = story;
    m_hasStory = true;
    setEnabled(true);
    setTextIfChanged(m_title, story.title);
    for (const auto &[id, box] : std::as_const(m_phases))
        setTextIfChanged(box, story.phaseText(id));
    setTextIfChanged(m_metrics, story.metrics.join(u'\n'));
    setTextIfChanged(m_impact, story.memberImpact);
    tick(m_values, story.tags.values);
    tick(m_categories, story.tags.categories);
    tick(m_themes, story.tags.themes);
    tick(m_levels, story.tags.levels);
    setTextIfChanged(m_period, story.period);
    setTextIfChanged(m_company, story.company);
    m_filling = filling;
    updateHints();
}

void StoryEditor::clearStory()
{
    const bool filling = std::exchange(m_filling, true);
    m_story = {};
    m_hasStory = false;
    for (QWidget *box : textBoxes()) {
        if (auto *line = qobject_cast<QLineEdit *>(box))
            line->clear();
        else if (auto *text = qobject_cast<QPlainTextEdit *>(box))
            text->clear();
    }
    for (QListWidget *list : {m_values, m_categories, m_themes, m_levels})
        tick(list, {});
    m_filling = filling;
    m_length->setText(tr("Choose a story on the left, or make a new one."));
    m_hints->clear();
    m_practice->clear();
    m_practice->hide(); // no unnamed stop while no story is shown
    setEnabled(false);
}

Story StoryEditor::story() const
{
    Story story = m_story;
    story.title = m_title->text();
    for (const auto &[id, box] : m_phases) {
        const QString text = box->toPlainText();
        if (text.isEmpty())
            story.phases.remove(id);
        else
            story.phases.insert(id, text);
    }
    story.metrics.clear();
    for (const QString &line : m_metrics->toPlainText().split(u'\n')) {
        if (!line.trimmed().isEmpty())
            story.metrics << line.trimmed();
    }
    story.memberImpact = m_impact->text();
    story.tags.values = ticked(m_values, m_story.tags.values);
    story.tags.categories = ticked(m_categories, m_story.tags.categories);
    story.tags.themes = ticked(m_themes, m_story.tags.themes);
    story.tags.levels = ticked(m_levels, m_story.tags.levels);
    story.period = m_period->text();
    story.company = m_company->text();
    return story;
}

void StoryEditor::setMeasuredPace(std::optional<double> wordsPerMinute)
{
    m_pace = wordsPerMinute;
    updateHints();
}

void StoryEditor::setPractice(const std::optional<StoryPractice> &practice)
{
    m_practice->show();
    m_practice->setText(
        practice ? Progress::describeStoryPractice(*practice, m_loop ? m_loop->storyStructure : StoryStructure())
                 : tr("Not practised on the cue card yet."));
}

void StoryEditor::reportEdit()
{
    if (m_filling || !m_hasStory)
        return;
    updateHints();
    Q_EMIT edited();
}

void StoryEditor::updateHints()
{
    if (!m_hasStory || !m_loop)
        return;
    const Story current = story();
    const StoryStructure &structure = m_loop->storyStructure;
    m_length->setText(StoryHints::lengthText(StoryHints::length(current, structure, m_pace)));
    QStringList lines;
    for (const StoryHint &hint : StoryHints::hints(current, structure, m_pace))
        lines << tr("Hint: %1").arg(hint.text);
    m_hints->setText(lines.isEmpty() ? tr("No hints: every phase has words, the numbers are there.")
                                     : lines.join(u'\n'));
}

} // namespace MockLoop
