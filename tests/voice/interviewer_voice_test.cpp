#include "VoiceTestSupport.h"

#include "voice/InterviewerVoice.h"

#include <QFile>
#include <QMutex>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QThreadPool>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using VoiceTestSupport::wait;

namespace {

const QString Question = u"Tell me about a time you made a significant decision without explicit approval."_s;

// Records every line libflite is asked to render, and the thread that renders it.
class RenderLog
{
public:
    void attach(InterviewerVoice &voice)
    {
        voice.setRenderObserver([this](const QString &text) {
            const QMutexLocker lock(&m_mutex);
            m_texts.append(text);
            m_threads.insert(QThread::currentThread());
        });
    }
    QStringList texts() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_texts;
    }
    QSet<QThread *> threads() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_threads;
    }

private:
    mutable QMutex m_mutex;
    QStringList m_texts;
    QSet<QThread *> m_threads;
};

int wordCount(const QString &text)
{
    return int(text.split(u' ', Qt::SkipEmptyParts).size());
}

} // namespace

class InterviewerVoiceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The global pool's threads end before the process does: glibc keeps the message of a thread's
    // failed dlopen (libflite looking for a voice that is not installed) until that thread exits,
    // and LeakSanitizer, without glibc's symbols on a fresh Debian, cannot tell that buffer from a
    // leak (tests/sanitizers/lsan.supp names it by a function it then cannot see).
    void cleanupTestCase() { QThreadPool::globalInstance()->waitForDone(); }
    void eachVoice_rendersAudibleSpeechOfPlausibleLength_data();
    void eachVoice_rendersAudibleSpeechOfPlausibleLength();
    void everyVoiceIsInstalled_andChecksAsAvailable();
    void fasterRate_shortensTheLine_slowerLengthensIt();
    void volume_scalesTheLevel_withoutRenderingAgain();
    void voices_speakAtAboutTheSameLevel();
    void sameLine_comesFromTheCache_withoutRenderingAgain();
    void otherVoiceOrRate_isRenderedAnew();
    void memoryCache_staysWithinItsBound();
    void prepare_rendersOffTheCallingThread_andRenderThenFindsItReady();
    void render_goesAheadOfPreparedLines();
    void sameLineAskedTwice_whileRendering_isRenderedOnce();
    void missingVoiceLibrary_namesThePackage();
    void unknownVoice_listsTheVoices();
    void emptyOrPunctuationOnly_isNothingToSay();
    void tooLongLine_isRefusedAtOnce();
    void typographicText_isSpokenLikeItsPlainForm();
    void oddText_isSpokenOrRefused_neverCrashes();
    void diskCache_servesANewVoiceObject_withoutRendering();
    void damagedDiskCacheFile_isRemovedAndRenderedAgain();
    void voicesOnManyThreads_renderAsTheyDoAlone();
    void destroyingTheVoice_finishesWaitingLinesAtOnce();
    void speakingInterval_coversTheLineAndItsTail();
    void toWav_isAPlayableFile();
};

void InterviewerVoiceTest::eachVoice_rendersAudibleSpeechOfPlausibleLength_data()
{
    QTest::addColumn<QString>("voiceId");
    for (const VoiceDescription &voice : VoiceCatalog::debianVoices())
        QTest::newRow(qPrintable(voice.id)) << voice.id;
}

void InterviewerVoiceTest::eachVoice_rendersAudibleSpeechOfPlausibleLength()
{
    QFETCH(QString, voiceId);
    InterviewerVoice voice({voiceId});
    const RenderedSpeech speech = wait(voice.render(Question));
    QVERIFY2(speech.ok(), qPrintable(speech.error ? speech.error->message : QString()));
    QCOMPARE(speech.voiceId, voiceId);
    QCOMPARE(speech.sampleRate, 16000);
    QCOMPARE(speech.format(), (PcmFormat{16000, 1, 16}));

    // 13 words read at a natural pace (about 120 to 220 words a minute), with short silences at the ends.
    const double seconds = speech.durationMs() / 1000.0;
    const double wordsPerMinute = wordCount(Question) / seconds * 60;
    QVERIFY2(wordsPerMinute > 110 && wordsPerMinute < 240, qPrintable(u"%1 words a minute"_s.arg(wordsPerMinute)));
    // Speech, not silence or noise: most of it voiced, at a normal level and unclipped.
    const qint64 voiced = VoiceTestSupport::voicedMs(speech);
    QVERIFY2(voiced > speech.durationMs() / 2,
             qPrintable(u"%1 of %2 ms voiced"_s.arg(voiced).arg(speech.durationMs())));
    const double level = VoiceTestSupport::dbfs(VoiceTestSupport::rms(speech));
    QVERIFY2(level > -30 && level < -10, qPrintable(u"%1 dBFS"_s.arg(level)));
    QVERIFY(VoiceTestSupport::peak(speech) < 32767);
}

