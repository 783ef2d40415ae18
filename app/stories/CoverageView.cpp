#include "CoverageView.h"

#include "common/AnnouncementLabel.h"
#include "widgets/CountdownLabel.h"

#include <QEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QStandardItemModel>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// What a cell holds, beside its text.
enum Role { IdRole = Qt::UserRole + 1, StoryIdRole, JoinedRole };

QTableView *matrix(const QString &name, const QString &accessibleName, QStandardItemModel *model, QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setSelectionBehavior(QAbstractItemView::SelectItems);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setDefaultSectionSize(150);
    view->horizontalHeader()->setTextElideMode(Qt::ElideRight);
    view->setTabKeyNavigation(false); // Tab leaves the matrix; the arrows move in it
    return view;
}

QStandardItem *cell(const QString &text, const QString &tooltip = {})
{
    auto *item = new QStandardItem(text);
    item->setToolTip(tooltip.isEmpty() ? text : tooltip);
    item->setEditable(false);
    return item;
}

QString storyTitle(const Story &story)
{
    return story.title.isEmpty() ? CoverageView::tr("(untitled)") : story.title;
}

QBrush uncoveredBrush(const QPalette &palette)
{
    QColor colour = warningColour(palette);
    colour.setAlpha(45);
    return colour;
}

} // namespace

CoverageView::CoverageView(QWidget *parent)
    : QWidget(parent)
    , m_summary(new AnnouncementLabel(this))
    , m_legend(new QLabel(this))
    , m_questions(nullptr)
    , m_values(nullptr)
    , m_questionModel(new QStandardItemModel(this))
    , m_valueModel(new QStandardItemModel(this))
{
    setObjectName(u"coverageView"_s);
    m_questions = matrix(u"questionMatrix"_s, tr("Questions against stories"), m_questionModel, this);
    m_values = matrix(u"valueMatrix"_s, tr("Values against stories"), m_valueModel, this);
    m_summary->setObjectName(u"coverageSummary"_s);
    QFont bold = m_summary->font();
    bold.setBold(true);
    m_summary->setFont(bold);
    m_legend->setObjectName(u"coverageLegend"_s);
    m_legend->setWordWrap(true);
    m_legend->setText(tr("✓ Linked: a story you chose for the question. ○ Suggested: a story whose tags or words fit "
                         "it (a suggestion counts as covering it until you choose). Shaded rows that say \"Not "
                         "covered\" have no story yet. Press Return or Space on a cell (or double-click it) to link "
                         "or unlink a story; in the values, to tag or untag it."));
    auto *questionsTitle = new QLabel(tr("Questions, by round"), this);
    auto *valuesTitle = new QLabel(tr("Values"), this);
    for (QLabel *title : {questionsTitle, valuesTitle})
        title->setFont(bold);
    questionsTitle->setBuddy(m_questions);
    valuesTitle->setBuddy(m_values);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_legend);
    layout->addWidget(questionsTitle);
    layout->addWidget(m_questions, 3);
    layout->addWidget(valuesTitle);
    layout->addWidget(m_values, 1);

    for (QTableView *view : {m_questions, m_values}) {
        view->installEventFilter(this);
        connect(view, &QTableView::activated, this, [this, view](const QModelIndex &index) { toggle(view, index); });
        connect(view, &QTableView::doubleClicked, this, [this, view](const QModelIndex &index) {
            // activated() follows a double click on some platforms only.
            if (!style()->styleHint(QStyle::SH_ItemView_ActivateItemOnSingleClick))
                toggle(view, index);
        });
    }
}

void CoverageView::showLoading()
{
    if (m_summary->text().isEmpty())
        m_summary->setQuietText(tr("Working out the coverage…"));
}

