#include "audio/MultimediaBackend.h"
#include "common/ApplicationIdentity.h"

#include <QStandardPaths>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// Only the environment is touched: no Qt Multimedia object is created, so the backend is never
// actually loaded here.
class MultimediaBackendTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void unset_choosesGStreamer();
    void installedChoice_isKept();
    void backendNotInstalled_isReplacedInsteadOfAborting();

private:
    QStringList m_installed;
};

void MultimediaBackendTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    m_installed = installedMultimediaBackends();
    if (!m_installed.contains(u"gstreamer"_s))
        QSKIP("Qt's GStreamer multimedia backend is not installed");
}

void MultimediaBackendTest::cleanup()
{
    qunsetenv("QT_MEDIA_BACKEND");
}

void MultimediaBackendTest::unset_choosesGStreamer()
{
    qunsetenv("QT_MEDIA_BACKEND");
    QCOMPARE(selectMultimediaBackend(), u"gstreamer"_s);
    QCOMPARE(qgetenv("QT_MEDIA_BACKEND"), "gstreamer");
}

void MultimediaBackendTest::installedChoice_isKept()
{
    for (const QString &backend : std::as_const(m_installed)) {
        qputenv("QT_MEDIA_BACKEND", backend.toLatin1());
        QCOMPARE(selectMultimediaBackend(), backend);
        QCOMPARE(qEnvironmentVariable("QT_MEDIA_BACKEND"), backend);
    }
}

void MultimediaBackendTest::backendNotInstalled_isReplacedInsteadOfAborting()
{
    // Qt 6.4 calls qFatal for a QT_MEDIA_BACKEND it cannot load.
    qputenv("QT_MEDIA_BACKEND", "no-such-backend");
    QCOMPARE(selectMultimediaBackend(), u"gstreamer"_s);
    QCOMPARE(qgetenv("QT_MEDIA_BACKEND"), "gstreamer");
}

QTEST_GUILESS_MAIN(MultimediaBackendTest)
#include "multimedia_backend_test.moc"