void InterviewerVoiceTest::everyVoiceIsInstalled_andChecksAsAvailable()
{
    InterviewerVoice voice;
    QFuture<QList<VoiceStatus>> check = voice.checkVoices();
    QTRY_VERIFY_WITH_TIMEOUT(check.isFinished(), 30000);
    const QList<VoiceStatus> statuses = check.result();
    QCOMPARE(statuses.size(), 4);
    for (const VoiceStatus &status : statuses)
        QVERIFY2(status.available(), qPrintable(status.error ? status.error->message : QString()));
}

void InterviewerVoiceTest::fasterRate_shortensTheLine_slowerLengthensIt()
{
    InterviewerVoice voice;
    const RenderedSpeech normal = wait(voice.render(Question, {u"slt"_s, 1.0, 1.0}));
    const RenderedSpeech fast = wait(voice.render(Question, {u"slt"_s, 1.5, 1.0}));
    const RenderedSpeech slow = wait(voice.render(Question, {u"slt"_s, 0.75, 1.0}));
    QVERIFY(normal.ok() && fast.ok() && slow.ok());
    QCOMPARE(fast.rate, 1.5);
    // Speed is the voiced time: the silence flite adds around a line does not stretch.
    const double fastRatio = double(VoiceTestSupport::voicedMs(fast)) / VoiceTestSupport::voicedMs(normal);
    const double slowRatio = double(VoiceTestSupport::voicedMs(slow)) / VoiceTestSupport::voicedMs(normal);
    QVERIFY2(fastRatio > 0.55 && fastRatio < 0.8, qPrintable(QString::number(fastRatio))); // 1/1.5 = 0.67
    QVERIFY2(slowRatio > 1.15 && slowRatio < 1.5, qPrintable(QString::number(slowRatio))); // 1/0.75 = 1.33
}

void InterviewerVoiceTest::volume_scalesTheLevel_withoutRenderingAgain()
{
    InterviewerVoice voice;
    const RenderedSpeech full = wait(voice.render(Question, {u"slt"_s, 1.0, 1.0}));
    const RenderedSpeech half = wait(voice.render(Question, {u"slt"_s, 1.0, 0.5}));
    const RenderedSpeech muted = wait(voice.render(Question, {u"slt"_s, 1.0, 0.0}));
    QVERIFY(full.ok() && half.ok() && muted.ok());
    QCOMPARE(half.sampleCount(), full.sampleCount());
    QCOMPARE(half.volume, 0.5);
    const double ratio = VoiceTestSupport::rms(half) / VoiceTestSupport::rms(full);
    QVERIFY2(qAbs(ratio - 0.5) < 0.01, qPrintable(QString::number(ratio)));
    QCOMPARE(VoiceTestSupport::peak(muted), 0);
    QCOMPARE(voice.statistics().renders, 1);
}

void InterviewerVoiceTest::voices_speakAtAboutTheSameLevel()
{
    // flite's own voices differ by 14 dB; changing the voice must not change the loudness much.
    InterviewerVoice voice;
    QList<double> levels;
    for (const VoiceDescription &description : VoiceCatalog::debianVoices()) {
        const RenderedSpeech speech = wait(voice.render(Question, {description.id, 1.0, 1.0}));
        QVERIFY(speech.ok());
        levels.append(VoiceTestSupport::dbfs(VoiceTestSupport::rms(speech)));
    }
    const auto [quietest, loudest] = std::minmax_element(levels.cbegin(), levels.cend());
    QVERIFY2(*loudest - *quietest < 6, qPrintable(u"levels from %1 to %2 dBFS"_s.arg(*quietest).arg(*loudest)));
}

