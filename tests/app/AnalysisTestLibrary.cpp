#include "AnalysisTestLibrary.h"

#include "AppTestSupport.h"
#include "SpeechFixtures.h"
#include "analysis/SpeechModel.h"
#include "common/ApplicationIdentity.h"
#include "library/PracticeLibrary.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <vector>

using namespace MockLoop;
using namespace Qt::StringLiterals;

namespace AnalysisTestLibrary {

namespace {

constexpr int SampleRate = 16000;

bool copyFolder(const QString &from, const QString &to)
{
    QDir().mkpath(to);
    for (const QFileInfo &entry : QDir(from).entryInfoList(QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot)) {
        const QString target = to + u'/' + entry.fileName();
        if (entry.isDir() ? !copyFolder(entry.filePath(), target) : !QFile::copy(entry.filePath(), target))
            return false;
    }
    return true;
}

// The spoken answer, rendered once: about a minute of speech.
const std::vector<qint16> &speech(QString *error)
{
    static QString whyNot;
    static const std::vector<qint16> samples = [] {
        const QTemporaryDir folder;
        const std::optional<SpeechFixtures::Answer> answer
            = SpeechFixtures::render(SpeechFixtures::scriptPath(u"release-answer"_s), folder.path(), &whyNot);
        return answer ? SpeechFixtures::readWav(answer->wavPath) : std::vector<qint16>();
    }();
    if (samples.empty())
        *error = whyNot.isEmpty() ? u"the spoken answer could not be read"_s : whyNot;
    return samples;
}

} // namespace

QString prepare()
{
    QStandardPaths::setTestModeEnabled(true);
    applyApplicationIdentity(*QCoreApplication::instance());
    if (const std::optional<AnalysisError> problem = SpeechModel::checkFiles(SpeechModelPaths::debianDefault()))
        return problem->message;
    const QString tools = SpeechFixtures::missingTools();
    return tools.isEmpty() ? QString() : tools + u" not installed"_s;
}

QList<qint64> fill(const QString &folder, int count, double seconds, QString *error)
{
    const std::vector<qint16> &spoken = speech(error);
    if (spoken.empty())
        return {};
    LibraryStore::OpenResult opened = LibraryStore::open(folder);
    if (!opened.store) {
        *error = opened.message;
        return {};
    }
    LibraryStore &store = *opened.store;
    const QDateTime start = QDateTime::currentDateTimeUtc().addDays(-1);
    SessionRecord session;
    session.id = u"analysis-%1"_s.arg(start.toMSecsSinceEpoch());
    session.loopId = u"netflix-engineering-leadership"_s;
    session.loopTitle = u"Netflix Engineering Leadership Loop"_s;
    session.startedAt = start;
    if (!store.addSession(session)) {
        *error = store.lastError();
        return {};
    }
    const auto takeSamples = qsizetype(seconds * SampleRate);
    QList<qint64> ids;
    for (int i = 0; i < count; ++i) {
        // Stretches spread over the answer, wrapping round when there are many.
        const qsizetype room = qsizetype(spoken.size()) - takeSamples;
        const qsizetype from = room > 0 ? (qsizetype(i) * SampleRate * 7) % room : 0;
        const std::vector<qint16> take(spoken.begin() + from,
                                       spoken.begin() + std::min(from + takeSamples, qsizetype(spoken.size())));
        const QString relative
            = LibraryStore::takeRelativePath(session.id, u"%1-question.wav"_s.arg(i + 1, 2, 10, QChar(u'0')));
        const QString path = store.absolutePath(relative);
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (!SpeechFixtures::writeWav(path, take)) {
            *error = u"cannot write %1"_s.arg(path);
            return {};
        }
        LibraryStore::NewAnswer answer;
        answer.sessionId = session.id;
        answer.answeredAt = start.addSecs(60 * (i + 1));
        answer.roundTitle = u"Hiring Manager"_s;
        answer.categoryId = u"ownership"_s;
        answer.record.ordinal = i + 1;
        answer.record.roundId = u"hiring-manager"_s;
        answer.record.questionId = u"question-%1"_s.arg(i + 1);
        answer.record.questionText = u"Tell me about a release you owned, number %1."_s.arg(i + 1);
        AnswerPart part;
        part.duration = Milliseconds(qint64(take.size()) * 1000 / SampleRate);
        part.limit = Milliseconds(120000);
        answer.record.parts = {part};
        answer.recording = LibraryStore::describeTake(path, relative);
        const std::optional<qint64> id = store.addAnswer(answer);
        if (!id) {
            *error = store.lastError();
            return {};
        }
        ids.append(*id);
    }
    return ids;
}

int takesLeft(PracticeLibrary &library)
{
    return AppTest::wait(library.run([](LibraryStore *store) {
        return store ? store->countTakesToAnalyse(AnswerAnalysis::CurrentAnalyzerVersion) : -1;
    }));
}

Scratch::Scratch()
{
    QSettings().clear();
    if (!m_dir.isValid())
        qFatal("no temporary folder: %s", qPrintable(m_dir.errorString()));
}

Scratch::~Scratch()
{
    QSettings().clear();
}

QList<qint64> Scratch::fill(int count, double seconds) const
{
    QString error;
    const QList<qint64> ids = AnalysisTestLibrary::fill(libraryFolder(), count, seconds, &error);
    if (ids.size() != count)
        qFatal("could not fill the library: %s", qPrintable(error));
    return ids;
}

QString Scratch::modelCopy(const QString &name) const
{
    const QString folder = filePath(name);
    if (!copyFolder(DefaultModelFolder, folder))
        qFatal("could not copy the speech model to %s", qPrintable(folder));
    return folder;
}

} // namespace AnalysisTestLibrary
