#include "AudioTestSupport.h"
#include "audio/WavFormat.h"
#include "audio/WavWriter.h"
#include "common/ApplicationIdentity.h"

#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include <cerrno>
#include <csignal>
#include <cstring>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// What the system says for errno, in this locale: "File too large" for EFBIG in English.
QString systemMessage(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

constexpr PcmFormat Speech{16000, 1, 16};

QByteArray tone(qint64 frames, qint16 value = 1000)
{
    QByteArray pcm(frames * 2, Qt::Uninitialized);
    for (qint64 i = 0; i < frames; ++i)
        qToLittleEndian(qint16(i % 2 ? value : -value), pcm.data() + i * 2);
    return pcm;
}

// The sizes the header on disk claims now, read through a separate handle.
struct Sizes
{
    quint32 riff = 0;
    quint32 data = 0;
};

Sizes sizesOnDisk(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray header = file.read(44);
    if (header.size() < 44)
        return {};
    return {qFromLittleEndian<quint32>(header.constData() + 4), qFromLittleEndian<quint32>(header.constData() + 40)};
}

} // namespace

class WavWriterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void open_writesPartWithZeroSizedHeader();
    void append_patchesSizesOncePerSecondOfAudio();
    void finish_renamesToCompleteWav();
    void finish_cutsTornFrame();
    void existingTake_isNeverOverwritten();
    void existingPart_isNeverOverwritten();
    void unwritableFolder_reportsPathAndReason();
    void fullDisk_stopsAndKeepsValidWav();
    void destructor_finishesOpenTake();
    void discardEmpty_removesOnlyEmptyPart();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void WavWriterTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    QStandardPaths::setTestModeEnabled(true);
    std::signal(SIGXFSZ, SIG_IGN);
}

void WavWriterTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void WavWriterTest::open_writesPartWithZeroSizedHeader()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    WavWriter writer;
    QVERIFY2(writer.open(path, Speech), qPrintable(writer.errorString()));
    QVERIFY(!QFile::exists(path));
    QVERIFY(QFile::exists(path + u".part"_s));
    QFile part(path + u".part"_s);
    QVERIFY(part.open(QIODevice::ReadOnly));
    QCOMPARE(part.readAll(), Wav::canonicalHeader(Speech, 0));
    const auto layout = Wav::readLayout(path + u".part"_s, nullptr);
    QVERIFY(layout);
    QCOMPARE(layout->format, Speech);
    QCOMPARE(layout->dataOffset, 44);
}

void WavWriterTest::append_patchesSizesOncePerSecondOfAudio()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    const QString part = path + u".part"_s;
    WavWriter writer;
    QVERIFY(writer.open(path, Speech));

    // 0.9 s in 50 ms buffers: no checkpoint yet, the header still says zero.
    for (int i = 0; i < 18; ++i)
        QVERIFY(writer.append(tone(800).constData(), 1600));
    QCOMPARE(writer.checkpointCount(), 0);
    QCOMPARE(sizesOnDisk(part).data, 0u);
    QCOMPARE(QFileInfo(part).size(), 44 + 18 * 1600);

    // Crossing one second of audio patches both sizes (what a crash right now would leave).
    QVERIFY(writer.append(tone(800).constData(), 1600));
    QVERIFY(writer.append(tone(800).constData(), 1600));
    QCOMPARE(writer.checkpointCount(), 1);
    QCOMPARE(sizesOnDisk(part).data, 32000u);
    QCOMPARE(sizesOnDisk(part).riff, 32036u);

    // Not again before the next second.
    QVERIFY(writer.append(tone(800).constData(), 1600));
    QCOMPARE(writer.checkpointCount(), 1);
    QCOMPARE(sizesOnDisk(part).data, 32000u);
}

void WavWriterTest::finish_renamesToCompleteWav()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    WavWriter writer;
    QVERIFY(writer.open(path, Speech));
    const QByteArray pcm = tone(24000);
    QVERIFY(writer.append(pcm.constData(), pcm.size()));
    QVERIFY(writer.finish());
    QCOMPARE(writer.error(), WavWriter::Error::None);
    QVERIFY(!QFile::exists(path + u".part"_s));

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), Wav::canonicalHeader(Speech, pcm.size()) + pcm);
    QCOMPARE(writer.frames(), 24000);
}

void WavWriterTest::finish_cutsTornFrame()
{
    const QString path = m_dir->filePath(u"stereo.wav"_s);
    const PcmFormat stereo{16000, 2, 16};
    WavWriter writer;
    QVERIFY(writer.open(path, stereo));
    const QByteArray pcm = tone(1001); // 1001 samples: 500 frames and half of one
    QVERIFY(writer.append(pcm.constData(), pcm.size()));
    QVERIFY(writer.finish());
    const auto layout = Wav::readLayout(path, nullptr);
    QVERIFY(layout);
    QCOMPARE(layout->declaredDataBytes, 2000);
    QCOMPARE(QFileInfo(path).size(), 44 + 2000);
}

