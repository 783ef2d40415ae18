#pragma once

#include <QColor>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>

class QLabel;
class QPalette;
class QWidget;

// How the rating page writes measured times: a story phase against its target, short durations,
// and moments of the take as links that play it from there.
namespace MockLoop::FeedbackFormat {

// "1:40 of 1:00"
QString spentOfTarget(std::chrono::milliseconds spent, std::chrono::milliseconds target);
// "0:40 over" once a phase is a whole second past its target, else "on time": over target is
// said in words, never by colour alone.
QString overOrOnTime(std::chrono::milliseconds spent, std::chrono::milliseconds target);
bool isOver(std::chrono::milliseconds spent, std::chrono::milliseconds target);
// Tenths of a second under a minute ("3.2 s"), then minutes and seconds ("1 min 5 s").
QString shortDuration(qint64 ms);

// Rich text for a moment of the take: a link that plays the take from there ("0:42") when it can
// be played here, else the time as plain text.
QString momentLink(qint64 ms, bool playable, const QPalette &palette, const QString &text = {});
// The address of a link to a moment of the take.
QString momentHref(qint64 ms);
// The moment a link made by momentLink() or to momentHref() points at; nothing for any other link.
std::optional<qint64> momentOfLink(const QString &link);

// Makes label's moment links clickable by mouse (not a tab stop: the transcript is the keyboard's
// way to a moment, and a stop per label would come between the rubric and the notes), calling
// chosen with the moment of the link clicked.
void followMomentLinks(QLabel *label, const std::function<void(qint64)> &chosen);

// The palette's link colour, or its text colour where the link colour would not read on the
// window's (a dark palette that keeps the light one's blue).
QColor readableLinkColour(const QPalette &palette);
// Colours label's text with the warning colour and makes it bold: the words say it, the colour only
// draws the eye.
void markAsWarning(QWidget *label);

} // namespace MockLoop::FeedbackFormat
