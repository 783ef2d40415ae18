#pragma once

#include "AppServices.h"
#include "loops/LoopCatalog.h"

#include <QObject>

class QAbstractItemView;
class QAction;
class QPushButton;
class QWidget;

namespace MockLoop {

class CompareDialog;

// The Library's ways into a comparison of two takes: the Compare action (a button under the table,
// the rows' context menu and Ctrl+Shift+C), enabled while exactly two rows are selected, and
// compareAnswers() for "Compare with another take" in an answer's detail. Owns the comparison, a
// window of its own made when first asked for; a new comparison replaces the one shown.
class CompareLauncher : public QObject
{
    Q_OBJECT

public:
    // table lists answers, their ids in answerIdRole of column 0; page is the comparison's parent.
    CompareLauncher(const AppServices &services, QAbstractItemView *table, int answerIdRole, QWidget *page);

    QAction *action() const { return m_action; }
    QPushButton *button() const { return m_button; }
    void setCatalog(const LoopCatalog &catalog);
    void compareAnswers(qint64 firstAnswerId, qint64 secondAnswerId);
    // The comparison, once one was asked for.
    CompareDialog *dialog() const { return m_dialog; }

Q_SIGNALS:
    // A comparison is about to open: what plays elsewhere should stop.
    void opening();

private:
    QList<qint64> selectedAnswerIds() const;
    void updateAction();

    AppServices m_services;
    QAbstractItemView *m_table;
    int m_answerIdRole;
    QWidget *m_page;
    QAction *m_action;
    QPushButton *m_button;
    LoopCatalog m_catalog;
    CompareDialog *m_dialog = nullptr;
};

} // namespace MockLoop
