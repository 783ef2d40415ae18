#pragma once

#include "library/LibraryTypes.h"
#include "loops/Loop.h"
#include "stories/Story.h"

#include <QWidget>

#include <memory>
#include <optional>

class QFormLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace MockLoop {

// One story as a form: its title, each phase of the loop's story structure (the loop's prompt for
// the phase as placeholder, the phase's target time in its label), the numbers it claims, the
// member impact, its tags (the loop's values, categories, themes and levels, ticked), the period and
// the company; below, the hints (StoryHints) and the spoken length against the target. There is
// no Save button: every change is reported (edited()) and the page saves it.
//
// What the loop does not offer (a phase or tag of another loop, say) is kept as it was.
class StoryEditor : public QWidget
{
    Q_OBJECT

public:
    explicit StoryEditor(QWidget *parent = nullptr);

    // The loop whose structure and tags the form offers; the story shown stays.
    void setLoop(std::shared_ptr<const Loop> loop);
    // Shows story, reporting no edit; the focus and the place in each box stay when it is the
    // story shown already (undo, say).
    void setStory(const Story &story);
    // No story chosen: the form is empty and disabled.
    void clearStory();
    bool hasStory() const { return m_hasStory; }
    // The story as the form holds it.
    Story story() const;
    // The candidate's pace, for the spoken length (absent: 150 words a minute).
    void setMeasuredPace(std::optional<double> wordsPerMinute);
    // What practice the story has had on the cue card (none: not practised yet).
    void setPractice(const std::optional<StoryPractice> &practice);

    QLineEdit *titleEdit() const { return m_title; }
    // Every box that takes typing, in Tab order: for the page's undo keys.
    QList<QWidget *> textBoxes() const;
    QWidget *lastFocusWidget() const;

Q_SIGNALS:
    void edited();

private:
    void buildStructure();
    void fillTags();
    void updateHints();
    void updateTabOrder();
    void reportEdit();

    std::shared_ptr<const Loop> m_loop;
    Story m_story; // the story shown, for what the form does not edit
    bool m_hasStory = false;
    bool m_filling = false;
    std::optional<double> m_pace;

    QLineEdit *m_title;
    QWidget *m_phaseBox;
    QFormLayout *m_phaseLayout;
    QList<std::pair<QString, QPlainTextEdit *>> m_phases; // phase id, its box
    QPlainTextEdit *m_metrics;
    QLineEdit *m_impact;
    QListWidget *m_values;
    QListWidget *m_categories;
    QListWidget *m_themes;
    QListWidget *m_levels;
    QLineEdit *m_period;
    QLineEdit *m_company;
    QLabel *m_length;
    QLabel *m_practice;
    QLabel *m_hints;
};

} // namespace MockLoop
