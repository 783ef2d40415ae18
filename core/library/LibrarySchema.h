#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

// Internal to LibraryStore: the database schema and its numbered migrations.
namespace MockLoop::LibrarySchema {

// PRAGMA application_id of every MockLoop library ("MKLP"): tells our databases from others'.
inline constexpr qint64 ApplicationId = 0x4D4B4C50;

// Migration N takes a version N-1 library to version N; statements are separated by lines
// holding only ";;". The library's schema version is the number of migrations.
QList<const char *> migrations();

// Brings database from version `from` to the last of migrations: first copies it to backupPath
// (unless empty) with VACUUM INTO, then applies each migration in its own transaction and records
// the version. A failing migration is rolled back and stops the upgrade. A `from` outside 0 to the
// number of migrations is refused without touching the database.
bool upgrade(QSqlDatabase &database, int from, const QList<const char *> &migrations, const QString &backupPath,
             QString *error);

} // namespace MockLoop::LibrarySchema
