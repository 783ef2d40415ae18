#include "WaveformSlider.h"

#include "CountdownLabel.h"

#include "common/Accessibility.h"
#include "common/Format.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// Below this a take is silence; its waveform is drawn at this scale rather than blown up to fill
// the bar with noise.
constexpr int QuietestFullScale = 512;

QColor withAlpha(QColor colour, int alpha)
{
    colour.setAlpha(alpha);
    return colour;
}

} // namespace

QColor likelyFillerColour(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return dark ? QColor(0xff, 0xb4, 0x54) : QColor(0xa8, 0x55, 0x00);
}

WaveformSlider::WaveformSlider(QWidget *parent)
    : QAbstractSlider(parent)
{
    setOrientation(Qt::Horizontal);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setRange(0, 0);
    setSingleStep(5000);
    setPageStep(30000);
    installAccessibleInterface<WaveformSlider, SpokenValueAccessible<WaveformSlider, QAccessible::Slider>>();
    setAccessibleName(tr("Position"));
    // Keyboard moves (arrows, Page Up/Down, Home/End) arrive as actions; the mouse is handled below.
    connect(this, &QAbstractSlider::actionTriggered, this, [this] {
        Q_EMIT seekRequested(sliderPosition());
        // The person moved it: the focused slider's name, where it is now, is spoken.
        if (QAccessible::isActive()) {
            QAccessibleEvent moved(this, QAccessible::NameChanged);
            QAccessible::updateAccessibility(&moved);
        }
    });
    connect(this, &QAbstractSlider::valueChanged, this, &WaveformSlider::updateAccessibleDescription);
}

void WaveformSlider::setWaveform(const Waveform &waveform)
{
    m_peaks = waveform.peaks;
    m_waveformDuration = waveform.durationMs();
    m_bucketsPerMs = waveform.framesPerBucket > 0 && waveform.sampleRate > 0
        ? qreal(waveform.sampleRate) / qreal(waveform.framesPerBucket) / 1000.0
        : qreal(WaveformPeaks::BucketsPerSecond) / 1000.0;
    int loudest = QuietestFullScale;
    for (const WaveformPeak &peak : std::as_const(m_peaks))
        loudest = std::max({loudest, std::abs(int(peak.minimum)), std::abs(int(peak.maximum))});
    m_loudest = loudest;
    if (duration() <= 0)
        setDuration(m_waveformDuration);
    update();
}

void WaveformSlider::clearWaveform()
{
    m_peaks.clear();
    m_waveformDuration = 0;
    m_loudest = QuietestFullScale;
    update();
}

void WaveformSlider::setMarks(const QList<Mark> &marks)
{
    m_marks = marks;
    std::stable_sort(m_marks.begin(), m_marks.end(), [](const Mark &a, const Mark &b) { return a.at < b.at; });
    updateAccessibleDescription();
    update();
}

void WaveformSlider::setDuration(qint64 duration)
{
    setRange(0, int(std::clamp<qint64>(duration, 0, std::numeric_limits<int>::max())));
    updateAccessibleDescription();
    update();
}

void WaveformSlider::setPosition(qint64 position)
{
    if (isSliderDown())
        return; // the person's drag wins over the player's progress
    setValue(int(std::clamp<qint64>(position, 0, maximum())));
    update();
}

void WaveformSlider::setTimeScale(qint64 span)
{
    m_timeScale = std::max<qint64>(span, 0);
    update();
}

void WaveformSlider::setPlaceholderText(const QString &text)
{
    m_placeholder = text;
    update();
}

QSize WaveformSlider::sizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 30, line * 5};
}

QSize WaveformSlider::minimumSizeHint() const
{
    const int line = fontMetrics().height();
    return {line * 8, line * 4};
}

QRectF WaveformSlider::waveRect() const
{
    // A band on top for the phase titles (when there are any), the waveform below it.
    const bool titled = std::any_of(m_marks.cbegin(), m_marks.cend(), [](const Mark &mark) { return mark.isTitled(); });
    const int top = titled ? fontMetrics().height() + 4 : 6;
    QRectF wave = QRectF(rect()).adjusted(2, top, -2, -2);
    if (m_timeScale > duration() && duration() > 0)
        wave.setWidth(std::max(wave.width() * qreal(duration()) / qreal(m_timeScale), 8.0));
    return wave;
}

qint64 WaveformSlider::positionAt(qreal x) const
{
    const QRectF wave = waveRect();
    if (wave.width() <= 0 || duration() <= 0)
        return 0;
    const qreal fraction = std::clamp((x - wave.left()) / wave.width(), 0.0, 1.0);
    return qint64(std::llround(fraction * qreal(duration())));
}

