#include "AnalysisSettings.h"

#include "analysis/AnalysisService.h"

#include <QAccessible>
#include <QCheckBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QLabel *wrappingLabel(QWidget *parent, const QString &name = {})
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

// A label's new text is spoken by a screen reader at once, not when the person reaches it: for
// what goes wrong on its own (the model missing, a result not stored).
void announce(QLabel *label)
{
    QAccessibleEvent event(label, QAccessible::Alert);
    QAccessible::updateAccessibility(&event);
}

QString folderText(const QString &folder)
{
    return QDir::toNativeSeparators(folder);
}

} // namespace

AnalysisSettings::AnalysisSettings(AnalysisService *analysis, QWidget *parent)
    : QGroupBox(tr("Speech analysis"), parent)
    , m_analysis(analysis)
{
    setObjectName(u"analysisSettings"_s);
    auto *about = wrappingLabel(this);
    about->setText(tr("MockLoop listens to each answer and measures it: an approximate transcript, your pace, "
                      "pauses and likely fillers. It all happens on this computer; nothing leaves it, and "
                      "MockLoop has no network code."));
    m_enabled = new QCheckBox(tr("Analyse &my answers"), this);
    m_enabled->setObjectName(u"analysisEnabled"_s);
    m_enabled->setChecked(analysis->isEnabled());
    m_enabled->setToolTip(tr("Off: new answers are not analysed. What was measured before stays."));

    m_status = wrappingLabel(this, u"analysisStatus"_s);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"analysisProgress"_s);
    m_progress->setAccessibleName(tr("Takes analysed"));
    m_progress->setTextVisible(true);
    m_reanalyse = new QPushButton(tr("R&e-analyse All Takes"), this);
    m_reanalyse->setObjectName(u"reanalyseAllTakes"_s);
    m_reanalyse->setToolTip(tr("Analyse every recorded take again, newest first, one at a time in the background. "
                               "Each keeps its results until the new ones replace them."));
    m_cancel = new QPushButton(tr("Ca&ncel"), this);
    m_cancel->setObjectName(u"cancelAnalysis"_s);
    m_cancel->setAccessibleName(tr("Cancel the analysis of takes"));
    m_cancel->setToolTip(tr("Stop analysing takes in the background; the take being analysed keeps its old results."));
    auto *workButtons = new QHBoxLayout;
    workButtons->addWidget(m_reanalyse);
    workButtons->addWidget(m_cancel);
    workButtons->addStretch();

    m_failures = wrappingLabel(this, u"analysisFailures"_s);
    m_showFailures = new QPushButton(tr("Show &Details"), this);
    m_showFailures->setObjectName(u"showAnalysisFailures"_s);
    m_showFailures->setCheckable(true);
    m_failureMessages = new QPlainTextEdit(this);
    m_failureMessages->setObjectName(u"analysisFailureMessages"_s);
    m_failureMessages->setAccessibleName(tr("Why takes could not be analysed"));
    m_failureMessages->setReadOnly(true);
    // As tall as a few messages, and no taller: the section does not grow into the page.
    m_failureMessages->setFixedHeight(m_failureMessages->fontMetrics().lineSpacing() * 7);
    m_failureMessages->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_failureMessages->hide();
    auto *failureRow = new QHBoxLayout;
    failureRow->addWidget(m_failures, 1);
    failureRow->addWidget(m_showFailures);

    auto *modelCaption = new QLabel(tr("The speech model (what the recogniser knows of English) is read from:"), this);
    modelCaption->setWordWrap(true);
    m_modelFolder = wrappingLabel(this, u"modelFolder"_s);
    m_modelStatus = wrappingLabel(this, u"modelStatus"_s);
    m_modelStatus->hide(); // until there is something to say
    m_chooseModel = new QPushButton(tr("Choo&se…"), this);
    m_chooseModel->setObjectName(u"chooseModelFolder"_s);
    m_chooseModel->setAccessibleName(tr("Choose the speech model's folder"));
    m_resetModel = new QPushButton(tr("Reset to Defau&lt"), this);
    m_resetModel->setObjectName(u"resetModelFolder"_s);
    m_resetModel->setAccessibleName(tr("Use the speech model of the Debian package"));
    m_checkModel = new QPushButton(tr("Check A&gain"), this);
    m_checkModel->setObjectName(u"checkModelAgain"_s);
    m_checkModel->setToolTip(tr("Look at the speech model again, after installing or repairing it."));
    auto *modelButtons = new QHBoxLayout;
    modelButtons->addWidget(m_chooseModel);
    modelButtons->addWidget(m_resetModel);
    modelButtons->addWidget(m_checkModel);
    modelButtons->addStretch();

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(about);
    layout->addWidget(m_enabled);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addLayout(workButtons);
    layout->addLayout(failureRow);
    layout->addWidget(m_failureMessages);
    layout->addSpacing(fontMetrics().lineSpacing() / 2);
    layout->addWidget(modelCaption);
    layout->addWidget(m_modelFolder);
    layout->addWidget(m_modelStatus);
    layout->addLayout(modelButtons);

    connect(m_enabled, &QCheckBox::toggled, analysis, &AnalysisService::setEnabled);
    connect(m_reanalyse, &QPushButton::clicked, this, [this] {
        m_status->setText(tr("Marking every take to be analysed again…"));
        m_analysis->reanalyseAll();
    });
    connect(m_cancel, &QPushButton::clicked, analysis, &AnalysisService::stopBackgroundWork);
    connect(m_showFailures, &QPushButton::toggled, this, [this](bool shown) {
        m_failureMessages->setVisible(shown);
        m_showFailures->setText(shown ? tr("Hide &Details") : tr("Show &Details"));
    });
    connect(m_chooseModel, &QPushButton::clicked, this, &AnalysisSettings::chooseModelFolder);
    connect(m_resetModel, &QPushButton::clicked, this, [this] { useModelFolder({}); });
    connect(m_checkModel, &QPushButton::clicked, analysis, &AnalysisService::checkModelAgain);

    connect(analysis, &AnalysisService::enabledChanged, this, [this](bool enabled) {
        m_enabled->setChecked(enabled);
        showStatus();
    });
    connect(analysis, &AnalysisService::backgroundProgress, this, [this] {
        m_takePercent = 0;
        showStatus();
    });
    connect(analysis, &AnalysisService::takeProgress, this, [this](qint64, qint64 analysedMs, qint64 totalMs) {
        // A long take moves the bar as it goes, not only when it is done.
        m_takePercent = totalMs > 0 ? int(std::clamp<qint64>(analysedMs * 100 / totalMs, 0, 99)) : 0;
        if (m_analysis->isWorking() && m_analysis->backgroundTotal() > 0)
            m_progress->setValue(m_analysis->backgroundDone() * 100 + m_takePercent);
    });
    connect(analysis, &AnalysisService::backgroundFinished, this, [this] {
        showStatus();
        if (m_analysis->lastOutcome() == AnalysisService::Outcome::StoreFailed)
            announce(m_status);
    });
    connect(analysis, &AnalysisService::failuresChanged, this, &AnalysisSettings::showFailures);
    connect(analysis, &AnalysisService::modelStateChanged, this, [this](AnalysisService::ModelState state) {
        showStatus();
        showModelFolder();
        if (state == AnalysisService::ModelState::Unavailable)
            announce(m_status);
    });
    connect(analysis, &AnalysisService::modelFolderChanged, this, [this](const QString &folder) {
        m_folderBeingChecked = false;
        showModelFolder();
        showModelMessage(tr("Using the speech model in %1. Takes analysed before keep their results; choose "
                            "Re-analyse All Takes to redo them with it.")
                             .arg(folderText(folder)));
    });
    connect(analysis, &AnalysisService::modelFolderRefused, this,
            [this](const QString &folder, const QString &message) {
                m_folderBeingChecked = false;
                showModelFolder();
                showModelMessage(tr("%1 holds no speech model MockLoop can use, so it goes on using the one in "
                                    "%2. %3")
                                     .arg(folderText(folder), folderText(m_analysis->modelFolder()), message));
                announce(m_modelStatus);
            });

    showStatus();
    showFailures();
    showModelFolder();
}

