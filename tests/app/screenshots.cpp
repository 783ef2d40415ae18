// Renders every page of MockLoop to PNG, for the README, the AppStream metadata and for looking
// at the UI: the practice home, a round's briefing, a question being answered (with a phase mark
// and overtime), the rating with the measured feedback, the round wrap-up, the library, the settings, the
// progress page, two takes compared and a loop file's errors. The window is the real one, on a manual clock, over a
// library filled with sample practice. Run it through tests/app/render-screenshots.sh, which provides a display (Xvfb)
// and, when it can, the audio rig so that the answer is really being recorded.
//   mockloop_screenshots OUTPUT_FOLDER [--dark | --high-contrast] [--font-scale FACTOR]
// --high-contrast: white on black with a yellow highlight, as the desktops' high-contrast themes;
// --font-scale: the system font that much larger (1.5, 2), as a person who needs large type sets it.

#include "../common/SampleLibrary.h"
#include "analysis/AnalysisService.h"
#include "analysis/AnswerAssembler.h"
#include "analysis/TranscriptEvidence.h"
#include "audio/AudioInputs.h"
#include "audio/MultimediaBackend.h"
#include "audio/WavFormat.h"
#include "common/AppSettings.h"
#include "common/ApplicationIdentity.h"
#include "compare/CompareDialog.h"
#include "library/AnswerDetailView.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "library/TakePlayerWidget.h"
#include "mainwindow/MainWindow.h"
#include "practice/PracticeHomePage.h"
#include "practice/SessionController.h"
#include "practice/SessionInterviewer.h"
#include "practice/SessionPage.h"
#include "progress/ProgressPage.h"
#include "rating/RatingPanel.h"
#include "session/Clock.h"
#include "stories/StoriesPage.h"
#include "voice/InterviewerVoice.h"
#include "voice/VoiceSpeechOutput.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStyleFactory>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QString outputFolder;

void save(QWidget *widget, const QString &name)
{
    QTest::qWait(150); // let layouts, repaints and queued results settle before the picture
    const QString path = QDir(outputFolder).filePath(name + u".png"_s);
    if (!widget->grab().save(path))
        qFatal("could not write %s", qPrintable(path));
    qInfo("wrote %s", qPrintable(path));
}

template<typename T> T *child(QWidget *root, const QString &name)
{
    T *found = root->findChild<T *>(name);
    if (!found)
        qFatal("no widget %s", qPrintable(name));
    return found;
}

void waitFor(const std::function<bool()> &condition)
{
    if (!QTest::qWaitFor(condition, 15000))
        qFatal("timed out waiting for the window");
}

// Long silences in the showcase take, where its analysis marks long pauses.
const QList<TimeRange> ShowcaseSilences = {{21500, 24800}, {97000, 99600}};

// Three minutes of something shaped like speech (syllables of noise in phrases, with pauses),
// as a 16 kHz mono WAV, so the library's waveform has something to draw; silent in silences.
void writeSpeechLikeTake(const QString &path, int seconds, const QList<TimeRange> &silences = {})
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    const int rate = 16000;
    QByteArray pcm(seconds * rate * 2, '\0');
    auto *samples = reinterpret_cast<qint16 *>(pcm.data());
    quint32 noise = 1;
    for (int i = 0; i < seconds * rate; ++i) {
        const double t = double(i) / rate;
        const bool silent = std::any_of(silences.cbegin(), silences.cend(), [t](const TimeRange &silence) {
            return t * 1000 >= double(silence.startMs) && t * 1000 < double(silence.endMs);
        });
        const double phrase = silent ? 0.0 : std::fmod(t, 4.3) < 3.4 ? 1.0 : 0.05; // a breath between phrases
        const double syllable = 0.5 + 0.5 * std::sin(2 * M_PI * 4.1 * t); // about four a second
        const double loudness = 0.35 + 0.3 * std::sin(2 * M_PI * t / 37.0);
        noise = noise * 1664525u + 1013904223u;
        const double sample = (double(noise >> 16) / 32768.0 - 1.0) * phrase * syllable * loudness;
        samples[i] = qint16(std::clamp(sample * 26000, -32000.0, 32000.0));
    }
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(Wav::canonicalHeader(PcmFormat{rate, 1, 16}, pcm.size()) + pcm);
}