qreal WaveformSlider::xOf(qint64 position) const
{
    const QRectF wave = waveRect();
    if (duration() <= 0)
        return wave.left();
    return wave.left() + wave.width() * std::clamp(qreal(position) / qreal(duration()), 0.0, 1.0);
}

QString WaveformSlider::markTitleAt(qint64 position) const
{
    QString title;
    for (const Mark &mark : m_marks) {
        if (mark.at > position)
            break;
        if (mark.isTitled())
            title = mark.label;
        else if (mark.kind == Mark::Kind::Interruption && position - mark.at < 1000)
            title = mark.label; // the join itself names what happened there
    }
    return title;
}

QStringList WaveformSlider::measuredMarksAt(qint64 position, qint64 slack) const
{
    QStringList found;
    for (const Mark &mark : m_marks) {
        if (mark.kind == Mark::Kind::LongPause && position >= mark.at - slack && position <= mark.end + slack)
            found << tr("pause of %1 s").arg(Format::tenthsOfSeconds(std::chrono::milliseconds(mark.end - mark.at)));
        else if (mark.kind == Mark::Kind::LikelyFiller && std::abs(position - mark.at) <= slack)
            found << tr("likely filler “%1”").arg(mark.label);
        else if (mark.kind == Mark::Kind::InterviewerSpoke && position >= mark.at - slack
                 && position <= mark.end + slack)
            found << tr("the interviewer: “%1”").arg(mark.label);
    }
    return found;
}

void WaveformSlider::setAccessibleValue(int seconds)
{
    setSliderPosition(int(std::clamp<qint64>(qint64(seconds) * 1000, 0, duration())));
    Q_EMIT seekRequested(sliderPosition());
}

QString WaveformSlider::spokenText() const
{
    return tr("%1 %2 of %3")
        .arg(accessibleName(), Format::elapsed(std::chrono::milliseconds(sliderPosition())),
             Format::elapsed(std::chrono::milliseconds(duration())));
}

void WaveformSlider::updateAccessibleDescription()
{
    // Where the position is, what is marked there, and what is marked in all: the shapes on the
    // waveform in words.
    QStringList parts{tr("%1 of %2")
                          .arg(Format::elapsed(std::chrono::milliseconds(value())),
                               Format::elapsed(std::chrono::milliseconds(duration())))};
    if (const QString phase = markTitleAt(value()); !phase.isEmpty())
        parts << phase;
    parts << measuredMarksAt(value(), 250);
    const auto count = [this](Mark::Kind kind) {
        return int(
            std::count_if(m_marks.cbegin(), m_marks.cend(), [kind](const Mark &mark) { return mark.kind == kind; }));
    };
    if (const int fillers = count(Mark::Kind::LikelyFiller); fillers > 0)
        parts << tr("%n likely filler(s) marked", nullptr, fillers);
    if (const int pauses = count(Mark::Kind::LongPause); pauses > 0)
        parts << tr("%n long pause(s) marked", nullptr, pauses);
    if (const int lines = count(Mark::Kind::InterviewerSpoke); lines > 0)
        parts << tr("the interviewer speaks %n time(s)", nullptr, lines);
    const QString description = parts.join(u"; "_s);
    if (description != accessibleDescription())
        setAccessibleDescription(description);
}

bool WaveformSlider::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && duration() > 0) {
        auto *help = static_cast<QHelpEvent *>(event);
        const qint64 at = positionAt(help->pos().x());
        const QString time = Format::elapsed(std::chrono::milliseconds(at));
        QStringList parts{time};
        if (const QString phase = markTitleAt(at); !phase.isEmpty())
            parts << phase;
        // The mouse is a few pixels wide: a filler's diamond is found near it, not only under it.
        const qint64 slack = positionAt(help->pos().x() + 4) - at;
        parts << measuredMarksAt(at, std::max<qint64>(slack, 1));
        QToolTip::showText(help->globalPos(), parts.join(u" · "_s), this);
        return true;
    }
    return QAbstractSlider::event(event);
}

