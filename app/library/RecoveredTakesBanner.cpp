#include "RecoveredTakesBanner.h"

#include "library/PracticeLibrary.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace MockLoop {

RecoveredTakesBanner::RecoveredTakesBanner(PracticeLibrary *library, QString sessionFilePath, QWidget *parent)
    : QWidget(parent)
    , m_library(library)
    , m_sessionFilePath(std::move(sessionFilePath))
    , m_text(new QLabel(this))
    , m_review(new QPushButton(tr("Revie&w…"), this))
    , m_dismiss(new QToolButton(this))
{
    setObjectName(u"recoveredBanner"_s);
    setAutoFillBackground(true);
    QPalette colours = palette();
    QColor background = colours.color(QPalette::Highlight);
    background.setAlpha(40);
    colours.setColor(QPalette::Window, background);
    setPalette(colours);
    m_text->setObjectName(u"recoveredBannerText"_s);
    m_text->setWordWrap(true);
    m_review->setObjectName(u"reviewRecoveredButton"_s);
    m_dismiss->setObjectName(u"dismissRecoveredButton"_s);
    m_dismiss->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_dismiss->setAutoRaise(true);
    m_dismiss->setToolTip(tr("Hide this message (File ▸ Review Recovered Takes shows the recordings again)"));
    m_dismiss->setAccessibleName(tr("Hide"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_review);
    layout->addWidget(m_dismiss);
    setTabOrder(m_review, m_dismiss);
    hide();
    connect(m_review, &QPushButton::clicked, this, &RecoveredTakesBanner::review);
    connect(m_dismiss, &QToolButton::clicked, this, &QWidget::hide);
}

QWidget *RecoveredTakesBanner::firstFocusWidget() const
{
    return m_review;
}

QWidget *RecoveredTakesBanner::lastFocusWidget() const
{
    return m_dismiss;
}

void RecoveredTakesBanner::lookForTakes(bool review)
{
    m_reviewAfterScan = m_reviewAfterScan || review;
    if (m_scanning)
        return;
    m_scanning = true;
    m_library
        ->run([sessionFile = m_sessionFilePath](LibraryStore *store) {
            return scanForRecoveredTakes(store, sessionFile);
        })
        .then(this, [this](const RecoveredScan &scan) { showScan(scan); });
}

void RecoveredTakesBanner::showScan(const RecoveredScan &scan)
{
    m_scanning = false;
    m_scan = scan;
    showCount();
    if (m_dialog)
        m_dialog->setScan(scan);
    if (std::exchange(m_reviewAfterScan, false))
        review();
}

void RecoveredTakesBanner::showCount()
{
    const int takes = int(m_scan.takes.size());
    const int problems = int(m_scan.problems.size());
    QStringList message;
    if (takes > 0)
        message << tr("MockLoop found %n recording(s) left behind by a crash.", nullptr, takes);
    if (problems > 0)
        message << tr("%n interrupted recording(s) could not be repaired.", nullptr, problems);
    m_text->setText(message.join(u' '));
    setVisible(!message.isEmpty());
    Q_EMIT takesFound(takes);
}

void RecoveredTakesBanner::review()
{
    if (m_scan.takes.isEmpty() && m_scan.problems.isEmpty()) {
        Q_EMIT nothingToReview();
        return;
    }
    if (!m_dialog) {
        m_dialog = new RecoveredTakesDialog(m_library, parentWidget());
        m_dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dialog, &RecoveredTakesDialog::takeKept, this, &RecoveredTakesBanner::takeKept);
        connect(m_dialog, &RecoveredTakesDialog::takesChanged, this, [this](int remaining) {
            if (!m_dialog)
                return;
            // The banner counts what is left; the next search brings the exact list.
            while (m_scan.takes.size() > remaining)
                m_scan.takes.removeLast();
            if (remaining == 0)
                m_scan.problems.clear();
            showCount();
        });
    }
    m_dialog->setScan(m_scan);
    m_dialog->open();
    m_dialog->raise();
    m_dialog->activateWindow();
}

} // namespace MockLoop
