#include "common/ApplicationIdentity.h"
#include "loops/LoopLoader.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

QString fixtureRoot()
{
    return QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops");
}

QStringList readLines(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return {};
    QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    while (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

// Diagnostics as the fixtures spell them: without the file path, which differs per machine.
QStringList diagnosticLines(const LoopDiagnostics &diagnostics, const QString &filePath)
{
    QStringList lines;
    for (const LoopDiagnostic &diagnostic : diagnostics) {
        QString line = diagnostic.toString();
        if (line.startsWith(filePath))
            line = line.mid(filePath.size() + 1);
        lines.append(line);
    }
    return lines;
}

QString list(const QStringList &items)
{
    return u'[' + items.join(u',') + u']';
}

// A one-line-per-item account of what the loader made of a file, for the valid fixtures.
QStringList describe(const Loop &loop)
{
    QStringList lines;
    lines << u"loop %1 version=%2 format=%3 title=\"%4\" company=\"%5\" tips=%6 success_factors=%7 minutes=%8"_s.arg(
        loop.id, QString::number(loop.version), QString::number(loop.formatVersion), loop.title, loop.company,
        QString::number(loop.tips.size()), QString::number(loop.successFactors.size()),
        QString::number(loop.totalMinutes()));
    for (const Level &level : loop.levels)
        lines << u"level %1 \"%2\" team=\"%3\" scope=\"%4\""_s.arg(level.id, level.title, level.teamInfluence,
                                                                   level.scope);
    for (const StoryPhase &phase : loop.storyStructure.phases)
        lines << u"phase %1 \"%2\" seconds=%3"_s.arg(phase.id, phase.title).arg(phase.targetSeconds);
    for (const RubricDimension &dimension : loop.dimensions) {
        lines << u"dimension %1 \"%2\" kind=%3 meaning=%4 anchors=\"%5\"|\"%6\"|\"%7\"|\"%8\""_s.arg(
            dimension.id, dimension.title, dimension.kind == DimensionKind::Value ? u"value"_s : u"craft"_s,
            QString::number(dimension.meaning.size()), dimension.anchor(1), dimension.anchor(2), dimension.anchor(3),
            dimension.anchor(4));
    }
    for (const RedFlagGroup &group : loop.redFlagGroups) {
        QStringList flags;
        for (const RedFlag &flag : group.flags)
            flags << flag.id;
        lines << u"red_flags %1 \"%2\" flags=%3"_s.arg(group.id, group.title, list(flags));
    }
    for (const Category &category : loop.categories)
        lines << u"category %1 \"%2\""_s.arg(category.id, category.title);
    for (const Theme &theme : loop.themes)
        lines << u"theme %1 \"%2\" looking_for=%3"_s.arg(theme.id, theme.title).arg(theme.lookingFor.size());
    for (const Question &question : loop.questions) {
        lines << u"question %1 category=%2 themes=%3 rounds=%4 answer_seconds=%5 follow_ups=%6 strong=%7 \"%8\""_s.arg(
            question.id, question.categoryId, list(question.themeIds), list(question.roundIds),
            QString::number(question.answerSeconds), QString::number(question.followUps.size()),
            QString::number(question.strongAnswer.size()), question.text);
    }
    for (const Round &round : loop.rounds) {
        QStringList pool;
        for (const Question *question : loop.questionPool(round))
            pool << u"%1(%2s)"_s.arg(question->id).arg(loop.suggestedAnswerSeconds(*question, &round));
        lines
            << u"round %1 \"%2\" interviewer=\"%3\" minutes=%4 count=%5 rubric=%6 red_flags=%7 follow_ups=%8 pool=%9"_s
                   .arg(round.id, round.title, round.interviewer, QString::number(round.durationMinutes),
                        round.untilTimeIsUp() ? u"until_time_is_up"_s : QString::number(*round.questionCount),
                        list(round.rubricDimensionIds), list(round.redFlagGroupIds),
                        QString::number(round.followUps.size()), list(pool));
    }
    for (const PreparationMilestone &milestone : loop.preparation)
        lines << u"milestone %1 \"%2\" days_before=%3 items=%4"_s.arg(milestone.id, milestone.title)
                     .arg(milestone.daysBefore)
                     .arg(milestone.items.size());
    return lines;
}

void compareLines(const QStringList &actual, const QStringList &expected)
{
    if (actual == expected)
        return;
    const QString message = u"\n--- expected\n%1\n--- actual\n%2\n"_s.arg(expected.join(u'\n'), actual.join(u'\n'));
    QFAIL(qPrintable(message));
}

LoopLoadResult loadWithTimeLimit(const QString &path, qint64 *milliseconds)
{
    QElapsedTimer timer;
    timer.start();
    LoopLoadResult result = LoopLoader::loadFile(path);
    *milliseconds = timer.elapsed();
    return result;
}

} // namespace

class LoopLoaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { applyApplicationIdentity(*QCoreApplication::instance()); }
    void fixture_givesExpectedDiagnosticsAndModel_data();
    void fixture_givesExpectedDiagnosticsAndModel();
    void readmeExample_loadsAsDocumented();
    void hugeFile_isRefusedQuickly_data();
    void hugeFile_isRefusedQuickly();
    void missingFile_isReportedWithoutPosition();
    void unreadableFile_saysWhy();
    void folder_isNotALoop();
    void randomBytes_neverCrash();
};

