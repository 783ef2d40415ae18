#pragma once

// Internal to the loop loader: strict, error-collecting reading of YAML mappings. Nothing here
// throws; every problem becomes a diagnostic with the position of the node it concerns, and
// reading goes on so that one pass reports every problem of a file.

#include "LoopDiagnostic.h"

#include "YamlTree.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <optional>
#include <stop_token>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace MockLoop::Yaml {

enum class Presence { Required, Optional };

class DiagnosticSink
{
public:
    explicit DiagnosticSink(QString filePath, std::stop_token stop = {});

    void error(const Mark &mark, const QString &fieldPath, const QString &message);
    void warning(const Mark &mark, const QString &fieldPath, const QString &message);
    void fileError(const QString &message);

    // A file can be wrong in thousands of places; past this many, more lines help nobody.
    static constexpr qsizetype MaxDiagnostics = 200;

    const QString &filePath() const { return m_filePath; }
    const LoopDiagnostics &diagnostics() const { return m_diagnostics; }
    bool hasErrors() const { return containsErrors(m_diagnostics); }
    // True once no more diagnostics are taken, or the caller asked to stop: readers then stop
    // reading, so a file with a million errors costs no more than one with two hundred.
    bool shouldStopReading() const { return m_diagnostics.size() > MaxDiagnostics || m_stop.stop_requested(); }
    bool stopRequested() const { return m_stop.stop_requested(); }

private:
    void add(LoopDiagnostic::Severity severity, const Mark &mark, QString fieldPath, QString message);

    QString m_filePath;
    std::stop_token m_stop;
    LoopDiagnostics m_diagnostics;
};

// An identifier as written in the file, with where it was written.
struct LocatedId
{
    QString id;
    Mark mark;
    QString fieldPath;
};

// Marks a message for translation where it is written; it is translated only when shown.
#define MOCKLOOP_LOADER_TEXT(text) QT_TRANSLATE_NOOP("MockLoop::LoopLoader", text)

// What a field should hold, for messages. Kept as untranslated literals and put into words only
// when a problem is reported: a valid file never pays for the wording of its errors.
class Expectation
{
public:
    Expectation(const char *text)
        : m_text(text)
    { }
    Expectation(const char *pattern, const char *unit)
        : m_text(pattern)
        , m_unit(unit)
    { }

    QString toString() const;

private:
    const char *m_text;
    const char *m_unit = nullptr;
};

QString indexPath(const QString &listPath, std::size_t index);
QString describeNode(const Node &node);
// A key or value of the file as a message quotes it: cut short when long (a key can be megabytes).
QString shownText(std::string_view text);
// The candidate closest to word when it is a plausible typo of it, else an empty string. Beyond
// MaxSuggestionCandidates candidates none is suggested: the search would cost more than it helps.
inline constexpr qsizetype MaxSuggestionCandidates = 200;
QString closestMatch(const QString &word, const QStringList &candidates);

// Reads one mapping against the fields the caller asks for. Keys never asked for are reported as
// unknown by finish(), with a suggestion when one of the asked keys is a near miss.
class FieldReader
{
public:
    FieldReader(DiagnosticSink &sink, const Node &node, QString path);
    ~FieldReader();

    FieldReader(const FieldReader &) = delete;
    FieldReader &operator=(const FieldReader &) = delete;

    bool isMap() const { return m_isMap; }
    const Mark &mark() const { return m_mark; }
    const QString &path() const { return m_path; }
    QString pathOf(std::string_view key) const;

    // The value node of key, or an undefined node (reported when required). expectation says what
    // the field should hold, for the message.
    const Node &field(std::string_view key, Presence presence, const Expectation &expectation);

    QString text(std::string_view key, Presence presence);
    QStringList textList(std::string_view key, Presence presence);
    std::optional<int> positiveInt(std::string_view key, Presence presence, const char *unit);
    std::optional<int> nonNegativeInt(std::string_view key, Presence presence, const char *unit);
    // true or false (also True, TRUE, False, FALSE: YAML 1.2's spellings); nothing when absent or wrong.
    std::optional<bool> boolean(std::string_view key, Presence presence);
    std::optional<LocatedId> id(std::string_view key, Presence presence);
    QList<LocatedId> idList(std::string_view key, Presence presence);

    // Calls readItem for every element of the sequence under key.
    void forEach(std::string_view key, Presence presence, const Expectation &expectation,
                 const std::function<void(const Node &item, const QString &itemPath)> &readItem);

    void finish();
    // Stops reading here: fields not asked for are no longer reported as unknown.
    void ignoreRest();

private:
    struct Entry
    {
        std::string_view key;
        const Node *keyNode;
        const Node *value;
        bool asked = false;
    };

    Entry *find(std::string_view key);

    DiagnosticSink &m_sink;
    QString m_path;
    Mark m_mark;
    bool m_isMap = false;
    bool m_finished = false;
    std::vector<Entry> m_entries;
    // Key to index in m_entries: finding a field, and a key given twice, costs the same for a
    // mapping of 200,000 keys as for one of five.
    std::unordered_map<std::string_view, std::size_t> m_index;
    std::vector<std::string> m_knownKeys;
};

// Converters for single nodes, for values that are not fields of a mapping (list items).
std::optional<QString> readText(DiagnosticSink &sink, const Node &node, const QString &path);
std::optional<int> readInt(DiagnosticSink &sink, const Node &node, const QString &path, int minimum,
                           const Expectation &expectation);
std::optional<LocatedId> readId(DiagnosticSink &sink, const Node &node, const QString &path);
// Calls readItem for every element of node, a sequence; reports anything else, and an empty
// sequence when the list is required.
void forEachItem(DiagnosticSink &sink, const Node &node, const QString &listPath, Presence presence,
                 const Expectation &expectation,
                 const std::function<void(const Node &item, const QString &itemPath)> &readItem);
QStringList readTextList(DiagnosticSink &sink, const Node &node, const QString &listPath, Presence presence);

} // namespace MockLoop::Yaml
