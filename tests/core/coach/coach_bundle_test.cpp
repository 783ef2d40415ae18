#include "ReportFixture.h"

#include "coach/CoachBundle.h"
#include "coach/CoachRatingsFile.h"
#include "coach/ZipArchive.h"
#include "library/LibrarySchema.h"
#include "library/LibraryStore.h"
#include "progress/Progress.h"
#include "reports/ReportWriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <zip.h>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace MockLoop;

namespace {

const QDateTime ImportTime(QDate(2026, 11, 20), QTime(18, 0), Qt::UTC);

// A zip made here with libzip, entry by entry, for the inputs MockLoop must refuse.
struct FixtureEntry
{
    QString name;
    QByteArray data;
    bool symbolicLink = false;
    bool stored = false;
};

bool writeZip(const QString &path, const QList<FixtureEntry> &entries)
{
    int code = 0;
    zip_t *archive = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    if (!archive)
        return false;
    for (const FixtureEntry &entry : entries) {
        zip_source_t *source = zip_source_buffer(archive, entry.data.constData(), zip_uint64_t(entry.data.size()), 0);
        const zip_int64_t index = zip_file_add(archive, entry.name.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            zip_discard(archive);
            return false;
        }
        if (entry.stored)
            zip_set_file_compression(archive, zip_uint64_t(index), ZIP_CM_STORE, 0);
        if (entry.symbolicLink)
            zip_file_set_external_attributes(archive, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX,
                                             zip_uint32_t(S_IFLNK | 0777) << 16);
    }
    return zip_close(archive) == 0;
}

QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

// The coach bundle: what it holds, the coach's ratings brought back (beside the person's own,
// never in their place), and every bad input refused whole with a message naming its place.
class CoachBundleTest : public QObject
{
    Q_OBJECT

private:
    ReportBuilder::LoopLookup lookup() const
    {
        return [loop = m_loop](const QString &id) { return id == loop->id ? loop : nullptr; };
    }

    int coachRatingCount()
    {
        int count = 0;
        for (const AnswerRow &row : m_store->answers())
            count += m_store->answer(row.id)->coach ? 1 : 0;
        return count;
    }

    QString exportBundle()
    {
        const QString path = m_dir.filePath(u"bundle.zip"_s);
        QString error;
        const auto written
            = CoachBundle::write(*m_store, ReportScope{u"s1"_s, {}, {}, {}}, lookup(), QPageSize::A4, path, &error);
        if (!written)
            qWarning("export failed: %s", qPrintable(error));
        return written ? path : QString();
    }

    // The template, filled in as a coach would: judgment n (1..4 cycling) on every answer, the
    // flag "blame" and a note on the first.
    QJsonObject filledTemplate(const QString &bundle)
    {
        QString error;
        const std::optional<QByteArray> json = CoachRatingsFile::read(bundle, &error);
        if (!json)
            qFatal("template not read: %s", qPrintable(error));
        QJsonObject root = QJsonDocument::fromJson(*json).object();
        QJsonArray answers = root.value(u"answers"_s).toArray();
        for (int n = 0; n < answers.size(); ++n) {
            QJsonObject entry = answers.at(n).toObject();
            QJsonObject scores = entry.value(u"scores"_s).toObject();
            scores.insert(u"judgment"_s, 1 + n % 4);
            entry.insert(u"scores"_s, scores);
            if (n == 0) {
                entry.insert(u"redFlags"_s, QJsonArray{u"blame"_s});
                entry.insert(u"notes"_s, u"Say the number first."_s);
            }
            answers.replace(n, entry);
        }
        root.insert(u"answers"_s, answers);
        return root;
    }

    std::optional<CoachRatingsFile::Import> importJson(const QJsonObject &root, QString *error)
    {
        return CoachRatingsFile::validate(QJsonDocument(root).toJson(), *m_store, lookup(), ImportTime, error);
    }

