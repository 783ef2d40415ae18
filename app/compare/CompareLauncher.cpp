#include "CompareLauncher.h"

#include "CompareDialog.h"

#include <QAbstractItemView>
#include <QAction>
#include <QItemSelectionModel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace MockLoop {

CompareLauncher::CompareLauncher(const AppServices &services, QAbstractItemView *table, int answerIdRole, QWidget *page)
    : QObject(page)
    , m_services(services)
    , m_table(table)
    , m_answerIdRole(answerIdRole)
    , m_page(page)
    , m_action(new QAction(tr("&Compare Two Takes"), page))
    , m_button(new QPushButton(tr("C&ompare"), page))
{
    m_action->setObjectName(u"compareTakesAction"_s);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_action->setShortcutContext(Qt::WindowShortcut);
    m_button->setObjectName(u"compareSelectedButton"_s);
    m_button->setAccessibleName(tr("Compare the two selected takes"));
    connect(m_action, &QAction::triggered, this, [this] {
        const QList<qint64> ids = selectedAnswerIds();
        if (ids.size() == 2)
            compareAnswers(ids.at(0), ids.at(1));
    });
    connect(m_button, &QPushButton::clicked, m_action, &QAction::trigger);
    // Also where a right-click on the selected rows looks for it, with its key shown.
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->addAction(m_action);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CompareLauncher::updateAction);
    connect(m_table->model(), &QAbstractItemModel::modelReset, this, &CompareLauncher::updateAction);
    updateAction();
}

void CompareLauncher::setCatalog(const LoopCatalog &catalog)
{
    m_catalog = catalog;
    if (m_dialog)
        m_dialog->setCatalog(catalog);
}

void CompareLauncher::compareAnswers(qint64 firstAnswerId, qint64 secondAnswerId)
{
    Q_EMIT opening();
    if (!m_dialog) {
        m_dialog = new CompareDialog(m_services, m_page);
        m_dialog->setCatalog(m_catalog);
    }
    m_dialog->compare(firstAnswerId, secondAnswerId);
}

QList<qint64> CompareLauncher::selectedAnswerIds() const
{
    QList<qint64> ids;
    for (const QModelIndex &row : m_table->selectionModel()->selectedRows())
        ids << row.data(m_answerIdRole).toLongLong();
    return ids;
}

void CompareLauncher::updateAction()
{
    const qsizetype selected = selectedAnswerIds().size();
    m_action->setEnabled(selected == 2);
    m_button->setEnabled(selected == 2);
    const QString key = m_action->shortcut().toString(QKeySequence::NativeText);
    m_button->setToolTip(selected == 2
                             ? tr("Compare the two selected takes side by side (%1)").arg(key)
                             : tr("Select two answers (Ctrl+click) to compare them side by side (%1)").arg(key));
}

} // namespace MockLoop
