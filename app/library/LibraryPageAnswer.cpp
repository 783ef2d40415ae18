#include "LibraryPage.h"

#include "AnswerDetailView.h"
#include "AnswerTableView.h"
#include "LibraryFormat.h"
#include "LibraryTransfers.h"
#include "StoredAnalysis.h"
#include "TakePlayerWidget.h"
#include "TranscriptView.h"
#include "analysis/AnalysisService.h"
#include "library/AnswerTableModel.h"
#include "library/PracticeLibrary.h"
#include "library/TakeFiles.h"
#include "session/Clock.h"

#include <QAccessible>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStackedWidget>

// The answer the page shows: loading it with its takes and its speech analysis, following what
// changes it (in the library and in the analysis service), and what the person does to it: notes,
// a rating after a replay, deleting it.

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct DetailLoad
{
    std::optional<AnswerDetail> detail;
    QList<AnswerRow> takes;
    QString takePath;
    std::optional<Expected<AnswerAnalysis>> analysis; // read from what the library stored, if anything
};

// Messages made outside LibraryPage's own functions (on the worker, in helper classes) share its
// translation context.
QString libraryNotOpen()
{
    return QCoreApplication::translate("MockLoop::LibraryPage", "The library is not open.");
}

// The library's calls say whether they worked; what went wrong is the store's lastError, read
// right after on the same worker, which runs calls in the order they were made.
QFuture<QString> lastErrorOf(PracticeLibrary *library)
{
    return library->run([](LibraryStore *store) { return store ? store->lastError() : libraryNotOpen(); });
}

} // namespace

void LibraryPage::followShownAnswer()
{
    PracticeLibrary *library = m_services.library;
    connect(library, &PracticeLibrary::answerChanged, this, [this](qint64 id) {
        if (id == m_shownAnswerId)
            loadDetail(id);
    });
    connect(library, &PracticeLibrary::answerAdded, this, [this] {
        m_answersAddedWhileAway = m_answersAddedWhileAway || !m_active;
        if (m_shownAnswerId != 0)
            loadDetail(m_shownAnswerId); // it may be another take of the question shown
    });
    connect(library, &PracticeLibrary::answerDeleted, this, [this](qint64 id) {
        if (id != m_shownAnswerId) {
            if (m_shownAnswerId != 0)
                loadDetail(m_shownAnswerId); // it may have been one of its takes
            return;
        }
        // The table may have moved the selection to a neighbour as the row went.
        const QModelIndexList rows = m_table->selectionModel()->selectedRows();
        if (rows.isEmpty())
            showNoAnswer(tr("The answer was deleted."));
        else
            loadDetail(rows.first().data(AnswerTableModel::AnswerIdRole).toLongLong());
    });
    connect(m_detail, &AnswerDetailView::notesEdited, this, &LibraryPage::saveNotes);
    connect(m_detail, &AnswerDetailView::reRatingSubmitted, this, &LibraryPage::saveReplayRating);
    connect(m_detail, &AnswerDetailView::deleteRequested, this, &LibraryPage::confirmDelete);
    connect(m_detail, &AnswerDetailView::takeActivated, this, &LibraryPage::selectAnswer);
    connect(m_detail, &AnswerDetailView::practiseRequested, this, [this] {
        const AnswerRow &row = m_detail->detail().row;
        m_detail->player()->pause();
        m_detail->flushNotes();
        Q_EMIT practiseQuestion(row.loopId, row.questionId);
    });

    AnalysisService *analysis = m_services.analysis;
    if (!analysis)
        return;
    connect(analysis, &AnalysisService::analysisStored, this, [this](qint64 answerId) {
        m_analysisFailures.remove(answerId);
        m_model->refreshAnswer(answerId); // its figures in the table
        if (answerId == m_shownAnswerId) {
            m_announceAnalysis = true;
            loadDetail(answerId);
        }
    });
    connect(analysis, &AnalysisService::analysisFailed, this, [this](qint64 answerId, const QString &message) {
        m_analysisFailures.insert(answerId, message);
        if (answerId == m_shownAnswerId)
            showAnalysisState(std::nullopt);
    });
    connect(analysis, &AnalysisService::backgroundProgress, this, [this](int done, int total) {
        m_analysisProgress = {done, total};
        showAnalysisState(std::nullopt);
    });
    connect(analysis, &AnalysisService::backgroundFinished, this, [this] { showAnalysisState(std::nullopt); });
    connect(analysis, &AnalysisService::enabledChanged, this, [this] { showAnalysisState(std::nullopt); });
}

