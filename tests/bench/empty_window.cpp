// The reference for startup_bench: an empty Qt Widgets window, built like mockloop (same
// compiler, flags and Qt), shown and painted once, then "shown" is printed and it quits.
// With --with-text it shows one line of text, so the font system starts as in any real window.
// With --bare-frame it shows the least that issue 6 asks of MockLoop's window before any page
// has content: the menu bar with its four menus, the list of the three pages, one line of text
// and a status bar.

#include <QApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMainWindow>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

namespace {

QWidget *bareFrame(QMainWindow &window)
{
    for (const char *menu : {"&File", "&Practice", "&View", "&Help"})
        window.menuBar()->addMenu(QString::fromLatin1(menu));
    auto *central = new QWidget(&window);
    auto *layout = new QHBoxLayout(central);
    auto *pages = new QListWidget(central);
    for (const char *page : {"Practice", "Library", "Settings"})
        pages->addItem(QString::fromLatin1(page));
    layout->addWidget(pages);
    layout->addWidget(new QLabel(QStringLiteral("A line of text"), central), 1);
    window.statusBar()->showMessage(QStringLiteral("Ready"));
    return central;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QMainWindow window;
    window.resize(1200, 780);
    if (application.arguments().contains(QStringLiteral("--with-text")))
        window.setCentralWidget(new QLabel(QStringLiteral("A line of text"), &window));
    else if (application.arguments().contains(QStringLiteral("--bare-frame")))
        window.setCentralWidget(bareFrame(window));
    window.show();
    QTimer::singleShot(0, &window, [&window] {
        window.repaint();
        std::fputs("shown\n", stdout);
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    return application.exec();
}
