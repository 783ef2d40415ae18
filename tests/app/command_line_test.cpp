#include "../common/HostileLoops.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

// The mockloop executable's console commands, run as a user would, with no display at all.
class CommandLineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void validate_validFile_printsSummary_exitsZero();
    void validate_brokenFile_printsCompilerStyleErrors_exitsOne();
    void validate_severalFiles_reportsEach();
    void validate_withoutFiles_isAUsageError();
    void validate_controlCharactersInTheFile_cannotForgeLines();
    void listLoops_showsBuiltInAndUserLoops_andOverrides();
    void listLoops_hostileUserLoop_isReportedPromptly();
    void version_and_help();

private:
    Run mockloop(const QStringList &arguments);
    QString fixture(const QString &name) const;

    QTemporaryDir m_home;
};

void CommandLineTest::init()
{
    QDir(m_home.path()).removeRecursively();
    QDir().mkpath(m_home.path());
}

Run CommandLineTest::mockloop(const QStringList &arguments)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // No display of any kind: the console commands must not need one.
    environment.remove(u"DISPLAY"_s);
    environment.remove(u"WAYLAND_DISPLAY"_s);
    environment.remove(u"QT_QPA_PLATFORM"_s);
    environment.insert(u"HOME"_s, m_home.path());
    environment.insert(u"XDG_DATA_HOME"_s, m_home.filePath(u"data"_s));
    environment.insert(u"XDG_CONFIG_HOME"_s, m_home.filePath(u"config"_s));
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(MOCKLOOP_EXECUTABLE), arguments);
    if (!process.waitForFinished(30000) || process.exitStatus() != QProcess::NormalExit) {
        process.kill();
        return {-1, QString(), u"mockloop did not run to its end: "_s + process.errorString()};
    }
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

QString CommandLineTest::fixture(const QString &name) const
{
    return QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/") + name + u"/loop.yaml"_s;
}

void CommandLineTest::validate_validFile_printsSummary_exitsZero()
{
    const QString netflix = QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml");
    const Run run = mockloop({u"--validate"_s, netflix});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(netflix + u": netflix-engineering-leadership: 6 rounds, "_s), qPrintable(run.out));
    QVERIFY2(run.out.endsWith(u" questions, 285 minutes\n"_s), qPrintable(run.out));
}

void CommandLineTest::validate_brokenFile_printsCompilerStyleErrors_exitsOne()
{
    const QString broken = fixture(u"many-errors-one-pass"_s);
    const Run run = mockloop({u"--validate"_s, broken});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString());
    const QStringList lines = run.err.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 4, qPrintable(run.err));
    const QRegularExpression compilerStyle(u"^"_s + QRegularExpression::escape(broken)
                                           + u":\\d+:\\d+: error: [a-z_\\[\\]0-9.]+: .+$"_s);
    for (const QString &line : lines)
        QVERIFY2(compilerStyle.match(line).hasMatch(), qPrintable(line));
    QVERIFY2(run.err.contains(
                 u"rounds[0].duration_minutes: expected a positive whole number of minutes, got 'forty-five'"_s),
             qPrintable(run.err));
}

void CommandLineTest::validate_severalFiles_reportsEach()
{
    const Run run = mockloop({u"--validate"_s, fixture(u"valid-minimal-flow-style"_s), fixture(u"empty-file"_s),
                              fixture(u"valid-complete"_s)});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out.count(u'\n'), 2);
    QVERIFY(run.out.contains(u"minimal: 1 round, 1 question, 30 minutes"_s));
    QVERIFY(run.out.contains(u"example-loop: 2 rounds, 4 questions, 105 minutes"_s));
    QCOMPARE(run.err,
             fixture(u"empty-file"_s) + u": error: the file is empty; a loop file starts with 'format_version: 1'\n"_s);
}

