#include "PracticeWindow.h"
#include "ProgressFixture.h"
#include "common/AppSettings.h"
#include "practice/PracticeHomePage.h"
#include "practice/SessionController.h"
#include "practice/SessionPage.h"
#include "progress/ChartPanel.h"
#include "progress/ProgressPage.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QChart>
#include <QComboBox>
#include <QLabel>
#include <QLineSeries>
#include <QListWidget>
#include <QPushButton>
#include <QSvgRenderer>
#include <QTableView>
#include <QTest>
#include <QToolButton>
#include <QXmlStreamReader>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The Progress page in the real window, offscreen, over the library of ProgressFixture.h: what it
// shows, its filters, the tables against the charts, practising a question from the queue, export,
// and the charts drawn in the light and the dark palette.
class ProgressPageTest : public QObject, public PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init();
    void cleanup() { tearDownWindow(); }

    void page_showsReadinessQueueAndSummary();
    void filters_changeTheNumbersShown();
    void tables_holdTheChartsNumbers();
    void practise_startsASessionOfThatQuestion();
    void export_writesPngAndSvg();
    void charts_drawInTheLightAndTheDarkPalette();
    void practiceHome_saysHowManyQuestionsAreDue();
    void largeText_filtersAndChoicesKeepTheirWholeText();
    void calibration_setsYourRatingsAgainstACoachs_onceACoachHasRated();

private:
    ProgressPage *openProgress();
    static int inkedPixels(const QImage &image);
};

void ProgressPageTest::init()
{
    setUpWindow();
    const auto loop = ProgressFixture::netflixLoop();
    QVERIFY(
        m_library->run([loop](LibraryStore *store) { return store && ProgressFixture::fill(*store, *loop); }).result());
    m_clock->setWallStart(ProgressFixture::now());
    AppSettings::setInterviewDate(loop->id, ProgressFixture::interviewDate());
    AppSettings::setLevelFor(loop->id, u"L6"_s);
}

ProgressPage *ProgressPageTest::openProgress()
{
    choose(u"loopChoice"_s, u"netflix-engineering-leadership"_s);
    m_window->showPage(MainWindow::Page::Progress);
    auto *page = find<ProgressPage>(u"progressPage"_s);
    if (page && !QTest::qWaitFor([page] { return !page->isLoading() && page->progress().answers > 0; }, 10000))
        return nullptr;
    return page;
}

void ProgressPageTest::page_showsReadinessQueueAndSummary()
{
    ProgressPage *page = openProgress();
    QVERIFY(page && page->isVisible());
    QCOMPARE(find<QComboBox>(u"progressLevelChoice"_s)->currentData().toString(), u"L6"_s); // the target level
    QTRY_COMPARE(find<QLabel>(u"progressSummary"_s)->text(), u"13 answers · 13 rated · 1 rated twice · 2 analysed"_s);
    auto *readiness = find<QListWidget>(u"readinessList"_s);
    QCOMPARE(readiness->count(), 6);
    QCOMPARE(readiness->item(1)->text(),
             u"Technical Leadership: 6 of 12 questions never practised; Innovation & Risk-Taking averages 2.1"_s);
    QCOMPARE(find<QLabel>(u"streakLabel"_s)->text(), u"2 days in a row. 3 questions due today"_s);
    QVERIFY(find<QLabel>(u"planSummary"_s)
                ->text()
                .contains(u"8 Weeks Before (3 Mar – 30 Mar): practised on 4 of 17 days, 13 answers so far"_s));
    const QString first = page->progress().queue.first().questionId;
    auto *practise = find<QPushButton>(u"practiseButton_"_s + first);
    QVERIFY(practise);
    QTRY_VERIFY(practise->isVisible()); // a widget added to a shown layout shows on the next pass
    QVERIFY(practise->accessibleName().startsWith(u"Practise: "_s));
}

void ProgressPageTest::filters_changeTheNumbersShown()
{
    ProgressPage *page = openProgress();
    QVERIFY(page);
    choose(u"progressRoundChoice"_s, u"technical-leadership"_s);
    QTRY_COMPARE(page->progress().answers, 10);
    QTRY_COMPARE(find<QListWidget>(u"readinessList"_s)->count(), 1);
    QTRY_COMPARE(find<QLabel>(u"progressSummary"_s)->text(), u"10 answers · 10 rated · 1 rated twice · 2 analysed"_s);
    QCOMPARE(page->trendPanel()->shownChart().points, (QStringList{u"3 Mar"_s, u"10 Mar"_s}));
    choose(u"progressLevelChoice"_s, QString()); // every level
    QTRY_COMPARE(page->progress().answers, 11);
    choose(u"progressRoundChoice"_s, QString());
    choose(u"progressCategoryChoice"_s, u"technical-leadership"_s);
    QTRY_COMPARE(page->progress().answers, 7);
}