    QTemporaryDir m_dir;
    std::unique_ptr<LibraryStore> m_store;
    std::shared_ptr<const Loop> m_loop = ReportFixture::loop();
    QList<qint64> m_ids;

private Q_SLOTS:
    void init()
    {
        m_store.reset();
        QDir(m_dir.path()).removeRecursively();
        QVERIFY(QDir().mkpath(m_dir.path()));
        m_store = LibraryStore::open(m_dir.filePath(u"library"_s)).store;
        QVERIFY(m_store);
        ReportFixture::fill(*m_store, 3, true);
        m_ids.clear();
        for (const AnswerRow &row : m_store->answers({}, AnswerSort::Date, Qt::AscendingOrder))
            m_ids << row.id;
        // A take for the first two answers (the third has none).
        QVERIFY(QDir().mkpath(m_store->absolutePath(u"takes/s1"_s)));
        for (int n = 0; n < 2; ++n) {
            const QString relative = u"takes/s1/answer-%1.wav"_s.arg(n + 1);
            QVERIFY(writeFile(m_store->absolutePath(relative), "RIFF fake take " + QByteArray::number(n + 1)));
            RecordingInfo recording;
            recording.relativePath = relative;
            recording.format = u"WAV"_s;
            QVERIFY(m_store->attachRecording(m_ids.at(n), recording));
        }
    }

    void export_holdsReportTakesTemplateAndReadme()
    {
        const QString path = exportBundle();
        QVERIFY(!path.isEmpty());
        QCOMPARE(QDir(m_dir.path()).entryList({u"*.part"_s}), QStringList()); // no temporary left
        ZipReader zip;
        QString error;
        QVERIFY2(zip.open(path, &error), qPrintable(error));
        QHash<QString, QByteArray> contents;
        for (int index = 0; index < zip.entries().size(); ++index)
            contents.insert(zip.entries().at(index).name, zip.read(index, 64 << 20, &error).value_or(QByteArray()));
        QCOMPARE(QSet<QString>(contents.keyBegin(), contents.keyEnd()),
                 (QSet<QString>{u"README.txt"_s, u"ratings.json"_s, u"report.html"_s, u"report.pdf"_s,
                                u"takes/answer-01.wav"_s, u"takes/answer-02.wav"_s}));
        QCOMPARE(contents.value(u"takes/answer-01.wav"_s), QByteArray("RIFF fake take 1"));
        QCOMPARE(contents.value(u"takes/answer-02.wav"_s), QByteArray("RIFF fake take 2"));
        QVERIFY(contents.value(u"report.pdf"_s).startsWith("%PDF"));
        QVERIFY(contents.value(u"report.html"_s).contains(ReportFixture::questionText(1).toUtf8()));
        QVERIFY(contents.value(u"README.txt"_s).contains("ratings.json"));
        QVERIFY(contents.value(u"README.txt"_s).contains("from 1 to 4"));

        const QJsonObject ratings = QJsonDocument::fromJson(contents.value(u"ratings.json"_s)).object();
        QCOMPARE(ratings.value(u"mockloopCoachRatings"_s).toInt(), 1);
        const QJsonObject rubric = ratings.value(u"rubrics"_s).toArray().at(0).toObject();
        QCOMPARE(rubric.value(u"loopId"_s).toString(), u"report-loop"_s);
        const QJsonObject judgment = rubric.value(u"dimensions"_s).toArray().at(0).toObject();
        QCOMPARE(judgment.value(u"id"_s).toString(), u"judgment"_s);
        QCOMPARE(judgment.value(u"anchors"_s).toObject().value(u"4"_s).toString(),
                 u"Sets the standard for others; teaches it."_s);
        QCOMPARE(rubric.value(u"redFlags"_s).toArray().at(0).toObject().value(u"id"_s).toString(), u"blame"_s);
        const QJsonArray answers = ratings.value(u"answers"_s).toArray();
        QCOMPARE(answers.size(), 3);
        const QJsonObject first = answers.at(0).toObject();
        QCOMPARE(first.value(u"answerId"_s).toInteger(), m_ids.at(0));
        QCOMPARE(first.value(u"take"_s).toString(), u"takes/answer-01.wav"_s);
        QVERIFY(answers.at(2).toObject().value(u"take"_s).isNull());
        QCOMPARE(first.value(u"scores"_s).toObject().keys(), (QStringList{u"impact"_s, u"judgment"_s}));
        QVERIFY(first.value(u"scores"_s).toObject().value(u"judgment"_s).isNull());
    }

    void export_overAnExistingFile_replacesItWhole()
    {
        const QString path = m_dir.filePath(u"bundle.zip"_s);
        QVERIFY(writeFile(path, "an older bundle"));
        QCOMPARE(exportBundle(), path);
        ZipReader zip;
        QString error;
        QVERIFY2(zip.open(path, &error), qPrintable(error));
        // Into a folder that does not exist: refused, nothing left behind.
        QVERIFY(!CoachBundle::write(*m_store, ReportScope{u"s1"_s, {}, {}, {}}, lookup(), QPageSize::A4,
                                    m_dir.filePath(u"missing/bundle.zip"_s), &error));
        QVERIFY2(error.contains(u"missing"_s), qPrintable(error));
    }

