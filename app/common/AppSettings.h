#pragma once

#include "ClockAnnouncements.h"
#include "session/SessionTypes.h"
#include "voice/InterviewerVoice.h"

#include <QByteArray>
#include <QDate>
#include <QString>

namespace MockLoop {

// The person's choices that outlive a run of the app, in ~/.config/MockLoop/MockLoop.conf.
// One place for every key, so that the app and its tests agree on them.
namespace AppSettings {

SessionSettings sessionSettings();
void setSessionSettings(const SessionSettings &settings);

QString libraryFolder(); // the default library folder unless the person chose another
void setLibraryFolder(const QString &folder);

// The last choices on the practice page.
QString lastLoopId();
void setLastLoopId(const QString &loopId);
QString lastMode();
void setLastMode(const QString &mode);
QString lastRoundId();
void setLastRoundId(const QString &roundId);
// The level chosen for a loop: each loop has levels of its own, so each remembers its choice.
QString levelFor(const QString &loopId);
void setLevelFor(const QString &loopId, const QString &levelId);

// The interview date the loop's preparation plan counts back from; invalid: none chosen yet.
QDate interviewDate(const QString &loopId);
void setInterviewDate(const QString &loopId, const QDate &date);

// Whether answers are analysed (transcript, pace, pauses...): on unless turned off in Settings.
bool analysisEnabled();
void setAnalysisEnabled(bool enabled);
// The folder the speech model is read from; empty: the Debian package's (the default).
QString speechModelFolder();
void setSpeechModelFolder(const QString &folder);

// The interviewer's voice: on unless turned off (a loop may prefer it off), which voice, how fast
// and how loud, and how far past its target a story phase runs before the interviewer breaks in.
bool voiceEnabled();
void setVoiceEnabled(bool enabled);
VoiceSettings voiceSettings();
void setVoiceSettings(const VoiceSettings &settings);
// The audio output the voice plays on (QAudioDevice::id()); empty: the system's default.
QByteArray voiceOutputId();
void setVoiceOutputId(const QByteArray &deviceId);
inline constexpr int DefaultInterruptionThresholdSeconds = 30;
int interruptionThresholdSeconds();
// When the answer clock is announced to a screen reader (Settings, Practice).
ClockAnnouncements clockAnnouncements();
void setClockAnnouncements(ClockAnnouncements when);
void setInterruptionThresholdSeconds(int seconds);

QByteArray windowGeometry();
void setWindowGeometry(const QByteArray &geometry);
QByteArray windowState();
void setWindowState(const QByteArray &state);
QByteArray librarySplitterState();
void setLibrarySplitterState(const QByteArray &state);

} // namespace AppSettings

} // namespace MockLoop
