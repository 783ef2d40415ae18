// Writes the seed inputs of the session fuzz targets: snapshots of sessions at several steps
// (tests/fuzz/corpus/session_snapshot) and a session exported from a library
// (tests/fuzz/corpus/session_import). Run it again when either format changes:
//   seed_writer <snapshot folder> <import folder>
#include "library/LibraryStore.h"
#include "loops/LoopCatalog.h"
#include "session/Clock.h"
#include "session/SessionEngine.h"
#include "session/SessionSnapshot.h"
#include "session/SessionStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace MockLoop;

namespace {

// Keeps every snapshot the engine saves.
struct Capture : SessionStore
{
    QList<QByteArray> saved;
    void save(const SessionSnapshot &snapshot) override { saved.append(snapshot.toJson()); }
    void clear() override { }
};

void write(const QString &path, const QByteArray &data)
{
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(data);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3)
        return 2;
    const QString out = QString::fromLocal8Bit(argv[1]);
    const QString importOut = QString::fromLocal8Bit(argv[2]);
    LoopCatalog catalog;
    catalog.addBuiltIn();
    auto loop = catalog.find(QStringLiteral("netflix-engineering-leadership"));
    ManualClock clock;
    Capture capture;
    int n = 0;
    for (SessionMode mode : {SessionMode::OneRound, SessionMode::SingleQuestion, SessionMode::FullLoop}) {
        SessionRequest request;
        request.mode = mode;
        request.seed = 42;
        request.roundId = loop->rounds.first().id;
        request.pick = QuestionPick::RandomAny;
        QString error;
        auto engine = SessionEngine::create(loop, request, clock, nullptr, &error);
        if (!engine) {
            qWarning() << error;
            continue;
        }
        engine->setStore(&capture);
        // The interviewer asks, breaks in and chooses a probe: its marks and reasons are in the seeds.
        engine->setInterviewerAsks(true);
        engine->start();
        engine->beginRound();
        clock.advance(Milliseconds(2000));
        engine->promptAsked();
        clock.advance(Milliseconds(3000));
        engine->beginAnswer();
        clock.advance(Milliseconds(20000));
        engine->addInterviewerMark(
            {InterviewerMark::Kind::Interruption, Milliseconds(19000), Milliseconds(1500), 0, QStringLiteral("Why?")});
        engine->finishAnswer();
        engine->replaceFollowUp(QStringLiteral("What was the measurable result?"), {ProbeSignal::NoNumbers, {}, {}});
        engine->addInterviewerMark({InterviewerMark::Kind::Probe, Milliseconds(500), Milliseconds(2300), -1,
                                    QStringLiteral("What was the measurable result?")});
        clock.advance(Milliseconds(3000));
        engine->promptAsked();
        clock.advance(Milliseconds(10000));
        while (engine->state() == SessionState::Answering) {
            engine->finishAnswer();
            engine->promptAsked();
        }
        Rating rating;
        for (auto *d : loop->rubricFor(*loop->round(engine->plan().segments.first().roundId)))
            rating.scores.insert(d->id, 3);
        rating.notes = QStringLiteral("notes");
        engine->submitRating(rating);
        clock.advance(Milliseconds(1000));
        engine->pause();
    }
    for (int i = 0; i < capture.saved.size(); i += std::max<qsizetype>(1, capture.saved.size() / 8))
        write(out + QStringLiteral("/snapshot-%1.json").arg(n++), capture.saved.at(i));
    write(out + QStringLiteral("/snapshot-last.json"), capture.saved.last());

    QTemporaryDir dir;
    auto opened = LibraryStore::open(dir.path());
    SessionRecord session;
    session.id = QStringLiteral("s1");
    session.loopId = loop->id;
    session.mode = SessionMode::OneRound;
    session.startedAt = QDateTime(QDate(2026, 1, 5), QTime(9, 0), Qt::UTC);
    opened.store->addSession(session);
    LibraryStore::NewAnswer answer;
    answer.sessionId = session.id;
    answer.answeredAt = session.startedAt;
    answer.record.roundId = QStringLiteral("hiring-manager");
    answer.record.questionId = QStringLiteral("q1");
    answer.record.questionText = QStringLiteral("Tell me about a hard call.");
    Rating rating;
    rating.ratedAt = session.startedAt;
    rating.scores.insert(QStringLiteral("judgment"), 3);
    rating.redFlagIds = {QStringLiteral("blame")};
    answer.record.rating = rating;
    AnswerPart main;
    main.duration = Milliseconds(20000);
    main.interviewer
        = {{InterviewerMark::Kind::Interruption, Milliseconds(19000), Milliseconds(1500), 0, QStringLiteral("Why?")}};
    AnswerPart probe;
    probe.followUpIndex = 0;
    probe.prompt = QStringLiteral("What did you decide?");
    probe.asking = Milliseconds(3000);
    probe.duration = Milliseconds(10000);
    probe.interviewer = {{InterviewerMark::Kind::Probe, Milliseconds(500), Milliseconds(2300), -1, probe.prompt}};
    probe.probeReason
        = ProbeReason{ProbeSignal::MissingPhase, QStringLiteral("decision"), QStringLiteral("Autonomous Decision")};
    answer.record.parts = {main, probe};
    answer.recording = RecordingInfo{QStringLiteral("takes/s1/01-q1.wav"),
                                     QStringLiteral("WAV PCM 16-bit 16000 Hz mono"),
                                     Milliseconds(1000),
                                     32044,
                                     QStringLiteral("0"),
                                     false};
    opened.store->addAnswer(answer);
    write(importOut + QStringLiteral("/export-s1.json"), opened.store->exportSessionJson(session.id));
    return 0;
}
