#include "AccuracyMeasures.h"
#include "SpeechFixtures.h"
#include "analysis/Analysis.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <atomic>
#include <thread>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype ChunkSamples = 800; // 50 ms at 16 kHz, what the recorder hands over

// Feeds samples as the recorder's capture thread would: from a thread of its own, in small chunks.
void feedFromCaptureThread(StreamingAnalyzer &analyzer, const std::vector<qint16> &samples, const PcmFormat &format,
                           qint64 framesAlreadyInTake = 0)
{
    std::thread capture([&] {
        analyzer.pcmStarted(format, framesAlreadyInTake);
        for (size_t at = 0; at < samples.size(); at += ChunkSamples)
            analyzer.pcmCaptured(samples.data() + at, qsizetype(std::min<size_t>(ChunkSamples, samples.size() - at)));
        analyzer.pcmFinished();
    });
    capture.join();
}

Expected<AnswerAnalysis> resultOf(QFuture<Expected<AnswerAnalysis>> future)
{
    future.waitForFinished();
    if (future.resultCount() == 0)
        return AnalysisError{AnalysisError::Kind::Cancelled, u"no result"_s};
    return future.result();
}

QString messageOf(const Expected<AnswerAnalysis> &result)
{
    return result.ok() ? u"(analysed)"_s : result.error().message;
}

} // namespace

// StreamingAnalyzer as the recorder feeds it: from another thread, in 50 ms chunks, with finish()
// bringing the phase marks and excluded stretches once the answer is over.
class StreamingAnalyzerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fedWhileRecording_givesWhatTheFileGives();
    void otherRateAndChannels_analysedAlike();
    void continuedTake_asksForTheFile();
    void missingModel_reportedThroughTheFuture();
    void nothingFed_noSpeechFound();
    void finishTwice_sameResult_laterAudioIgnored();
    void destroyedUnfinished_cancelsQuietly();
    void lastReferenceDroppedWithItsResult_onItsOwnThread();
    void analysisSoFar_isWhatTheFirstPartGives_andTheTakeGoesOn();
    void analysisSoFar_ofAContinuedTake_asksForTheFile();
    void answerAndBackgroundTake_shareOneLoadedModel_theAnswerFirst();

private:
    QTemporaryDir m_folder;
    std::shared_ptr<SpeechModel> m_model;
    SpeechFixtures::ReadSpeech m_clip;
    std::vector<qint16> m_samples;
};

void StreamingAnalyzerTest::initTestCase()
{
    const bool required = qEnvironmentVariableIntValue("MOCKLOOP_REQUIRE_AUDIO") == 1;
    const QList<SpeechFixtures::ReadSpeech> clips = SpeechFixtures::libriVoxClips();
    m_model = std::make_shared<SpeechModel>();
    const std::optional<AnalysisError> problem = m_model->load();
    QString why = problem ? problem->message : QString();
    if (clips.isEmpty())
        why = u"the LibriVox clips of pocketsphinx-testdata are not installed"_s;
    if (!why.isEmpty()) {
        if (required)
            QFAIL(qPrintable(why));
        QSKIP(qPrintable(why));
    }
    m_clip = clips.constFirst(); // 7 s, three utterances
    m_samples = SpeechFixtures::readWav(m_clip.wavPath);
    QVERIFY(m_samples.size() > 16000);
}

void StreamingAnalyzerTest::fedWhileRecording_givesWhatTheFileGives()
{
    AnswerContext context;
    context.phaseMarks = {{0, 0}, {1, 3000}};
    context.phaseTargetSeconds = {30, 60};
    context.excluded = {{5000, 5600}};

    StreamingAnalyzer analyzer(m_model);
    feedFromCaptureThread(analyzer, m_samples, PcmFormat{});
    QCOMPARE(analyzer.receivedMs(), qint64(m_samples.size()) / 16);
    const Expected<AnswerAnalysis> streamed = resultOf(analyzer.finish(context));
    QVERIFY2(streamed.ok(), qPrintable(messageOf(streamed)));
    QCOMPARE(analyzer.analysedMs(), streamed->durationMs);

    Expected<AnswerAnalysis> fromFile = analyzeFile(m_clip.wavPath, *m_model, context);
    QVERIFY2(fromFile.ok(), qPrintable(messageOf(fromFile)));
    fromFile.value().file.clear(); // the one thing a stream cannot know
    QCOMPARE(streamed->transcript(), fromFile->transcript());
    QCOMPARE(*streamed, *fromFile);
    QCOMPARE(streamed->phases.size(), 2);
    QCOMPARE(streamed->excluded, context.excluded);
    QVERIFY(streamed->words.size() >= 10);
}

