#include "AppServices.h"
#include "AppTestSupport.h"
#include "ReportFixture.h"
#include "ShownLibraryPage.h"
#include "audio/WavFormat.h"
#include "coach/CoachRatingsFile.h"
#include "common/ApplicationIdentity.h"
#include "library/AnswerTableModel.h"
#include "library/LibraryPage.h"
#include "library/PracticeLibrary.h"
#include "library/ReportTransfers.h"
#include "loops/LoopCatalog.h"
#include "session/Clock.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using AppTest::wait;

// The Library page's report and coach actions, driven offscreen: which answers, where (through
// the file chooser seam), what lands on disk, and the coach's ratings brought back and shown.
class LibraryReportsTest : public QObject
{
    Q_OBJECT

private:
    template<typename T> T *child(const QString &name) const
    {
        for (QWidget *top : QApplication::topLevelWidgets()) {
            if (top->objectName() == name && qobject_cast<T *>(top) && top->isVisible())
                return qobject_cast<T *>(top);
            if (auto *found = top->findChild<T *>(name); found && found->isVisible())
                return found;
        }
        return m_page->findChild<T *>(name);
    }

    QAction *action(const QString &name) const { return m_page->findChild<QAction *>(name); }

    QString noticeText() const
    {
        auto *notice = m_page->findChild<QWidget *>(u"libraryNotice"_s);
        return notice && notice->isVisible() ? m_page->findChild<QLabel *>(u"libraryNoticeText"_s)->text() : QString();
    }