void CoverageView::showCoverage(std::shared_ptr<const Loop> loop, const QList<Story> &stories,
                                const StoryCoverageResult &coverage)
{
    if (!loop)
        return;
    // The same story and question keep the focus across the refill.
    const QModelIndex current = m_questions->currentIndex();
    const QVariant currentQuestion = current.siblingAtColumn(LabelColumn).data(IdRole);
    const QVariant currentStory = current.data(StoryIdRole);
    const QModelIndex currentValue = m_values->currentIndex();
    const QVariant valueId = currentValue.siblingAtColumn(LabelColumn).data(IdRole);
    const QVariant valueStory = currentValue.data(StoryIdRole);

    fillQuestions(*loop, stories, coverage);
    fillValues(stories, coverage);

    const auto restore
        = [](QTableView *view, QStandardItemModel *model, const QVariant &rowId, const QVariant &storyId) {
              for (int row = 0; rowId.isValid() && row < model->rowCount(); ++row) {
                  if (model->index(row, LabelColumn).data(IdRole) != rowId)
                      continue;
                  for (int column = 0; column < model->columnCount(); ++column) {
                      if (model->index(row, column).data(StoryIdRole) == storyId) {
                          view->setCurrentIndex(model->index(row, column));
                          return;
                      }
                  }
              }
          };
    restore(m_questions, m_questionModel, currentQuestion, currentStory);
    restore(m_values, m_valueModel, valueId, valueStory);

    if (m_summary->text() != coverage.summary) {
        if (m_summary->text().isEmpty() || m_summary->text() == tr("Working out the coverage…"))
            m_summary->setQuietText(coverage.summary);
        else
            m_summary->announce(coverage.summary);
    }
}

void CoverageView::fillQuestions(const Loop &loop, const QList<Story> &stories, const StoryCoverageResult &coverage)
{
    m_questionModel->clear();
    QStringList headers{tr("Question"), tr("Coverage")};
    for (const Story &story : stories)
        headers << storyTitle(story);
    m_questionModel->setHorizontalHeaderLabels(headers);
    for (int column = FirstStoryColumn; column < headers.size(); ++column)
        m_questionModel->setHeaderData(column, Qt::Horizontal, headers.at(column), Qt::ToolTipRole);
    const QBrush shade = uncoveredBrush(palette());
    QHash<qint64, int> columnOf;
    for (int i = 0; i < stories.size(); ++i)
        columnOf.insert(stories.at(i).id, FirstStoryColumn + i);

    for (const RoundCoverage &round : coverage.rounds) {
        QList<QStandardItem *> header{cell(tr("Round: %1").arg(round.roundTitle))};
        QFont bold = header.first()->font();
        bold.setBold(true);
        header.first()->setFont(bold);
        header.first()->setSelectable(false);
        m_questionModel->appendRow(header);
        m_questions->setSpan(m_questionModel->rowCount() - 1, 0, 1, int(headers.size()));
        for (const QuestionCoverage &question : round.questions) {
            const Question *asked = loop.question(question.questionId);
            const QString text = asked ? asked->text : question.questionId;
            QList<QStandardItem *> row;
            row << cell(text);
            row.first()->setData(question.questionId, IdRole);
            QString status;
            if (!question.linked.isEmpty())
                status = tr("Covered: %n linked", nullptr, int(question.linked.size()));
            else if (!question.suggested.isEmpty())
                status = tr("Covered by suggestion only");
            else
                status = tr("Not covered");
            row << cell(status);
            for (const Story &story : stories) {
                QStandardItem *item = cell({});
                item->setData(story.id, StoryIdRole);
                item->setData(question.questionId, IdRole);
                item->setData(false, JoinedRole);
                item->setAccessibleText(tr("%1: not linked").arg(storyTitle(story)));
                row << item;
            }
            for (const qint64 id : question.linked) {
                if (const int column = columnOf.value(id, -1); column >= 0) {
                    QStandardItem *item = row.at(column);
                    item->setText(tr("✓ Linked"));
                    item->setData(true, JoinedRole);
                    QFont font = item->font();
                    font.setBold(true);
                    item->setFont(font);
                    item->setToolTip(tr("Your choice for this question; Return unlinks it"));
                    item->setAccessibleText(tr("%1: linked").arg(storyTitle(stories.at(column - FirstStoryColumn))));
                }
            }
            for (const StorySuggestion &suggestion : question.suggested) {
                if (const int column = columnOf.value(suggestion.storyId, -1); column >= 0) {
                    QStandardItem *item = row.at(column);
                    item->setText(tr("○ Suggested"));
                    item->setToolTip(
                        tr("Suggested by its tags and words (score %1); Return links it").arg(suggestion.score));
                    item->setAccessibleText(tr("%1: suggested").arg(storyTitle(stories.at(column - FirstStoryColumn))));
                }
            }
            if (!question.covered()) {
                for (QStandardItem *item : std::as_const(row))
                    item->setBackground(shade);
            }
            m_questionModel->appendRow(row);
        }
    }
    m_questions->setColumnWidth(LabelColumn, 360);
    m_questions->setColumnWidth(StatusColumn, 180);
}

