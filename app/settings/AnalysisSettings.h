#pragma once

#include <QGroupBox>

class QCheckBox;
class QFileDialog;
class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace MockLoop {

class AnalysisService;

// Settings' "Speech analysis" section: analysis on or off, re-analysing every take (with its
// progress and Cancel), what the background work is doing when it runs on its own, the takes that
// could not be analysed and why, and the folder the speech model is read from (checked off the GUI
// thread before it is used). Everything it shows comes from the AnalysisService, so it stays true
// whoever started the work.
class AnalysisSettings : public QGroupBox
{
    Q_OBJECT

public:
    explicit AnalysisSettings(AnalysisService *analysis, QWidget *parent = nullptr);

private:
    void showStatus();
    void showFailures();
    void showModelFolder();
    void showModelMessage(const QString &message); // under the folder; hidden when empty
    void chooseModelFolder();
    void useModelFolder(const QString &folder);

    AnalysisService *m_analysis;
    QCheckBox *m_enabled = nullptr;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_reanalyse = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_failures = nullptr;
    QPushButton *m_showFailures = nullptr;
    QPlainTextEdit *m_failureMessages = nullptr;
    QLabel *m_modelFolder = nullptr;
    QLabel *m_modelStatus = nullptr;
    QPushButton *m_chooseModel = nullptr;
    QPushButton *m_resetModel = nullptr;
    QPushButton *m_checkModel = nullptr;
    QFileDialog *m_folderDialog = nullptr;
    bool m_folderBeingChecked = false;
    int m_takePercent = 0; // of the take being analysed in the background
};

} // namespace MockLoop
