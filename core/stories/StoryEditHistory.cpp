#include "StoryEditHistory.h"

namespace MockLoop {

StoryEditHistory::StoryEditHistory(Story initial)
    : m_states{std::move(initial)}
{ }

void StoryEditHistory::record(const Story &story)
{
    if (story == current())
        return;
    m_states.resize(m_index + 1);
    m_states.append(story);
    if (m_states.size() > MaxStates)
        m_states.removeFirst();
    m_index = m_states.size() - 1;
}

const Story &StoryEditHistory::undo()
{
    if (canUndo())
        --m_index;
    return current();
}

const Story &StoryEditHistory::redo()
{
    if (canRedo())
        ++m_index;
    return current();
}

} // namespace MockLoop
