#include "CoachBundle.h"

#include "ZipArchive.h"
#include "library/LibraryStore.h"
#include "library/TakeFiles.h"
#include "reports/ReportWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace MockLoop {

QString CoachBundle::readme()
{
    return tr(R"(MockLoop coach bundle
=====================

Someone practising for an interview loop with MockLoop asks you to rate their answers.

In this bundle:
  report.html, report.pdf  every question, the time taken, their own ratings, and notes
  takes/                   the recording of each answer (WAV), named as in ratings.json
  ratings.json             where your ratings go

How to rate:
  1. Listen to each take and read the question in the report.
  2. Open ratings.json in a text editor. For each answer, under "scores", replace null with a
     whole number from 1 to 4 for each dimension; "rubrics" says what each score means for each
     dimension (its anchors). Leave null what you do not want to rate.
  3. Under "redFlags", list the ids of the red flags you heard, e.g. ["blame"]; the ids are in
     "rubrics". Under "notes", write what you would tell them.
  4. Do not change answerId, sessionId or questionId: they say which answer is which. Entries
     you leave blank are not imported.
  5. Save the file (keep it UTF-8 JSON) and send ratings.json back. Sending the whole bundle
     back works too.

They import it with Library > Import Coach Ratings; your ratings appear beside theirs as "Coach".
Nothing in this bundle leaves their computer unless they send it; please delete it when done.
)")
        .replace(u'\n', u"\r\n"_s); // Notepad
}

std::optional<CoachBundle::Written> CoachBundle::write(LibraryStore &store, const ReportScope &scope,
                                                       const ReportBuilder::LoopLookup &findLoop,
                                                       QPageSize::PageSizeId pageSize, const QString &path,
                                                       QString *error)
{
    const std::optional<ReportData> report = ReportBuilder::build(store, scope, findLoop, error);
    if (!report)
        return std::nullopt;
    QTemporaryDir scratch;
    if (!scratch.isValid()) {
        *error = tr("Could not make a temporary folder for the report: %1").arg(scratch.errorString());
        return std::nullopt;
    }
    const QString pdfPath = scratch.filePath(u"report.pdf"_s);
    if (!ReportWriter::writePdf(*report, pdfPath, pageSize, error))
        return std::nullopt;

    ZipWriter zip(path);
    if (!zip.open(error))
        return std::nullopt;
    Written written;
    QHash<qint64, QString> takeNames;
    const TakeFiles takes(store.folder());
    int number = 0;
    for (const ReportRound &round : report->rounds) {
        for (const ReportAnswer &answer : round.answers) {
            ++number;
            ++written.answers;
            if (!answer.detail.recording)
                continue;
            // The one check of a take's path (TakeFiles): a library row naming a file outside the
            // library's takes is left out, as a missing take.
            QString why;
            const std::optional<QString> file = takes.resolve(answer.detail.recording->relativePath, &why);
            if (!file || !QFileInfo(*file).isFile()) {
                written.missingTakes << answer.detail.recording->relativePath;
                continue;
            }
            const QString name = u"takes/answer-%1.wav"_s.arg(number, 2, 10, QChar(u'0'));
            if (!zip.addFile(name, *file, ZipWriter::Compression::Store, error))
                return std::nullopt;
            takeNames.insert(answer.detail.row.id, name);
            ++written.takes;
        }
    }
    const QByteArray ratings = CoachRatingsFile::makeTemplate(*report, findLoop, takeNames);
    if (!zip.addData(u"README.txt"_s, readme().toUtf8(), ZipWriter::Compression::Deflate, error)
        || !zip.addData(QLatin1StringView(CoachRatingsFile::FileName), ratings, ZipWriter::Compression::Deflate, error)
        || !zip.addData(u"report.html"_s, ReportWriter::toHtml(*report).toUtf8(), ZipWriter::Compression::Deflate,
                        error)
        || !zip.addFile(u"report.pdf"_s, pdfPath, ZipWriter::Compression::Store, error) || !zip.finish(error))
        return std::nullopt;
    return written;
}

std::optional<CoachRatingsFile::Import> CoachBundle::readRatings(const QString &path, LibraryStore &store,
                                                                 const ReportBuilder::LoopLookup &findLoop,
                                                                 const QDateTime &now, QString *error)
{
    const std::optional<QByteArray> json = CoachRatingsFile::read(path, error);
    if (!json)
        return std::nullopt;
    return CoachRatingsFile::validate(*json, store, findLoop, now, error);
}

bool CoachBundle::apply(LibraryStore &store, const CoachRatingsFile::Import &import, bool replaceConflicts,
                        QString *error)
{
    if (!import.conflicts.isEmpty() && !replaceConflicts) {
        *error = tr("%n answer(s) already have a coach's rating; nothing was imported. Choose to replace them, or "
                    "leave them out of the coach's file.",
                    nullptr, int(import.conflicts.size()));
        return false;
    }
    if (!store.addCoachRatings(import.ratings, replaceConflicts)) {
        *error = store.lastError();
        return false;
    }
    return true;
}

} // namespace MockLoop
