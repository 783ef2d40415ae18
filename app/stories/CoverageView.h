#pragma once

#include "loops/Loop.h"
#include "stories/StoryCoverage.h"

#include <QWidget>

#include <memory>

class QLabel;
class QModelIndex;
class QStandardItemModel;
class QTableView;

namespace MockLoop {

class AnnouncementLabel;

// The story bank against the loop: a matrix of its questions (rows, grouped by round) against the
// stories, and one of its values against the stories. A cell says in words what joins them
// ("✓ Linked" — the candidate's choice — or "○ Suggested" by tags and words; for values "✓ Tagged"
// or "○ Suggested"); a row no story covers is shaded and says "Not covered". Activating a question
// cell (Return, Space or a double click) links the story to the question, or unlinks it; a value
// cell tags the story with the value, or untags it. Above: the count sentence ("31 of 34 questions
// covered, Candor by 1 story only"), announced when it changes.
//
// The view computes nothing: the page hands it a result worked out off the GUI thread.
class CoverageView : public QWidget
{
    Q_OBJECT

public:
    explicit CoverageView(QWidget *parent = nullptr);

    void showCoverage(std::shared_ptr<const Loop> loop, const QList<Story> &stories,
                      const StoryCoverageResult &coverage);
    // While the numbers are worked out.
    void showLoading();
    QTableView *questionMatrix() const { return m_questions; }
    QTableView *valueMatrix() const { return m_values; }

    // The columns before the stories' own.
    static constexpr int LabelColumn = 0;
    static constexpr int StatusColumn = 1;
    static constexpr int FirstStoryColumn = 2;

Q_SIGNALS:
    // The person asked to link (or unlink) the story and the question.
    void linkToggled(qint64 storyId, const QString &questionId, bool link);
    // The person asked to tag (or untag) the story with the value.
    void valueToggled(qint64 storyId, const QString &valueId, bool tag);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void fillQuestions(const Loop &loop, const QList<Story> &stories, const StoryCoverageResult &coverage);
    void fillValues(const QList<Story> &stories, const StoryCoverageResult &coverage);
    void toggle(QTableView *view, const QModelIndex &index);

    AnnouncementLabel *m_summary;
    QLabel *m_legend;
    QTableView *m_questions;
    QTableView *m_values;
    QStandardItemModel *m_questionModel;
    QStandardItemModel *m_valueModel;
};

} // namespace MockLoop
