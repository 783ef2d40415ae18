#pragma once

// Internal to the loop loader: the ids a loop defines and what refers to them, each found through a
// hash, so that checking a file with tens of thousands of ids and references stays linear.

#include "Loop.h"
#include "YamlFieldReader.h"

#include <QHash>
#include <QSet>
#include <QStringList>

namespace MockLoop::LoopLoader {

inline QString loaderTr(const char *text, int count = -1)
{
    return QCoreApplication::translate("MockLoop::LoopLoader", text, nullptr, count);
}

// The ids one collection of the loop defines, for duplicate detection and reference checks.
class IdRegistry
{
public:
    using DiagnosticSink = Yaml::DiagnosticSink;
    using LocatedId = Yaml::LocatedId;

    IdRegistry(DiagnosticSink &sink, QString kind)
        : m_sink(sink)
        , m_kind(std::move(kind))
    { }

    void define(const LocatedId &located)
    {
        if (m_sink.shouldStopReading())
            return;
        const auto previous = m_lines.constFind(located.id);
        if (previous != m_lines.cend()) {
            m_sink.error(
                located.mark, located.fieldPath,
                loaderTr("duplicate %1 id '%2' (first defined on line %3)").arg(m_kind, located.id).arg(*previous));
            return;
        }
        m_lines.insert(located.id, located.mark.line);
        m_order.append(located.id);
    }

    bool contains(const QString &id) const { return m_lines.contains(id); }

    // Reports a reference to an id this collection does not define.
    bool check(const LocatedId &reference) const
    {
        if (contains(reference.id))
            return true;
        QString message = loaderTr("unknown %1 '%2'").arg(m_kind, reference.id);
        const QString suggestion = Yaml::closestMatch(reference.id, m_order);
        if (!suggestion.isEmpty())
            message += loaderTr("; did you mean '%1'?").arg(suggestion);
        else if (m_order.isEmpty())
            message += loaderTr(" (the loop defines none)");
        else if (m_order.size() <= MaxListedIds)
            message += loaderTr(" (expected one of: %1)").arg(m_order.join(QStringLiteral(", ")));
        else
            message += loaderTr(" (expected one of the %1 defined, such as %2)")
                           .arg(m_order.size())
                           .arg(m_order.mid(0, MaxListedIds).join(QStringLiteral(", ")));
        m_sink.error(reference.mark, reference.fieldPath, message);
        return false;
    }

private:
    // A message lists at most this many ids: a list of thousands helps nobody.
    static constexpr qsizetype MaxListedIds = 20;

    DiagnosticSink &m_sink;
    QString m_kind;
    QHash<QString, int> m_lines;
    QStringList m_order;
};

// Which questions each round draws from, found through indexes rather than by asking every round
// about every question (Loop::questionPool): a file with 10,000 rounds and 10,000 questions costs
// 20,000 steps here, not 100 million.
class QuestionSupply
{
public:
    explicit QuestionSupply(const Loop &loop)
    {
        for (const Question &question : loop.questions) {
            m_byId.insert(question.id, &question);
            ++m_categorySizes[question.categoryId];
            for (const QString &roundId : question.roundIds)
                m_namingRound[roundId].append(&question);
        }
    }

    // How many questions round draws from: Loop::questionPool(round).size(), for a file whose ids
    // are unique (where they are not, the file is refused anyway).
    qsizetype count(const Round &round) const
    {
        const QSet<QString> categories(round.sourceCategoryIds.cbegin(), round.sourceCategoryIds.cend());
        qsizetype supplied = 0;
        for (const QString &category : categories)
            supplied += m_categorySizes.value(category);
        QSet<const Question *> others;
        const auto add = [&](const Question *question) {
            if (question && !categories.contains(question->categoryId))
                others.insert(question);
        };
        for (const QString &id : round.sourceQuestionIds)
            add(m_byId.value(id));
        for (const Question *question : m_namingRound.value(round.id))
            add(question);
        return supplied + others.size();
    }

private:
    QHash<QString, const Question *> m_byId;
    QHash<QString, qsizetype> m_categorySizes;
    QHash<QString, QList<const Question *>> m_namingRound;
};

} // namespace MockLoop::LoopLoader
