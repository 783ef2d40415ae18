#include "Accessibility.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QAccessibleWidget>
#include <QComboBox>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// A combo box as Qt describes it on other systems: its name is what it is for, its value the
// current choice. Children and actions as Qt's own: the list that pops up, and the line edit of
// an editable one.
class AccessibleComboBox : public QAccessibleWidget
{
public:
    explicit AccessibleComboBox(QComboBox *combo)
        : QAccessibleWidget(combo, QAccessible::ComboBox)
    { }

    QComboBox *comboBox() const { return static_cast<QComboBox *>(widget()); }

    QString text(QAccessible::Text kind) const override
    {
        if (kind == QAccessible::Value)
            return comboBox()->isEditable() ? comboBox()->lineEdit()->text() : comboBox()->currentText();
        // QAccessibleWidget's name: the name set in code, else the buddy label's text.
        return QAccessibleWidget::text(kind);
    }

    int childCount() const override { return comboBox()->isEditable() ? 2 : 1; }
    QAccessibleInterface *child(int index) const override
    {
        if (index == 0)
            return QAccessible::queryAccessibleInterface(comboBox()->view());
        if (index == 1 && comboBox()->isEditable())
            return QAccessible::queryAccessibleInterface(comboBox()->lineEdit());
        return nullptr;
    }
    int indexOfChild(const QAccessibleInterface *child) const override
    {
        if (child && child->object() == comboBox()->view())
            return 0;
        if (child && comboBox()->isEditable() && child->object() == comboBox()->lineEdit())
            return 1;
        return -1;
    }

    QAccessible::State state() const override
    {
        QAccessible::State result = QAccessibleWidget::state();
        result.expandable = true;
        result.expanded = comboBox()->view()->isVisible();
        result.editable = comboBox()->isEditable();
        return result;
    }

    QStringList actionNames() const override { return {showMenuAction(), pressAction()}; }
    void doAction(const QString &action) override
    {
        if (action == showMenuAction() || action == pressAction()) {
            comboBox()->view()->isVisible() ? comboBox()->hidePopup() : comboBox()->showPopup();
            return;
        }
        QAccessibleWidget::doAction(action);
    }
};

} // namespace

void installAccessibility()
{
    installAccessibleInterface<QComboBox, AccessibleComboBox>();
}

void speakOnFocusable(QWidget *element, const QString &text)
{
    if (element->accessibleName() == text)
        return;
    element->setAccessibleName(text); // sends the name change, with the text
    if (element->hasFocus() && QAccessible::isActive()) {
        QAccessibleEvent focus(element, QAccessible::Focus);
        QAccessible::updateAccessibility(&focus);
    }
}

} // namespace MockLoop
