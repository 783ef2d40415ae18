#include "SpeechModel.h"

#include "AnalysisLogging.h"
#include "PocketsphinxDecoder.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>

#include <condition_variable>
#include <mutex>
#include <vector>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct ModelText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::SpeechModel)
};

const QString DebianModelFolder = u"/usr/share/pocketsphinx/model/en-us"_s;
const QString DebianChecksums = u"/var/lib/dpkg/info/pocketsphinx-en-us.md5sums"_s;

AnalysisError missing(const QString &path)
{
    return {AnalysisError::Kind::ModelMissing,
            ModelText::tr("The speech model is not installed: %1 is missing. Install the Debian package "
                          "pocketsphinx-en-us (sudo apt-get install pocketsphinx-en-us), or set MOCKLOOP_SPEECH_MODEL "
                          "to a folder holding the model.")
                .arg(QDir::toNativeSeparators(path))};
}

AnalysisError damaged(const QString &path, const QString &why)
{
    return {AnalysisError::Kind::ModelBroken,
            ModelText::tr("The speech model file %1 is damaged (%2). Reinstall the model: sudo apt-get install "
                          "--reinstall pocketsphinx-en-us")
                .arg(QDir::toNativeSeparators(path), why)};
}

// What a file of the model must start with. pocketsphinx ends the whole process (exit(), not an
// error code) on several kinds of damaged file, so they are looked at before it reads them.
struct ModelFile
{
    QString path;
    QList<QByteArray> signatures; // it starts with one of them; empty: any content
    QByteArray textMarker = {}; // or, as text, holds this near its start
};

QList<ModelFile> modelFiles(const SpeechModelPaths &paths)
{
    const QDir acoustic(paths.acousticModel);
    const QByteArray sphinxBinary = "s3\n"; // Sphinx-3 binary parameter files
    QList<ModelFile> files{
        {acoustic.filePath(u"mdef"_s), {"BMDF", "0.3"}},
        {acoustic.filePath(u"means"_s), {sphinxBinary}},
        {acoustic.filePath(u"variances"_s), {sphinxBinary}},
        {acoustic.filePath(u"transition_matrices"_s), {sphinxBinary}},
        {acoustic.filePath(u"feat.params"_s), {}},
        {acoustic.filePath(u"noisedict"_s), {}},
    };
    // Mixture weights come compressed (sendump) or not (mixture_weights).
    if (QFileInfo::exists(acoustic.filePath(u"mixture_weights"_s)))
        files.append({acoustic.filePath(u"mixture_weights"_s), {sphinxBinary}});
    else
        files.append({acoustic.filePath(u"sendump"_s), {}});
    // Binary (trie or DMP) or ARPA text, whose "\\data\\" may follow comments.
    files.append({paths.languageModel, {"Trie Language Model", "Darpa Trigram LM"}, "\\data\\"});
    files.append({paths.dictionary, {}});
    return files;
}

// dpkg's list: "<md5>  <path relative to the root>" a line.
QHash<QString, QByteArray> readChecksums(const SpeechModelPaths &paths)
{
    QHash<QString, QByteArray> checksums;
    QFile list(paths.checksumList);
    if (paths.checksumList.isEmpty() || !list.open(QIODevice::ReadOnly))
        return checksums;
    const QDir root(paths.checksumRoot.isEmpty() ? u"/"_s : paths.checksumRoot);
    while (!list.atEnd()) {
        const QByteArray line = list.readLine().trimmed();
        const qsizetype space = line.indexOf(' ');
        if (space != 32)
            continue;
        const QString relative = QString::fromUtf8(line.mid(space).trimmed());
        checksums.insert(QDir::cleanPath(root.absoluteFilePath(relative)), line.left(space));
    }
    return checksums;
}

