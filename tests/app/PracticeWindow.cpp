#include "PracticeWindow.h"

#include "common/ApplicationIdentity.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "rating/RatingPanel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QComboBox>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

void PracticeWindow::initFixture()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*QCoreApplication::instance());
}

void PracticeWindow::setUpWindow()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QSettings().clear();
    m_clock = std::make_unique<ManualClock>();
    m_library = std::make_unique<PracticeLibrary>();
    m_library->open(m_dir->filePath(u"library"_s));
    m_services = AppServices{};
    m_services.clock = m_clock.get();
    m_services.library = m_library.get();
    m_services.sessionFilePath = m_dir->filePath(u"unfinished-session.json"_s);
    m_services.recordAudio = false;
    adjustServices(m_services);
    m_askedBy.clear();
    openWindow();
}

void PracticeWindow::openWindow()
{
    m_window = std::make_unique<MainWindow>(m_services);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_window->isCatalogLoaded(), 10000);
}

void PracticeWindow::tearDownWindow()
{
    stopWaitingForMessageBox();
    m_window.reset();
    m_library.reset();
    m_clock.reset();
    m_dir.reset();
}

void PracticeWindow::choose(const QString &comboName, const QVariant &data)
{
    auto *combo = find<QComboBox>(comboName);
    QVERIFY(combo);
    const int index = combo->findData(data);
    QVERIFY2(index >= 0, qPrintable(data.toString()));
    combo->setCurrentIndex(index);
}

void PracticeWindow::chooseMode(const QString &modeButtonName)
{
    QTest::mouseClick(find<QRadioButton>(modeButtonName), Qt::LeftButton);
}

void PracticeWindow::startSession()
{
    QTest::mouseClick(find<QPushButton>(u"startButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sessionPage()->isVisible() && m_window->sessionPage()->controller(), 10000);
}

void PracticeWindow::activate()
{
    // A window manager gives the window back its focus when a dialog closes; offscreen, we do.
    if (!m_window->isActiveWindow()) {
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    }
}

void PracticeWindow::typeInto(QWidget *box, const QString &text)
{
    activate();
    box->setFocus(Qt::OtherFocusReason);
    QTRY_VERIFY2(box->hasFocus(),
                 qPrintable(QApplication::focusWidget() ? QApplication::focusWidget()->objectName() : u"no focus"_s));
    QTest::keyClicks(box, text);
}

void PracticeWindow::key(Qt::Key key, Qt::KeyboardModifiers modifiers)
{
    activate();
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : m_window.get(), key, modifiers);
}

SessionEngine *PracticeWindow::engine() const
{
    return m_window->sessionPage()->controller()->engine();
}

void PracticeWindow::answerAll(int score)
{
    for (int guard = 0; guard < 200; ++guard) {
        switch (engine()->state()) {
        case SessionState::Thinking:
            m_clock->advance(5s);
            key(Qt::Key_Return);
            break;
        case SessionState::Answering:
            m_clock->advance(60s);
            key(Qt::Key_Return);
            break;
        case SessionState::Rating:
            rateAndSubmit(score);
            break;
        default:
            return;
        }
    }
}

void PracticeWindow::rateAndSubmit(int score)
{
    auto *panel = find<RatingPanel>(u"ratingPanel"_s);
    for (DimensionChoice *choice : panel->findChildren<DimensionChoice *>())
        choice->setScore(score);
    QTest::keyClick(panel, Qt::Key_Return, Qt::ControlModifier);
}

void PracticeWindow::onNextMessageBox(const QString &button, const std::function<void(QMessageBox *)> &whileOpen)
{
    onNextDialog([button, whileOpen](QWidget *dialog) {
        auto *box = qobject_cast<QMessageBox *>(dialog);
        QVERIFY2(box, qPrintable(dialog->objectName()));
        if (whileOpen)
            whileOpen(box);
        for (QAbstractButton *candidate : box->buttons()) {
            if (candidate->text() == button) {
                candidate->click();
                return;
            }
        }
        box->reject();
        QFAIL(qPrintable(u"no button %1 in %2"_s.arg(button, box->objectName())));
    });
}

void PracticeWindow::onNextDialog(const std::function<void(QWidget *)> &handle)
{
    stopWaitingForMessageBox();
    m_askedBy.clear();
    auto *poll = new QTimer;
    m_messageBoxPoll = poll;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [this, poll, handle] {
        QWidget *dialog = QApplication::activeModalWidget();
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        m_askedBy = dialog->objectName();
        handle(dialog);
    });
    poll->start();
}

void PracticeWindow::stopWaitingForMessageBox()
{
    delete m_messageBoxPoll;
}
