#include "MainWindow.h"

#include "analysis/AnalysisService.h"

#include "common/Accessibility.h"
#include "common/AppSettings.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "practice/PracticeHomePage.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "progress/ProgressPage.h"
#include "settings/SettingsPage.h"
#include "stories/StoriesPage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableWidget>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

MainWindow::MainWindow(const AppServices &services, const QStringList &loopFiles, QWidget *parent)
    : QMainWindow(parent)
    , m_services(services)
    , m_navigation(new QListWidget(this))
    , m_pages(new QStackedWidget(this))
    , m_practice(new QStackedWidget(m_pages))
    , m_home(new PracticeHomePage(services, m_practice))
    , m_libraryStatus(new QLabel(this))
    , m_loopLoader(new LoopCatalogLoader(this))
{
    setObjectName(u"mainWindow"_s);
    installAccessibility(); // for windows made without runDesktopApp (tests): before any is queried
    setWindowTitle(tr("MockLoop"));
    setWindowIcon(QIcon(u":/icons/mockloop.svg"_s));

    m_navigation->setObjectName(u"navigation"_s);
    m_navigation->setViewMode(QListView::ListMode);
    m_navigation->setIconSize(QSize(24, 24));
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Expanding);
    for (const auto &[text, icon] :
         {std::pair(tr("Practice"), u":/icons/practice.svg"_s), std::pair(tr("Library"), u":/icons/library.svg"_s),
          std::pair(tr("Progress"), u":/icons/progress.svg"_s), std::pair(tr("Stories"), u":/icons/stories.svg"_s),
          std::pair(tr("Settings"), u":/icons/settings.svg"_s)})
        new QListWidgetItem(QIcon(icon), text, m_navigation);
    // Wide enough for the longest label it can show, "Library (12)" when takes wait to be kept.
    m_navigation->setFixedWidth(std::max(m_navigation->sizeHintForColumn(0),
                                         m_navigation->fontMetrics().horizontalAdvance(tr("Library (%1)").arg(99))
                                             + m_navigation->iconSize().width() + 16)
                                + 32);
    m_navigation->setAccessibleName(tr("Pages"));

    m_practice->addWidget(m_home);
    // The session, library and settings pages are built once the window has shown its first frame
    // (or when first asked for): a person sees the window sooner, and none of them is visible at
    // start. Even hidden, a page in a stack would be polished and measured before the first frame.
    m_pages->addWidget(m_practice);
    m_pages->addWidget(new QWidget(m_pages));
    m_pages->addWidget(new QWidget(m_pages));
    m_pages->addWidget(new QWidget(m_pages));
    m_pages->addWidget(new QWidget(m_pages)); // Stories

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
    m_libraryStatus->setObjectName(u"libraryStatus"_s);
    statusBar()->addPermanentWidget(m_libraryStatus);

    connect(m_navigation, &QListWidget::currentRowChanged, this, [this](int row) {
        if (row == int(Page::Library))
            libraryPage();
        if (row == int(Page::Progress))
            progressPage();
        if (row == int(Page::Stories))
            storiesPage();
        if (row == int(Page::Settings))
            settingsPage();
        m_pages->setCurrentIndex(row);
        if (m_library)
            m_library->setActive(row == int(Page::Library));
        if (m_progress)
            m_progress->setActive(row == int(Page::Progress));
        if (m_stories)
            m_stories->setActive(row == int(Page::Stories));
        if (m_settings)
            m_settings->setActive(row == int(Page::Settings));
    });
    connect(m_home, &PracticeHomePage::sessionStarted, this, &MainWindow::runSession);
    connect(m_home, &PracticeHomePage::progressRequested, this, [this] { showPage(Page::Progress); });
    // Starting is for the home page: during a session its key belongs to the session's controls.
    connect(m_practice, &QStackedWidget::currentChanged, this, [this] {
        const bool home = m_practice->currentWidget() == m_home;
        m_startAction->setEnabled(home);
        m_resumeAction->setEnabled(home && m_home->hasUnfinishedSession());
    });
    connect(m_services.library, &PracticeLibrary::statusChanged, this, [this](const PracticeLibrary::Status &status) {
        updateLibraryStatus(status.ok() ? tr("Library: %1").arg(status.folder) : status.message);
    });

    createMenus();
    m_navigation->setCurrentRow(int(Page::Practice));
    resize(1200, 780);
    if (!restoreGeometry(AppSettings::windowGeometry()))
        resize(1200, 780);
    restoreState(AppSettings::windowState());

    // The loops are read from disk on worker threads, each file on its own; the window shows at
    // once, and each loop as soon as it is read.
    statusBar()->showMessage(loadingLoopsMessage());
    connect(m_loopLoader, &LoopCatalogLoader::catalogChanged, this, [this] { showCatalog(m_loopLoader->catalog()); });
    connect(m_loopLoader, &LoopCatalogLoader::finished, this, [this, loopFiles] { finishCatalog(loopFiles); });
    m_loopLoader->start(LoopCatalog::defaultSources());

    // What stops the speech analysis is said wherever the person is; Settings says the rest.
    if (AnalysisService *analysis = m_services.analysis) {
        const auto tellIfUnavailable = [this, analysis] {
            if (analysis->modelState() == AnalysisService::ModelState::Unavailable)
                statusBar()->showMessage(tr("Speech analysis is unavailable: see Settings for why and what to do."));
        };
        connect(analysis, &AnalysisService::modelStateChanged, this, tellIfUnavailable);
        tellIfUnavailable(); // found before this window was made
        connect(analysis, &AnalysisService::backgroundFinished, this, [this, analysis] {
            if (analysis->lastOutcome() == AnalysisService::Outcome::StoreFailed)
                statusBar()->showMessage(tr("An analysis could not be stored in the practice library: see Settings."));
        });
    }
}