// What the analysis of the showcase take could have found: a plausible answer spoken in its
// phrases (about 2.4 words a second), with likely fillers, numbers, hedges and two long pauses.
AnswerAnalysis showcaseAnalysis(qint64 durationMs, const QList<PhaseMark> &phaseMarks)
{
    const QStringList script
        = QStringLiteral(
              "so the challenge was that our checkout service um was timing out for about twelve percent of members "
              "during the evening peak and the team wanted to wait for the quarterly rewrite "
              "i decided not to wait i think the risk of doing nothing was bigger so i asked two engineers to move the "
              "session cache out of the request path uh and we shipped it behind a flag in four days "
              "we rolled it out to one percent then ten percent then everyone and latency dropped by forty percent "
              "maybe the bigger win was that members stopped abandoning their carts conversion went up three percent "
              "i told my director early that i had taken the call and what it would cost if it failed "
              "looking back i would write the rollback plan down first and share it with the partner teams")
              .split(u' ');
    AnswerAnalysis analysis;
    analysis.durationMs = durationMs;
    analysis.analysedMs = durationMs;
    analysis.speechFound = true;
    analysis.silenceBeforeSpeech = TimeRange{0, 600};
    qsizetype next = 0;
    int count = 0;
    // The phrases of the take, less its silences.
    QList<TimeRange> stretches;
    for (qint64 phrase = 0; phrase + 3400 <= durationMs; phrase += 4300) {
        TimeRange stretch{std::max<qint64>(phrase, 600), phrase + 3400};
        for (const TimeRange &silence : ShowcaseSilences) {
            if (stretch.startMs < silence.startMs && stretch.endMs > silence.startMs) {
                stretches.append({stretch.startMs, silence.startMs});
                stretch.startMs = silence.endMs;
            } else if (stretch.startMs >= silence.startMs && stretch.startMs < silence.endMs) {
                stretch.startMs = silence.endMs;
            }
        }
        if (stretch.durationMs() >= 400)
            stretches.append(stretch);
    }
    for (const TimeRange &speech : std::as_const(stretches)) {
        if (!analysis.speech.isEmpty())
            analysis.pauses.append({analysis.speech.constLast().endMs, speech.startMs});
        analysis.speech.append(speech);
        analysis.speakingMs += speech.durationMs();
        for (qint64 at = speech.startMs; at + 380 <= speech.endMs; at += 420) {
            const QString text = script.at(next++ % script.size());
            const bool filler = text == u"um"_s || text == u"uh"_s;
            analysis.words.append({text, at, at + 380, filler ? 0.8 : 0.9, filler, 1});
            if (text == u"percent"_s)
                analysis.numbersHeard.append({analysis.words.at(analysis.words.size() - 2).text + u" percent"_s,
                                              analysis.words.at(analysis.words.size() - 2).startMs, at + 380,
                                              QString()});
            if (text == u"maybe"_s)
                analysis.hedges.append({text, at, at + 380, {}});
            if (text == u"members"_s)
                analysis.audienceMentions.append({text, at, at + 380, {}});
            ++count;
        }
    }
    const qint64 span = analysis.speech.constLast().endMs - analysis.speech.constFirst().startMs;
    const int fillers = analysis.likelyFillerCount();
    analysis.wordsPerMinute = double(count - fillers) * 60000.0 / double(span);
    analysis.fillersPerMinute = double(fillers) * 60000.0 / double(span);
    analysis.articulationRate = 3.9;
    analysis.syllablesPerSecond = 4.1;
    analysis.pitchSpreadSemitones = 2.8;
    const QList<int> targets = {30, 60, 90, 30, 30};
    QList<qint64> starts{0};
    for (const PhaseMark &mark : phaseMarks)
        starts << mark.at.count();
    starts << durationMs;
    for (qsizetype phase = 0; phase + 1 < starts.size(); ++phase)
        analysis.phases.append({int(phase), starts.at(phase), starts.at(phase + 1) - starts.at(phase),
                                (starts.at(phase + 1) - starts.at(phase)) * 8 / 10,
                                qint64(targets.value(phase)) * 1000});
    return analysis;
}

