#include "FeedbackTranscript.h"

#include "FeedbackFormat.h"
#include "widgets/CountdownLabel.h"

#include <QKeyEvent>
#include <QTextBlock>

using namespace Qt::StringLiterals;

namespace MockLoop {

FeedbackTranscript::FeedbackTranscript(QWidget *parent)
    : QTextBrowser(parent)
{
    setObjectName(u"feedbackTranscript"_s);
    setOpenLinks(false);
    setOpenExternalLinks(false);
    setTabChangesFocus(true);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard | Qt::LinksAccessibleByMouse);
    setAccessibleName(tr("Approximate transcript"));
    const int line = fontMetrics().lineSpacing();
    setMinimumHeight(line * 4);
    setMaximumHeight(line * 14);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl &link) {
        if (const auto moment = FeedbackFormat::momentOfLink(link.toString()))
            Q_EMIT momentChosen(*moment);
    });
}

void FeedbackTranscript::showTranscript(const AnswerAnalysis &analysis, bool playable)
{
    m_words = analysis.words;
    m_pauses = analysis.pauses;
    m_playable = playable;
    setAccessibleDescription(
        playable ? tr("Likely fillers are in brackets with a question mark, pauses of two seconds or more in square "
                      "brackets. The arrow keys move through the words; Return plays the take from the word at the "
                      "cursor.")
                 : tr("Likely fillers are in brackets with a question mark, pauses of two seconds or more in square "
                      "brackets."));
    render();
}

void FeedbackTranscript::clearTranscript()
{
    m_words.clear();
    m_pauses.clear();
    clear();
}

void FeedbackTranscript::render()
{
    const QPalette colours = palette();
    const QString quiet = colours.color(QPalette::PlaceholderText).name();
    const QString filler = warningColour(colours).name();
    const QString text = colours.color(QPalette::Text).name();
    QString html;
    html.reserve(m_words.size() * 64);
    qsizetype pause = 0;
    for (const RecognizedWord &word : std::as_const(m_words)) {
        // The long pauses before this word, where they fall.
        for (; pause < m_pauses.size() && m_pauses.at(pause).startMs < word.startMs; ++pause) {
            const TimeRange &gap = m_pauses.at(pause);
            if (gap.durationMs() >= MarkedPauseMs && !html.isEmpty())
                html += u"<span style=\"color: %1;\">[%2]</span> "_s.arg(
                    quiet, tr("pause %1").arg(FeedbackFormat::shortDuration(gap.durationMs())).toHtmlEscaped());
        }
        QString shown = word.likelyFiller ? u"(%1?)"_s.arg(word.text) : word.text;
        shown = shown.toHtmlEscaped();
        const QString colour = word.likelyFiller ? filler : text;
        const QString style = word.likelyFiller ? u"font-style: italic; "_s : QString();
        if (m_playable)
            html += u"<a href=\"%1\" style=\"%2color: %3; text-decoration: none;\">%4</a> "_s.arg(
                FeedbackFormat::momentHref(word.startMs), style, colour, shown);
        else
            html += u"<span style=\"%1color: %2;\">%3</span> "_s.arg(style, colour, shown);
    }
    setHtml(html);
}

void FeedbackTranscript::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && m_playable) {
        // The word the text cursor is in or just before.
        QTextCursor cursor = textCursor();
        QString link = cursor.charFormat().anchorHref();
        if (link.isEmpty()) {
            cursor.movePosition(QTextCursor::NextCharacter);
            link = cursor.charFormat().anchorHref();
        }
        if (const auto moment = FeedbackFormat::momentOfLink(link)) {
            Q_EMIT momentChosen(*moment);
            return;
        }
    }
    QTextBrowser::keyPressEvent(event);
}

void FeedbackTranscript::changeEvent(QEvent *event)
{
    QTextBrowser::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_words.isEmpty())
        render();
}

} // namespace MockLoop
