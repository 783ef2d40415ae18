#pragma once

// Loop files built to make a loader slow or hungry, at any scale: the benchmark
// (tests/bench/hostile_loop_bench) makes them full size, up to 50 MB, and times each; the tests make
// small ones and check the clear error each must give.

#include <QByteArray>
#include <QList>

namespace MockLoop::HostileLoops {

struct Input
{
    const char *name;
    QByteArray data;
};

inline QByteArray header()
{
    return "format_version: 1\nid: hostile\nversion: 1\ntitle: Hostile\n";
}

// An alias to a mapping of `keys` keys, used `uses` times as the questions.
inline QByteArray aliasToBigMap(int keys, int uses)
{
    QByteArray yaml = header() + "big: &m {";
    for (int i = 0; i < keys; ++i)
        yaml += (i ? ", k" : "k") + QByteArray::number(i) + ": v";
    yaml += "}\nquestions: [";
    for (int i = 0; i < uses; ++i)
        yaml += i ? ", *m" : "*m";
    return yaml + "]\n";
}

// `keys` distinct keys in one mapping: a quadratic duplicate check shows here.
inline QByteArray manyKeys(int keys)
{
    QByteArray yaml = header();
    yaml.reserve(keys * 12);
    for (int i = 0; i < keys; ++i)
        yaml += "k" + QByteArray::number(i) + ": 0\n";
    return yaml;
}

// One key of `bytes` bytes (an explicit key: a plain one may not pass 1,024 characters), unknown:
// a suggestion searched over it would take seconds and gigabytes.
inline QByteArray hugeKey(int bytes)
{
    return header() + "? " + QByteArray(bytes, 'k') + "\n: 1\n";
}

// Billion laughs: `levels` levels of lists of `width` aliases to the level below.
inline QByteArray nestedAliases(int levels, int width)
{
    QByteArray yaml = header() + "l0: &l0 [\"x\"]\n";
    for (int level = 1; level <= levels; ++level) {
        const QByteArray below = "*l" + QByteArray::number(level - 1);
        yaml += "l" + QByteArray::number(level) + ": &l" + QByteArray::number(level) + " [";
        for (int i = 0; i < width; ++i)
            yaml += (i ? ", " : "") + below;
        yaml += "]\n";
    }
    return yaml + "tips: *l" + QByteArray::number(levels) + "\n";
}

// An alias to a long text used `uses` times: little file, much text.
inline QByteArray aliasToLongText(int bytes, int uses)
{
    QByteArray yaml = header() + "long: &t \"" + QByteArray(bytes, 't') + "\"\ntips: [";
    for (int i = 0; i < uses; ++i)
        yaml += i ? ", *t" : "*t";
    return yaml + "]\n";
}

// `count` questions and one round naming `count` ids that none of them has: every reference is
// unknown, and a suggestion for each searched among all the ids would be quadratic.
inline QByteArray manyUnknownReferences(int count)
{
    QByteArray yaml = header()
        + "rubric: [{id: d, title: D, anchors: {1: a, 2: b, 3: c, 4: d}}]\n"
          "categories: [{id: c, title: C}]\nquestions:\n";
    for (int i = 0; i < count; ++i)
        yaml += "  - {id: question-" + QByteArray::number(i) + ", text: T, category: c}\n";
    yaml += "rounds:\n  - {id: r, title: R, interviewer: I, duration_minutes: 30, rubric: [d], questions: {count: 1, "
            "ids: [";
    for (int i = 0; i < count; ++i)
        yaml += (i ? ", missing-" : "missing-") + QByteArray::number(i);
    return yaml + "]}}\n";
}

// `rounds` rounds and `questions` questions, every round drawing on every question: checking each
// round against each question would be quadratic. The file is a valid loop.
inline QByteArray roundsTimesQuestions(int rounds, int questions)
{
    QByteArray yaml = header()
        + "rubric: [{id: d, title: D, anchors: {1: a, 2: b, 3: c, 4: d}}]\n"
          "categories: [{id: c, title: C}]\nquestions:\n";
    for (int i = 0; i < questions; ++i)
        yaml += "  - {id: q" + QByteArray::number(i) + ", text: T, category: c}\n";
    yaml += "rounds:\n";
    for (int i = 0; i < rounds; ++i)
        yaml += "  - {id: r" + QByteArray::number(i)
            + ", title: R, interviewer: I, duration_minutes: 30, rubric: [d], questions: {count: 1, categories: "
              "[c]}}\n";
    return yaml;
}

// `count` questions all with the same id.
inline QByteArray duplicateIds(int count)
{
    QByteArray yaml = header() + "questions:\n";
    for (int i = 0; i < count; ++i)
        yaml += "  - {id: same, text: T, category: c}\n";
    return yaml;
}

// A flow list of `count` one-letter items: many nodes, no aliases.
inline QByteArray denseList(int count)
{
    QByteArray yaml = header() + "tips: [a";
    yaml.reserve(yaml.size() + count * 2);
    for (int i = 1; i < count; ++i)
        yaml += ",a";
    return yaml + "]\n";
}

// `depth` nested lists.
inline QByteArray deepNesting(int depth)
{
    return header() + "tips: " + QByteArray(depth, '[') + QByteArray(depth, ']') + "\n";
}

// An alias used inside the node it names.
inline QByteArray recursiveAlias()
{
    return header() + "tips: &a [x, *a]\n";
}

} // namespace MockLoop::HostileLoops
