#include "ApplicationIdentity.h"

#include "EnglishPlurals.h"

#include <QCoreApplication>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace MockLoop {

void applyApplicationIdentity(QCoreApplication &application)
{
    // QSettings needs an organization; the same name keeps the settings at ~/.config/MockLoop.
    application.setOrganizationName(u"MockLoop"_s);
    application.setApplicationName(u"MockLoop"_s);
    application.setApplicationVersion(QStringLiteral(MOCKLOOP_VERSION));
    // Parented to the application, which outlives every translate() call.
    QCoreApplication::installTranslator(new EnglishPlurals(&application));
}

QString dataFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + u"/MockLoop"_s;
}

} // namespace MockLoop