void StreamingAnalyzerTest::otherRateAndChannels_analysedAlike()
{
    // What a microphone that cannot do 16 kHz mono gives: 44.1 kHz stereo.
    const QString converted = m_folder.filePath(u"stereo-44k.wav"_s);
    QProcess sox;
    sox.start(u"sox"_s, {m_clip.wavPath, u"-r"_s, u"44100"_s, u"-c"_s, u"2"_s, converted});
    if (!sox.waitForFinished() || sox.exitCode() != 0)
        QSKIP("sox is not available to make the 44.1 kHz stereo copy");
    int rate = 0;
    const std::vector<qint16> stereo = SpeechFixtures::readWav(converted, &rate);
    QCOMPARE(rate, 44100);

    StreamingAnalyzer analyzer(m_model);
    feedFromCaptureThread(analyzer, stereo, PcmFormat{44100, 2, 16});
    const Expected<AnswerAnalysis> streamed = resultOf(analyzer.finish());
    QVERIFY2(streamed.ok(), qPrintable(messageOf(streamed)));
    const Expected<AnswerAnalysis> original = analyzeFile(m_clip.wavPath, *m_model);
    QVERIFY(original.ok());
    QVERIFY2(std::abs(streamed->durationMs - original->durationMs) <= 10,
             qPrintable(u"%1 ms against %2 ms"_s.arg(streamed->durationMs).arg(original->durationMs)));
    QVERIFY2(std::abs(AccuracyMeasures::percentError(double(streamed->speakingMs), double(original->speakingMs))) <= 3,
             qPrintable(u"%1 ms against %2 ms"_s.arg(streamed->speakingMs).arg(original->speakingMs)));
    // Resampled audio is not the same audio: the transcript may differ a little, no more.
    const auto words = AccuracyMeasures::wordErrors(AccuracyMeasures::spokenWords(*original),
                                                    AccuracyMeasures::spokenWords(*streamed));
    QVERIFY2(words.rate() <= 0.2, qPrintable(streamed->transcript() + u" / "_s + original->transcript()));
}

void StreamingAnalyzerTest::continuedTake_asksForTheFile()
{
    StreamingAnalyzer analyzer(m_model);
    feedFromCaptureThread(analyzer, m_samples, PcmFormat{}, 48000);
    const Expected<AnswerAnalysis> result = resultOf(analyzer.finish());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, AnalysisError::Kind::StreamIncomplete);
    QVERIFY2(result.error().message.contains(u"from its file"_s), qPrintable(result.error().message));
}

void StreamingAnalyzerTest::missingModel_reportedThroughTheFuture()
{
    const QString nowhere = m_folder.filePath(u"no-model-here"_s);
    StreamingAnalyzer analyzer(std::make_shared<SpeechModel>(SpeechModelPaths::inFolder(nowhere)));
    feedFromCaptureThread(analyzer, m_samples, PcmFormat{});
    const Expected<AnswerAnalysis> result = resultOf(analyzer.finish());
    QVERIFY(!result.ok());
    QCOMPARE(result.error().kind, AnalysisError::Kind::ModelMissing);
    QVERIFY2(result.error().message.contains(nowhere), qPrintable(result.error().message));
    QVERIFY2(result.error().message.contains(u"pocketsphinx-en-us"_s), qPrintable(result.error().message));
}