MainWindow::~MainWindow() = default;

QString MainWindow::loadingLoopsMessage()
{
    return tr("Loading loops…");
}

SessionPage *MainWindow::sessionPage()
{
    if (m_session)
        return m_session;
    m_session = new SessionPage(m_services, m_practice);
    m_practice->addWidget(m_session);
    connect(m_session, &SessionPage::closed, this, [this] {
        m_practice->setCurrentWidget(m_home);
        m_home->checkForUnfinishedSession();
    });
    connect(m_session, &SessionPage::settingsRequested, this, [this] { showPage(Page::Settings); });
    connect(m_session, &SessionPage::libraryRequested, this, [this](const QString &sessionId) {
        libraryPage()->showSession(sessionId);
        showPage(Page::Library);
    });
    m_practiceMenu->addSeparator();
    for (QAction *action : m_session->actionList()) {
        if (action == m_session->actions().endRound)
            m_practiceMenu->addSeparator();
        m_practiceMenu->addAction(action);
    }
    return m_session;
}

bool MainWindow::isSessionRunning() const
{
    return m_session && m_session->isRunning();
}

LibraryPage *MainWindow::libraryPage()
{
    if (m_library)
        return m_library;
    m_library = new LibraryPage(m_services, m_pages);
    replacePlaceholder(int(Page::Library), m_library);
    for (QAction *action : m_library->fileActions())
        m_fileMenu->insertAction(m_libraryActionsAnchor, action);
    m_fileMenu->insertSeparator(m_libraryActionsAnchor);
    connect(m_library, &LibraryPage::practiseQuestion, this, &MainWindow::practiseQuestion);
    connect(m_library, &LibraryPage::catalogNeeded, this, [this] { m_library->setCatalog(m_home->catalog()); });
    connect(m_library, &LibraryPage::recoveredTakesFound, this, [this](int count) {
        QListWidgetItem *item = m_navigation->item(int(Page::Library));
        item->setText(count > 0 ? tr("Library (%1)").arg(count) : tr("Library"));
        item->setToolTip(count > 0 ? tr("%n recording(s) left by a crash are waiting in the Library", nullptr, count)
                                   : QString());
        // The message lasts as long as there is something to deal with.
        const QString previous = std::exchange(
            m_recoveredMessage,
            count > 0 ? tr("MockLoop found %n recording(s) left behind by a crash: see the Library.", nullptr, count)
                      : QString());
        if (!m_recoveredMessage.isEmpty())
            statusBar()->showMessage(m_recoveredMessage);
        else if (!previous.isEmpty() && statusBar()->currentMessage() == previous)
            statusBar()->clearMessage();
    });
    if (m_catalogLoaded)
        m_library->setCatalog(m_home->catalog());
    return m_library;
}

ProgressPage *MainWindow::progressPage()
{
    if (m_progress)
        return m_progress;
    m_progress = new ProgressPage(m_services, m_pages);
    replacePlaceholder(int(Page::Progress), m_progress);
    connect(m_progress, &ProgressPage::practiseQuestion, this, &MainWindow::practiseQuestion);
    if (m_catalogLoaded)
        m_progress->setCatalog(m_home->catalog());
    return m_progress;
}

