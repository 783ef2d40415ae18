#include "AnalysisTestLibrary.h"
#include "AppServices.h"
#include "AppTestSupport.h"
#include "analysis/AnalysisService.h"
#include "common/AppSettings.h"
#include "library/PracticeLibrary.h"
#include "mainwindow/MainWindow.h"
#include "session/Clock.h"
#include "settings/SettingsPage.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using AnalysisTestLibrary::DefaultModelFolder;
using AnalysisTestLibrary::takesLeft;

namespace {

constexpr int Patience = 120000; // ms: analysis on a busy 2-core machine, model load included

} // namespace

// The Settings page's "Speech analysis" section, driven offscreen by objectName on a real library
// of spoken takes and the real analysis service: what the person sees and what each control does.
class AnalysisSettingsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void workOnItsOwn_shown_thenAllAnalysed();
    void turnedOff_stopsNewAnalysis_andIsKept();
    void reanalyseAll_showsProgress_andReachesAllAnalysed();
    void cancel_stopsTheWork();
    void takeThatCannotBeAnalysed_counted_withItsMessage();
    void modelMissing_saysAnalysisIsUnavailable_andWhatToDo();
    void modelFolderWithoutAModel_clearMessageNamingIt();
    void modelFolderChosen_used_thenResetToDefault();
    void tab_goesThroughTheSectionInVisualOrder();
    void modelMissing_toldInTheMainWindowsStatusBar();

private:
    void openPage();
    void chooseModelFolderInDialog(const QString &folder);
    template<typename T> T *find(const QString &name) const
    {
        T *widget = m_page->findChild<T *>(name);
        if (!widget)
            qFatal("no %s", qPrintable(name));
        return widget;
    }
    QString status() const { return find<QLabel>(u"analysisStatus"_s)->text(); }

    std::unique_ptr<AnalysisTestLibrary::Scratch> m_scratch;
    QString m_libraryFolder;
    std::unique_ptr<PracticeLibrary> m_library;
    std::unique_ptr<AnalysisService> m_analysis;
    std::unique_ptr<SettingsPage> m_page;
};

void AnalysisSettingsTest::initTestCase()
{
    if (const QString missing = AnalysisTestLibrary::prepare(); !missing.isEmpty()) {
        if (qEnvironmentVariableIntValue("MOCKLOOP_REQUIRE_AUDIO") == 1)
            QFAIL(qPrintable(missing));
        QSKIP(qPrintable(missing));
    }
}

void AnalysisSettingsTest::init()
{
    m_scratch = std::make_unique<AnalysisTestLibrary::Scratch>();
    m_libraryFolder = m_scratch->libraryFolder();
}

void AnalysisSettingsTest::cleanup()
{
    m_page.reset();
    m_analysis.reset();
    m_library.reset();
    m_scratch.reset();
}

// The app's start, as DesktopApp makes it: the library, the service on it, the page.
void AnalysisSettingsTest::openPage()
{
    m_library = std::make_unique<PracticeLibrary>();
    m_analysis = std::make_unique<AnalysisService>(m_library.get());
    AppServices services;
    services.library = m_library.get();
    services.analysis = m_analysis.get();
    services.recordAudio = false;
    m_page = std::make_unique<SettingsPage>(services);
    m_page->resize(900, 1400);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    m_library->open(m_libraryFolder);
}

void AnalysisSettingsTest::chooseModelFolderInDialog(const QString &folder)
{
    QTest::mouseClick(find<QPushButton>(u"chooseModelFolder"_s), Qt::LeftButton);
    auto *dialog = m_page->findChild<QFileDialog *>(u"modelFolderDialog"_s);
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    auto *name = dialog->findChild<QLineEdit *>(u"fileNameEdit"_s);
    QVERIFY(name);
    // Pasted, as typing it letter by letter lets the completer rewrite it.
    name->setText(folder);
    QTest::keyClick(name, Qt::Key_Return);
    QTRY_VERIFY(!dialog->isVisible());
}

