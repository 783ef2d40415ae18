#pragma once

#include "library/LibraryStore.h"
#include "loops/Loop.h"

#include <QDateTime>
#include <QString>

#include <memory>

// A small loop and a library of one full session of it, with known ratings, flags, notes, phase
// marks and analyses: the report and CSV tests check exact values against it, and the bench reuses
// it at full size.
namespace MockLoop::ReportFixture {

inline const QString HostileQuestion
    = QStringLiteral("<script>alert('q')</script> # not a heading | pipe [link](http://example.com) & \"quotes\"");
inline const QString HostileNote = QStringLiteral("</table><img src=x onerror=alert(1)>\n# injected\n| a | b |");

std::shared_ptr<const Loop> loop();
// Adds session "s1" with answerCount answers of loop() to store; answer n (from 1) is rated
// judgment 2 (n odd) or 3 (n even), impact 3, with the flag "blame" on the first; the first also
// has a replay rating (judgment 4) and every answer is analysed when analysed is set. The last
// answer's question and notes are hostile text.
// Another session (sessionId, from startedAt) fills the same way. Each transcript holds four words
// ("so (um) we shipped"), and spokenWords more after them when it is set (the benches: a real
// 2.5-minute answer holds about 350, a likely filler among every 40).
void fill(LibraryStore &store, int answerCount, bool analysed, const QString &sessionId = QStringLiteral("s1"),
          const QDateTime &startedAt = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC), int spokenWords = 0);
QString questionText(int number);

} // namespace MockLoop::ReportFixture
