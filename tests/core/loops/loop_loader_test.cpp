#include "common/ApplicationIdentity.h"
#include "loops/LoopLoader.h"

#include "../../common/HostileLoops.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace {

// The loader reports at most this many problems of a file, and then says it stopped.
constexpr qsizetype MaxDiagnostics = 200;

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

QString quotedList(const QStringList &items)
{
    QStringList quoted;
    for (const QString &item : items)
        quoted << u'"' + item + u'"';
    return list(quoted);
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
    for (const StoryPhase &phase : loop.storyStructure.phases) {
        lines << u"phase %1 \"%2\" seconds=%3"_s.arg(phase.id, phase.title).arg(phase.targetSeconds);
        if (!phase.interruptions.isEmpty())
            lines << u"  interruptions %1"_s.arg(quotedList(phase.interruptions));
    }
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
        // What the interviewer says, in the fixtures that give it.
        if (!round.opening.isEmpty())
            lines << u"  opening \"%1\""_s.arg(round.opening);
        if (!round.closing.isEmpty())
            lines << u"  closing \"%1\""_s.arg(round.closing);
        if (round.interruptsOverruns || !round.interruptions.isEmpty()) {
            QStringList byPhase;
            for (const StoryPhase &phase : loop.storyStructure.phases)
                byPhase << phase.id + u'=' + quotedList(loop.interruptionLines(round, phase.id));
            lines << u"  interrupts=%1 own=%2 %3"_s.arg(round.interruptsOverruns ? u"true"_s : u"false"_s)
                         .arg(round.interruptions.size())
                         .arg(byPhase.join(u' '));
        }
        if (!loop.spokenLines(round).isEmpty())
            lines << u"  spoken %1"_s.arg(quotedList(loop.spokenLines(round)));
    }
    // The adaptive probes and the voice's default, in the fixtures that give them.
    if (!loop.interviewerSpeaks)
        lines << u"interviewer_speaks=false"_s;
    for (const ProbeSet &set : loop.probeSets) {
        lines << u"probes %1%2 rounds=%3 %4"_s.arg(probeSignalId(set.signal),
                                                   set.phaseId.isEmpty() ? QString() : u" phase="_s + set.phaseId,
                                                   list(set.roundIds), quotedList(set.lines));
    }
    for (const Round &round : loop.rounds) {
        if (loop.probeSets.isEmpty())
            break;
        QStringList chosen;
        for (const ProbeSignal signal : {ProbeSignal::NoNumbers, ProbeSignal::NoMemberMention, ProbeSignal::WeOverI})
            chosen << probeSignalId(signal) + u'=' + quotedList(loop.probeLines(round, signal));
        for (const StoryPhase &phase : loop.storyStructure.phases)
            chosen << phase.id + u'=' + quotedList(loop.probeLines(round, ProbeSignal::MissingPhase, phase.id));
        lines << u"round %1 probes %2"_s.arg(round.id, chosen.join(u' '));
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
    void hostileInput_isRefusedWithAClearError_data();
    void hostileInput_isRefusedWithAClearError();
    void keyGivenTwice_amongThousands_isFound();
    void hugeKey_isQuotedCutShort();
    void manyUnknownReferences_areReportedBriefly();
    void manyRoundsAndQuestions_loadWithTheirPools();
    void stopRequest_endsTheLoad();
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

// Small versions of the inputs tests/bench/hostile_loop_bench times at full size: each is refused
// with one error that says why, at the place it went too far.
void LoopLoaderTest::hostileInput_isRefusedWithAClearError_data()
{
    namespace H = HostileLoops;
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("message");
    const QString tooManyValues
        = u"the file holds more than 500000 values once its aliases are expanded (each use of "
          "an alias repeats all it refers to); a loop needs far fewer. Is this the right file?"_s;
    QTest::newRow("alias to a big map, used often") << H::aliasToBigMap(100, 6000) << 6 << tooManyValues;
    QTest::newRow("nested aliases") << H::nestedAliases(7, 9) << 11 << tooManyValues;
    QTest::newRow("alias to a long text, used often")
        << H::aliasToLongText(100000, 200) << 6
        << u"the file holds more than 16 MB of text once its aliases are expanded (each use of an alias repeats all "
           "it refers to); a loop needs far less. Is this the right file?"_s;
    QTest::newRow("recursive alias") << H::recursiveAlias() << 5
                                     << u"the alias *a is used inside the node it refers to, which would repeat "
                                        "without end"_s;
    QTest::newRow("dense list") << H::denseList(600000) << 5 << tooManyValues;
    QTest::newRow("deep nesting") << H::deepNesting(10000) << 5
                                  << u"not valid YAML: lists or mappings are nested more than 500 levels deep"_s;
}

void LoopLoaderTest::hostileInput_isRefusedWithAClearError()
{
    QFETCH(QByteArray, data);
    QFETCH(int, line);
    QFETCH(QString, message);
    const LoopLoadResult result = LoopLoader::loadData(data, u"hostile.yaml"_s);
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.first().message, message);
    QCOMPARE(result.diagnostics.first().line, line);
}

