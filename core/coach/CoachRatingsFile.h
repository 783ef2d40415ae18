#pragma once

#include "library/LibraryStore.h"
#include "reports/ReportData.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QString>
#include <QStringList>

#include <optional>

namespace MockLoop {

// ratings.json: what a coach fills in and sends back. The bundle holds it as a template, with the
// rubric of each loop (dimensions and their anchors, red flags) and one entry per answer; the
// coach sets scores (1 to 4, null to leave one unrated), red flags by id and notes. Brought back,
// the whole file is checked before anything is stored, and every problem is named by its place
// in the file ("answers[3].scores.judgment") with what to do.
class CoachRatingsFile
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::CoachRatingsFile)

public:
    static constexpr int FormatVersion = 1;
    static constexpr auto FileName = "ratings.json";
    // What is read of a ratings file, or of a bundle's ratings.json, at most.
    static constexpr qint64 MaxBytes = 8 * 1024 * 1024;
    static constexpr int MaxNoteLength = 20000;

    // The template for the answers of report; takeNames: the name in the bundle of each answer's
    // take (by answer id), for the coach to find it.
    static QByteArray makeTemplate(const ReportData &report, const ReportBuilder::LoopLookup &findLoop,
                                   const QHash<qint64, QString> &takeNames);

    // ratings.json itself, or a bundle (.zip) holding it: only that one entry is read, nothing is
    // extracted. A bundle with an entry outside it (../, an absolute path), a symbolic link, a
    // damaged or cut-short archive, or an oversized ratings.json is refused.
    static std::optional<QByteArray> read(const QString &path, QString *error);

    struct Conflict
    {
        qint64 answerId = 0;
        QString question;
    };
    struct Import
    {
        QList<LibraryStore::CoachRating> ratings; // one per answer the coach rated
        QList<Conflict> conflicts; // of those, the answers that hold a coach's rating already
        int leftBlank = 0; // entries the coach did not fill in
    };
    // Checks the whole document against the library (every answer must be one it holds, of the
    // session and question the file says) and the loops' rubrics (findLoop; for a loop it no
    // longer has, the dimensions and flags the person's own ratings used). Nothing is stored.
    // ratedAt: when the coach's ratings count as given (the import's time, from the caller's clock).
    static std::optional<Import> validate(const QByteArray &json, LibraryStore &store,
                                          const ReportBuilder::LoopLookup &findLoop, const QDateTime &ratedAt,
                                          QString *error);
};

} // namespace MockLoop
