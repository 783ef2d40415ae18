#include "AppTestSupport.h"
#include "audio/TakeInfo.h"
#include "common/ApplicationIdentity.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "library/RecoveredTakesDialog.h"
#include "loops/Loop.h"
#include "mainwindow/MainWindow.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "rating/RatingPanel.h"
#include "session/Clock.h"
#include "session/SessionEngine.h"
#include "session/SessionStore.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using AppTest::answerMessageBox;
using AppTest::wait;

namespace {

const QString QuestionId = u"fr-gave-autonomy"_s;
const QString TakeFile = u"01-fr-gave-autonomy.wav"_s;

} // namespace

// MockLoop started again on what a crash left: the session file and the take as the recorder left
// it. Whatever the moment of the crash, the take stays with its answer, what was entered is kept,
// and nothing the session owns is offered as a stray recording. (Recording the rest of an answer
// resumed mid-way runs on the audio rig: practice_recording_test.)
class SessionRecoveryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void crashOnTheRatingPage_keepsTheTakeLinked_replayable_andTheDraftRating();
    void takesFolderLinkedOutsideTheLibrary_isNeitherRepairedNorRecordedInto();
    void discardingASessionStoppedMidAnswer_keepsThatAnswerWithItsTake();
    void startingANewSession_overOneStoppedMidAnswer_keepsTheOldAnswerWithItsTake();
    void answersTheLibraryMissed_areSavedOnResume_once();
    void recoveredRecordingMessage_goesOnceTheRecordingIsDealtWith();
    void libraryRefusingWrites_losesNothing_andSavesEverythingOnceItCan();
    void sessionEndingWhileTheLibraryRefuses_keepsItsFileToResume();

private:
    void openWindow();
    void closeWindow();
    void resume();
    template<typename T> T *find(const QString &name) const { return m_window->findChild<T *>(name); }
    SessionEngine *engine() const { return m_window->sessionPage()->controller()->engine(); }
    QString takePath(const QString &sessionId, const QString &file) const;
    QList<AnswerRow> storedAnswers();
    AnswerDetail stored(qint64 id);
    QList<RecoveredTake> strayTakes();

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<PracticeLibrary> m_library;
    std::unique_ptr<MainWindow> m_window;
    AppServices m_services;
};

void SessionRecoveryTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*QCoreApplication::instance());
}

void SessionRecoveryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QSettings().clear();
    m_clock = std::make_unique<ManualClock>();
    m_library = std::make_unique<PracticeLibrary>();
    QVERIFY(wait(m_library->open(m_dir->filePath(u"library"_s))).ok());
    m_services = AppServices{};
    m_services.clock = m_clock.get();
    m_services.library = m_library.get();
    m_services.sessionFilePath = m_dir->filePath(u"unfinished-session.json"_s);
    m_services.recordAudio = false;
}

void SessionRecoveryTest::cleanup()
{
    closeWindow();
    m_library.reset();
    m_clock.reset();
    m_dir.reset();
}

void SessionRecoveryTest::openWindow()
{
    m_window = std::make_unique<MainWindow>(m_services);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isCatalogLoaded(), 10000);
}

void SessionRecoveryTest::closeWindow()
{
    m_window.reset();
    // What the window's last moments handed to the library is done before the next look.
    wait(m_library->run([](LibraryStore *) { return true; }));
}

