#include "StoryCueCard.h"

#include "common/AnnouncementLabel.h"
#include "common/Format.h"
#include "library/PracticeLibrary.h"
#include "session/SessionEngine.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include <chrono>

using namespace Qt::StringLiterals;

namespace MockLoop {

// What the card can show for a question: the linked stories first, then the suggested ones; and
// the one kept with the answer before (a resumed session).
struct StoryCueCard::Choices
{
    QList<Story> linked;
    QList<Story> suggested;
    qint64 kept = 0;
};

StoryCueCard::StoryCueCard(PracticeLibrary *library, QWidget *parent)
    : QFrame(parent)
    , m_library(library)
    , m_toggle(new QAction(tr("Stor&y Cue Card"), this))
    , m_caption(new QLabel(tr("Story cue card"), this))
    , m_state(new AnnouncementLabel(this))
    , m_picker(new QComboBox(this))
    , m_body(new QLabel(this))
    , m_link(new QPushButton(tr("Link to This Question"), this))
{
    setObjectName(u"storyCueCard"_s);
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(260);
    setMaximumWidth(420);
    m_toggle->setObjectName(u"cueCardAction"_s);
    m_toggle->setCheckable(true);
    m_toggle->setShortcut(QKeySequence(Qt::Key_C));
    m_toggle->setShortcutContext(Qt::WindowShortcut);
    m_toggle->setToolTip(tr("Show or hide the story for this question during think time (C)"));
    m_toggle->setEnabled(false);
    QFont bold = m_caption->font();
    bold.setBold(true);
    m_caption->setFont(bold);
    m_state->setObjectName(u"cueCardState"_s);
    m_picker->setObjectName(u"cueCardPicker"_s);
    m_picker->setAccessibleName(tr("Story for this question"));
    m_picker->setFocusPolicy(Qt::TabFocus); // the session's keys stay with the session until Tab
    m_body->setObjectName(u"cueCardStory"_s);
    m_body->setWordWrap(true);
    m_body->setTextFormat(Qt::PlainText);
    m_body->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_body->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_link->setObjectName(u"cueCardLinkButton"_s);
    m_link->setToolTip(tr("Make this suggested story your choice for the question (the Stories page shows it linked)"));
    m_link->setFocusPolicy(Qt::TabFocus);
    connect(m_link, &QPushButton::clicked, this, &StoryCueCard::linkShownStory);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_state);
    layout->addWidget(m_picker);
    layout->addWidget(m_body, 1);
    layout->addWidget(m_link);
    layout->addStretch(); // with no story shown, what the card says stays at its top

    connect(m_toggle, &QAction::toggled, this, [this](bool on) {
        if (on && m_thinking && !m_loaded)
            load();
        updateVisibility();
        if (!m_thinking)
            return;
        if (!on)
            m_state->announce(tr("Cue card hidden (C shows it)."));
        else if (m_loaded && m_shownId != 0)
            m_state->announce(m_state->text() + u' ' + m_body->text().section(u'\n', 0, 0));
    });
    connect(m_picker, &QComboBox::activated, this, [this](int index) {
        if (index >= 0 && index < m_stories.size()) {
            showStory(m_stories.at(index).id);
            keep(m_shownId);
        }
    });
    hide();
}

void StoryCueCard::follow(const SessionEngine *engine)
{
    const bool thinking = engine && engine->state() == SessionState::Thinking && engine->currentAnswer();
    // C belongs to the card only in think time: elsewhere it does nothing, as the other session keys.
    m_toggle->setEnabled(thinking);
    if (!thinking) {
        m_thinking = false;
        hide();
        return;
    }
    const AnswerRecord &answer = *engine->currentAnswer();
    const bool sameQuestion = m_thinking && engine->sessionId() == m_sessionId && answer.ordinal == m_ordinal;
    m_thinking = true;
    if (!sameQuestion) {
        if (m_loopKey != engine->sessionId()) {
            m_loop = std::make_shared<const Loop>(engine->loop());
            m_loopKey = engine->sessionId();
        }
        m_sessionId = engine->sessionId();
        m_ordinal = answer.ordinal;
        m_questionId = answer.questionId;
        m_loaded = false;
        m_shownId = m_keptId = 0;
        m_stories.clear();
        m_linkedIds.clear();
        m_picker->clear();
        m_body->clear();
        if (m_toggle->isChecked())
            load();
    }
    updateVisibility();
}

void StoryCueCard::updateVisibility()
{
    if (!m_thinking) {
        hide();
        return;
    }
    const bool on = m_toggle->isChecked();
    if (!on)
        m_state->setQuietText(tr("Off: press C to see the story for this question."));
    m_picker->setVisible(on && m_loaded && m_stories.size() > 1);
    m_body->setVisible(on && m_loaded && m_shownId != 0);
    m_link->setVisible(on && m_loaded && m_shownId != 0 && !m_linkedIds.contains(m_shownId));
    show();
}

