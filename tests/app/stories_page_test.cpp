#include "AppTestSupport.h"
#include "PracticeWindow.h"
#include "library/AnswerDetailView.h"
#include "library/LibraryPage.h"
#include "practice/SessionPage.h"
#include "stories/CoverageView.h"
#include "stories/StoriesPage.h"
#include "stories/StoryCueCard.h"
#include "stories/StoryEditor.h"
#include "stories/StoryFiles.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace MockLoop;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString NetflixId = u"netflix-engineering-leadership"_s;
const QString QuestionId = u"fr-take-over-project"_s;

} // namespace

// The Stories page in the real window, offscreen, driven by keyboard where a person would: a story
// made without the mouse reaches the library on its own, undo goes back through the story, delete
// asks, the coverage matrix links by keyboard, an import that meets a story of the same title asks,
// and a story chosen on the cue card during think time is kept with the answer, shown in the
// Library and linked in the matrix.
class StoriesPageTest : public QObject, public PracticeWindow
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initFixture(); }
    void init() { setUpWindow(); }
    void cleanup() { tearDownWindow(); }

    void newStory_keyboardOnly_isSavedOnItsOwn_withPromptsTargetsAndHints();
    void undoAndRedo_goThroughTheWholeStory();
    void delete_asksFirst();
    void coverage_linksByKeyboard_andSaysWhatIsCovered();
    void import_ofATitleHeld_asksBeforeAnything();
    void cueCard_duringThinkTime_keepsTheStoryWithTheAnswer_inTheLibraryAndTheMatrix();

private:
    StoriesPage *openStories();
    // The page, showing the one story the library holds.
    StoriesPage *openWithOnly(qint64 storyId);
    qint64 addStory(const QString &title, const QString &challenge = {}, const QStringList &categories = {});
    std::optional<Story> storedStory(qint64 id);
    QList<StoryLink> links();
    int rowOf(QAbstractItemModel *model, const QString &questionText);
    int columnOf(QAbstractItemModel *model, const QString &storyTitle);
};

StoriesPage *StoriesPageTest::openStories()
{
    key(Qt::Key_4, Qt::ControlModifier);
    auto *page = find<StoriesPage>(u"storiesPage"_s);
    if (!page || !QTest::qWaitFor([page] { return page->isVisible(); }, 5000))
        return nullptr;
    choose(u"storiesLoopChoice"_s, NetflixId);
    return page;
}

StoriesPage *StoriesPageTest::openWithOnly(qint64 storyId)
{
    StoriesPage *page = openStories();
    auto *list = find<QListWidget>(u"storyList"_s);
    if (!page || !QTest::qWaitFor([list] { return list->count() == 1; }, 10000))
        return nullptr;
    list->setCurrentRow(0);
    return page->currentStoryId() == storyId ? page : nullptr;
}

qint64 StoriesPageTest::addStory(const QString &title, const QString &challenge, const QStringList &categories)
{
    Story story;
    story.title = title;
    if (!challenge.isEmpty())
        story.phases.insert(u"challenge"_s, challenge);
    story.tags.categories = categories;
    return AppTest::wait(m_library->run([story](LibraryStore *store) { return store->addStory(story); })).value_or(0);
}

std::optional<Story> StoriesPageTest::storedStory(qint64 id)
{
    return AppTest::wait(m_library->run([id](LibraryStore *store) { return store->story(id); }));
}

QList<StoryLink> StoriesPageTest::links()
{
    return AppTest::wait(m_library->run([](LibraryStore *store) { return store->storyLinks(NetflixId); }));
}

int StoriesPageTest::rowOf(QAbstractItemModel *model, const QString &questionText)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, CoverageView::LabelColumn).data().toString().contains(questionText))
            return row;
    }
    return -1;
}

int StoriesPageTest::columnOf(QAbstractItemModel *model, const QString &storyTitle)
{
    for (int column = 0; column < model->columnCount(); ++column) {
        if (model->headerData(column, Qt::Horizontal).toString() == storyTitle)
            return column;
    }
    return -1;
}

