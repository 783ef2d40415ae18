#include "SettingsPage.h"

#include "AnalysisSettings.h"
#include "VoiceSettingsSection.h"
#include "audio/AudioInputs.h"
#include "audio/InputLevelMonitor.h"
#include "common/AppSettings.h"
#include "library/PracticeLibrary.h"
#include "widgets/LevelMeterWidget.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

struct SettingsPage::Private
{
    AppServices services;
    QComboBox *microphone = nullptr;
    QLabel *microphoneStatus = nullptr;
    LevelMeterWidget *testMeter = nullptr;
    QSpinBox *thinkSeconds = nullptr;
    QRadioButton *overtimeSoft = nullptr;
    QRadioButton *overtimeHard = nullptr;
    QSpinBox *breakMinutes = nullptr;
    QSpinBox *followUps = nullptr;
    QSpinBox *followUpSeconds = nullptr;
    QComboBox *clockAnnouncements = nullptr;
    QLabel *libraryFolder = nullptr;
    QLabel *libraryStatus = nullptr;
    InputLevelMonitor *monitor = nullptr;
    QWidget *content = nullptr;
    bool active = false;
};

namespace {

QSpinBox *spinBox(QWidget *parent, const QString &name, int minimum, int maximum, const QString &suffix)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(minimum, maximum);
    box->setSuffix(suffix);
    return box;
}

} // namespace