void WavWriterTest::existingTake_isNeverOverwritten()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    QFile existing(path);
    QVERIFY(existing.open(QIODevice::WriteOnly));
    existing.write("someone's take");
    existing.close();

    WavWriter writer;
    QVERIFY(!writer.open(path, Speech));
    QCOMPARE(writer.error(), WavWriter::Error::CannotCreate);
    QVERIFY2(writer.errorString().contains(path), qPrintable(writer.errorString()));
    QVERIFY(existing.open(QIODevice::ReadOnly));
    QCOMPARE(existing.readAll(), "someone's take");
    QVERIFY(!QFile::exists(path + u".part"_s));
}

void WavWriterTest::existingPart_isNeverOverwritten()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    QFile part(path + u".part"_s);
    QVERIFY(part.open(QIODevice::WriteOnly));
    part.write(Wav::canonicalHeader(Speech, 0) + tone(100));
    part.close();

    WavWriter writer;
    QVERIFY(!writer.open(path, Speech));
    QCOMPARE(writer.error(), WavWriter::Error::CannotCreate);
    QVERIFY2(writer.errorString().contains(u"interrupted"_s), qPrintable(writer.errorString()));
    QCOMPARE(QFileInfo(part).size(), 44 + 200);
}

void WavWriterTest::unwritableFolder_reportsPathAndReason()
{
    // A folder that cannot exist (its parent is a file) fails even for root, unlike permissions.
    QFile blocker(m_dir->filePath(u"not-a-folder"_s));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    const QString path = m_dir->filePath(u"not-a-folder/answer.wav"_s);

    WavWriter writer;
    QVERIFY(!writer.open(path, Speech));
    QCOMPARE(writer.error(), WavWriter::Error::CannotCreate);
    QVERIFY2(writer.errorString().contains(path), qPrintable(writer.errorString()));
    QVERIFY2(writer.errorString().contains(systemMessage(ENOTDIR)), qPrintable(writer.errorString()));
    QVERIFY2(writer.errorString().contains(u"Choose a folder"_s), qPrintable(writer.errorString()));
}

void WavWriterTest::fullDisk_stopsAndKeepsValidWav()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    WavWriter writer;
    QVERIFY(writer.open(path, Speech));
    {
        // The file may not grow past 44 + 10,001 bytes: a write stops half-way through a frame.
        const AudioTest::FileSizeLimit limit(44 + 10001);
        bool ok = true;
        for (int i = 0; i < 20 && ok; ++i)
            ok = writer.append(tone(800).constData(), 1600);
        QVERIFY(!ok);
    }
    QCOMPARE(writer.error(), WavWriter::Error::WriteFailed);
    QVERIFY2(writer.errorString().contains(path), qPrintable(writer.errorString()));
    QVERIFY2(writer.errorString().contains(systemMessage(EFBIG)), qPrintable(writer.errorString()));
    QVERIFY(!writer.append(tone(800).constData(), 1600)); // refuses further audio

    QVERIFY(writer.finish());
    QCOMPARE(writer.error(), WavWriter::Error::WriteFailed); // still says why the take ended
    const auto layout = Wav::readLayout(path, nullptr);
    QVERIFY(layout);
    QCOMPARE(layout->declaredDataBytes, 10000);
    QCOMPARE(QFileInfo(path).size(), 44 + 10000);
}

void WavWriterTest::destructor_finishesOpenTake()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    {
        WavWriter writer;
        QVERIFY(writer.open(path, Speech));
        QVERIFY(writer.append(tone(1600).constData(), 3200));
    }
    const auto layout = Wav::readLayout(path, nullptr);
    QVERIFY(layout);
    QCOMPARE(layout->declaredDataBytes, 3200);
}

void WavWriterTest::discardEmpty_removesOnlyEmptyPart()
{
    const QString path = m_dir->filePath(u"answer.wav"_s);
    WavWriter empty;
    QVERIFY(empty.open(path, Speech));
    QVERIFY(empty.discardEmpty());
    QVERIFY(!QFile::exists(path + u".part"_s));

    WavWriter full;
    QVERIFY(full.open(path, Speech));
    QVERIFY(full.append(tone(10).constData(), 20));
    QVERIFY(!full.discardEmpty());
    QVERIFY(full.finish());
    QVERIFY(QFile::exists(path));
}

QTEST_GUILESS_MAIN(WavWriterTest)
#include "wav_writer_test.moc"
