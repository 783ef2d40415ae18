#include "AccuracyMeasures.h"
#include "SpeechFixtures.h"
#include "VoiceTestSupport.h"

#include "analysis/Analysis.h"
#include "voice/InterviewerVoice.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// Lines an interviewer says in the Netflix loop: an opening, questions, a probe, an interruption.
const QStringList Lines{
    u"Thanks for making the time today. I lead one of the engineering groups here."_s,
    u"Tell me about a time you made a significant decision without explicit approval."_s,
    u"How do you handle disagreements about technical direction?"_s,
    u"What would the people on your team say about this?"_s,
    u"What did you decide?"_s,
};

} // namespace

// A real round trip through two independent pieces: libflite speaks the interviewer's lines and the
// speech analysis (pocketsphinx) recognises them. Issue 14's target: a word error rate of 25% or
// less for every voice, which shows each voice is intelligible.
class VoiceRecognitionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void everyVoice_isRecognisedBack_data();
    void everyVoice_isRecognisedBack();

private:
    std::shared_ptr<SpeechModel> m_model;
    QTemporaryDir m_folder;
};

void VoiceRecognitionTest::initTestCase()
{
    m_model = std::make_shared<SpeechModel>();
    if (const std::optional<AnalysisError> problem = m_model->load())
        QFAIL(qPrintable(problem->message));
}

void VoiceRecognitionTest::everyVoice_isRecognisedBack_data()
{
    QTest::addColumn<QString>("voiceId");
    for (const VoiceDescription &voice : VoiceCatalog::debianVoices())
        QTest::newRow(qPrintable(voice.id)) << voice.id;
}

void VoiceRecognitionTest::everyVoice_isRecognisedBack()
{
    QFETCH(QString, voiceId);
    InterviewerVoice voice({voiceId});
    voice.prepare(Lines);
    AccuracyMeasures::WordErrors errors;
    QStringList heard;
    for (const QString &line : Lines) {
        const RenderedSpeech speech = VoiceTestSupport::wait(voice.render(line));
        QVERIFY2(speech.ok(), qPrintable(speech.error ? speech.error->message : QString()));
        const QString path = m_folder.filePath(u"%1-%2.wav"_s.arg(voiceId).arg(Lines.indexOf(line)));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(speech.toWav()), speech.toWav().size());
        file.close();

        const Expected<AnswerAnalysis> analysis = analyzeFile(path, *m_model);
        QVERIFY2(analysis.ok(), analysis.ok() ? "" : qPrintable(analysis.error().message));
        QVERIFY(analysis->speechFound);
        const QStringList spoken = AccuracyMeasures::spokenWords(*analysis);
        errors += AccuracyMeasures::wordErrors(SpeechFixtures::normalizedWords(line), spoken);
        heard.append(spoken.join(u' '));
    }
    qInfo("%s: word error rate %.1f%% (%d of %d words)", qPrintable(voiceId), errors.rate() * 100, errors.errors,
          errors.referenceWords);
    QVERIFY2(errors.rate() <= 0.25, qPrintable(u"heard: "_s + heard.join(u" | "_s)));
}

QTEST_GUILESS_MAIN(VoiceRecognitionTest)
#include "voice_recognition_test.moc"
