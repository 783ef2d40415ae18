// The reference for startup_bench: an empty Qt Widgets window, built like mockloop (same
// compiler, flags and Qt), shown and painted once, then "shown" is printed and it quits.
// With --with-text it shows one line of text, so the font system starts as in any real window.

#include <QApplication>
#include <QLabel>
#include <QMainWindow>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QMainWindow window;
    window.resize(1200, 780);
    if (application.arguments().contains(QStringLiteral("--with-text")))
        window.setCentralWidget(new QLabel(QStringLiteral("A line of text"), &window));
    window.show();
    QTimer::singleShot(0, &window, [&window] {
        window.repaint();
        std::fputs("shown\n", stdout);
        std::fflush(stdout);
        QCoreApplication::quit();
    });
    return application.exec();
}
