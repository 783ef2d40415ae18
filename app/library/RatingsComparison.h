#pragma once

#include "library/LibraryTypes.h"
#include "loops/Loop.h"

#include <QWidget>

#include <memory>

class QGridLayout;

namespace MockLoop {

// The ratings of an answer side by side: the one given right after answering, the latest after a
// replay (with how each score moved) and a coach's (brought back from a coach bundle), dimension by
// dimension in the round's rubric order, their averages, the red flags ticked (by their text) and
// the notes of each rating.
class RatingsComparison : public QWidget
{
    Q_OBJECT

public:
    explicit RatingsComparison(QWidget *parent = nullptr);

    // loop is the loop in force for the answer (null when it is no longer in the catalogue).
    void showRatings(const AnswerDetail &detail, std::shared_ptr<const Loop> loop);

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    QString redFlagText(const QString &flagId) const;

    QGridLayout *m_ratingsGrid = nullptr;
    AnswerDetail m_detail;
    std::shared_ptr<const Loop> m_loop;
};

} // namespace MockLoop