void AnalysisSettingsTest::workOnItsOwn_shown_thenAllAnalysed()
{
    m_scratch->fill(3, 5);
    openPage();
    // Nobody asked: the takes left from before are analysed after the start, and the page says so.
    auto *progress = find<QProgressBar>(u"analysisProgress"_s);
    QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible() && status().contains(u"of 3 takes analysed"_s), Patience);
    QVERIFY2(progress->text().contains(u"of 3 takes analysed"_s), qPrintable(progress->text()));
    QVERIFY(find<QPushButton>(u"cancelAnalysis"_s)->isEnabled());
    QTRY_COMPARE_WITH_TIMEOUT(status(), u"All takes analysed."_s, Patience);
    QVERIFY(!progress->isVisible());
    QVERIFY(!find<QPushButton>(u"cancelAnalysis"_s)->isEnabled());
    QVERIFY(!find<QLabel>(u"analysisFailures"_s)->isVisible());
}

void AnalysisSettingsTest::turnedOff_stopsNewAnalysis_andIsKept()
{
    m_scratch->fill(3, 6);
    openPage();
    auto *enabled = find<QCheckBox>(u"analysisEnabled"_s);
    QVERIFY(enabled->isChecked());
    QTRY_VERIFY_WITH_TIMEOUT(m_analysis->isWorking() && m_analysis->backgroundTotal() == 3, Patience);
    QSignalSpy stored(m_analysis.get(), &AnalysisService::analysisStored);

    QTest::mouseClick(enabled, Qt::LeftButton, {}, QPoint(enabled->height() / 2, enabled->height() / 2));
    QVERIFY(!enabled->isChecked());
    QVERIFY2(status().startsWith(u"Analysis is off"_s), qPrintable(status()));
    QTRY_VERIFY_WITH_TIMEOUT(!m_analysis->isWorking(), Patience);
    QVERIFY(!find<QProgressBar>(u"analysisProgress"_s)->isVisible());
    QVERIFY(!find<QPushButton>(u"reanalyseAllTakes"_s)->isEnabled());
    // No new analysis: not of a new answer, not in the background.
    QVERIFY(!m_analysis->newStreamingAnalyzer());
    const int storedWhenOff = int(stored.size());
    QCOMPARE(takesLeft(*m_library), 3 - storedWhenOff);
    QCOMPARE(takesLeft(*m_library), 3 - storedWhenOff);
    QCOMPARE(int(stored.size()), storedWhenOff);
    QVERIFY(!AppSettings::analysisEnabled());

    // The next start remembers.
    m_page.reset();
    m_analysis.reset();
    m_library.reset();
    openPage();
    QVERIFY(!find<QCheckBox>(u"analysisEnabled"_s)->isChecked());
    QVERIFY(!m_analysis->isEnabled());
    QVERIFY2(status().startsWith(u"Analysis is off"_s), qPrintable(status()));
    QCOMPARE(takesLeft(*m_library), 3 - storedWhenOff);
    QVERIFY(!m_analysis->isWorking());
}

