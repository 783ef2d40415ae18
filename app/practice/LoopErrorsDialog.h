#pragma once

#include "loops/LoopDiagnostic.h"

#include <QDialog>

namespace MockLoop {

// The errors (or warnings) of a loop file, each with its line, column and field, so the person
// can fix the file and open it again. Deletes itself when closed.
class LoopErrorsDialog : public QDialog
{
    Q_OBJECT

public:
    LoopErrorsDialog(const QString &path, const LoopDiagnostics &diagnostics, QWidget *parent = nullptr);
};

} // namespace MockLoop