StoriesPage *MainWindow::storiesPage()
{
    if (m_stories)
        return m_stories;
    m_stories = new StoriesPage(m_services, m_pages);
    replacePlaceholder(int(Page::Stories), m_stories);
    if (m_catalogLoaded)
        m_stories->setCatalog(m_home->catalog());
    return m_stories;
}

void MainWindow::practiseQuestion(const QString &loopId, const QString &questionId)
{
    if (isSessionRunning()) {
        QMessageBox::information(this, tr("A session is running"),
                                 tr("Finish or abandon the running session before you start another."));
        return;
    }
    m_home->prepareQuestion(loopId, questionId);
    m_practice->setCurrentWidget(m_home);
    showPage(Page::Practice);
    m_home->start();
}

SettingsPage *MainWindow::settingsPage()
{
    if (!m_settings) {
        m_settings = new SettingsPage(m_services, m_pages);
        replacePlaceholder(int(Page::Settings), m_settings);
    }
    return m_settings;
}

void MainWindow::replacePlaceholder(int index, QWidget *page)
{
    const bool current = m_pages->currentIndex() == index;
    QWidget *placeholder = m_pages->widget(index);
    m_pages->insertWidget(index, page);
    m_pages->removeWidget(placeholder);
    placeholder->deleteLater();
    if (current)
        m_pages->setCurrentIndex(index);
}

bool MainWindow::event(QEvent *event)
{
    // After the first frame is on screen, build what is not on it.
    if (event->type() == QEvent::UpdateRequest && !m_deferredPagesQueued) {
        m_deferredPagesQueued = true;
        QTimer::singleShot(0, this, [this] {
            sessionPage();
            // Takes cut short by a crash are repaired and offered at every start.
            libraryPage()->lookForRecoveredTakes();
            settingsPage();
        });
    }
    return QMainWindow::event(event);
}

void MainWindow::createMenus()
{
    QMenu *file = m_fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *openLoop = file->addAction(tr("&Open Loop File…"), this, [this] {
        showPage(Page::Practice);
        m_home->findChild<QPushButton *>(u"openLoopButton"_s)->click();
    });
    openLoop->setShortcut(QKeySequence::Open);
    openLoop->setObjectName(u"openLoopAction"_s);
    m_libraryActionsAnchor = file->addSeparator(); // the library page puts its actions here
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));
    quit->setMenuRole(QAction::QuitRole);

    QMenu *practice = m_practiceMenu = menuBar()->addMenu(tr("&Practice"));
    m_startAction = practice->addAction(tr("Start &Practising"), this, [this] {
        showPage(Page::Practice);
        if (!isSessionRunning())
            m_home->start();
    });
    m_startAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_startAction->setObjectName(u"startAction"_s);
    m_resumeAction = practice->addAction(tr("&Resume Unfinished Session"), this, [this] {
        showPage(Page::Practice);
        m_home->resume();
    });
    m_resumeAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    m_resumeAction->setObjectName(u"resumeAction"_s);
    m_resumeAction->setEnabled(false);
    connect(m_home, &PracticeHomePage::unfinishedSessionChanged, this,
            [this](bool available) { m_resumeAction->setEnabled(available && m_practice->currentWidget() == m_home); });
    // The session's own actions follow when its page is built.

    QMenu *view = menuBar()->addMenu(tr("&View"));
    const QList<std::pair<QString, Page>> pages = {{tr("&Practice"), Page::Practice},
                                                   {tr("&Library"), Page::Library},
                                                   {tr("P&rogress"), Page::Progress},
                                                   {tr("S&tories"), Page::Stories},
                                                   {tr("&Settings"), Page::Settings}};
    int key = Qt::Key_1;
    for (const auto &[text, page] : pages) {
        QAction *action = view->addAction(text, this, [this, page = page] { showPage(page); });
        action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(key++)));
    }
    view->addSeparator();
    QAction *fullScreen
        = view->addAction(tr("&Full Screen"), this, [this] { isFullScreen() ? showNormal() : showFullScreen(); });
    fullScreen->setShortcut(QKeySequence::FullScreen);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    shortcuts->setShortcut(QKeySequence(Qt::Key_F1));
    QAction *about = help->addAction(tr("&About MockLoop"), this, &MainWindow::showAbout);
    about->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    about->setObjectName(u"aboutAction"_s);
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

