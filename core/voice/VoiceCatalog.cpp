#include "VoiceCatalog.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace MockLoop::VoiceCatalog {

namespace {

struct CatalogText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::VoiceCatalog)
};

VoiceDescription fliteVoice(const QString &id, const QString &name)
{
    const QString library = u"flite_cmu_us_"_s + id;
    return {id, name, library, 1, "register_cmu_us_" + id.toLatin1(), u"libflite1"_s};
}

} // namespace

QList<VoiceDescription> debianVoices()
{
    // slt, rms and awb are statistical (clustergen) voices: natural, about 0.01 s of CPU per second
    // of speech; kal16 is a diphone voice: robotic, but ten times cheaper (tests/bench/voice_bench).
    return {
        fliteVoice(u"slt"_s, CatalogText::tr("slt: US English, female")),
        fliteVoice(u"rms"_s, CatalogText::tr("rms: US English, male")),
        fliteVoice(u"awb"_s, CatalogText::tr("awb: Scottish English, male")),
        fliteVoice(u"kal16"_s, CatalogText::tr("kal16: US English, male, robotic")),
    };
}

const VoiceDescription *find(const QList<VoiceDescription> &voices, const QString &voiceId)
{
    for (const VoiceDescription &voice : voices) {
        if (voice.id == voiceId)
            return &voice;
    }
    return nullptr;
}

} // namespace MockLoop::VoiceCatalog
