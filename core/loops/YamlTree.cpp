#include "YamlTree.h"

#include <yaml.h>

#include <string>
#include <unordered_map>

namespace MockLoop::Yaml {

namespace {

Mark markOf(const yaml_mark_t &mark)
{
    return Mark{int(mark.line) + 1, int(mark.column) + 1};
}

// YAML's core schema: these plain scalars mean "no value".
bool isNullScalar(const yaml_event_t &event)
{
    if (event.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
        return false;
    const std::string_view value(reinterpret_cast<const char *>(event.data.scalar.value), event.data.scalar.length);
    return value.empty() || value == "~" || value == "null" || value == "Null" || value == "NULL";
}

std::string anchorOf(const yaml_char_t *anchor)
{
    return anchor ? std::string(reinterpret_cast<const char *>(anchor)) : std::string();
}

} // namespace

const Node &Node::undefined()
{
    static const Node node;
    return node;
}

class TreeBuilder
{
public:
    explicit TreeBuilder(Document &document)
        : m_document(document)
    { }

    // Returns false once the stream is over or broken.
    bool handle(const yaml_event_t &event)
    {
        switch (event.type) {
        case YAML_STREAM_END_EVENT:
            return false;
        case YAML_SCALAR_EVENT: {
            if (!account(1, event.data.scalar.length, event.start_mark))
                return false;
            Node &node = create(isNullScalar(event) ? Node::Type::Null : Node::Type::Scalar, event.start_mark);
            node.m_scalar.assign(reinterpret_cast<const char *>(event.data.scalar.value), event.data.scalar.length);
            node.m_expandedBytes = event.data.scalar.length;
            node.m_complete = true;
            remember(anchorOf(event.data.scalar.anchor), node);
            return attach(node);
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            const bool sequence = event.type == YAML_SEQUENCE_START_EVENT;
            if (!account(1, 0, event.start_mark))
                return false;
            Node &node = create(sequence ? Node::Type::Sequence : Node::Type::Map, event.start_mark);
            remember(anchorOf(sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor), node);
            if (m_open.size() >= std::size_t(Document::MaxDepth)) {
                fail(ParseError::Kind::TooDeep, event.start_mark, std::to_string(Document::MaxDepth));
                return false;
            }
            m_open.push_back(Frame{&node, nullptr});
            return true;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            Node *finished = m_open.back().node;
            finished->m_complete = true;
            m_open.pop_back();
            return attach(*finished);
        }
        case YAML_ALIAS_EVENT: {
            const std::string anchor = anchorOf(event.data.alias.anchor);
            const auto found = m_anchors.find(anchor);
            if (found == m_anchors.end()) {
                fail(event.start_mark, "unknown alias *" + anchor);
                return false;
            }
            const Node &target = *found->second;
            if (!target.m_complete) {
                fail(ParseError::Kind::RecursiveAlias, event.start_mark, anchor);
                return false;
            }
            // Each use is read again by whoever reads the tree: it counts in full.
            if (!account(target.m_expandedNodes, target.m_expandedBytes, event.start_mark))
                return false;
            return attach(target);
        }
        case YAML_DOCUMENT_START_EVENT:
            m_anchors.clear();
            return true;
        case YAML_NO_EVENT:
        case YAML_STREAM_START_EVENT:
        case YAML_DOCUMENT_END_EVENT:
            return true;
        }
        return true;
    }

    void fail(const yaml_mark_t &mark, std::string message)
    {
        fail(ParseError::Kind::Syntax, mark, std::move(message));
    }

    void fail(ParseError::Kind kind, const yaml_mark_t &mark, std::string message)
    {
        m_document.m_error = ParseError{kind, markOf(mark), std::move(message)};
    }

private:
    struct Frame
    {
        Node *node;
        const Node *pendingKey;
    };

    Node &create(Node::Type type, const yaml_mark_t &mark)
    {
        Node &node = m_document.m_nodes.emplace_back();
        node.m_type = type;
        node.m_mark = markOf(mark);
        return node;
    }

    // Adds to the size of the expanded document; false (and the error set) once it is too large.
    bool account(std::uint64_t nodes, std::uint64_t bytes, const yaml_mark_t &mark)
    {
        m_expandedNodes += nodes;
        m_expandedBytes += bytes;
        if (m_expandedNodes > Document::MaxExpandedNodes) {
            fail(ParseError::Kind::TooManyNodes, mark, std::to_string(Document::MaxExpandedNodes));
            return false;
        }
        if (m_expandedBytes > Document::MaxExpandedBytes) {
            fail(ParseError::Kind::TooManyBytes, mark, std::to_string(Document::MaxExpandedBytes));
            return false;
        }
        return true;
    }

    void remember(const std::string &anchor, const Node &node)
    {
        if (!anchor.empty())
            m_anchors[anchor] = &node;
    }

    bool attach(const Node &node)
    {
        if (m_open.empty()) {
            m_document.m_roots.push_back(&node);
            return true;
        }
        Frame &parent = m_open.back();
        parent.node->m_expandedNodes += node.m_expandedNodes;
        parent.node->m_expandedBytes += node.m_expandedBytes;
        if (parent.node->isSequence()) {
            parent.node->m_items.push_back(&node);
        } else if (!parent.pendingKey) {
            parent.pendingKey = &node;
        } else {
            parent.node->m_entries.emplace_back(parent.pendingKey, &node);
            parent.pendingKey = nullptr;
        }
        return true;
    }

    Document &m_document;
    std::vector<Frame> m_open;
    std::unordered_map<std::string, const Node *> m_anchors;
    std::uint64_t m_expandedNodes = 0;
    std::uint64_t m_expandedBytes = 0;
};

Document Document::parse(std::string_view text, std::stop_token stop)
{
    Document document;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        document.m_error = ParseError{ParseError::Kind::Syntax, Mark{}, "out of memory"};
        return document;
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(text.data()), text.size());
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

    TreeBuilder builder(document);
    // A stop request is looked at every few thousand events: often enough to stop within
    // milliseconds, seldom enough to cost nothing.
    constexpr unsigned StopCheckInterval = 4096;
    unsigned events = 0;
    for (bool more = true; more;) {
        if (++events % StopCheckInterval == 0 && stop.stop_requested()) {
            builder.fail(ParseError::Kind::Stopped, parser.mark, "stopped");
            break;
        }
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            std::string message = parser.problem ? parser.problem : "unreadable YAML";
            if (parser.context)
                message += std::string(" ") + parser.context;
            builder.fail(parser.problem_mark, message);
            break;
        }
        more = builder.handle(event);
        yaml_event_delete(&event);
    }
    yaml_parser_delete(&parser);
    return document;
}

} // namespace MockLoop::Yaml