void AnalysisSettingsTest::reanalyseAll_showsProgress_andReachesAllAnalysed()
{
    m_scratch->fill(3, 3);
    openPage();
    QTRY_COMPARE_WITH_TIMEOUT(status(), u"All takes analysed."_s, Patience);
    QCOMPARE(takesLeft(*m_library), 0);
    QVERIFY(!m_analysis->isWorking());

    auto *progress = find<QProgressBar>(u"analysisProgress"_s);
    QStringList seen;
    connect(
        m_analysis.get(), &AnalysisService::backgroundProgress, this, [&seen, progress] { seen << progress->text(); },
        Qt::QueuedConnection);
    QTest::mouseClick(find<QPushButton>(u"reanalyseAllTakes"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible(), Patience);
    QTRY_COMPARE_WITH_TIMEOUT(status(), u"All takes analysed."_s, Patience);
    QVERIFY(!progress->isVisible());
    QCOMPARE(takesLeft(*m_library), 0);
    QVERIFY2(seen.contains(u"0 of 3 takes analysed"_s) && seen.contains(u"3 of 3 takes analysed"_s),
             qPrintable(seen.join(u" | "_s)));
}

void AnalysisSettingsTest::cancel_stopsTheWork()
{
    m_scratch->fill(4, 6);
    openPage();
    auto *cancel = find<QPushButton>(u"cancelAnalysis"_s);
    QTRY_VERIFY_WITH_TIMEOUT(cancel->isEnabled() && m_analysis->backgroundTotal() == 4, Patience);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(status().startsWith(u"Stopped after"_s), Patience);
    QVERIFY2(status().contains(u"of 4 takes"_s), qPrintable(status()));
    QVERIFY(!m_analysis->isWorking());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(!find<QProgressBar>(u"analysisProgress"_s)->isVisible());
    QVERIFY(find<QPushButton>(u"reanalyseAllTakes"_s)->isEnabled());
    const int left = takesLeft(*m_library);
    QVERIFY2(left > 0, "cancelled before the end");
    QCOMPARE(takesLeft(*m_library), left);
    QVERIFY(!m_analysis->isWorking());
}

void AnalysisSettingsTest::takeThatCannotBeAnalysed_counted_withItsMessage()
{
    m_scratch->fill(2, 3);
    // The newest take's file is damaged on disk since it was recorded.
    const QString newest = QDir(m_libraryFolder).filePath(u"takes"_s);
    QString damaged;
    for (const QFileInfo &session : QDir(newest).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot))
        damaged = session.filePath() + u"/02-question.wav"_s;
    {
        QFile file(damaged);
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write("not a recording at all");
    }
    openPage();
    QTRY_COMPARE_WITH_TIMEOUT(status(), u"All takes analysed."_s, Patience);
    auto *failures = find<QLabel>(u"analysisFailures"_s);
    QVERIFY(failures->isVisible());
    QCOMPARE(failures->text(), u"1 take could not be analysed or stored."_s);
    auto *details = find<QPlainTextEdit>(u"analysisFailureMessages"_s);
    QVERIFY(!details->isVisible());
    QTest::mouseClick(find<QPushButton>(u"showAnalysisFailures"_s), Qt::LeftButton);
    QVERIFY(details->isVisible());
    QVERIFY2(details->toPlainText().contains(u"02-question.wav"_s), qPrintable(details->toPlainText()));
    QCOMPARE(takesLeft(*m_library), 1); // tried again at the next start, not now in a loop
}