std::optional<AnalysisError> checkModelFiles(const SpeechModelPaths &paths)
{
    if (!QFileInfo(paths.acousticModel).isDir())
        return missing(paths.acousticModel);
    const QList<ModelFile> files = modelFiles(paths);
    for (const ModelFile &file : files) {
        const QFileInfo info(file.path);
        if (!info.isFile())
            return missing(file.path);
        if (info.size() == 0)
            return damaged(file.path, ModelText::tr("it is empty"));
    }
    const QHash<QString, QByteArray> checksums = readChecksums(paths);
    for (const ModelFile &file : files) {
        QFile reading(file.path);
        if (!reading.open(QIODevice::ReadOnly))
            return damaged(file.path, reading.errorString());
        if (!file.signatures.isEmpty()) {
            const QByteArray start = reading.peek(4096);
            const bool recognised
                = std::any_of(file.signatures.cbegin(), file.signatures.cend(),
                              [&start](const QByteArray &signature) { return start.startsWith(signature); })
                || (!file.textMarker.isEmpty() && start.contains(file.textMarker));
            if (!recognised)
                return damaged(file.path, ModelText::tr("it does not start as a model file of its kind does"));
        }
        const auto expected = checksums.constFind(QDir::cleanPath(QFileInfo(file.path).absoluteFilePath()));
        if (expected == checksums.cend())
            continue;
        QCryptographicHash md5(QCryptographicHash::Md5);
        if (!md5.addData(&reading))
            return damaged(file.path, reading.errorString());
        if (md5.result().toHex() != *expected)
            return damaged(file.path, ModelText::tr("its contents differ from what the package installed"));
    }
    return std::nullopt;
}

} // namespace

SpeechModelPaths SpeechModelPaths::debianDefault()
{
    return inFolder(defaultFolder());
}

QString SpeechModelPaths::defaultFolder()
{
    const QString folder = qEnvironmentVariable("MOCKLOOP_SPEECH_MODEL");
    return folder.isEmpty() ? DebianModelFolder : folder;
}

SpeechModelPaths SpeechModelPaths::inFolder(const QString &folder)
{
    const QDir dir(folder);
    return {dir.filePath(u"en-us"_s), dir.filePath(u"en-us.lm.bin"_s), dir.filePath(u"cmudict-en-us.dict"_s),
            DebianChecksums, u"/"_s};
}

struct DecoderLease::Pool
{
    SpeechModelPaths paths;
    int maxDecoders = 1;

    std::mutex mutex;
    std::condition_variable_any returned;
    std::vector<std::unique_ptr<PocketsphinxDecoder>> idle;
    int decoders = 0; // made or being made
    int liveUses = 0; // answers being recorded: background analyses wait

    std::mutex loading; // one model load at a time
    bool filesChecked = false;

    void giveBack(std::unique_ptr<PocketsphinxDecoder> decoder)
    {
        {
            const std::lock_guard lock(mutex);
            idle.push_back(std::move(decoder));
        }
        returned.notify_all();
    }

    Expected<std::unique_ptr<PocketsphinxDecoder>> makeDecoder()
    {
        const std::lock_guard lock(loading);
        QElapsedTimer timer;
        timer.start();
        if (!filesChecked) {
            if (std::optional<AnalysisError> problem = checkModelFiles(paths)) {
                qCDebug(lcAnalysis).noquote() << problem->message;
                return *problem;
            }
            filesChecked = true;
        }
        auto decoder = PocketsphinxDecoder::create(paths);
        if (decoder)
            qCDebug(lcAnalysis) << "loaded the speech model from" << paths.acousticModel << "in" << timer.elapsed()
                                << "ms";
        else
            filesChecked = false;
        return decoder;
    }
};

DecoderLease::DecoderLease(std::shared_ptr<Pool> pool, std::unique_ptr<PocketsphinxDecoder> decoder)
    : m_pool(std::move(pool))
    , m_decoder(std::move(decoder))
{ }

DecoderLease::DecoderLease(DecoderLease &&other) noexcept = default;