    void roundTrip_bundleBack_addsTheCoachBesideTheOwnRatings()
    {
        const QString path = exportBundle();
        const AnswerRow before = m_store->answers({}, AnswerSort::Date, Qt::AscendingOrder).first();
        const QJsonObject filled = filledTemplate(path);
        // The whole bundle back, with the filled ratings.json in it.
        const QString back = m_dir.filePath(u"back.zip"_s);
        QVERIFY(writeZip(back,
                         {{u"report.html"_s, "<html/>"},
                          {u"ratings.json"_s, QJsonDocument(filled).toJson()},
                          {u"takes/answer-01.wav"_s, "RIFF"}}));
        QString error;
        const auto import = CoachBundle::readRatings(back, *m_store, lookup(), ImportTime, &error);
        QVERIFY2(import, qPrintable(error));
        QCOMPARE(import->ratings.size(), 3);
        QVERIFY(import->conflicts.isEmpty());
        QVERIFY2(CoachBundle::apply(*m_store, *import, false, &error), qPrintable(error));

        const AnswerDetail first = *m_store->answer(m_ids.at(0));
        QVERIFY(first.coach);
        QCOMPARE(first.coach->scores, (QMap<QString, int>{{u"judgment"_s, 1}}));
        QCOMPARE(first.coach->redFlagIds, QStringList{u"blame"_s});
        QCOMPARE(first.coach->notes, u"Say the number first."_s);
        QCOMPARE(first.coach->ratedAt, ImportTime);
        QCOMPARE(m_store->answer(m_ids.at(2))->coach->scores.value(u"judgment"_s), 3);
        // The person's own ratings stay theirs: the first, the newest and its flags.
        QCOMPARE(first.rightAfter->scores.value(u"judgment"_s), 2);
        QCOMPARE(first.afterReplay.size(), 1);
        const AnswerRow after = m_store->answers({}, AnswerSort::Date, Qt::AscendingOrder).first();
        QCOMPARE(after.latestScore, before.latestScore);
        QCOMPARE(after.firstScore, before.firstScore);
        QCOMPARE(after.redFlagCount, before.redFlagCount);
        const AnswerFactSet set = m_store->answerFactsOf({m_ids.at(0)}, {u"judgment"_s, u"impact"_s}, {u"blame"_s});
        QCOMPARE(set.answers.size(), 1);
        QCOMPARE(set.answers.first().newest().at(0), 4); // the replay's, not the coach's 1
        QCOMPARE(set.answers.first().rightAfter.at(0), 2);
        QCOMPARE(set.answers.first().redFlags.size(), 0); // the replay ticked none; the coach's "blame" is not theirs

        // Progress's calibration sets the person's newest rating against the coach's: judgment 4, 3, 2
        // (the first after its replay) against the coach's 1, 2, 3.
        Progress::Input input;
        input.loop = m_loop;
        input.filter.loopId = m_loop->id;
        input.facts
            = m_store->answerFacts(m_loop->id, {}, Progress::dimensionIdsOf(*m_loop), Progress::redFlagIdsOf(*m_loop));
        input.now = ImportTime;
        const ProgressData progress = Progress::compute(input);
        QCOMPARE(progress.coachRated, 3);
        const ChartData &coachChart = progress.calibrationWithCoach;
        QCOMPARE(coachChart.points.first(), u"Judgment"_s);
        QCOMPARE(coachChart.series.at(0).values.at(0), std::optional<double>(3.0)); // yours
        QCOMPARE(coachChart.series.at(1).values.at(0), std::optional<double>(2.0)); // the coach's
        QVERIFY(std::abs(*coachChart.series.at(2).values.at(0) - 5.0 / 3) < 1e-9); // mean |difference|
        QVERIFY(!coachChart.series.at(1).values.at(1)); // impact: the coach left it unrated

        // The same file again: the three answers are conflicts, not overwritten unless asked.
        const auto again = CoachBundle::readRatings(back, *m_store, lookup(), ImportTime.addDays(1), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->conflicts.size(), 3);
        QCOMPARE(again->conflicts.first().answerId, m_ids.at(0));
        QVERIFY(!CoachBundle::apply(*m_store, *again, false, &error));
        QVERIFY2(error.contains(u"already have a coach's rating"_s), qPrintable(error));
        QCOMPARE(m_store->answer(m_ids.at(0))->coach->ratedAt, ImportTime);
        QVERIFY2(CoachBundle::apply(*m_store, *again, true, &error), qPrintable(error));
        QCOMPARE(m_store->answer(m_ids.at(0))->coach->ratedAt, ImportTime.addDays(1));
        QCOMPARE(coachRatingCount(), 3);
    }

