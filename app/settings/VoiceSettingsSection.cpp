#include "VoiceSettingsSection.h"

#include "common/AppSettings.h"
#include "voice/InterviewerVoice.h"
#include "voice/SpeechOutput.h"

#include <QAudioDevice>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMediaDevices>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardItemModel>

using namespace Qt::StringLiterals;

namespace MockLoop {

VoiceSettingsSection::VoiceSettingsSection(const AppServices &services, QWidget *parent)
    : QGroupBox(tr("Interviewer's voice"), parent)
    , m_services(services)
    , m_enabled(new QCheckBox(tr("Read questions and probes a&loud (V turns it off and on in a session)"), this))
    , m_voice(new QComboBox(this))
    , m_voiceStatus(new QLabel(this))
    , m_rate(new QDoubleSpinBox(this))
    , m_volume(new QSpinBox(this))
    , m_output(new QComboBox(this))
    , m_mediaDevices(new QMediaDevices(this))
    , m_try(new QPushButton(tr("Tr&y It"), this))
    , m_tryStatus(new QLabel(this))
    , m_threshold(new QSpinBox(this))
{
    setObjectName(u"voiceSettings"_s);
    m_enabled->setObjectName(u"voiceEnabled"_s);
    m_voice->setObjectName(u"voiceChoice"_s);
    m_voiceStatus->setObjectName(u"voiceStatus"_s);
    m_voiceStatus->setWordWrap(true);
    m_voiceStatus->setMinimumWidth(m_voiceStatus->fontMetrics().averageCharWidth() * 60); // a line, not a column
    m_rate->setObjectName(u"voiceRate"_s);
    m_rate->setRange(0.5, 2.0);
    m_rate->setSingleStep(0.1);
    m_rate->setDecimals(1);
    m_rate->setSuffix(tr("× its own speed"));
    m_volume->setObjectName(u"voiceVolume"_s);
    m_volume->setRange(0, 100);
    m_volume->setSingleStep(10);
    m_volume->setSuffix(tr(" %"));
    m_output->setObjectName(u"voiceOutput"_s);
    m_output->setToolTip(tr("The speakers or headphones the interviewer speaks on."));
    m_try->setObjectName(u"voiceTry"_s);
    m_try->setToolTip(tr("Says: %1").arg(sampleLine()));
    m_tryStatus->setObjectName(u"voiceTryStatus"_s);
    m_tryStatus->setWordWrap(true);
    m_threshold->setObjectName(u"interruptionThreshold"_s);
    m_threshold->setRange(5, 600);
    m_threshold->setSingleStep(5);
    m_threshold->setSuffix(tr(" s over its target"));
    m_threshold->setToolTip(tr("In rounds that interrupt, the interviewer breaks in when a story phase runs this far "
                               "past its target, as real interviewers do."));

    auto *layout = new QFormLayout(this);
    layout->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    layout->addRow(m_enabled);
    const auto labelled = [this, layout](const QString &text, QWidget *field) {
        auto *label = new QLabel(text, this);
        label->setBuddy(field);
        layout->addRow(label, field);
    };
    labelled(tr("Vo&ice:"), m_voice);
    layout->addRow(QString(), m_voiceStatus);
    labelled(tr("Spe&ed:"), m_rate);
    labelled(tr("Vol&ume:"), m_volume);
    labelled(tr("Speaker&s:"), m_output);
    auto *tryRow = new QHBoxLayout;
    tryRow->addWidget(m_try);
    tryRow->addWidget(m_tryStatus, 1);
    layout->addRow(QString(), tryRow);
    labelled(tr("Break i&n when a phase runs:"), m_threshold);

    // Current values; every change is kept at once.
    const VoiceSettings voice = AppSettings::voiceSettings();
    m_enabled->setChecked(AppSettings::voiceEnabled());
    m_rate->setValue(voice.rate);
    m_volume->setValue(int(std::lround(voice.volume * 100)));
    m_threshold->setValue(AppSettings::interruptionThresholdSeconds());
    connect(m_enabled, &QCheckBox::toggled, this, [](bool on) { AppSettings::setVoiceEnabled(on); });
    connect(m_voice, &QComboBox::activated, this, &VoiceSettingsSection::saveVoice);
    connect(m_rate, &QDoubleSpinBox::valueChanged, this, &VoiceSettingsSection::saveVoice);
    connect(m_volume, &QSpinBox::valueChanged, this, &VoiceSettingsSection::saveVoice);
    connect(m_output, &QComboBox::activated, this, &VoiceSettingsSection::saveOutput);
    // Qt 6.4 may not say when outputs come and go: the list is read again each time it is shown.
    connect(m_mediaDevices, &QMediaDevices::audioOutputsChanged, this, &VoiceSettingsSection::showOutputs);
    showOutputs();
    connect(m_threshold, &QSpinBox::valueChanged, this,
            [](int seconds) { AppSettings::setInterruptionThresholdSeconds(seconds); });
    connect(m_try, &QPushButton::clicked, this, &VoiceSettingsSection::tryIt);

    // The voices as the catalogue lists them until each has been tried (on a worker thread).
    QList<VoiceStatus> listed;
    for (const VoiceDescription &description : VoiceCatalog::debianVoices())
        listed.append({description, std::nullopt});
    showVoices(listed);
    if (!m_services.voice || !m_services.speech) {
        for (QWidget *control : std::initializer_list<QWidget *>{m_voice, m_rate, m_volume, m_output, m_try})
            control->setEnabled(false);
        m_voiceStatus->setText(tr("The interviewer's voice is not available in this session of MockLoop."));
        return;
    }
    m_voiceStatus->setText(tr("Checking which voices are installed…"));
    m_services.voice->checkVoices().then(this, [this](const QList<VoiceStatus> &voices) { showVoices(voices); });
    connect(m_services.speech, &SpeechOutput::finished, this, [this](const QString &text) {
        if (text == sampleLine())
            m_tryStatus->clear();
    });
    connect(m_services.speech, &SpeechOutput::stopped, this, [this](const QString &text) {
        if (text == sampleLine())
            m_tryStatus->clear();
    });
    connect(m_services.speech, &SpeechOutput::failed, this, [this](const QString &text, const QString &message) {
        if (text == sampleLine())
            m_tryStatus->setText(message);
    });
}

QString VoiceSettingsSection::sampleLine()
{
    return tr("Tell me about a time you made a significant decision without explicit approval.");
}

void VoiceSettingsSection::showVoices(const QList<VoiceStatus> &voices)
{
    const QString chosen = AppSettings::voiceSettings().voiceId;
    const QSignalBlocker blocker(m_voice);
    m_voice->clear();
    auto *model = qobject_cast<QStandardItemModel *>(m_voice->model());
    QStringList missing;
    bool checked = false;
    for (const VoiceStatus &status : voices) {
        // A voice that does not load is listed, greyed, with the reason: not silently left out.
        const QString name = status.available() ? status.voice.name : tr("%1 (not available)").arg(status.voice.name);
        m_voice->addItem(name, status.voice.id);
        if (!status.available()) {
            model->item(m_voice->count() - 1)->setEnabled(false);
            missing << status.error->message;
        }
        checked = checked || status.error.has_value();
    }
    const int index = m_voice->findData(chosen);
    m_voice->setCurrentIndex(std::max(0, index));
    if (!missing.isEmpty())
        m_voiceStatus->setText(missing.join(u'\n'));
    else if (m_services.voice)
        m_voiceStatus->setText(tr("Every voice is installed. slt, rms and awb sound natural; kal16 is robotic but "
                                  "the lightest."));
}

void VoiceSettingsSection::saveVoice()
{
    VoiceSettings settings;
    settings.voiceId = m_voice->currentData().toString();
    settings.rate = m_rate->value();
    settings.volume = m_volume->value() / 100.0;
    AppSettings::setVoiceSettings(settings);
    if (m_services.voice)
        m_services.voice->setSettings(settings);
}

void VoiceSettingsSection::showOutputs()
{
    const QByteArray chosen = AppSettings::voiceOutputId();
    const QSignalBlocker blocker(m_output);
    m_output->clear();
    m_output->addItem(tr("The system's default output"), QByteArray());
    for (const QAudioDevice &output : QMediaDevices::audioOutputs())
        m_output->addItem(output.description(), output.id());
    int index = m_output->findData(chosen);
    if (index < 0) {
        // Chosen once and not connected now: kept, and said so (the default plays meanwhile).
        m_output->addItem(tr("%1 (not connected: the default plays instead)").arg(QString::fromUtf8(chosen)), chosen);
        index = m_output->count() - 1;
    }
    m_output->setCurrentIndex(index);
}

void VoiceSettingsSection::saveOutput()
{
    const QByteArray deviceId = m_output->currentData().toByteArray();
    AppSettings::setVoiceOutputId(deviceId);
    if (m_services.speech)
        m_services.speech->setOutputDeviceId(deviceId);
}

void VoiceSettingsSection::showEvent(QShowEvent *event)
{
    showOutputs();
    QGroupBox::showEvent(event);
}

void VoiceSettingsSection::tryIt()
{
    if (!m_services.speech)
        return;
    m_tryStatus->setText(tr("Speaking…"));
    m_services.speech->say(sampleLine());
}

} // namespace MockLoop