void CommandLineTest::validate_withoutFiles_isAUsageError()
{
    const Run run = mockloop({u"--validate"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(u"needs at least one loop file"_s));
}

void CommandLineTest::validate_controlCharactersInTheFile_cannotForgeLines()
{
    // Keys holding a newline, a terminal escape and a right-to-left override.
    const QString forged = fixture(u"control-characters-in-text"_s);
    const Run run = mockloop({u"--validate"_s, forged});
    QCOMPARE(run.exitCode, 1);
    const QStringList lines = run.err.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(!run.err.contains(u"\n/etc/passwd"_s), qPrintable(run.err));
    for (const QString &line : lines)
        QVERIFY2(line.startsWith(forged + u':'), qPrintable(line));
    QVERIFY2(run.err.contains(u"unknown field 'x\\n/etc/passwd:1:1: error: injected'"_s), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"unknown field '\\x1B[2J\\u{202E}hidden'"_s), qPrintable(run.err));
    QVERIFY(!run.err.contains(QChar(0x1B)) && !run.err.contains(QChar(0x202E)));
}

void CommandLineTest::listLoops_showsBuiltInAndUserLoops_andOverrides()
{
    const QString userFolder = m_home.filePath(u"data/MockLoop/interview_loops"_s);
    QVERIFY(QDir().mkpath(userFolder));
    QVERIFY(QFile::copy(fixture(u"valid-minimal-flow-style"_s), userFolder + u"/minimal.yaml"_s));
    QFile override(QStringLiteral(MOCKLOOP_SOURCE_DIR "/interview_loops/netflix-engineering-leadership.yaml"));
    QVERIFY(override.copy(userFolder + u"/netflix-copy.yaml"_s));
    QFile broken(userFolder + u"/broken.yaml"_s);
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("format_version: 1\n");
    broken.close();

    const Run run = mockloop({u"--list-loops"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"User loop folder: "_s + userFolder), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"minimal"_s), qPrintable(run.out));
    QVERIFY2(run.out.contains(u"user folder ("_s + userFolder
                              + u"/netflix-copy.yaml); overrides "
                                ":/interview_loops/netflix-engineering-leadership.yaml"_s),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(u"built-in (:/interview_loops/netflix-engineering-leadership.yaml); overridden by"_s),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(u"not loaded: 6 errors, see mockloop --validate "_s + userFolder + u"/broken.yaml"_s),
             qPrintable(run.out));
}

void CommandLineTest::listLoops_hostileUserLoop_isReportedPromptly()
{
    // A loop file built to take minutes (and once did): --list-loops still lists the others, says
    // what is wrong with it, and returns (mockloop() gives up after 30 s).
    const QString userFolder = m_home.filePath(u"data/MockLoop/interview_loops"_s);
    QVERIFY(QDir().mkpath(userFolder));
    QFile hostile(userFolder + u"/a-hostile.yaml"_s);
    QVERIFY(hostile.open(QIODevice::WriteOnly));
    hostile.write(MockLoop::HostileLoops::aliasToBigMap(2000, 10000));
    hostile.close();
    QVERIFY(QFile::copy(fixture(u"valid-minimal-flow-style"_s), userFolder + u"/minimal.yaml"_s));

    const Run run = mockloop({u"--list-loops"_s});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.contains(u"netflix-engineering-leadership"_s) && run.out.contains(u"minimal "_s),
             qPrintable(run.out));
    QVERIFY2(run.out.contains(u"not loaded: 1 error, see mockloop --validate "_s + userFolder + u"/a-hostile.yaml"_s),
             qPrintable(run.out));
    const Run validate = mockloop({u"--validate"_s, userFolder + u"/a-hostile.yaml"_s});
    QCOMPARE(validate.exitCode, 1);
    QVERIFY2(validate.err.contains(u"a-hostile.yaml:6:"_s) && validate.err.contains(u"once its aliases are expanded"_s),
             qPrintable(validate.err));
}

void CommandLineTest::version_and_help()
{
    const Run version = mockloop({u"--version"_s});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out, u"MockLoop " MOCKLOOP_VERSION "\n"_s);

    const Run help = mockloop({u"--help"_s});
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(u"--validate"_s));
    QVERIFY(help.out.contains(u"--list-loops"_s));
}

QTEST_GUILESS_MAIN(CommandLineTest)
#include "command_line_test.moc"
