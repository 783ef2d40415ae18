#include "YamlFieldReader.h"

#include "common/DisplayText.h"

#include <QCoreApplication>

#include <algorithm>
#include <charconv>

using namespace Qt::StringLiterals;

namespace MockLoop::Yaml {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("MockLoop::LoopLoader", text);
}

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// Edits (insert, delete, replace, swap two neighbours) that turn a into b: a typo costs one.
std::size_t editDistance(std::string_view a, std::string_view b)
{
    const std::size_t columns = b.size() + 1;
    std::vector<std::size_t> d((a.size() + 1) * columns);
    const auto at = [&](std::size_t i, std::size_t j) -> std::size_t & { return d[i * columns + j]; };
    for (std::size_t i = 0; i <= a.size(); ++i)
        at(i, 0) = i;
    for (std::size_t j = 0; j <= b.size(); ++j)
        at(0, j) = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
        }
    }
    return at(a.size(), b.size());
}

bool isIdCharacter(char c, bool first)
{
    const bool alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alphanumeric || (!first && (c == '-' || c == '_' || c == '.'));
}

} // namespace

DiagnosticSink::DiagnosticSink(QString filePath, std::stop_token stop)
    : m_filePath(std::move(filePath))
    , m_stop(std::move(stop))
{ }

void DiagnosticSink::error(const Mark &mark, const QString &fieldPath, const QString &message)
{
    add(LoopDiagnostic::Severity::Error, mark, fieldPath, message);
}

void DiagnosticSink::warning(const Mark &mark, const QString &fieldPath, const QString &message)
{
    add(LoopDiagnostic::Severity::Warning, mark, fieldPath, message);
}

void DiagnosticSink::fileError(const QString &message)
{
    add(LoopDiagnostic::Severity::Error, Mark{}, QString(), message);
}

void DiagnosticSink::add(LoopDiagnostic::Severity severity, const Mark &mark, QString fieldPath, QString message)
{
    if (m_diagnostics.size() > MaxDiagnostics)
        return;
    if (m_diagnostics.size() == MaxDiagnostics) {
        severity = LoopDiagnostic::Severity::Error;
        fieldPath.clear();
        message = tr("too many problems; stopping after %1").arg(MaxDiagnostics);
    }
    LoopDiagnostic diagnostic;
    diagnostic.severity = severity;
    diagnostic.filePath = m_filePath;
    diagnostic.line = mark.line;
    diagnostic.column = mark.column;
    // Keys and values of the file appear in both: a newline in a key must not forge a line of output.
    diagnostic.fieldPath = escapeControlCharacters(fieldPath);
    diagnostic.message = escapeControlCharacters(message);
    m_diagnostics.append(diagnostic);
}

QString Expectation::toString() const
{
    const QString text = tr(m_text);
    return m_unit ? text.arg(tr(m_unit)) : text;
}

QString indexPath(const QString &listPath, std::size_t index)
{
    return listPath + u'[' + QString::number(index) + u']';
}

QString describeNode(const Node &node)
{
    switch (node.type()) {
    case Node::Type::Undefined:
    case Node::Type::Null:
        return tr("nothing");
    case Node::Type::Sequence:
        return tr("a list");
    case Node::Type::Map:
        return tr("a mapping");
    case Node::Type::Scalar:
        break;
    }
    // Only the start is converted: the scalar may be megabytes.
    QString value = fromStd(std::string_view(node.scalar()).substr(0, 160)).simplified();
    if (value.size() > 40)
        value = value.left(37) + u"..."_s;
    return u'\'' + value + u'\'';
}

QString shownText(std::string_view text)
{
    constexpr std::size_t MaxShown = 60;
    if (text.size() <= MaxShown)
        return fromStd(text);
    // Cut on a character boundary: never inside a UTF-8 sequence.
    std::size_t end = MaxShown;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
        --end;
    return fromStd(text.substr(0, end)) + tr("… (%1 bytes)").arg(text.size());
}