void SessionRecoveryTest::resume()
{
    QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(u"resumeBanner"_s)->isVisible(), 10000);
    QTest::mouseClick(find<QPushButton>(u"resumeButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sessionPage()->isVisible() && m_window->sessionPage()->controller(), 10000);
}

QString SessionRecoveryTest::takePath(const QString &sessionId, const QString &file) const
{
    return QDir(m_library->folder()).filePath(LibraryStore::takeRelativePath(sessionId, file));
}

QList<AnswerRow> SessionRecoveryTest::storedAnswers()
{
    return wait(m_library->run([](LibraryStore *store) { return store->answers(); }));
}

AnswerDetail SessionRecoveryTest::stored(qint64 id)
{
    return wait(m_library->run([id](LibraryStore *store) { return store->answer(id); })).value_or(AnswerDetail{});
}

QList<RecoveredTake> SessionRecoveryTest::strayTakes()
{
    const QString sessionFile = m_services.sessionFilePath;
    return wait(m_library->run([sessionFile](LibraryStore *store) {
        QList<RecoveredTake> takes;
        for (const RecoveredTakeItem &item : scanForRecoveredTakes(store, sessionFile).takes)
            takes << item.take;
        return takes;
    }));
}

void SessionRecoveryTest::crashOnTheRatingPage_keepsTheTakeLinked_replayable_andTheDraftRating()
{
    // Killed on the rating page with two levels chosen, a red flag ticked and a note, while the
    // take was still being finished: its .part is all there is on disk.
    const Loop &loop = *CrashLeftovers::netflixLoop();
    const Round &round = *loop.round(CrashLeftovers::answering(QuestionId, 0, TakeFile).current->roundId);
    const QList<const RubricDimension *> rubric = loop.rubricFor(round);
    const QString flag = loop.redFlagsFor(round).first()->flags.first().id;
    Rating draft;
    draft.scores = {{rubric.at(0)->id, 3}, {rubric.at(1)->id, 2}};
    draft.redFlagIds = {flag};
    draft.notes = u"Lead with the number."_s;
    const SessionSnapshot saved = CrashLeftovers::rating(QuestionId, 40000, TakeFile, draft);
    CrashLeftovers::writeSessionFile(m_services.sessionFilePath, saved);
    const QString take = takePath(saved.sessionId, TakeFile);
    CrashLeftovers::writeTake(take, 5, false);

    openWindow();
    resume();
    QCOMPARE(engine()->state(), SessionState::Rating);
    auto *panel = find<RatingPanel>(u"ratingPanel"_s);
    QCOMPARE(panel->rating().scores, draft.scores);
    QCOMPARE(panel->rating().redFlagIds, draft.redFlagIds);
    QCOMPARE(panel->rating().notes, draft.notes);
    // The take is whole again and linked: it can be replayed before rating.
    QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>(u"replayButton"_s)->isEnabled(), 10000);
    QVERIFY(QFile::exists(take));
    QVERIFY(!QFile::exists(take + u".part"_s));
    QVERIFY2(strayTakes().isEmpty(), "the session's own take is not a stray recording");

    // What is changed now is kept with the session as it happens.
    find<DimensionChoice>(u"dimension_"_s + rubric.at(1)->id)->setScore(4);
    QTRY_COMPARE_WITH_TIMEOUT(FileSessionStore::load(m_services.sessionFilePath)
                                  .value_or(SessionSnapshot{})
                                  .current.value_or(AnswerRecord{})
                                  .draftRating.value_or(Rating{})
                                  .scores.value(rubric.at(1)->id),
                              4, 10000);
    QTest::mouseClick(find<QPushButton>(u"submitRatingButton"_s), Qt::LeftButton);

    // One answer, with its take and the rating as entered; the session file goes once the library
    // holds it all.
    QTRY_COMPARE_WITH_TIMEOUT(storedAnswers().size(), 1, 10000);
    const AnswerDetail detail = stored(storedAnswers().first().id);
    QVERIFY(detail.recording);
    QCOMPARE(detail.recording->relativePath, LibraryStore::takeRelativePath(saved.sessionId, TakeFile));
    QCOMPARE(detail.recording->duration, Milliseconds(5s));
    QCOMPARE(detail.rightAfter->scores.value(rubric.at(0)->id), 3);
    QCOMPARE(detail.rightAfter->scores.value(rubric.at(1)->id), 4);
    QCOMPARE(detail.rightAfter->redFlagIds, QStringList{flag});
    QCOMPARE(detail.rightAfter->notes, draft.notes);
    QCOMPARE(detail.row.answerTime, Milliseconds(40s));
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(m_services.sessionFilePath), 10000);
    QVERIFY(strayTakes().isEmpty());
}