SettingsPage::SettingsPage(const AppServices &services, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    setObjectName(u"settingsPage"_s);
    d->services = services;
    auto *content = new QWidget;
    d->content = content;

    // Microphone
    auto *microphoneBox = new QGroupBox(tr("Microphone"), content);
    d->microphone = new QComboBox(microphoneBox);
    d->microphone->setObjectName(u"microphoneChoice"_s);
    d->microphoneStatus = new QLabel(microphoneBox);
    d->microphoneStatus->setObjectName(u"microphoneStatus"_s);
    d->microphoneStatus->setWordWrap(true);
    d->testMeter = new LevelMeterWidget(microphoneBox);
    d->testMeter->setObjectName(u"microphoneTestMeter"_s);
    auto *microphoneLayout = new QFormLayout(microphoneBox);
    auto *microphoneLabel = new QLabel(tr("&Record from:"), microphoneBox);
    microphoneLabel->setBuddy(d->microphone);
    microphoneLayout->addRow(microphoneLabel, d->microphone);
    microphoneLayout->addRow(tr("Test:"), d->testMeter);
    microphoneLayout->addRow(QString(), d->microphoneStatus);

    // Practice
    auto *practiceBox = new QGroupBox(tr("Practice"), content);
    d->thinkSeconds = spinBox(practiceBox, u"thinkSeconds"_s, 0, 600, tr(" s"));
    d->thinkSeconds->setToolTip(tr("Time to think before the answer clock starts; you can start answering early."));
    d->overtimeSoft = new QRadioButton(tr("&Keep going and show the overtime"), practiceBox);
    d->overtimeSoft->setObjectName(u"overtimeSoft"_s);
    d->overtimeHard = new QRadioButton(tr("Stop the answer &at zero (hard stop)"), practiceBox);
    d->overtimeHard->setObjectName(u"overtimeHard"_s);
    auto *overtime = new QButtonGroup(practiceBox);
    overtime->addButton(d->overtimeSoft);
    overtime->addButton(d->overtimeHard);
    d->breakMinutes = spinBox(practiceBox, u"breakMinutes"_s, 0, 60, tr(" min"));
    d->breakMinutes->setSpecialValueText(tr("No break"));
    d->followUps = spinBox(practiceBox, u"followUpsPerQuestion"_s, 0, 6, QString());
    d->followUps->setSpecialValueText(tr("None"));
    d->followUpSeconds = spinBox(practiceBox, u"followUpSeconds"_s, 15, 600, tr(" s"));
    auto *practiceLayout = new QFormLayout(practiceBox);
    practiceLayout->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    practiceLayout->addRow(tr("&Think time:"), d->thinkSeconds);
    auto *overtimeLayout = new QVBoxLayout;
    overtimeLayout->addWidget(d->overtimeSoft);
    overtimeLayout->addWidget(d->overtimeHard);
    practiceLayout->addRow(tr("When an answer runs over:"), overtimeLayout);
    practiceLayout->addRow(tr("&Break between rounds:"), d->breakMinutes);
    practiceLayout->addRow(tr("Follow-up probes per &question:"), d->followUps);
    practiceLayout->addRow(tr("Ans&wer time for a probe:"), d->followUpSeconds);
    // For screen readers: when the answer clock is announced.
    d->clockAnnouncements = new QComboBox(practiceBox);
    d->clockAnnouncements->setObjectName(u"clockAnnouncements"_s);
    d->clockAnnouncements->addItem(tr("Each minute, 30 s left, time up, each minute over"),
                                   int(ClockAnnouncements::EveryMinute));
    d->clockAnnouncements->addItem(tr("1 minute left, 30 s left, time up, each minute over"),
                                   int(ClockAnnouncements::Milestones));
    d->clockAnnouncements->addItem(tr("Never"), int(ClockAnnouncements::Off));
    d->clockAnnouncements->setToolTip(tr("What a screen reader is told of the answer clock while you answer"));
    practiceLayout->addRow(tr("Announce the answer clock:"), d->clockAnnouncements);

    // Speech analysis, made here so that Tab reaches it before the library below it.
    auto *analysisBox = d->services.analysis ? new AnalysisSettings(d->services.analysis, content) : nullptr;
    auto *voiceBox = new VoiceSettingsSection(services, content); // and the voice, below it

    // Library
    auto *libraryBox = new QGroupBox(tr("Practice library"), content);
    d->libraryFolder = new QLabel(libraryBox);
    d->libraryFolder->setObjectName(u"libraryFolder"_s);
    d->libraryFolder->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->libraryFolder->setWordWrap(true);
    d->libraryStatus = new QLabel(libraryBox);
    d->libraryStatus->setObjectName(u"libraryFolderStatus"_s);
    d->libraryStatus->setWordWrap(true);
    auto *change = new QPushButton(tr("&Change…"), libraryBox);
    change->setObjectName(u"changeLibraryFolder"_s);
    auto *open = new QPushButton(tr("&Open in File Manager"), libraryBox);
    open->setObjectName(u"openLibraryFolder"_s);
    auto *libraryButtons = new QHBoxLayout;
    libraryButtons->addWidget(change);
    libraryButtons->addWidget(open);
    libraryButtons->addStretch();
    auto *libraryLayout = new QVBoxLayout(libraryBox);
    libraryLayout->addWidget(new QLabel(tr("Your sessions, ratings and recordings are kept in:"), libraryBox));
    libraryLayout->addWidget(d->libraryFolder);
    libraryLayout->addWidget(d->libraryStatus);
    libraryLayout->addLayout(libraryButtons);

    fitContentWidth();
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(microphoneBox);
    contentLayout->addWidget(practiceBox);
    if (analysisBox)
        contentLayout->addWidget(analysisBox);
    contentLayout->addWidget(voiceBox);
    contentLayout->addWidget(libraryBox);
    contentLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setFocusPolicy(Qt::NoFocus); // no unnamed stop: what is in it takes the focus and scrolls it in
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(scroll);

    // Current values; every change is kept at once.
    const SessionSettings settings = AppSettings::sessionSettings();
    d->thinkSeconds->setValue(settings.thinkSeconds);
    (settings.hardStop ? d->overtimeHard : d->overtimeSoft)->setChecked(true);
    d->breakMinutes->setValue(settings.breakMinutes);
    d->followUps->setValue(settings.followUpsPerQuestion);
    d->followUpSeconds->setValue(settings.followUpAnswerSeconds);
    const auto save = [this] {
        SessionSettings changed = AppSettings::sessionSettings();
        changed.thinkSeconds = d->thinkSeconds->value();
        changed.hardStop = d->overtimeHard->isChecked();
        changed.breakMinutes = d->breakMinutes->value();
        changed.followUpsPerQuestion = d->followUps->value();
        changed.followUpAnswerSeconds = d->followUpSeconds->value();
        AppSettings::setSessionSettings(changed);
    };
    for (QSpinBox *box : {d->thinkSeconds, d->breakMinutes, d->followUps, d->followUpSeconds})
        connect(box, &QSpinBox::valueChanged, this, save);
    connect(d->overtimeHard, &QRadioButton::toggled, this, save);
    d->clockAnnouncements->setCurrentIndex(d->clockAnnouncements->findData(int(AppSettings::clockAnnouncements())));
    connect(d->clockAnnouncements, &QComboBox::activated, this, [this] {
        AppSettings::setClockAnnouncements(ClockAnnouncements(d->clockAnnouncements->currentData().toInt()));
    });

    d->monitor = new InputLevelMonitor(this);
    connect(d->monitor, &InputLevelMonitor::levelMeasured, this,
            [this](const AudioLevel &level) { d->testMeter->setLevel(level.rms, level.peak); });
    if (AudioInputs *inputs = d->services.audioInputs) {
        connect(inputs, &AudioInputs::inputsChanged, this, &SettingsPage::showMicrophones);
        connect(inputs, &AudioInputs::chosenInputChanged, this, [this] {
            showMicrophones();
            listen();
        });
    }
    connect(d->microphone, &QComboBox::activated, this, [this](int index) {
        if (d->services.audioInputs)
            d->services.audioInputs->pick(d->microphone->itemData(index).toByteArray());
    });
    connect(change, &QPushButton::clicked, this, &SettingsPage::changeLibraryFolder);
    connect(open, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(d->services.library->folder())); });
    connect(d->services.library, &PracticeLibrary::statusChanged, this, [this](const PracticeLibrary::Status &status) {
        d->libraryFolder->setText(QDir::toNativeSeparators(status.folder));
        d->libraryStatus->setText(status.ok() ? QString() : status.message);
    });
    d->libraryFolder->setText(QDir::toNativeSeparators(d->services.library->folder()));
}

