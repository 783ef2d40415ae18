#include "SpeechFixtures.h"
#include "analysis/Analysis.h"
#include "audio/WavFormat.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <cmath>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

const QString ModelFolder = u"/usr/share/pocketsphinx/model/en-us"_s;
const QString DpkgChecksums = u"/var/lib/dpkg/info/pocketsphinx-en-us.md5sums"_s;

// Quiet room noise, the same on every run.
std::vector<qint16> noise(qint64 count, int amplitude)
{
    std::vector<qint16> result(static_cast<size_t>(count));
    quint32 state = 12345;
    for (qint16 &sample : result) {
        state = state * 1664525u + 1013904223u;
        sample = qint16(int(state >> 16) % (2 * amplitude + 1) - amplitude);
    }
    return result;
}

std::vector<qint16> scaled(const std::vector<qint16> &samples, double gain)
{
    std::vector<qint16> result;
    result.reserve(samples.size());
    for (qint16 sample : samples)
        result.push_back(qint16(std::clamp<long>(std::lround(sample * gain), -32768, 32767)));
    return result;
}

bool hasWarning(const AnswerAnalysis &analysis, AnalysisWarning::Kind kind, QString *message = nullptr)
{
    for (const AnalysisWarning &warning : analysis.warnings) {
        if (warning.kind == kind) {
            if (message)
                *message = warning.message;
            return true;
        }
    }
    return false;
}

bool copyFolder(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    const QDir source(from);
    for (const QFileInfo &entry : source.entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + u'/' + entry.fileName();
        if (entry.isDir() ? !copyFolder(entry.filePath(), target) : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
}

void overwrite(const QString &path, qint64 at, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.seek(at));
    QCOMPARE(file.write(bytes), bytes.size());
}

} // namespace

// Bad input and broken set-ups: each gives a clear message or a clear "no speech found", never a
// crash, and a damaged model never reaches pocketsphinx (which would end the process).
class AnalysisFaultsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void silenceOnly_noSpeechFound();
    void digitalSilence_saysTheRecordingIsNearlySilent();
    void quietSpeech_warns();
    void clippedSpeech_warns();
    void notAWav_saysSoNamingTheFile();
    void headerCutShort_saysSo();
    void missingFile_saysSo();
    void dataCutShort_analysedAsFarAsItGoes();
    void takeLeftByACrash_analysed();
    void missingModel_namesThePathAndThePackage();
    void modelWithAGarbledFile_isBroken();
    void modelDamagedInside_caughtBeforePocketsphinxReadsIt();
    void cancelled_stopsAndSaysSo();
    void progress_countsUpToTheLength();
    void inBackground_reportsProgress_andCancels();

private:
    QString write(const QString &name, const std::vector<qint16> &samples);

    QTemporaryDir m_folder;
    std::shared_ptr<SpeechModel> m_model;
    std::vector<qint16> m_speech; // a LibriVox clip, 16 kHz mono
    QString m_speechPath;
};

