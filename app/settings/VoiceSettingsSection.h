#pragma once

#include "AppServices.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QMediaDevices;
class QPushButton;
class QShowEvent;
class QSpinBox;

namespace MockLoop {

struct VoiceStatus;

// Settings, "Interviewer's voice": whether the interviewer reads aloud, which voice (those that
// load here; the others listed with why they do not), how fast and how loud, on which audio
// output, a line to try it with, and how far past its target a story phase runs before the
// interviewer breaks in. Every change is kept at once (AppSettings) and applies to the next line.
class VoiceSettingsSection : public QGroupBox
{
    Q_OBJECT

public:
    explicit VoiceSettingsSection(const AppServices &services, QWidget *parent = nullptr);

    // What "Try it" says.
    static QString sampleLine();

private:
    void showVoices(const QList<VoiceStatus> &voices);
    void saveVoice();
    void showOutputs();
    void saveOutput();
    void showEvent(QShowEvent *event) override;
    void tryIt();

    AppServices m_services;
    QCheckBox *m_enabled;
    QComboBox *m_voice;
    QLabel *m_voiceStatus;
    QDoubleSpinBox *m_rate;
    QSpinBox *m_volume;
    QComboBox *m_output;
    QMediaDevices *m_mediaDevices;
    QPushButton *m_try;
    QLabel *m_tryStatus;
    QSpinBox *m_threshold;
};

} // namespace MockLoop
