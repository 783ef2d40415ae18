#include "LoopErrorsDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

LoopErrorsDialog::LoopErrorsDialog(const QString &path, const LoopDiagnostics &diagnostics, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"loopErrorsDialog"_s);
    setAttribute(Qt::WA_DeleteOnClose);
    setWindowTitle(containsErrors(diagnostics) ? tr("The loop file has errors") : tr("Warnings in the loop file"));
    auto *intro
        = new QLabel(containsErrors(diagnostics) ? tr("%1 could not be loaded. Fix these and open it again:").arg(path)
                                                 : tr("%1 was loaded, with these warnings:").arg(path),
                     this);
    intro->setWordWrap(true);
    auto *list = new QPlainTextEdit(this);
    list->setObjectName(u"loopErrorsList"_s);
    list->setReadOnly(true);
    // Messages can be long (a field path and what was expected); wrapped, each is read whole
    // without scrolling sideways. A path without spaces still breaks at the edge.
    list->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    list->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    QStringList lines;
    for (const LoopDiagnostic &diagnostic : diagnostics) {
        const QString where
            = diagnostic.line > 0 ? tr("line %1, column %2").arg(diagnostic.line).arg(diagnostic.column) : tr("file");
        lines << u"%1: %2%3"_s.arg(where, diagnostic.fieldPath.isEmpty() ? QString() : diagnostic.fieldPath + u": "_s,
                                   diagnostic.message);
    }
    list->setPlainText(lines.join(u'\n'));
    QFont mono = list->font();
    mono.setStyleHint(QFont::Monospace);
    mono.setFamily(u"monospace"_s);
    list->setFont(mono);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(list, 1);
    layout->addWidget(buttons);
    resize(760, 360);
}

} // namespace MockLoop