void ProgressPageTest::tables_holdTheChartsNumbers()
{
    ProgressPage *page = openProgress();
    QVERIFY(page);
    for (ChartPanel *panel : {page->trendPanel(), page->measurePanel(), page->calibrationPanel()}) {
        auto *choice = panel->findChild<QComboBox *>(panel->objectName() + u"Choice"_s);
        for (int index = 0; index < choice->count(); ++index) {
            choice->setCurrentIndex(index);
            const ChartData &shown = panel->shownChart();
            const QAbstractItemModel *model = panel->table()->model();
            QCOMPARE(model->rowCount(), shown.points.size());
            QCOMPARE(model->columnCount(), shown.series.size() + 1);
            for (qsizetype s = 0; s < shown.series.size(); ++s) {
                QCOMPARE(model->headerData(int(s) + 1, Qt::Horizontal).toString(), shown.series.at(s).title);
                QList<QPointF> fromTable;
                for (int row = 0; row < model->rowCount(); ++row) {
                    const QVariant value = model->index(row, int(s) + 1).data(Qt::UserRole);
                    if (value.isValid())
                        fromTable.append(QPointF(row, value.toDouble()));
                    QCOMPARE(model->index(row, int(s) + 1).data().toString(),
                             shown.formatValue(shown.series.at(s).values.at(row)));
                }
                // Line charts: the chart's points are the table's values, point for point.
                if (shown.kind == ChartData::Kind::Line) {
                    auto *line = qobject_cast<QLineSeries *>(panel->chart()->series().at(s));
                    QVERIFY(line);
                    QCOMPARE(line->name(), shown.series.at(s).title);
                    QCOMPARE(line->points(), fromTable);
                }
            }
        }
    }
    // The toggle shows the table instead of the chart, and back.
    ChartPanel *trends = page->trendPanel();
    QTest::mouseClick(trends->findChild<QToolButton *>(u"trendChartTableButton"_s), Qt::LeftButton);
    QVERIFY(trends->isShowingTable() && trends->table()->isVisible());
    QTest::mouseClick(trends->findChild<QToolButton *>(u"trendChartChartButton"_s), Qt::LeftButton);
    QVERIFY(!trends->isShowingTable());
}

void ProgressPageTest::practise_startsASessionOfThatQuestion()
{
    ProgressPage *page = openProgress();
    QVERIFY(page);
    const QueueEntry entry = page->progress().queue.at(1);
    auto *practise = find<QPushButton>(u"practiseButton_"_s + entry.questionId);
    QVERIFY(practise);
    activate();
    practise->setFocus(Qt::TabFocusReason);
    QTest::keyClick(practise, Qt::Key_Space); // by keyboard
    QTRY_VERIFY_WITH_TIMEOUT(m_window->sessionPage()->isVisible() && m_window->sessionPage()->controller(), 10000);
    QCOMPARE(engine()->plan().segments.size(), 1);
    QCOMPARE(engine()->plan().segments.first().questions.size(), 1);
    QCOMPARE(engine()->plan().segments.first().questions.first().questionId, entry.questionId);
}

void ProgressPageTest::export_writesPngAndSvg()
{
    ProgressPage *page = openProgress();
    QVERIFY(page);
    QString error;
    const QString png = m_dir->filePath(u"trend.png"_s);
    const QString svg = m_dir->filePath(u"trend.svg"_s);
    QVERIFY2(page->trendPanel()->exportPng(png, &error), qPrintable(error));
    QVERIFY2(page->trendPanel()->exportSvg(svg, &error), qPrintable(error));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QVERIFY(inkedPixels(image) > 2000);
    QFile file(svg);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(QSvgRenderer(svg).isValid());
    // An unwritable place gives an error naming it, not a crash.
    QVERIFY(!page->trendPanel()->exportPng(u"/nonexistent-folder/trend.png"_s, &error));
    QVERIFY(error.contains(u"/nonexistent-folder/trend.png"_s));
}

int ProgressPageTest::inkedPixels(const QImage &image)
{
    const QRgb background = image.pixel(2, 2);
    int inked = 0;
    for (int y = 0; y < image.height(); y += 2) {
        for (int x = 0; x < image.width(); x += 2)
            inked += image.pixel(x, y) != background ? 1 : 0;
    }
    return inked;
}

void ProgressPageTest::charts_drawInTheLightAndTheDarkPalette()
{
    ProgressPage *page = openProgress();
    QVERIFY(page);
    const QPalette light = QApplication::palette();
    QPalette dark = light;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x31));
    dark.setColor(QPalette::WindowText, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    for (const QPalette &palette : {light, dark}) {
        page->setPalette(palette);
        for (ChartPanel *panel : {page->trendPanel(), page->measurePanel(), page->calibrationPanel()}) {
            QChart *chart = panel->chart();
            QCOMPARE(chart->backgroundBrush().color(), palette.color(QPalette::Base));
            const QImage image = panel->findChild<QWidget *>(panel->objectName() + u"View"_s)->grab().toImage();
            QVERIFY2(inkedPixels(image) > 1500, qPrintable(panel->objectName()));
            QCOMPARE(image.pixelColor(2, 2), palette.color(QPalette::Base));
        }
    }
}

