#pragma once

#include <QLabel>

namespace MockLoop {

// A status line whose news a screen reader speaks without the focus moving there: a result that
// arrives on its own while the person is busy elsewhere (rating, say).
//
// Qt 6.4 has no announcement event (QAccessibleAnnouncementEvent came with 6.8), and a changed
// name is spoken only for the focused widget. What screen readers do speak on their own is a
// notification appearing: so this label tells assistive technology it is a notification
// (QAccessible::Notification, AT-SPI's "notification" role), and announce() shows it anew with
// the text, which sends the "shown" event Orca reads out; on Windows the alert event plays the
// system's sound.
class AnnouncementLabel : public QLabel
{
    Q_OBJECT

public:
    explicit AnnouncementLabel(QWidget *parent = nullptr);

    // Shows text and has spoken said (the text itself when empty).
    void announce(const QString &text, const QString &spoken = {});
    // Shows text quietly (a state the person caused, or the first one shown); a screen reader
    // reading the line hears spoken (the text itself when empty).
    void setQuietText(const QString &text, const QString &spoken = {});
};

} // namespace MockLoop
