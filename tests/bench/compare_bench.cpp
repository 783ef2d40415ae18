// Opening a comparison of two takes (the Library's "Compare") in a library of 10,000 answers
// (GeneratedLibrary: 200 sessions of 50), with the waveforms in their cache beside the takes, as
// they are once the Library has shown a take. Each run compares another pair of takes of one
// question, each take 2 to 5 minutes long and analysed (a transcript of about 150 words a minute).
// Prints the median over the runs of
//   compare() to the dialog ready: both answers, their facts and analyses read on the library's
//   thread, both waveforms read from their cache on the thread pool, everything laid out and
//   painted once                                       (target: <= 100 ms)
// with the time the GUI thread was busy in that, and the first opening (the dialog made) apart.
//   compare_bench [runs] [folder]    default 9 runs, in a temporary folder; run it offscreen:
//                                     QT_QPA_PLATFORM=offscreen compare_bench

#include "AppServices.h"
#include "BenchTiming.h"
#include "GeneratedLibrary.h"
#include "analysis/AnalysisService.h"
#include "audio/WavFormat.h"
#include "audio/WaveformPeaks.h"
#include "compare/CompareDialog.h"
#include "library/PracticeLibrary.h"
#include "library/TakePlayerWidget.h"
#include "library/TranscriptView.h"
#include "loops/LoopCatalog.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTextStream>

#include <ctime>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

constexpr int Pairs = 6;

double threadCpuMs()
{
    timespec time{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
    return double(time.tv_sec) * 1e3 + double(time.tv_nsec) / 1e6;
}

// A take of the answer's length: a WAV header and silence (a sparse file: only the cache of its
// waveform is read when a comparison opens).
bool writeTake(const QString &path, qint64 lengthMs)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    const qint64 bytes = lengthMs * 32; // 16 kHz mono 16-bit
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.write(Wav::canonicalHeader(PcmFormat{16000, 1, 16}, bytes));
    return file.resize(file.size() + bytes);
}

AnswerAnalysis analysisOf(qint64 lengthMs)
{
    static const QStringList Words
        = {u"we"_s, u"shipped"_s, u"the"_s,     u"migration"_s, u"um"_s,  u"and"_s,     u"cut"_s, u"latency"_s,
           u"by"_s, u"forty"_s,   u"percent"_s, u"for"_s,       u"our"_s, u"members"_s, u"i"_s,   u"decided"_s};
    AnswerAnalysis analysis;
    analysis.durationMs = lengthMs;
    analysis.analysedMs = lengthMs;
    analysis.speechFound = true;
    analysis.speech = {{300, lengthMs - 300}};
    analysis.speakingMs = lengthMs - 600;
    analysis.wordsPerMinute = 150;
    analysis.fillersPerMinute = 4;
    for (qint64 at = 300, i = 0; at + 400 < lengthMs - 300; at += 400, ++i)
        analysis.words.append(
            {Words.at(i % Words.size()), at, at + 350, 0.8, Words.at(i % Words.size()) == u"um"_s, 1});
    return analysis;
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 9;
    QTextStream out(stdout);
    QTemporaryDir temporary;
    const QString folder = argc > 2 ? QString::fromLocal8Bit(argv[2]) : temporary.filePath(u"library"_s);

    // The library, and Pairs pairs of recorded takes of one question each, analysed, their
    // waveforms cached.
    QList<std::pair<qint64, qint64>> pairs;
    {
        auto opened = LibraryStore::open(folder);
        if (!opened.store) {
            out << opened.message << '\n';
            return 1;
        }
        LibraryStore &store = *opened.store;
        QElapsedTimer timer;
        timer.start();
        if (store.countAnswers() == 0)
            GeneratedLibrary::generate(store);
        out << "library of " << store.countAnswers() << " answers ready in " << timer.elapsed() / 1000.0 << " s\n";
        for (int question = 0; question < 34 && pairs.size() < Pairs; ++question) {
            AnswerFilter filter;
            filter.questionId = u"question-%1"_s.arg(question);
            filter.hasRecording = true;
            const QList<AnswerRow> takes = store.answers(filter, AnswerSort::Date, Qt::DescendingOrder, 2);
            if (takes.size() < 2)
                continue;
            for (const AnswerRow &take : takes) {
                const std::optional<AnswerDetail> detail = store.answer(take.id);
                const QString path = store.absolutePath(detail->recording->relativePath);
                const qint64 length = detail->recording->duration.count();
                if (!writeTake(path, length) || !WaveformPeaks::load(path).ok()) {
                    out << "could not write the take " << path << '\n';
                    return 1;
                }
                store.setAnalysis(take.id, AnalysisService::recordOf(analysisOf(length), take.answeredAt));
            }
            pairs.append({takes.at(0).id, takes.at(1).id});
        }
    }

    PracticeLibrary library;
    QFuture<PracticeLibrary::Status> opening = library.open(folder);
    opening.waitForFinished();
    if (!opening.result().ok()) {
        out << opening.result().message << '\n';
        return 1;
    }
    AppServices services;
    services.library = &library;
    services.recordAudio = false;
    const LoopCatalog catalog = LoopCatalog::loadDefault();

    QWidget window;
    window.resize(1280, 900);
    window.show();
    CompareDialog *dialog = nullptr;
    const auto open = [&](const std::pair<qint64, qint64> &pair, double *cpu) {
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = threadCpuMs();
        if (!dialog) {
            dialog = new CompareDialog(services, &window);
            dialog->setCatalog(catalog);
        }
        bool ready = false;
        const QMetaObject::Connection connection
            = QObject::connect(dialog, &CompareDialog::ready, dialog, [&ready] { ready = true; });
        dialog->compare(pair.first, pair.second);
        while (!ready)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
        QObject::disconnect(connection);
        (void)dialog->grab(); // laid out and painted, as the first frame is
        *cpu = threadCpuMs() - cpuBefore;
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        // What was timed is the whole comparison: both waveforms and both transcripts shown.
        for (const auto side : {CompareDialog::Side::A, CompareDialog::Side::B}) {
            if (dialog->player(side)->slider()->peaks().isEmpty()
                || dialog->transcript(side)->wordsView()->model()->rowCount() == 0)
                qFatal("the comparison of %lld and %lld was not shown whole: %d peaks (%s), %d words", pair.first,
                       pair.second, int(dialog->player(side)->slider()->peaks().size()),
                       qPrintable(dialog->player(side)->slider()->placeholderText()),
                       dialog->transcript(side)->wordsView()->model()->rowCount());
        }
        return elapsed;
    };

    double firstCpu = 0;
    const double first = open(pairs.at(0), &firstCpu);
    out << "first comparison (the dialog made): " << first << " ms, " << firstCpu << " ms on the GUI thread\n";
    std::vector<double> walls;
    std::vector<double> cpus;
    for (int run = 0; run < runs; ++run) {
        double cpu = 0;
        walls.push_back(open(pairs.at((run + 1) % pairs.size()), &cpu));
        cpus.push_back(cpu);
    }
    const BenchTiming::Spread wall = BenchTiming::spreadOf(walls);
    out << "opening a comparison (" << pairs.size() << " pairs of 2–5 minute analysed takes in turn), median of "
        << runs << " runs: " << wall.median << " ms (" << wall.min << "–" << wall.max << "), "
        << BenchTiming::median(cpus) << " ms on the GUI thread (target <= 100 ms)\n";
    delete dialog;
    return 0;
}