void WaveformSlider::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette colours = palette();
    const QRectF wave = waveRect();
    const QFontMetrics metrics = fontMetrics();

    // The track.
    QPainterPath track;
    track.addRoundedRect(wave.adjusted(-1, -1, 1, 1), 4, 4);
    painter.fillPath(track, colours.color(QPalette::Base));
    painter.setPen(
        QPen(hasFocus() ? colours.color(QPalette::Highlight) : colours.color(QPalette::Mid), hasFocus() ? 2 : 1));
    painter.drawPath(track);

    const qreal middle = wave.center().y();
    const qreal halfHeight = wave.height() / 2 - 2;
    const qreal playheadX = xOf(value());
    const QColor played = colours.color(QPalette::Highlight);
    const QColor unplayed = withAlpha(colours.color(QPalette::WindowText), 110);

    if (m_peaks.isEmpty()) {
        painter.setPen(QPen(colours.color(QPalette::Mid), 1));
        painter.drawLine(QPointF(wave.left() + 4, middle), QPointF(wave.right() - 4, middle));
        if (!m_placeholder.isEmpty()) {
            painter.setPen(colours.color(QPalette::PlaceholderText));
            const QString text = metrics.elidedText(m_placeholder, Qt::ElideRight, int(wave.width()) - 8);
            QRectF box(0, 0, metrics.horizontalAdvance(text) + 12, metrics.height() + 4);
            box.moveCenter(wave.center());
            painter.fillRect(box, colours.color(QPalette::Base));
            painter.drawText(box, Qt::AlignCenter, text);
        }
    } else if (duration() > 0) {
        // One vertical line per device-independent pixel column: the lowest and highest sample of
        // the buckets that column covers. The columns map through time, so peaks and marks agree
        // even if the player reports a slightly different length than the file holds.
        painter.setRenderHint(QPainter::Antialiasing, false);
        const int columns = int(wave.width());
        const qsizetype bucketCount = m_peaks.size();
        const qreal bucketsPerMs = m_bucketsPerMs;
        for (int column = 0; column < columns; ++column) {
            const qreal x = wave.left() + column;
            const qsizetype first = qsizetype(qreal(positionAt(x)) * bucketsPerMs);
            const qsizetype last = std::max(first + 1, qsizetype(qreal(positionAt(x + 1)) * bucketsPerMs));
            if (first >= bucketCount)
                break;
            int low = 0;
            int high = 0;
            for (qsizetype i = first; i < std::min(last, bucketCount); ++i) {
                low = std::min(low, int(m_peaks.at(i).minimum));
                high = std::max(high, int(m_peaks.at(i).maximum));
            }
            const qreal top = middle - halfHeight * qreal(high) / qreal(m_loudest);
            const qreal bottom = middle - halfHeight * qreal(low) / qreal(m_loudest);
            painter.setPen(x <= playheadX ? played : unplayed);
            painter.drawLine(QPointF(x + 0.5, std::min(top, middle - 0.5)),
                             QPointF(x + 0.5, std::max(bottom, middle + 0.5)));
        }
        painter.setRenderHint(QPainter::Antialiasing);
    }

    if (duration() > 0) {
        // The marks: phases and follow-ups as lines with their titles in the band above, pauses as
        // small notches, interruptions as a jagged line through the waveform (a shape, not a colour).
        paintMeasuredMarks(painter, wave);
        const QColor markColour = withAlpha(colours.color(QPalette::WindowText), 170);
        for (qsizetype i = 0; i < m_marks.size(); ++i) {
            const Mark &mark = m_marks.at(i);
            const qreal x = xOf(mark.at);
            if (mark.kind == Mark::Kind::LikelyFiller || mark.kind == Mark::Kind::LongPause
                || mark.kind == Mark::Kind::InterviewerSpoke)
                continue; // drawn above, under the other marks
            if (mark.kind == Mark::Kind::Pause) {
                QPainterPath notch;
                notch.moveTo(x - 4, wave.top());
                notch.lineTo(x + 4, wave.top());
                notch.lineTo(x, wave.top() + 6);
                notch.closeSubpath();
                painter.fillPath(notch, colours.color(QPalette::PlaceholderText));
                continue;
            }
            if (mark.kind == Mark::Kind::Interruption) {
                QPainterPath jagged;
                jagged.moveTo(x, wave.top());
                int step = 0;
                for (qreal y = wave.top() + 4; y < wave.bottom(); y += 4)
                    jagged.lineTo(x + (++step % 2 ? 3 : -3), y);
                jagged.lineTo(x, wave.bottom());
                painter.setPen(QPen(warningColour(colours), 1.5));
                painter.drawPath(jagged);
                continue;
            }
            QPen pen(markColour, 1);
            if (mark.kind == Mark::Kind::FollowUp)
                pen.setStyle(Qt::DashLine);
            painter.setPen(pen);
            painter.drawLine(QPointF(x, 2), QPointF(x, wave.bottom()));
            // The title runs to the next titled mark.
            qreal end = wave.right();
            for (qsizetype j = i + 1; j < m_marks.size(); ++j) {
                if (m_marks.at(j).isTitled()) {
                    end = xOf(m_marks.at(j).at) - 4;
                    break;
                }
            }
            const int room = int(end - x - 4);
            if (room > metrics.horizontalAdvance(u"…"_s) * 2) {
                painter.setPen(colours.color(QPalette::WindowText));
                painter.drawText(QRectF(x + 3, 0, room, metrics.height() + 2), Qt::AlignLeft | Qt::AlignVCenter,
                                 metrics.elidedText(mark.label, Qt::ElideRight, room));
            }
        }

        // The playhead.
        painter.setPen(QPen(colours.color(QPalette::WindowText), 2));
        painter.drawLine(QPointF(playheadX, wave.top() - 2), QPointF(playheadX, wave.bottom() + 1));
        QPainterPath head;
        head.moveTo(playheadX - 5, wave.top() - 3);
        head.lineTo(playheadX + 5, wave.top() - 3);
        head.lineTo(playheadX, wave.top() + 3);
        head.closeSubpath();
        painter.fillPath(head, colours.color(QPalette::WindowText));
    }
}