DecoderLease &DecoderLease::operator=(DecoderLease &&other) noexcept
{
    if (this != &other) {
        if (m_pool && m_decoder)
            m_pool->giveBack(std::move(m_decoder));
        m_pool = std::move(other.m_pool);
        m_decoder = std::move(other.m_decoder);
    }
    return *this;
}

DecoderLease::~DecoderLease()
{
    if (m_pool && m_decoder)
        m_pool->giveBack(std::move(m_decoder));
}

SpeechModel::SpeechModel(SpeechModelPaths paths, int maxDecoders)
    : m_paths(std::move(paths))
    , m_pool(std::make_shared<DecoderLease::Pool>())
{
    m_pool->paths = m_paths;
    m_pool->maxDecoders = std::max(maxDecoders, 1);
}

SpeechModel::~SpeechModel() = default;

std::shared_ptr<SpeechModel> SpeechModel::shared()
{
    static const std::shared_ptr<SpeechModel> model = std::make_shared<SpeechModel>();
    return model;
}

std::optional<AnalysisError> SpeechModel::checkFiles(const SpeechModelPaths &paths)
{
    return checkModelFiles(paths);
}

std::optional<AnalysisError> SpeechModel::load()
{
    // Not held back by an answer being recorded: it only makes sure the model is there.
    Expected<DecoderLease> lease = acquire({}, Use::Live);
    if (!lease)
        return lease.error();
    return std::nullopt;
}

SpeechModel::LiveUse::LiveUse(std::shared_ptr<DecoderLease::Pool> pool)
    : m_pool(std::move(pool))
{
    const std::lock_guard lock(m_pool->mutex);
    ++m_pool->liveUses;
}

SpeechModel::LiveUse::LiveUse(LiveUse &&other) noexcept = default;

SpeechModel::LiveUse::~LiveUse()
{
    if (!m_pool)
        return;
    {
        const std::lock_guard lock(m_pool->mutex);
        --m_pool->liveUses;
    }
    m_pool->returned.notify_all();
}

int SpeechModel::decodersLoaded() const
{
    const std::lock_guard lock(m_pool->mutex);
    return m_pool->decoders;
}

SpeechModel::LiveUse SpeechModel::beginLiveUse()
{
    return LiveUse(m_pool);
}

Expected<QList<RecognizedWord>> SpeechModel::recognize(const qint16 *samples, qsizetype count, qint64 offsetMs, Use use,
                                                       std::stop_token stop)
{
    Expected<DecoderLease> lease = acquire(stop, use);
    if (!lease)
        return lease.error();
    return lease.value().decoder().recognize(samples, count, offsetMs);
}

Expected<DecoderLease> SpeechModel::acquire(std::stop_token stop, Use use)
{
    const auto cancelled = AnalysisError{AnalysisError::Kind::Cancelled, ModelText::tr("The analysis was cancelled.")};
    DecoderLease::Pool &pool = *m_pool;
    std::unique_lock lock(pool.mutex);
    // A background analysis gives way to an answer being recorded.
    const auto mayTake = [&pool, use] { return use == Use::Live || pool.liveUses == 0; };
    for (;;) {
        if (stop.stop_requested())
            return cancelled;
        if (!mayTake()) {
            pool.returned.wait(lock, stop, mayTake);
            continue;
        }
        if (!pool.idle.empty()) {
            std::unique_ptr<PocketsphinxDecoder> decoder = std::move(pool.idle.back());
            pool.idle.pop_back();
            return DecoderLease(m_pool, std::move(decoder));
        }
        if (pool.decoders < pool.maxDecoders) {
            ++pool.decoders;
            lock.unlock();
            Expected<std::unique_ptr<PocketsphinxDecoder>> made = pool.makeDecoder();
            if (!made) {
                lock.lock();
                --pool.decoders;
                lock.unlock();
                pool.returned.notify_all();
                return made.error();
            }
            return DecoderLease(m_pool, std::move(made.value()));
        }
        pool.returned.wait(lock, stop, [&pool] { return !pool.idle.empty() || pool.decoders < pool.maxDecoders; });
    }
}

} // namespace MockLoop