    void roundTrip_ratingsJsonAlone()
    {
        const QJsonObject filled = filledTemplate(exportBundle());
        const QString path = m_dir.filePath(u"ratings.json"_s);
        QVERIFY(writeFile(path, QJsonDocument(filled).toJson()));
        QString error;
        const auto import = CoachBundle::readRatings(path, *m_store, lookup(), ImportTime, &error);
        QVERIFY2(import, qPrintable(error));
        QVERIFY2(CoachBundle::apply(*m_store, *import, false, &error), qPrintable(error));
        QCOMPARE(coachRatingCount(), 3);
        // A session exported to JSON and imported into another library keeps the coach's ratings.
        QTemporaryDir other;
        std::unique_ptr<LibraryStore> copy = LibraryStore::open(other.path()).store;
        QVERIFY(copy);
        QVERIFY2(copy->importSessionJson(m_store->exportSessionJson(u"s1"_s)), qPrintable(copy->lastError()));
        const AnswerRow copied = copy->answers({}, AnswerSort::Date, Qt::AscendingOrder).first();
        QCOMPARE(copy->answer(copied.id)->coach->notes, u"Say the number first."_s);
        QCOMPARE(copy->answer(copied.id)->afterReplay.size(), 1);
        QCOMPARE(copied.latestScore, m_store->answers({}, AnswerSort::Date, Qt::AscendingOrder).first().latestScore);

        // The report shows the coach beside the person's own ratings.
        const std::optional<ReportData> report
            = ReportBuilder::build(*m_store, ReportScope{u"s1"_s, {}, {}, {}}, lookup(), &error);
        QVERIFY2(report, qPrintable(error));
        const QString markdown = ReportWriter::toMarkdown(*report);
        QVERIFY2(markdown.contains(u"| Dimension | Right after | After replay | Coach |"_s), qPrintable(markdown));
        QVERIFY2(
            markdown.contains(
                u"| Judgment | 2 \\(Decides on partial data\\) | 4 \\(Sets the standard for others\\) | 1 \\(Guesses\\) |"_s),
            qPrintable(markdown.mid(markdown.indexOf(u"| Judgment"_s), 200)));
        QVERIFY(markdown.contains(u"- Coach\\: Say the number first\\."_s)); // Markdown escapes : and .
        QVERIFY(markdown.contains(u"Red flags the coach heard"_s));
        // A fresh export carries the answers again, the coach's ratings untouched by it.
        QVERIFY(!exportBundle().isEmpty());
        QCOMPARE(m_store->answer(m_ids.at(1))->coach->scores.value(u"judgment"_s), 2);
    }

    void badRatings_areRefusedWhole_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<QString>("message");
        QTest::newRow("out of range") << u"score 5"_s << u"answers[1].scores.judgment: 5 is out of range"_s;
        QTest::newRow("zero") << u"score 0"_s << u"answers[1].scores.judgment: 0 is out of range"_s;
        QTest::newRow("half") << u"score 2.5"_s << u"answers[1].scores.judgment: 2.5 is out of range"_s;
        QTest::newRow("text") << u"score text"_s << u"answers[1].scores.judgment: this value is out of range"_s;
        QTest::newRow("unknown dimension") << u"dimension"_s << u"answers[1].scores.charisma: unknown dimension"_s;
        QTest::newRow("unknown flag") << u"flag"_s << u"answers[1].redFlags[0]: unknown red flag \"late\""_s;
        QTest::newRow("duplicate") << u"duplicate"_s << u"answers[3]: answer"_s;
        QTest::newRow("other library") << u"other library"_s << u"is not in this library"_s;
        QTest::newRow("other session") << u"other session"_s << u"answers[1]: answer"_s;
        QTest::newRow("not ours") << u"format"_s << u"not a MockLoop coach ratings file"_s;
        QTest::newRow("cut short") << u"truncated"_s << u"not valid JSON"_s;
        QTest::newRow("all blank") << u"blank"_s << u"every entry was left blank"_s;
    }

