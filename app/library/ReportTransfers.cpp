#include "ReportTransfers.h"

#include "coach/CoachBundle.h"
#include "library/PracticeLibrary.h"
#include "reports/ReportWriter.h"
#include "session/Clock.h"

#include <QDir>
#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QStandardPaths>

#include <filesystem>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

ReportTransfers::FileChooser &fileChooser()
{
    static ReportTransfers::FileChooser chooser;
    return chooser;
}

using Outcome = ReportTransfers::Outcome;

QString libraryNotOpen()
{
    return ReportTransfers::tr("The library is not open.");
}

// The library is open, and the round of a session (a report scope names sessions, dates or
// answers) made a list of answers.
bool resolveScope(LibraryStore *store, ReportScope &scope, const QString &roundId, QString *error)
{
    if (!store) {
        *error = libraryNotOpen();
        return false;
    }
    if (roundId.isEmpty())
        return true;
    AnswerFilter filter;
    filter.sessionId = scope.sessionId;
    filter.roundId = roundId;
    scope = ReportScope{};
    for (const AnswerRow &row : store->answers(filter, AnswerSort::Date, Qt::AscendingOrder))
        scope.answerIds << row.id;
    if (scope.answerIds.isEmpty())
        *error = ReportTransfers::tr("That round has no answers in the library.");
    return !scope.answerIds.isEmpty();
}

} // namespace

ReportTransfers::ReportTransfers(PracticeLibrary *library, Clock *clock, QWidget *dialogParent)
    : QObject(dialogParent)
    , m_library(library)
    , m_clock(clock)
    , m_dialogParent(dialogParent)
{ }

void ReportTransfers::setFileChooser(FileChooser chooser)
{
    fileChooser() = std::move(chooser);
}

QString ReportTransfers::chooseFile(const QString &title, const QString &suggestedName, const QString &filter,
                                    bool save) const
{
    if (fileChooser())
        return fileChooser()(m_dialogParent, title, suggestedName, filter, save);
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return save ? QFileDialog::getSaveFileName(m_dialogParent, title, QDir(folder).filePath(suggestedName), filter)
                : QFileDialog::getOpenFileName(m_dialogParent, title, folder, filter);
}

ReportBuilder::LoopLookup ReportTransfers::loopLookup() const
{
    // A copy: the loops are immutable and shared, so the worker reads them safely.
    return [catalog = m_catalog](const QString &loopId) { return catalog.find(loopId); };
}

void ReportTransfers::exportReport(const ReportScope &scope, const QString &roundId, ReportExportDialog::Format format)
{
    const QString today = QDate::currentDate().toString(Qt::ISODate);
    const auto [suffix, filter] = [format]() -> std::pair<QString, QString> {
        switch (format) {
        case ReportExportDialog::Format::Pdf:
            return {u"pdf"_s, tr("PDF documents (*.pdf)")};
        case ReportExportDialog::Format::Html:
            return {u"html"_s, tr("Web pages (*.html)")};
        case ReportExportDialog::Format::Markdown:
            return {u"md"_s, tr("Markdown (*.md)")};
        }
        return {};
    }();
    const QString path = chooseFile(tr("Export Report"), u"mockloop-report-%1.%2"_s.arg(today, suffix), filter, true);
    if (path.isEmpty())
        return;
    const QPageSize::PageSizeId pageSize = ReportWriter::pageSizeFor(QLocale());
    m_library
        ->run([scope, roundId, format, path, pageSize, findLoop = loopLookup()](LibraryStore *store) {
            Outcome outcome;
            ReportScope narrowed = scope;
            if (!resolveScope(store, narrowed, roundId, &outcome.error))
                return outcome;
            const std::optional<ReportData> report = ReportBuilder::build(*store, narrowed, findLoop, &outcome.error);
            if (!report)
                return outcome;
            if (format == ReportExportDialog::Format::Pdf) {
                // Written beside, then renamed over: never half a PDF at path.
                const QString part = path + u".part"_s;
                if (!ReportWriter::writePdf(*report, part, pageSize, &outcome.error)) {
                    QFile::remove(part);
                    return outcome;
                }
                std::error_code renamed;
                std::filesystem::rename(QFile::encodeName(part).toStdString(), QFile::encodeName(path).toStdString(),
                                        renamed);
                if (renamed) {
                    QFile::remove(part);
                    outcome.error = QString::fromStdString(renamed.message());
                    return outcome;
                }
            } else {
                const QString text = format == ReportExportDialog::Format::Html ? ReportWriter::toHtml(*report)
                                                                                : ReportWriter::toMarkdown(*report);
                QSaveFile file(path);
                const QByteArray bytes = text.toUtf8();
                if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
                    outcome.error = file.errorString();
                    return outcome;
                }
            }
            outcome.notice = tr("Exported a report of %n answer(s) to %1.", nullptr, report->answerCount())
                                 .arg(QDir::toNativeSeparators(path));
            return outcome;
        })
        .then(this, [this, path](const Outcome &outcome) { reportExported(outcome, tr("Report not exported"), path); });
}