void AnalysisSettings::showStatus()
{
    using Outcome = AnalysisService::Outcome;
    const bool working = m_analysis->isWorking();
    const int done = m_analysis->backgroundDone();
    const int total = m_analysis->backgroundTotal();
    QString status;
    if (!m_analysis->isEnabled()) {
        status = tr("Analysis is off: new answers are not analysed. What was measured before stays in the library.");
    } else if (m_analysis->modelState() == AnalysisService::ModelState::Unavailable) {
        status = tr("Analysis unavailable: %1").arg(m_analysis->modelProblem());
    } else if (working && total == 0) {
        status = tr("Looking for takes to analyse…");
    } else if (working) {
        status = tr("Analysing takes in the background, newest first: %1 of %n take(s) analysed.", nullptr, total)
                     .arg(done);
    } else if (m_analysis->modelState() == AnalysisService::ModelState::Checking) {
        status = tr("Checking the speech model…");
    } else {
        switch (m_analysis->lastOutcome()) {
        case Outcome::AllAnalysed:
            status = tr("All takes analysed.");
            break;
        case Outcome::Stopped:
            status = total == 0
                ? tr("Stopped. The takes left are analysed when MockLoop next starts.")
                : tr("Stopped after %1 of %n take(s). The rest are analysed when MockLoop next starts.", nullptr, total)
                      .arg(done);
            break;
        case Outcome::StoreFailed:
            status = tr("Stopped: a result could not be stored in the practice library (see Details below). The takes "
                        "not stored are analysed again when MockLoop next starts.");
            break;
        case Outcome::None:
        case Outcome::ModelUnavailable:
            status = tr("Ready: each answer is analysed while you give it.");
            break;
        }
    }
    m_status->setText(status);
    m_progress->setVisible(working && m_analysis->isEnabled());
    if (working) {
        // Until the takes left are counted, the bar only says that work goes on.
        m_progress->setRange(0, total * 100);
        m_progress->setValue(done * 100 + m_takePercent);
        m_progress->setFormat(tr("%1 of %n take(s) analysed", nullptr, total).arg(done));
    }
    m_cancel->setEnabled(working);
    m_reanalyse->setEnabled(m_analysis->isEnabled()
                            && m_analysis->modelState() != AnalysisService::ModelState::Unavailable);
}