void ProgressPageTest::practiceHome_saysHowManyQuestionsAreDue()
{
    choose(u"loopChoice"_s, u"netflix-engineering-leadership"_s);
    m_window->practiceHome()->checkForUnfinishedSession(); // as after a session: the summary is worked out again
    auto *summary = find<QLabel>(u"dueSummary"_s);
    QTRY_VERIFY(summary->isVisible() && summary->text().startsWith(u"3 questions due today · 25 never practised"_s));
    QCOMPARE(summary->accessibleName(), u"3 questions due today · 25 never practised"_s);
    summary->linkActivated(u"progress"_s);
    QTRY_VERIFY(find<QWidget>(u"progressPage"_s)->isVisible());
}

// With the font at 200% (as a person who needs large type sets it) the filters and the charts'
// choices wrap onto more lines rather than cut their text short.
void ProgressPageTest::largeText_filtersAndChoicesKeepTheirWholeText()
{
    QFont larger = m_window->font();
    larger.setPointSizeF(larger.pointSizeF() * 2);
    m_window->setFont(larger);
    m_window->resize(1280, 800);
    QVERIFY(openProgress());
    for (const QString &name :
         {u"progressLoopChoice"_s, u"progressLevelChoice"_s, u"progressRoundChoice"_s, u"progressCategoryChoice"_s,
          u"trendChartChoice"_s, u"measureChartChoice"_s, u"calibrationChartChoice"_s}) {
        auto *choice = find<QComboBox>(name);
        // Its whole text where it fits on a line of its own, and never beyond its row.
        const auto row = [choice] { return choice->parentWidget()->width(); };
        QTRY_VERIFY2(choice->width() >= std::min(choice->sizeHint().width(), row()) - 1
                         && choice->geometry().right() < row(),
                     qPrintable(u"%1: %2 px wide of %3, ends at %4 in a row of %5"_s.arg(name)
                                    .arg(choice->width())
                                    .arg(choice->sizeHint().width())
                                    .arg(choice->geometry().right())
                                    .arg(row())));
    }
}

// A coach's ratings brought back (a coach bundle) add a calibration chart of the person's newest
// rating against the coach's; before any, there is none to choose.
void ProgressPageTest::calibration_setsYourRatingsAgainstACoachs_onceACoachHasRated()
{
    ProgressPage *page = openProgress();
    QVERIFY(page);
    auto *choice = find<QComboBox>(u"calibrationChartChoice"_s);
    const QString coachChart = u"Calibration: your rating against a coach's, by dimension"_s;
    QCOMPARE(choice->findText(coachChart), -1);

    // The coach rates the two newest answers 1 on every dimension the person rated.
    const auto rated
        = m_library
              ->run([](LibraryStore *store) {
                  QList<LibraryStore::CoachRating> ratings;
                  for (const AnswerRow &row : store->answers({}, AnswerSort::Date, Qt::DescendingOrder, 2)) {
                      const std::optional<AnswerDetail> detail = store->answer(row.id);
                      if (!detail || !detail->rightAfter)
                          return false;
                      Rating rating;
                      rating.when = Rating::When::Coach;
                      rating.ratedAt = row.answeredAt.addDays(1);
                      for (const QString &dimension : detail->rightAfter->scores.keys())
                          rating.scores.insert(dimension, 1);
                      ratings.append({row.id, rating});
                  }
                  return store->addCoachRatings(ratings, false);
              })
              .result();
    QVERIFY(rated);
    // Read again (as after an import), through a filter changed and back.
    choose(u"progressLevelChoice"_s, QString());
    QTRY_VERIFY(!page->isLoading());
    choose(u"progressLevelChoice"_s, u"L6"_s);
    QTRY_VERIFY_WITH_TIMEOUT(choice->findText(coachChart) >= 0, 10000);
    QCOMPARE(page->progress().coachRated, 2);
    choice->setCurrentIndex(choice->findText(coachChart));
    const ChartData &shown = page->calibrationPanel()->shownChart();
    QCOMPARE(shown.title, coachChart);
    QCOMPARE(shown.series.at(1).title, u"Coach"_s);
    int coachValues = 0;
    for (const std::optional<double> &value : shown.series.at(1).values) {
        if (value) {
            QCOMPARE(*value, 1.0);
            ++coachValues;
        }
    }
    QVERIFY(coachValues > 0);
    // Its numbers are in the panel's table too, as every chart's.
    QCOMPARE(page->calibrationPanel()->table()->model()->headerData(2, Qt::Horizontal).toString(), u"Coach"_s);
}

QTEST_MAIN(ProgressPageTest)
#include "progress_page_test.moc"
