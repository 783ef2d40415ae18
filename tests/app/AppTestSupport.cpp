#include "AppTestSupport.h"

#include "audio/WavFormat.h"
#include "loops/LoopCatalog.h"
#include "session/Clock.h"
#include "session/SessionEngine.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPushButton>
#include <QTest>
#include <QTimer>

#include <cmath>
#include <numbers>

using namespace Qt::StringLiterals;

namespace MockLoop {

QDialog *AppTest::openReRating(QWidget *page)
{
    auto *reRate = page->findChild<QPushButton *>(u"reRateButton"_s);
    if (!reRate || !reRate->isEnabled())
        return nullptr;
    reRate->click();
    auto *dialog = page->findChild<QDialog *>(u"reRatingDialog"_s);
    if (!dialog || !QTest::qWaitFor([dialog] { return dialog->isVisible(); }, 10000))
        return nullptr;
    return dialog;
}

int AppTest::rowWith(const QAbstractItemModel *model, int role, const QVariant &value)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(role) == value)
            return row;
    }
    return -1;
}

void AppTest::answerMessageBox(const QString &name, QMessageBox::ButtonRole role, QString *text)
{
    auto *poll = new QTimer(qApp);
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, poll, [poll, name, role, text] {
        for (QWidget *widget : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(widget);
            if (!box || box->objectName() != name || !box->isVisible())
                continue;
            if (text)
                *text = box->text();
            for (QAbstractButton *button : box->buttons()) {
                if (box->buttonRole(button) == role) {
                    poll->stop();
                    poll->deleteLater();
                    button->click();
                    return;
                }
            }
        }
    });
    poll->start();
}

namespace CrashLeftovers {

namespace {

const QString NetflixId = u"netflix-engineering-leadership"_s;

std::unique_ptr<SessionEngine> answeringEngine(ManualClock &clock, const QString &questionId, qint64 answerMs,
                                               const QString &takeFile)
{
    auto engine = startedSession(clock, singleQuestion(questionId));
    clock.advance(Milliseconds(5000));
    engine->beginAnswer();
    engine->setTakeFile(takeFile);
    clock.advance(Milliseconds(answerMs));
    engine->poll();
    return engine;
}

} // namespace

std::shared_ptr<const Loop> netflixLoop()
{
    static const std::shared_ptr<const Loop> loop = LoopCatalog::loadDefault().find(NetflixId);
    if (!loop)
        qFatal("the built-in Netflix loop is missing");
    return loop;
}

std::unique_ptr<SessionEngine> startedSession(ManualClock &clock, SessionRequest request)
{
    request.settings.followUpsPerQuestion = 0;
    QString error;
    auto engine = SessionEngine::create(netflixLoop(), request, clock, nullptr, &error);
    if (!engine)
        qFatal("could not plan the session: %s", qPrintable(error));
    engine->setTickInterval(0);
    engine->start();
    return engine;
}

SessionRequest singleQuestion(const QString &questionId)
{
    SessionRequest request;
    request.mode = SessionMode::SingleQuestion;
    request.pick = QuestionPick::Chosen;
    request.questionId = questionId;
    return request;
}

SessionRequest oneRound(const QString &roundId)
{
    SessionRequest request;
    request.mode = SessionMode::OneRound;
    request.roundId = roundId;
    return request;
}

SessionSnapshot answering(const QString &questionId, qint64 answerMs, const QString &takeFile)
{
    ManualClock clock;
    return answeringEngine(clock, questionId, answerMs, takeFile)->snapshot();
}

SessionSnapshot rating(const QString &questionId, qint64 answerMs, const QString &takeFile, const Rating &draft)
{
    ManualClock clock;
    auto engine = answeringEngine(clock, questionId, answerMs, takeFile);
    engine->finishAnswer();
    engine->setDraftRating(draft);
    return engine->snapshot();
}

void writeSessionFile(const QString &path, const SessionSnapshot &snapshot)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(snapshot.toJson()) <= 0)
        qFatal("could not write %s", qPrintable(path));
}

QByteArray tonePcm(double seconds)
{
    constexpr int SampleRate = 16000;
    const auto frames = qint64(seconds * SampleRate);
    QByteArray pcm(frames * 2, Qt::Uninitialized);
    for (qint64 i = 0; i < frames; ++i) {
        const auto sample = qint16(12000.0 * std::sin(2 * std::numbers::pi * 220.0 * double(i) / SampleRate));
        pcm[2 * i] = char(sample & 0xff);
        pcm[2 * i + 1] = char((sample >> 8) & 0xff);
    }
    return pcm;
}

QByteArray writeTake(const QString &wavPath, double seconds, bool finished)
{
    const QString path = finished ? wavPath : wavPath + u".part"_s;
    QDir().mkpath(QFileInfo(path).absolutePath());
    const QByteArray pcm = tonePcm(seconds);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("could not write %s", qPrintable(path));
    file.write(Wav::canonicalHeader(PcmFormat{}, finished ? pcm.size() : 0));
    file.write(pcm);
    return pcm;
}

} // namespace CrashLeftovers

} // namespace MockLoop
