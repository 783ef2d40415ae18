#pragma once

#include <QAccessible>
#include <QAccessibleWidget>
#include <QString>

namespace MockLoop {

// What MockLoop adds to Qt's accessibility, installed once before the first window shows.
//
// Combo boxes: on Linux Qt 6.4 reports a combo box's value as its name (its own interface says
// "on Linux we use relations for this"), so a name set in code is never heard and a combo box
// without a visible label reads as "All rounds". MockLoop's interface for them answers with the
// name set (or the buddy label's text) and keeps the value as the value.
void installAccessibility();

// Has a screen reader speak text now, on a focusable element: its name becomes text (a name
// change on the element that has the focus is what screen readers speak; the AT-SPI event
// carries the text), and if the element has the focus the focus event is sent again, for the
// screen readers that speak only focus. Nothing happens when the name already says text.
void speakOnFocusable(QWidget *element, const QString &text);

// A custom widget's accessible side: its name is the widget's spokenText(), made when asked (a
// clock, a meter or a bar changes many times a second; the words are made only for a reader that
// asks, and the widget sends an event only when what it says is worth hearing).
template<typename Widget, QAccessible::Role Role> class SpokenAccessible : public QAccessibleWidget
{
public:
    explicit SpokenAccessible(Widget *spoken)
        : QAccessibleWidget(spoken, Role)
    { }

    const Widget *spoken() const { return static_cast<const Widget *>(widget()); }

    QString text(QAccessible::Text kind) const override
    {
        return kind == QAccessible::Name ? spoken()->spokenText() : QAccessibleWidget::text(kind);
    }
};

// The same with a value a screen reader reads as a number: the widget's accessibleValue() from 0
// to accessibleMaximum(), set with setAccessibleValue() (a widget that cannot be set ignores it).
template<typename Widget, QAccessible::Role Role>
class SpokenValueAccessible : public SpokenAccessible<Widget, Role>, public QAccessibleValueInterface
{
public:
    using SpokenAccessible<Widget, Role>::SpokenAccessible;

    void *interface_cast(QAccessible::InterfaceType type) override
    {
        if (type == QAccessible::ValueInterface)
            return static_cast<QAccessibleValueInterface *>(this);
        return SpokenAccessible<Widget, Role>::interface_cast(type);
    }

    QVariant currentValue() const override { return this->spoken()->accessibleValue(); }
    void setCurrentValue(const QVariant &value) override
    {
        static_cast<Widget *>(this->widget())->setAccessibleValue(value.toInt());
    }
    QVariant maximumValue() const override { return this->spoken()->accessibleMaximum(); }
    QVariant minimumValue() const override { return 0; }
    QVariant minimumStepSize() const override { return 1; }
};

// Gives every widget of class Widget the accessible side Interface, from the first one made on.
template<typename Widget, typename Interface> void installAccessibleInterface()
{
    static const bool installed = [] {
        QAccessible::installFactory([](const QString &className, QObject *object) -> QAccessibleInterface * {
            if (className == QLatin1String(Widget::staticMetaObject.className()) && object && object->isWidgetType())
                return new Interface(static_cast<Widget *>(object));
            return nullptr;
        });
        return true;
    }();
    Q_UNUSED(installed)
}

} // namespace MockLoop