void ReportTransfers::exportCoachBundle(const ReportScope &scope, const QString &roundId)
{
    const QString path = chooseFile(tr("Export for a Coach"),
                                    u"mockloop-for-coach-%1.zip"_s.arg(QDate::currentDate().toString(Qt::ISODate)),
                                    tr("Zip archives (*.zip)"), true);
    if (path.isEmpty())
        return;
    const QPageSize::PageSizeId pageSize = ReportWriter::pageSizeFor(QLocale());
    m_library
        ->run([scope, roundId, path, pageSize, findLoop = loopLookup()](LibraryStore *store) {
            Outcome outcome;
            ReportScope narrowed = scope;
            if (!resolveScope(store, narrowed, roundId, &outcome.error))
                return outcome;
            const auto written = CoachBundle::write(*store, narrowed, findLoop, pageSize, path, &outcome.error);
            if (!written)
                return outcome;
            outcome.notice = tr("Exported %n answer(s) for a coach to %1", nullptr, written->answers)
                                 .arg(QDir::toNativeSeparators(path));
            outcome.notice += written->missingTakes.isEmpty()
                ? u"."_s
                : tr(" (%n recording(s) missing from the library folder were left out).", nullptr,
                     int(written->missingTakes.size()));
            return outcome;
        })
        .then(this,
              [this, path](const Outcome &outcome) { reportExported(outcome, tr("Coach bundle not exported"), path); });
}

void ReportTransfers::reportExported(const Outcome &outcome, const QString &failureTitle, const QString &path)
{
    if (outcome.error.isEmpty()) {
        Q_EMIT noticeReady(outcome.notice);
        return;
    }
    Q_EMIT failed(failureTitle,
                  tr("Could not write %1: %2\n\nNothing was written there. Choose other answers or another "
                     "folder, or free some disk space, then try again.")
                      .arg(QDir::toNativeSeparators(path), outcome.error));
}

void ReportTransfers::importCoachRatings()
{
    const QString path = chooseFile(tr("Import Coach Ratings"), QString(),
                                    tr("Coach ratings (ratings.json *.zip);;All files (*)"), false);
    if (path.isEmpty())
        return;
    const QDateTime now = m_clock ? m_clock->wallTime() : QDateTime::currentDateTimeUtc();
    m_library
        ->run([path, now, findLoop = loopLookup()](LibraryStore *store) {
            Outcome outcome;
            if (!store) {
                outcome.error = libraryNotOpen();
                return outcome;
            }
            outcome.import = CoachBundle::readRatings(path, *store, findLoop, now, &outcome.error);
            return outcome;
        })
        .then(this, [this](const Outcome &outcome) {
            if (!outcome.import) {
                Q_EMIT failed(tr("Coach ratings not imported"), outcome.error);
                return;
            }
            const CoachRatingsFile::Import import = *outcome.import;
            if (import.conflicts.isEmpty()) {
                applyCoachRatings(import, false);
                return;
            }
            // Nothing is overwritten without asking.
            QStringList questions;
            for (const CoachRatingsFile::Conflict &conflict : import.conflicts)
                questions << u"• "_s + conflict.question;
            auto *box = new QMessageBox(
                QMessageBox::Question, tr("Replace the Coach's Ratings?"),
                tr("%n answer(s) already have a coach's rating. Replace them with the ones in this file?", nullptr,
                   int(import.conflicts.size())),
                QMessageBox::Cancel, m_dialogParent);
            box->setObjectName(u"coachConflictBox"_s);
            box->setDetailedText(questions.join(u'\n'));
            QPushButton *replace = box->addButton(tr("&Replace Them"), QMessageBox::AcceptRole);
            replace->setObjectName(u"coachReplaceButton"_s);
            box->setDefaultButton(QMessageBox::Cancel);
            box->setAttribute(Qt::WA_DeleteOnClose);
            connect(box, &QMessageBox::buttonClicked, this, [this, import, replace](QAbstractButton *button) {
                if (button == replace)
                    applyCoachRatings(import, true);
                else
                    Q_EMIT noticeReady(tr("The coach's ratings were not imported; nothing was changed."));
            });
            box->open();
        });
}

void ReportTransfers::applyCoachRatings(const CoachRatingsFile::Import &import, bool replace)
{
    m_library
        ->run([import, replace](LibraryStore *store) {
            Outcome outcome;
            if (!store) {
                outcome.error = libraryNotOpen();
                return outcome;
            }
            if (!CoachBundle::apply(*store, import, replace, &outcome.error))
                return outcome;
            for (const LibraryStore::CoachRating &rating : import.ratings)
                outcome.answerIds << rating.answerId;
            outcome.notice = tr("Imported the coach's ratings of %n answer(s).", nullptr, int(import.ratings.size()));
            if (import.leftBlank > 0)
                outcome.notice += u' ' + tr("%n left blank were skipped.", nullptr, import.leftBlank);
            return outcome;
        })
        .then(this, [this](const Outcome &outcome) {
            if (!outcome.error.isEmpty()) {
                Q_EMIT failed(tr("Coach ratings not imported"), outcome.error);
                return;
            }
            Q_EMIT noticeReady(outcome.notice);
            Q_EMIT coachRatingsImported(outcome.answerIds);
        });
}

} // namespace MockLoop
