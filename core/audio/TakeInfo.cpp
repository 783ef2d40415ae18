#include "TakeInfo.h"

#include "FileSync.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr int SidecarVersion = 1;

QString sampleFormatName(QAudioFormat::SampleFormat format)
{
    switch (format) {
    case QAudioFormat::UInt8:
        return u"UInt8"_s;
    case QAudioFormat::Int16:
        return u"Int16"_s;
    case QAudioFormat::Int32:
        return u"Int32"_s;
    case QAudioFormat::Float:
        return u"Float"_s;
    case QAudioFormat::Unknown:
    case QAudioFormat::NSampleFormats:
        break;
    }
    return u"Unknown"_s;
}

QAudioFormat::SampleFormat sampleFormatFromName(const QString &name)
{
    for (auto format : {QAudioFormat::UInt8, QAudioFormat::Int16, QAudioFormat::Int32, QAudioFormat::Float}) {
        if (sampleFormatName(format) == name)
            return format;
    }
    return QAudioFormat::Unknown;
}

} // namespace

QString TakeInfo::sidecarPath(const QString &wavPath)
{
    const QFileInfo info(wavPath);
    return info.dir().filePath(info.completeBaseName() + u".json"_s);
}

QByteArray TakeInfo::toJson() const
{
    QJsonArray marks;
    for (qint64 mark : pauseMarksMs)
        marks.append(mark);
    QJsonArray resumed;
    for (const TakeResumption &resumption : resumptions)
        resumed.append(QJsonObject{{u"atMs"_s, resumption.atMs},
                                   {u"resumedAt"_s, resumption.resumedAt.toString(Qt::ISODateWithMs)}});
    const QJsonObject object{
        {u"version"_s, SidecarVersion},
        {u"file"_s, QFileInfo(path).fileName()},
        {u"format"_s, format.description()},
        {u"sampleRate"_s, format.sampleRate},
        {u"channels"_s, format.channelCount},
        {u"bitsPerSample"_s, format.bitsPerSample},
        {u"captured"_s,
         QJsonObject{{u"sampleRate"_s, capturedFormat.sampleRate()},
                     {u"channels"_s, capturedFormat.channelCount()},
                     {u"sampleFormat"_s, sampleFormatName(capturedFormat.sampleFormat())}}},
        {u"resampled"_s, resampled},
        {u"sampleFormatConverted"_s, sampleFormatConverted},
        {u"device"_s, QJsonObject{{u"id"_s, QString::fromUtf8(deviceId)}, {u"description"_s, deviceDescription}}},
        {u"startedAt"_s, startedAt.toString(Qt::ISODateWithMs)},
        {u"frames"_s, frames},
        {u"durationMs"_s, durationMs()},
        {u"pauseMarksMs"_s, marks},
        {u"resumptions"_s, resumed},
        {u"answer"_s,
         QJsonObject{{u"sessionId"_s, subject.sessionId},
                     {u"ordinal"_s, subject.answerOrdinal},
                     {u"questionId"_s, subject.questionId},
                     {u"question"_s, subject.questionText}}},
        {u"fileBytes"_s, fileBytes},
        {u"sha256"_s, sha256},
        {u"complete"_s, complete},
        {u"recovered"_s, recovered},
        {u"stopReason"_s, stopReason},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<TakeInfo> TakeInfo::fromJson(const QByteArray &json)
{
    const QJsonDocument document = QJsonDocument::fromJson(json);
    if (!document.isObject())
        return std::nullopt;
    const QJsonObject object = document.object();
    if (object.value(u"version"_s).toInt() != SidecarVersion)
        return std::nullopt;
    TakeInfo take;
    take.format.sampleRate = object.value(u"sampleRate"_s).toInt();
    take.format.channelCount = object.value(u"channels"_s).toInt();
    take.format.bitsPerSample = object.value(u"bitsPerSample"_s).toInt();
    const QJsonObject captured = object.value(u"captured"_s).toObject();
    take.capturedFormat.setSampleRate(captured.value(u"sampleRate"_s).toInt());
    take.capturedFormat.setChannelCount(captured.value(u"channels"_s).toInt());
    take.capturedFormat.setSampleFormat(sampleFormatFromName(captured.value(u"sampleFormat"_s).toString()));
    take.resampled = object.value(u"resampled"_s).toBool();
    take.sampleFormatConverted = object.value(u"sampleFormatConverted"_s).toBool();
    const QJsonObject device = object.value(u"device"_s).toObject();
    take.deviceId = device.value(u"id"_s).toString().toUtf8();
    take.deviceDescription = device.value(u"description"_s).toString();
    take.startedAt = QDateTime::fromString(object.value(u"startedAt"_s).toString(), Qt::ISODateWithMs);
    take.frames = object.value(u"frames"_s).toInteger();
    for (const QJsonValue &mark : object.value(u"pauseMarksMs"_s).toArray())
        take.pauseMarksMs.append(mark.toInteger());
    for (const QJsonValue &resumed : object.value(u"resumptions"_s).toArray())
        take.resumptions.append({resumed[u"atMs"_s].toInteger(),
                                 QDateTime::fromString(resumed[u"resumedAt"_s].toString(), Qt::ISODateWithMs)});
    const QJsonObject answer = object.value(u"answer"_s).toObject();
    take.subject.sessionId = answer.value(u"sessionId"_s).toString();
    take.subject.answerOrdinal = answer.value(u"ordinal"_s).toInt(-1);
    take.subject.questionId = answer.value(u"questionId"_s).toString();
    take.subject.questionText = answer.value(u"question"_s).toString();
    take.fileBytes = object.value(u"fileBytes"_s).toInteger();
    take.sha256 = object.value(u"sha256"_s).toString();
    take.complete = object.value(u"complete"_s).toBool();
    take.recovered = object.value(u"recovered"_s).toBool();
    take.stopReason = object.value(u"stopReason"_s).toString();
    return take;
}

bool TakeInfo::writeSidecar(QString *error) const
{
    FileSync::removeSymbolicLink(sidecarPath(path));
    QSaveFile file(sidecarPath(path));
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

std::optional<TakeInfo> TakeInfo::readSidecar(const QString &wavPath)
{
    QFile file(sidecarPath(wavPath));
    if (FileSync::isSymbolicLink(file.fileName()) || !file.open(QIODevice::ReadOnly))
        return std::nullopt;
    auto take = fromJson(file.read(1024 * 1024));
    if (take)
        take->path = wavPath;
    return take;
}

QString sha256OfFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    return QString::fromLatin1(hash.result().toHex());
}

} // namespace MockLoop
