#pragma once

#include <QList>
#include <QString>
#include <QTemporaryDir>

namespace MockLoop {
class PracticeLibrary;
}

// Practice libraries whose takes hold real speech, for the tests of the analysis service and its
// Settings section (and the GUI-stall bench): flite speaks a scripted answer once per process
// (tests/analysis/SpeechFixtures), and each take is a stretch of it.
namespace AnalysisTestLibrary {

inline const QString DefaultModelFolder = QStringLiteral("/usr/share/pocketsphinx/model/en-us");

// Test-mode settings and paths, MockLoop's name; then what these tests need and this machine lacks
// (the speech model, flite, sox), or nothing.
QString prepare();

// Adds count takes of seconds each to the library in folder (created if need be), one answer each,
// answered a minute apart, each a different stretch of the spoken answer. Returns the answers' ids,
// oldest first; empty with the reason in error when something failed.
QList<qint64> fill(const QString &folder, int count, double seconds, QString *error);

// The takes the library has left to analyse (-1: not open); waits for the library's thread.
int takesLeft(MockLoop::PracticeLibrary &library);

// One test's corner: the settings cleared before and after, and a temporary folder for the library
// and copies of the model, removed with it. Failing to make what a test needs ends the test
// program (qFatal): nothing after it would mean anything.
class Scratch
{
public:
    Scratch();
    ~Scratch();

    QString libraryFolder() const { return m_dir.filePath(QStringLiteral("library")); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    // fill() on libraryFolder().
    QList<qint64> fill(int count, double seconds) const;
    // A copy of the default model in filePath(name).
    QString modelCopy(const QString &name) const;

private:
    QTemporaryDir m_dir;
};

} // namespace AnalysisTestLibrary
