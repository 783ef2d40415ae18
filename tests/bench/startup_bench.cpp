// Launch to first shown window, offscreen: mockloop --quit-when-shown against an empty Qt
// Widgets window built in the same tree (target: mockloop <= 2x the empty window), and, for
// scale, the same window showing one line of text (the empty one never starts the font system,
// which any window with text pays for) and the bare frame issue 6 asks for (menu bar with four
// menus, the three-page list, a line of text, a status bar; no page content). They are run in
// turn, so that all meet the same machine load; each measurement is from starting the process to
// reading its "shown" line. A fresh home folder each run: no user data.
//   startup_bench MOCKLOOP EMPTY_WINDOW [runs]      default 15 runs each

#include "BenchTiming.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTextStream>

#include <algorithm>
#include <vector>

using namespace Qt::StringLiterals;

namespace {

double launchMs(const QString &program, const QStringList &arguments)
{
    QTemporaryDir home;
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_DATA_HOME"_s, home.filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    process.setProcessEnvironment(environment);
    QElapsedTimer timer;
    timer.start();
    process.start(program, arguments);
    QByteArray output;
    while (!output.contains("shown") && process.waitForReadyRead(30000))
        output += process.readAllStandardOutput();
    const double milliseconds = double(timer.nsecsElapsed()) / 1e6;
    process.waitForFinished(30000);
    if (!output.contains("shown")) {
        QTextStream(stderr) << program << u" never showed its window: "_s << process.readAllStandardError() << '\n';
        std::exit(1);
    }
    return milliseconds;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    if (argc < 3) {
        QTextStream(stderr) << "usage: startup_bench MOCKLOOP EMPTY_WINDOW [runs]\n";
        return 2;
    }
    const QString mockloop = QString::fromLocal8Bit(argv[1]);
    const QString empty = QString::fromLocal8Bit(argv[2]);
    const int runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 15;
    launchMs(mockloop, {u"--quit-when-shown"_s}); // warm the file cache for all
    launchMs(empty, {});
    launchMs(empty, {u"--with-text"_s});
    launchMs(empty, {u"--bare-frame"_s});
    std::vector<double> app;
    std::vector<double> reference;
    std::vector<double> text;
    std::vector<double> frame;
    for (int i = 0; i < runs; ++i) {
        app.push_back(launchMs(mockloop, {u"--quit-when-shown"_s}));
        reference.push_back(launchMs(empty, {}));
        text.push_back(launchMs(empty, {u"--with-text"_s}));
        frame.push_back(launchMs(empty, {u"--bare-frame"_s}));
    }
    const double appMedian = BenchTiming::median(app);
    const double referenceMedian = BenchTiming::median(reference);
    const double textMedian = BenchTiming::median(text);
    const double frameMedian = BenchTiming::median(frame);
    QTextStream out(stdout);
    out << u"launch to first shown window, offscreen, median of %1 runs each (run in turn)\n"_s.arg(runs);
    out << u"  mockloop:                    %1 ms\n"_s.arg(appMedian, 0, 'f', 1);
    out << u"  empty Qt window:             %1 ms\n"_s.arg(referenceMedian, 0, 'f', 1);
    out << u"  Qt window with a text line:  %1 ms\n"_s.arg(textMedian, 0, 'f', 1);
    out << u"  bare frame (menus, pages):   %1 ms\n"_s.arg(frameMedian, 0, 'f', 1);
    out << u"  ratio to the empty window:   %1x (target <= 2x)\n"_s.arg(appMedian / referenceMedian, 0, 'f', 2);
    out << u"  ratio to the text window:    %1x\n"_s.arg(appMedian / textMedian, 0, 'f', 2);
    out << u"  bare frame to empty window:  %1x\n"_s.arg(frameMedian / referenceMedian, 0, 'f', 2);
    return 0;
}
