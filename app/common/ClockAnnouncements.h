#pragma once

#include <QString>

#include <chrono>
#include <optional>

namespace MockLoop {

// When the answer clock is announced to a screen reader (Settings): never; at the moments that
// matter (1 minute left, 30 seconds left, time up, each minute of overtime); or also at each whole
// minute left.
enum class ClockAnnouncements { Off, Milestones, EveryMinute };

// The announcement due as the clock went from before to now (remaining times; negative is
// overtime), or nothing. A clock that jumped (resumed, restored) more than two seconds says
// nothing: what is announced is the time running out, not a reading.
std::optional<QString> clockAnnouncement(std::chrono::milliseconds before, std::chrono::milliseconds now,
                                         ClockAnnouncements when);

} // namespace MockLoop