    void badRatings_areRefusedWhole()
    {
        QFETCH(QString, change);
        QFETCH(QString, message);
        QJsonObject root = filledTemplate(exportBundle());
        QJsonArray answers = root.value(u"answers"_s).toArray();
        QJsonObject second = answers.at(1).toObject();
        QJsonObject scores = second.value(u"scores"_s).toObject();
        QByteArray json;
        if (change == u"score 5"_s || change == u"score 0"_s || change == u"score 2.5"_s)
            scores.insert(u"judgment"_s, change.mid(6).toDouble());
        else if (change == u"score text"_s)
            scores.insert(u"judgment"_s, u"3"_s);
        else if (change == u"dimension"_s)
            scores.insert(u"charisma"_s, 3);
        else if (change == u"flag"_s)
            second.insert(u"redFlags"_s, QJsonArray{u"late"_s});
        else if (change == u"duplicate"_s)
            answers.append(answers.at(0));
        else if (change == u"other library"_s)
            second.insert(u"answerId"_s, 999);
        else if (change == u"other session"_s)
            second.insert(u"sessionId"_s, u"s2"_s);
        else if (change == u"format"_s)
            root.remove(u"mockloopCoachRatings"_s);
        else if (change == u"blank"_s) {
            for (int n = 0; n < answers.size(); ++n) {
                QJsonObject entry = answers.at(n).toObject();
                entry.insert(u"scores"_s, QJsonObject{});
                entry.insert(u"redFlags"_s, QJsonArray{});
                entry.insert(u"notes"_s, QString());
                answers.replace(n, entry);
            }
        }
        if (change != u"blank"_s && change != u"duplicate"_s) {
            second.insert(u"scores"_s, scores);
            answers.replace(1, second);
        }
        root.insert(u"answers"_s, answers);
        json = QJsonDocument(root).toJson();
        if (change == u"truncated"_s)
            json.chop(json.size() / 2);
        QString error;
        const auto import = CoachRatingsFile::validate(json, *m_store, lookup(), ImportTime, &error);
        QVERIFY2(!import, "refused");
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(coachRatingCount(), 0); // the good entries beside the bad one were not stored either
    }

