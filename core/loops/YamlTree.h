#pragma once

// Internal to the loop loader: a YAML document as a small read-only tree, built from libyaml's
// events. libyaml rather than yaml-cpp because yaml-cpp 0.7's scanner reads about 12 MB/s, which
// alone takes 40 ms for a 1,000-question loop; libyaml reads the same in 5 ms, with the same line
// and column marks and clearer messages. The tree is all the loader needs: nodes with positions.

#include <cstdint>
#include <deque>
#include <optional>
#include <stop_token>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace MockLoop::Yaml {

// A position in the file, 1-based; line 0 means "the file as a whole".
struct Mark
{
    int line = 0;
    int column = 0;

    bool isNull() const { return line == 0; }
};

class Node
{
public:
    enum class Type { Undefined, Null, Scalar, Sequence, Map };

    Type type() const { return m_type; }
    bool isDefined() const { return m_type != Type::Undefined; }
    bool isNull() const { return m_type == Type::Null; }
    bool isScalar() const { return m_type == Type::Scalar; }
    bool isSequence() const { return m_type == Type::Sequence; }
    bool isMap() const { return m_type == Type::Map; }
    bool isAbsent() const { return m_type == Type::Undefined || m_type == Type::Null; }

    const Mark &mark() const { return m_mark; }
    const std::string &scalar() const { return m_scalar; }
    const std::vector<const Node *> &items() const { return m_items; }
    const std::vector<std::pair<const Node *, const Node *>> &entries() const { return m_entries; }
    std::size_t size() const { return isMap() ? m_entries.size() : m_items.size(); }

    // Stands for a field that is not there.
    static const Node &undefined();

private:
    friend class TreeBuilder;

    Type m_type = Type::Undefined;
    bool m_complete = false; // a collection is complete once its end is read
    Mark m_mark;
    // The size of this node with every alias inside it expanded: nodes, and bytes of scalars.
    std::uint64_t m_expandedNodes = 1;
    std::uint64_t m_expandedBytes = 0;
    std::string m_scalar;
    std::vector<const Node *> m_items;
    std::vector<std::pair<const Node *, const Node *>> m_entries;
};

struct ParseError
{
    enum class Kind {
        Syntax, // libyaml's message, or an unknown alias
        TooDeep, // nested more than MaxDepth levels
        TooManyNodes, // more than MaxExpandedNodes values, aliases expanded
        TooManyBytes, // more than MaxExpandedBytes of scalar text, aliases expanded
        RecursiveAlias, // an alias inside the node it names
        Stopped, // the caller asked to stop
    };

    Kind kind = Kind::Syntax;
    Mark mark;
    std::string message; // for Syntax: what libyaml said; otherwise the anchor or limit concerned
};

// The documents of one YAML stream. Nodes live as long as the Document; aliases share nodes.
class Document
{
public:
    // Nesting deeper than this is refused: no loop needs it, and it is how hostile files hurt.
    static constexpr int MaxDepth = 500;
    // The document as its reader sees it, every alias expanded, may hold at most this many nodes
    // and bytes of scalar text. Aliases share nodes here, but each use is read again: ten thousand
    // uses of an alias to a 2,000-key mapping are 20 million keys to read, from a 59 kB file. A
    // 1,000-question loop is about 30,000 nodes and 400 kB; a file without aliases stays within
    // these limits up to about 2 MB of dense flow style (and the loader reads at most 4 MB).
    static constexpr std::uint64_t MaxExpandedNodes = 500'000;
    static constexpr std::uint64_t MaxExpandedBytes = 16'000'000;

    // Stops early, with a ParseError of kind Stopped, once stop is requested.
    static Document parse(std::string_view text, std::stop_token stop = {});

    bool ok() const { return !m_error.has_value(); }
    const std::optional<ParseError> &error() const { return m_error; }
    const std::vector<const Node *> &roots() const { return m_roots; }

private:
    friend class TreeBuilder;

    std::deque<Node> m_nodes;
    std::vector<const Node *> m_roots;
    std::optional<ParseError> m_error;
};

} // namespace MockLoop::Yaml
