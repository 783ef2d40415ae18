#pragma once

// What the parts of LibraryStore (LibraryStore.cpp, LibraryQueries.cpp, LibraryTransfer.cpp,
// LibraryRecovered.cpp) share: the SQL helpers, how an answer's parts are stored, and the names of
// the library's files. Internal to core/library.

#include "session/SessionTypes.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace MockLoop {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace LibrarySql {

using namespace Qt::StringLiterals;

inline constexpr auto DatabaseFile = "library.sqlite"_L1;
inline constexpr auto TakesFolder = "takes"_L1;
inline constexpr auto RecoveredSessionId = "recovered-takes"_L1;

// The Monday of the week of time, in the local time of the moment it is stored.
inline QString weekStart(const QDateTime &time)
{
    const QDate day = time.toLocalTime().date();
    return day.addDays(1 - day.dayOfWeek()).toString(Qt::ISODate);
}

inline qint64 epochMs(const QDateTime &time)
{
    return time.isValid() ? time.toMSecsSinceEpoch() : 0;
}

inline QDateTime timeOf(const QVariant &value)
{
    return value.isNull() || value.toLongLong() == 0 ? QDateTime()
                                                     : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), Qt::UTC);
}

inline std::optional<double> optionalDouble(const QVariant &value)
{
    return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
}

inline QString partsJson(const QList<AnswerPart> &parts)
{
    QJsonArray array;
    for (const AnswerPart &part : parts) {
        QJsonArray marks;
        for (const PhaseMark &mark : part.phaseMarks)
            marks.append(QJsonObject{{u"phase"_s, mark.phaseIndex}, {u"atMs"_s, qint64(mark.at.count())}});
        QJsonArray pauses;
        for (const PauseMark &pause : part.pauses)
            pauses.append(QJsonObject{{u"atMs"_s, qint64(pause.at.count())},
                                      {u"lengthMs"_s, qint64(pause.length.count())},
                                      {u"interrupted"_s, pause.interrupted}});
        array.append(QJsonObject{{u"followUp"_s, part.followUpIndex},
                                 {u"prompt"_s, part.prompt},
                                 {u"startedAt"_s, epochMs(part.startedAt)},
                                 {u"limitMs"_s, qint64(part.limit.count())},
                                 {u"durationMs"_s, qint64(part.duration.count())},
                                 {u"stoppedAtLimit"_s, part.stoppedAtLimit},
                                 {u"skipped"_s, part.skipped},
                                 {u"phaseMarks"_s, marks},
                                 {u"pauses"_s, pauses},
                                 {u"askingMs"_s, qint64(part.asking.count())},
                                 {u"interviewer"_s, interviewerMarksToJson(part.interviewer)},
                                 {u"probeReason"_s, probeReasonToJson(part.probeReason)}});
    }
    return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Compact));
}

inline QList<AnswerPart> partsOf(const QString &json)
{
    QList<AnswerPart> parts;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        AnswerPart part;
        part.followUpIndex = object.value(u"followUp"_s).toInt(-1);
        part.prompt = object.value(u"prompt"_s).toString();
        part.startedAt = timeOf(object.value(u"startedAt"_s).toVariant());
        part.limit = Milliseconds(object.value(u"limitMs"_s).toInteger());
        part.duration = Milliseconds(object.value(u"durationMs"_s).toInteger());
        part.stoppedAtLimit = object.value(u"stoppedAtLimit"_s).toBool();
        part.skipped = object.value(u"skipped"_s).toBool(); // absent from answers kept before it was
        const QJsonArray marks = object.value(u"phaseMarks"_s).toArray();
        for (const QJsonValue &mark : marks)
            part.phaseMarks.append({mark[u"phase"_s].toInt(), Milliseconds(mark[u"atMs"_s].toInteger())});
        const QJsonArray pauses = object.value(u"pauses"_s).toArray();
        for (const QJsonValue &pause : pauses)
            part.pauses.append({Milliseconds(pause[u"atMs"_s].toInteger()),
                                Milliseconds(pause[u"lengthMs"_s].toInteger()), pause[u"interrupted"_s].toBool()});
        // Absent from answers kept before the interviewer spoke.
        part.asking = Milliseconds(std::max<qint64>(0, object.value(u"askingMs"_s).toInteger()));
        part.interviewer = interviewerMarksFromJson(object.value(u"interviewer"_s));
        part.probeReason = probeReasonFromJson(object.value(u"probeReason"_s));
        parts.append(part);
    }
    return parts;
}

// Rolls back unless committed: every multi-row change is all or nothing. A savepoint rather than
// BEGIN, so that one change can be part of a larger one (an import adds many answers at once).
class Transaction
{
public:
    explicit Transaction(const QSqlDatabase &database)
        : m_query(database)
        , m_open(m_query.exec(u"SAVEPOINT change"_s))
    { }
    ~Transaction()
    {
        if (m_open) {
            m_query.exec(u"ROLLBACK TO change"_s);
            m_query.exec(u"RELEASE change"_s);
        }
    }
    bool isOpen() const { return m_open; }
    QString error() const { return m_query.lastError().databaseText(); }
    bool commit()
    {
        m_open = false;
        return m_query.exec(u"RELEASE change"_s);
    }

private:
    QSqlQuery m_query;
    bool m_open;
};

inline bool execute(QSqlQuery &query, const QVariantList &values = {})
{
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

} // namespace LibrarySql

} // namespace MockLoop