void StoryCueCard::load()
{
    m_loading = true;
    m_state->setQuietText(tr("Looking for your story…"));
    const int generation = ++m_generation;
    const std::shared_ptr<const Loop> loop = m_loop;
    const QString sessionId = m_sessionId;
    const int ordinal = m_ordinal;
    const QString questionId = m_questionId;
    m_library
        ->run([loop, sessionId, ordinal, questionId](LibraryStore *store) {
            Choices choices;
            if (!store || !loop)
                return choices;
            const QList<Story> stories = store->stories(false);
            QHash<qint64, Story> byId;
            for (const Story &story : stories)
                byId.insert(story.id, story);
            const StoryCoverageResult coverage = StoryCoverage::compute(*loop, stories, store->storyLinks(loop->id));
            for (const RoundCoverage &round : coverage.rounds) {
                for (const QuestionCoverage &question : round.questions) {
                    if (question.questionId != questionId || !choices.linked.isEmpty() || !choices.suggested.isEmpty())
                        continue;
                    for (const qint64 id : question.linked)
                        choices.linked << byId.value(id);
                    for (const StorySuggestion &suggestion : question.suggested)
                        choices.suggested << byId.value(suggestion.storyId);
                }
            }
            if (const std::optional<PractisedStory> kept = store->practisedStory(sessionId, ordinal))
                choices.kept = kept->storyId;
            return choices;
        })
        .then(this, [this, generation](const Choices &choices) {
            if (generation != m_generation)
                return;
            m_loading = false;
            m_loaded = true;
            showChoices(choices);
        });
}

void StoryCueCard::showChoices(const Choices &choices)
{
    m_stories = choices.linked + choices.suggested;
    m_linkedIds.clear();
    for (const Story &story : choices.linked)
        m_linkedIds.insert(story.id);
    m_picker->clear();
    for (const Story &story : std::as_const(choices.linked))
        m_picker->addItem(tr("Linked: %1").arg(story.title));
    for (const Story &story : std::as_const(choices.suggested))
        m_picker->addItem(tr("Suggested: %1").arg(story.title));
    if (m_stories.isEmpty()) {
        m_state->announce(tr("No story is linked to this question, and none is suggested: link one on the Stories "
                             "page."));
        updateVisibility();
        return;
    }
    m_keptId = choices.kept;
    qint64 chosen = m_stories.first().id;
    for (const Story &story : std::as_const(m_stories)) {
        if (story.id == choices.kept)
            chosen = story.id;
    }
    showStory(chosen);
    keep(chosen);
    const QString how = choices.linked.isEmpty()
        ? tr("Suggested for this question (%n to choose from):", nullptr, int(m_stories.size()))
        : tr("Your story for this question:");
    m_state->announce(how, how + u' ' + m_body->text().section(u'\n', 0, 0));
    updateVisibility();
}

void StoryCueCard::showStory(qint64 storyId)
{
    const auto found = std::find_if(m_stories.cbegin(), m_stories.cend(),
                                    [storyId](const Story &story) { return story.id == storyId; });
    if (found == m_stories.cend())
        return;
    m_shownId = storyId;
    m_picker->setCurrentIndex(int(found - m_stories.cbegin()));
    QStringList lines{found->title};
    for (const StoryPhase &phase : m_loop->storyStructure.phases) {
        const QString text = found->phaseText(phase.id).trimmed();
        lines << u""_s
              << tr("%1 (%2): %3")
                     .arg(phase.title, Format::elapsed(std::chrono::seconds(phase.targetSeconds)),
                          text.isEmpty() ? tr("(empty)") : text);
    }
    if (!found->metrics.isEmpty())
        lines << u""_s << tr("Numbers: %1").arg(found->metrics.join(u"; "_s));
    if (!found->memberImpact.isEmpty())
        lines << tr("Member impact: %1").arg(found->memberImpact);
    m_body->setText(lines.join(u'\n'));
    updateVisibility();
}

void StoryCueCard::keep(qint64 storyId)
{
    if (storyId == 0 || storyId == m_keptId)
        return;
    m_keptId = storyId;
    const QString sessionId = m_sessionId;
    const int ordinal = m_ordinal;
    m_library
        ->run([sessionId, ordinal, storyId](LibraryStore *store) {
            return store && store->setPractisedStory(sessionId, ordinal, storyId, QDateTime::currentDateTimeUtc());
        })
        .then(this, [this, storyId](bool ok) {
            if (ok)
                Q_EMIT storyKept(storyId);
        });
}

void StoryCueCard::linkShownStory()
{
    const qint64 storyId = m_shownId;
    if (storyId == 0 || m_linkedIds.contains(storyId) || !m_loop)
        return;
    const QString loopId = m_loop->id;
    const QString questionId = m_questionId;
    m_library
        ->run([storyId, loopId, questionId](LibraryStore *store) {
            return store && store->linkStory(storyId, loopId, questionId);
        })
        .then(this, [this, storyId](bool ok) {
            if (!ok) {
                m_state->announce(tr("The link could not be saved in the practice library."));
                return;
            }
            m_linkedIds.insert(storyId);
            const int index = m_picker->currentIndex();
            if (index >= 0 && m_stories.value(index).id == storyId)
                m_picker->setItemText(index, tr("Linked: %1").arg(m_stories.at(index).title));
            m_state->announce(tr("Linked to this question: it is your story for it now."));
            updateVisibility();
        });
    keep(storyId);
}

} // namespace MockLoop