void LoopLoaderTest::keyGivenTwice_amongThousands_isFound()
{
    // 20,000 keys, then the fifth again: found, and by a check that does not compare every pair.
    const QByteArray data = HostileLoops::manyKeys(20000) + "k4: 1\n";
    const LoopLoadResult result = LoopLoader::loadData(data, u"keys.yaml"_s);
    QVERIFY(!result.ok());
    const QStringList lines = diagnosticLines(result.diagnostics, u"keys.yaml"_s);
    QVERIFY2(lines.contains(u"20005:1: error: k4: field given twice (first on line 9)"_s),
             qPrintable(lines.join(u'\n')));
    QVERIFY(result.diagnostics.size() <= MaxDiagnostics + 1);
}

void LoopLoaderTest::hugeKey_isQuotedCutShort()
{
    const LoopLoadResult result = LoopLoader::loadData(HostileLoops::hugeKey(100000), u"key.yaml"_s);
    QVERIFY(!result.ok());
    const QStringList lines = diagnosticLines(result.diagnostics, u"key.yaml"_s);
    const auto found
        = std::find_if(lines.cbegin(), lines.cend(), [](const QString &l) { return l.startsWith(u"5:3: "_s); });
    QVERIFY(found != lines.cend());
    const QString line = *found;
    QVERIFY2(line.startsWith(u"5:3: error: kkkk"_s) && line.contains(u"unknown field 'kkkk"_s)
                 && line.contains(u"… (100000 bytes)'"_s),
             qPrintable(line.left(400)));
    QVERIFY2(line.size() < 450, qPrintable(QString::number(line.size()))); // the key cut short, then the known keys
}

void LoopLoaderTest::manyUnknownReferences_areReportedBriefly()
{
    const LoopLoadResult result = LoopLoader::loadData(HostileLoops::manyUnknownReferences(1000), u"refs.yaml"_s);
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), MaxDiagnostics + 1);
    const QString first = result.diagnostics.first().message;
    QVERIFY2(first.startsWith(u"unknown question 'missing-0' (expected one of the 1000 defined, such as question-0, "
                              "question-1,"_s),
             qPrintable(first));
    QVERIFY2(first.size() < 400, qPrintable(first));
    QCOMPARE(result.diagnostics.last().message, u"too many problems; stopping after 200"_s);
}

void LoopLoaderTest::manyRoundsAndQuestions_loadWithTheirPools()
{
    const LoopLoadResult result = LoopLoader::loadData(HostileLoops::roundsTimesQuestions(300, 300), u"rounds.yaml"_s);
    QVERIFY2(result.ok(), qPrintable(diagnosticLines(result.diagnostics, u"rounds.yaml"_s).join(u'\n')));
    QCOMPARE(result.loop->rounds.size(), 300);
    QCOMPARE(result.loop->questionPool(result.loop->rounds.last()).size(), 300);

    // The supply check counts as Loop::questionPool does: a round asking more than it draws on.
    QByteArray short_ = HostileLoops::roundsTimesQuestions(2, 3);
    short_.replace("count: 1, categories", "count: 4, categories");
    const LoopLoadResult refused = LoopLoader::loadData(short_, u"rounds.yaml"_s);
    QVERIFY(!refused.ok());
    QVERIFY2(refused.diagnostics.first().message == u"the round asks 4 questions but its sources supply only 3"_s,
             qPrintable(refused.diagnostics.first().message));
}

void LoopLoaderTest::stopRequest_endsTheLoad()
{
    std::stop_source stop;
    stop.request_stop();
    const LoopLoadResult result
        = LoopLoader::loadData(HostileLoops::roundsTimesQuestions(300, 300), u"stopped.yaml"_s, stop.get_token());
    QVERIFY(!result.ok());
    QCOMPARE(result.diagnostics.size(), 1);
    QCOMPARE(result.diagnostics.first().toString(), u"stopped.yaml: error: loading was stopped before it finished"_s);
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
