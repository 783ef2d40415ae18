#include "../common/HostileLoops.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
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
    void analyze_recording_printsMetricsAndAnApproximateTranscript();
    void analyze_json_oneDocumentedObjectPerFile_exitsOneForABadFile();
    void analyze_withoutTheModel_saysWhatToInstall();
    void analyze_withoutFiles_isAUsageError();

private:
    Run mockloop(const QStringList &arguments, const QStringList &environment = {});
    // A LibriVox clip of pocketsphinx-testdata (or skips without it, unless audio is required).
    QString readSpeech();
    QString fixture(const QString &name) const;

    QTemporaryDir m_home;
};

void CommandLineTest::init()
{
    QDir(m_home.path()).removeRecursively();
    QDir().mkpath(m_home.path());
}

Run CommandLineTest::mockloop(const QStringList &arguments, const QStringList &extraEnvironment)
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
    for (const QString &variable : extraEnvironment)
        environment.insert(variable.section(u'=', 0, 0), variable.section(u'=', 1));
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

QString CommandLineTest::readSpeech()
{
    const QString clip = u"/usr/share/pocketsphinx/test/data/librivox/sense_and_sensibility_01_austen_64kb-0880.wav"_s;
    if (!QFile::exists(clip) || !QFile::exists(u"/usr/share/pocketsphinx/model/en-us/en-us/mdef"_s)) {
        if (qEnvironmentVariableIntValue("MOCKLOOP_REQUIRE_AUDIO") == 1)
            qFatal("pocketsphinx-testdata and pocketsphinx-en-us are needed");
        return {};
    }
    return clip;
}

void CommandLineTest::analyze_recording_printsMetricsAndAnApproximateTranscript()
{
    const QString clip = readSpeech();
    if (clip.isEmpty())
        QSKIP("pocketsphinx-testdata or pocketsphinx-en-us is not installed");
    const Run run = mockloop({u"--analyze"_s, clip});
    QCOMPARE(run.err, QString());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.out.startsWith(clip + u'\n'), qPrintable(run.out));
    for (const QString &figure : {u"speaking"_s, u"words per minute"_s, u"syllables per second"_s, u"Pauses"_s,
                                  u"Likely fillers"_s, u"Pitch spread"_s, u"Numbers heard"_s, u"Hedges"_s})
        QVERIFY2(run.out.contains(figure), qPrintable(figure + u" is missing from: "_s + run.out));
    QVERIFY2(run.out.contains(u"Transcript (automatic and approximate"_s), qPrintable(run.out));
    // "he was not an ill disposed young man": the recogniser gets most of it.
    QVERIFY2(run.out.contains(u"young man"_s), qPrintable(run.out));
}

void CommandLineTest::analyze_json_oneDocumentedObjectPerFile_exitsOneForABadFile()
{
    const QString clip = readSpeech();
    if (clip.isEmpty())
        QSKIP("pocketsphinx-testdata or pocketsphinx-en-us is not installed");
    const QString notAudio = fixture(u"valid-complete"_s);
    const Run run = mockloop({u"--analyze"_s, u"--json"_s, clip, notAudio});
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains(u"mockloop: "_s + notAudio + u" cannot be analysed: the file is not a WAV file"_s),
             qPrintable(run.err));
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);

    QJsonParseError error;
    const QJsonObject analysis = QJsonDocument::fromJson(lines[0].toUtf8(), &error).object();
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(analysis.value(u"formatVersion"_s).toInt(), 1);
    QCOMPARE(analysis.value(u"file"_s).toString(), clip);
    for (const QString &number : {u"durationMs"_s, u"speakingMs"_s, u"wordsPerMinute"_s, u"articulationRate"_s,
                                  u"syllablesPerSecond"_s, u"pitchSpreadSemitones"_s, u"fillersPerMinute"_s})
        QVERIFY2(analysis.value(number).isDouble(), qPrintable(number));
    QVERIFY(analysis.value(u"durationMs"_s).toInteger() > 2500);
    QVERIFY(analysis.value(u"transcript"_s).toString().contains(u"young man"_s));
    QVERIFY(analysis.value(u"pauses"_s).isArray());
    QVERIFY(analysis.value(u"numbersHeard"_s).isArray());
    const QJsonArray words = analysis.value(u"words"_s).toArray();
    QVERIFY(words.size() >= 5);
    for (const QJsonValue &value : words) {
        const QJsonObject word = value.toObject();
        QVERIFY(word.value(u"text"_s).isString());
        QVERIFY(word.value(u"startMs"_s).toInteger() < word.value(u"endMs"_s).toInteger());
        QVERIFY(word.value(u"confidence"_s).isDouble());
        QVERIFY(word.value(u"filler"_s).isBool());
    }

    const QJsonObject failure = QJsonDocument::fromJson(lines[1].toUtf8()).object();
    QCOMPARE(failure.value(u"file"_s).toString(), notAudio);
    QCOMPARE(failure.value(u"error"_s).toString(), u"fileNotAudio"_s);
    QVERIFY(failure.value(u"message"_s).toString().contains(u"not a WAV file"_s));
}

void CommandLineTest::analyze_withoutTheModel_saysWhatToInstall()
{
    const QString clip = readSpeech();
    if (clip.isEmpty())
        QSKIP("pocketsphinx-testdata is not installed");
    const QString nowhere = m_home.filePath(u"no-model"_s);
    const Run run = mockloop({u"--analyze"_s, clip}, {u"MOCKLOOP_SPEECH_MODEL="_s + nowhere});
    QCOMPARE(run.exitCode, 1);
    QCOMPARE(run.out, QString());
    QVERIFY2(run.err.startsWith(u"mockloop: The speech model is not installed: "_s + nowhere), qPrintable(run.err));
    QVERIFY2(run.err.contains(u"sudo apt-get install pocketsphinx-en-us"_s), qPrintable(run.err));
}

void CommandLineTest::analyze_withoutFiles_isAUsageError()
{
    const Run run = mockloop({u"--analyze"_s});
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(u"needs at least one WAV file"_s));
    QVERIFY(mockloop({u"--help"_s}).out.contains(u"--analyze"_s));
}

QTEST_GUILESS_MAIN(CommandLineTest)
#include "command_line_test.moc"
