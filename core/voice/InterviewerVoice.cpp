#include "InterviewerVoice.h"

#include "FliteSynthesizer.h"
#include "SpeechCache.h"
#include "VoiceLogging.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QPromise>
#include <QThreadPool>
#include <QtEndian>

#include <cmath>
#include <deque>
#include <mutex>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct VoiceText
{
    Q_DECLARE_TR_FUNCTIONS(MockLoop::InterviewerVoice)
};

using SpeechPromise = std::shared_ptr<QPromise<RenderedSpeech>>;

// Someone waiting for a line: what they asked for, and how loud they want it.
struct Waiter
{
    QString text;
    double rate = 1.0;
    double volume = 1.0;
    SpeechPromise promise;
};

struct Job
{
    SpeechKey key;
    QString keyString; // key.toString(), made once
    QList<Waiter> waiters; // empty: prepared, nobody waits yet
};

QFuture<RenderedSpeech> readyFuture(const RenderedSpeech &speech)
{
    QPromise<RenderedSpeech> promise;
    QFuture<RenderedSpeech> future = promise.future();
    promise.start();
    promise.addResult(speech);
    promise.finish();
    return future;
}

SpeechPromise startedPromise()
{
    auto promise = std::make_shared<QPromise<RenderedSpeech>>();
    promise->start();
    return promise;
}

void fulfil(const SpeechPromise &promise, const RenderedSpeech &speech)
{
    promise->addResult(speech);
    promise->finish();
}

double clampedVolume(double volume)
{
    return std::isfinite(volume) ? std::clamp(volume, 0.0, 1.0) : 1.0;
}

int ratePercent(double rate)
{
    const double clamped
        = std::isfinite(rate) ? std::clamp(rate, FliteSynthesizer::MinimumRate, FliteSynthesizer::MaximumRate) : 1.0;
    return int(std::lround(clamped * 100));
}

QByteArray atVolume(const QByteArray &pcm, double volume)
{
    if (volume >= 1.0)
        return pcm;
    QByteArray scaled(pcm.size(), Qt::Uninitialized);
    const qsizetype count = pcm.size() / qsizetype(sizeof(qint16));
    for (qsizetype i = 0; i < count; ++i) {
        const qint16 sample = qFromLittleEndian<qint16>(pcm.constData() + i * 2);
        qToLittleEndian<qint16>(qint16(std::lround(sample * volume)), scaled.data() + i * 2);
    }
    return scaled;
}

RenderedSpeech delivered(const Waiter &waiter, const SpeechKey &key, const CachedAudio &audio,
                         RenderedSpeech::Source source)
{
    RenderedSpeech speech;
    speech.text = waiter.text;
    speech.voiceId = key.voiceId;
    speech.rate = key.ratePercent / 100.0;
    speech.volume = waiter.volume;
    speech.sampleRate = audio.sampleRate;
    speech.pcm = atVolume(audio.pcm, waiter.volume);
    speech.source = source;
    return speech;
}

VoiceError cancelled()
{
    return {VoiceError::Kind::Cancelled,
            VoiceText::tr("The interviewer's voice was turned off before the line was ready.")};
}

} // namespace

struct InterviewerVoice::State : std::enable_shared_from_this<State>
{
    State(VoiceSettings initialSettings, Options options)
        : settings(std::move(initialSettings))
        , synthesizer(std::move(options.voices))
        , memory(options.memoryCacheBytes)
        , pool(options.pool ? options.pool : QThreadPool::globalInstance())
    {
        if (!options.diskCacheFolder.isEmpty())
            disk.emplace(options.diskCacheFolder, options.diskCacheBytes);
    }

    SpeechKey keyFor(const QString &trimmedText, const VoiceSettings &voiceSettings) const
    {
        return {trimmedText, voiceSettings.voiceId, ratePercent(voiceSettings.rate)};
    }

    // The job for key, queued or being rendered, or nullptr. Under mutex.
    Job *pendingJob(const QString &key, qsizetype *queuePosition = nullptr)
    {
        if (current && current->keyString == key)
            return &*current;
        for (std::size_t i = 0; i < queue.size(); ++i) {
            if (queue[i].keyString == key) {
                if (queuePosition)
                    *queuePosition = qsizetype(i);
                return &queue[i];
            }
        }
        return nullptr;
    }