void StreamingAnalyzerTest::nothingFed_noSpeechFound()
{
    StreamingAnalyzer analyzer(m_model);
    const Expected<AnswerAnalysis> result = resultOf(analyzer.finish());
    QVERIFY2(result.ok(), qPrintable(messageOf(result)));
    QVERIFY(!result->speechFound);
    QCOMPARE(result->durationMs, 0);
}

void StreamingAnalyzerTest::finishTwice_sameResult_laterAudioIgnored()
{
    StreamingAnalyzer analyzer(m_model);
    const std::vector<qint16> firstSecond(m_samples.begin(), m_samples.begin() + 16000);
    feedFromCaptureThread(analyzer, firstSecond, PcmFormat{});
    const QFuture<Expected<AnswerAnalysis>> first = analyzer.finish();
    analyzer.pcmCaptured(m_samples.data(), qsizetype(m_samples.size())); // too late
    const Expected<AnswerAnalysis> result = resultOf(analyzer.finish());
    QVERIFY2(result.ok(), qPrintable(messageOf(result)));
    QCOMPARE(result->durationMs, 1000);
    QCOMPARE(resultOf(first).value(), result.value());
}

void StreamingAnalyzerTest::destroyedUnfinished_cancelsQuietly()
{
    QFuture<Expected<AnswerAnalysis>> future;
    {
        StreamingAnalyzer analyzer(m_model);
        feedFromCaptureThread(analyzer, m_samples, PcmFormat{});
        future = analyzer.finish();
        // Gone before (or while) its worker finishes: it must neither hang nor crash.
    }
    future.waitForFinished();
    QVERIFY(future.isFinished());
}

// The session lets go of the analyser once its result is in: the continuation that holds it may be
// dropped on the analyser's own thread (the window closed meanwhile). Joining that thread from
// itself ended the process.
void StreamingAnalyzerTest::lastReferenceDroppedWithItsResult_onItsOwnThread()
{
    auto analyzer = std::make_shared<StreamingAnalyzer>(m_model);
    const std::weak_ptr<StreamingAnalyzer> watched = analyzer;
    feedFromCaptureThread(*analyzer, m_samples, PcmFormat{});
    QFuture<Expected<AnswerAnalysis>> future = analyzer->finish();
    std::atomic<bool> droppedOnItsThread = false;
    const std::thread::id testThread = std::this_thread::get_id();
    QFuture<bool> done = future.then(
        [held = std::move(analyzer), testThread, &droppedOnItsThread](const Expected<AnswerAnalysis> &result) mutable {
            droppedOnItsThread = std::this_thread::get_id() != testThread;
            held.reset(); // the last reference, here on the worker's thread
            return result.ok();
        });
    QVERIFY2(done.result(), "the analysis gave its result");
    QVERIFY(droppedOnItsThread);
    QVERIFY(watched.expired());
}