void InterviewerVoiceTest::sameLine_comesFromTheCache_withoutRenderingAgain()
{
    InterviewerVoice voice;
    RenderLog log;
    log.attach(voice);
    const RenderedSpeech first = wait(voice.render(Question));
    QCOMPARE(first.source, RenderedSpeech::Source::Rendered);

    // The second time the future is ready at once, with the same audio, and libflite is not asked.
    QFuture<RenderedSpeech> again = voice.render(u"  "_s + Question + u"\n"_s);
    QVERIFY(again.isFinished());
    const RenderedSpeech second = again.result();
    QCOMPARE(second.source, RenderedSpeech::Source::MemoryCache);
    QCOMPARE(second.pcm, first.pcm);
    QCOMPARE(log.texts().size(), 1);
    QCOMPARE(voice.statistics().renders, 1);
    QCOMPARE(voice.statistics().memoryHits, 1);
    QVERIFY(voice.cached(Question).has_value());
    QVERIFY(!voice.cached(u"A line never said."_s).has_value());
}

void InterviewerVoiceTest::otherVoiceOrRate_isRenderedAnew()
{
    InterviewerVoice voice;
    QVERIFY(wait(voice.render(Question, {u"slt"_s, 1.0, 1.0})).ok());
    QVERIFY(wait(voice.render(Question, {u"rms"_s, 1.0, 1.0})).ok());
    QVERIFY(wait(voice.render(Question, {u"slt"_s, 1.2, 1.0})).ok());
    // A rate within a hundredth is the same rendering.
    QVERIFY(wait(voice.render(Question, {u"slt"_s, 1.201, 1.0})).ok());
    QCOMPARE(voice.statistics().renders, 3);
}

void InterviewerVoiceTest::memoryCache_staysWithinItsBound()
{
    InterviewerVoice::Options options;
    options.memoryCacheBytes = 100 * 1000; // two or three short lines
    InterviewerVoice voice({u"kal16"_s}, options);
    const QStringList lines{u"What did you decide?"_s, u"What was the result?"_s, u"Who disagreed with you?"_s,
                            u"What would you do differently?"_s, u"How did members notice?"_s};
    for (const QString &line : lines)
        QVERIFY(wait(voice.render(line)).ok());
    QVERIFY(voice.memoryCacheBytes() <= options.memoryCacheBytes);
    QVERIFY(voice.memoryCacheBytes() > 0);
    // The most recent line is kept, the first forgotten.
    QVERIFY(voice.cached(lines.last()).has_value());
    QVERIFY(!voice.cached(lines.first()).has_value());
}