TakeAnalysis LibraryPage::analysisStateOf(const AnswerDetail &detail,
                                          const std::optional<Expected<AnswerAnalysis>> &stored) const
{
    using State = TakeAnalysis::State;
    if (stored && stored->ok())
        return {State::Analysed, stored->value(), {}};
    if (stored)
        return {State::Failed, {}, stored->error().message};
    if (!detail.recording)
        return {State::NoRecording, {}, {}};
    if (const auto failure = m_analysisFailures.constFind(detail.row.id); failure != m_analysisFailures.cend())
        return {State::Failed, {}, *failure};
    const AnalysisService *service = m_services.analysis;
    if (service && !service->isEnabled())
        return {State::Off, {}, {}};
    if (service && service->isWorking()) {
        const auto [done, total] = m_analysisProgress;
        return {State::Analysing,
                {},
                total > 0
                    ? tr("Your takes are analysed in the background, newest first: %1 of %n done.", nullptr, total)
                          .arg(done)
                    : QString()};
    }
    return {State::NotAnalysed, {}, {}};
}

void LibraryPage::showAnalysisState(const std::optional<Expected<AnswerAnalysis>> &stored)
{
    // Without a stored result, the answer shown follows the service's progress; with one, only a
    // new result changes it (loadDetail()).
    if (m_shownAnswerId == 0 || (!stored && m_shownHasStoredAnalysis))
        return;
    const TakeAnalysis analysis = analysisStateOf(m_detail->detail(), stored);
    m_detail->showAnalysis(analysis);
    if (std::exchange(m_announceAnalysis, false) && analysis.state == TakeAnalysis::State::Analysed) {
        // It came on its own, while the person was looking at something else maybe.
        QAccessibleEvent ready(m_detail->transcript(), QAccessible::Alert);
        QAccessible::updateAccessibility(&ready);
    }
}

void LibraryPage::loadDetail(qint64 answerId)
{
    const quint64 generation = ++m_detailGeneration;
    m_services.library
        ->run([answerId](LibraryStore *store) {
            DetailLoad load;
            if (!store)
                return load;
            load.detail = store->answer(answerId);
            if (!load.detail)
                return load;
            const AnswerRow &row = load.detail->row;
            // An answer without a question (a recovered take) has no other takes.
            load.takes = row.questionId.isEmpty() ? QList<AnswerRow>{row} : store->takesOf(row.loopId, row.questionId);
            // The database names the take; only one inside the library is played (and gets its
            // waveform cached beside it).
            if (load.detail->recording)
                load.takePath
                    = TakeFiles(store->folder()).resolve(load.detail->recording->relativePath).value_or(QString());
            if (load.detail->analysis)
                load.analysis = readStoredAnalysis(*load.detail->analysis);
            return load;
        })
        .then(this, [this, generation, answerId](const DetailLoad &load) {
            if (generation != m_detailGeneration)
                return;
            if (!load.detail) {
                showNoAnswer(tr("This answer is no longer in the library."));
                return;
            }
            m_shownAnswerId = answerId;
            m_detail->showAnswer(*load.detail, m_catalog.find(load.detail->row.loopId), load.takePath, load.takes);
            m_shownHasStoredAnalysis = load.analysis.has_value();
            showAnalysisState(load.analysis);
            m_detailStack->setCurrentWidget(m_detail);
            updateActions();
        });
}

void LibraryPage::showNoAnswer(const QString &message)
{
    ++m_detailGeneration;
    m_detail->flushNotes();
    m_detail->player()->clearTake({});
    m_detail->endReRating();
    m_shownAnswerId = 0;
    m_noAnswer->setText(message);
    m_detailStack->setCurrentWidget(m_noAnswer);
    updateActions();
}

