#include "StoredAnalysis.h"

#include <QCoreApplication>
#include <QJsonDocument>

namespace MockLoop {

Expected<AnswerAnalysis> readStoredAnalysis(const AnalysisRecord &record)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(record.resultJson, &error);
    if (!document.isObject())
        return AnalysisError{AnalysisError::Kind::StoredAnalysisUnreadable,
                             QCoreApplication::translate("MockLoop::LibraryPage",
                                                         "Its stored analysis cannot be read (%1); re-analyse your "
                                                         "takes in Settings to measure it again.")
                                 .arg(error.errorString())};
    return AnswerAnalysis::fromJson(document.object());
}

} // namespace MockLoop