void InterviewerVoiceTest::prepare_rendersOffTheCallingThread_andRenderThenFindsItReady()
{
    InterviewerVoice voice;
    RenderLog log;
    log.attach(voice);
    const QStringList lines{Question, u"Which part of that was your decision, rather than the team's?"_s,
                            u"Thanks, that is all my questions."_s};
    voice.prepare(lines);
    voice.prepare(lines); // lines on their way are not queued twice
    QTRY_COMPARE_WITH_TIMEOUT(log.texts().size(), 3, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(voice.cached(lines.last()).has_value(), 30000);
    QVERIFY(!log.threads().contains(QThread::currentThread()));

    for (const QString &line : lines) {
        QFuture<RenderedSpeech> future = voice.render(line);
        QVERIFY2(future.isFinished(), "a prepared line is ready when asked for");
        QVERIFY(future.result().ok());
    }
    QCOMPARE(voice.statistics().renders, 3);
}

void InterviewerVoiceTest::render_goesAheadOfPreparedLines()
{
    InterviewerVoice voice({u"awb"_s});
    RenderLog log;
    log.attach(voice);
    QStringList prepared;
    for (int i = 1; i <= 6; ++i)
        prepared.append(u"This is prepared line number %1, which nobody needs yet."_s.arg(i));
    voice.prepare(prepared);
    const QString urgent = u"What was the result for members?"_s;
    const RenderedSpeech speech = wait(voice.render(urgent));
    QVERIFY(speech.ok());
    // At most the line already being rendered when it was asked for goes before it.
    const qsizetype position = log.texts().indexOf(urgent);
    QVERIFY2(position >= 0 && position <= 1, qPrintable(log.texts().join(u" | "_s)));
    QTRY_COMPARE_WITH_TIMEOUT(log.texts().size(), 7, 60000);
}

void InterviewerVoiceTest::sameLineAskedTwice_whileRendering_isRenderedOnce()
{
    InterviewerVoice voice;
    QFuture<RenderedSpeech> first = voice.render(Question);
    QFuture<RenderedSpeech> second = voice.render(Question);
    voice.prepare({Question});
    QVERIFY(wait(first).ok());
    QVERIFY(wait(second).ok());
    QCOMPARE(voice.statistics().renders, 1);
}

void InterviewerVoiceTest::missingVoiceLibrary_namesThePackage()
{
    InterviewerVoice::Options options;
    options.voices = VoiceCatalog::debianVoices();
    options.voices.append(
        {u"ghost"_s, u"ghost: not installed"_s, u"flite_cmu_us_ghost"_s, 1, "register_cmu_us_ghost", u"libflite1"_s});
    InterviewerVoice voice({u"ghost"_s}, options);
    const RenderedSpeech speech = wait(voice.render(Question));
    QVERIFY(!speech.ok());
    QCOMPARE(speech.error->kind, VoiceError::Kind::VoiceNotInstalled);
    QVERIFY2(speech.error->message.contains(u"ghost"_s), qPrintable(speech.error->message));
    QVERIFY2(speech.error->message.contains(u"libflite_cmu_us_ghost.so.1"_s), qPrintable(speech.error->message));
    QVERIFY2(speech.error->message.contains(u"apt-get install libflite1"_s), qPrintable(speech.error->message));
    QVERIFY(speech.pcm.isEmpty());
    QCOMPARE(voice.statistics().failures, 1);

    // The installed voices still work beside it.
    QVERIFY(wait(voice.render(Question, {u"slt"_s})).ok());
    QFuture<QList<VoiceStatus>> check = voice.checkVoices();
    QTRY_VERIFY_WITH_TIMEOUT(check.isFinished(), 30000);
    QCOMPARE(check.result().size(), 5);
    QVERIFY(!check.result().last().available());
}

void InterviewerVoiceTest::unknownVoice_listsTheVoices()
{
    InterviewerVoice voice({u"nobody"_s});
    const RenderedSpeech speech = wait(voice.render(Question));
    QVERIFY(!speech.ok());
    QCOMPARE(speech.error->kind, VoiceError::Kind::UnknownVoice);
    QVERIFY2(speech.error->message.contains(u"\"nobody\""_s), qPrintable(speech.error->message));
    QVERIFY2(speech.error->message.contains(u"slt, rms, awb, kal16"_s), qPrintable(speech.error->message));
}

void InterviewerVoiceTest::emptyOrPunctuationOnly_isNothingToSay()
{
    InterviewerVoice voice;
    QFuture<RenderedSpeech> empty = voice.render(u"   \n "_s);
    QVERIFY(empty.isFinished());
    QCOMPARE(empty.result().error->kind, VoiceError::Kind::NothingToSay);
    const RenderedSpeech punctuation = wait(voice.render(u"?! … — \u0007"_s));
    QVERIFY(!punctuation.ok());
    QCOMPARE(punctuation.error->kind, VoiceError::Kind::NothingToSay);
    QCOMPARE(voice.statistics().failures, 1);
}

void InterviewerVoiceTest::tooLongLine_isRefusedAtOnce()
{
    InterviewerVoice voice;
    QFuture<RenderedSpeech> future = voice.render(QString(InterviewerVoice::MaxTextCharacters + 1, u'a'));
    QVERIFY(future.isFinished());
    QCOMPARE(future.result().error->kind, VoiceError::Kind::TextTooLong);
    QVERIFY(future.result().error->message.contains(u"1000"_s));
}

void InterviewerVoiceTest::typographicText_isSpokenLikeItsPlainForm()
{
    // Curly quotes, an en dash between numbers, an accent: flite must hear the plain text.
    InterviewerVoice voice;
    const RenderedSpeech plain = wait(voice.render(u"Your team's \"cafe\" grew from 5-8 engineers."_s));
    const RenderedSpeech typographic
        = wait(voice.render(u"Your team\u2019s \u201Ccaf\u00E9\u201D grew from 5\u20138 engineers."_s));
    QVERIFY(plain.ok() && typographic.ok());
    QCOMPARE(typographic.pcm, plain.pcm);
    QCOMPARE(typographic.text, u"Your team\u2019s \u201Ccaf\u00E9\u201D grew from 5\u20138 engineers."_s);
}

void InterviewerVoiceTest::oddText_isSpokenOrRefused_neverCrashes()
{
    // What a loop file may hold: libflite reads each as something, and nothing takes long.
    InterviewerVoice voice({u"kal16"_s});
    const QStringList texts{u"http://example.com/a/b?c=d&e=f#g"_s,
                            u"$1,000,000.00, 3.14159e10 and 1/2/2023"_s,
                            u"Mr. Dr. St. vs. etc. e.g. i.e."_s,
                            u"\u4e2d\u6587 \U0001F600 ok"_s,
                            u"'\"'\"'\"' ok"_s,
                            u"A.B.C.D.E.F.G.H.I.J.K.L.M.N.O.P.Q.R.S.T.U.V.W.X.Y.Z."_s.repeated(10),
                            QString(200, u'a'),
                            QString(200, u'7'),
                            u"tab\there\r\nnewline\u0000nul"_s};
    for (const QString &text : texts) {
        const RenderedSpeech speech = wait(voice.render(text));
        QVERIFY2(speech.ok(), qPrintable(text.left(40)));
        QVERIFY(speech.durationMs() > 0);
    }
}

void InterviewerVoiceTest::diskCache_servesANewVoiceObject_withoutRendering()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    InterviewerVoice::Options options;
    options.diskCacheFolder = folder.path() + u"/voice"_s;
    QByteArray original;
    {
        InterviewerVoice voice({}, options);
        const RenderedSpeech speech = wait(voice.render(Question));
        QVERIFY(speech.ok());
        original = speech.pcm;
    }
    InterviewerVoice voice({}, options);
    RenderLog log;
    log.attach(voice);
    const RenderedSpeech speech = wait(voice.render(Question));
    QVERIFY(speech.ok());
    QCOMPARE(speech.source, RenderedSpeech::Source::DiskCache);
    QCOMPARE(speech.pcm, original);
    QCOMPARE(log.texts().size(), 0);
    QCOMPARE(voice.statistics().diskHits, 1);
}