QString closestMatch(const QString &word, const QStringList &candidates)
{
    if (candidates.size() > MaxSuggestionCandidates)
        return {};
    const std::string target = word.toStdString();
    QString best;
    std::size_t bestDistance = std::max<std::size_t>(1, target.size() / 3) + 1;
    for (const QString &candidate : candidates) {
        const std::string full = candidate.toStdString();
        // The lengths alone rule most candidates out (a word longer than the candidate by more
        // than the distance allowed cannot be a typo of it), and keep a megabyte key cheap.
        if (target.size() >= full.size() + bestDistance)
            continue;
        std::size_t distance = editDistance(target, full);
        // A word cut short (duraton for duration_minutes) is as plausible as a typo.
        if (target.size() >= 4 && full.size() > target.size())
            distance = std::min(distance, editDistance(target, std::string_view(full).substr(0, target.size())));
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

std::optional<QString> readText(DiagnosticSink &sink, const Node &node, const QString &path)
{
    if (!node.isScalar()) {
        sink.error(node.mark(), path, tr("expected text, got %1").arg(describeNode(node)));
        return std::nullopt;
    }
    QString text = fromStd(node.scalar()).trimmed();
    if (text.isEmpty()) {
        sink.error(node.mark(), path, tr("expected text, got an empty string"));
        return std::nullopt;
    }
    return text;
}

std::optional<int> readInt(DiagnosticSink &sink, const Node &node, const QString &path, int minimum,
                           const Expectation &expectation)
{
    if (node.isScalar()) {
        const std::string &scalar = node.scalar();
        int value = 0;
        const auto [end, status] = std::from_chars(scalar.data(), scalar.data() + scalar.size(), value);
        if (status == std::errc() && end == scalar.data() + scalar.size() && value >= minimum)
            return value;
    }
    sink.error(node.mark(), path, tr("expected %1, got %2").arg(expectation.toString(), describeNode(node)));
    return std::nullopt;
}

std::optional<LocatedId> readId(DiagnosticSink &sink, const Node &node, const QString &path)
{
    if (node.isScalar()) {
        const std::string &scalar = node.scalar();
        bool valid = !scalar.empty() && scalar.size() <= 100;
        for (std::size_t i = 0; valid && i < scalar.size(); ++i)
            valid = isIdCharacter(scalar[i], i == 0);
        if (valid)
            return LocatedId{fromStd(scalar), node.mark(), path};
    }
    sink.error(node.mark(), path,
               tr("expected an id (letters, digits, '-', '_' or '.', starting with a letter or digit), got %1")
                   .arg(describeNode(node)));
    return std::nullopt;
}

void forEachItem(DiagnosticSink &sink, const Node &node, const QString &listPath, Presence presence,
                 const Expectation &expectation,
                 const std::function<void(const Node &item, const QString &itemPath)> &readItem)
{
    if (!node.isSequence()) {
        sink.error(node.mark(), listPath, tr("expected %1, got %2").arg(expectation.toString(), describeNode(node)));
        return;
    }
    if (presence == Presence::Required && node.size() == 0) {
        sink.error(node.mark(), listPath, tr("expected %1, got an empty list").arg(expectation.toString()));
        return;
    }
    std::size_t index = 0;
    for (const Node *item : node.items()) {
        if (sink.shouldStopReading())
            return;
        readItem(*item, indexPath(listPath, index++));
    }
}

QStringList readTextList(DiagnosticSink &sink, const Node &node, const QString &listPath, Presence presence)
{
    QStringList items;
    forEachItem(sink, node, listPath, presence, MOCKLOOP_LOADER_TEXT("a list of texts"),
                [&](const Node &item, const QString &itemPath) {
                    if (const auto text = readText(sink, item, itemPath))
                        items.append(*text);
                });
    return items;
}

FieldReader::FieldReader(DiagnosticSink &sink, const Node &node, QString path)
    : m_sink(sink)
    , m_path(std::move(path))
    , m_mark(node.mark())
    , m_isMap(node.isMap())
{
    if (m_sink.shouldStopReading()) {
        m_finished = true; // nothing more is reported: no need to read the fields either
        return;
    }
    if (!m_isMap) {
        m_sink.error(m_mark, m_path, tr("expected a mapping of fields, got %1").arg(describeNode(node)));
        return;
    }
    m_entries.reserve(node.size());
    m_index.reserve(node.size());
    for (const auto &[keyNode, value] : node.entries()) {
        if (!keyNode->isScalar()) {
            m_sink.error(keyNode->mark(), m_path, tr("expected a field name, got %1").arg(describeNode(*keyNode)));
            continue;
        }
        const std::string_view key = keyNode->scalar();
        const auto [previous, inserted] = m_index.try_emplace(key, m_entries.size());
        if (!inserted) {
            m_sink.error(
                keyNode->mark(), pathOf(key),
                tr("field given twice (first on line %1)").arg(m_entries[previous->second].keyNode->mark().line));
            continue;
        }
        m_entries.push_back(Entry{key, keyNode, value});
    }
}

FieldReader::~FieldReader()
{
    finish();
}

QString FieldReader::pathOf(std::string_view key) const
{
    return m_path.isEmpty() ? shownText(key) : m_path + u'.' + shownText(key);
}

FieldReader::Entry *FieldReader::find(std::string_view key)
{
    const auto found = m_index.find(key);
    return found == m_index.end() ? nullptr : &m_entries[found->second];
}

const Node &FieldReader::field(std::string_view key, Presence presence, const Expectation &expectation)
{
    m_knownKeys.emplace_back(key);
    if (!m_isMap || m_sink.shouldStopReading())
        return Node::undefined();
    if (Entry *entry = find(key)) {
        entry->asked = true;
        if (presence == Presence::Required && entry->value->isNull()) {
            m_sink.error(entry->value->mark(), pathOf(key), tr("expected %1, got nothing").arg(expectation.toString()));
            return Node::undefined();
        }
        return *entry->value;
    }
    if (presence == Presence::Required) {
        m_sink.error(m_mark, pathOf(key),
                     tr("missing required field '%1' (%2)").arg(fromStd(key), expectation.toString()));
    }
    return Node::undefined();
}

QString FieldReader::text(std::string_view key, Presence presence)
{
    const Node &node = field(key, presence, MOCKLOOP_LOADER_TEXT("text"));
    if (node.isAbsent())
        return {};
    return readText(m_sink, node, pathOf(key)).value_or(QString());
}

QStringList FieldReader::textList(std::string_view key, Presence presence)
{
    const Node &node = field(key, presence, MOCKLOOP_LOADER_TEXT("a list of texts"));
    if (!node.isDefined() || (node.isNull() && presence == Presence::Optional))
        return {};
    return readTextList(m_sink, node, pathOf(key), presence);
}

std::optional<int> FieldReader::positiveInt(std::string_view key, Presence presence, const char *unit)
{
    const Expectation expectation(MOCKLOOP_LOADER_TEXT("a positive whole number of %1"), unit);
    const Node &node = field(key, presence, expectation);
    if (node.isAbsent())
        return std::nullopt;
    return readInt(m_sink, node, pathOf(key), 1, expectation);
}

std::optional<int> FieldReader::nonNegativeInt(std::string_view key, Presence presence, const char *unit)
{
    const Expectation expectation(MOCKLOOP_LOADER_TEXT("a whole number of %1, zero or more"), unit);
    const Node &node = field(key, presence, expectation);
    if (node.isAbsent())
        return std::nullopt;
    return readInt(m_sink, node, pathOf(key), 0, expectation);
}

std::optional<bool> FieldReader::boolean(std::string_view key, Presence presence)
{
    const Node &node = field(key, presence, MOCKLOOP_LOADER_TEXT("true or false"));
    if (node.isAbsent())
        return std::nullopt;
    if (node.isScalar()) {
        const std::string &scalar = node.scalar();
        if (scalar == "true" || scalar == "True" || scalar == "TRUE")
            return true;
        if (scalar == "false" || scalar == "False" || scalar == "FALSE")
            return false;
    }
    m_sink.error(node.mark(), pathOf(key), tr("expected true or false, got %1").arg(describeNode(node)));
    return std::nullopt;
}

std::optional<LocatedId> FieldReader::id(std::string_view key, Presence presence)
{
    const Node &node = field(key, presence, MOCKLOOP_LOADER_TEXT("an id"));
    if (node.isAbsent())
        return std::nullopt;
    return readId(m_sink, node, pathOf(key));
}

QList<LocatedId> FieldReader::idList(std::string_view key, Presence presence)
{
    QList<LocatedId> ids;
    forEach(key, presence, MOCKLOOP_LOADER_TEXT("a list of ids"), [&](const Node &item, const QString &itemPath) {
        if (const auto located = readId(m_sink, item, itemPath))
            ids.append(*located);
    });
    return ids;
}

void FieldReader::forEach(std::string_view key, Presence presence, const Expectation &expectation,
                          const std::function<void(const Node &, const QString &)> &readItem)
{
    const Node &node = field(key, presence, expectation);
    if (!node.isDefined() || (node.isNull() && presence == Presence::Optional))
        return;
    forEachItem(m_sink, node, pathOf(key), presence, expectation, readItem);
}

void FieldReader::ignoreRest()
{
    m_finished = true;
}

void FieldReader::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    QStringList known;
    for (const std::string &knownKey : m_knownKeys) {
        if (!known.contains(fromStd(knownKey)))
            known.append(fromStd(knownKey));
    }
    for (const Entry &entry : m_entries) {
        if (entry.asked)
            continue;
        if (m_sink.shouldStopReading())
            return;
        QString message = tr("unknown field '%1'").arg(shownText(entry.key));
        const QString nearest = closestMatch(fromStd(entry.key.substr(0, 100)), known);
        if (!nearest.isEmpty())
            message += tr("; did you mean '%1'?").arg(nearest);
        else if (!known.isEmpty())
            message += tr(" (expected one of: %1)").arg(known.join(u", "_s));
        m_sink.error(entry.keyNode->mark(), pathOf(entry.key), message);
    }
}

} // namespace MockLoop::Yaml
