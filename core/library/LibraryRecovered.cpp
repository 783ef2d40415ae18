#include "LibraryStore.h"

#include "LibrarySql.h"
#include "audio/TakeInfo.h"
#include "audio/WavFormat.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

// Takes on disk that no answer owns: found, described, and kept as answers.

using namespace Qt::StringLiterals;

namespace MockLoop {

using namespace LibrarySql;

RecordingInfo LibraryStore::describeTake(const QString &absolutePath, const QString &relativePath)
{
    RecordingInfo info;
    info.relativePath = relativePath;
    info.sizeBytes = QFileInfo(absolutePath).size();
    info.checksum = sha256OfFile(absolutePath);
    // A file that is not a PCM WAV is still offered, without format or duration.
    if (const std::optional<Wav::Layout> layout = Wav::readLayout(absolutePath, nullptr)) {
        const qint64 dataBytes = std::min(layout->declaredDataBytes, Wav::presentDataBytes(*layout, info.sizeBytes));
        info.duration = Milliseconds(layout->format.framesToMs(dataBytes / layout->format.bytesPerFrame()));
        info.format = layout->format.description();
    }
    return info;
}

QList<RecoveredTake> LibraryStore::findRecoveredTakes(const QSet<QString> &claimed)
{
    QSet<QString> known;
    {
        QSqlQuery query(database());
        query.exec(u"SELECT path FROM recordings"_s);
        while (query.next())
            known.insert(query.value(0).toString());
    }
    QList<RecoveredTake> takes;
    const QDir root(m_folder);
    // A symbolic link could lead outside the library: never offered.
    QDirIterator it(root.filePath(TakesFolder), {u"*.wav"_s}, QDir::Files | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = root.relativeFilePath(path);
        if (known.contains(relative) || claimed.contains(relative))
            continue;
        RecoveredTake take;
        take.relativePath = relative;
        const QString folderName = QFileInfo(path).dir().dirName();
        if (session(folderName))
            take.sessionId = folderName;
        take.recording = describeTake(path, relative);
        take.recording.recovered = true;
        takes.append(take);
    }
    std::sort(takes.begin(), takes.end(),
              [](const RecoveredTake &a, const RecoveredTake &b) { return a.relativePath < b.relativePath; });
    return takes;
}

std::optional<qint64> LibraryStore::importRecoveredTake(const RecoveredTake &take, const QString &questionText)
{
    QString sessionId = take.sessionId;
    if (sessionId.isEmpty()) {
        sessionId = RecoveredSessionId;
        SessionRecord recovered;
        recovered.id = sessionId;
        recovered.mode = SessionMode::SingleQuestion;
        recovered.loopTitle = tr("Recovered takes");
        recovered.startedAt = QFileInfo(absolutePath(take.relativePath)).birthTime().isValid()
            ? QFileInfo(absolutePath(take.relativePath)).birthTime()
            : QDateTime::currentDateTimeUtc();
        if (!addSession(recovered))
            return std::nullopt;
    }
    NewAnswer answer;
    answer.sessionId = sessionId;
    answer.roundTitle = tr("Recovered");
    answer.record.questionText = questionText;
    answer.record.ratingSkipped = true;
    AnswerPart part;
    part.duration = take.recording.duration;
    answer.record.parts.append(part);
    answer.answeredAt = QFileInfo(absolutePath(take.relativePath)).lastModified().toUTC();
    answer.recording = take.recording;
    answer.recording->recovered = true;
    return addAnswer(answer);
}

} // namespace MockLoop
