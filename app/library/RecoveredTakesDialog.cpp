#include "RecoveredTakesDialog.h"

#include "AttachTakeDialog.h"
#include "LibraryFormat.h"
#include "TakePlayerWidget.h"
#include "audio/TakeInfo.h"
#include "audio/TakeRepair.h"
#include "audio/WaveformPeaks.h"
#include "common/Format.h"
#include "library/PracticeLibrary.h"
#include "library/TakeFiles.h"
#include "session/SessionStore.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

enum Column { Recorded, Question, Length, Session, File };

struct DeleteResult
{
    QStringList deleted; // relative paths
    QStringList errors;
};

QString shortDateTime(const QDateTime &time)
{
    return LibraryFormat::dateTime(time);
}

} // namespace

QString RecoveredTakeItem::questionText() const
{
    return subject.questionText;
}

struct RecoveredTakesDialog::KeepResult
{
    QList<std::pair<QString, qint64>> kept; // relative path, the answer it now belongs to
    QStringList errors;
};

RecoveredScan scanForRecoveredTakes(LibraryStore *store, const QString &sessionFilePath)
{
    RecoveredScan scan;
    if (!store)
        return scan;
    // The unfinished session's takes are its own: it continues the one of the answer it stopped in.
    QSet<QString> claimed;
    QSet<QString> claimedPaths;
    if (const std::optional<SessionSnapshot> unfinished = FileSessionStore::load(sessionFilePath)) {
        for (const QString &file : unfinished->takeFiles()) {
            const QString relative = LibraryStore::takeRelativePath(unfinished->sessionId, file);
            claimed << relative;
            claimedPaths << store->absolutePath(relative);
        }
    }
    for (const RepairedTake &repaired : TakeRepair::repairFolder(store->absolutePath(u"takes"_s), claimedPaths)) {
        if (repaired.outcome == RepairedTake::Outcome::Failed)
            scan.problems << repaired.message;
    }
    for (const RecoveredTake &take : store->findRecoveredTakes(claimed)) {
        RecoveredTakeItem item;
        item.take = take;
        item.absolutePath = store->absolutePath(take.relativePath);
        const std::optional<TakeInfo> info = TakeInfo::readSidecar(item.absolutePath);
        item.recordedAt
            = info && info->startedAt.isValid() ? info->startedAt : QFileInfo(item.absolutePath).lastModified();
        if (!take.sessionId.isEmpty())
            item.session = store->session(take.sessionId);
        if (info) {
            item.subject = info->subject;
            const auto own = store->findAnswer(info->subject.sessionId, info->subject.answerOrdinal);
            if (own && !own->hasRecording)
                item.ownAnswerId = own->id;
        }
        scan.takes.append(item);
    }
    return scan;
}

