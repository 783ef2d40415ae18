#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace MockLoop {

// One of the interviewer's voices: a libflite voice library, loaded when first used.
struct VoiceDescription
{
    QString id; // as Settings stores it: "slt", "rms", "awb", "kal16"
    QString name; // for a list of voices: "slt: US English, female"
    QString library; // QLibrary name, without "lib" and ".so": flite_cmu_us_slt
    int libraryMajorVersion = 1; // libflite_cmu_us_slt.so.1
    QByteArray registerFunction; // returns the voice: register_cmu_us_slt
    QString package; // the Debian package holding the library
};

// The voices Debian 12's libflite1 (flite 2.2) ships, which MockLoop offers. kal (8 kHz) is left
// out: kal16 is the same speaker at 16 kHz.
namespace VoiceCatalog {

inline const QString DefaultVoiceId = QStringLiteral("slt");

QList<VoiceDescription> debianVoices();

// The description of voiceId in voices, or nullptr.
const VoiceDescription *find(const QList<VoiceDescription> &voices, const QString &voiceId);

} // namespace VoiceCatalog

} // namespace MockLoop
