#include "PracticeWindow.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDialog>
#include <QGroupBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QTabBar>
#include <QTableView>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

// The letter Alt presses for a text ("&File": f), or nothing; "&&" is a literal ampersand.
QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != u'&')
            continue;
        if (text.at(i + 1) != u'&')
            return text.at(i + 1).toLower();
        ++i;
    }
    return {};
}

// Every Alt+letter a window answers to as it stands: the visible buttons, labels with a buddy,
// group boxes and tabs, and the menu bar's titles. Returns the letters taken twice, with whose.
QString clashesIn(QWidget *window)
{
    QMultiMap<QChar, QString> owners;
    const auto add = [&owners](const QString &text) {
        if (const QChar letter = mnemonicOf(text); !letter.isNull())
            owners.insert(letter, text);
    };
    if (auto *mainWindow = qobject_cast<QMainWindow *>(window)) {
        for (QAction *menu : mainWindow->menuBar()->actions())
            add(menu->text());
    }
    for (QWidget *widget : window->findChildren<QWidget *>()) {
        if (!widget->isVisible() || widget->window() != window)
            continue;
        if (auto *button = qobject_cast<QAbstractButton *>(widget))
            add(button->text());
        else if (auto *label = qobject_cast<QLabel *>(widget); label && label->buddy())
            add(label->text());
        else if (auto *group = qobject_cast<QGroupBox *>(widget))
            add(group->title());
        else if (auto *tabs = qobject_cast<QTabBar *>(widget)) {
            for (int tab = 0; tab < tabs->count(); ++tab)
                add(tabs->tabText(tab));
        }
    }
    QStringList clashes;
    for (const QChar letter : owners.uniqueKeys()) {
        if (owners.count(letter) > 1)
            clashes << u"Alt+%1: %2"_s.arg(letter.toUpper(), owners.values(letter).join(u", "_s));
    }
    return clashes.join(u"; "_s);
}

} // namespace

// Alt+letter does one thing wherever the person is: no two visible controls of a page, nor a
// control and a menu title, share a mnemonic; nor do two items of a menu.
class MnemonicsTest : public QObject, protected PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void everyPageAndState_hasUniqueMnemonics();
    void practiceHome_withAnUnfinishedSession_hasUniqueMnemonics();
    void everyMenu_hasUniqueMnemonics();

private:
    void expectUnique(const char *where, QWidget *window = nullptr);
};

void MnemonicsTest::expectUnique(const char *where, QWidget *window)
{
    const QString clashes = clashesIn(window ? window : m_window.get());
    QVERIFY2(clashes.isEmpty(), qPrintable(u"%1: %2"_s.arg(QString::fromLatin1(where), clashes)));
}

void MnemonicsTest::everyPageAndState_hasUniqueMnemonics()
{
    expectUnique("practice home");
    chooseMode(u"modeFullLoop"_s);
    startSession();
    QCOMPARE(engine()->state(), SessionState::Briefing);
    expectUnique("briefing");
    key(Qt::Key_Return);
    expectUnique("question, thinking");
    key(Qt::Key_Return);
    expectUnique("question, answering");
    key(Qt::Key_P);
    expectUnique("question, paused");
    key(Qt::Key_P);
    m_clock->advance(1min);
    key(Qt::Key_Return);
    while (engine()->state() == SessionState::Answering)
        key(Qt::Key_Return);
    QCOMPARE(engine()->state(), SessionState::Rating);
    expectUnique("rating");
    rateAndSubmit(3);
    onNextMessageBox(u"End Round"_s);
    key(Qt::Key_E, Qt::ControlModifier);
    QCOMPARE(engine()->state(), SessionState::RoundWrapUp);
    expectUnique("round wrap-up");
    key(Qt::Key_Return);
    QCOMPARE(engine()->state(), SessionState::Break);
    expectUnique("break");
    key(Qt::Key_Return);
    onNextMessageBox(u"Abandon Session"_s);
    key(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(engine()->state(), SessionState::Finished);
    expectUnique("session summary");

    // The library, an answer shown, and re-rating it.
    QTest::mouseClick(find<QPushButton>(u"openInLibraryButton"_s), Qt::LeftButton);
    auto *table = find<QTableView>(u"answerTable"_s);
    QTRY_VERIFY_WITH_TIMEOUT(table->isVisible() && table->model()->rowCount() > 0, 10000);
    table->selectRow(0);
    QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(u"answerDetail"_s)->isVisible(), 10000);
    expectUnique("library");
    QTest::mouseClick(find<QPushButton>(u"reRateButton"_s), Qt::LeftButton);
    auto *reRating = m_window->findChild<QDialog *>(u"reRatingDialog"_s);
    QTRY_VERIFY(reRating && reRating->isVisible());
    expectUnique("re-rating", reRating);
    reRating->reject();

    key(Qt::Key_3, Qt::ControlModifier);
    QTRY_VERIFY(find<QWidget>(u"progressPage"_s)->isVisible());
    expectUnique("progress");

    key(Qt::Key_4, Qt::ControlModifier);
    QTRY_VERIFY(find<QWidget>(u"storiesPage"_s)->isVisible());
    expectUnique("stories");

    key(Qt::Key_5, Qt::ControlModifier);
    QTRY_VERIFY(find<QWidget>(u"settingsPage"_s)->isVisible());
    expectUnique("settings");
}

void MnemonicsTest::practiceHome_withAnUnfinishedSession_hasUniqueMnemonics()
{
    chooseMode(u"modeOneRound"_s);
    startSession();
    m_window.reset();
    openWindow();
    QTRY_VERIFY_WITH_TIMEOUT(find<QWidget>(u"resumeBanner"_s)->isVisible(), 10000);
    expectUnique("practice home with the resume banner");
}

void MnemonicsTest::everyMenu_hasUniqueMnemonics()
{
    // The session's and the library's actions join the menus after the first frame.
    QTRY_VERIFY_WITH_TIMEOUT(m_window->findChild<QWidget *>(u"libraryPage"_s)
                                 && m_window->findChild<QAction *>(u"finishAnswerAction"_s),
                             5000);
    for (QAction *title : m_window->menuBar()->actions()) {
        QMultiMap<QChar, QString> owners;
        for (QAction *action : title->menu()->actions()) {
            if (const QChar letter = mnemonicOf(action->text()); !action->isSeparator() && !letter.isNull())
                owners.insert(letter, action->text());
        }
        for (const QChar letter : owners.uniqueKeys())
            QVERIFY2(owners.count(letter) == 1,
                     qPrintable(title->text() + u": "_s + owners.values(letter).join(u", "_s)));
    }
}

QTEST_MAIN(MnemonicsTest)
#include "mnemonics_test.moc"
