#pragma once

#include "library/LibraryTypes.h"
#include "library/TakeAnalysis.h"
#include "widgets/WaveformSlider.h"

#include <QDialog>

class QLabel;

namespace MockLoop {

struct Loop;
struct Round;
class RatingPanel;
class TakePlayerWidget;

// Rating an answer again after listening to it: the question, the take with its phase marks, and
// the round's rubric below, so any part can be replayed while rating. It is a dialog rather than
// a part of the library page because the rubric, with its anchors and red flags, needs the room.
// The first rating is never changed; this one is kept beside it.
class ReRatingDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ReRatingDialog(QWidget *parent = nullptr);

    // Clears what was entered before. takePath may be empty (an answer without a take); playback
    // starts at position. The answer's phase times and its measured feedback (or why there is
    // none) are shown beside the rubric, as on the rating page of a session.
    void prepare(const Loop &loop, const Round &round, const AnswerDetail &detail, const QString &takePath,
                 const QList<WaveformSlider::Mark> &marks, qint64 position, const TakeAnalysis &analysis);

    RatingPanel *ratingPanel() const { return m_panel; }
    TakePlayerWidget *player() const { return m_player; }

Q_SIGNALS:
    // Saving is the page's: it closes the dialog once the rating is stored.
    void submitted(const MockLoop::Rating &rating);

private:
    QLabel *m_question;
    TakePlayerWidget *m_player;
    RatingPanel *m_panel;
};

} // namespace MockLoop
