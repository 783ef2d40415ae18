#include "AudioTestSupport.h"

#include "audio/AudioInputs.h"
#include "audio/MultimediaBackend.h"
#include "common/ApplicationIdentity.h"

#include <QMediaDevices>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

QList<QByteArray> idsOf(const QList<QAudioDevice> &devices)
{
    QList<QByteArray> ids;
    for (const QAudioDevice &device : devices)
        ids.append(device.id());
    return ids;
}

} // namespace

class AudioInputsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void rigInputs_areListed();
    void noPick_choosesServerDefault();
    void pick_isPersistedAndUsed();
    void pickNotConnected_fallsBackToDefault();
    void emptyPick_returnsToDefault();
    void monitoring_isCounted();
    void hotPlug_isNoticedByPolling();

private:
    QTemporaryDir m_settings;
    AudioTest::RigModules m_modules; // loaded by a test, unloaded in cleanup()
};

void AudioInputsTest::initTestCase()
{
    MOCKLOOP_REQUIRE_AUDIO_RIG();
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    selectMultimediaBackend();
}

void AudioInputsTest::init()
{
    QSettings().remove(QString::fromLatin1(AudioInputs::SettingsKey));
}

void AudioInputsTest::cleanup()
{
    m_modules.unloadAll();
}

void AudioInputsTest::rigInputs_areListed()
{
    AudioInputs inputs;
    const QList<QByteArray> ids = idsOf(inputs.inputs());
    QVERIFY2(ids.contains("mic") && ids.contains("pipemic"), qPrintable(QString::fromLatin1(ids.join(' '))));
    for (const QByteArray &id : ids)
        QVERIFY(!id.endsWith(".monitor"));
}

void AudioInputsTest::noPick_choosesServerDefault()
{
    AudioInputs inputs;
    QVERIFY(inputs.pickedId().isEmpty());
    QVERIFY(!inputs.isPickedConnected());
    QCOMPARE(inputs.chosenInput().id(), "mic"); // the rig's default source
    QCOMPARE(AudioInputs::sensibleDefault(inputs.inputs()).id(), "mic");
}

void AudioInputsTest::pick_isPersistedAndUsed()
{
    AudioInputs inputs;
    QSignalSpy chosenChanged(&inputs, &AudioInputs::chosenInputChanged);
    inputs.pick("pipemic");
    QCOMPARE(chosenChanged.size(), 1);
    QCOMPARE(inputs.chosenInput().id(), "pipemic");
    QCOMPARE(QSettings().value(u"audio/inputDeviceId"_s).toByteArray(), "pipemic");

    const AudioInputs later; // as after a restart
    QCOMPARE(later.pickedId(), "pipemic");
    QVERIFY(later.isPickedConnected());
    QCOMPARE(later.chosenInput().id(), "pipemic");
}

void AudioInputsTest::pickNotConnected_fallsBackToDefault()
{
    AudioInputs inputs;
    QSignalSpy chosenChanged(&inputs, &AudioInputs::chosenInputChanged);
    inputs.pick("usb-microphone-in-a-drawer");
    QVERIFY(chosenChanged.isEmpty()); // still the default
    QCOMPARE(inputs.pickedId(), "usb-microphone-in-a-drawer");
    QVERIFY(!inputs.isPickedConnected());
    QCOMPARE(inputs.chosenInput().id(), "mic");
}

void AudioInputsTest::emptyPick_returnsToDefault()
{
    AudioInputs inputs;
    inputs.pick("pipemic");
    inputs.pick({});
    QVERIFY(!QSettings().contains(u"audio/inputDeviceId"_s));
    QCOMPARE(inputs.chosenInput().id(), "mic");
}

void AudioInputsTest::monitoring_isCounted()
{
    AudioInputs inputs;
    QVERIFY(!inputs.isMonitoring());
    inputs.startMonitoring(); // the recording page
    inputs.startMonitoring(); // the settings page
    inputs.stopMonitoring();
    QVERIFY(inputs.isMonitoring());
    inputs.stopMonitoring();
    QVERIFY(!inputs.isMonitoring());
    inputs.stopMonitoring();
    QVERIFY(!inputs.isMonitoring());
}

void AudioInputsTest::hotPlug_isNoticedByPolling()
{
    AudioInputs inputs;
    inputs.pick("hotplug");
    QCOMPARE(inputs.chosenInput().id(), "mic");
    QSignalSpy listChanged(&inputs, &AudioInputs::inputsChanged);
    QSignalSpy chosenChanged(&inputs, &AudioInputs::chosenInputChanged);
    inputs.startMonitoring(); // polls every 2 s from now on

    // Plug the picked microphone in.
    QVERIFY(m_modules.load(u"module-null-sink"_s, {u"sink_name=hotplugfeed"_s, u"rate=16000"_s, u"channels=1"_s}));
    QVERIFY(m_modules.load(u"module-remap-source"_s, {u"source_name=hotplug"_s, u"master=hotplugfeed.monitor"_s}));
    QTRY_VERIFY_WITH_TIMEOUT(idsOf(inputs.inputs()).contains("hotplug"), 10000);
    QVERIFY(!listChanged.isEmpty());
    QCOMPARE(chosenChanged.size(), 1);
    QCOMPARE(inputs.chosenInput().id(), "hotplug");
    QVERIFY(inputs.isPickedConnected());

    // And out again: back to the default.
    m_modules.unloadLast();
    QTRY_VERIFY_WITH_TIMEOUT(!idsOf(inputs.inputs()).contains("hotplug"), 10000);
    QCOMPARE(chosenChanged.size(), 2);
    QCOMPARE(inputs.chosenInput().id(), "mic");
    inputs.stopMonitoring();
}

QTEST_GUILESS_MAIN(AudioInputsTest)
#include "audio_inputs_test.moc"
