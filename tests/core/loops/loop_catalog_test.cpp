#include "common/ApplicationIdentity.h"
#include "loops/LoopCatalog.h"
#include "loops/LoopCatalogLoader.h"

#include "../../common/HostileLoops.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

QString loopYaml(const QString &id, const QString &title)
{
    return uR"(format_version: 1
id: %1
version: 1
title: %2
rubric:
  - id: ownership
    title: Ownership
    anchors: {1: a, 2: b, 3: c, 4: d}
categories:
  - id: general
    title: General
questions:
  - id: q1
    text: Tell me about yourself.
    category: general
rounds:
  - id: only
    title: Only round
    interviewer: Anyone
    duration_minutes: 30
    questions: {count: 1, categories: [general]}
    rubric: [ownership]
)"_s.arg(id, title);
}

void writeFile(const QString &path, const QString &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(text.toUtf8());
}

const CatalogEntry *entryAt(const LoopCatalog &catalog, const QString &location)
{
    for (const CatalogEntry &entry : catalog.entries()) {
        if (entry.location == location)
            return &entry;
    }
    return nullptr;
}

} // namespace

class LoopCatalogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void builtIn_holdsTheNetflixLoop();
    void userFolder_isUnderApplicationData();
    void userLoop_withBuiltInId_overridesIt();
    void userLoop_withNewId_isListedBesideBuiltIn();
    void brokenUserLoop_isListedWithItsErrors();
    void openedFile_overridesUserLoop_andReopeningReplacesIt();
    void missingUserFolder_isNotAnError();
    void hostileUserLoop_neverHidesTheOthers();
    void loader_deliversEachLoopAsItIsRead();
    void loader_stop_endsTheReadsUnderWay();

private:
    QString m_userFolder;
};

void LoopCatalogTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*QCoreApplication::instance());
    m_userFolder = LoopCatalog::userLoopFolder();
}

void LoopCatalogTest::init()
{
    QDir(m_userFolder).removeRecursively();
}

void LoopCatalogTest::builtIn_holdsTheNetflixLoop()
{
    LoopCatalog catalog;
    catalog.addBuiltIn();
    const auto loop = catalog.find(u"netflix-engineering-leadership"_s);
    QVERIFY2(loop, "the Netflix loop is compiled in");
    QCOMPARE(loop->rounds.size(), 6);
    for (const CatalogEntry &entry : catalog.entries()) {
        QCOMPARE(entry.origin, LoopOrigin::BuiltIn);
        QVERIFY2(entry.isLoaded(), qPrintable(entry.location));
        QVERIFY(entry.location.startsWith(u":/interview_loops/"_s));
    }
}

void LoopCatalogTest::userFolder_isUnderApplicationData()
{
    QCOMPARE(m_userFolder,
             QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/MockLoop"_s
                 + u"/interview_loops"_s);
    QVERIFY(m_userFolder.contains(u"MockLoop"_s));
}

void LoopCatalogTest::userLoop_withBuiltInId_overridesIt()
{
    const QString userFile = m_userFolder + u"/my-netflix.yaml"_s;
    writeFile(userFile, loopYaml(u"netflix-engineering-leadership"_s, u"My Netflix variant"_s));

    const LoopCatalog catalog = LoopCatalog::loadDefault();
    const auto active = catalog.find(u"netflix-engineering-leadership"_s);
    QVERIFY(active);
    QCOMPARE(active->title, u"My Netflix variant"_s);

    const CatalogEntry *user = entryAt(catalog, userFile);
    QVERIFY(user);
    QCOMPARE(user->origin, LoopOrigin::UserFolder);
    QCOMPARE(user->overrides, u":/interview_loops/netflix-engineering-leadership.yaml"_s);
    const CatalogEntry *builtIn = entryAt(catalog, u":/interview_loops/netflix-engineering-leadership.yaml"_s);
    QVERIFY(builtIn);
    QCOMPARE(builtIn->overriddenBy, userFile);
    QVERIFY(!builtIn->isActive());
    QCOMPARE(catalog.activeEntries().size(), catalog.entries().size() - 1);
}

void LoopCatalogTest::userLoop_withNewId_isListedBesideBuiltIn()
{
    writeFile(m_userFolder + u"/acme.yml"_s, loopYaml(u"acme"_s, u"Acme loop"_s));
    writeFile(m_userFolder + u"/notes.txt"_s, u"not a loop"_s);
    const LoopCatalog catalog = LoopCatalog::loadDefault();
    QVERIFY(catalog.find(u"acme"_s));
    QVERIFY(catalog.find(u"netflix-engineering-leadership"_s));
    QVERIFY2(!entryAt(catalog, m_userFolder + u"/notes.txt"_s), "only YAML files are loops");
}

void LoopCatalogTest::brokenUserLoop_isListedWithItsErrors()
{
    const QString broken = m_userFolder + u"/broken.yaml"_s;
    writeFile(broken, u"format_version: 1\nid: broken\nrounds: [\n"_s);
    const LoopCatalog catalog = LoopCatalog::loadDefault();
    const CatalogEntry *entry = entryAt(catalog, broken);
    QVERIFY(entry);
    QVERIFY(!entry->isLoaded());
    QVERIFY(!entry->diagnostics.isEmpty());
    QVERIFY(entry->diagnostics.first().toString().startsWith(broken + u":4:1: error: not valid YAML"_s));
    QVERIFY2(catalog.find(u"netflix-engineering-leadership"_s), "a broken user loop does not hide the others");
}

