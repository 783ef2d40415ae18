#include "ReportFixture.h"
#include "common/ApplicationIdentity.h"
#include "library/LibraryStore.h"

#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The real mockloop binary, headless, on a library made in this test's own home (the folder the
// app uses): what a script calling --report and --list-sessions sees.
class ReportCommandTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_output;

    struct Result
    {
        int exitCode = -1;
        QString out;
        QString err;
    };

    Result mockloop(const QStringList &arguments)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(u"QT_QPA_PLATFORM"_s); // headless by itself, no display needed
        environment.remove(u"DISPLAY"_s);
        process.setProcessEnvironment(environment);
        process.start(QStringLiteral(MOCKLOOP_EXECUTABLE), arguments);
        if (!process.waitForFinished(60000))
            return {};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

private Q_SLOTS:
    void initTestCase()
    {
        applyApplicationIdentity(*QCoreApplication::instance());
        QVERIFY(m_output.isValid());
        std::unique_ptr<LibraryStore> store = LibraryStore::open(LibraryStore::defaultFolder()).store;
        QVERIFY(store);
        ReportFixture::fill(*store, 7, true);
    }

    void listSessionsFindsTheSession()
    {
        const Result result = mockloop({u"--list-sessions"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.startsWith(u"s1\t2026-11-02"_s), qPrintable(result.out));
        QVERIFY(result.out.contains(u"7 answer(s)"_s));
    }

    void reportsASessionInEachFormat_data()
    {
        QTest::addColumn<QString>("format");
        QTest::newRow("md") << u"md"_s;
        QTest::newRow("html") << u"html"_s;
        QTest::newRow("pdf") << u"pdf"_s;
    }

    void reportsASessionInEachFormat()
    {
        QFETCH(QString, format);
        const QString path = m_output.filePath(u"report."_s + format);
        const Result result = mockloop({u"--report"_s, u"--session"_s, u"s1"_s, u"--format"_s, format, u"-o"_s, path});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(result.out.contains(u"7 answer(s)"_s));
        QString text;
        if (format == u"pdf"_s) {
            if (QStandardPaths::findExecutable(u"pdftotext"_s).isEmpty())
                QSKIP("poppler-utils is not installed (.ci/setup test installs it)");
            QProcess pdftotext;
            pdftotext.start(u"pdftotext"_s, {path, u"-"_s});
            QVERIFY(pdftotext.waitForFinished(60000));
            text = QString::fromUtf8(pdftotext.readAllStandardOutput()).simplified();
        } else {
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            text = QString::fromUtf8(file.readAll());
        }
        for (int n = 1; n < 7; ++n) // (Markdown escapes the full stop)
            QVERIFY2(text.contains(u"decision number %1 you made"_s.arg(n)), qPrintable(text));
        QVERIFY(text.contains(u"Rated note 3"_s));
        QVERIFY(text.contains(u"L6"_s)); // the fixture's loop is not installed: the level as stored
    }

    void dateRangeReport()
    {
        const QString path = m_output.filePath(u"range.md"_s);
        const Result result = mockloop({u"--report"_s, u"--from"_s, u"2026-11-01"_s, u"--to"_s, u"2026-11-30"_s,
                                        u"--format"_s, u"md"_s, u"-o"_s, path});
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(QFileInfo(path).size() > 0);
    }

    void badArgumentsAreClearErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        const QString out = u"/tmp/never-written.md"_s;
        QTest::newRow("no format") << QStringList{u"--report"_s, u"--session"_s, u"s1"_s, u"-o"_s, out} << 2
                                   << u"--format pdf, html or md"_s;
        QTest::newRow("no output") << QStringList{u"--report"_s, u"--session"_s, u"s1"_s, u"--format"_s, u"md"_s} << 2
                                   << u"-o FILE"_s;
        QTest::newRow("bad date") << QStringList{u"--report"_s, u"--from"_s, u"yesterday"_s, u"--to"_s, u"2026-11-30"_s,
                                                 u"--format"_s, u"md"_s,     u"-o"_s,        out}
                                  << 2 << u"YYYY-MM-DD"_s;
        QTest::newRow("unknown session") << QStringList{u"--report"_s, u"--session"_s, u"nope"_s, u"--format"_s,
                                                        u"md"_s,       u"-o"_s,        out}
                                         << 1 << u"no session nope"_s;
        QTest::newRow("unwritable") << QStringList{u"--report"_s,
                                                   u"--session"_s,
                                                   u"s1"_s,
                                                   u"--format"_s,
                                                   u"pdf"_s,
                                                   u"-o"_s,
                                                   u"/nonexistent-folder/r.pdf"_s}
                                    << 1 << u"/nonexistent-folder/r.pdf"_s;
    }

    void badArgumentsAreClearErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const Result result = mockloop(arguments);
        QCOMPARE(result.exitCode, exitCode);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(!QFileInfo::exists(u"/tmp/never-written.md"_s));
    }
};

QTEST_GUILESS_MAIN(ReportCommandTest)
#include "report_command_test.moc"