void LibraryPage::updateActions()
{
    const bool shown = m_shownAnswerId != 0;
    m_exportSessionAction->setEnabled(shown && !m_detail->detail().row.sessionId.isEmpty());
}

void LibraryPage::saveNotes(qint64 answerId, const QString &notes)
{
    PracticeLibrary *library = m_services.library;
    QFuture<bool> saved = library->setNotes(answerId, notes);
    lastErrorOf(library).then(this, [this, saved, answerId, notes](const QString &error) {
        // The worker finished the save before it read the error, so its result is here.
        const bool ok = saved.isFinished() && saved.result();
        m_detail->notesSaved(answerId, notes, ok, error);
    });
}

void LibraryPage::saveReplayRating(const Rating &given)
{
    if (given.scores.isEmpty() && given.redFlagIds.isEmpty()) {
        showError(tr("Nothing to save"), tr("Rate at least one dimension, or press Cancel."));
        return;
    }
    Rating rating = given;
    rating.when = Rating::When::AfterReplay;
    rating.ratedAt = m_services.clock ? m_services.clock->wallTime() : QDateTime::currentDateTimeUtc();
    PracticeLibrary *library = m_services.library;
    QFuture<bool> added = library->addReplayRating(m_shownAnswerId, rating);
    lastErrorOf(library).then(this, [this, added](const QString &error) {
        if (added.isFinished() && added.result()) {
            m_detail->endReRating();
            showNotice(tr("Your rating after the replay is saved; the first rating stays as it was."));
            return;
        }
        showError(tr("Rating not saved"),
                  tr("Your rating after the replay could not be saved: %1\n\nIt is still in the form; try again, or "
                     "check that the library folder can be written to.")
                      .arg(error));
    });
}

void LibraryPage::confirmDelete()
{
    if (m_shownAnswerId == 0 || m_detailStack->currentWidget() != m_detail)
        return;
    const qint64 answerId = m_shownAnswerId;
    const AnswerDetail detail = m_detail->detail();
    QString question = detail.row.questionText;
    if (question.size() > 90)
        question = question.left(88) + u'…';
    QMessageBox box(QMessageBox::Warning, tr("Delete this answer?"),
                    detail.recording ? tr("Your answer to “%1” from %2, its ratings and its recording will be deleted "
                                          "for good.")
                                           .arg(question, LibraryFormat::dateTime(detail.row.answeredAt))
                                     : tr("Your answer to “%1” from %2 and its ratings will be deleted for good.")
                                           .arg(question, LibraryFormat::dateTime(detail.row.answeredAt)),
                    QMessageBox::Cancel, this);
    box.setObjectName(u"deleteAnswerConfirmation"_s);
    QPushButton *remove = box.addButton(tr("Delete Answer"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() != remove || answerId != m_shownAnswerId)
        return;

    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    const int row = selected.isEmpty() ? -1 : selected.first().row();
    // The player may hold the take open; it lets go before the file is removed.
    m_detail->player()->clearTake(tr("Deleting…"));
    PracticeLibrary *library = m_services.library;
    QFuture<bool> deleted = library->deleteAnswer(answerId);
    lastErrorOf(library).then(this, [this, deleted, answerId, row](const QString &error) {
        if (deleted.isFinished() && deleted.result()) {
            // The table has dropped the row by now (answerDeleted came first); its neighbour is next.
            if (row >= 0 && m_proxy->rowCount() > 0 && !m_table->selectionModel()->hasSelection())
                selectProxyRow(std::min(row, m_proxy->rowCount() - 1));
            showNotice(tr("The answer was deleted."));
            return;
        }
        loadDetail(answerId); // it is still there, with its take
        showError(tr("Answer not deleted"),
                  tr("The answer could not be deleted: %1\n\nNothing was removed. Check that the library folder can be "
                     "written to, then try again.")
                      .arg(error));
    });
}

} // namespace MockLoop
