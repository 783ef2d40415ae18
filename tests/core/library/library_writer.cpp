// Test helper for library_crash_test: writes answers into the library at argv[1] as fast as it can,
// each a multi-row transaction (answer, rating, 5 scores, 2 red flags, recording), and prints
// "committed N" after each commit, until it is killed.

#include "library/LibraryStore.h"

#include <QCoreApplication>
#include <QUuid>

#include <cstdio>

using namespace MockLoop;
using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    if (argc < 2)
        return 2;
    LibraryStore::OpenResult opened = LibraryStore::open(QString::fromLocal8Bit(argv[1]));
    if (!opened.store) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.message));
        return 1;
    }
    LibraryStore &store = *opened.store;
    SessionRecord session;
    session.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    session.loopId = u"netflix"_s;
    session.startedAt = QDateTime::currentDateTimeUtc();
    if (!store.addSession(session))
        return 1;
    for (qint64 n = 1;; ++n) {
        LibraryStore::NewAnswer answer;
        answer.sessionId = session.id;
        answer.answeredAt = QDateTime::currentDateTimeUtc();
        answer.record.roundId = u"round"_s;
        answer.record.questionId = u"q%1"_s.arg(n % 34);
        answer.record.questionText = u"A question long enough to spread the row over more of the page: "_s.repeated(4);
        Rating rating;
        rating.ratedAt = answer.answeredAt;
        for (const QString &dimension : {u"a"_s, u"b"_s, u"c"_s, u"d"_s, u"e"_s})
            rating.scores.insert(dimension, 1 + int(n % 4));
        rating.redFlagIds = {u"excuses"_s, u"blame"_s};
        answer.record.rating = rating;
        answer.recording = RecordingInfo{
            u"takes/%1/%2.wav"_s.arg(session.id).arg(n), u"WAV"_s, Milliseconds(1000), 32044, u"0"_s, false};
        if (!store.addAnswer(answer)) {
            std::fprintf(stderr, "%s\n", qPrintable(store.lastError()));
            return 1;
        }
        std::printf("committed %lld\n", n);
        std::fflush(stdout);
    }
}
