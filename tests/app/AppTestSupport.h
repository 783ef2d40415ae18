#pragma once

#include "session/SessionSnapshot.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <QFuture>
#include <QMessageBox>
#include <QString>
#include <QTest>

#include <memory>

class QDialog;
class QWidget;

namespace MockLoop {

// What the GUI tests share.
namespace AppTest {

// The result of a practice library call; its continuations run on this thread's event loop, so
// this waits in it.
template<typename T> T wait(QFuture<T> future)
{
    if (!QTest::qWaitFor([&future] { return future.isFinished(); }, 10000))
        qFatal("a practice library call did not finish within 10 s");
    return future.result();
}

// The first row of model whose first column holds value in role, or -1.
int rowWith(const QAbstractItemModel *model, int role, const QVariant &value);

// Answers the modal message box named name with the button of role as soon as it shows, and
// hands its text to text.
void answerMessageBox(const QString &name, QMessageBox::ButtonRole role, QString *text = nullptr);

// Clicks the Library's "Re-rate after replay" for the answer shown on page and returns the dialog
// once it shows (null if it does not).
QDialog *openReRating(QWidget *page);

} // namespace AppTest

struct Loop;
class ManualClock;
class SessionEngine;

// What a crash leaves on disk, made by hand so that a test can start MockLoop on it: the session
// file as the engine saved it at some moment, and the take as the recorder left it (a .part whose
// sizes were never patched, or a finished WAV).
namespace CrashLeftovers {

// The Netflix loop, as built in.
std::shared_ptr<const Loop> netflixLoop();

// A session of the Netflix loop on clock, started (no follow-ups, no ticks): the test drives it
// to the moment of the crash and takes its snapshot().
std::unique_ptr<SessionEngine> startedSession(ManualClock &clock, SessionRequest request);
SessionRequest singleQuestion(const QString &questionId);
SessionRequest oneRound(const QString &roundId);

// A single-question session on questionId, driven on its own clock to: an answer of answerMs in
// progress (Answering), or, with rate, finished and on the rating page (Rating). Its take is named
// takeFile. The snapshot is what the session file holds at that moment.
SessionSnapshot answering(const QString &questionId, qint64 answerMs, const QString &takeFile);
SessionSnapshot rating(const QString &questionId, qint64 answerMs, const QString &takeFile, const Rating &draft);

void writeSessionFile(const QString &path, const SessionSnapshot &snapshot);

// seconds of a 220 Hz tone as 16 kHz mono 16-bit PCM, different from speech and from silence.
QByteArray tonePcm(double seconds);
// A take as a crash leaves it: wavPath + ".part" with zero sizes in its header (finished: false),
// or the finished WAV. Returns the PCM written.
QByteArray writeTake(const QString &wavPath, double seconds, bool finished);

} // namespace CrashLeftovers

} // namespace MockLoop