void SettingsPage::fitContentWidth()
{
    // Settings read best in a column of text width, not stretched across a wide window; the width
    // follows the text size.
    d->content->setMaximumWidth(d->content->fontMetrics().averageCharWidth() * 110);
}

void SettingsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange && d->content)
        fitContentWidth();
}

SettingsPage::~SettingsPage() = default;

void SettingsPage::setActive(bool active)
{
    if (active == d->active)
        return;
    d->active = active;
    AudioInputs *inputs = d->services.audioInputs;
    if (active) {
        if (inputs)
            inputs->startMonitoring();
        showMicrophones();
        listen();
    } else {
        if (inputs)
            inputs->stopMonitoring();
        d->monitor->stop();
        d->testMeter->reset();
    }
}

void SettingsPage::listen()
{
    // The test meter runs only while the page is shown: listening costs a little all the time.
    if (!d->active || !d->services.audioInputs)
        return;
    d->testMeter->reset();
    if (!d->monitor->start(d->services.audioInputs->chosenInput()) && !d->monitor->errorString().isEmpty())
        d->microphoneStatus->setText(d->monitor->errorString());
}

void SettingsPage::showMicrophones()
{
    AudioInputs *inputs = d->services.audioInputs;
    const QSignalBlocker blocker(d->microphone);
    d->microphone->clear();
    if (!inputs || inputs->inputs().isEmpty()) {
        d->microphone->addItem(tr("No microphone found"), QByteArray());
        d->microphone->setEnabled(false);
        d->microphoneStatus->setText(tr("Connect a microphone; MockLoop finds it within a few seconds. Until then "
                                        "you can practise, but answers are not recorded."));
        return;
    }
    d->microphone->setEnabled(true);
    const QAudioDevice automatic = AudioInputs::sensibleDefault(inputs->inputs());
    d->microphone->addItem(tr("Automatic (%1)").arg(automatic.description()), QByteArray());
    for (const QAudioDevice &device : inputs->inputs())
        d->microphone->addItem(device.description(), device.id());
    const QByteArray picked = inputs->pickedId();
    const int index = d->microphone->findData(picked);
    if (!picked.isEmpty() && index < 0) {
        d->microphone->addItem(tr("%1 (not connected)").arg(QString::fromUtf8(picked)), picked);
        d->microphone->setCurrentIndex(d->microphone->count() - 1);
        d->microphoneStatus->setText(tr("The microphone you chose is not connected; MockLoop records from %1 "
                                        "until it is back.")
                                         .arg(inputs->chosenInput().description()));
    } else {
        d->microphone->setCurrentIndex(std::max(0, index));
        d->microphoneStatus->setText(tr("Speak: the bar should move with your voice."));
    }
}

void SettingsPage::changeLibraryFolder()
{
    const QString current = d->services.library->folder();
    const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose a Library Folder"), current);
    if (chosen.isEmpty() || QDir(chosen) == QDir(current))
        return;
    QMessageBox box(QMessageBox::Question, tr("Change the library folder"),
                    tr("Move your library (its database and recordings) to %1, or use the library in that folder "
                       "(a new one if it has none)?")
                        .arg(QDir::toNativeSeparators(chosen)),
                    QMessageBox::Cancel, this);
    box.setObjectName(u"libraryFolderChoice"_s);
    QPushButton *move = box.addButton(tr("Move My Library There"), QMessageBox::AcceptRole);
    QPushButton *use = box.addButton(tr("Use That Folder"), QMessageBox::ActionRole);
    box.exec();
    QFuture<PracticeLibrary::Status> done;
    if (box.clickedButton() == move)
        done = d->services.library->moveTo(chosen);
    else if (box.clickedButton() == use)
        done = d->services.library->open(chosen);
    else
        return;
    d->libraryStatus->setText(tr("Working…"));
    done.then(this, [this](const PracticeLibrary::Status &status) {
        if (status.ok())
            AppSettings::setLibraryFolder(status.folder);
        else
            QMessageBox::warning(this, tr("Library folder"), status.message);
    });
}

} // namespace MockLoop
