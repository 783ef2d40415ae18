#include "GeneratedLibrary.h"

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace GeneratedLibrary {

namespace {

const QStringList Rounds = {u"hiring-manager"_s,     u"technical-leadership"_s, u"cross-functional-partner"_s,
                            u"skip-level-manager"_s, u"peer-manager"_s,         u"netflix-values"_s};
const QStringList Dimensions
    = {u"freedom-responsibility"_s, u"high-performance"_s,  u"candor"_s, u"innovation"_s, u"member-obsession"_s,
       u"story-structure"_s,        u"quantified-results"_s};

} // namespace

void generate(LibraryStore &store, const std::function<void(qint64 answerId, int index)> &eachAnswer)
{
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-400);
    quint32 noise = 12345;
    const auto next = [&noise](int bound) {
        noise = noise * 1664525u + 1013904223u;
        return int((noise >> 8) % quint32(bound));
    };
    for (int s = 0; s < Sessions; ++s) {
        SessionRecord session;
        session.id = u"session-%1"_s.arg(s);
        session.loopId = u"netflix-engineering-leadership"_s;
        session.loopTitle = u"Netflix Engineering Leadership Loop"_s;
        session.startedAt = start.addDays(s * 2);
        session.seed = quint64(s) + 1;
        store.addSession(session);
        for (int a = 0; a < AnswersPerSession; ++a) {
            LibraryStore::NewAnswer answer;
            answer.sessionId = session.id;
            answer.answeredAt = session.startedAt.addSecs(a * 300);
            const QString round = Rounds.at(next(Rounds.size()));
            answer.roundTitle = round;
            answer.categoryId = u"category-%1"_s.arg(next(6));
            answer.record.roundId = round;
            answer.record.questionId = u"question-%1"_s.arg(next(34));
            answer.record.questionText = u"Tell me about a time you had to give difficult feedback to a senior "
                                         "engineer, number "_s
                + answer.record.questionId;
            answer.record.notes = next(3) == 0 ? u"Forgot to quantify the member impact again"_s : QString();
            AnswerPart part;
            part.duration = Milliseconds(120000 + next(180000));
            part.limit = Milliseconds(240000);
            part.phaseMarks = {{1, Milliseconds(30000)}, {2, Milliseconds(90000)}, {3, Milliseconds(180000)}};
            answer.record.parts = {part};
            Rating rating;
            rating.ratedAt = answer.answeredAt.addSecs(250);
            for (int d = 0; d < 5; ++d)
                rating.scores.insert(Dimensions.at((a + d) % Dimensions.size()), 1 + next(4));
            if (next(4) == 0)
                rating.redFlagIds = {u"excuses"_s};
            answer.record.rating = rating;
            if (a % 2 == 0) {
                answer.recording = RecordingInfo{LibraryStore::takeRelativePath(session.id, u"%1.wav"_s.arg(a)),
                                                 u"WAV PCM 16-bit 16000 Hz mono"_s,
                                                 part.duration,
                                                 part.duration.count() * 32,
                                                 u"0"_s,
                                                 false};
            }
            const auto id = store.addAnswer(answer);
            if (id && eachAnswer)
                eachAnswer(*id, s * AnswersPerSession + a);
            if (id && a % 3 == 0) {
                Rating replay = rating;
                replay.ratedAt = rating.ratedAt.addDays(1);
                replay.scores.first() = 4;
                store.addReplayRating(*id, replay);
            }
        }
    }
}

} // namespace GeneratedLibrary