void SessionRecoveryTest::takesFolderLinkedOutsideTheLibrary_isNeitherRepairedNorRecordedInto()
{
    // The session file names a session whose takes folder is a symbolic link to a folder outside
    // the library, holding a .part as a crash would leave it: resuming must not repair it (that
    // rewrites it), link it, or record anything more there.
    const SessionSnapshot saved = CrashLeftovers::rating(QuestionId, 40000, TakeFile, Rating{});
    CrashLeftovers::writeSessionFile(m_services.sessionFilePath, saved);
    const QString outside = m_dir->filePath(u"outside"_s);
    QVERIFY(QDir().mkpath(outside));
    CrashLeftovers::writeTake(QDir(outside).filePath(TakeFile), 5, false);
    const QString part = QDir(outside).filePath(TakeFile + u".part"_s);
    QVERIFY(QFile::exists(part));
    const QByteArray before = [&part] {
        QFile file(part);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    const QString sessionFolder = QFileInfo(takePath(saved.sessionId, TakeFile)).absolutePath();
    QVERIFY(QDir().mkpath(QFileInfo(sessionFolder).absolutePath()));
    QVERIFY(QFile::link(outside, sessionFolder));

    openWindow();
    resume();
    QCOMPARE(engine()->state(), SessionState::Rating);
    SessionController *controller = m_window->sessionPage()->controller();
    QTRY_VERIFY_WITH_TIMEOUT(controller->recordingProblem().contains(u"outside the library"_s), 10000);
    QTest::mouseClick(find<QPushButton>(u"submitRatingButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(storedAnswers().size(), 1, 10000);
    QVERIFY2(!stored(storedAnswers().first().id).recording, "a take outside the library is not linked");
    QVERIFY(!find<QPushButton>(u"replayButton"_s)->isEnabled());
    QVERIFY2(!QFile::exists(QDir(outside).filePath(TakeFile)), "the .part outside was not repaired");
    QFile file(part);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), before);
}

void SessionRecoveryTest::discardingASessionStoppedMidAnswer_keepsThatAnswerWithItsTake()
{
    const SessionSnapshot saved = CrashLeftovers::answering(QuestionId, 21000, TakeFile);
    CrashLeftovers::writeSessionFile(m_services.sessionFilePath, saved);
    const QString take = takePath(saved.sessionId, TakeFile);
    CrashLeftovers::writeTake(take, 21.5, false);

    openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(u"resumeBanner"_s)->isVisible(), 10000);
    // The Library, built after the first frame, looked for stray takes meanwhile: this one is the
    // unfinished session's, not a stray.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->libraryPage(), 10000);
    QVERIFY(strayTakes().isEmpty());
    answerMessageBox(u"discardConfirmation"_s, QMessageBox::DestructiveRole);
    QTest::mouseClick(find<QPushButton>(u"discardButton"_s), Qt::LeftButton);

    QTRY_COMPARE_WITH_TIMEOUT(storedAnswers().size(), 1, 10000);
    const AnswerDetail detail = stored(storedAnswers().first().id);
    QVERIFY2(detail.recording, "the answer in progress keeps its take");
    QCOMPARE(detail.recording->duration, Milliseconds(21500));
    QVERIFY(!detail.rightAfter);
    QCOMPARE(detail.row.questionId, QuestionId);
    QCOMPARE(detail.row.overtime, Milliseconds(0));
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(m_services.sessionFilePath), 10000);
    QVERIFY(strayTakes().isEmpty());
    QVERIFY(!find<QWidget>(u"resumeBanner"_s)->isVisible());
}

