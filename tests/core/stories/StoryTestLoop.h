#pragma once

#include "loops/Loop.h"
#include "stories/Story.h"

// A small loop and bank whose coverage is worked out by hand in story_model_test.cpp.
namespace MockLoop::StoryTestLoop {

using namespace Qt::StringLiterals;

inline StoryStructure structure()
{
    StoryStructure structure;
    structure.phases = {
        {u"challenge"_s, u"Challenge"_s, 30, u"The problem."_s, u"When [challenge]..."_s, {}},
        {u"decision"_s, u"Autonomous Decision"_s, 60, u"Ownership."_s, u"I took full ownership..."_s, {}},
        {u"execution"_s, u"High Performance Execution"_s, 90, u"Results."_s, u"I built..."_s, {}},
        {u"communication"_s, u"Direct Communication"_s, 30, u"Candor."_s, u"I told..."_s, {}},
        {u"member-impact"_s, u"Member Impact"_s, 30, u"Members."_s, u"Members got..."_s, {}},
    };
    return structure;
}

inline Question question(const QString &id, const QString &text, const QString &category, const QStringList &themes)
{
    Question q;
    q.id = id;
    q.text = text;
    q.categoryId = category;
    q.themeIds = themes;
    return q;
}

inline RubricDimension value(const QString &id, const QString &title, DimensionKind kind = DimensionKind::Value)
{
    RubricDimension dimension;
    dimension.id = id;
    dimension.title = title;
    dimension.kind = kind;
    return dimension;
}

inline Loop loop()
{
    Loop loop;
    loop.id = u"test-loop"_s;
    loop.storyStructure = structure();
    loop.questions = {
        question(u"q1"_s, u"Tell me about a difficult technical decision you made under pressure."_s, u"technical"_s,
                 {u"ownership"_s}),
        question(u"q2"_s, u"Describe feedback you gave to a senior colleague."_s, u"candor-cat"_s, {u"feedback"_s}),
        question(u"q3"_s, u"How do you handle ambiguity in strategy?"_s, u"strategy"_s, {}),
        question(u"q4"_s, u"When did you migrate a database?"_s, u"technical"_s, {}),
    };
    Round hiringManager;
    hiringManager.id = u"hm"_s;
    hiringManager.title = u"Hiring Manager"_s;
    hiringManager.sourceQuestionIds = {u"q1"_s, u"q2"_s};
    Round technical;
    technical.id = u"tech"_s;
    technical.title = u"Technical"_s;
    technical.sourceCategoryIds = {u"technical"_s};
    loop.rounds = {hiringManager, technical};
    loop.dimensions = {value(u"candor"_s, u"Candor"_s), value(u"courage"_s, u"Courage"_s),
                       value(u"judgment"_s, u"Judgment"_s), value(u"craft"_s, u"Craft"_s, DimensionKind::Craft)};
    return loop;
}

inline QList<Story> bank()
{
    Story payments;
    payments.id = 1;
    payments.title = u"Payments migration"_s;
    payments.tags.themes = {u"ownership"_s};
    payments.tags.categories = {u"technical"_s};
    payments.tags.values = {u"candor"_s};
    payments.phases.insert(u"decision"_s, u"I decided to migrate the payments database under pressure."_s);
    Story feedback;
    feedback.id = 2;
    feedback.title = u"Hard feedback"_s;
    feedback.tags.themes = {u"feedback"_s};
    feedback.phases.insert(u"communication"_s, u"I gave direct feedback with courage."_s);
    Story archived;
    archived.id = 3;
    archived.title = u"Old strategy ambiguity story"_s;
    archived.archived = true;
    archived.tags.themes = {u"ownership"_s, u"feedback"_s};
    archived.tags.values = {u"judgment"_s};
    return {payments, feedback, archived};
}

} // namespace MockLoop::StoryTestLoop
