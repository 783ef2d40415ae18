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
            Node &node = create(isNullScalar(event) ? Node::Type::Null : Node::Type::Scalar, event.start_mark);
            node.m_scalar.assign(reinterpret_cast<const char *>(event.data.scalar.value), event.data.scalar.length);
            remember(anchorOf(event.data.scalar.anchor), node);
            return attach(node);
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            const bool sequence = event.type == YAML_SEQUENCE_START_EVENT;
            Node &node = create(sequence ? Node::Type::Sequence : Node::Type::Map, event.start_mark);
            remember(anchorOf(sequence ? event.data.sequence_start.anchor : event.data.mapping_start.anchor), node);
            if (m_open.size() >= std::size_t(Document::MaxDepth)) {
                fail(event.start_mark,
                     "lists or mappings are nested more than " + std::to_string(Document::MaxDepth) + " levels deep");
                return false;
            }
            m_open.push_back(Frame{&node, nullptr});
            return true;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: {
            Node *finished = m_open.back().node;
            m_open.pop_back();
            return attach(*finished);
        }
        case YAML_ALIAS_EVENT: {
            const auto found = m_anchors.find(anchorOf(event.data.alias.anchor));
            if (found == m_anchors.end()) {
                fail(event.start_mark, "unknown alias *" + anchorOf(event.data.alias.anchor));
                return false;
            }
            return attach(*found->second);
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
        m_document.m_error = ParseError{markOf(mark), std::move(message)};
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
};

Document Document::parse(std::string_view text)
{
    Document document;
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        document.m_error = ParseError{Mark{}, "out of memory"};
        return document;
    }
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char *>(text.data()), text.size());
    yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

    TreeBuilder builder(document);
    for (bool more = true; more;) {
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