void AnalysisFaultsTest::initTestCase()
{
    const bool required = qEnvironmentVariableIntValue("MOCKLOOP_REQUIRE_AUDIO") == 1;
    m_model = std::make_shared<SpeechModel>();
    const std::optional<AnalysisError> problem = m_model->load();
    const QList<SpeechFixtures::ReadSpeech> clips = SpeechFixtures::libriVoxClips();
    const QString why
        = problem ? problem->message : (clips.isEmpty() ? u"pocketsphinx-testdata is not installed"_s : QString());
    if (!why.isEmpty()) {
        if (required)
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    m_speechPath = clips[1].wavPath; // "he was not an ill disposed young man", 3 s
    m_speech = SpeechFixtures::readWav(m_speechPath);
    QVERIFY(!m_speech.empty());
}

QString AnalysisFaultsTest::write(const QString &name, const std::vector<qint16> &samples)
{
    const QString path = m_folder.filePath(name);
    if (!SpeechFixtures::writeWav(path, samples))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void AnalysisFaultsTest::silenceOnly_noSpeechFound()
{
    const Expected<AnswerAnalysis> analysis = analyzeFile(write(u"room.wav"_s, noise(5 * 16000, 30)), *m_model);
    QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(analysis.error().message));
    QVERIFY(!analysis->speechFound);
    QCOMPARE(analysis->durationMs, 5000);
    QVERIFY(analysis->words.isEmpty());
    QVERIFY(analysis->pauses.isEmpty());
    QCOMPARE(analysis->wordsPerMinute, std::nullopt);
}

void AnalysisFaultsTest::digitalSilence_saysTheRecordingIsNearlySilent()
{
    const Expected<AnswerAnalysis> analysis
        = analyzeFile(write(u"muted.wav"_s, std::vector<qint16>(3 * 16000, 0)), *m_model);
    QVERIFY(analysis.ok());
    QVERIFY(!analysis->speechFound);
    QString message;
    QVERIFY(hasWarning(*analysis, AnalysisWarning::Kind::VeryQuiet, &message));
    QVERIFY2(message.contains(u"muted"_s), qPrintable(message));
}

void AnalysisFaultsTest::quietSpeech_warns()
{
    // About 40 dB under a normal level, over a little noise.
    std::vector<qint16> quiet = scaled(m_speech, 0.01);
    const std::vector<qint16> room = noise(qint64(quiet.size()), 2);
    for (size_t i = 0; i < quiet.size(); ++i)
        quiet[i] = qint16(quiet[i] + room[i]);
    const Expected<AnswerAnalysis> analysis = analyzeFile(write(u"quiet.wav"_s, quiet), *m_model);
    QVERIFY(analysis.ok());
    QString message;
    QVERIFY2(hasWarning(*analysis, AnalysisWarning::Kind::VeryQuiet, &message),
             qPrintable(u"speech level %1 dBFS"_s.arg(analysis->speechLevelDbfs)));
    QVERIFY2(message.contains(u"microphone"_s), qPrintable(message));
}

void AnalysisFaultsTest::clippedSpeech_warns()
{
    const Expected<AnswerAnalysis> analysis = analyzeFile(write(u"loud.wav"_s, scaled(m_speech, 12)), *m_model);
    QVERIFY(analysis.ok());
    QVERIFY(analysis->speechFound);
    QString message;
    QVERIFY2(hasWarning(*analysis, AnalysisWarning::Kind::Clipped, &message),
             qPrintable(u"%1% clipped"_s.arg(analysis->clippedPercent)));
    QVERIFY(analysis->clippedPercent > 0.1);
    QVERIFY2(message.contains(u"too loud"_s), qPrintable(message));
}

void AnalysisFaultsTest::notAWav_saysSoNamingTheFile()
{
    const QString path = m_folder.filePath(u"notes.wav"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    const Expected<AnswerAnalysis> analysis = analyzeFile(path, *m_model);
    QVERIFY(!analysis.ok());
    QCOMPARE(analysis.error().kind, AnalysisError::Kind::FileNotAudio);
    QVERIFY2(analysis.error().message.contains(path) && analysis.error().message.contains(u"not a WAV file"_s),
             qPrintable(analysis.error().message));
}

void AnalysisFaultsTest::headerCutShort_saysSo()
{
    const QString path = m_folder.filePath(u"stub.wav"_s);
    QFile source(m_speechPath);
    QVERIFY(source.open(QIODevice::ReadOnly));
    QFile stub(path);
    QVERIFY(stub.open(QIODevice::WriteOnly));
    stub.write(source.read(30));
    stub.close();
    const Expected<AnswerAnalysis> analysis = analyzeFile(path, *m_model);
    QVERIFY(!analysis.ok());
    QCOMPARE(analysis.error().kind, AnalysisError::Kind::FileNotAudio);
    QVERIFY2(analysis.error().message.contains(path), qPrintable(analysis.error().message));
}

void AnalysisFaultsTest::missingFile_saysSo()
{
    const QString path = m_folder.filePath(u"never-recorded.wav"_s);
    const Expected<AnswerAnalysis> analysis = analyzeFile(path, *m_model);
    QVERIFY(!analysis.ok());
    QCOMPARE(analysis.error().kind, AnalysisError::Kind::FileUnreadable);
    QVERIFY2(analysis.error().message.contains(path), qPrintable(analysis.error().message));
}

void AnalysisFaultsTest::dataCutShort_analysedAsFarAsItGoes()
{
    // The header promises 10 s; 3 s are there.
    const QString path = write(u"cut.wav"_s, m_speech);
    overwrite(path, 0, Wav::canonicalHeader(PcmFormat{}, 10 * 32000));
    const Expected<AnswerAnalysis> analysis = analyzeFile(path, *m_model);
    QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(analysis.error().message));
    QVERIFY(analysis->speechFound);
    QCOMPARE(analysis->durationMs, qint64(m_speech.size()) / 16);
    QString message;
    QVERIFY(hasWarning(*analysis, AnalysisWarning::Kind::Truncated, &message));
    QVERIFY2(message.contains(u"ends before its header says"_s), qPrintable(message));
}

void AnalysisFaultsTest::takeLeftByACrash_analysed()
{
    // A .part whose sizes were never patched: the header says 0 bytes.
    const QString path = write(u"crashed.wav"_s, m_speech);
    overwrite(path, 0, Wav::canonicalHeader(PcmFormat{}, 0));
    const Expected<AnswerAnalysis> analysis = analyzeFile(path, *m_model);
    QVERIFY(analysis.ok());
    QVERIFY(analysis->speechFound);
    QVERIFY(hasWarning(*analysis, AnalysisWarning::Kind::Truncated));
}

void AnalysisFaultsTest::missingModel_namesThePathAndThePackage()
{
    const QString nowhere = m_folder.filePath(u"uninstalled"_s);
    SpeechModel model(SpeechModelPaths::inFolder(nowhere));
    const Expected<AnswerAnalysis> analysis = analyzeFile(m_speechPath, model);
    QVERIFY(!analysis.ok());
    QCOMPARE(analysis.error().kind, AnalysisError::Kind::ModelMissing);
    QVERIFY2(analysis.error().message.contains(nowhere + u"/en-us"_s), qPrintable(analysis.error().message));
    QVERIFY2(analysis.error().message.contains(u"apt-get install pocketsphinx-en-us"_s),
             qPrintable(analysis.error().message));
    // Installing it later works without a restart: the check runs again.
    QVERIFY(copyFolder(ModelFolder, nowhere));
    QVERIFY(!model.load());
}

void AnalysisFaultsTest::modelWithAGarbledFile_isBroken()
{
    const QString copy = m_folder.filePath(u"garbled"_s);
    QVERIFY(copyFolder(ModelFolder, copy));
    overwrite(copy + u"/en-us/means"_s, 0, "garbage");
    const std::optional<AnalysisError> problem = SpeechModel(SpeechModelPaths::inFolder(copy)).load();
    QVERIFY(problem);
    QCOMPARE(problem->kind, AnalysisError::Kind::ModelBroken);
    QVERIFY2(problem->message.contains(copy + u"/en-us/means"_s), qPrintable(problem->message));
    QVERIFY2(problem->message.contains(u"--reinstall pocketsphinx-en-us"_s), qPrintable(problem->message));
}

void AnalysisFaultsTest::modelDamagedInside_caughtBeforePocketsphinxReadsIt()
{
    if (!QFile::exists(DpkgChecksums))
        QSKIP("dpkg's checksums of pocketsphinx-en-us are not here");
    // The package's own files under another root, one damaged in the middle: its header is fine,
    // and pocketsphinx would end the whole process on its checksum.
    const QString root = m_folder.filePath(u"root"_s);
    const QString folder = root + ModelFolder;
    QVERIFY(copyFolder(ModelFolder, folder));
    overwrite(folder + u"/en-us/variances"_s, 400000, QByteArray(200, '\xff'));
    SpeechModelPaths paths = SpeechModelPaths::inFolder(folder);
    paths.checksumList = DpkgChecksums;
    paths.checksumRoot = root;
    const std::optional<AnalysisError> problem = SpeechModel(paths).load();
    QVERIFY(problem);
    QCOMPARE(problem->kind, AnalysisError::Kind::ModelBroken);
    QVERIFY2(problem->message.contains(u"variances"_s) && problem->message.contains(u"differ"_s),
             qPrintable(problem->message));
}

void AnalysisFaultsTest::cancelled_stopsAndSaysSo()
{
    const QString path = write(u"long.wav"_s, noise(60 * 16000, 30));
    std::stop_source stop;
    int calls = 0;
    const Expected<AnswerAnalysis> analysis = analyzeFile(path, *m_model, {}, stop.get_token(), [&](qint64, qint64) {
        if (++calls == 3)
            stop.request_stop();
    });
    QVERIFY(!analysis.ok());
    QCOMPARE(analysis.error().kind, AnalysisError::Kind::Cancelled);
    QCOMPARE(calls, 3);
    QVERIFY2(analysis.error().message.contains(path), qPrintable(analysis.error().message));
}

void AnalysisFaultsTest::progress_countsUpToTheLength()
{
    const QString path = write(u"twelve-seconds.wav"_s, noise(12 * 16000, 30));
    QList<qint64> reported;
    qint64 total = 0;
    const Expected<AnswerAnalysis> analysis = analyzeFile(path, *m_model, {}, {}, [&](qint64 done, qint64 length) {
        reported.append(done);
        total = length;
    });
    QVERIFY(analysis.ok());
    QCOMPARE(total, 12000);
    QCOMPARE(reported.size(), 12);
    QVERIFY(std::is_sorted(reported.cbegin(), reported.cend()));
    QCOMPARE(reported.constLast(), 12000);
}

void AnalysisFaultsTest::inBackground_reportsProgress_andCancels()
{
    QThreadPool pool; // one take at a time, as the app's re-analysis of old takes
    pool.setMaxThreadCount(1);
    QFuture<Expected<AnswerAnalysis>> done
        = analyzeFileInBackground(pool, write(u"six-seconds.wav"_s, noise(6 * 16000, 30)), m_model);
    done.waitForFinished();
    QCOMPARE(done.resultCount(), 1);
    QVERIFY(done.result().ok());
    QCOMPARE(done.progressMaximum(), 6000);
    QCOMPARE(done.progressValue(), 6000);

    QFuture<Expected<AnswerAnalysis>> cancelled
        = analyzeFileInBackground(pool, write(u"ten-minutes.wav"_s, noise(600 * 16000, 30)), m_model);
    cancelled.cancel();
    cancelled.waitForFinished();
    QVERIFY(cancelled.isCanceled());
    QVERIFY(pool.waitForDone(60000));
    QVERIFY(cancelled.progressValue() < 600000);
}

QTEST_GUILESS_MAIN(AnalysisFaultsTest)
#include "analysis_faults_test.moc"