RecoveredTakesDialog::RecoveredTakesDialog(PracticeLibrary *library, QWidget *parent)
    : QDialog(parent)
    , m_library(library)
    , m_intro(new QLabel(this))
    , m_list(new QTreeWidget(this))
    , m_player(new TakePlayerWidget(this))
    , m_problems(new QLabel(this))
    , m_keep(new QPushButton(tr("&Keep"), this))
    , m_attach(new QPushButton(tr("&Attach to Answer…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
{
    setObjectName(u"recoveredTakesDialog"_s);
    setWindowTitle(tr("Recovered Recordings"));
    m_intro->setObjectName(u"recoveredIntro"_s);
    m_intro->setWordWrap(true);
    m_list->setObjectName(u"recoveredTakesList"_s);
    m_list->setAccessibleName(tr("Recovered recordings"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setAllColumnsShowFocus(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setHeaderLabels({tr("Recorded"), tr("Question"), tr("Length"), tr("Session"), tr("File")});
    m_list->header()->setSectionResizeMode(Recorded, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(Question, QHeaderView::Stretch);
    m_list->header()->setSectionResizeMode(Length, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(Session, QHeaderView::Interactive);
    m_list->header()->setSectionResizeMode(File, QHeaderView::Interactive);
    m_list->header()->setStretchLastSection(false);
    m_problems->setObjectName(u"recoveredProblems"_s);
    m_problems->setWordWrap(true);
    m_problems->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->hide();
    m_keep->setObjectName(u"keepRecoveredButton"_s);
    m_keep->setToolTip(tr("Keep the selected recordings in your library: with the answer they were recorded for, "
                          "or as answers of their own"));
    m_attach->setObjectName(u"attachRecoveredButton"_s);
    m_attach->setToolTip(tr("Link the selected recording to an answer of your library that has none"));
    m_delete->setObjectName(u"deleteRecoveredButton"_s);
    m_delete->setToolTip(tr("Delete the selected recordings for good"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->addButton(m_keep, QDialogButtonBox::ActionRole);
    buttons->addButton(m_attach, QDialogButtonBox::ActionRole);
    buttons->addButton(m_delete, QDialogButtonBox::DestructiveRole);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_list, 1);
    layout->addWidget(m_player);
    layout->addWidget(m_problems);
    layout->addWidget(buttons);
    const int line = fontMetrics().height();
    resize(line * 56, line * 34);

    connect(m_list, &QTreeWidget::itemSelectionChanged, this, [this] {
        showCurrent();
        updateButtons();
    });
    connect(m_keep, &QPushButton::clicked, this, &RecoveredTakesDialog::keepSelected);
    connect(m_attach, &QPushButton::clicked, this, &RecoveredTakesDialog::attachSelected);
    connect(m_delete, &QPushButton::clicked, this, &RecoveredTakesDialog::deleteSelected);
    connect(this, &QDialog::finished, m_player, &TakePlayerWidget::pause);
}

void RecoveredTakesDialog::setScan(const RecoveredScan &scan)
{
    m_items = scan.takes;
    m_list->clear();
    for (const RecoveredTakeItem &item : std::as_const(m_items)) {
        auto *row = new QTreeWidgetItem(m_list);
        row->setText(Recorded, shortDateTime(item.recordedAt));
        row->setData(Recorded, Qt::UserRole, item.take.relativePath);
        const QString question = item.questionText();
        row->setText(Question, question.isEmpty() ? tr("Unknown question") : question);
        row->setToolTip(Question,
                        item.ownAnswerId ? tr("%1\nIts answer is in your library without its recording: "
                                              "Keep links them again.")
                                               .arg(question)
                                         : question);
        row->setText(Length, Format::elapsed(item.take.recording.duration));
        row->setTextAlignment(Length, Qt::AlignRight | Qt::AlignVCenter);
        row->setText(Session,
                     item.session
                         ? tr("%1, started %2")
                               .arg(item.session->loopTitle.isEmpty() ? tr("Session") : item.session->loopTitle,
                                    shortDateTime(item.session->startedAt))
                         : tr("Unknown session"));
        row->setText(File, QFileInfo(item.take.relativePath).fileName());
        row->setToolTip(File, QDir::toNativeSeparators(item.absolutePath));
    }
    m_intro->setText(m_items.isEmpty()
                         ? tr("No recordings are waiting to be recovered.")
                         : tr("MockLoop found %n recording(s) left behind when it stopped unexpectedly. Listen before "
                              "you decide: keep what you want in your library, and delete the rest.",
                              nullptr, int(m_items.size())));
    m_problems->setText(scan.problems.isEmpty()
                            ? QString()
                            : tr("These interrupted recordings could not be repaired and were left as they are:\n%1")
                                  .arg(scan.problems.join(u'\n')));
    m_problems->setVisible(!scan.problems.isEmpty());
    if (m_list->topLevelItemCount() > 0)
        m_list->setCurrentItem(m_list->topLevelItem(0));
    showCurrent();
    updateButtons();
}

QList<RecoveredTakeItem> RecoveredTakesDialog::selectedTakes() const
{
    QList<RecoveredTakeItem> selected;
    for (const QTreeWidgetItem *row : m_list->selectedItems()) {
        const QString path = row->data(Recorded, Qt::UserRole).toString();
        for (const RecoveredTakeItem &item : m_items) {
            if (item.take.relativePath == path)
                selected.append(item);
        }
    }
    return selected;
}

void RecoveredTakesDialog::showCurrent()
{
    const QList<RecoveredTakeItem> selected = selectedTakes();
    if (selected.size() == 1)
        m_player->setTake(selected.first().absolutePath, selected.first().take.recording.duration.count(), {});
    else
        m_player->clearTake(selected.isEmpty() ? tr("Select a recording to listen to it")
                                               : tr("Select one recording to listen to it"));
}

void RecoveredTakesDialog::updateButtons()
{
    const bool any = !m_list->selectedItems().isEmpty() && !m_busy;
    m_keep->setEnabled(any);
    m_attach->setEnabled(m_list->selectedItems().size() == 1 && !m_busy);
    m_delete->setEnabled(any);
}

void RecoveredTakesDialog::keepSelected()
{
    const QList<RecoveredTakeItem> selected = selectedTakes();
    if (selected.isEmpty() || m_busy)
        return;
    struct Keep
    {
        RecoveredTake take;
        QString question;
        std::optional<qint64> answerId; // its own answer, when the library holds it
    };
    QList<Keep> work;
    for (const RecoveredTakeItem &item : selected) {
        const QString question = item.questionText().isEmpty()
            ? tr("Recovered recording from %1").arg(shortDateTime(item.recordedAt))
            : item.questionText();
        work.append({item.take, question, item.ownAnswerId});
    }
    keep([work](LibraryStore *store, KeepResult &result) {
        for (const Keep &keep : work) {
            const std::optional<qint64> id = keep.answerId
                ? (store->attachRecording(*keep.answerId, keep.take.recording) ? keep.answerId : std::nullopt)
                : store->importRecoveredTake(keep.take, keep.question);
            if (id)
                result.kept.append({keep.take.relativePath, *id});
            else
                result.errors << tr("%1: %2").arg(QDir::toNativeSeparators(keep.take.relativePath), store->lastError());
        }
    });
}

void RecoveredTakesDialog::attachSelected()
{
    const QList<RecoveredTakeItem> selected = selectedTakes();
    if (selected.size() != 1 || m_busy)
        return;
    const RecoveredTakeItem item = selected.first();
    const QString description = item.questionText().isEmpty()
        ? tr("the recording of %1").arg(shortDateTime(item.recordedAt))
        : tr("the recording of “%1”").arg(item.questionText());
    AttachTakeDialog chooser(m_library, description, item.take.sessionId, this);
    if (chooser.exec() != QDialog::Accepted || !chooser.chosenAnswerId())
        return;
    const qint64 answerId = *chooser.chosenAnswerId();
    const RecoveredTake take = item.take;
    keep([take, answerId](LibraryStore *store, KeepResult &result) {
        if (store->attachRecording(answerId, take.recording))
            result.kept.append({take.relativePath, answerId});
        else
            result.errors << tr("%1: %2").arg(QDir::toNativeSeparators(take.relativePath), store->lastError());
    });
}

void RecoveredTakesDialog::keep(std::function<void(LibraryStore *, KeepResult &)> work)
{
    m_busy = true;
    updateButtons();
    m_library
        ->run([work](LibraryStore *store) {
            KeepResult result;
            if (!store)
                result.errors << tr("The library is not open.");
            else
                work(store, result);
            return result;
        })
        .then(this, [this](const KeepResult &result) {
            m_busy = false;
            QStringList kept;
            for (const auto &[path, id] : result.kept) {
                kept << path;
                Q_EMIT takeKept(id);
            }
            removeTakes(kept);
            if (!result.errors.isEmpty())
                showError(tr("Recording not kept"),
                          tr("These recordings could not be added to your library; they stay here so you can try "
                             "again:\n%1")
                              .arg(result.errors.join(u'\n')));
        });
}

void RecoveredTakesDialog::deleteSelected()
{
    const QList<RecoveredTakeItem> selected = selectedTakes();
    if (selected.isEmpty() || m_busy)
        return;
    QMessageBox confirm(
        QMessageBox::Warning, tr("Delete recordings?"),
        tr("%n recording(s) will be deleted from the library folder for good.", nullptr, int(selected.size())),
        QMessageBox::Cancel, this);
    confirm.setObjectName(u"deleteRecoveredConfirmation"_s);
    QPushButton *remove = confirm.addButton(tr("Delete"), QMessageBox::DestructiveRole);
    confirm.setDefaultButton(QMessageBox::Cancel);
    confirm.exec();
    if (confirm.clickedButton() != remove)
        return;

    QStringList relativePaths;
    for (const RecoveredTakeItem &item : selected)
        relativePaths << item.take.relativePath;
    // The player may hold one of the files open.
    m_player->clearTake(tr("Deleting…"));
    m_busy = true;
    updateButtons();
    m_library
        ->run([relativePaths](LibraryStore *store) {
            DeleteResult result;
            if (!store) {
                result.errors << tr("The library is not open.");
                return result;
            }
            const TakeFiles takes(store->folder());
            for (const QString &relativePath : relativePaths) {
                QString error;
                if (takes.remove(relativePath, &error))
                    result.deleted << relativePath;
                else
                    result.errors << error;
            }
            return result;
        })
        .then(this, [this](const DeleteResult &result) {
            m_busy = false;
            removeTakes(result.deleted);
            showCurrent();
            if (!result.errors.isEmpty())
                showError(tr("Recording not deleted"),
                          tr("These recordings could not be deleted. Check that you may change the library folder, "
                             "or delete them yourself:\n%1")
                              .arg(result.errors.join(u'\n')));
        });
}

void RecoveredTakesDialog::removeTakes(const QStringList &relativePaths)
{
    if (relativePaths.isEmpty()) {
        updateButtons();
        return;
    }
    m_items.removeIf(
        [&relativePaths](const RecoveredTakeItem &item) { return relativePaths.contains(item.take.relativePath); });
    for (int i = m_list->topLevelItemCount() - 1; i >= 0; --i) {
        if (relativePaths.contains(m_list->topLevelItem(i)->data(Recorded, Qt::UserRole).toString()))
            delete m_list->takeTopLevelItem(i);
    }
    if (m_items.isEmpty())
        m_intro->setText(tr("Every recovered recording has been kept or deleted."));
    else if (m_list->selectedItems().isEmpty())
        m_list->setCurrentItem(m_list->topLevelItem(0));
    updateButtons();
    Q_EMIT takesChanged(int(m_items.size()));
}

void RecoveredTakesDialog::showError(const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setObjectName(u"recoveredTakesError"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace MockLoop