void SessionRecoveryTest::startingANewSession_overOneStoppedMidAnswer_keepsTheOldAnswerWithItsTake()
{
    const SessionSnapshot saved = CrashLeftovers::answering(QuestionId, 12000, TakeFile);
    CrashLeftovers::writeSessionFile(m_services.sessionFilePath, saved);
    CrashLeftovers::writeTake(takePath(saved.sessionId, TakeFile), 12, false);

    openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(u"resumeBanner"_s)->isVisible(), 10000);
    find<QRadioButton>(u"modeSingleQuestion"_s)->setChecked(true);
    answerMessageBox(u"replaceUnfinishedConfirmation"_s, QMessageBox::AcceptRole);
    QTest::mouseClick(find<QPushButton>(u"startButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sessionPage()->isVisible() && m_window->sessionPage()->controller(), 10000);
    QVERIFY(engine()->sessionId() != saved.sessionId);

    QTRY_COMPARE_WITH_TIMEOUT(storedAnswers().size(), 1, 10000);
    const AnswerRow old = storedAnswers().first();
    QCOMPARE(old.sessionId, saved.sessionId);
    QVERIFY(old.hasRecording);
    // The session file is the new session's now.
    QTRY_COMPARE_WITH_TIMEOUT(FileSessionStore::load(m_services.sessionFilePath).value_or(SessionSnapshot{}).sessionId,
                              engine()->sessionId(), 10000);
    QVERIFY(strayTakes().isEmpty());
}

void SessionRecoveryTest::answersTheLibraryMissed_areSavedOnResume_once()
{
    // The first answer of a round was rated, but the crash came before the library had it.
    ManualClock clock;
    auto session = CrashLeftovers::startedSession(clock, CrashLeftovers::oneRound(u"hiring-manager"_s));
    QVERIFY(session->beginRound());
    QVERIFY(session->beginAnswer());
    const QString firstTake = session->currentAnswer()->defaultTakeFile();
    QVERIFY(session->setTakeFile(firstTake));
    clock.advance(95s);
    QVERIFY(session->finishAnswer());
    Rating rating;
    rating.scores = {{u"candor"_s, 3}};
    QVERIFY(session->submitRating(rating));
    QCOMPARE(session->state(), SessionState::Thinking);
    const SessionSnapshot saved = session->snapshot();
    QCOMPARE(saved.answers.size(), 1);
    CrashLeftovers::writeSessionFile(m_services.sessionFilePath, saved);
    CrashLeftovers::writeTake(takePath(saved.sessionId, firstTake), 3, true);

    openWindow();
    resume();
    QTRY_COMPARE_WITH_TIMEOUT(storedAnswers().size(), 1, 10000);
    AnswerDetail detail = stored(storedAnswers().first().id);
    QVERIFY(detail.recording);
    QCOMPARE(detail.rightAfter->scores.value(u"candor"_s), 3);
    QCOMPARE(detail.row.answerTime, Milliseconds(95s));
    const QList<SessionRecord> sessions = wait(m_library->run([](LibraryStore *store) { return store->sessions(); }));
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.first().id, saved.sessionId);

    // Closed and resumed again: saved again, stored once.
    closeWindow();
    openWindow();
    resume();
    closeWindow();
    QCOMPARE(storedAnswers().size(), 1);
    QVERIFY(strayTakes().isEmpty());
}

