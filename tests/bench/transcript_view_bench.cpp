// The Library's transcript of a long take, on the GUI thread: building its words (TranscriptModel),
// laying them out in the view (TranscriptView, until the view has placed every word), following the
// player (setPosition at a word a tick), and, for comparison, reading the stored analysis back from
// its JSON (done on the library's worker, not the GUI thread). Answers of 5, 20 and 120 minutes at
// 150 words a minute with a likely filler every 40 words.
//   transcript_view_bench [runs] [minutes,...]      defaults 5 and 5,20,120

#include "BenchTiming.h"
#include "analysis/AnswerAnalysis.h"
#include "library/TranscriptModel.h"
#include "library/TranscriptView.h"

#include <QApplication>
#include <QJsonDocument>
#include <QListView>
#include <QScrollBar>
#include <QTest>
#include <QThread>

#include <cstdio>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

AnswerAnalysis longAnswer(int minutes)
{
    const QStringList script = u"so we cut the latency by forty percent and i think members noticed it"_s.split(u' ');
    AnswerAnalysis analysis;
    analysis.durationMs = qint64(minutes) * 60000;
    analysis.analysedMs = analysis.durationMs;
    analysis.speechFound = true;
    qint64 at = 500;
    int count = 0;
    while (at + 400 < analysis.durationMs) {
        const qint64 phraseStart = at;
        for (int word = 0; word < 8 && at + 400 < analysis.durationMs; ++word, ++count) {
            const bool filler = count % 40 == 39;
            analysis.words.append({filler ? u"um"_s : script.at(count % script.size()), at, at + 340, 0.9, filler, 1});
            at += 400;
        }
        analysis.speech.append({phraseStart, at});
        const qint64 pause = count % 200 < 8 ? 2500 : 600; // now and then a long one
        if (at + pause < analysis.durationMs)
            analysis.pauses.append({at, at + pause});
        at += pause;
    }
    analysis.wordsPerMinute = 150;
    return analysis;
}

void print(const char *what, const BenchTiming::Spread &spread)
{
    std::printf("  %-44s %8.1f ms (min %.1f, max %.1f)\n", what, spread.median, spread.min, spread.max);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    const int runs = argc > 1 ? std::max(1, QByteArray(argv[1]).toInt()) : 5;
    QList<int> lengths{5, 20, 120};
    if (argc > 2) {
        lengths.clear();
        for (const QByteArray &minutes : QByteArray(argv[2]).split(','))
            lengths << std::max(1, minutes.toInt());
    }

    for (const int minutes : lengths) {
        const AnswerAnalysis analysis = longAnswer(minutes);
        const QByteArray json = QJsonDocument(analysis.toJson()).toJson(QJsonDocument::Compact);
        std::printf("%d-minute answer: %lld words, %.1f MB of JSON\n", minutes, qlonglong(analysis.words.size()),
                    double(json.size()) / 1e6);

        print("read back from JSON (library worker)", BenchTiming::spreadOf(BenchTiming::sampleMs(runs, [&json] {
                  (void)AnswerAnalysis::fromJson(QJsonDocument::fromJson(json).object());
              })));
        TranscriptModel model;
        print("words built (TranscriptModel)",
              BenchTiming::spreadOf(BenchTiming::sampleMs(runs, [&] { model.setAnalysis(analysis); })));

        TranscriptView view;
        view.resize(460, 300);
        view.show();
        if (!QTest::qWaitForWindowExposed(&view))
            return 1;
        const TakeAnalysis shown{TakeAnalysis::State::Analysed, analysis, {}};
        const TakeAnalysis none{TakeAnalysis::State::NotAnalysed, std::nullopt, {}};
        // The longest the GUI thread is held at a stretch while the view shows and lays out the
        // words: showAnalysis() itself, then each batch of the layout in the event loop.
        std::vector<double> longestStalls;
        std::vector<double> totals;
        for (int run = 0; run < runs; ++run) {
            view.showAnalysis(none);
            QApplication::processEvents();
            QElapsedTimer total;
            total.start();
            QElapsedTimer step;
            step.start();
            view.showAnalysis(shown);
            double longest = double(step.nsecsElapsed()) / 1e6;
            // Laid out in batches from the event loop: done when the scroll range has stopped growing
            // for a while (the time of that wait is left out).
            QScrollBar *scroll = view.wordsView()->verticalScrollBar();
            double busy = longest;
            int steady = 0;
            int lastMaximum = -1;
            while (steady < 50 && total.elapsed() < 60000) {
                step.restart();
                QApplication::processEvents();
                const double held = double(step.nsecsElapsed()) / 1e6;
                longest = std::max(longest, held);
                busy += held;
                steady = scroll->maximum() == lastMaximum ? steady + 1 : 0;
                lastMaximum = scroll->maximum();
                QThread::usleep(200);
            }
            totals.push_back(busy);
            longestStalls.push_back(longest);
        }
        print("shown and laid out (TranscriptView), busy in all", BenchTiming::spreadOf(totals));
        print("  the longest the GUI thread was held", BenchTiming::spreadOf(longestStalls));

        // Following the player: a position every 50 ms of the take, the playing word kept in view
        // (which scrolls the view once a line).
        const qint64 ticks = analysis.durationMs / 50;
        const std::vector<double> following = BenchTiming::sampleMs(runs, [&] {
            for (qint64 tick = 0; tick < ticks; ++tick)
                view.setPosition(tick * 50, true);
        });
        const double perTick = BenchTiming::median(following) * 1000.0 / double(ticks);
        std::printf("  %-44s %8.1f us a tick (%lld ticks)\n", "following the player", perTick, qlonglong(ticks));
    }
    return 0;
}
