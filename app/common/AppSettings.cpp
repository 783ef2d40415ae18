#include "AppSettings.h"

#include "library/LibraryStore.h"

#include <QSettings>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace MockLoop::AppSettings {

namespace {

QVariant value(const QString &key, const QVariant &fallback = {})
{
    return QSettings().value(key, fallback);
}

void setValue(const QString &key, const QVariant &newValue)
{
    QSettings().setValue(key, newValue);
}

} // namespace

SessionSettings sessionSettings()
{
    const SessionSettings defaults;
    SessionSettings settings;
    settings.thinkSeconds = value(u"practice/thinkSeconds"_s, defaults.thinkSeconds).toInt();
    settings.hardStop = value(u"practice/hardStop"_s, defaults.hardStop).toBool();
    settings.breakMinutes = value(u"practice/breakMinutes"_s, defaults.breakMinutes).toInt();
    settings.followUpsPerQuestion = value(u"practice/followUpsPerQuestion"_s, defaults.followUpsPerQuestion).toInt();
    settings.followUpAnswerSeconds = value(u"practice/followUpAnswerSeconds"_s, defaults.followUpAnswerSeconds).toInt();
    settings.drillQuestionCount = value(u"practice/drillQuestionCount"_s, defaults.drillQuestionCount).toInt();
    return settings;
}

void setSessionSettings(const SessionSettings &settings)
{
    setValue(u"practice/thinkSeconds"_s, settings.thinkSeconds);
    setValue(u"practice/hardStop"_s, settings.hardStop);
    setValue(u"practice/breakMinutes"_s, settings.breakMinutes);
    setValue(u"practice/followUpsPerQuestion"_s, settings.followUpsPerQuestion);
    setValue(u"practice/followUpAnswerSeconds"_s, settings.followUpAnswerSeconds);
    setValue(u"practice/drillQuestionCount"_s, settings.drillQuestionCount);
}

QString libraryFolder()
{
    return value(u"library/folder"_s, LibraryStore::defaultFolder()).toString();
}

void setLibraryFolder(const QString &folder)
{
    setValue(u"library/folder"_s, folder);
}

bool analysisEnabled()
{
    return value(u"analysis/enabled"_s, true).toBool();
}

void setAnalysisEnabled(bool enabled)
{
    setValue(u"analysis/enabled"_s, enabled);
}

QString speechModelFolder()
{
    return value(u"analysis/modelFolder"_s).toString();
}

void setSpeechModelFolder(const QString &folder)
{
    if (folder.isEmpty())
        QSettings().remove(u"analysis/modelFolder"_s);
    else
        setValue(u"analysis/modelFolder"_s, folder);
}

bool voiceEnabled()
{
    return value(u"voice/enabled"_s, true).toBool();
}

void setVoiceEnabled(bool enabled)
{
    setValue(u"voice/enabled"_s, enabled);
}

VoiceSettings voiceSettings()
{
    const VoiceSettings defaults;
    VoiceSettings settings;
    settings.voiceId = value(u"voice/voice"_s, defaults.voiceId).toString();
    // Out of range (a hand-edited file): the nearest that makes sense.
    settings.rate = std::clamp(value(u"voice/rate"_s, defaults.rate).toDouble(), 0.5, 2.0);
    settings.volume = std::clamp(value(u"voice/volume"_s, defaults.volume).toDouble(), 0.0, 1.0);
    return settings;
}

QByteArray voiceOutputId()
{
    return value(u"voice/outputDeviceId"_s).toByteArray();
}

void setVoiceOutputId(const QByteArray &deviceId)
{
    setValue(u"voice/outputDeviceId"_s, deviceId);
}

void setVoiceSettings(const VoiceSettings &settings)
{
    setValue(u"voice/voice"_s, settings.voiceId);
    setValue(u"voice/rate"_s, settings.rate);
    setValue(u"voice/volume"_s, settings.volume);
}

int interruptionThresholdSeconds()
{
    return std::clamp(value(u"voice/interruptionThresholdSeconds"_s, DefaultInterruptionThresholdSeconds).toInt(), 5,
                      600);
}

void setInterruptionThresholdSeconds(int seconds)
{
    setValue(u"voice/interruptionThresholdSeconds"_s, seconds);
}

ClockAnnouncements clockAnnouncements()
{
    const int stored = value(u"practice/clockAnnouncements"_s, int(ClockAnnouncements::EveryMinute)).toInt();
    return stored >= int(ClockAnnouncements::Off) && stored <= int(ClockAnnouncements::EveryMinute)
        ? ClockAnnouncements(stored)
        : ClockAnnouncements::EveryMinute;
}

void setClockAnnouncements(ClockAnnouncements when)
{
    setValue(u"practice/clockAnnouncements"_s, int(when));
}

QString lastLoopId()
{
    return value(u"practice/loopId"_s).toString();
}

void setLastLoopId(const QString &loopId)
{
    setValue(u"practice/loopId"_s, loopId);
}

QString lastMode()
{
    return value(u"practice/mode"_s).toString();
}

void setLastMode(const QString &mode)
{
    setValue(u"practice/mode"_s, mode);
}

QString lastRoundId()
{
    return value(u"practice/roundId"_s).toString();
}

void setLastRoundId(const QString &roundId)
{
    setValue(u"practice/roundId"_s, roundId);
}

QString levelFor(const QString &loopId)
{
    // Before levels were kept per loop, one was kept for all ("practice/levelId"): it is still
    // the best guess for a loop not practised since.
    return value(u"practice/levels/"_s + loopId, value(u"practice/levelId"_s, u"L6"_s)).toString();
}

void setLevelFor(const QString &loopId, const QString &levelId)
{
    setValue(u"practice/levels/"_s + loopId, levelId);
}

QDate interviewDate(const QString &loopId)
{
    return value(u"preparation/%1/interviewDate"_s.arg(loopId)).toDate();
}

void setInterviewDate(const QString &loopId, const QDate &date)
{
    setValue(u"preparation/%1/interviewDate"_s.arg(loopId), date);
}

QByteArray windowGeometry()
{
    return value(u"window/geometry"_s).toByteArray();
}

void setWindowGeometry(const QByteArray &geometry)
{
    setValue(u"window/geometry"_s, geometry);
}

QByteArray windowState()
{
    return value(u"window/state"_s).toByteArray();
}

void setWindowState(const QByteArray &state)
{
    setValue(u"window/state"_s, state);
}

QByteArray librarySplitterState()
{
    return value(u"library/splitter"_s).toByteArray();
}

void setLibrarySplitterState(const QByteArray &state)
{
    setValue(u"library/splitter"_s, state);
}

} // namespace MockLoop::AppSettings