void SessionRecoveryTest::recoveredRecordingMessage_goesOnceTheRecordingIsDealtWith()
{
    // A take with no session to claim it.
    CrashLeftovers::writeTake(takePath(u"lost-session"_s, u"02-answer.wav"_s), 2, false);
    openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->statusBar()->currentMessage().contains(u"1 recording left behind"_s), 10000);

    m_window->showPage(MainWindow::Page::Library);
    QTest::mouseClick(m_window->libraryPage()->findChild<QPushButton *>(u"reviewRecoveredButton"_s), Qt::LeftButton);
    RecoveredTakesDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<RecoveredTakesDialog *>()) && dialog->isVisible());
    QTest::mouseClick(dialog->findChild<QPushButton *>(u"keepRecoveredButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(dialog->takeCount(), 0, 10000);
    QTRY_VERIFY(!m_window->statusBar()->currentMessage().contains(u"left behind"_s));
    QCOMPARE(storedAnswers().size(), 1);
    QCOMPARE(storedAnswers().first().overtime, Milliseconds(0));
    dialog->close();
}

void SessionRecoveryTest::libraryRefusingWrites_losesNothing_andSavesEverythingOnceItCan()
{
    // The library cannot be written when the session starts (its folder is gone, as a full disk
    // or a failing drive would make it); it comes back before the second answer.
    const QString folder = m_library->folder();
    openWindow();
    QFile blocker(m_dir->filePath(u"blocked"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    QVERIFY(!wait(m_library->open(blocker.fileName() + u"/library"_s)).ok());
    find<QRadioButton>(u"modeQuickDrill"_s)->setChecked(true);
    find<QSpinBox>(u"drillCount"_s)->setValue(3);
    QTest::mouseClick(find<QPushButton>(u"startButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sessionPage()->isVisible() && m_window->sessionPage()->controller(), 10000);
    auto *banner = find<QLabel>(u"recordingBannerText"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(banner->text().contains(u"could not be saved in the practice library"_s),
                              qPrintable(banner->text()), 10000);

    // The first answer, rated: refused by the library, kept, and said so truthfully.
    QVERIFY(engine()->beginAnswer());
    m_clock->advance(30s);
    while (engine()->state() == SessionState::Answering)
        QVERIFY(engine()->finishAnswer()); // and its follow-ups
    Rating rating;
    QVERIFY(engine()->submitRating(rating));
    QTRY_VERIFY_WITH_TIMEOUT(banner->text().startsWith(u"An answer could not be saved in the practice library"_s),
                             10000);
    QVERIFY(banner->text().contains(u"Nothing is lost"_s));
    QTRY_COMPARE_WITH_TIMEOUT(
        FileSessionStore::load(m_services.sessionFilePath).value_or(SessionSnapshot{}).answers.size(), 1, 10000);

    // Space again: the next answer brings the refused one with it, and the banner goes.
    QVERIFY(wait(m_library->open(folder)).ok());
    QVERIFY(engine()->beginAnswer());
    m_clock->advance(20s);
    while (engine()->state() == SessionState::Answering)
        QVERIFY(engine()->finishAnswer());
    QVERIFY(engine()->skipRating());
    QTRY_COMPARE_WITH_TIMEOUT(storedAnswers().size(), 2, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!banner->text().contains(u"could not be saved"_s), 10000);
    const QList<SessionRecord> sessions = wait(m_library->run([](LibraryStore *store) { return store->sessions(); }));
    QCOMPARE(sessions.size(), 1);
    QCOMPARE(sessions.first().id, engine()->sessionId());
    QVERIFY(engine()->skipQuestion());
    QTRY_COMPARE(engine()->state(), SessionState::Finished); // a drill ends on its one summary
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(m_services.sessionFilePath), 10000);
    QCOMPARE(storedAnswers().size(), 3);
}

void SessionRecoveryTest::sessionEndingWhileTheLibraryRefuses_keepsItsFileToResume()
{
    openWindow();
    const QString folder = m_library->folder();
    find<QRadioButton>(u"modeSingleQuestion"_s)->setChecked(true);
    QTest::mouseClick(find<QPushButton>(u"startButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sessionPage()->isVisible() && m_window->sessionPage()->controller(), 10000);
    const QString sessionId = engine()->sessionId();
    QTRY_COMPARE_WITH_TIMEOUT(wait(m_library->run([](LibraryStore *store) { return store->sessions().size(); })), 1,
                              10000);
    QFile blocker(m_dir->filePath(u"blocked"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    QVERIFY(!wait(m_library->open(blocker.fileName() + u"/library"_s)).ok());
    QVERIFY(engine()->beginAnswer());
    m_clock->advance(45s);
    while (engine()->state() == SessionState::Answering)
        QVERIFY(engine()->finishAnswer());
    Rating rating;
    rating.notes = u"Keep this"_s;
    QVERIFY(engine()->submitRating(rating));
    QCOMPARE(engine()->state(), SessionState::Finished);
    closeWindow();
    // The library never got the answer: the session file keeps it, offered to resume.
    QVERIFY(QFile::exists(m_services.sessionFilePath));
    QVERIFY(wait(m_library->open(folder)).ok());
    QCOMPARE(storedAnswers().size(), 0);
    openWindow();
    resume();
    QTRY_COMPARE_WITH_TIMEOUT(storedAnswers().size(), 1, 10000);
    QCOMPARE(stored(storedAnswers().first().id).rightAfter->notes, u"Keep this"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(m_services.sessionFilePath), 10000);
    QCOMPARE(storedAnswers().first().sessionId, sessionId);
}

QTEST_MAIN(SessionRecoveryTest)
#include "session_recovery_test.moc"
