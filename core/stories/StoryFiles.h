#pragma once

#include "Story.h"

#include <QCoreApplication>
#include <QList>

#include <optional>

namespace MockLoop {

struct StoryStructure;

// A file that could not be read as a story: which file, which line (0: the whole file) and what
// to do about it.
struct StoryFileError
{
    QString file;
    int line = 0;
    QString message;

    // "story.md, line 4: ..." as the user is shown it.
    QString text() const;
};

struct StoryFileResult
{
    std::optional<Story> story;
    StoryFileError error; // when story is empty
};

// Stories to and from files.
//
// Markdown, one story a file: front matter between "---" lines, one "key: value" a line, each value
// JSON (a string or a list of strings), then "# title" and a "## <phase title>" heading per phase,
// "## Result metrics" (a "- " line per metric) and "## Impact in one line". A text line that would read
// as a heading, a front-matter fence or an escape is written with a leading backslash, which reading
// removes: any text survives the round trip.
class StoryFiles
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::StoryFiles)

public:
    static constexpr qsizetype MaxFileBytes = 1024 * 1024; // a story is a few kB; more is not a story

    static QByteArray toMarkdown(const Story &story, const StoryStructure &structure);
    // fileName names the file in errors.
    static StoryFileResult fromMarkdown(const QByteArray &data, const StoryStructure &structure,
                                        const QString &fileName);

    static QByteArray toJson(const Story &story);
    static StoryFileResult fromJson(const QByteArray &data, const QString &fileName);

    // Every story, one after the other under "# Story bank", to print or share (not to read back).
    static QByteArray bankToMarkdown(const QList<Story> &stories, const StoryStructure &structure);
};

} // namespace MockLoop
