#include "LibraryPage.h"

#include "AnswerDetailView.h"
#include "AnswerTableView.h"
#include "LibraryFilterBar.h"
#include "LibraryFormat.h"
#include "LibraryTransfers.h"
#include "ReportExportDialog.h"
#include "ReportTransfers.h"
#include "TakePlayerWidget.h"
#include "common/AppSettings.h"
#include "common/Typography.h"
#include "compare/CompareLauncher.h"
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
    , m_compare(new CompareLauncher(services, m_table, AnswerTableModel::AnswerIdRole, this))
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
    , m_exportReportAction(makeAction(this, tr("Export Re&port…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                                      u"exportReportAction"_s))
    , m_exportCoachBundleAction(makeAction(this, tr("Export for a &Coach…"),
                                           QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B),
                                           u"exportCoachBundleAction"_s))
    , m_importCoachRatingsAction(makeAction(this, tr("Import Coach Ra&tings…"),
                                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
                                            u"importCoachRatingsAction"_s))
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
    auto *underTable = new QHBoxLayout;
    underTable->addWidget(m_count, 1);
    underTable->addWidget(m_compare->button());
    tableLayout->addLayout(underTable);

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
        m_splitter->setSizes({line * 54, line * 30});
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
    setTabOrder(m_table, m_compare->button());
    setTabOrder(m_compare->button(), m_detail->firstFocusWidget());

    auto *find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, m_filters, &LibraryFilterBar::focusSearch);
    auto *remove = new QShortcut(QKeySequence::Delete, m_table);
    remove->setContext(Qt::WidgetShortcut);
    connect(remove, &QShortcut::activated, this, &LibraryPage::confirmDelete);

    addActions(fileActions());
    addAction(m_compare->action());
    connect(m_detail, &AnswerDetailView::compareRequested, m_compare, &CompareLauncher::compareAnswers);
    connect(m_compare, &CompareLauncher::opening, m_detail->player(), &TakePlayerWidget::pause); // one take at a time
    connect(m_exportCsvAction, &QAction::triggered, this, [this] {
        AnswerFilter filter = m_filters->filter();
        if (m_filters->recordingsOnly())
            filter.hasRecording = true;
        // Red flags by name: looked up here, read on the library's worker.
        QHash<QString, QString> flagNames;
        for (const CatalogEntry &entry : m_catalog.activeEntries()) {
            for (const RedFlagGroup &group : entry.loop->redFlagGroups) {
                for (const RedFlag &flag : group.flags)
                    flagNames.insert(entry.loop->id + u'\n' + flag.id, flag.text);
            }
        }
        m_transfers->exportCsv(filter, [flagNames](const QString &loopId, const QString &flagId) {
            return flagNames.value(loopId + u'\n' + flagId);
        });
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
    m_reports = new ReportTransfers(services.library, services.clock, this);
    connect(m_exportReportAction, &QAction::triggered, this, [this] { openReportExport(false); });
    connect(m_exportCoachBundleAction, &QAction::triggered, this, [this] { openReportExport(true); });
    connect(m_importCoachRatingsAction, &QAction::triggered, m_reports, &ReportTransfers::importCoachRatings);
    connect(m_reports, &ReportTransfers::noticeReady, this, &LibraryPage::showNotice);
    connect(m_reports, &ReportTransfers::failed, this, &LibraryPage::showError);
    connect(m_reports, &ReportTransfers::coachRatingsImported, this, [this](const QList<qint64> &answerIds) {
        if (answerIds.contains(m_shownAnswerId))
            loadDetail(m_shownAnswerId); // the coach's column appears beside the person's own
    });
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
        updateEmptyState(); // the first rows are shown while the rest are coming
    });
    connect(m_model, &AnswerTableModel::loaded, this, [this] {
        // Not among the first rows of the load, but among the rest.
        if (m_reselectAfterReset != 0) {
            if (const int sourceRow = m_model->rowOf(m_reselectAfterReset); sourceRow >= 0) {
                selectProxyRow(m_proxy->mapFromSource(m_model->index(sourceRow, 0)).row());
                m_reselectAfterReset = 0;
            }
        }
        const bool reselected = std::exchange(m_reselectAfterReset, 0) == 0;
        if (!m_sessionToOpen.isEmpty() && m_model->filter().sessionId == m_sessionToOpen)
            selectFirstAnswerOfSession();
        else if (!reselected && m_shownAnswerId != 0 && m_model->rowOf(m_shownAnswerId) < 0)
            showNoAnswer(tr("The answer you were looking at does not match the filters."));
        updateEmptyState();
    });
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, &LibraryPage::updateEmptyState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_sessionToOpen.isEmpty() && m_model->filter().sessionId == m_sessionToOpen && !m_model->isLoading())
            selectFirstAnswerOfSession();
    });
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &LibraryPage::updateEmptyState);

    connect(m_services.library, &PracticeLibrary::statusChanged, this, [this](const PracticeLibrary::Status &status) {
        m_libraryProblem = status.ok() ? QString() : status.message;
        showNoAnswer(tr("Select an answer to see its ratings and listen to it."));
        updateEmptyState();
        if (m_activated)
            lookForRecoveredTakes();
    });
    followShownAnswer();

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
    m_reports->setCatalog(catalog);
    m_filters->setCatalog(catalog);
    m_compare->setCatalog(catalog);
    // With one loop its name in every row says nothing; the header's menu shows it again.
    m_table->setSeveralLoops(catalog.activeEntries().size() > 1);
    if (m_shownAnswerId != 0)
        loadDetail(m_shownAnswerId); // titles, rubric and phases may have changed
}