void InterviewerVoiceTest::damagedDiskCacheFile_isRemovedAndRenderedAgain()
{
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    InterviewerVoice::Options options;
    options.diskCacheFolder = folder.path();
    QByteArray original;
    {
        InterviewerVoice voice({}, options);
        original = wait(voice.render(Question)).pcm;
        QVERIFY(!original.isEmpty());
    }
    const QStringList files = QDir(folder.path()).entryList({u"*.voice"_s}, QDir::Files);
    QCOMPARE(files.size(), 1);
    const QString path = folder.filePath(files.first());

    const auto damage = [&](const std::function<void(QByteArray &)> &change) {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QByteArray bytes = file.readAll();
        change(bytes);
        QVERIFY(file.resize(0));
        QVERIFY(file.seek(0));
        QCOMPARE(file.write(bytes), bytes.size());
    };
    const QList<std::function<void(QByteArray &)>> damages{
        [](QByteArray &bytes) { bytes[bytes.size() - 100] = char(bytes[bytes.size() - 100] ^ 0x55); }, // a sample
        [](QByteArray &bytes) { bytes.chop(1000); }, // cut short
        [](QByteArray &bytes) { bytes[0] = 'X'; }, // not ours
        [](QByteArray &bytes) { bytes = bytes.left(10); }, // a header only
    };
    for (const auto &change : damages) {
        damage(change);
        InterviewerVoice voice({}, options);
        const RenderedSpeech speech = wait(voice.render(Question));
        QVERIFY(speech.ok());
        QCOMPARE(speech.source, RenderedSpeech::Source::Rendered);
        QCOMPARE(speech.pcm, original);
        QCOMPARE(voice.statistics().diskRejected, 1);
        QCOMPARE(voice.statistics().renders, 1);
        QVERIFY(QFile::exists(path)); // written anew
    }
}

