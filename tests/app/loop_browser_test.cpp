#include "common/ApplicationIdentity.h"
#include "loopbrowser/LoopBrowserWindow.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The interim window that lists the loaded loops and their rounds.
class LoopBrowserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        applyApplicationIdentity(*QCoreApplication::instance());
    }
    void window_listsTheNetflixLoopAndItsRounds();
    void brokenOpenedFile_showsItsErrors();
};

void LoopBrowserTest::window_listsTheNetflixLoopAndItsRounds()
{
    LoopBrowserWindow window;
    QSignalSpy shown(&window, &LoopBrowserWindow::catalogShown);
    window.show();
    QVERIFY(shown.wait(10000));
    auto *tree = window.findChild<QTreeWidget *>(u"loopTree"_s);
    QVERIFY(tree);
    QTreeWidgetItem *netflix = nullptr;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        if (tree->topLevelItem(i)->text(0).startsWith(u"Netflix"_s))
            netflix = tree->topLevelItem(i);
    }
    QVERIFY(netflix);
    QCOMPARE(netflix->childCount(), 6);
    QCOMPARE(netflix->child(1)->text(2), u"60"_s);
    QCOMPARE(netflix->text(2), u"285"_s);
}

void LoopBrowserTest::brokenOpenedFile_showsItsErrors()
{
    const QString broken = QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/not-yaml/loop.yaml");
    LoopBrowserWindow window({broken});
    QSignalSpy shown(&window, &LoopBrowserWindow::catalogShown);
    QVERIFY(shown.wait(10000));
    auto *tree = window.findChild<QTreeWidget *>(u"loopTree"_s);
    const QList<QTreeWidgetItem *> items = tree->findItems(broken, Qt::MatchContains);
    QCOMPARE(items.size(), 1);
    QVERIFY(items.first()->childCount() >= 1);
    QVERIFY2(items.first()->child(0)->text(0).contains(
                 u":4:6: error: not valid YAML: did not find expected ',' or ']' while parsing a flow sequence"_s),
             qPrintable(items.first()->child(0)->text(0)));
}

QTEST_MAIN(LoopBrowserTest)
#include "loop_browser_test.moc"
