#include "common/ApplicationIdentity.h"
#include "loops/LoopLoader.h"
#include "rating/RatingPanel.h"

#include <QCheckBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;

// The rating panel on its own: what it shows and what it reports while the person rates.
class RatingPanelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void draft_restoresLevelsFlagsAndNotes_withoutReportingAnEdit();
    void everyChange_isReportedAsEdited();
    void notesTypedJustBeforeSubmitting_areReportedBeforeTheSubmission();

private:
    Loop m_loop;
    std::unique_ptr<RatingPanel> m_panel;
};

void RatingPanelTest::initTestCase()
{
    applyApplicationIdentity(*QCoreApplication::instance());
    LoopLoadResult loaded
        = LoopLoader::loadFile(QStringLiteral(MOCKLOOP_TEST_DATA_DIR "/loops/valid-complete/loop.yaml"));
    QVERIFY(loaded.ok());
    m_loop = *loaded.loop;
}

void RatingPanelTest::init()
{
    m_panel = std::make_unique<RatingPanel>();
    m_panel->setRubric(m_loop, *m_loop.round(u"manager"_s));
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void RatingPanelTest::cleanup()
{
    m_panel.reset();
}

void RatingPanelTest::draft_restoresLevelsFlagsAndNotes_withoutReportingAnEdit()
{
    QSignalSpy edited(m_panel.get(), &RatingPanel::edited);
    Rating draft;
    draft.scores = {{u"ownership"_s, 3}, {u"retired-dimension"_s, 2}};
    draft.redFlagIds = {u"blame"_s};
    draft.notes = u"Lead with the number"_s;
    m_panel->setDraft(draft);

    const Rating shown = m_panel->rating();
    QCOMPARE(shown.scores, (QMap<QString, int>{{u"ownership"_s, 3}}));
    QCOMPARE(shown.redFlagIds, QStringList{u"blame"_s});
    QCOMPARE(shown.notes, u"Lead with the number"_s);
    QVERIFY(m_panel->findChild<QRadioButton *>(u"score_ownership_3"_s)->isChecked());
    QVERIFY(m_panel->findChild<QCheckBox *>(u"redFlag_blame"_s)->isChecked());
    QVERIFY(!m_panel->findChild<QCheckBox *>(u"redFlag_excuses"_s)->isChecked());
    QCOMPARE(m_panel->findChild<QLabel *>(u"ratingSummary"_s)->text(),
             u"1 of 2 dimensions rated, average 3.0, 1 red flag"_s);
    QCOMPARE(edited.size(), 0);

    // A new rubric starts empty again.
    m_panel->setRubric(m_loop, *m_loop.round(u"manager"_s));
    QVERIFY(m_panel->rating().scores.isEmpty());
    QVERIFY(m_panel->rating().notes.isEmpty());
    QCOMPARE(edited.size(), 0);
}

void RatingPanelTest::everyChange_isReportedAsEdited()
{
    QSignalSpy edited(m_panel.get(), &RatingPanel::edited);
    auto *ownership = m_panel->findChild<DimensionChoice *>(u"dimension_ownership"_s);
    ownership->setFocus();
    QTest::keyClick(ownership, Qt::Key_2);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(edited.last().first().value<Rating>().scores.value(u"ownership"_s), 2);

    auto *excuses = m_panel->findChild<QCheckBox *>(u"redFlag_excuses"_s);
    excuses->setFocus();
    QTest::keyClick(excuses, Qt::Key_Space);
    QCOMPARE(edited.size(), 2);
    QCOMPARE(edited.last().first().value<Rating>().redFlagIds, QStringList{u"excuses"_s});

    QTest::keyClicks(m_panel->findChild<QPlainTextEdit *>(u"ratingNotes"_s), u"Shorter"_s);
    QTRY_COMPARE(edited.size(), 3); // typing is reported once, when it pauses
    QCOMPARE(edited.last().first().value<Rating>().notes, u"Shorter"_s);
}

void RatingPanelTest::notesTypedJustBeforeSubmitting_areReportedBeforeTheSubmission()
{
    QStringList order;
    connect(m_panel.get(), &RatingPanel::edited, this,
            [&order](const Rating &current) { order << u"edited: "_s + current.notes; });
    connect(m_panel.get(), &RatingPanel::submitted, this,
            [&order](const Rating &rating) { order << u"submitted: "_s + rating.notes; });
    QTest::keyClicks(m_panel->findChild<QPlainTextEdit *>(u"ratingNotes"_s), u"Name the metric"_s);
    QTest::mouseClick(m_panel->findChild<QPushButton *>(u"submitRatingButton"_s), Qt::LeftButton);
    QCOMPARE(order, (QStringList{u"edited: Name the metric"_s, u"submitted: Name the metric"_s}));
}

QTEST_MAIN(RatingPanelTest)
#include "rating_panel_test.moc"
