#include "AnnouncementLabel.h"

#include <QAccessible>
#include <QAccessibleWidget>

namespace MockLoop {

namespace {

// The label's accessible side: a notification whose name is the label's text.
class AccessibleAnnouncement : public QAccessibleWidget
{
public:
    explicit AccessibleAnnouncement(QWidget *label)
        : QAccessibleWidget(label, QAccessible::Notification)
    { }

    QString text(QAccessible::Text kind) const override
    {
        if (kind == QAccessible::Name) {
            const QString name = widget()->accessibleName();
            return name.isEmpty() ? static_cast<const QLabel *>(widget())->text() : name;
        }
        return QAccessibleWidget::text(kind);
    }
};

QAccessibleInterface *announcementFactory(const QString &className, QObject *object)
{
    if (className == QLatin1String(AnnouncementLabel::staticMetaObject.className()) && object && object->isWidgetType())
        return new AccessibleAnnouncement(static_cast<QWidget *>(object));
    return nullptr;
}

} // namespace

AnnouncementLabel::AnnouncementLabel(QWidget *parent)
    : QLabel(parent)
{
    static const bool installed = [] {
        QAccessible::installFactory(announcementFactory);
        return true;
    }();
    Q_UNUSED(installed)
    setTextFormat(Qt::PlainText);
    setWordWrap(true);
}

void AnnouncementLabel::setQuietText(const QString &text, const QString &spoken)
{
    setText(text);
    setAccessibleName(spoken.isEmpty() ? text : spoken);
}

void AnnouncementLabel::announce(const QString &text, const QString &spoken)
{
    setQuietText(text, spoken);
    // Hidden and shown again, so that the notification "appears" even when the line was showing
    // (both before the next paint: nothing flickers).
    hide();
    show();
    QAccessibleEvent alert(this, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

} // namespace MockLoop
