#pragma once

#include <QByteArray>
#include <QObject>
#include <QStringList>

namespace MockLoop {

// The interviewer's voice as the app uses it: lines rendered ahead, and said one at a time. The
// app's is VoiceSpeechOutput (InterviewerVoice renders, SpeechPlayer plays); tests give a fake that
// says nothing and ends lines when told.
//
// Every say() ends with exactly one of finished(), stopped() or failed(), in that line's turn: a
// line cut short by stop() or by the next say() ends with stopped(). Never blocks: rendering runs
// on a worker, playing on the audio output.
class SpeechOutput : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    // Renders lines in the background so that saying them later starts at once.
    virtual void prepare(const QStringList &lines) = 0;
    // Says text, cutting short a line still being said.
    virtual void say(const QString &text) = 0;
    // Silences the line being said (or about to be) at once; nothing when there is none.
    virtual void stop() = 0;
    // A line is being rendered or said.
    virtual bool isBusy() const = 0;
    // The audio output lines are said on, by QAudioDevice::id(); empty (or one not connected): the
    // system's default output. Outputs that cannot choose ignore it.
    virtual void setOutputDeviceId(const QByteArray &deviceId) { Q_UNUSED(deviceId); }

Q_SIGNALS:
    // The line is heard from now, for durationMs.
    void started(const QString &text, qint64 durationMs);
    // Heard to its end (the output has played its last sample).
    void finished(const QString &text);
    // Cut short; playedMs of it were heard (0: it never started).
    void stopped(const QString &text, qint64 playedMs);
    // It could not be said: message says why, naming the voice or package when that is the cause.
    void failed(const QString &text, const QString &message);
};

} // namespace MockLoop