// A few weeks of practice of the Netflix loop, so the library has something to show.
qint64 fillLibrary(PracticeLibrary &library, const std::shared_ptr<const Loop> &loop)
{
    return library
        .run([loop](LibraryStore *store) {
            qint64 showcase = 0;
            const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-20);
            int n = 0;
            for (int s = 0; s < 6; ++s) {
                const SessionRecord session = SampleLibrary::session(*loop, u"sample-%1"_s.arg(s), start.addDays(s * 3),
                                                                     u"L6"_s, quint64(s + 1));
                store->addSession(session);
                const Round &round = loop->rounds.at(s % loop->rounds.size());
                const auto pool = loop->questionPool(round);
                for (int q = 0; q < 4 && q < pool.size(); ++q, ++n) {
                    LibraryStore::NewAnswer answer;
                    answer.sessionId = session.id;
                    answer.answeredAt = session.startedAt.addSecs(q * 420);
                    answer.roundTitle = round.title;
                    answer.categoryId = pool.at(q)->categoryId;
                    answer.record.roundId = round.id;
                    answer.record.questionId = pool.at(q)->id;
                    answer.record.questionText = pool.at(q)->text;
                    AnswerPart part;
                    part.limit = 240s;
                    part.duration = Milliseconds(150000 + (n * 37000) % 150000);
                    part.phaseMarks = {{1, 32s}, {2, 95s}, {3, 170s}};
                    answer.record.parts = {part};
                    answer.record.notes
                        = n % 3 == 0 ? u"Lead with the member impact; the numbers came too late."_s : QString();
                    Rating rating;
                    rating.ratedAt = answer.answeredAt.addSecs(280);
                    int d = 0;
                    for (const QString &dimension : round.rubricDimensionIds)
                        rating.scores.insert(dimension, 1 + (n + d++ + s / 2) % 4);
                    if (n % 4 == 1)
                        rating.redFlagIds = {u"excuses-for-results"_s};
                    answer.record.rating = rating;
                    if (s == 5 && q == 0) {
                        // The one the library picture shows: with a take and a rating after replay.
                        const QString relative = LibraryStore::takeRelativePath(session.id, u"01-answer.wav"_s);
                        writeSpeechLikeTake(store->absolutePath(relative), int(part.duration.count() / 1000),
                                            ShowcaseSilences);
                        answer.recording = LibraryStore::describeTake(store->absolutePath(relative), relative);
                    }
                    const auto id = store->addAnswer(answer);
                    if (id && s == 5 && q == 0) {
                        Rating replay = rating;
                        replay.when = Rating::When::AfterReplay;
                        replay.ratedAt = rating.ratedAt.addSecs(600);
                        for (auto it = replay.scores.begin(); it != replay.scores.end(); ++it)
                            it.value() = std::max(1, it.value() - 1);
                        replay.notes = u"On replay: the decision took two minutes to arrive."_s;
                        store->addReplayRating(*id, replay);
                        store->setAnalysis(
                            *id,
                            AnalysisService::recordOf(showcaseAnalysis(part.duration.count(), part.phaseMarks),
                                                      answer.answeredAt.addSecs(10)));
                        showcase = *id;
                    }
                }
            }
            return showcase;
        })
        .result();
}

// An earlier take of the showcase's question, for the comparison: longer in its decision, faster,
// with more likely fillers, rated lower.
qint64 addEarlierTake(PracticeLibrary &library, qint64 showcase)
{
    return library
        .run([showcase](LibraryStore *store) -> qint64 {
            const std::optional<AnswerDetail> shown = store->answer(showcase);
            if (!shown)
                return 0;
            SessionRecord session = *store->session(shown->row.sessionId);
            session.id = u"sample-earlier"_s;
            session.startedAt = session.startedAt.addDays(-12);
            store->addSession(session);
            LibraryStore::NewAnswer answer;
            answer.sessionId = session.id;
            answer.answeredAt = session.startedAt.addSecs(300);
            answer.roundTitle = shown->row.roundTitle;
            answer.categoryId = shown->row.categoryId;
            answer.record = shown->record;
            answer.record.notes.clear();
            AnswerPart &part = answer.record.parts.first();
            part.duration = 250s;
            part.phaseMarks = {{1, 25s}, {2, 125s}, {3, 200s}};
            Rating rating = *shown->rightAfter;
            rating.ratedAt = answer.answeredAt.addSecs(280);
            int d = 0;
            for (auto it = rating.scores.begin(); it != rating.scores.end(); ++it)
                it.value() = std::max(1, it.value() - 1 - d++ % 2);
            rating.redFlagIds = {u"excuses-for-results"_s};
            answer.record.rating = rating;
            const QString relative = LibraryStore::takeRelativePath(session.id, u"01-answer.wav"_s);
            writeSpeechLikeTake(store->absolutePath(relative), 250, ShowcaseSilences);
            answer.recording = LibraryStore::describeTake(store->absolutePath(relative), relative);
            const auto id = store->addAnswer(answer);
            if (!id)
                return 0;
            AnswerAnalysis analysis = showcaseAnalysis(part.duration.count(), part.phaseMarks);
            for (qsizetype i = 5; i < analysis.words.size(); i += 9)
                analysis.words[i] = {u"um"_s, analysis.words[i].startMs, analysis.words[i].endMs, 0.7, true, 0};
            const qint64 span = analysis.speech.constLast().endMs - analysis.speech.constFirst().startMs;
            analysis.fillersPerMinute = double(analysis.likelyFillerCount()) * 60000.0 / double(span);
            analysis.wordsPerMinute = 172;
            store->setAnalysis(*id, AnalysisService::recordOf(analysis, answer.answeredAt.addSecs(10)));
            return *id;
        })
        .result();
}