    void clickFirstAnswer()
    {
        auto *table = m_page->findChild<QTableView *>();
        QVERIFY(table);
        QTRY_VERIFY(table->model()->rowCount() == 3);
        // The oldest answer (the table lists newest first): the one with a take.
        const int row = AppTest::rowWith(table->model(), AnswerTableModel::AnswerIdRole, m_firstId);
        QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                          table->visualRect(table->model()->index(row, AnswerTableModel::Question)).center());
        QTRY_COMPARE(m_page->shownAnswerId(), m_firstId);
    }

    // Opens the dialog of action, picks scope (and format), and presses Export… with path chosen.
    void exportThrough(const QString &actionName, const QString &dialogName, const QString &scope, const QString &path,
                       int format = -1)
    {
        m_chosen = path;
        action(actionName)->trigger();
        QDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = child<QDialog>(dialogName)));
        auto *choice = dialog->findChild<QRadioButton *>(scope);
        QVERIFY2(choice && choice->isEnabled(), qPrintable(scope));
        choice->click();
        if (format >= 0)
            dialog->findChild<QComboBox *>(u"reportFormat"_s)->setCurrentIndex(format);
        dialog->findChild<QPushButton *>(u"reportExportOk"_s)->click();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ManualClock> m_clock;
    std::unique_ptr<PracticeLibrary> m_library;
    std::unique_ptr<LibraryPage> m_page;
    LoopCatalog m_catalog;
    qint64 m_firstId = 0;
    QString m_chosen; // what the file chooser answers

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        applyApplicationIdentity(*qApp);
        CatalogEntry entry;
        entry.location = u"report-loop.yaml"_s;
        entry.loop = ReportFixture::loop();
        m_catalog.addEntry(entry);
        ReportTransfers::setFileChooser(
            [this](QWidget *, const QString &, const QString &, const QString &, bool) { return m_chosen; });
    }

    void init()
    {
        const QString folder = m_dir.filePath(u"library-%1"_s.arg(QString::fromLatin1(QTest::currentTestFunction())));
        {
            LibraryStore::OpenResult opened = LibraryStore::open(folder);
            QVERIFY2(opened.store, qPrintable(opened.message));
            ReportFixture::fill(*opened.store, 3, false);
            m_firstId = opened.store->answers({}, AnswerSort::Date, Qt::AscendingOrder).first().id;
            const QString relative = LibraryStore::takeRelativePath(u"s1"_s, u"answer-1.wav"_s);
            const QString take = opened.store->absolutePath(relative);
            QVERIFY(QDir().mkpath(QFileInfo(take).absolutePath()));
            QFile file(take);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(Wav::canonicalHeader(PcmFormat{16000, 1, 16}, 32000) + QByteArray(32000, '\0'));
            file.close();
            QVERIFY(opened.store->attachRecording(m_firstId, LibraryStore::describeTake(take, relative)));
        }
        m_clock = std::make_unique<ManualClock>();
        m_clock->setWallStart(QDateTime(QDate(2026, 11, 20), QTime(18, 0), Qt::UTC));
        m_library = std::make_unique<PracticeLibrary>();
        const PracticeLibrary::Status status = wait(m_library->open(folder));
        QVERIFY2(status.ok(), qPrintable(status.message));
        m_page = shownLibraryPage(m_clock.get(), m_library.get(), m_catalog);
        QVERIFY(m_page);
        m_page->setActive(true);
        clickFirstAnswer();
    }

    void cleanup()
    {
        m_page.reset();
        m_library.reset();
        m_clock.reset();
    }

    void actions_areNamedAndHaveShortcuts()
    {
        const QList<QAction *> actions = m_page->fileActions();
        for (const auto &[name, text] : {std::pair{u"exportReportAction"_s, u"Export Report…"_s},
                                         std::pair{u"exportCoachBundleAction"_s, u"Export for a Coach…"_s},
                                         std::pair{u"importCoachRatingsAction"_s, u"Import Coach Ratings…"_s}}) {
            QAction *found = action(name);
            QVERIFY2(found && actions.contains(found), qPrintable(name));
            QCOMPARE(found->text().remove(u'&'), text);
            QVERIFY(!found->shortcut().isEmpty());
        }
    }

    void exportReport_htmlOfTheSessionShown()
    {
        const QString path = m_dir.filePath(u"report.html"_s);
        exportThrough(u"exportReportAction"_s, u"reportExportDialog"_s, u"scopeSession"_s, path, 1);
        QTRY_VERIFY2(noticeText().contains(u"Exported a report of 3 answers"_s), qPrintable(noticeText()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        QVERIFY(html.contains(ReportFixture::questionText(1)));
        QVERIFY(html.contains(ReportFixture::questionText(2)));
        QVERIFY2(!html.contains(u"<script>alert"_s), "hostile text is escaped");
    }

    void exportReport_pdfOfTheRound()
    {
        const QString path = m_dir.filePath(u"report.pdf"_s);
        exportThrough(u"exportReportAction"_s, u"reportExportDialog"_s, u"scopeRound"_s, path, 0);
        QTRY_VERIFY2(noticeText().contains(u"Exported a report of 3 answers"_s), qPrintable(noticeText()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(!QFile::exists(path + u".part"_s));
    }

    void exportReport_toAFolderThatIsNot_saysWhy()
    {
        exportThrough(u"exportReportAction"_s, u"reportExportDialog"_s, u"scopeSession"_s,
                      m_dir.filePath(u"no-such-folder/report.md"_s), 2);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = child<QMessageBox>(u"libraryError"_s)));
        QVERIFY2(box->text().contains(u"no-such-folder"_s), qPrintable(box->text()));
        box->accept();
    }

    void coachBundle_outAndBack_showsTheCoachBesideTheOwnRatings()
    {
        const QString bundle = m_dir.filePath(u"for-coach.zip"_s);
        exportThrough(u"exportCoachBundleAction"_s, u"coachBundleDialog"_s, u"scopeSession"_s, bundle);
        QTRY_VERIFY2(noticeText().contains(u"Exported 3 answers for a coach"_s), qPrintable(noticeText()));

        // The coach fills the template in and sends ratings.json back.
        QString error;
        const std::optional<QByteArray> json = CoachRatingsFile::read(bundle, &error);
        QVERIFY2(json, qPrintable(error));
        QJsonObject root = QJsonDocument::fromJson(*json).object();
        QJsonArray answers = root.value(u"answers"_s).toArray();
        QCOMPARE(answers.size(), 3);
        QCOMPARE(answers.at(0).toObject().value(u"take"_s).toString(), u"takes/answer-01.wav"_s);
        for (int n = 0; n < answers.size(); ++n) {
            QJsonObject entry = answers.at(n).toObject();
            entry.insert(u"scores"_s, QJsonObject{{u"judgment"_s, 1}, {u"impact"_s, 4}});
            entry.insert(u"notes"_s, u"Lead with the result."_s);
            answers.replace(n, entry);
        }
        root.insert(u"answers"_s, answers);
        const QString ratings = m_dir.filePath(u"ratings.json"_s);
        QFile file(ratings);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(root).toJson());
        file.close();

        m_chosen = ratings;
        action(u"importCoachRatingsAction"_s)->trigger();
        QTRY_VERIFY2(noticeText().contains(u"Imported the coach's ratings of 3 answers"_s), qPrintable(noticeText()));
        // The answer shown gains a Coach column beside Right after and After replay.
        QTRY_VERIFY(m_page->findChild<QLabel *>(u"coachHeader"_s));
        QCOMPARE(m_page->findChild<QLabel *>(u"coachScore_judgment"_s)->text(), u"1"_s);
        QCOMPARE(m_page->findChild<QLabel *>(u"rightAfterScore_judgment"_s)->text(), u"2"_s);
        QCOMPARE(m_page->findChild<QLabel *>(u"afterReplayScore_judgment"_s)->text(), u"4 (+2)"_s);
        QCOMPARE(m_page->findChild<QLabel *>(u"coachNotes"_s)->text(), u"Lead with the result."_s);
        QVERIFY(m_page->findChild<QLabel *>(u"coachScore_judgment"_s)->accessibleName().contains(u"Judgment"_s));

        // Again: the page asks before replacing; cancelled, nothing changes.
        action(u"importCoachRatingsAction"_s)->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = child<QMessageBox>(u"coachConflictBox"_s)));
        QVERIFY2(box->text().contains(u"3 answers already have a coach's rating"_s), qPrintable(box->text()));
        box->button(QMessageBox::Cancel)->click();
        QTRY_VERIFY2(noticeText().contains(u"not imported; nothing was changed"_s), qPrintable(noticeText()));
        // And replaced when the person says so.
        action(u"importCoachRatingsAction"_s)->trigger();
        QTRY_VERIFY((box = child<QMessageBox>(u"coachConflictBox"_s)));
        box->findChild<QPushButton *>(u"coachReplaceButton"_s)->click();
        QTRY_VERIFY2(noticeText().contains(u"Imported the coach's ratings of 3 answers"_s), qPrintable(noticeText()));
    }

    void importCoachRatings_outOfRange_saysWhereAndChangesNothing()
    {
        const QString ratings = m_dir.filePath(u"bad-ratings.json"_s);
        QFile file(ratings);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject{{u"mockloopCoachRatings"_s, 1},
                                             {u"answers"_s,
                                              QJsonArray{QJsonObject{{u"answerId"_s, m_firstId},
                                                                     {u"sessionId"_s, u"s1"_s},
                                                                     {u"questionId"_s, u"q1"_s},
                                                                     {u"scores"_s, QJsonObject{{u"judgment"_s, 7}}}}}}})
                       .toJson());
        file.close();
        m_chosen = ratings;
        action(u"importCoachRatingsAction"_s)->trigger();
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = child<QMessageBox>(u"libraryError"_s)));
        QVERIFY2(box->text().contains(u"answers[0].scores.judgment: 7 is out of range"_s), qPrintable(box->text()));
        QVERIFY(box->text().contains(u"nothing was changed"_s));
        box->accept();
        QVERIFY(!m_page->findChild<QLabel *>(u"coachHeader"_s));
    }
};

QTEST_MAIN(LibraryReportsTest)
#include "library_reports_test.moc"
