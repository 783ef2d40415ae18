#pragma once

#include "TakeInfo.h"

#include <QList>
#include <QSet>
#include <QString>

namespace MockLoop {

// What repairing one <take>.wav.part gave.
struct RepairedTake
{
    enum class Outcome {
        Recovered, // now a valid WAV at wavPath, described by take
        Discarded, // held no audio at all (killed before the first sample); removed
        InUse, // being recorded right now (its writer holds the lock); left alone
        Failed, // not a WAV MockLoop can read; left untouched, message says why
    };

    Outcome outcome = Outcome::Failed;
    QString partPath;
    QString wavPath; // where the recovered take is (Recovered only)
    TakeInfo take; // Recovered only: recovered = true, complete = false
    QString message; // for the user: what was recovered, or why not

    bool isRecovered() const { return outcome == Outcome::Recovered; }
};

// Turns .part files left by a crash into WAV files: the sizes come from the file's length,
// truncated to whole frames; the file is renamed to <take>.wav (or "<take> (recovered).wav" if
// that name is taken); its sidecar is kept or written, marked recovered. Reads and writes files:
// call it off the GUI thread (the app does it at start-up and on every library scan).
namespace TakeRepair {

RepairedTake repair(const QString &partPath);

// Every *.wav.part under folder, in its subfolders too, in path order, except those of the takes
// in leaveAlone (paths of their .wav): a take a session still owns is settled by that session.
QList<RepairedTake> repairFolder(const QString &folder, const QSet<QString> &leaveAlone = {});

// The take at wavPath as a complete WAV, for an answer that owns it: repairs the .part a crash
// left (at wavPath, unless a file already has that name: TakeInfo::path says where it is), then
// describes it from the file itself (format, frames, size, checksum) and from its sidecar. Null,
// with error set, when there is no take there (or it held no audio) or it cannot be read.
std::optional<TakeInfo> settle(const QString &wavPath, QString *error = nullptr);

} // namespace TakeRepair

} // namespace MockLoop
