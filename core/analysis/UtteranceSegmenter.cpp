#include "UtteranceSegmenter.h"

#include "SpeechFrames.h"

#include <algorithm>

namespace MockLoop {

using SpeechFrames::FrameSamples;

std::optional<UtteranceSegmenter::Utterance> UtteranceSegmenter::add(const qint16 *frame, bool voiced, float levelDb)
{
    const qint64 index = m_nextFrame++;
    if (!m_inUtterance) {
        if (!voiced) {
            keepAsPreroll(frame, levelDb);
            return std::nullopt;
        }
        m_inUtterance = true; // the preroll becomes its start
    }
    append(frame, voiced, levelDb);

    const qint64 silentFrames = index - m_lastVoicedFrame;
    const qint64 length = index + 1 - m_firstFrame;
    if (silentFrames >= EndSilenceFrames)
        return cutAt(m_lastVoicedFrame + 1 + PostrollFrames);
    if (length >= SoftMaximumFrames && silentFrames >= SoftCutSilenceFrames)
        return cutAt(index + 1 - silentFrames / 2);
    if (length >= HardMaximumFrames) {
        const auto searchFrom = m_levels.end() - HardCutSearchFrames;
        const auto quietest = std::min_element(searchFrom, m_levels.end());
        return cutAt(m_firstFrame + (quietest - m_levels.begin()) + 1);
    }
    return std::nullopt;
}

std::optional<UtteranceSegmenter::Utterance> UtteranceSegmenter::finish()
{
    if (!m_inUtterance)
        return std::nullopt;
    return cutAt(std::min(m_nextFrame, m_lastVoicedFrame + 1 + PostrollFrames));
}

std::optional<UtteranceSegmenter::Utterance> UtteranceSegmenter::pending() const
{
    if (!m_inUtterance)
        return std::nullopt;
    const qint64 endFrame = std::min(m_nextFrame, m_lastVoicedFrame + 1 + PostrollFrames);
    const auto frames = qsizetype(std::clamp<qint64>(endFrame - m_firstFrame, 0, qint64(m_levels.size())));
    return Utterance{m_firstFrame, {m_samples.begin(), m_samples.begin() + frames * FrameSamples}};
}

void UtteranceSegmenter::append(const qint16 *frame, bool voiced, float levelDb)
{
    if (m_samples.empty())
        m_firstFrame = m_nextFrame - 1;
    m_samples.insert(m_samples.end(), frame, frame + FrameSamples);
    m_levels.push_back(levelDb);
    if (voiced)
        m_lastVoicedFrame = m_nextFrame - 1;
}

void UtteranceSegmenter::keepAsPreroll(const qint16 *frame, float levelDb)
{
    append(frame, false, levelDb);
    if (m_levels.size() > PrerollFrames) {
        m_samples.erase(m_samples.begin(), m_samples.begin() + FrameSamples);
        m_levels.erase(m_levels.begin());
        ++m_firstFrame;
    }
}

UtteranceSegmenter::Utterance UtteranceSegmenter::cutAt(qint64 endFrame)
{
    const auto frames = qsizetype(std::clamp<qint64>(endFrame - m_firstFrame, 0, qint64(m_levels.size())));
    Utterance utterance{m_firstFrame, {m_samples.begin(), m_samples.begin() + frames * FrameSamples}};

    // What follows the cut: the preroll of the next utterance, or its start when cut mid-speech.
    std::vector<qint16> rest(m_samples.begin() + frames * FrameSamples, m_samples.end());
    std::vector<float> restLevels(m_levels.begin() + frames, m_levels.end());
    const qint64 restFirst = m_firstFrame + frames;
    const bool restVoiced = m_lastVoicedFrame >= restFirst;
    m_samples = std::move(rest);
    m_levels = std::move(restLevels);
    m_firstFrame = restFirst;
    m_inUtterance = restVoiced;
    if (!m_inUtterance) {
        const auto surplus = qsizetype(m_levels.size()) - PrerollFrames;
        if (surplus > 0) {
            m_samples.erase(m_samples.begin(), m_samples.begin() + surplus * FrameSamples);
            m_levels.erase(m_levels.begin(), m_levels.begin() + surplus);
            m_firstFrame += surplus;
        }
    }
    return utterance;
}

} // namespace MockLoop
