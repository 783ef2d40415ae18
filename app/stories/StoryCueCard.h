#pragma once

#include "loops/Loop.h"
#include "stories/Story.h"
#include "stories/StoryCoverage.h"

#include <QFrame>
#include <QSet>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;

namespace MockLoop {

class AnnouncementLabel;
class PracticeLibrary;
class SessionEngine;

// The story cue card of a session's think time: the story the candidate linked to the question
// (or, with none, a picker of the stories suggested for it), in its phases, to glance at before
// answering. Off by default; one key (C) shows or hides it. The story shown is the one practised:
// it is kept with the answer in the library (LibraryStore::setPractisedStory), so the Library and
// the story's practice can say so. Stories are read on the library's thread.
class StoryCueCard : public QFrame
{
    Q_OBJECT

public:
    StoryCueCard(PracticeLibrary *library, QWidget *parent = nullptr);

    // Shows and hides the card (checkable, key C); for the session's menu and buttons.
    QAction *toggleAction() const { return m_toggle; }
    // Follows the session: visible during the think time of a question (null: hidden).
    void follow(const SessionEngine *engine);
    // The story shown, or 0.
    qint64 shownStoryId() const { return m_shownId; }
    bool isLoading() const { return m_loading; }
    QComboBox *picker() const { return m_picker; }
    // Links the story shown (a suggestion) to the question, as the candidate's choice.
    void linkShownStory();

Q_SIGNALS:
    // The story shown was stored with the answer.
    void storyKept(qint64 storyId);

private:
    struct Choices;
    void load();
    void showChoices(const Choices &choices);
    void showStory(qint64 storyId);
    void keep(qint64 storyId);
    void updateVisibility();

    PracticeLibrary *m_library;
    QAction *m_toggle;
    QLabel *m_caption;
    AnnouncementLabel *m_state;
    QComboBox *m_picker;
    QLabel *m_body;
    QPushButton *m_link;

    std::shared_ptr<const Loop> m_loop; // a copy of the session's loop, for the library's thread
    QString m_loopKey; // the session the copy is of
    QString m_sessionId;
    int m_ordinal = -1;
    QString m_questionId;
    bool m_thinking = false;
    bool m_loading = false;
    bool m_loaded = false;
    int m_generation = 0;
    QList<Story> m_stories; // the choices, in the picker's order
    QSet<qint64> m_linkedIds; // of those, the ones linked to the question
    qint64 m_shownId = 0;
    qint64 m_keptId = 0;
};

} // namespace MockLoop
