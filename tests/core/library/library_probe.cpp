// Test helper for library_open_test: opens the library in a folder as this process's user (the
// test runs it as an unprivileged user, or inside a mount namespace with a tiny disk) and says
// what happened, on stdout, as the first line "error=<N>" followed by the message.
//   library_probe create <folder>   opens (creating) the library and saves one session in it
//   library_probe open <folder>     opens it; when it opens, saves one more session
//   library_probe count <folder>    opens it and prints "sessions=<N>"

#include "library/LibraryStore.h"

#include <QCoreApplication>
#include <QUuid>

#include <cstdio>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

bool saveSession(LibraryStore &store)
{
    SessionRecord session;
    session.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    session.loopId = u"netflix"_s;
    session.startedAt = QDateTime::currentDateTimeUtc();
    if (store.addSession(session))
        return true;
    std::printf("save failed: %s\n", qPrintable(store.lastError()));
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication application(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: library_probe create|open|count <folder>\n");
        return 2;
    }
    const QByteArray command = argv[1];
    LibraryStore::OpenResult opened = LibraryStore::open(QString::fromLocal8Bit(argv[2]));
    std::printf("error=%d\n%s\n", int(opened.error), qPrintable(opened.message));
    if (!opened.store)
        return 1;
    if (command == "count") {
        std::printf("sessions=%lld\n", qlonglong(opened.store->sessions().size()));
        return 0;
    }
    return saveSession(*opened.store) ? 0 : 1;
}