    void badBundles_areRefused_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("climbs out") << u"../"_s << u"\"../evil.txt\" points outside the bundle"_s;
        QTest::newRow("climbs out deeper") << u"a/../../"_s << u"\"takes/../../evil.txt\" points outside"_s;
        QTest::newRow("absolute") << u"/"_s << u"\"/tmp/evil.txt\" points outside the bundle"_s;
        QTest::newRow("drive") << u"C:"_s << u"\"C:/evil.txt\" points outside the bundle"_s;
        QTest::newRow("symlink") << u"link"_s << u"\"takes/answer-01.wav\" is a symbolic link"_s;
        QTest::newRow("zip bomb") << u"bomb"_s << u"ratings.json would be"_s;
        QTest::newRow("truncated") << u"truncated"_s << u"is not a whole zip archive"_s;
        QTest::newRow("tampered") << u"tampered"_s << u"ratings.json is damaged"_s;
        QTest::newRow("no ratings") << u"none"_s << u"holds no ratings.json"_s;
        // libzip's consistency check refuses two entries of one name before MockLoop looks.
        QTest::newRow("twice") << u"twice"_s << u"is not a whole zip archive"_s;
    }

    void badBundles_areRefused()
    {
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const QByteArray ratings = QJsonDocument(filledTemplate(exportBundle())).toJson();
        const QString path = m_dir.filePath(u"bad.zip"_s);
        QList<FixtureEntry> entries = {{u"ratings.json"_s, ratings, false, kind == u"tampered"_s}};
        if (kind == u"../"_s)
            entries << FixtureEntry{u"../evil.txt"_s, "x"};
        else if (kind == u"a/../../"_s)
            entries << FixtureEntry{u"takes/../../evil.txt"_s, "x"};
        else if (kind == u"/"_s)
            entries << FixtureEntry{u"/tmp/evil.txt"_s, "x"};
        else if (kind == u"C:"_s)
            entries << FixtureEntry{u"C:/evil.txt"_s, "x"};
        else if (kind == u"link"_s)
            entries << FixtureEntry{u"takes/answer-01.wav"_s, "/etc/passwd", true};
        else if (kind == u"bomb"_s)
            entries.first().data = ratings + QByteArray(CoachRatingsFile::MaxBytes, ' ');
        else if (kind == u"none"_s)
            entries.first().name = u"notes.json"_s;
        else if (kind == u"twice"_s)
            entries << FixtureEntry{u"ratings.json"_s, ratings};
        if (kind == u"twice"_s) {
            // libzip will not write two entries of one name: the second is renamed in the bytes.
            entries.last().name = u"ratingsXjson"_s;
        }
        QVERIFY(writeZip(path, entries));
        QByteArray bytes = fileBytes(path);
        if (kind == u"truncated"_s)
            bytes.chop(bytes.size() / 3);
        else if (kind == u"tampered"_s)
            bytes.replace("Say the number first.", "Say the number later.");
        else if (kind == u"twice"_s)
            bytes.replace("ratingsXjson", "ratings.json");
        if (kind == u"bomb"_s)
            QVERIFY2(bytes.size() < CoachRatingsFile::MaxBytes / 50, "a small file that unpacks large");
        QVERIFY(writeFile(path, bytes));

        QString error;
        QVERIFY(!CoachBundle::readRatings(path, *m_store, lookup(), ImportTime, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        QCOMPARE(coachRatingCount(), 0);
        // Nothing was extracted: no file appeared outside the bundle.
        QVERIFY(!QFile::exists(m_dir.filePath(u"evil.txt"_s)));
    }

    void migration6_keepsRatingsAndLeavesTheNewestTheOwn()
    {
        // A library as MockLoop 5 left it, with a first rating and a replay.
        const QString folder = m_dir.filePath(u"v5"_s);
        QVERIFY(QDir().mkpath(folder));
        const QString path = QDir(folder).filePath(LibraryStore::databaseFileName());
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"v5"_s);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"PRAGMA foreign_keys = ON"_s));
            QString error;
            QVERIFY2(LibrarySchema::upgrade(db, 0, LibrarySchema::migrations().mid(0, 5), {}, &error),
                     qPrintable(error));
            for (const char *statement :
                 {"INSERT INTO sessions (id, mode, loop_id, loop_version, seed, started_at) "
                  "VALUES ('s1', 'one-round', 'report-loop', 1, '0', 1)",
                  "INSERT INTO answers (id, session_id, round_id, question_id, question_text, answered_at) "
                  "VALUES (1, 's1', 'hm', 'q1', 'Q1', 1)",
                  "INSERT INTO ratings (id, answer_id, kind, rated_at, average) VALUES (1, 1, 0, 1, 2)",
                  "INSERT INTO rating_scores VALUES (1, 'judgment', 2)",
                  "INSERT INTO ratings (id, answer_id, kind, rated_at, average, red_flag_count) VALUES (2, 1, 1, 2, 4, "
                  "1)",
                  "INSERT INTO rating_scores VALUES (2, 'judgment', 4)",
                  "INSERT INTO rating_red_flags VALUES (2, 'blame')"})
                QVERIFY2(query.exec(QString::fromLatin1(statement)), statement);
            db.close();
        }
        QSqlDatabase::removeDatabase(u"v5"_s);

        LibraryStore::OpenResult opened = LibraryStore::open(folder);
        QVERIFY2(opened.store, qPrintable(opened.message));
        LibraryStore &store = *opened.store;
        const AnswerDetail before = *store.answer(1);
        QCOMPARE(before.rightAfter->scores.value(u"judgment"_s), 2);
        QCOMPARE(before.afterReplay.first().redFlagIds, QStringList{u"blame"_s});

        Rating coach;
        coach.scores = {{u"judgment"_s, 1}};
        coach.ratedAt = ImportTime;
        QVERIFY2(store.addCoachRatings({{1, coach}}, false), qPrintable(store.lastError()));
        const AnswerRow row = store.answers().first();
        QCOMPARE(row.latestScore, std::optional<double>(4)); // still the replay's
        QCOMPARE(row.firstScore, std::optional<double>(2));
        QCOMPARE(row.redFlagCount, 1);
        const AnswerFactSet set = store.answerFactsOf({1}, {u"judgment"_s}, {u"blame"_s});
        QCOMPARE(set.answers.first().newest().at(0), 4);
        QCOMPARE(set.answers.first().redFlags.size(), 1);
        QCOMPARE(store.answer(1)->coach->scores.value(u"judgment"_s), 1);
        // One coach's rating per answer: a second is refused unless replacing, and deleting the
        // answer deletes it too.
        QVERIFY(!store.addCoachRatings({{1, coach}}, false));
        QVERIFY(store.addCoachRatings({{1, coach}}, true));
        QVERIFY(store.deleteAnswer(1));
        QCOMPARE(store.countAnswers(), 0);
    }
};

QTEST_MAIN(CoachBundleTest)
#include "coach_bundle_test.moc"
