#include "LibraryPage.h"

#include "AnswerDetailView.h"
#include "AnswerTableView.h"
#include "LibraryFilterBar.h"
#include "LibraryFormat.h"
#include "LibraryTransfers.h"
#include "TakePlayerWidget.h"
#include "common/AppSettings.h"
#include "common/Typography.h"
#include "library/AnswerTableModel.h"
#include "library/PracticeLibrary.h"
#include "library/SessionImport.h"
#include "library/TakeFiles.h"
#include "session/Clock.h"
#include "widgets/CountdownLabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr int NoticeSeconds = 10;

struct DetailLoad
{
    std::optional<AnswerDetail> detail;
    QList<AnswerRow> takes;
    QString takePath;
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

bool sameFilter(const AnswerFilter &a, const AnswerFilter &b)
{
    return a.sessionId == b.sessionId && a.loopId == b.loopId && a.roundId == b.roundId && a.questionId == b.questionId
        && a.categoryId == b.categoryId && a.from == b.from && a.to == b.to && a.minScore == b.minScore
        && a.maxScore == b.maxScore && a.hasRecording == b.hasRecording && a.text == b.text && a.answerId == b.answerId;
}

QAction *makeAction(QWidget *owner, const QString &label, const QKeySequence &key, const QString &name)
{
    auto *action = new QAction(label, owner);
    action->setObjectName(name);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WindowShortcut);
    action->setToolTip(
        u"%1 (%2)"_s.arg(QString(label).remove(u'&').remove(u'…'), key.toString(QKeySequence::NativeText)));
    return action;
}

QWidget *bannerWidget(QWidget *parent, const QString &name, const QColor &tint)
{
    auto *banner = new QWidget(parent);
    banner->setObjectName(name);
    banner->setAutoFillBackground(true);
    QPalette colours = banner->palette();
    QColor background = tint;
    background.setAlpha(40);
    colours.setColor(QPalette::Window, background);
    banner->setPalette(colours);
    return banner;
}

} // namespace

