#pragma once

#include "CoachRatingsFile.h"
#include "reports/ReportData.h"

#include <QCoreApplication>
#include <QPageSize>
#include <QString>

#include <optional>

namespace MockLoop {

class LibraryStore;

// A coach bundle: one .zip to hand a coach by any means, holding the report (report.html and
// report.pdf), each take's WAV (takes/answer-NN.wav), ratings.json (CoachRatingsFile's template)
// and README.txt saying how to fill it in. The coach's ratings.json (or the bundle with it) comes
// back through readRatings and apply: a third rating per answer, beside the person's own.
class CoachBundle
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::CoachBundle)

public:
    struct Written
    {
        int answers = 0;
        int takes = 0;
        QStringList missingTakes; // takes the library names but that are not on disk (left out)
    };

    // Writes the bundle for scope to path through a temporary file renamed when complete: path
    // holds the whole bundle, or what it held before. The PDF needs a QGuiApplication.
    static std::optional<Written> write(LibraryStore &store, const ReportScope &scope,
                                        const ReportBuilder::LoopLookup &findLoop, QPageSize::PageSizeId pageSize,
                                        const QString &path, QString *error);

    // Reads and checks the coach's ratings (ratings.json or the bundle): nothing is stored. Its
    // conflicts are the answers that hold a coach's rating already, for the person to settle.
    static std::optional<CoachRatingsFile::Import> readRatings(const QString &path, LibraryStore &store,
                                                               const ReportBuilder::LoopLookup &findLoop,
                                                               const QDateTime &now, QString *error);
    // Stores them, all or nothing; refused while there are conflicts unless replaceConflicts.
    static bool apply(LibraryStore &store, const CoachRatingsFile::Import &import, bool replaceConflicts,
                      QString *error);

    static QString readme();
};

} // namespace MockLoop
