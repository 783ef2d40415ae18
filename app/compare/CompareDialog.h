#pragma once

#include "AppServices.h"
#include "TakeComparison.h"
#include "library/TakeAnalysis.h"
#include "loops/LoopCatalog.h"

#include <QDialog>

#include <array>

class QAction;
class QFrame;
class QGridLayout;
class QGroupBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QVBoxLayout;

namespace MockLoop {

class AnnouncementLabel;
class TakePlayerWidget;
class TranscriptView;

// Two takes side by side: both waveforms one above the other on one time scale (the longer take
// sets it), so that their story phases line up; A/B playback, where one key (S) plays the other
// take from the same point in the answer (the same fraction of it); both ratings per rubric
// dimension with the change; and, where the takes were analysed, the measured figures with their
// changes ("pace 172 → 148 wpm") and both approximate transcripts, each following its player.
// Take A is the older one. A take not analysed or not recorded says so in words.
//
// Everything is read on the library's worker (Comparison::load) and the waveforms from their cache
// on the thread pool: opening never waits on the disk. It follows the two answers: a new analysis
// or rating shows at once; playback goes on.
class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Side { A, B };

    explicit CompareDialog(const AppServices &services, QWidget *parent = nullptr);
    ~CompareDialog() override;

    // The loops, for the questions' rubrics and story phases.
    void setCatalog(const LoopCatalog &catalog);
    // Compares the two answers (in any order: the older is A), and shows the dialog.
    void compare(qint64 firstAnswerId, qint64 secondAnswerId);
    // The answers compared, A then B, once shown.
    std::pair<qint64, qint64> answerIds() const { return {m_ids[0], m_ids[1]}; }
    // Shown, with both waveforms drawn (or known to be missing).
    bool isReady() const { return m_ready; }

    Side currentSide() const { return m_current; }
    TakePlayerWidget *player(Side side) const { return m_lanes[index(side)].player; }
    TranscriptView *transcript(Side side) const { return m_lanes[index(side)].transcript; }
    // The take that was selected (or playing) stops, and the other plays from the same point in the
    // answer if the first was playing, or stands there ready.
    void switchTake();
    QAction *switchAction() const { return m_switchAction; }

Q_SIGNALS:
    // The comparison asked for is shown, both waveforms drawn.
    void ready();

protected:
    void hideEvent(QHideEvent *event) override;

private:
    struct Lane
    {
        QFrame *frame = nullptr;
        QLabel *title = nullptr;
        QLabel *state = nullptr;
        TakePlayerWidget *player = nullptr;
        QLabel *analysisNote = nullptr;
        TranscriptView *transcript = nullptr;
    };

    static int index(Side side) { return side == Side::A ? 0 : 1; }
    static Side other(Side side) { return side == Side::A ? Side::B : Side::A; }
    static QString letter(Side side);
    QFrame *makeLane(Side side);
    void reload();
    void showComparison(const TakeComparison &comparison);
    void showLane(Side side, const ComparedTake &take);
    void showRatings();
    void showMeasures();
    TakeAnalysis analysisOf(const ComparedTake &take) const;
    QString analysisNote(Side side, const TakeAnalysis &analysis) const;
    void makeCurrent(Side side);
    void updateStates();
    void updateTimeScale();
    void checkReady();

    AppServices m_services;
    LoopCatalog m_catalog;
    std::shared_ptr<const Loop> m_loop;
    QLabel *m_question;
    QPushButton *m_switch;
    QAction *m_switchAction;
    AnnouncementLabel *m_announcement;
    std::array<Lane, 2> m_lanes;
    QScrollArea *m_scroll;
    QWidget *m_content;
    QGroupBox *m_ratingsBox;
    QWidget *m_ratings;
    QGroupBox *m_measuresBox;
    QVBoxLayout *m_measuresLayout;
    QLabel *m_measuresSummary;
    QPushButton *m_close;

    TakeComparison m_comparison;
    std::array<qint64, 2> m_ids{0, 0};
    Side m_current = Side::A;
    quint64 m_generation = 0; // comparisons asked for before are dropped
    quint64 m_shownGeneration = 0; // the one shown
    bool m_ready = false;
};

} // namespace MockLoop