void LoopLoaderTest::fixture_givesExpectedDiagnosticsAndModel_data()
{
    QTest::addColumn<QString>("folder");
    const QDir root(fixtureRoot());
    const QStringList cases = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    QVERIFY2(cases.size() >= 20, "the loop fixtures are missing");
    for (const QString &name : cases)
        QTest::newRow(qPrintable(name)) << root.filePath(name);
}

// Each folder holds loop.yaml, expected-diagnostics.txt (one line per diagnostic, without the file
// path; empty when the file is valid) and, for valid files, expected-model.txt.
void LoopLoaderTest::fixture_givesExpectedDiagnosticsAndModel()
{
    QFETCH(QString, folder);
    const QString loopFile = folder + u"/loop.yaml"_s;
    QVERIFY2(QFile::exists(loopFile), qPrintable(loopFile));
    QVERIFY2(QFile::exists(folder + u"/expected-diagnostics.txt"_s), "every fixture states its diagnostics");

    qint64 milliseconds = 0;
    const LoopLoadResult result = loadWithTimeLimit(loopFile, &milliseconds);
    QVERIFY2(milliseconds < 5000, "loading a fixture must never hang");

    compareLines(diagnosticLines(result.diagnostics, loopFile), readLines(folder + u"/expected-diagnostics.txt"_s));
    for (const LoopDiagnostic &diagnostic : result.diagnostics)
        QCOMPARE(diagnostic.filePath, loopFile);

    const QString modelFile = folder + u"/expected-model.txt"_s;
    if (QFile::exists(modelFile)) {
        QVERIFY2(result.ok(), "a fixture with an expected model must load");
        compareLines(describe(*result.loop), readLines(modelFile));
    } else {
        QVERIFY2(!result.ok(), "a fixture without an expected model must fail to load");
    }
}

void LoopLoaderTest::readmeExample_loadsAsDocumented()
{
    QFile readme(QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/README.md"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QString text = QString::fromUtf8(readme.readAll());
    const QRegularExpression yamlBlock(u"```yaml\n(.*?)```"_s, QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch match = yamlBlock.match(text);
    QVERIFY2(match.hasMatch(), "the format README shows a minimal example");

    const LoopLoadResult result = LoopLoader::loadData(match.captured(1).toUtf8(), u"README example"_s);
    compareLines(diagnosticLines(result.diagnostics, u"README example"_s), {});
    QVERIFY(result.ok());
    QCOMPARE(result.loop->rounds.size(), 1);
    QCOMPARE(result.loop->questions.size(), 2);
    QCOMPARE(result.loop->totalMinutes(), 45);
    QVERIFY2(text.contains(u"acme-staff-engineer: 1 round, 2 questions, 45 minutes"_s),
             "the README quotes the validator's summary of its example");
}

void LoopLoaderTest::hugeFile_isRefusedQuickly_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("valid-looking YAML") << QByteArray("- text: Tell me about a time you led a team\n");
    QTest::newRow("one long line") << QByteArray(4096, 'x');
}

void LoopLoaderTest::hugeFile_isRefusedQuickly()
{
    QFETCH(QByteArray, line);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"huge.yaml"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const qint64 target = 50LL * 1000 * 1000;
    QByteArray chunk;
    while (chunk.size() < 1024 * 1024)
        chunk += line;
    while (file.size() < target)
        QVERIFY(file.write(chunk) == chunk.size());
    file.close();

    qint64 milliseconds = 0;
    const LoopLoadResult result = loadWithTimeLimit(path, &milliseconds);
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 1);
    QVERIFY2(result.diagnostics.first().message.startsWith(u"the file is 50."_s),
             qPrintable(result.diagnostics.first().message));
    QVERIFY2(result.diagnostics.first().message.contains(u"at most 4.0 MB"_s),
             qPrintable(result.diagnostics.first().message));
    QVERIFY2(milliseconds < 500, qPrintable(QString::number(milliseconds)));

    // The same bytes handed over in memory are refused as well, before any parsing.
    file.open(QIODevice::ReadOnly);
    const LoopLoadResult inMemory = LoopLoader::loadData(file.readAll(), path);
    QVERIFY(!inMemory.ok());
    QCOMPARE(inMemory.diagnostics.first().message, result.diagnostics.first().message);
}

