#pragma once

#include "Story.h"

#include <QList>

namespace MockLoop {

// The undo stack of one story's edits: each recorded state can be gone back to and forth again.
// Recording after an undo drops the states that were undone, as text editors do. The oldest
// states go past MaxStates.
class StoryEditHistory
{
public:
    static constexpr qsizetype MaxStates = 200;

    explicit StoryEditHistory(Story initial);

    const Story &current() const { return m_states.at(m_index); }
    // Records story as the newest state; a state equal to the current one is not recorded.
    void record(const Story &story);
    bool canUndo() const { return m_index > 0; }
    bool canRedo() const { return m_index + 1 < m_states.size(); }
    // The state before (after) the current one, now current; the current one when there is none.
    const Story &undo();
    const Story &redo();

private:
    QList<Story> m_states;
    qsizetype m_index = 0;
};

} // namespace MockLoop
