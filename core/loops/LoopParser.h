// The loop file's parser: reads the tree libyaml built into a Loop, reporting every problem with
// its line and field, then checks what can only be checked once the whole file is read (references,
// enough questions for each round). Private to the loader (LoopLoader.cpp).
#pragma once

#include "Loop.h"
#include "LoopLoader.h"
#include "LoopReferences.h"
#include "YamlFieldReader.h"

#include <QHash>
#include <QList>
#include <QString>

namespace MockLoop::LoopLoader {

// The loader's messages, in its translation context (for the parser and the loader alike).
inline QString tr(const char *text, int count = -1)
{
    return loaderTr(text, count);
}

class LoopParser
{
public:
    explicit LoopParser(Yaml::DiagnosticSink &sink);

    Loop parse(const Yaml::Node &root);

private:
    // References are checked once the whole file is read, since they may point forwards.
    struct Reference
    {
        const IdRegistry *registry;
        Yaml::LocatedId id;
    };

    struct RoundSource
    {
        QString roundId;
        Yaml::Mark countMark;
        QString countPath;
        Yaml::Mark sourcesMark;
        QString sourcesPath;
    };

    std::optional<Yaml::LocatedId> defineId(Yaml::FieldReader &fields, IdRegistry &registry);
    QStringList referenceIds(Yaml::FieldReader &fields, std::string_view key, Yaml::Presence presence,
                             const IdRegistry &registry);

    void readLevel(const Yaml::Node &node, const QString &path, Loop &loop);
    void readStoryStructure(const Yaml::Node &node, const QString &path, Loop &loop);
    void readDimension(const Yaml::Node &node, const QString &path, Loop &loop);
    void readRedFlagGroup(const Yaml::Node &node, const QString &path, Loop &loop);
    void readCategory(const Yaml::Node &node, const QString &path, Loop &loop);
    void readTheme(const Yaml::Node &node, const QString &path, Loop &loop);
    void readQuestion(const Yaml::Node &node, const QString &path, Loop &loop);
    void readRound(const Yaml::Node &node, const QString &path, Loop &loop);
    void readMilestone(const Yaml::Node &node, const QString &path, Loop &loop);
    void readRoundInterruptions(Yaml::FieldReader &fields, const Loop &loop, Round &round);
    void readSuccessFactor(const Yaml::Node &node, const QString &path, Loop &loop);

    void checkReferences();
    void checkRoundSupply(const Loop &loop);
    void checkQuestionsReachable(const Loop &loop);

    Yaml::DiagnosticSink &m_sink;
    IdRegistry m_levelIds;
    IdRegistry m_phaseIds;
    IdRegistry m_dimensionIds;
    IdRegistry m_redFlagGroupIds;
    IdRegistry m_redFlagIds;
    IdRegistry m_categoryIds;
    IdRegistry m_themeIds;
    IdRegistry m_questionIds;
    IdRegistry m_roundIds;
    IdRegistry m_milestoneIds;
    QList<Reference> m_references;
    QList<RoundSource> m_roundSources;
    QHash<QString, std::pair<Yaml::Mark, QString>> m_questionLocations;
};

} // namespace MockLoop::LoopLoader