void LoopLoaderTest::missingFile_isReportedWithoutPosition()
{
    const LoopLoadResult result = LoopLoader::loadFile(u"/nonexistent/loop.yaml"_s);
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.first().toString(), u"/nonexistent/loop.yaml: error: no such file"_s);
}

void LoopLoaderTest::unreadableFile_saysWhy()
{
    // A read that fails after a successful open, which even root meets: the kernel refuses to read
    // address 0 of a process's memory.
    const LoopLoadResult ioError = LoopLoader::loadFile(u"/proc/self/mem"_s);
    QVERIFY(!ioError.ok());
    QCOMPARE(ioError.diagnostics.first().toString(),
             u"/proc/self/mem: error: cannot read the file: Input/output error"_s);

    QTemporaryDir dir;
    const QString path = dir.filePath(u"locked.yaml"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("format_version: 1\n");
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::WriteOwner));
    if (QFile(path).open(QIODevice::ReadOnly))
        QSKIP("permissions do not bind this user (root); the read failure above still ran");

    const LoopLoadResult denied = LoopLoader::loadFile(path);
    QVERIFY(!denied.ok());
    QCOMPARE(denied.diagnostics.first().message, u"cannot read the file: Permission denied"_s);
}

void LoopLoaderTest::folder_isNotALoop()
{
    QTemporaryDir dir;
    const LoopLoadResult result = LoopLoader::loadFile(dir.path());
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.first().message, u"this is a folder, not a loop file"_s);
}

// Mutations of a valid loop: the loader must answer each with diagnostics or a loop, never crash.
void LoopLoaderTest::randomBytes_neverCrash()
{
    QFile valid(fixtureRoot() + u"/valid-complete/loop.yaml"_s);
    QVERIFY(valid.open(QIODevice::ReadOnly));
    const QByteArray original = valid.readAll();
    QRandomGenerator random(20261121);
    static constexpr char Replacements[] = "[]{}:-#&*!|>'\"%@`,? \n\t0aZ";
    for (int round = 0; round < 2000; ++round) {
        QByteArray mutated = original;
        const int edits = 1 + int(random.bounded(8));
        for (int edit = 0; edit < edits; ++edit) {
            const auto position = random.bounded(qsizetype(mutated.size()));
            const char replacement = Replacements[random.bounded(int(sizeof(Replacements) - 1))];
            switch (random.bounded(3)) {
            case 0:
                mutated[position] = replacement;
                break;
            case 1:
                mutated.insert(position, replacement);
                break;
            default:
                mutated.remove(position, 1 + random.bounded(qsizetype(40)));
                break;
            }
        }
        const LoopLoadResult result = LoopLoader::loadData(mutated, u"mutated.yaml"_s);
        QVERIFY(result.ok() || containsErrors(result.diagnostics));
        for (const LoopDiagnostic &diagnostic : result.diagnostics)
            QVERIFY2(!diagnostic.message.isEmpty(), "every diagnostic says what is wrong");
    }
}

QTEST_GUILESS_MAIN(LoopLoaderTest)
#include "loop_loader_test.moc"