// What the speech analysis would measure in the answer just given, made up to fit it (the take
// recorded while the pictures were made lasts seconds, its answer clock minutes): an answer read
// at about 150 words a minute, with pauses, a few likely fillers, and the evidence and phase times
// the analysis finds in such words.
AnswerAnalysis measuredAnswer(const AnswerRecord &answer, const Loop &loop)
{
    static const QString script
        = u"when i joined the playback team start up time on smart tvs in brazil was four seconds for the "
          "slowest tenth of plays and members gave up on about one play in eight . i decided we would stop the "
          "feature work for a month and i took that call to my director myself . um i owned the risk if the fix "
          "failed we would miss the holiday launch . we moved the manifest to the edge cut two round trips and "
          "kind of rebuilt the retry logic with the device team . | i ran a daily review of the numbers and told "
          "the partner teams where we were behind . uh within six weeks start up time dropped to one point five "
          "seconds and abandoned plays fell by forty percent for members on those devices . i think the harder "
          "part was saying no to the launch team and i said it early and plainly . our customers in the region "
          "now start a title in under two seconds and we reused the approach in twelve other markets ."_s;
    AnswerAnalysis analysis;
    for (const AnswerPart &part : answer.parts)
        analysis.durationMs += part.duration.count();
    analysis.analysedMs = analysis.durationMs;
    analysis.speechFound = true;
    const QStringList tokens = script.split(u' ', Qt::SkipEmptyParts);
    qint64 at = 1900; // the silence before the first word
    qint64 stretchStart = at;
    int syllables = 0;
    for (qsizetype i = 0; at < analysis.durationMs - 1500; i = (i + 1) % tokens.size()) {
        const QString &token = tokens.at(i);
        if (token == u"."_s || token == u"|"_s) {
            // A breath after a sentence; a long pause where the story turns.
            const qint64 gap = token == u"|"_s ? 3100 : 450 + (i * 37) % 500;
            analysis.speech.append({stretchStart, at});
            analysis.pauses.append({at, at + gap});
            at += gap;
            stretchStart = at;
            continue;
        }
        const bool filler = token == u"um"_s || token == u"uh"_s;
        const int vowels = int(std::max<qsizetype>(1, token.count(QRegularExpression(u"[aeiouy]+"_s))));
        const qint64 length = filler ? 520 : 110 + 130 * vowels;
        analysis.words.append({token, at, at + length, filler ? 0.4 : 0.85, filler, filler ? 0 : vowels});
        syllables += filler ? 0 : vowels;
        at += length + 90;
    }
    analysis.speech.append({stretchStart, at});
    analysis.silenceBeforeSpeech = TimeRange{0, 1900};
    for (const TimeRange &range : std::as_const(analysis.speech))
        analysis.speakingMs += range.durationMs();
    const double spanMinutes = double(analysis.speech.constLast().endMs - 1900) / 60000.0;
    const auto fillers = std::count_if(analysis.words.cbegin(), analysis.words.cend(),
                                       [](const RecognizedWord &word) { return word.likelyFiller; });
    analysis.wordsPerMinute = double(analysis.words.size() - fillers) / spanMinutes;
    analysis.articulationRate = syllables / (double(analysis.speakingMs) / 1000.0);
    analysis.fillersPerMinute = double(fillers) / spanMinutes;
    analysis.numbersHeard = TranscriptEvidence::numbers(analysis.words);
    analysis.audienceMentions = TranscriptEvidence::audienceMentions(analysis.words);
    analysis.firstPersonSingular = TranscriptEvidence::firstPersonSingular(analysis.words);
    analysis.firstPersonPlural = TranscriptEvidence::firstPersonPlural(analysis.words);
    analysis.hedges = TranscriptEvidence::hedges(analysis.words);
    analysis.phases = AnswerAssembler::phaseTimings(AnalysisService::contextOf(answer, &loop), analysis.durationMs,
                                                    analysis.speech);
    return analysis;
}