void StoriesPageTest::newStory_keyboardOnly_isSavedOnItsOwn_withPromptsTargetsAndHints()
{
    StoriesPage *page = openStories();
    QVERIFY(page);
    QTRY_VERIFY(find<QWidget>(u"storyList"_s)->isVisible());
    key(Qt::Key_N, Qt::ControlModifier);
    auto *title = find<QLineEdit>(u"storyTitle"_s);
    QTRY_VERIFY_WITH_TIMEOUT(title->hasFocus() && page->currentStoryId() != 0, 10000);
    const qint64 id = page->currentStoryId();
    QCOMPARE(title->selectedText(), u"New story"_s); // typing replaces it
    QTest::keyClicks(QApplication::focusWidget(), u"Cache rollback"_s);
    // Tab goes on to the first phase: its placeholder is the loop's prompt, its label the target.
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    auto *challenge = find<QPlainTextEdit>(u"storyPhase_challenge"_s);
    QCOMPARE(QApplication::focusWidget(), challenge);
    QVERIFY(!challenge->placeholderText().isEmpty());
    QVERIFY2(challenge->accessibleName().contains(u"target 0:30"_s), qPrintable(challenge->accessibleName()));
    QTest::keyClicks(challenge, u"Checkout failed for 3% of members after a cache change."_s);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
    auto *decision = find<QPlainTextEdit>(u"storyPhase_decision"_s);
    QCOMPARE(QApplication::focusWidget(), decision);
    QTest::keyClicks(decision, u"We rolled back."_s);

    // Hints, not errors: the empty phases, the "we" with no "I", the length against 4:00.
    const QString hints = find<QLabel>(u"storyHints"_s)->text();
    QVERIFY2(hints.contains(u"Hint:"_s) && hints.contains(u"\"I\""_s), qPrintable(hints));
    QVERIFY2(find<QLabel>(u"storyLength"_s)->text().contains(u"4:00"_s),
             qPrintable(find<QLabel>(u"storyLength"_s)->text()));
    QVERIFY(find<QListWidget>(u"storyList"_s)->currentItem()->text() == u"Cache rollback"_s);

    // Saved on its own once typing stops: no Save button.
    const QList<QPushButton *> buttons = page->findChildren<QPushButton *>();
    QVERIFY(std::none_of(buttons.begin(), buttons.end(),
                         [](QPushButton *button) { return button->text().remove(u'&') == u"Save"_s; }));
    QTRY_VERIFY_WITH_TIMEOUT(storedStory(id) && storedStory(id)->title == u"Cache rollback"_s, 10000);
    const Story stored = *storedStory(id);
    QCOMPARE(stored.phaseText(u"decision"_s), u"We rolled back."_s);
    QCOMPARE(stored.phaseText(u"challenge"_s), u"Checkout failed for 3% of members after a cache change."_s);
    QTRY_COMPARE(find<QLabel>(u"storyStatus"_s)->text(), u"All changes saved"_s);
}

