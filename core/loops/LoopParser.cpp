#include "LoopParser.h"

#include "LoopLoader.h"
#include "ProbeSetReader.h"

#include <QLocale>

using namespace Qt::StringLiterals;

namespace MockLoop::LoopLoader {

namespace {

using Yaml::DiagnosticSink;
using Yaml::FieldReader;
using Yaml::LocatedId;
using Yaml::Node;
using Yaml::Presence;

constexpr auto Required = Presence::Required;
constexpr auto Optional = Presence::Optional;

QStringList idsOf(const QList<LocatedId> &located)
{
    QStringList ids;
    ids.reserve(located.size());
    for (const LocatedId &item : located)
        ids.append(item.id);
    return ids;
}

} // namespace

LoopParser::LoopParser(DiagnosticSink &sink)
    : m_sink(sink)
    , m_levelIds(sink, tr("level"))
    , m_phaseIds(sink, tr("story phase"))
    , m_dimensionIds(sink, tr("rubric dimension"))
    , m_redFlagGroupIds(sink, tr("red-flag group"))
    , m_redFlagIds(sink, tr("red flag"))
    , m_categoryIds(sink, tr("category"))
    , m_themeIds(sink, tr("theme"))
    , m_questionIds(sink, tr("question"))
    , m_roundIds(sink, tr("round"))
    , m_milestoneIds(sink, tr("preparation milestone"))
{ }

std::optional<LocatedId> LoopParser::defineId(FieldReader &fields, IdRegistry &registry)
{
    auto located = fields.id("id", Required);
    if (located)
        registry.define(*located);
    return located;
}

QStringList LoopParser::referenceIds(FieldReader &fields, std::string_view key, Presence presence,
                                     const IdRegistry &registry)
{
    const QList<LocatedId> located = fields.idList(key, presence);
    for (const LocatedId &reference : located)
        m_references.append({&registry, reference});
    return idsOf(located);
}

Loop LoopParser::parse(const Node &root)
{
    Loop loop;
    FieldReader fields(m_sink, root, QString());
    if (!fields.isMap())
        return loop;

    const auto formatVersion = fields.positiveInt("format_version", Required, MOCKLOOP_LOADER_TEXT("format version"));
    if (formatVersion && *formatVersion > Loop::SupportedFormatVersion) {
        // A newer format may mean anything below; listing those differences would only confuse.
        m_sink.error(fields.field("format_version", Required, "").mark(), u"format_version"_s,
                     tr("this file needs loop format %1, and this version of MockLoop reads format %2; "
                        "update MockLoop to use it")
                         .arg(*formatVersion)
                         .arg(Loop::SupportedFormatVersion));
        fields.ignoreRest();
        return loop;
    }
    loop.formatVersion = formatVersion.value_or(Loop::SupportedFormatVersion);
    if (const auto id = fields.id("id", Required))
        loop.id = id->id;
    loop.version = fields.positiveInt("version", Required, MOCKLOOP_LOADER_TEXT("content version")).value_or(1);
    loop.title = fields.text("title", Required);
    loop.company = fields.text("company", Optional);
    loop.description = fields.text("description", Optional);
    loop.tips = fields.textList("tips", Optional);

    const auto reader = [this, &loop](void (LoopParser::*read)(const Node &, const QString &, Loop &)) {
        return [this, &loop, read](const Node &node, const QString &path) { (this->*read)(node, path, loop); };
    };
    fields.forEach("success_factors", Optional, MOCKLOOP_LOADER_TEXT("a list of success factors"),
                   reader(&LoopParser::readSuccessFactor));
    fields.forEach("levels", Optional, MOCKLOOP_LOADER_TEXT("a list of levels"), reader(&LoopParser::readLevel));
    if (const Node &story = fields.field("story_structure", Optional, MOCKLOOP_LOADER_TEXT("a story structure"));
        story.isDefined())
        readStoryStructure(story, fields.pathOf("story_structure"), loop);
    fields.forEach("rubric", Required, MOCKLOOP_LOADER_TEXT("a list of rubric dimensions"),
                   reader(&LoopParser::readDimension));
    fields.forEach("red_flags", Optional, MOCKLOOP_LOADER_TEXT("a list of red-flag groups"),
                   reader(&LoopParser::readRedFlagGroup));
    fields.forEach("categories", Optional, MOCKLOOP_LOADER_TEXT("a list of question categories"),
                   reader(&LoopParser::readCategory));
    fields.forEach("themes", Optional, MOCKLOOP_LOADER_TEXT("a list of themes"), reader(&LoopParser::readTheme));
    fields.forEach("questions", Required, MOCKLOOP_LOADER_TEXT("a list of questions"),
                   reader(&LoopParser::readQuestion));
    fields.forEach("rounds", Required, MOCKLOOP_LOADER_TEXT("a list of rounds"), reader(&LoopParser::readRound));
    fields.forEach("preparation", Optional, MOCKLOOP_LOADER_TEXT("a list of preparation milestones"),
                   reader(&LoopParser::readMilestone));
    ProbeSetReferences probeReferences;
    loop.probeSets = readProbeSets(m_sink, fields, probeReferences);
    for (const LocatedId &phase : std::as_const(probeReferences.phases))
        m_references.append({&m_phaseIds, phase});
    for (const LocatedId &round : std::as_const(probeReferences.rounds))
        m_references.append({&m_roundIds, round});
    loop.interviewerSpeaks = fields.boolean("interviewer_speaks", Optional).value_or(true);
    fields.finish();

    checkReferences();
    checkRoundSupply(loop);
    checkQuestionsReachable(loop);
    return loop;
}

void LoopParser::readSuccessFactor(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    SuccessFactor factor;
    factor.title = fields.text("title", Required);
    factor.text = fields.text("text", Required);
    loop.successFactors.append(factor);
}

void LoopParser::readLevel(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    Level level;
    if (const auto id = defineId(fields, m_levelIds))
        level.id = id->id;
    level.title = fields.text("title", Required);
    level.teamInfluence = fields.text("team_influence", Optional);
    level.scope = fields.text("scope", Optional);
    level.impact = fields.text("impact", Optional);
    level.focus = fields.text("focus", Optional);
    loop.levels.append(level);
}

void LoopParser::readStoryStructure(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    fields.forEach(
        "phases", Required, MOCKLOOP_LOADER_TEXT("a list of story phases"),
        [&](const Node &item, const QString &itemPath) {
            FieldReader phaseFields(m_sink, item, itemPath);
            if (!phaseFields.isMap())
                return;
            StoryPhase phase;
            if (const auto id = defineId(phaseFields, m_phaseIds))
                phase.id = id->id;
            phase.title = phaseFields.text("title", Required);
            phase.targetSeconds
                = phaseFields.positiveInt("target_seconds", Required, MOCKLOOP_LOADER_TEXT("seconds")).value_or(0);
            phase.purpose = phaseFields.text("purpose", Optional);
            phase.prompt = phaseFields.text("prompt", Optional);
            phase.interruptions = phaseFields.textList("interruptions", Optional);
            loop.storyStructure.phases.append(phase);
        });
}

void LoopParser::readDimension(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    RubricDimension dimension;
    if (const auto id = defineId(fields, m_dimensionIds))
        dimension.id = id->id;
    dimension.title = fields.text("title", Required);
    const Node &kind = fields.field("kind", Optional, MOCKLOOP_LOADER_TEXT("'value' or 'craft'"));
    if (kind.isDefined()) {
        const std::string kindText = kind.isScalar() ? kind.scalar() : std::string();
        if (kindText == "value")
            dimension.kind = DimensionKind::Value;
        else if (kindText == "craft")
            dimension.kind = DimensionKind::Craft;
        else
            m_sink.error(kind.mark(), fields.pathOf("kind"),
                         tr("expected 'value' or 'craft', got %1").arg(Yaml::describeNode(kind)));
    }
    dimension.description = fields.text("description", Optional);
    dimension.meaning = fields.textList("meaning", Optional);
    dimension.avoid = fields.text("avoid", Optional);
    dimension.use = fields.text("use", Optional);
    const Node &anchors = fields.field("anchors", Required,
                                       MOCKLOOP_LOADER_TEXT("a mapping from each score 1 to 4 to what it looks like"));
    if (anchors.isDefined()) {
        FieldReader anchorFields(m_sink, anchors, fields.pathOf("anchors"));
        if (anchorFields.isMap()) {
            for (int score = RubricDimension::MinScore; score <= RubricDimension::MaxScore; ++score) {
                const std::string key = std::to_string(score);
                dimension.anchors.at(static_cast<std::size_t>(score - RubricDimension::MinScore))
                    = anchorFields.text(key, Required);
            }
        }
    }
    loop.dimensions.append(dimension);
}

void LoopParser::readRedFlagGroup(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    RedFlagGroup group;
    if (const auto id = defineId(fields, m_redFlagGroupIds))
        group.id = id->id;
    group.title = fields.text("title", Required);
    fields.forEach("flags", Required, MOCKLOOP_LOADER_TEXT("a list of red flags"),
                   [&](const Node &item, const QString &itemPath) {
                       FieldReader flagFields(m_sink, item, itemPath);
                       if (!flagFields.isMap())
                           return;
                       RedFlag flag;
                       if (const auto id = defineId(flagFields, m_redFlagIds))
                           flag.id = id->id;
                       flag.text = flagFields.text("text", Required);
                       group.flags.append(flag);
                   });
    loop.redFlagGroups.append(group);
}

void LoopParser::readCategory(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    Category category;
    if (const auto id = defineId(fields, m_categoryIds))
        category.id = id->id;
    category.title = fields.text("title", Required);
    category.description = fields.text("description", Optional);
    loop.categories.append(category);
}

void LoopParser::readTheme(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    Theme theme;
    if (const auto id = defineId(fields, m_themeIds))
        theme.id = id->id;
    theme.title = fields.text("title", Required);
    theme.lookingFor = fields.textList("looking_for", Optional);
    theme.powerStories = fields.textList("power_stories", Optional);
    theme.storyFramework = fields.text("story_framework", Optional);
    loop.themes.append(theme);
}

void LoopParser::readQuestion(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    Question question;
    if (const auto id = defineId(fields, m_questionIds)) {
        question.id = id->id;
        m_questionLocations.insert(question.id, {fields.mark(), path});
    }
    question.text = fields.text("text", Required);
    if (const auto category = fields.id("category", Required)) {
        m_references.append({&m_categoryIds, *category});
        question.categoryId = category->id;
    }
    question.themeIds = referenceIds(fields, "themes", Optional, m_themeIds);
    question.roundIds = referenceIds(fields, "rounds", Optional, m_roundIds);
    question.answerSeconds
        = fields.positiveInt("answer_seconds", Optional, MOCKLOOP_LOADER_TEXT("seconds")).value_or(0);
    question.followUps = fields.textList("follow_ups", Optional);
    question.strongAnswer = fields.textList("strong_answer", Optional);
    loop.questions.append(question);
}

void LoopParser::readRound(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    Round round;
    if (const auto id = defineId(fields, m_roundIds))
        round.id = id->id;
    round.title = fields.text("title", Required);
    round.interviewer = fields.text("interviewer", Required);
    round.durationMinutes
        = fields.positiveInt("duration_minutes", Required, MOCKLOOP_LOADER_TEXT("minutes")).value_or(0);
    round.focus = fields.textList("focus", Optional);
    round.evaluates = fields.textList("evaluates", Optional);
    round.answerSeconds = fields.positiveInt("answer_seconds", Optional, MOCKLOOP_LOADER_TEXT("seconds")).value_or(0);
    round.followUps = fields.textList("follow_ups", Optional);
    round.rubricDimensionIds = referenceIds(fields, "rubric", Required, m_dimensionIds);
    round.redFlagGroupIds = referenceIds(fields, "red_flags", Optional, m_redFlagGroupIds);
    round.opening = fields.text("opening", Optional);
    round.closing = fields.text("closing", Optional);
    readRoundInterruptions(fields, loop, round);

    const Yaml::Expectation countExpectation(
        MOCKLOOP_LOADER_TEXT("a positive number of questions or 'until_time_is_up'"));
    const Node &sources = fields.field(
        "questions", Required, MOCKLOOP_LOADER_TEXT("where the round's questions come from and how many it asks"));
    if (sources.isDefined()) {
        FieldReader sourceFields(m_sink, sources, fields.pathOf("questions"));
        if (sourceFields.isMap()) {
            round.sourceCategoryIds = referenceIds(sourceFields, "categories", Optional, m_categoryIds);
            round.sourceQuestionIds = referenceIds(sourceFields, "ids", Optional, m_questionIds);
            const Node &count = sourceFields.field("count", Required, countExpectation);
            if (count.isDefined()) {
                if (count.isScalar() && count.scalar() == "until_time_is_up")
                    round.questionCount.reset();
                else if (const auto number
                         = Yaml::readInt(m_sink, count, sourceFields.pathOf("count"), 1, countExpectation))
                    round.questionCount = *number;
                else
                    round.questionCount = 0; // reported; keeps the supply check quiet
                m_roundSources.append(
                    {round.id, count.mark(), sourceFields.pathOf("count"), sourceFields.mark(), sourceFields.path()});
            }
        }
    }
    loop.rounds.append(round);
}

// interrupt_overruns (the round's opt-in) and interruptions, a mapping from story phase ids to the
// round's own lines for them. The story structure is read before the rounds, whatever the order of
// the file, so whether any phase has lines is known here.
void LoopParser::readRoundInterruptions(FieldReader &fields, const Loop &loop, Round &round)
{
    const std::optional<bool> interrupts = fields.boolean("interrupt_overruns", Optional);
    const Node &optIn = fields.field("interrupt_overruns", Optional, "");
    const bool optInReported = !optIn.isAbsent() && !interrupts; // not true or false: already an error
    round.interruptsOverruns = interrupts.value_or(false);
    const Node &node = fields.field("interruptions", Optional,
                                    MOCKLOOP_LOADER_TEXT("a mapping from story phase ids to lists of short lines"));
    const QString path = fields.pathOf("interruptions");
    if (node.isDefined() && !node.isNull() && !node.isMap()) {
        m_sink.error(node.mark(), path,
                     tr("expected a mapping from story phase ids to lists of short lines, got %1")
                         .arg(Yaml::describeNode(node)));
    } else if (node.isMap()) {
        QHash<QString, int> lineOfPhase;
        for (const auto &[keyNode, value] : node.entries()) {
            if (m_sink.shouldStopReading())
                return;
            auto phaseId = Yaml::readId(m_sink, *keyNode, path);
            if (!phaseId)
                continue;
            phaseId->fieldPath = path + u'.' + phaseId->id;
            if (const auto first = lineOfPhase.constFind(phaseId->id); first != lineOfPhase.cend()) {
                m_sink.error(phaseId->mark, phaseId->fieldPath,
                             tr("story phase given twice (first on line %1)").arg(*first));
                continue;
            }
            lineOfPhase.insert(phaseId->id, phaseId->mark.line);
            m_references.append({&m_phaseIds, *phaseId});
            round.interruptions.append(
                {phaseId->id, Yaml::readTextList(m_sink, *value, phaseId->fieldPath, Presence::Required)});
        }
        if (!round.interruptsOverruns && !optInReported && !round.interruptions.isEmpty()) {
            m_sink.warning(node.mark(), path,
                           tr("the round never interrupts, so these lines are not used: add "
                              "'interrupt_overruns: true' to the round"));
        }
    }

    if (!round.interruptsOverruns)
        return;
    const bool anyLines = std::any_of(round.interruptions.cbegin(), round.interruptions.cend(),
                                      [](const PhaseInterruptions &phase) { return !phase.lines.isEmpty(); })
        || std::any_of(loop.storyStructure.phases.cbegin(), loop.storyStructure.phases.cend(),
                       [](const StoryPhase &phase) { return !phase.interruptions.isEmpty(); });
    if (!anyLines && !node.isMap()) { // a mapping without lines has its own errors
        m_sink.error(optIn.mark(), fields.pathOf("interrupt_overruns"),
                     tr("the round interrupts overrunning phases, but no phase has lines to interrupt with: add "
                        "'interruptions' to the story phases, or to the round"));
    }
}

void LoopParser::readMilestone(const Node &node, const QString &path, Loop &loop)
{
    FieldReader fields(m_sink, node, path);
    if (!fields.isMap())
        return;
    PreparationMilestone milestone;
    if (const auto id = defineId(fields, m_milestoneIds))
        milestone.id = id->id;
    milestone.title = fields.text("title", Required);
    milestone.daysBefore = fields.nonNegativeInt("days_before", Required, MOCKLOOP_LOADER_TEXT("days")).value_or(0);
    milestone.items = fields.textList("items", Required);
    loop.preparation.append(milestone);
}

void LoopParser::checkReferences()
{
    for (const Reference &reference : std::as_const(m_references)) {
        if (m_sink.shouldStopReading())
            return;
        reference.registry->check(reference.id);
    }
}

void LoopParser::checkRoundSupply(const Loop &loop)
{
    const QuestionSupply supply(loop);
    QHash<QString, const Round *> rounds;
    for (const Round &round : loop.rounds)
        if (!rounds.contains(round.id))
            rounds.insert(round.id, &round); // the first, as Loop::round() finds

    for (const RoundSource &source : std::as_const(m_roundSources)) {
        if (m_sink.shouldStopReading())
            return;
        const Round *round = rounds.value(source.roundId);
        if (!round || round->questionCount == 0)
            continue;
        const qsizetype supplied = supply.count(*round);
        if (round->untilTimeIsUp() && supplied == 0) {
            m_sink.error(source.sourcesMark, source.sourcesPath,
                         tr("the round has no questions: name categories or ids here, or list the round under "
                            "a question's 'rounds'"));
        } else if (!round->untilTimeIsUp() && supplied < *round->questionCount) {
            m_sink.error(source.countMark, source.countPath,
                         tr("the round asks %n question(s) but its sources supply only %1", *round->questionCount)
                             .arg(supplied));
        }
    }
}

void LoopParser::checkQuestionsReachable(const Loop &loop)
{
    if (loop.rounds.isEmpty() || m_sink.shouldStopReading())
        return; // already an error; a warning per question would bury it
    QSet<QString> roundIds;
    QSet<QString> drawnCategories;
    QSet<QString> drawnIds;
    for (const Round &round : loop.rounds) {
        roundIds.insert(round.id);
        drawnCategories.unite(QSet<QString>(round.sourceCategoryIds.cbegin(), round.sourceCategoryIds.cend()));
        drawnIds.unite(QSet<QString>(round.sourceQuestionIds.cbegin(), round.sourceQuestionIds.cend()));
    }
    for (const Question &question : loop.questions) {
        if (m_sink.shouldStopReading())
            return;
        const bool namesARound = std::any_of(question.roundIds.cbegin(), question.roundIds.cend(),
                                             [&](const QString &roundId) { return roundIds.contains(roundId); });
        if (namesARound || drawnIds.contains(question.id) || drawnCategories.contains(question.categoryId)
            || question.id.isEmpty())
            continue;
        const auto location = m_questionLocations.value(question.id);
        m_sink.warning(location.first, location.second,
                       tr("question '%1' is not asked in any round: add its category or id to a round's "
                          "'questions', or list rounds under its 'rounds'")
                           .arg(question.id));
    }
}

} // namespace MockLoop::LoopLoader