LibraryPage::LibraryPage(const AppServices &services, QWidget *parent)
    : QWidget(parent)
    , m_services(services)
    , m_model(new AnswerTableModel(services.library, this))
    , m_recoveredBanner(new RecoveredTakesBanner(services.library, services.sessionFilePath, this))
    , m_notice(bannerWidget(this, u"libraryNotice"_s, palette().color(QPalette::Highlight)))
    , m_noticeText(new QLabel(m_notice))
    , m_dismissNotice(new QToolButton(m_notice))
    , m_filters(new LibraryFilterBar(this))
    , m_splitter(new QSplitter(Qt::Horizontal, this))
    , m_tableStack(new QStackedWidget(m_splitter))
    , m_table(new AnswerTableView(m_model, m_tableStack))
    , m_proxy(m_table->proxy())
    , m_emptyState(new QWidget(m_tableStack))
    , m_emptyText(new QLabel(m_emptyState))
    , m_emptyClearFilters(new QPushButton(tr("Clear Filters"), m_emptyState))
    , m_count(new QLabel(this))
    , m_detailStack(new QStackedWidget(m_splitter))
    , m_noAnswer(new QLabel(m_detailStack))
    , m_detail(new AnswerDetailView(m_detailStack))
    , m_transfers(new LibraryTransfers(services.library, this))
    , m_exportCsvAction(makeAction(this, tr("&Export Answers to CSV…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                                   u"exportCsvAction"_s))
    , m_exportSessionAction(makeAction(this, tr("Export &Session…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S),
                                       u"exportSessionAction"_s))
    , m_importSessionAction(makeAction(this, tr("&Import Session…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                                       u"importSessionAction"_s))
    , m_openFolderAction(makeAction(this, tr("Open &Library Folder"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L),
                                    u"openLibraryFolderAction"_s))
    , m_reviewRecoveredAction(makeAction(this, tr("Review &Recovered Takes…"),
                                         QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_K),
                                         u"reviewRecoveredTakesAction"_s))
{
    setObjectName(u"libraryPage"_s);
    const int line = fontMetrics().height();

    // Banners: recordings recovered after a crash (their own widget), and what the last file action did.

    m_noticeText->setObjectName(u"libraryNoticeText"_s);
    m_noticeText->setWordWrap(true);
    m_noticeText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_dismissNotice->setObjectName(u"dismissNoticeButton"_s);
    m_dismissNotice->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_dismissNotice->setAutoRaise(true);
    m_dismissNotice->setAccessibleName(tr("Hide"));
    auto *noticeLayout = new QHBoxLayout(m_notice);
    noticeLayout->addWidget(m_noticeText, 1);
    noticeLayout->addWidget(m_dismissNotice);
    m_notice->hide();
    m_noticeTimer.setSingleShot(true);
    m_noticeTimer.setInterval(NoticeSeconds * 1000);
    connect(&m_noticeTimer, &QTimer::timeout, m_notice, &QWidget::hide);
    connect(m_dismissNotice, &QToolButton::clicked, m_notice, &QWidget::hide);

    // The table, or what to say when it is empty.
    m_emptyState->setObjectName(u"libraryEmptyState"_s);
    m_emptyText->setObjectName(u"emptyStateText"_s);
    m_emptyText->setWordWrap(true);
    m_emptyText->setAlignment(Qt::AlignCenter);
    m_emptyText->setForegroundRole(QPalette::PlaceholderText);
    m_emptyText->setFont(Typography::scaled(m_emptyText->font(), 1.15));
    m_emptyClearFilters->setObjectName(u"emptyClearFiltersButton"_s);
    auto *emptyLayout = new QVBoxLayout(m_emptyState);
    emptyLayout->addStretch();
    emptyLayout->addWidget(m_emptyText);
    emptyLayout->addWidget(m_emptyClearFilters, 0, Qt::AlignCenter);
    emptyLayout->addStretch();
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(m_emptyState);
    m_count->setObjectName(u"answerCount"_s);
    m_count->setForegroundRole(QPalette::PlaceholderText);

    auto *tableSide = new QWidget(m_splitter);
    auto *tableLayout = new QVBoxLayout(tableSide);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_tableStack, 1);
    tableLayout->addWidget(m_count);

    m_noAnswer->setObjectName(u"noAnswerSelected"_s);
    m_noAnswer->setAlignment(Qt::AlignCenter);
    m_noAnswer->setWordWrap(true);
    m_noAnswer->setForegroundRole(QPalette::PlaceholderText);
    m_noAnswer->setText(tr("Select an answer to see its ratings and listen to it."));
    m_detailStack->addWidget(m_noAnswer);
    m_detailStack->addWidget(m_detail);
    m_detailStack->setMinimumWidth(line * 22);
    tableSide->setMinimumWidth(line * 20);

    m_splitter->setObjectName(u"librarySplitter"_s);
    m_splitter->addWidget(tableSide);
    m_splitter->addWidget(m_detailStack);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    if (!m_splitter->restoreState(AppSettings::librarySplitterState()))
        m_splitter->setSizes({line * 48, line * 34});
    m_splitterSave.setSingleShot(true);
    m_splitterSave.setInterval(500);
    connect(m_splitter, &QSplitter::splitterMoved, &m_splitterSave, qOverload<>(&QTimer::start));
    connect(&m_splitterSave, &QTimer::timeout, this, &LibraryPage::saveSplitterState);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_recoveredBanner);
    layout->addWidget(m_notice);
    layout->addWidget(m_filters);
    layout->addWidget(m_splitter, 1);

    // Tab goes filters → table → detail.
    setTabOrder(m_recoveredBanner->lastFocusWidget(), m_filters->firstFocusWidget());
    setTabOrder(m_filters->lastFocusWidget(), m_table);
    setTabOrder(m_table, m_detail->firstFocusWidget());

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_filters, &LibraryFilterBar::focusSearch);
    auto *remove = new QShortcut(QKeySequence::Delete, m_table);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &LibraryPage::confirmDelete);

    addActions(fileActions());
    connect(m_exportCsvAction, &QAction::triggered, this, [this] {
        AnswerFilter filter = m_filters->filter();
        if (m_filters->recordingsOnly())
            filter.hasRecording = true;
        m_transfers->exportCsv(filter);
    });
    connect(m_exportSessionAction, &QAction::triggered, this, [this] {
        if (m_shownAnswerId != 0)
            m_transfers->exportSession(m_detail->detail().row);
    });
    connect(m_importSessionAction, &QAction::triggered, m_transfers, &LibraryTransfers::importSession);
    connect(m_openFolderAction, &QAction::triggered, m_transfers, &LibraryTransfers::openLibraryFolder);
    connect(m_transfers, &LibraryTransfers::noticeReady, this, &LibraryPage::showNotice);
    connect(m_transfers, &LibraryTransfers::failed, this, &LibraryPage::showError);
    connect(m_transfers, &LibraryTransfers::sessionImported, this, [this](const QString &sessionId) {
        m_appliedFilter = {}; // the answers are new to the table whatever the filter
        showSession(sessionId);
    });
    connect(m_reviewRecoveredAction, &QAction::triggered, this, [this] { lookForRecoveredTakes(true); });
    connect(m_recoveredBanner, &RecoveredTakesBanner::takesFound, this, &LibraryPage::recoveredTakesFound);
    connect(m_recoveredBanner, &RecoveredTakesBanner::nothingToReview, this,
            [this] { showNotice(tr("No recordings are waiting to be recovered.")); });
    connect(m_recoveredBanner, &RecoveredTakesBanner::takeKept, this, [this](qint64 answerId) {
        // Keeping has no signal of its own: the table loads again, keeping its selection, and an
        // answer shown that just got its recording back shows it.
        m_model->reload();
        if (answerId == m_shownAnswerId)
            loadDetail(answerId);
    });

    connect(m_filters, &LibraryFilterBar::filterChanged, this, &LibraryPage::applyFilter);
    connect(m_emptyClearFilters, &QPushButton::clicked, m_filters, &LibraryFilterBar::clearFilters);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LibraryPage::onSelectionChanged);
    // A reload (a filter, a re-opened library) resets the model; the answer shown stays selected.
    connect(m_proxy, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        m_resetting = true;
        m_reselectAfterReset = m_shownAnswerId;
    });
    connect(m_proxy, &QAbstractItemModel::modelReset, this, [this] {
        m_resetting = false;
        const int sourceRow = m_model->rowOf(m_reselectAfterReset);
        if (sourceRow >= 0) {
            selectProxyRow(m_proxy->mapFromSource(m_model->index(sourceRow, 0)).row());
            m_reselectAfterReset = 0;
        }
    });
    connect(m_model, &AnswerTableModel::loaded, this, [this] {
        const bool reselected = std::exchange(m_reselectAfterReset, 0) == 0;
        if (!m_sessionToOpen.isEmpty() && m_model->filter().sessionId == m_sessionToOpen)
            selectFirstAnswerOfSession();
        else if (!reselected && m_shownAnswerId != 0 && m_model->rowOf(m_shownAnswerId) < 0)
            showNoAnswer(tr("The answer you were looking at does not match the filters."));
        updateEmptyState();
    });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &LibraryPage::updateEmptyState);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &LibraryPage::updateEmptyState);

    PracticeLibrary *library = m_services.library;
    connect(library, &PracticeLibrary::answerChanged, this, [this](qint64 id) {
        if (id == m_shownAnswerId)
            loadDetail(id);
    });
    connect(library, &PracticeLibrary::answerAdded, this, [this] {
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
    connect(library, &PracticeLibrary::statusChanged, this, [this](const PracticeLibrary::Status &status) {
        m_libraryProblem = status.ok() ? QString() : status.message;
        showNoAnswer(tr("Select an answer to see its ratings and listen to it."));
        updateEmptyState();
        if (m_activated)
            lookForRecoveredTakes();
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

    updateEmptyState();
    updateActions();
}

LibraryPage::~LibraryPage()
{
    m_detail->flushNotes();
    saveSplitterState();
}

void LibraryPage::setFilePathForTests(const QString &path)
{
    LibraryTransfers::setFilePathForTests(path);
}

void LibraryPage::setCatalog(const LoopCatalog &catalog)
{
    m_catalog = catalog;
    m_filters->setCatalog(catalog);
    // With one loop its name in every row says nothing; the header's menu shows it again.
    m_table->setSeveralLoops(catalog.activeEntries().size() > 1);
    if (m_shownAnswerId != 0)
        loadDetail(m_shownAnswerId); // titles, rubric and phases may have changed
}

void LibraryPage::setActive(bool active)
{
    if (!active) {
        m_detail->player()->pause();
        m_detail->flushNotes();
        saveSplitterState();
        return;
    }
    if (m_activated)
        return;
    m_activated = true;
    if (m_catalog.entries().isEmpty())
        Q_EMIT catalogNeeded();
    applyFilter();
    lookForRecoveredTakes();
}

void LibraryPage::showSession(const QString &sessionId)
{
    // The session opens at its first answer, whatever answer was shown before; once its answers
    // are in the table (now, if they already were).
    m_sessionToOpen = sessionId;
    m_filters->setSession(sessionId, tr("Session"));
    // (A load can end within setSession: a continuation of a future that is already done runs at
    // once.)
    if (m_sessionToOpen == sessionId && m_activated && !m_model->isLoading()
        && m_model->filter().sessionId == sessionId)
        selectFirstAnswerOfSession();
    m_services.library
        ->run([sessionId](LibraryStore *store) { return store ? store->session(sessionId) : std::nullopt; })
        .then(this, [this, sessionId](const std::optional<SessionRecord> &session) {
            if (m_filters->sessionId() != sessionId)
                return;
            m_filters->setSessionLabel(session && session->startedAt.isValid()
                                           ? tr("Session of %1").arg(LibraryFormat::dateTime(session->startedAt))
                                           : tr("Session %1").arg(sessionId));
        });
}

void LibraryPage::selectFirstAnswerOfSession()
{
    const QString sessionId = std::exchange(m_sessionToOpen, {});
    const AnswerRow *first = nullptr;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const AnswerRow *candidate = m_model->rowAt(row);
        if (candidate->sessionId == sessionId && (!first || candidate->answeredAt < first->answeredAt))
            first = candidate;
    }
    if (first)
        selectAnswer(first->id);
    else
        showNoAnswer(tr("Select an answer to see its ratings and listen to it."));
}

QList<QAction *> LibraryPage::fileActions() const
{
    return {m_exportCsvAction, m_exportSessionAction, m_importSessionAction, m_openFolderAction,
            m_reviewRecoveredAction};
}

void LibraryPage::applyFilter()
{
    m_proxy->setRecordingsOnly(m_filters->recordingsOnly());
    const AnswerFilter filter = m_filters->filter();
    if (m_activated && (!sameFilter(filter, m_appliedFilter) || m_model->rowCount() == 0)) {
        m_appliedFilter = filter;
        m_model->setFilter(filter); // SQL on the library's worker
    }
    updateEmptyState();
}

void LibraryPage::onSelectionChanged()
{
    if (m_resetting)
        return;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return; // the detail stays until another answer is chosen
    const qint64 id = rows.first().data(AnswerTableModel::AnswerIdRole).toLongLong();
    if (id != m_shownAnswerId || m_detailStack->currentWidget() != m_detail)
        loadDetail(id);
}

void LibraryPage::selectAnswer(qint64 answerId)
{
    const int sourceRow = m_model->rowOf(answerId);
    const QModelIndex index = sourceRow >= 0 ? m_proxy->mapFromSource(m_model->index(sourceRow, 0)) : QModelIndex();
    if (index.isValid()) {
        selectProxyRow(index.row());
    } else {
        m_table->clearSelection();
        loadDetail(answerId); // filtered out of the table, but asked for
    }
}

void LibraryPage::selectProxyRow(int row)
{
    if (row < 0 || row >= m_proxy->rowCount())
        return;
    const QModelIndex index = m_proxy->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
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

void LibraryPage::updateEmptyState()
{
    const int shown = m_proxy->rowCount();
    const bool filtering = m_filters->isFiltering();
    QString message;
    if (!m_libraryProblem.isEmpty())
        message = tr("The practice library could not be opened.\n\n%1").arg(m_libraryProblem);
    else if (!m_activated || (m_model->isLoading() && shown == 0))
        message = tr("Loading your library…");
    else if (shown == 0 && filtering)
        message = tr("No answers match these filters.");
    else if (shown == 0)
        message = tr("Your library is empty.\n\nEvery answer you give on the Practice page is kept here, with its "
                     "ratings and its recording.");
    m_emptyText->setText(message);
    m_emptyClearFilters->setVisible(m_libraryProblem.isEmpty() && shown == 0 && filtering && !m_model->isLoading());
    m_tableStack->setCurrentWidget(message.isEmpty() ? static_cast<QWidget *>(m_table) : m_emptyState);
    m_count->setText(filtering ? tr("%n answer(s) match", nullptr, shown) : tr("%n answer(s)", nullptr, shown));
    m_count->setVisible(message.isEmpty());
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

void LibraryPage::lookForRecoveredTakes(bool review)
{
    m_recoveredBanner->lookForTakes(review);
}

void LibraryPage::showNotice(const QString &message)
{
    m_noticeText->setText(message);
    m_notice->show();
    m_noticeTimer.start();
}

void LibraryPage::showError(const QString &title, const QString &message)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(u"libraryError"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void LibraryPage::saveSplitterState()
{
    m_splitterSave.stop();
    AppSettings::setLibrarySplitterState(m_splitter->saveState());
}

} // namespace MockLoop