void CoverageView::fillValues(const QList<Story> &stories, const StoryCoverageResult &coverage)
{
    m_valueModel->clear();
    QStringList headers{tr("Value"), tr("Coverage")};
    for (const Story &story : stories)
        headers << storyTitle(story);
    m_valueModel->setHorizontalHeaderLabels(headers);
    for (int column = FirstStoryColumn; column < headers.size(); ++column)
        m_valueModel->setHeaderData(column, Qt::Horizontal, headers.at(column), Qt::ToolTipRole);
    const QBrush shade = uncoveredBrush(palette());
    for (const ValueCoverage &value : coverage.values) {
        QList<QStandardItem *> row{cell(value.valueTitle)};
        row.first()->setData(value.valueId, IdRole);
        const qsizetype count = value.storyCount();
        row << cell(count == 0 ? tr("Not covered") : (count == 1 ? tr("1 story") : tr("%1 stories").arg(count)));
        for (const Story &story : stories) {
            QStandardItem *item = cell({});
            item->setData(story.id, StoryIdRole);
            item->setData(value.valueId, IdRole);
            const bool tagged = value.tagged.contains(story.id);
            item->setData(tagged, JoinedRole);
            if (tagged) {
                item->setText(tr("✓ Tagged"));
                QFont font = item->font();
                font.setBold(true);
                item->setFont(font);
                item->setAccessibleText(tr("%1: tagged").arg(storyTitle(story)));
            } else if (value.suggested.contains(story.id)) {
                item->setText(tr("○ Suggested"));
                item->setToolTip(tr("Its words name this value; Return tags it"));
                item->setAccessibleText(tr("%1: suggested").arg(storyTitle(story)));
            } else {
                item->setAccessibleText(tr("%1: not tagged").arg(storyTitle(story)));
            }
            row << item;
        }
        if (count == 0) {
            for (QStandardItem *item : std::as_const(row))
                item->setBackground(shade);
        }
        m_valueModel->appendRow(row);
    }
    m_values->setColumnWidth(LabelColumn, 360);
    m_values->setColumnWidth(StatusColumn, 180);
}

void CoverageView::toggle(QTableView *view, const QModelIndex &index)
{
    if (!index.isValid() || index.column() < FirstStoryColumn)
        return;
    const qint64 storyId = index.data(StoryIdRole).toLongLong();
    const QString id = index.data(IdRole).toString();
    const bool joined = index.data(JoinedRole).toBool();
    if (storyId == 0 || id.isEmpty())
        return;
    if (view == m_questions)
        Q_EMIT linkToggled(storyId, id, !joined);
    else
        Q_EMIT valueToggled(storyId, id, !joined);
}

bool CoverageView::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress && static_cast<QKeyEvent *>(event)->key() == Qt::Key_Space
        && static_cast<QKeyEvent *>(event)->modifiers() == Qt::NoModifier) {
        auto *view = qobject_cast<QTableView *>(watched);
        if (view) {
            toggle(view, view->currentIndex());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace MockLoop
