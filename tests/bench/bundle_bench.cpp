// The coach bundle of a full loop (34 analysed answers, each with a 2-minute take, 16 kHz mono
// 16-bit WAV like the recorder's): the time CoachBundle::write takes (collecting the report,
// rendering the PDF and HTML, writing the .zip through a temporary file) against `zip -r` of the
// same files (report.html, report.pdf, ratings.json, README.txt and the takes), measured in the
// same run (target: <= 1.5 x). Medians over repeated runs.
//   bundle_bench [repetitions]    default 3 runs

#include "BenchTiming.h"
#include "ReportFixture.h"
#include "audio/WavFormat.h"
#include "coach/CoachBundle.h"
#include "coach/ZipArchive.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTextStream>

#include <cmath>
#include <filesystem>
#include <numbers>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

constexpr int Answers = 34;
constexpr int TakeSeconds = 120;
constexpr int SampleRate = 16000;

// Speech-like audio: a voiced tone that rises and falls, with noise, so that deflate finds what it
// would find in a real take (little).
QByteArray takeBytes(int seed)
{
    QRandomGenerator random{quint32(seed)};
    const qint64 frames = qint64(TakeSeconds) * SampleRate;
    QByteArray pcm(frames * 2, Qt::Uninitialized);
    for (qint64 i = 0; i < frames; ++i) {
        const double t = double(i) / SampleRate;
        const double envelope = 0.5 + 0.5 * std::sin(2 * std::numbers::pi * 3.0 * t);
        const double value = 6000 * envelope * std::sin(2 * std::numbers::pi * (140 + 40 * std::sin(t)) * t)
            + random.bounded(-800, 800);
        const auto sample = qint16(value);
        pcm[2 * i] = char(sample & 0xff);
        pcm[2 * i + 1] = char((sample >> 8) & 0xff);
    }
    return Wav::canonicalHeader(PcmFormat{SampleRate, 1, 16}, pcm.size()) + pcm;
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication application(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 3;
    QTextStream out(stdout);
    QTemporaryDir folder;
    std::unique_ptr<LibraryStore> store = LibraryStore::open(folder.filePath(u"library"_s)).store;
    if (!store) {
        out << "bundle_bench: could not open a library in " << folder.path() << Qt::endl;
        return 1;
    }
    ReportFixture::fill(*store, Answers, true);
    const QList<AnswerRow> rows = store->answers({}, AnswerSort::Date, Qt::AscendingOrder);
    QDir().mkpath(store->absolutePath(u"takes/s1"_s));
    for (int n = 0; n < rows.size(); ++n) {
        const QString relative = LibraryStore::takeRelativePath(u"s1"_s, u"answer-%1.wav"_s.arg(n + 1));
        QFile file(store->absolutePath(relative));
        if (!file.open(QIODevice::WriteOnly) || file.write(takeBytes(n)) < 0) {
            out << "bundle_bench: could not write a take" << Qt::endl;
            return 1;
        }
        file.close();
        store->attachRecording(rows.at(n).id, LibraryStore::describeTake(file.fileName(), relative));
    }
    const auto loops = [](const QString &) { return ReportFixture::loop(); };
    const QString bundle = folder.filePath(u"bundle.zip"_s);
    bool written = true;
    const BenchTiming::Spread export_ = BenchTiming::spreadOf(BenchTiming::sampleMs(runs, [&] {
        QString error;
        written = written
            && CoachBundle::write(*store, ReportScope{u"s1"_s, {}, {}, {}}, loops, QPageSize::A4, bundle, &error);
        if (!written)
            out << "bundle_bench: " << error << Qt::endl;
    }));
    if (!written)
        return 1;

    // The same files in a folder for zip -r: the takes hard-linked, the rest as the bundle holds them.
    const QString staged = folder.filePath(u"staged"_s);
    QDir().mkpath(staged + u"/takes"_s);
    ZipReader reader;
    QString error;
    if (!reader.open(bundle, &error)) {
        out << "bundle_bench: " << error << Qt::endl;
        return 1;
    }
    for (int index = 0; index < reader.entries().size(); ++index) {
        const QString name = reader.entries().at(index).name;
        if (name.startsWith(u"takes/"_s))
            continue;
        QFile file(QDir(staged).filePath(name));
        if (!file.open(QIODevice::WriteOnly)
            || file.write(reader.read(index, 1 << 30, &error).value_or(QByteArray())) < 0)
            return 1;
    }
    for (int n = 0; n < rows.size(); ++n) {
        std::filesystem::create_hard_link(
            QFile::encodeName(store->absolutePath(u"takes/s1/answer-%1.wav"_s.arg(n + 1))).toStdString(),
            QFile::encodeName(staged + u"/takes/answer-%1.wav"_s.arg(n + 1, 2, 10, QChar(u'0'))).toStdString());
    }
    const QString zipped = folder.filePath(u"zip-r.zip"_s);
    bool zipOk = true;
    const auto zipTimes = [&](const QStringList &options) {
        return BenchTiming::spreadOf(BenchTiming::sampleMs(runs, [&] {
            QFile::remove(zipped);
            QProcess zip;
            zip.setWorkingDirectory(staged);
            zip.start(u"zip"_s, options + QStringList{u"-r"_s, u"-q"_s, zipped, u"."_s});
            zipOk = zipOk && zip.waitForFinished(600000) && zip.exitCode() == 0;
        }));
    };
    // Also without compression (-0), as the bundle stores its takes: the archive work alone.
    const BenchTiming::Spread zipStored = zipTimes({u"-0"_s});
    const BenchTiming::Spread zipR = zipTimes({});
    if (!zipOk) {
        out << "bundle_bench: zip -r failed (is Debian's zip installed?)" << Qt::endl;
        return 1;
    }
    const double ratio = export_.median / zipR.median;
    out << "coach bundle of " << Answers << " analysed answers with " << TakeSeconds << " s takes, " << runs
        << " runs (median, min-max)\n"
        << "  CoachBundle::write (report, PDF, HTML, zip): " << export_.median << " ms (" << export_.min << "-"
        << export_.max << "), " << QFileInfo(bundle).size() / (1024 * 1024) << " MiB\n"
        << "  zip -r of the same files: " << zipR.median << " ms (" << zipR.min << "-" << zipR.max << "), "
        << QFileInfo(zipped).size() / (1024 * 1024) << " MiB\n"
        << "  zip -r -0 (stored, as the bundle stores the takes): " << zipStored.median << " ms (" << zipStored.min
        << "-" << zipStored.max << ")\n"
        << "  ratio to zip -r: " << ratio << " x (target <= 1.5 x); to zip -r -0: " << export_.median / zipStored.median
        << " x" << Qt::endl;
    return 0;
}