void StoriesPageTest::undoAndRedo_goThroughTheWholeStory()
{
    const qint64 id = addStory(u"Migration"_s);
    StoriesPage *page = openWithOnly(id);
    QVERIFY(page);
    auto *impact = find<QLineEdit>(u"storyImpact"_s);
    typeInto(impact, u"40 teams"_s);
    page->saveNow(); // as when typing stops
    auto *company = find<QLineEdit>(u"storyCompany"_s);
    typeInto(company, u"Acme"_s);
    QVERIFY(page->isSaving());

    // Ctrl+Z in a text box undoes the story's last change, not only that box's.
    QTest::keyClick(company, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(company->text(), QString());
    QCOMPARE(impact->text(), u"40 teams"_s);
    QTest::keyClick(company, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(impact->text(), QString());
    QTRY_VERIFY_WITH_TIMEOUT(!page->isSaving() && storedStory(id)->memberImpact.isEmpty(), 10000);
    // And Ctrl+Shift+Z brings it back, in the library too.
    QTest::keyClick(company, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(impact->text(), u"40 teams"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isSaving() && storedStory(id)->memberImpact == u"40 teams"_s, 10000);
    QCOMPARE(find<QLabel>(u"storyStatus"_s)->text(), u"All changes saved"_s);
}

void StoriesPageTest::delete_asksFirst()
{
    const qint64 id = addStory(u"Outage"_s);
    StoriesPage *page = openWithOnly(id);
    QVERIFY(page);

    QString asked;
    onNextMessageBox(u"Cancel"_s, [&asked](QMessageBox *box) { asked = box->text(); });
    QTest::mouseClick(find<QPushButton>(u"deleteStoryButton"_s), Qt::LeftButton);
    QCOMPARE(m_askedBy, u"deleteStoryBox"_s);
    QVERIFY2(asked.contains(u"\"Outage\""_s), qPrintable(asked));
    QVERIFY(storedStory(id));

    onNextMessageBox(u"Delete"_s);
    QTest::mouseClick(find<QPushButton>(u"deleteStoryButton"_s), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!storedStory(id), 10000);
    QTRY_COMPARE(find<QListWidget>(u"storyList"_s)->count(), 0);
    QCOMPARE(page->currentStoryId(), 0);
    QTRY_COMPARE(find<QLabel>(u"storyStatus"_s)->text(), u"Deleted \"Outage\""_s);
}

void StoriesPageTest::coverage_linksByKeyboard_andSaysWhatIsCovered()
{
    const qint64 id = addStory(u"Ownership gap"_s);
    StoriesPage *page = openStories();
    QVERIFY(page);
    find<QTabWidget>(u"storiesTabs"_s)->setCurrentIndex(1);
    QTRY_VERIFY_WITH_TIMEOUT(
        !page->isCoverageLoading() && find<QTableView>(u"questionMatrix"_s)->model()->rowCount() > 0, 10000);
    auto *matrix = find<QTableView>(u"questionMatrix"_s);
    QAbstractItemModel *model = matrix->model();
    const int row = rowOf(model, u"documentation is incomplete"_s);
    const int column = columnOf(model, u"Ownership gap"_s);
    QVERIFY(row >= 0 && column >= CoverageView::FirstStoryColumn);
    // Not covered: said in words, not by the shading alone.
    QCOMPARE(model->index(row, CoverageView::StatusColumn).data().toString(), u"Not covered"_s);
    const QString before = find<QLabel>(u"coverageSummary"_s)->text();
    QVERIFY2(before.contains(u"questions covered"_s), qPrintable(before));

    matrix->setFocus();
    matrix->setCurrentIndex(model->index(row, column));
    QTest::keyClick(matrix, Qt::Key_Space);
    const QList<StoryLink> linked{StoryLink{id, QuestionId}};
    QTRY_COMPARE_WITH_TIMEOUT(links(), linked, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(matrix->model()->index(row, column).data().toString(), u"✓ Linked"_s, 10000);
    QCOMPARE(matrix->model()->index(row, CoverageView::StatusColumn).data().toString(), u"Covered: 1 linked"_s);
    QVERIFY(find<QLabel>(u"coverageSummary"_s)->text() != before);
    QCOMPARE(matrix->currentIndex(), matrix->model()->index(row, column)); // the place is kept
    // Return unlinks it again.
    QTest::keyClick(matrix, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(links().isEmpty(), 10000);
    QTRY_COMPARE_WITH_TIMEOUT(matrix->model()->index(row, CoverageView::StatusColumn).data().toString(),
                              u"Not covered"_s, 10000);

    // A value: tagged from its matrix.
    auto *values = find<QTableView>(u"valueMatrix"_s);
    const int valueColumn = columnOf(values->model(), u"Ownership gap"_s);
    values->setFocus();
    values->setCurrentIndex(values->model()->index(0, valueColumn));
    QTest::keyClick(values, Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(storedStory(id)->tags.values.size() == 1, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(values->model()->index(0, valueColumn).data().toString(), u"✓ Tagged"_s, 10000);
}

void StoriesPageTest::import_ofATitleHeld_asksBeforeAnything()
{
    const qint64 held = addStory(u"Cache rollback"_s, u"The original challenge."_s);
    StoriesPage *page = openStories();
    QVERIFY(page);
    QTRY_COMPARE(find<QListWidget>(u"storyList"_s)->count(), 1);

    // A file with the same title, and a broken one: the broken one is named with its line.
    Story incoming;
    incoming.title = u"Cache rollback"_s;
    incoming.phases.insert(u"challenge"_s, u"The imported challenge."_s);
    const auto loop = CrashLeftovers::netflixLoop();
    const QString good = m_dir->filePath(u"cache.md"_s);
    const QString bad = m_dir->filePath(u"broken.json"_s);
    {
        QFile file(good);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(StoryFiles::toMarkdown(incoming, loop->storyStructure));
        QFile broken(bad);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\n  \"title\": \"x\",\n  oops\n}");
    }
    StoryFileChooser chooser;
    chooser.open = [bad](QWidget *, const QString &, const QString &) { return QStringList{bad}; };
    chooser.save = [](QWidget *, const QString &, const QString &, const QString &) { return QString(); };
    page->setFileChooser(chooser);

    // The broken file is named with its line; nothing is imported.
    QString problem;
    onNextMessageBox(u"OK"_s, [&problem](QMessageBox *box) { problem = box->text(); });
    QTest::mouseClick(find<QPushButton>(u"importStoriesButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_askedBy, u"storyFileProblemBox"_s, 10000);
    QVERIFY2(problem.contains(u"broken.json, line"_s), qPrintable(problem));

    // Skipped: nothing changes.
    chooser.open = [good](QWidget *, const QString &, const QString &) { return QStringList{good}; };
    page->setFileChooser(chooser);
    onNextMessageBox(u"Skip"_s);
    QTest::mouseClick(find<QPushButton>(u"importStoriesButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_askedBy, u"storyConflictBox"_s, 10000);
    QTRY_COMPARE(find<QLabel>(u"storyStatus"_s)->text(), u"Imported 0 stories."_s);
    QCOMPARE(storedStory(held)->phaseText(u"challenge"_s), u"The original challenge."_s);
    QCOMPARE(AppTest::wait(m_library->run([](LibraryStore *store) { return store->stories().size(); })), 1);

    // Replaced: the story held takes the imported text, and the page shows it.
    onNextMessageBox(u"Replace"_s);
    QTest::mouseClick(find<QPushButton>(u"importStoriesButton"_s), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(m_askedBy, u"storyConflictBox"_s, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(storedStory(held)->phaseText(u"challenge"_s), u"The imported challenge."_s, 10000);
    QTRY_COMPARE(find<QPlainTextEdit>(u"storyPhase_challenge"_s)->toPlainText(), u"The imported challenge."_s);
    QTRY_COMPARE(find<QLabel>(u"storyStatus"_s)->text(), u"Imported 1 story."_s);
}

void StoriesPageTest::cueCard_duringThinkTime_keepsTheStoryWithTheAnswer_inTheLibraryAndTheMatrix()
{
    // Suggested for the question by its category and a word of it, not linked.
    const qint64 id = addStory(u"Inherited service"_s, u"The documentation was gone with its author."_s,
                               {u"freedom-responsibility"_s});
    chooseMode(u"modeSingleQuestion"_s);
    choose(u"questionPickChoice"_s, 3);
    choose(u"questionChoice"_s, QuestionId);
    startSession();
    QCOMPARE(engine()->state(), SessionState::Thinking);

    // Off by default; C shows it.
    auto *card = find<StoryCueCard>(u"storyCueCard"_s);
    QVERIFY(card->isVisible());
    QVERIFY(!find<QLabel>(u"cueCardStory"_s)->isVisible());
    key(Qt::Key_C);
    QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>(u"cueCardStory"_s)->isVisible(), 10000);
    QVERIFY(find<QLabel>(u"cueCardStory"_s)->text().startsWith(u"Inherited service"_s));
    QVERIFY2(find<QLabel>(u"cueCardState"_s)->text().contains(u"Suggested"_s),
             qPrintable(find<QLabel>(u"cueCardState"_s)->text()));
    QCOMPARE(card->shownStoryId(), id);
    // Linked during think time: the candidate's choice for the question from now on.
    QTest::mouseClick(find<QPushButton>(u"cueCardLinkButton"_s), Qt::LeftButton);
    const QList<StoryLink> linked{StoryLink{id, QuestionId}};
    QTRY_COMPARE_WITH_TIMEOUT(links(), linked, 10000);
    QTRY_VERIFY(!find<QPushButton>(u"cueCardLinkButton"_s)->isVisible());
    key(Qt::Key_C); // and hidden again
    QVERIFY(!find<QLabel>(u"cueCardStory"_s)->isVisible());

    key(Qt::Key_Return);
    QCOMPARE(engine()->state(), SessionState::Answering);
    QVERIFY(!card->isVisible()); // think time only
    QVERIFY(!card->toggleAction()->isEnabled()); // and C does nothing meanwhile
    answerAll(3);
    QCOMPARE(engine()->state(), SessionState::Finished);

    // The Library's answer shows the story practised.
    QTest::mouseClick(find<QPushButton>(u"openInLibraryButton"_s), Qt::LeftButton);
    auto *table = find<QTableView>(u"answerTable"_s);
    QTRY_VERIFY_WITH_TIMEOUT(table->isVisible() && table->model()->rowCount() > 0, 10000);
    table->selectRow(0);
    auto *practised = find<QLabel>(u"practisedStory"_s);
    QTRY_VERIFY_WITH_TIMEOUT(practised->isVisible(), 10000);
    QCOMPARE(practised->text(), u"Story practised (on the cue card): Inherited service"_s);
    const QList<StoryPractice> practice
        = AppTest::wait(m_library->run([](LibraryStore *store) { return store->storyPractice(); }));
    QCOMPARE(practice.size(), 1);
    QCOMPARE(practice.first().storyId, id);
    QCOMPARE(practice.first().meanScore, std::optional(3.0));

    // And the matrix shows it linked.
    StoriesPage *page = openStories();
    QVERIFY(page);
    find<QTabWidget>(u"storiesTabs"_s)->setCurrentIndex(1);
    auto *matrix = find<QTableView>(u"questionMatrix"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!page->isCoverageLoading() && matrix->model()->rowCount() > 0, 10000);
    const int row = rowOf(matrix->model(), u"documentation is incomplete"_s);
    QCOMPARE(matrix->model()->index(row, columnOf(matrix->model(), u"Inherited service"_s)).data().toString(),
             u"✓ Linked"_s);

    // And the Progress page says how the story was practised and rated.
    key(Qt::Key_3, Qt::ControlModifier);
    auto *practisedStories = find<QListWidget>(u"storiesPractisedList"_s);
    QTRY_VERIFY_WITH_TIMEOUT(practisedStories->isVisible() && practisedStories->count() == 1
                                 && practisedStories->item(0)->data(Qt::UserRole).toLongLong() == id,
                             10000);
    const QString sentence = practisedStories->item(0)->text();
    QVERIFY2(sentence.startsWith(u"Inherited service — Practised once on the cue card, rated 3.0 on average"_s),
             qPrintable(sentence));
}

QTEST_MAIN(StoriesPageTest)
#include "stories_page_test.moc"