void LoopCatalogTest::openedFile_overridesUserLoop_andReopeningReplacesIt()
{
    writeFile(m_userFolder + u"/acme.yaml"_s, loopYaml(u"acme"_s, u"Acme from the user folder"_s));
    QTemporaryDir elsewhere;
    const QString opened = elsewhere.filePath(u"acme-draft.yaml"_s);
    writeFile(opened, loopYaml(u"acme"_s, u"Acme draft"_s));

    LoopCatalog catalog = LoopCatalog::loadDefault();
    catalog.addFile(opened);
    QCOMPARE(catalog.find(u"acme"_s)->title, u"Acme draft"_s);

    writeFile(opened, loopYaml(u"acme"_s, u"Acme draft, edited"_s));
    const qsizetype before = catalog.entries().size();
    catalog.addFile(opened);
    QCOMPARE(catalog.entries().size(), before);
    QCOMPARE(catalog.find(u"acme"_s)->title, u"Acme draft, edited"_s);

    writeFile(opened, u"format_version: 1\n"_s);
    catalog.addFile(opened);
    QCOMPARE(catalog.find(u"acme"_s)->title, u"Acme from the user folder"_s);
    QVERIFY(entryAt(catalog, m_userFolder + u"/acme.yaml"_s)->isActive());
}

void LoopCatalogTest::missingUserFolder_isNotAnError()
{
    QVERIFY(!QDir(m_userFolder).exists());
    const LoopCatalog catalog = LoopCatalog::loadDefault();
    QVERIFY(!catalog.entries().isEmpty());
    for (const CatalogEntry &entry : catalog.entries())
        QCOMPARE(entry.origin, LoopOrigin::BuiltIn);
}

void LoopCatalogTest::hostileUserLoop_neverHidesTheOthers()
{
    // Sorted first, so that it is read before the good one: 59 kB that once took minutes.
    const QString hostile = m_userFolder + u"/a-hostile.yaml"_s;
    QDir().mkpath(m_userFolder);
    QFile file(hostile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(HostileLoops::aliasToBigMap(2000, 10000));
    file.close();
    writeFile(m_userFolder + u"/b-acme.yaml"_s, loopYaml(u"acme"_s, u"Acme loop"_s));

    const LoopCatalog catalog = LoopCatalog::loadDefault();
    QVERIFY(catalog.find(u"netflix-engineering-leadership"_s));
    QVERIFY(catalog.find(u"acme"_s));
    const CatalogEntry *entry = entryAt(catalog, hostile);
    QVERIFY(entry);
    QVERIFY(!entry->isLoaded());
    QVERIFY2(entry->diagnostics.first().message.contains(u"once its aliases are expanded"_s),
             qPrintable(entry->diagnostics.first().toString()));
}

void LoopCatalogTest::loader_deliversEachLoopAsItIsRead()
{
    QDir().mkpath(m_userFolder);
    QFile file(m_userFolder + u"/a-hostile.yaml"_s);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(HostileLoops::aliasToBigMap(2000, 10000));
    file.close();
    writeFile(m_userFolder + u"/b-acme.yaml"_s, loopYaml(u"acme"_s, u"Acme loop"_s));

    LoopCatalogLoader loader;
    QSignalSpy changed(&loader, &LoopCatalogLoader::catalogChanged);
    QSignalSpy finished(&loader, &LoopCatalogLoader::finished);
    const QList<LoopSource> sources = LoopCatalog::defaultSources();
    QCOMPARE(sources.size(), 3);
    loader.start(sources);
    QVERIFY(finished.wait(10000));
    QCOMPARE(changed.size(), 3); // one step per file, each as it arrived
    QVERIFY(loader.isFinished());
    QVERIFY(loader.catalog().find(u"netflix-engineering-leadership"_s));
    QVERIFY(loader.catalog().find(u"acme"_s));
    QCOMPARE(loader.catalog().entries().size(), 3);
    // In source order, whichever was read first.
    for (qsizetype i = 0; i < sources.size(); ++i)
        QCOMPARE(loader.catalog().entries().at(i).location, sources.at(i).location);
}

void LoopCatalogTest::loader_stop_endsTheReadsUnderWay()
{
    // Forty files that each take a while to read: stopping does not wait for them to be read.
    QTemporaryDir folder;
    const QByteArray slow = HostileLoops::roundsTimesQuestions(3000, 3000);
    QList<LoopSource> sources;
    for (int i = 0; i < 40; ++i) {
        const QString path = folder.filePath(u"slow-%1.yaml"_s.arg(i));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(slow);
        sources.append({path, LoopOrigin::UserFolder});
    }
    LoopCatalogLoader loader;
    QSignalSpy finished(&loader, &LoopCatalogLoader::finished);
    loader.start(sources);
    loader.stop();
    QVERIFY(finished.wait(10000));
    int stopped = 0;
    for (const CatalogEntry &entry : loader.catalog().entries()) {
        if (!entry.isLoaded() && entry.diagnostics.first().message == u"loading was stopped before it finished"_s)
            ++stopped;
    }
    QCOMPARE(loader.catalog().entries().size(), 40);
    // A busy machine may let a file or two be read before the stop: never most of them.
    QVERIFY2(stopped >= 30, qPrintable(QString::number(stopped)));
}

QTEST_GUILESS_MAIN(LoopCatalogTest)
#include "loop_catalog_test.moc"