void AnalysisSettings::showFailures()
{
    const QList<AnalysisService::Failure> &failures = m_analysis->failures();
    m_failures->setText(tr("%n take(s) could not be analysed or stored.", nullptr, int(failures.size())));
    QStringList messages;
    for (const AnalysisService::Failure &failure : failures)
        messages << failure.message;
    m_failureMessages->setPlainText(messages.join(u"\n\n"_s));
    const bool any = !failures.isEmpty();
    m_failures->setVisible(any);
    m_showFailures->setVisible(any);
    if (!any)
        m_showFailures->setChecked(false);
    m_failureMessages->setVisible(any && m_showFailures->isChecked());
}

void AnalysisSettings::showModelFolder()
{
    const QString folder = folderText(m_analysis->modelFolder());
    m_modelFolder->setText(m_analysis->usesDefaultModelFolder()
                               ? tr("%1 (the default: the Debian package pocketsphinx-en-us)").arg(folder)
                               : folder);
    m_resetModel->setEnabled(!m_analysis->usesDefaultModelFolder() && !m_folderBeingChecked);
    m_chooseModel->setEnabled(!m_folderBeingChecked);
    m_checkModel->setVisible(m_analysis->modelState() == AnalysisService::ModelState::Unavailable);
}

void AnalysisSettings::showModelMessage(const QString &message)
{
    m_modelStatus->setText(message);
    m_modelStatus->setVisible(!message.isEmpty());
}

void AnalysisSettings::chooseModelFolder()
{
    // Not modal to the event loop (open(), not exec()): the background work goes on reporting.
    if (!m_folderDialog) {
        m_folderDialog = new QFileDialog(this, tr("Choose the Speech Model's Folder"));
        m_folderDialog->setObjectName(u"modelFolderDialog"_s);
        m_folderDialog->setFileMode(QFileDialog::Directory);
        m_folderDialog->setOption(QFileDialog::ShowDirsOnly);
        connect(m_folderDialog, &QFileDialog::fileSelected, this, &AnalysisSettings::useModelFolder);
    }
    m_folderDialog->setDirectory(m_analysis->modelFolder());
    m_folderDialog->open();
}

void AnalysisSettings::useModelFolder(const QString &folder)
{
    m_folderBeingChecked = true;
    showModelFolder();
    const QString shown = folder.isEmpty() ? tr("the default folder") : folderText(folder);
    showModelMessage(tr("Checking the speech model in %1…").arg(shown));
    m_analysis->setModelFolder(folder);
}

} // namespace MockLoop