void InterviewerVoiceTest::voicesOnManyThreads_renderAsTheyDoAlone()
{
    // Two voice objects on a pool of four threads, four voices at once: libflite is called one
    // line at a time, so every line comes out as it does alone.
    const QStringList lines{Question, u"What did you decide?"_s, u"What was the result?"_s};
    QHash<QString, QByteArray> alone;
    {
        InterviewerVoice voice;
        for (const VoiceDescription &description : VoiceCatalog::debianVoices()) {
            for (const QString &line : lines)
                alone.insert(description.id + line, wait(voice.render(line, {description.id})).pcm);
        }
    }
    QThreadPool pool;
    pool.setMaxThreadCount(4);
    InterviewerVoice::Options options;
    options.pool = &pool;
    InterviewerVoice first({}, options);
    InterviewerVoice second({}, options);
    QList<std::pair<QString, QFuture<RenderedSpeech>>> futures;
    for (const QString &line : lines) {
        for (const VoiceDescription &description : VoiceCatalog::debianVoices()) {
            InterviewerVoice &voice = futures.size() % 2 ? first : second;
            futures.append({description.id + line, voice.render(line, {description.id})});
        }
    }
    for (auto &[key, future] : futures) {
        const RenderedSpeech speech = wait(future);
        QVERIFY(speech.ok());
        QCOMPARE(speech.pcm, alone.value(key));
    }
}

void InterviewerVoiceTest::destroyingTheVoice_finishesWaitingLinesAtOnce()
{
    QList<QFuture<RenderedSpeech>> futures;
    {
        InterviewerVoice voice({u"rms"_s});
        for (int i = 0; i < 5; ++i)
            futures.append(voice.render(u"Line %1 of a round that ends before it is said."_s.arg(i)));
    }
    // Those waiting are finished by the destructor; the one being rendered finishes on its thread.
    int cancelled = 0;
    for (const QFuture<RenderedSpeech> &future : std::as_const(futures)) {
        const RenderedSpeech speech = wait(future);
        if (!speech.ok()) {
            QCOMPARE(speech.error->kind, VoiceError::Kind::Cancelled);
            ++cancelled;
        }
    }
    QVERIFY(cancelled >= 4);
}

void InterviewerVoiceTest::speakingInterval_coversTheLineAndItsTail()
{
    RenderedSpeech speech;
    speech.sampleRate = 16000;
    speech.pcm = QByteArray(16000 * 2 * 3, '\0'); // 3 s
    QCOMPARE(speech.durationMs(), 3000);
    QCOMPARE(speech.intervalStartingAt(12000), (SpeakingInterval{12000, 15000 + RenderedSpeech::DefaultTailMs}));
    QCOMPARE(speech.intervalStartingAt(500, 0), (SpeakingInterval{500, 3500}));
}

void InterviewerVoiceTest::toWav_isAPlayableFile()
{
    InterviewerVoice voice;
    const RenderedSpeech speech = wait(voice.render(u"What did you decide?"_s));
    QVERIFY(speech.ok());
    QTemporaryDir folder;
    const QString path = folder.filePath(u"line.wav"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(speech.toWav());
    file.close();
    QString error;
    const auto layout = Wav::readLayout(path, &error);
    QVERIFY2(layout.has_value(), qPrintable(error));
    QCOMPARE(layout->format, speech.format());
    QCOMPARE(layout->declaredDataBytes, speech.pcm.size());
}

QTEST_GUILESS_MAIN(InterviewerVoiceTest)
#include "interviewer_voice_test.moc"