void WaveformSlider::paintMeasuredMarks(QPainter &painter, const QRectF &wave) const
{
    // Long pauses as a hatched stretch with a bracket under it; likely fillers as diamonds on the
    // bottom edge; the interviewer's voice as a dotted bar along the top edge. Shapes, so that they
    // read without their colours.
    const QPalette colours = palette();
    const QColor pauseColour = withAlpha(colours.color(QPalette::WindowText), 120);
    const QColor filler = likelyFillerColour(colours);
    const qreal bracketY = wave.bottom() - 3;
    for (const Mark &mark : m_marks) {
        if (mark.kind == Mark::Kind::InterviewerSpoke) {
            const qreal left = xOf(mark.at);
            const QRectF bar(left, wave.top() + 1, std::max(xOf(mark.end), left + 3) - left, 6);
            painter.fillRect(bar, QBrush(pauseColour, Qt::Dense4Pattern));
            painter.setPen(QPen(pauseColour, 1));
            painter.drawRect(bar);
        } else if (mark.kind == Mark::Kind::LongPause) {
            const qreal left = xOf(mark.at);
            const qreal right = std::max(xOf(mark.end), left + 3);
            painter.fillRect(QRectF(left, wave.top() + 1, right - left, wave.height() - 2),
                             QBrush(pauseColour, Qt::BDiagPattern));
            painter.setPen(QPen(pauseColour, 1.5));
            painter.drawPolyline(QPolygonF({QPointF(left, bracketY - 5), QPointF(left, bracketY),
                                            QPointF(right, bracketY), QPointF(right, bracketY - 5)}));
        } else if (mark.kind == Mark::Kind::LikelyFiller) {
            const qreal x = xOf(mark.at);
            const qreal y = wave.bottom() - 7;
            QPainterPath diamond;
            diamond.moveTo(x, y - 5);
            diamond.lineTo(x + 4, y);
            diamond.lineTo(x, y + 5);
            diamond.lineTo(x - 4, y);
            diamond.closeSubpath();
            painter.setPen(QPen(colours.color(QPalette::Base), 1));
            painter.setBrush(filler);
            painter.drawPath(diamond);
            painter.setBrush(Qt::NoBrush);
        }
    }
}

void WaveformSlider::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || duration() <= 0) {
        event->ignore();
        return;
    }
    setSliderDown(true);
    setSliderPosition(int(positionAt(event->position().x())));
    update();
    event->accept();
}

void WaveformSlider::mouseMoveEvent(QMouseEvent *event)
{
    if (!isSliderDown()) {
        event->ignore();
        return;
    }
    setSliderPosition(int(positionAt(event->position().x())));
    update();
    event->accept();
}

void WaveformSlider::mouseReleaseEvent(QMouseEvent *event)
{
    if (!isSliderDown() || event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    const int position = int(positionAt(event->position().x()));
    setSliderPosition(position);
    setSliderDown(false);
    // One seek where the drag ended: a seek on every move would make the player stutter.
    Q_EMIT seekRequested(position);
    update();
    event->accept();
}

void WaveformSlider::wheelEvent(QWheelEvent *event)
{
    // Scrolling over the waveform scrolls the page; it does not seek.
    event->ignore();
}

} // namespace MockLoop