// The main answer analysed to choose a follow-up while the take goes on into it.
void StreamingAnalyzerTest::analysisSoFar_isWhatTheFirstPartGives_andTheTakeGoesOn()
{
    // Cut mid-utterance: the words being said are recognised as far as they go.
    const qsizetype cut = qsizetype(m_samples.size() * 3 / 5);
    const std::vector<qint16> firstPart(m_samples.begin(), m_samples.begin() + cut);
    const std::vector<qint16> rest(m_samples.begin() + cut, m_samples.end());
    AnswerContext mainAnswer;
    mainAnswer.phaseMarks = {{0, 0}, {1, 1500}};
    mainAnswer.phaseTargetSeconds = {30, 60};
    mainAnswer.excluded = {{2000, 2400}};

    StreamingAnalyzer analyzer(m_model);
    feedFromCaptureThread(analyzer, firstPart, PcmFormat{});
    const Expected<AnswerAnalysis> soFar = resultOf(analyzer.analyseSoFar(mainAnswer));
    QVERIFY2(soFar.ok(), qPrintable(messageOf(soFar)));
    std::thread capture([&] {
        for (size_t at = 0; at < rest.size(); at += ChunkSamples)
            analyzer.pcmCaptured(rest.data() + at, qsizetype(std::min<size_t>(ChunkSamples, rest.size() - at)));
    });
    capture.join();
    const Expected<AnswerAnalysis> whole = resultOf(analyzer.finish());
    QVERIFY2(whole.ok(), qPrintable(messageOf(whole)));

    // So far: exactly what the first part gives on its own.
    const QString firstPartFile = m_folder.filePath(u"first-part.wav"_s);
    QVERIFY(SpeechFixtures::writeWav(firstPartFile, firstPart));
    Expected<AnswerAnalysis> firstFromFile = analyzeFile(firstPartFile, *m_model, mainAnswer);
    QVERIFY2(firstFromFile.ok(), qPrintable(messageOf(firstFromFile)));
    firstFromFile.value().file.clear();
    QCOMPARE(soFar->durationMs, qint64(firstPart.size()) / 16);
    QCOMPARE(soFar->transcript(), firstFromFile->transcript());
    QCOMPARE(*soFar, *firstFromFile);
    QCOMPARE(soFar->excluded, mainAnswer.excluded);
    QVERIFY(soFar->words.size() >= 5);
    QVERIFY2(!soFar->speech.isEmpty() && soFar->speech.last().endMs >= soFar->durationMs - 400,
             "the cut came while speaking, the utterance still open");

    // And the take, analysed on to its end, is as if nobody had asked.
    Expected<AnswerAnalysis> wholeFromFile = analyzeFile(m_clip.wavPath, *m_model);
    QVERIFY(wholeFromFile.ok());
    wholeFromFile.value().file.clear();
    QCOMPARE(*whole, *wholeFromFile);
    // Asked after the end, it is the whole take's analysis.
    QCOMPARE(resultOf(analyzer.analyseSoFar(mainAnswer)).value(), whole.value());
}

void StreamingAnalyzerTest::analysisSoFar_ofAContinuedTake_asksForTheFile()
{
    StreamingAnalyzer analyzer(m_model);
    const std::vector<qint16> firstSecond(m_samples.begin(), m_samples.begin() + 16000);
    feedFromCaptureThread(analyzer, firstSecond, PcmFormat{}, 48000);
    const Expected<AnswerAnalysis> soFar = resultOf(analyzer.analyseSoFar({}));
    QVERIFY(!soFar.ok());
    QCOMPARE(soFar.error().kind, AnalysisError::Kind::StreamIncomplete);
}

// The model is in memory once: an answer recorded while an old take is analysed in the background
// takes turns with it on the one decoder, and the background analysis waits (between utterances)
// while an answer is being recorded. Both come out whole.
void StreamingAnalyzerTest::answerAndBackgroundTake_shareOneLoadedModel_theAnswerFirst()
{
    QThreadPool pool;
    pool.setMaxThreadCount(1);
    QFuture<Expected<AnswerAnalysis>> background;
    {
        // Another answer being recorded all along (a LiveUse as a StreamingAnalyzer holds).
        const SpeechModel::LiveUse recording = m_model->beginLiveUse();
        background = analyzeFileInBackground(pool, m_clip.wavPath, m_model);
        StreamingAnalyzer analyzer(m_model);
        feedFromCaptureThread(analyzer, m_samples, PcmFormat{});
        const Expected<AnswerAnalysis> live = resultOf(analyzer.finish());
        QVERIFY2(live.ok(), qPrintable(messageOf(live)));
        QVERIFY(live->words.size() >= 10);
        // The background had as long as the answer took to do the same work, and did not finish:
        // it is waiting for the answer being recorded.
        QVERIFY(!background.isFinished());
        QCOMPARE(m_model->decodersLoaded(), 1);
    }
    const Expected<AnswerAnalysis> fromFile = resultOf(background);
    QVERIFY2(fromFile.ok(), qPrintable(messageOf(fromFile)));
    const Expected<AnswerAnalysis> alone = analyzeFile(m_clip.wavPath, *m_model);
    QVERIFY(alone.ok());
    QCOMPARE(fromFile->transcript(), alone->transcript());
    QCOMPARE(m_model->decodersLoaded(), 1);
}

QTEST_GUILESS_MAIN(StreamingAnalyzerTest)
#include "streaming_analyzer_test.moc"
