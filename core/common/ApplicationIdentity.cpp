#include "ApplicationIdentity.h"

#include "EnglishPlurals.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace MockLoop {

void applyApplicationIdentity(QCoreApplication &application)
{
    application.setApplicationName(u"MockLoop"_s);
    application.setApplicationVersion(QStringLiteral(MOCKLOOP_VERSION));
    // Parented to the application, which outlives every translate() call.
    QCoreApplication::installTranslator(new EnglishPlurals(&application));
}

} // namespace MockLoop
