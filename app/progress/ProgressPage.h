#pragma once

#include "AppServices.h"
#include "loops/LoopCatalog.h"
#include "progress/ProgressTypes.h"

#include <QWidget>

class QCalendarWidget;
class QComboBox;
class QGridLayout;
class QLabel;
class QListWidget;

namespace MockLoop {

class ChartPanel;

// The Progress page: for a loop, a level, and optionally a round and a category, the trends of the
// ratings, the measured figures, calibration (the two ratings of an answer, and the ratings beside
// measured evidence), readiness per round in a plain sentence each, what to practise next with a
// button to practise it, the streak, and the practice calendar against the preparation plan. The
// numbers are worked out on the library's thread (loadProgress); the page shows them when they come.
class ProgressPage : public QWidget
{
    Q_OBJECT

public:
    ProgressPage(const AppServices &services, QWidget *parent = nullptr);

    void setCatalog(const LoopCatalog &catalog);
    // The page is shown (or hidden): it loads when shown, and again when the library changes.
    void setActive(bool active);
    // Works the numbers out again for the filter chosen.
    void reload();
    const ProgressData &progress() const { return m_progress; }
    bool isLoading() const { return m_loading; }
    ChartPanel *trendPanel() const { return m_trends; }
    ChartPanel *measurePanel() const { return m_measures; }
    ChartPanel *calibrationPanel() const { return m_calibration; }

Q_SIGNALS:
    // "Practise" next to a question: a single-question session of it.
    void practiseQuestion(const QString &loopId, const QString &questionId);
    // New numbers are on the page.
    void dataShown();

private:
    void fillLoopChoice();
    void fillFilterChoices();
    ProgressFilter filter() const;
    void show(const ProgressData &progress);
    void showQueue(const ProgressData &progress);
    void showCalendar(const ProgressData &progress);
    void libraryChanged();

    AppServices m_services;
    LoopCatalog m_catalog;
    ProgressData m_progress;
    bool m_active = false;
    bool m_stale = true;
    bool m_loading = false;
    int m_generation = 0; // of the newest request; older results are dropped

    QComboBox *m_loopChoice;
    QComboBox *m_levelChoice;
    QComboBox *m_roundChoice;
    QComboBox *m_categoryChoice;
    QLabel *m_summary;
    QListWidget *m_readiness;
    QLabel *m_streak;
    QWidget *m_queue;
    QGridLayout *m_queueLayout;
    QCalendarWidget *m_calendar;
    QLabel *m_plan;
    QListWidget *m_stories;
    ChartPanel *m_trends;
    ChartPanel *m_measures;
    ChartPanel *m_calibration;
};

} // namespace MockLoop