// Six more weeks of practice before those, rated, some re-rated after a replay and most analysed, so
// the Progress page has trends to draw.
void addProgressHistory(PracticeLibrary &library, const std::shared_ptr<const Loop> &loop)
{
    library
        .run([loop](LibraryStore *store) {
            const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-62);
            quint32 noise = 7;
            const auto next = [&noise](int bound) {
                noise = noise * 1664525u + 1013904223u;
                return int((noise >> 8) % quint32(bound));
            };
            for (int s = 0; s < 14; ++s) {
                const SessionRecord session = SampleLibrary::session(
                    *loop, u"history-%1"_s.arg(s), start.addDays(s * 3 + s % 2), u"L6"_s, quint64(s + 100));
                store->addSession(session);
                const Round &round = loop->rounds.at((s * 5) % loop->rounds.size());
                const auto pool = loop->questionPool(round);
                for (int q = 0; q < 4; ++q) {
                    const QDateTime answeredAt = session.startedAt.addSecs(q * 420);
                    AnswerPart part;
                    part.limit = 240s;
                    part.duration = Milliseconds(200000 + next(100000) - s * 3000);
                    part.phaseMarks = {{1, Milliseconds(60000 - s * 2000)}, {2, 120s}, {3, 200s}, {4, 225s}};
                    Rating rating;
                    rating.ratedAt = answeredAt.addSecs(280);
                    for (const QString &dimension : round.rubricDimensionIds)
                        rating.scores.insert(dimension, std::clamp(1 + next(3) + s / 6, 1, 4));
                    const auto id = store->addAnswer(SampleLibrary::answer(
                        session.id, q, answeredAt, round, *pool.at(next(int(pool.size()))), part, rating));
                    if (!id)
                        continue;
                    if (q % 2 == 0) {
                        Rating replay = SampleLibrary::replayOf(rating, rating.ratedAt.addSecs(900));
                        for (auto it = replay.scores.begin(); it != replay.scores.end(); ++it)
                            it.value() = std::clamp(it.value() + (s < 7 ? next(3) - 1 : next(5) / 4), 1, 4);
                        store->addReplayRating(*id, replay);
                    }
                    AnalysisRecord analysis;
                    analysis.analyzerVersion = 1;
                    analysis.analysedAt = answeredAt.addSecs(300);
                    analysis.wordsPerMinute = 178 - s * 2.5 + next(12);
                    analysis.fillersPerMinute = std::max(0.5, 8.5 - s * 0.45 + next(20) / 10.0);
                    analysis.longestPauseMs = 1200 + next(2500);
                    analysis.resultJson = QByteArray(R"({"numbersHeard":[)")
                        + QByteArray(R"({},)").repeated(next(3) + s / 4) + R"({}],"audienceMentions":[{}]})";
                    store->setAnalysis(*id, analysis);
                }
            }
            return true;
        })
        .waitForFinished();
}

} // namespace