void LibraryPage::setActive(bool active)
{
    m_active = active;
    if (!active) {
        m_detail->player()->pause();
        m_detail->flushNotes();
        saveSplitterState();
        return;
    }
    if (m_activated) {
        // Answers added meanwhile were listed as they came; the analysis of one may have been
        // stored after it, by the practice session, which says nothing of it.
        if (std::exchange(m_answersAddedWhileAway, false))
            m_model->reload();
        return;
    }
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
    const AnswerRow *first = nullptr;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const AnswerRow *candidate = m_model->rowAt(row);
        if (candidate->sessionId == m_sessionToOpen && (!first || candidate->answeredAt < first->answeredAt))
            first = candidate;
    }
    if (first) {
        m_sessionToOpen.clear();
        selectAnswer(first->id);
        return;
    }
    // A session that has just ended may still be on its way into the library (its answers are saved
    // one after another): the first of them is shown when it arrives.
    showNoAnswer(tr("Select an answer to see its ratings and listen to it."));
}

QList<QAction *> LibraryPage::fileActions() const
{
    return {m_exportCsvAction,       m_exportSessionAction, m_importSessionAction,     m_openFolderAction,
            m_reviewRecoveredAction, m_exportReportAction,  m_exportCoachBundleAction, m_importCoachRatingsAction};
}

void LibraryPage::openReportExport(bool coachBundle)
{
    QList<qint64> selected;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows()) {
        if (const AnswerRow *row = m_model->rowAt(m_proxy->mapToSource(index).row()))
            selected << row->id;
    }
    const AnswerRow shown = m_shownAnswerId != 0 ? m_detail->detail().row : AnswerRow();
    auto *dialog = new ReportExportDialog(coachBundle ? ReportExportDialog::Purpose::CoachBundle
                                                      : ReportExportDialog::Purpose::Report,
                                          shown, selected, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, coachBundle] {
        if (coachBundle)
            m_reports->exportCoachBundle(dialog->scope(), dialog->roundId());
        else
            m_reports->exportReport(dialog->scope(), dialog->roundId(), dialog->format());
    });
    dialog->open();
}

void LibraryPage::applyFilter()
{
    m_proxy->setRecordingsOnly(m_filters->recordingsOnly());
    const AnswerFilter filter = m_filters->filter();
    if (m_activated && (filter != m_appliedFilter || m_model->rowCount() == 0)) {
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
    // While the rest of a load is coming in, the count would climb from the first screenful.
    if (m_model->isLoading())
        m_count->setText(filtering ? tr("Searching…") : tr("Counting…"));
    else
        m_count->setText(filtering ? tr("%n answer(s) match", nullptr, shown) : tr("%n answer(s)", nullptr, shown));
    m_count->setVisible(message.isEmpty());
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
