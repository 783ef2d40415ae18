#pragma once

#include "AppServices.h"
#include "loops/LoopCatalogLoader.h"

#include <QMainWindow>

class QLabel;
class QListWidget;
class QMenu;
class QStackedWidget;

namespace MockLoop {

class LibraryPage;
class PracticeHomePage;
class ProgressPage;
class SessionController;
class SessionPage;
class SettingsPage;
class StoriesPage;

// The MockLoop window: Practice, Library, Progress, Stories and Settings pages, the menu bar with every action and
// its key, and the status bar. Remembers its size and place; closing it during a session pauses
// and saves the session, which can be resumed at the next start.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    enum class Page { Practice, Library, Progress, Stories, Settings };

    MainWindow(const AppServices &services, const QStringList &loopFiles = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    void showPage(Page page);
    PracticeHomePage *practiceHome() const { return m_home; }
    // Built on first use, or just after the window first shows.
    SessionPage *sessionPage();
    LibraryPage *libraryPage();
    ProgressPage *progressPage();
    StoriesPage *storiesPage();
    SettingsPage *settingsPage();
    bool isCatalogLoaded() const { return m_catalogLoaded; }

Q_SIGNALS:
    void catalogLoaded();

protected:
    bool event(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    bool isSessionRunning() const;
    void replacePlaceholder(int index, QWidget *page);
    static QString loadingLoopsMessage();
    void showCatalog(const LoopCatalog &catalog);
    void finishCatalog(const QStringList &loopFiles);
    void runSession(SessionController *controller);
    void showAbout();
    void showShortcuts();
    void practiseQuestion(const QString &loopId, const QString &questionId);
    void updateLibraryStatus(const QString &message);

    AppServices m_services;
    QListWidget *m_navigation;
    QStackedWidget *m_pages;
    QStackedWidget *m_practice;
    PracticeHomePage *m_home;
    SessionPage *m_session = nullptr;
    LibraryPage *m_library = nullptr;
    ProgressPage *m_progress = nullptr;
    StoriesPage *m_stories = nullptr;
    SettingsPage *m_settings = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_practiceMenu = nullptr;
    QAction *m_libraryActionsAnchor = nullptr;
    bool m_deferredPagesQueued = false;
    QLabel *m_libraryStatus;
    LoopCatalogLoader *m_loopLoader; // a child: quitting stops its reads rather than waiting for them
    bool m_catalogLoaded = false;
    QString m_recoveredMessage; // in the status bar while recordings wait in the Library
    QAction *m_resumeAction = nullptr;
    QAction *m_startAction = nullptr;
};

} // namespace MockLoop
