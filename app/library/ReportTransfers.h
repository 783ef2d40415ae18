#pragma once

#include "ReportExportDialog.h"
#include "coach/CoachRatingsFile.h"
#include "loops/LoopCatalog.h"

#include <QObject>

#include <functional>

class QWidget;

namespace MockLoop {

class Clock;
class PracticeLibrary;

// Reports and coach bundles out, a coach's ratings in. Every file is read and written on the
// library's worker; the GUI thread only asks, and shows what came of it. A coach's ratings that
// would replace ones an answer holds are stored only once the person says so.
class ReportTransfers : public QObject
{
    Q_OBJECT

public:
    // Asks for a file to write (save) or read; empty: cancelled. Tests replace it.
    using FileChooser = std::function<QString(QWidget *parent, const QString &title, const QString &suggestedName,
                                              const QString &filter, bool save)>;

    ReportTransfers(PracticeLibrary *library, Clock *clock, QWidget *dialogParent);

    // What a job on the library's worker came to.
    struct Outcome
    {
        QString error; // empty: done
        QString notice;
        QList<qint64> answerIds;
        std::optional<CoachRatingsFile::Import> import;
    };

    // Replaces the file dialogs (all instances); an empty function restores them.
    static void setFileChooser(FileChooser chooser);

    void setCatalog(const LoopCatalog &catalog) { m_catalog = catalog; }
    // roundId: only that round of scope's session.
    void exportReport(const ReportScope &scope, const QString &roundId, ReportExportDialog::Format format);
    void exportCoachBundle(const ReportScope &scope, const QString &roundId);
    void importCoachRatings();

Q_SIGNALS:
    void noticeReady(const QString &message);
    void failed(const QString &title, const QString &message);
    void coachRatingsImported(const QList<qint64> &answerIds);

private:
    void reportExported(const Outcome &outcome, const QString &failureTitle, const QString &path);
    QString chooseFile(const QString &title, const QString &suggestedName, const QString &filter, bool save) const;
    void applyCoachRatings(const CoachRatingsFile::Import &import, bool replace);
    ReportBuilder::LoopLookup loopLookup() const;

    PracticeLibrary *m_library;
    Clock *m_clock;
    QWidget *m_dialogParent;
    LoopCatalog m_catalog;
};

} // namespace MockLoop