    // Lines someone waits for go before those only prepared, first come first served. Under mutex.
    void enqueueWaited(Job job)
    {
        auto position
            = std::find_if(queue.begin(), queue.end(), [](const Job &queued) { return queued.waiters.isEmpty(); });
        queue.insert(position, std::move(job));
    }

    void startDraining() // under mutex
    {
        if (draining || queue.empty())
            return;
        draining = true;
        pool->start([self = shared_from_this()] { self->drain(); });
    }

    void drain();

    mutable std::mutex mutex;
    VoiceSettings settings;
    const FliteSynthesizer synthesizer; // thread-safe
    SpeechMemoryCache memory;
    std::optional<SpeechDiskCache> disk; // used by the draining task only
    QThreadPool *pool;
    std::deque<Job> queue;
    std::optional<Job> current; // being rendered
    bool draining = false;
    bool shutDown = false;
    Statistics statistics;
    std::function<void(const QString &)> observer;
};

void InterviewerVoice::State::drain()
{
    for (;;) {
        SpeechKey key;
        QString keyString;
        std::function<void(const QString &)> notify;
        {
            const std::lock_guard lock(mutex);
            if (shutDown || queue.empty()) {
                draining = false;
                return;
            }
            current = std::move(queue.front());
            queue.pop_front();
            key = current->key;
            keyString = current->keyString;
            notify = observer;
        }

        std::optional<CachedAudio> audio;
        std::optional<VoiceError> error;
        auto source = RenderedSpeech::Source::Rendered;
        bool rejected = false;
        if (disk) {
            audio = disk->find(key, &rejected);
            if (audio)
                source = RenderedSpeech::Source::DiskCache;
        }
        if (!audio) {
            if (notify)
                notify(key.text);
            QElapsedTimer timer;
            timer.start();
            auto result = synthesizer.synthesize(key.text, key.voiceId, key.ratePercent / 100.0);
            if (auto *rendered = std::get_if<SynthesizedAudio>(&result)) {
                audio = CachedAudio{rendered->sampleRate, rendered->pcm};
                qCDebug(lcVoice) << "rendered" << rendered->pcm.size() / 2 * 1000 / rendered->sampleRate
                                 << "ms of speech in" << timer.elapsed() << "ms:" << key.text.left(60);
                if (disk)
                    disk->insert(key, *audio);
            } else {
                error = std::get<VoiceError>(result);
                qCWarning(lcVoice) << error->message;
            }
        }

        QList<Waiter> waiters;
        {
            const std::lock_guard lock(mutex);
            waiters = std::move(current->waiters);
            current.reset();
            if (rejected)
                ++statistics.diskRejected;
            if (source == RenderedSpeech::Source::DiskCache)
                ++statistics.diskHits;
            else
                ++statistics.renders;
            if (audio)
                memory.insert(keyString, *audio);
            else
                ++statistics.failures;
        }
        for (const Waiter &waiter : std::as_const(waiters)) {
            fulfil(waiter.promise,
                   audio ? delivered(waiter, key, *audio, source) : RenderedSpeech::failure(waiter.text, *error));
        }
    }
}

InterviewerVoice::InterviewerVoice(VoiceSettings settings)
    : InterviewerVoice(std::move(settings), Options())
{ }

InterviewerVoice::InterviewerVoice(VoiceSettings settings, Options options)
    : m_state(std::make_shared<State>(std::move(settings), std::move(options)))
{ }

InterviewerVoice::~InterviewerVoice()
{
    std::deque<Job> abandoned;
    {
        const std::lock_guard lock(m_state->mutex);
        m_state->shutDown = true;
        abandoned.swap(m_state->queue);
        m_state->observer = nullptr;
    }
    for (const Job &job : abandoned) {
        for (const Waiter &waiter : job.waiters)
            fulfil(waiter.promise, RenderedSpeech::failure(waiter.text, cancelled()));
    }
}

VoiceSettings InterviewerVoice::settings() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->settings;
}

void InterviewerVoice::setSettings(const VoiceSettings &settings)
{
    const std::lock_guard lock(m_state->mutex);
    m_state->settings = settings;
}

QFuture<RenderedSpeech> InterviewerVoice::render(const QString &text)
{
    return render(text, settings());
}