void MainWindow::showCatalog(const LoopCatalog &catalog)
{
    // Files the person opened while the folder was still being read stay open.
    LoopCatalog merged = catalog;
    for (const CatalogEntry &entry : m_home->catalog().entries()) {
        if (entry.origin == LoopOrigin::OpenedFile)
            merged.addEntry(entry);
    }
    m_home->setCatalog(merged);
    if (m_library)
        m_library->setCatalog(merged);
    if (m_progress)
        m_progress->setCatalog(merged);
    if (m_stories)
        m_stories->setCatalog(merged);
    if (m_services.analysis)
        m_services.analysis->setCatalog(merged); // the story phases' targets of old takes
}

void MainWindow::finishCatalog(const QStringList &loopFiles)
{
    // Only "Loading loops…" goes: a message shown meanwhile (recordings found after a crash, say)
    // stays. On a busy machine the loops may well finish after it.
    if (statusBar()->currentMessage() == loadingLoopsMessage())
        statusBar()->clearMessage();
    const LoopCatalog &catalog = m_loopLoader->catalog();
    for (const QString &file : loopFiles)
        m_home->openLoopFile(file);
    m_home->checkForUnfinishedSession();
    int broken = 0;
    for (const CatalogEntry &entry : catalog.entries())
        broken += entry.isLoaded() ? 0 : 1;
    if (broken > 0)
        statusBar()->showMessage(
            tr("%n loop file(s) in your loop folder could not be loaded; see mockloop --list-loops", nullptr, broken));
    m_catalogLoaded = true;
    Q_EMIT catalogLoaded();
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(int(page));
}

void MainWindow::runSession(SessionController *controller)
{
    sessionPage()->run(std::unique_ptr<SessionController>(controller));
    m_practice->setCurrentWidget(m_session);
    showPage(Page::Practice);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Nothing is lost: the session is saved after every step, and pausing saves it once more.
    if (m_session)
        m_session->pauseForLeaving();
    AppSettings::setWindowGeometry(saveGeometry());
    AppSettings::setWindowState(saveState());
    event->accept();
}

void MainWindow::updateLibraryStatus(const QString &message)
{
    m_libraryStatus->setText(message);
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setObjectName(u"aboutDialog"_s);
    box.setWindowTitle(tr("About MockLoop"));
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    box.setTextFormat(Qt::RichText);
    box.setText(tr("<h2>MockLoop %1</h2><p>Rehearse an engineering-leadership interview loop alone, out loud, on "
                   "your own machine.</p><p>Nothing you record leaves this computer.</p>")
                    .arg(QApplication::applicationVersion()));
    box.setInformativeText(
        tr("Qt %1 · your library: %2").arg(QString::fromLatin1(qVersion()), m_services.library->folder()));
    box.exec();
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setObjectName(u"shortcutsDialog"_s);
    dialog.setWindowTitle(tr("Keyboard Shortcuts"));
    auto *table = new QTableWidget(&dialog);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({tr("Action"), tr("Key")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QList<std::pair<QString, QString>> rows;
    for (QAction *menu : menuBar()->actions()) {
        for (QAction *action : menu->menu()->actions()) {
            if (!action->shortcut().isEmpty())
                rows.append(
                    {QString(action->text()).remove(u'&'), action->shortcut().toString(QKeySequence::NativeText)});
        }
    }
    rows.append({tr("Rate a dimension 1 to 4"), tr("1–4")});
    rows.append({tr("Next dimension"), tr("Tab")});
    rows.append({tr("Submit the rating"), QKeySequence(Qt::CTRL | Qt::Key_Return).toString(QKeySequence::NativeText)});
    rows.append({tr("Leave the notes box"), tr("Esc")});
    rows.append({tr("New story, undo, redo (Stories)"), tr("Ctrl+N, Ctrl+Z, Ctrl+Shift+Z")});
    rows.append({tr("Link or unlink a story (Coverage)"), tr("Return, Space")});
    table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row) {
        table->setItem(row, 0, new QTableWidgetItem(rows.at(row).first));
        table->setItem(row, 1, new QTableWidgetItem(rows.at(row).second));
    }
    table->resizeColumnsToContents();
    table->horizontalHeader()->setStretchLastSection(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(520, 560);
    dialog.exec();
}

} // namespace MockLoop