void AnalysisSettingsTest::modelMissing_saysAnalysisIsUnavailable_andWhatToDo()
{
    const QString empty = m_scratch->filePath(u"no-model"_s);
    QVERIFY(QDir().mkpath(empty));
    AppSettings::setSpeechModelFolder(empty);
    m_scratch->fill(1, 3);
    openPage();
    QTRY_VERIFY_WITH_TIMEOUT(status().startsWith(u"Analysis unavailable: "_s), 10000);
    QVERIFY2(status().contains(empty) && status().contains(u"sudo apt-get install pocketsphinx-en-us"_s),
             qPrintable(status()));
    QVERIFY(find<QPushButton>(u"checkModelAgain"_s)->isVisible());
    QVERIFY(!find<QPushButton>(u"reanalyseAllTakes"_s)->isEnabled());
    QCOMPARE(find<QLabel>(u"modelFolder"_s)->text(), empty);
    // The default model is there: going back to it makes analysis available, and the take waiting
    // is analysed.
    QTest::mouseClick(find<QPushButton>(u"resetModelFolder"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(status(), u"All takes analysed."_s, Patience);
    QVERIFY(!find<QPushButton>(u"checkModelAgain"_s)->isVisible());
    QCOMPARE(takesLeft(*m_library), 0);
}

void AnalysisSettingsTest::modelFolderWithoutAModel_clearMessageNamingIt()
{
    const QString wrong = m_scratch->filePath(u"holiday-photos"_s);
    QVERIFY(QDir().mkpath(wrong));
    openPage();
    QTRY_VERIFY_WITH_TIMEOUT(m_analysis->modelState() == AnalysisService::ModelState::Ready, 10000);
    chooseModelFolderInDialog(wrong);
    auto *modelStatus = find<QLabel>(u"modelStatus"_s);
    QTRY_VERIFY2_WITH_TIMEOUT(modelStatus->text().contains(u"holds no speech model"_s), qPrintable(modelStatus->text()),
                              Patience);
    const QString message = modelStatus->text();
    QVERIFY2(message.startsWith(wrong) && message.contains(u"goes on using the one in "_s + DefaultModelFolder)
                 && message.contains(wrong + u"/en-us is missing"_s)
                 && message.contains(u"sudo apt-get install pocketsphinx-en-us"_s),
             qPrintable(message));
    QVERIFY2(find<QLabel>(u"modelFolder"_s)->text().startsWith(DefaultModelFolder + u" (the default"_s),
             qPrintable(find<QLabel>(u"modelFolder"_s)->text()));
    QCOMPARE(AppSettings::speechModelFolder(), QString());
    // Analysis goes on with the default model: never unavailable, and done with whatever background
    // work the library's takes gave it (on a slow machine it may still be looking at them now).
    QVERIFY2(!status().startsWith(u"Analysis unavailable"_s), qPrintable(status()));
    QTRY_VERIFY2_WITH_TIMEOUT(status().startsWith(u"Ready"_s) || status().startsWith(u"All takes"_s),
                              qPrintable(status()), Patience);
}

void AnalysisSettingsTest::modelFolderChosen_used_thenResetToDefault()
{
    const QString copy = m_scratch->modelCopy(u"my-model"_s);
    openPage();
    auto *folder = find<QLabel>(u"modelFolder"_s);
    auto *reset = find<QPushButton>(u"resetModelFolder"_s);
    QVERIFY(!reset->isEnabled());
    chooseModelFolderInDialog(copy);
    QTRY_COMPARE_WITH_TIMEOUT(folder->text(), copy, Patience);
    QVERIFY2(find<QLabel>(u"modelStatus"_s)->text().startsWith(u"Using the speech model in "_s + copy),
             qPrintable(find<QLabel>(u"modelStatus"_s)->text()));
    QCOMPARE(AppSettings::speechModelFolder(), copy);
    QVERIFY(reset->isEnabled());

    QTest::mouseClick(reset, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(folder->text().startsWith(DefaultModelFolder + u" (the default"_s), Patience);
    QCOMPARE(AppSettings::speechModelFolder(), QString());
    QVERIFY(!reset->isEnabled());
}

void AnalysisSettingsTest::tab_goesThroughTheSectionInVisualOrder()
{
    openPage();
    QTRY_COMPARE_WITH_TIMEOUT(status(), u"All takes analysed."_s, Patience);
    m_page->activateWindow();
    // From the last control of Practice, through the section, on to the interviewer's voice below it.
    QWidget *focused = find<QWidget>(u"clockAnnouncements"_s);
    focused->setFocus();
    QStringList order;
    for (int i = 0; i < 4; ++i) {
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        order << QApplication::focusWidget()->objectName();
    }
    QCOMPARE(order,
             (QStringList{u"analysisEnabled"_s, u"reanalyseAllTakes"_s, u"chooseModelFolder"_s, u"voiceEnabled"_s}));
}

void AnalysisSettingsTest::modelMissing_toldInTheMainWindowsStatusBar()
{
    const QString empty = m_scratch->filePath(u"no-model"_s);
    QVERIFY(QDir().mkpath(empty));
    AppSettings::setSpeechModelFolder(empty);
    ManualClock clock;
    m_library = std::make_unique<PracticeLibrary>();
    m_analysis = std::make_unique<AnalysisService>(m_library.get());
    AppServices services;
    services.clock = &clock;
    services.library = m_library.get();
    services.analysis = m_analysis.get();
    services.sessionFilePath = m_scratch->filePath(u"unfinished-session.json"_s);
    services.recordAudio = false;
    MainWindow window(services);
    window.show();
    m_library->open(m_libraryFolder);
    // On the Practice page, far from Settings.
    QTRY_COMPARE_WITH_TIMEOUT(window.statusBar()->currentMessage(),
                              u"Speech analysis is unavailable: see Settings for why and what to do."_s, 10000);
}

QTEST_MAIN(AnalysisSettingsTest)
#include "analysis_settings_test.moc"