// A story bank of four stories, some linked to questions, for the Stories page.
void addStories(PracticeLibrary &library, const std::shared_ptr<const Loop> &loop)
{
    const auto story = [](QString title, QMap<QString, QString> phases, QStringList metrics, QString impact,
                          StoryTags tags, QString period, QString company) {
        Story result;
        result.title = std::move(title);
        result.phases = std::move(phases);
        result.metrics = std::move(metrics);
        result.memberImpact = std::move(impact);
        result.tags = std::move(tags);
        result.period = std::move(period);
        result.company = std::move(company);
        return result;
    };
    const QList<Story> stories{
        story(u"Playback start-up regression"_s,
              {{u"challenge"_s,
                u"Two days before a launch, video start-up time on smart TVs rose from 1.9 s to 3.4 s "
                "after a CDN routing change; the launch date was public."_s},
               {u"decision"_s,
                u"I decided to roll back the routing change on my own authority and keep the launch, "
                "rather than wait for the weekly review."_s},
               {u"execution"_s,
                u"We bisected the change in 6 hours, shipped the rollback to 5% then 100% of devices, "
                "and added a start-up time gate to the release pipeline."_s},
               {u"communication"_s,
                u"I told the CDN team lead directly that their change caused it, with the data, "
                "and agreed the fix with them the same day."_s},
               {u"member-impact"_s, u"Start-up back to 1.8 s for 40 million TV members on launch day."_s}},
              {u"Start-up 3.4 s → 1.8 s"_s, u"Rollback in 6 hours"_s},
              u"40 million TV members watched the launch without the delay"_s,
              {{u"freedom-responsibility"_s, u"member-obsession"_s},
               {u"technical-leadership"_s},
               {u"global-streaming"_s},
               {u"L6"_s}},
              u"2024 Q3"_s, u"StreamCo"_s),
        story(u"Managing out a senior engineer"_s,
              {{u"challenge"_s,
                u"A senior engineer on my team kept missing commitments the rest of the team depended on."_s},
               {u"decision"_s,
                u"I decided to give clear, written feedback and a four-week plan, and to let him go if it "
                "did not change."_s},
               {u"communication"_s, u"I told him plainly what was missing and what good looked like."_s}},
              {}, QString(),
              {{u"high-performance"_s, u"candor"_s}, {u"high-performance"_s}, {u"team-building"_s}, {u"L6"_s}},
              u"2023"_s, u"StreamCo"_s),
        story(u"Recommendations cold start"_s,
              {{u"challenge"_s,
                u"New members saw generic rows for their first week; 30% cancelled in the first month."_s},
               {u"decision"_s, u"We chose to ask three taste questions at sign-up."_s}},
              {u"First-month cancellations down 4 points"_s}, u"New members find something to watch on day one"_s,
              {{u"innovation"_s, u"member-obsession"_s}, {u"innovation-member"_s}, {u"personalization"_s}, {}},
              u"2022"_s, u"StreamCo"_s),
        story(u"Disagreeing with the VP on a rewrite"_s,
              {{u"challenge"_s, u"My VP wanted to rewrite the billing service in a new language before peak season."_s},
               {u"decision"_s,
                u"I decided to push back with a written risk analysis and proposed an incremental "
                "migration instead."_s},
               {u"execution"_s, u"We migrated 3 of 11 endpoints before peak with no incidents."_s},
               {u"communication"_s, u"I told the VP face to face that I disagreed, and why."_s},
               {u"member-impact"_s, u"No billing errors for members during peak season."_s}},
              {u"0 billing incidents at peak"_s}, u"Members were billed correctly through the peak"_s,
              {{u"candor"_s}, {u"candor"_s}, {}, {u"L7"_s}}, u"2021"_s, u"PayFlow"_s),
    };
    const QList<std::pair<int, QString>> links{{0, u"tl-outage-during-launch"_s},
                                               {0, u"fr-decision-without-approval"_s},
                                               {1, u"hp-manage-out-underperformer"_s},
                                               {3, u"cd-challenged-leadership"_s}};
    const QString loopId = loop->id;
    library
        .run([stories, links, loopId](LibraryStore *store) {
            QList<qint64> ids;
            for (const Story &added : stories)
                ids << store->addStory(added).value_or(0);
            for (const auto &[index, questionId] : links)
                store->linkStory(ids.at(index), loopId, questionId);
        })
        .waitForFinished();
}

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    applyApplicationIdentity(application);
    selectMultimediaBackend();
    const QStringList arguments = QApplication::arguments();
    if (arguments.size() < 2) {
        qCritical("usage: mockloop_screenshots OUTPUT_FOLDER [--dark | --high-contrast] [--font-scale FACTOR]");
        return 2;
    }
    outputFolder = arguments.at(1);
    QDir().mkpath(outputFolder);
    QApplication::setStyle(QStyleFactory::create(u"Fusion"_s));
    if (const qsizetype at = arguments.indexOf(u"--font-scale"_s); at > 0 && at + 1 < arguments.size()) {
        QFont larger = QApplication::font();
        const double scale = arguments.at(at + 1).toDouble();
        if (larger.pointSizeF() > 0)
            larger.setPointSizeF(larger.pointSizeF() * scale);
        else
            larger.setPixelSize(int(std::lround(larger.pixelSize() * scale)));
        QApplication::setFont(larger);
        qInfo("font: %s", qPrintable(QApplication::font().toString()));
    }
    if (arguments.contains(u"--high-contrast"_s)) {
        QPalette contrast;
        for (const auto role : {QPalette::Window, QPalette::Base, QPalette::AlternateBase, QPalette::Button})
            contrast.setColor(role, Qt::black);
        for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText, QPalette::BrightText})
            contrast.setColor(role, Qt::white);
        contrast.setColor(QPalette::Highlight, QColor(0xff, 0xff, 0x00));
        contrast.setColor(QPalette::HighlightedText, Qt::black);
        contrast.setColor(QPalette::PlaceholderText, QColor(0xd0, 0xd0, 0xd0));
        contrast.setColor(QPalette::Mid, QColor(0xc0, 0xc0, 0xc0));
        contrast.setColor(QPalette::Link, QColor(0x80, 0xc0, 0xff));
        contrast.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x90, 0x90, 0x90));
        contrast.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x90, 0x90, 0x90));
        contrast.setColor(QPalette::Disabled, QPalette::Text, QColor(0x90, 0x90, 0x90));
        QApplication::setPalette(contrast);
    }
    if (arguments.contains(u"--dark"_s)) {
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
        dark.setColor(QPalette::AlternateBase, QColor(0x2b, 0x2d, 0x31));
        dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Button, QColor(0x3a, 0x3c, 0x41));
        dark.setColor(QPalette::ButtonText, QColor(0xe6, 0xe6, 0xe6));
        dark.setColor(QPalette::Highlight, QColor(0x4a, 0x7b, 0xd0));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x9a, 0x9c, 0xa1));
        dark.setColor(QPalette::Mid, QColor(0x55, 0x57, 0x5c));
        QApplication::setPalette(dark);
    }

    QTemporaryDir home;
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    ManualClock clock;
    clock.setWallStart(QDateTime::currentDateTimeUtc());
    PracticeLibrary library;
    library.open(home.filePath(u"library"_s)).waitForFinished();
    AudioInputs audioInputs;
    AnalysisService analysis(&library);
    AppServices services;
    services.analysis = &analysis;
    services.clock = &clock;
    services.library = &library;
    services.audioInputs = &audioInputs;
    services.sessionFilePath = home.filePath(u"unfinished-session.json"_s);
    services.recordAudio = !audioInputs.chosenInput().isNull();
    // The interviewer speaks (on the rig's speaker when it runs).
    InterviewerVoice voice;
    VoiceSpeechOutput speech(&voice);
    services.voice = &voice;
    services.speech = &speech;

    MainWindow window(services);
    window.resize(1280, 800);
    window.show();
    waitFor([&window] { return window.isCatalogLoaded(); });
    const auto netflix = window.practiceHome()->catalog().find(u"netflix-engineering-leadership"_s);
    const qint64 showcase = fillLibrary(library, netflix);
    addStories(library, netflix); // before the session: its think time shows one on the cue card
    save(&window, u"01-practice-home"_s);

    // A round of the loop: its briefing, then a question answered past its time.
    child<QRadioButton>(&window, u"modeOneRound"_s)->setChecked(true);
    auto *rounds = child<QComboBox>(&window, u"roundChoice"_s);
    rounds->setCurrentIndex(rounds->findData(u"technical-leadership"_s));
    window.practiceHome()->start();
    waitFor([&window] { return window.sessionPage()->controller() != nullptr; });
    SessionEngine *engine = window.sessionPage()->controller()->engine();
    save(&window, u"02-round-briefing"_s);
    engine->beginRound();
    // The interviewer opens the round and reads the question: think time starts when it ends.
    const SessionInterviewer *interviewer = window.sessionPage()->controller()->interviewer();
    if (!QTest::qWaitFor(
            [interviewer] {
                return !interviewer->isVoiceOn()
                    || (interviewer->isSpeaking()
                        && interviewer->currentKind() == SessionInterviewer::LineKind::Question);
            },
            60000))
        qFatal("the interviewer did not read the question");
    clock.advance(9s);
    QTest::qWait(300);
    save(&window, u"03-think-time"_s);
    // The cue card (C): the story linked to the question (the round's first question is drawn at
    // random, so the first story is linked to whichever it is).
    const QString questionId = engine->currentAnswer()->questionId;
    library
        .run([questionId, loopId = netflix->id](LibraryStore *store) {
            const QList<Story> stories = store->stories();
            return !stories.isEmpty() && store->linkStory(stories.constFirst().id, loopId, questionId);
        })
        .waitForFinished();
    auto *cueCard = window.findChild<QAction *>(u"cueCardAction"_s);
    cueCard->trigger();
    waitFor([&window] { return child<QWidget>(&window, u"cueCardState"_s)->isVisible(); });
    QTest::qWait(500); // the suggestions come from the library's thread
    save(&window, u"15-cue-card"_s);
    cueCard->trigger();
    engine->beginAnswer();
    // Notes typed while answering; the rating page shows them again.
    child<QWidget>(&window, u"questionView"_s)
        ->findChild<QPlainTextEdit *>(u"answerNotes"_s)
        ->setPlainText(u"p99 before/after: 480 ms → 120 ms"_s);
    clock.advance(41s);
    engine->markNextPhase();
    clock.advance(72s);
    QTest::qWait(1500); // the recording light and level meter come from the recorder's thread
    save(&window, u"04-answering"_s);
    engine->markNextPhase();
    clock.advance(engine->clocks().answerLimit - engine->clocks().answerElapsed + 23s);
    save(&window, u"05-overtime"_s);
    engine->finishAnswer();
    while (engine->state() == SessionState::Answering) {
        clock.advance(50s);
        engine->finishAnswer();
    }
    waitFor([&window] { return child<RatingPanel>(&window, u"ratingPanel"_s)->isVisible(); });
    auto *panel = child<RatingPanel>(&window, u"ratingPanel"_s);
    const auto choices = panel->findChildren<DimensionChoice *>();
    for (qsizetype i = 0; i < choices.size(); ++i)
        choices.at(i)->setScore(i % 2 == 0 ? 3 : 2);
    child<QPlainTextEdit>(&window, u"ratingNotes"_s)
        ->setPlainText(u"Said 'we' where the call was mine. Quantify the latency win."_s);
    // The measured feedback, as it arrives seconds after the answer.
    Q_EMIT window.sessionPage()->controller()->analysisReady(engine->currentAnswer()->ordinal,
                                                             measuredAnswer(*engine->currentAnswer(), engine->loop()));
    save(&window, u"06-rating"_s);
    engine->submitRating(panel->rating());
    engine->endRound();
    waitFor([&window] { return child<QWidget>(&window, u"wrapUpView"_s)->isVisible(); });
    save(&window, u"07-round-wrap-up"_s);

    // The library, with a practised answer selected: its take's waveform with the phase marks and
    // the measured ones, the transcript at the word being played, both ratings.
    window.showPage(MainWindow::Page::Library);
    QTest::qWait(500);
    window.libraryPage()->selectAnswer(showcase);
    waitFor([&window] { return child<QWidget>(&window, u"transcriptWords"_s)->isVisible(); });
    QTest::qWait(1000);
    child<AnswerDetailView>(&window, u"answerDetail"_s)->player()->seekTo(47300);
    save(&window, u"08-library"_s);

    // Two takes of that question compared, from the answer's "Compare with another take".
    const qint64 earlier = addEarlierTake(library, showcase);
    Q_EMIT library.answerAdded(earlier); // stored behind the library's back: the page is told
    const QString compareWith = u"compareWithTake_%1"_s.arg(earlier);
    waitFor([&window, &compareWith] { return window.findChild<QAction *>(compareWith) != nullptr; });
    window.findChild<QAction *>(compareWith)->trigger();
    waitFor([&window] {
        const auto *compare = window.findChild<CompareDialog *>(u"compareDialog"_s);
        return compare && compare->isReady();
    });
    auto *compare = window.findChild<CompareDialog *>(u"compareDialog"_s);
    compare->resize(1300, 880);
    compare->player(CompareDialog::Side::A)->seekTo(112000);
    compare->switchTake();
    QTest::qWait(500);
    save(compare, u"13-compare"_s);
    compare->close();
    window.showPage(MainWindow::Page::Settings);
    save(&window, u"09-settings"_s);
    if (auto *voiceSettings = window.findChild<QWidget *>(u"voiceSettings"_s)) {
        // The interviewer's voice, at the foot of the page.
        for (QWidget *ancestor = voiceSettings->parentWidget(); ancestor; ancestor = ancestor->parentWidget()) {
            if (auto *settingsScroll = qobject_cast<QScrollArea *>(ancestor)) {
                settingsScroll->ensureWidgetVisible(voiceSettings);
                break;
            }
        }
        save(&window, u"09-settings-voice"_s);
    }

    // Progress: two months of practice, the plan counted back from an interview in three weeks.
    addProgressHistory(library, netflix);
    AppSettings::setInterviewDate(netflix->id, QDate::currentDate().addDays(21));
    window.showPage(MainWindow::Page::Progress);
    auto *progress = child<ProgressPage>(&window, u"progressPage"_s);
    waitFor([progress] { return !progress->isLoading() && progress->progress().answers > 0; });
    save(&window, u"11-progress"_s);
    auto *scroll = child<QScrollArea>(&window, u"progressScroll"_s);
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    save(&window, u"12-progress-lower"_s);

    // The story bank: a story with its hints, then the coverage of the loop's questions and values.
    window.showPage(MainWindow::Page::Stories);
    auto *stories = child<StoriesPage>(&window, u"storiesPage"_s);
    waitFor([stories] { return stories->stories().size() == 4; });
    auto *storyList = child<QListWidget>(&window, u"storyList"_s);
    storyList->setCurrentRow(1); // "Managing out a senior engineer": hints to act on
    QTest::qWait(300);
    save(&window, u"13-stories"_s);
    child<QTabWidget>(&window, u"storiesTabs"_s)->setCurrentIndex(1);
    waitFor([stories] { return !stories->isCoverageLoading(); });
    QTest::qWait(300);
    save(&window, u"14-story-coverage"_s);

    window.showPage(MainWindow::Page::Practice);
    window.practiceHome()->openLoopFile(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/many-errors-one-pass/loop.yaml"));
    waitFor([&window] { return window.findChild<QDialog *>(u"loopErrorsDialog"_s) != nullptr; });
    save(window.findChild<QDialog *>(u"loopErrorsDialog"_s), u"10-loop-errors"_s);
    return 0;
}