QFuture<RenderedSpeech> InterviewerVoice::render(const QString &text, const VoiceSettings &settings)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        return readyFuture(RenderedSpeech::failure(
            text, {VoiceError::Kind::NothingToSay, VoiceText::tr("There is nothing to say: the line is empty.")}));
    }
    if (trimmed.size() > MaxTextCharacters) {
        return readyFuture(RenderedSpeech::failure(
            text,
            {VoiceError::Kind::TextTooLong,
             VoiceText::tr("The line is too long to say: %1 characters, and the interviewer says at most %2 "
                           "at a time. Split it into shorter lines.")
                 .arg(trimmed.size())
                 .arg(MaxTextCharacters)}));
    }

    const SpeechKey key = m_state->keyFor(trimmed, settings);
    const QString keyString = key.toString();
    const Waiter waiter{text, key.ratePercent / 100.0, clampedVolume(settings.volume), startedPromise()};
    QFuture<RenderedSpeech> future = waiter.promise->future();

    const std::lock_guard lock(m_state->mutex);
    if (m_state->shutDown) {
        fulfil(waiter.promise, RenderedSpeech::failure(text, cancelled()));
        return future;
    }
    if (const auto audio = m_state->memory.find(keyString)) {
        ++m_state->statistics.memoryHits;
        fulfil(waiter.promise, delivered(waiter, key, *audio, RenderedSpeech::Source::MemoryCache));
        return future;
    }
    qsizetype queuePosition = -1;
    if (Job *pending = m_state->pendingJob(keyString, &queuePosition)) {
        pending->waiters.append(waiter);
        if (queuePosition >= 0 && pending->waiters.size() == 1) {
            // It was only prepared: now someone waits for it, it goes ahead of the other prepared lines.
            Job job = std::move(*pending);
            m_state->queue.erase(m_state->queue.begin() + queuePosition);
            m_state->enqueueWaited(std::move(job));
        }
    } else {
        m_state->enqueueWaited(Job{key, keyString, {waiter}});
    }
    m_state->startDraining();
    return future;
}

void InterviewerVoice::prepare(const QStringList &lines)
{
    const std::lock_guard lock(m_state->mutex);
    if (m_state->shutDown)
        return;
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.size() > MaxTextCharacters)
            continue;
        const SpeechKey key = m_state->keyFor(trimmed, m_state->settings);
        const QString keyString = key.toString();
        if (m_state->memory.find(keyString) || m_state->pendingJob(keyString))
            continue;
        m_state->queue.push_back(Job{key, keyString, {}});
    }
    m_state->startDraining();
}

std::optional<RenderedSpeech> InterviewerVoice::cached(const QString &text) const
{
    const QString trimmed = text.trimmed();
    const std::lock_guard lock(m_state->mutex);
    const SpeechKey key = m_state->keyFor(trimmed, m_state->settings);
    const auto audio = m_state->memory.find(key.toString());
    if (!audio)
        return std::nullopt;
    ++m_state->statistics.memoryHits;
    const Waiter waiter{text, key.ratePercent / 100.0, clampedVolume(m_state->settings.volume), nullptr};
    return delivered(waiter, key, *audio, RenderedSpeech::Source::MemoryCache);
}

QFuture<QList<VoiceStatus>> InterviewerVoice::checkVoices() const
{
    auto promise = std::make_shared<QPromise<QList<VoiceStatus>>>();
    promise->start();
    QFuture<QList<VoiceStatus>> future = promise->future();
    m_state->pool->start([promise, state = m_state] {
        QList<VoiceStatus> statuses;
        for (const VoiceDescription &voice : state->synthesizer.voices())
            statuses.append({voice, state->synthesizer.load(voice.id)});
        promise->addResult(statuses);
        promise->finish();
    });
    return future;
}

InterviewerVoice::Statistics InterviewerVoice::statistics() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->statistics;
}

qsizetype InterviewerVoice::memoryCacheBytes() const
{
    const std::lock_guard lock(m_state->mutex);
    return m_state->memory.bytes();
}

void InterviewerVoice::setRenderObserver(std::function<void(const QString &)> observer)
{
    const std::lock_guard lock(m_state->mutex);
    m_state->observer = std::move(observer);
}

} // namespace MockLoop
