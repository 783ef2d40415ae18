#pragma once

#include "TakeInfo.h"

#include <QList>
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

// Every *.wav.part under folder, in its subfolders too, in path order.
QList<RepairedTake> repairFolder(const QString &folder);

} // namespace TakeRepair

} // namespace MockLoop
