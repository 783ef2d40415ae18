#pragma once

#include "AppServices.h"

#include <QWidget>

namespace MockLoop {

// The person's choices: the microphone (the list follows devices as they come and go) with a live
// level to test it, the default think time, the overtime policy, the break between rounds, the
// follow-up probes, the speech analysis (AnalysisSettings.h), and the library folder (shown,
// changeable, openable in the file manager).
class SettingsPage : public QWidget
{
    Q_OBJECT

public:
    SettingsPage(const AppServices &services, QWidget *parent = nullptr);
    ~SettingsPage() override;

    // While the page is shown, the microphones are watched and the test meter runs.
    void setActive(bool active);

protected:
    void changeEvent(QEvent *event) override;

private:
    void fitContentWidth();
    void showMicrophones();
    void listen();
    void changeLibraryFolder();

    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace MockLoop
