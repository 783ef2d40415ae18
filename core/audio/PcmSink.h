#pragma once

#include "WavFormat.h"

#include <QtGlobal>

namespace MockLoop {

// Receives a take's audio while it is being recorded: AudioRecorder::setPcmSink() hands one to
// the recorder, which calls it on its capture thread with exactly the samples it writes to the
// take's WAV (nothing while paused), so a listener sees the file's own timeline. A listener (the
// speech analysis, say) must therefore be safe to call from that thread, return quickly (queue
// the work, never block on a lock held for long) and never throw.
//
// Calls come in this order, from one thread at a time: pcmStarted(), any number of
// pcmCaptured(), then pcmFinished() once the take is closed (stopped, failed, or the recorder
// destroyed). A take that cannot even begin sends nothing.
class PcmSink
{
public:
    virtual ~PcmSink() = default;

    // framesAlreadyInTake: audio a continued take held before this part (0 for a new take); what
    // comes next starts at that frame of the file.
    virtual void pcmStarted(const PcmFormat &format, qint64 framesAlreadyInTake) = 0;
    // sampleCount interleaved signed 16-bit samples (frames × channels).
    virtual void pcmCaptured(const qint16 *samples, qsizetype sampleCount) = 0;
    virtual void pcmFinished() = 0;
};

} // namespace MockLoop
