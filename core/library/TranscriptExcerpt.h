#pragma once

#include <QString>
#include <QStringList>

namespace MockLoop {

// What a person typed in the Library's search box, as the words it searches for: split at spaces,
// without the double quotes the full-text query puts around each of them.
QStringList searchWordsOf(const QString &text);

// The few words of transcript around where the search words were heard, as the full-text index
// finds them (each word the start of a word heard, letters and digits only, case and accents
// ignored): the stretch of at most wordCount words that holds the most of the search words, with
// "…" where the transcript goes on. Empty when none of them is in the transcript.
// Done here rather than with FTS5's snippet(), which runs the whole search again for every answer
// asked about: seconds for a few hundred answers when a typed word is a prefix of many.
QString transcriptExcerpt(const QString &transcript, const QStringList &searchWords, int wordCount = 8);

} // namespace MockLoop
