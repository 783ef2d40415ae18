#include "TakePlayerWidget.h"

#include "audio/TakePlayer.h"
#include "audio/WaveformPeaks.h"
#include "common/Format.h"
#include "widgets/CountdownLabel.h"

#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QFuture>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

struct WaveformLoad
{
    WaveformResult result;
    bool fileExists = true;
};

QString clock(qint64 milliseconds)
{
    return Format::elapsed(std::chrono::milliseconds(milliseconds));
}

} // namespace

TakePlayerWidget::TakePlayerWidget(QWidget *parent)
    : QWidget(parent)
    , m_playButton(new QPushButton(this))
    , m_slider(new WaveformSlider(this))
    , m_time(new QLabel(this))
    , m_speed(new QComboBox(this))
    , m_speedLabel(new QLabel(tr("Sp&eed:"), this))
    , m_status(new QLabel(this))
{
    setObjectName(u"takePlayer"_s);
    setFocusPolicy(Qt::NoFocus);
    m_playButton->setObjectName(u"playButton"_s);
    m_playButton->setToolTip(tr("Play or pause the take (Space)"));
    m_slider->setObjectName(u"waveformSlider"_s);
    m_slider->setToolTip(tr("Click to seek; Left and Right seek 5 seconds"));
    m_time->setObjectName(u"playerTime"_s);
    m_time->setAccessibleName(tr("Position"));
    m_time->setMinimumWidth(m_time->fontMetrics().horizontalAdvance(u"00:00:00 / 00:00:00"_s));
    m_speed->setObjectName(u"playbackSpeed"_s);
    m_speed->setAccessibleName(tr("Playback speed"));
    m_speed->setToolTip(tr("Playback speed"));
    for (const double rate : {0.75, 1.0, 1.25, 1.5, 2.0})
        m_speed->addItem(tr("%1×").arg(QLocale().toString(rate)), rate);
    m_speed->setCurrentIndex(1);
    m_status->setObjectName(u"playerStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->hide();
    m_speedLabel->setBuddy(m_speed);

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_playButton);
    controls->addWidget(m_time);
    controls->addStretch();
    controls->addWidget(m_speedLabel);
    controls->addWidget(m_speed);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_slider);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    setTabOrder(m_playButton, m_slider);
    setTabOrder(m_slider, m_speed);

    for (QWidget *watched :
         {static_cast<QWidget *>(m_playButton), static_cast<QWidget *>(m_slider), static_cast<QWidget *>(m_speed)})
        watched->installEventFilter(this);

    connect(m_playButton, &QPushButton::clicked, this, &TakePlayerWidget::togglePlayback);
    connect(m_slider, &WaveformSlider::seekRequested, this, &TakePlayerWidget::seekTo);
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this] {
        if (m_player)
            m_player->setRate(m_speed->currentData().toDouble());
    });

    clearTake(tr("No recording"));
}

TakePlayer *TakePlayerWidget::player()
{
    // Made on first use: Qt Multimedia's player loads GStreamer, which would slow every start.
    if (m_player)
        return m_player;
    m_player = new TakePlayer(this);
    m_player->setRate(m_speed->currentData().toDouble());
    connect(m_player, &TakePlayer::positionChanged, this, [this](qint64 position) {
        // A stopped player reports 0; the position the person chose stands until playback starts.
        if (m_player->state() == TakePlayer::State::Stopped)
            return;
        m_position = position;
        showPosition(position);
    });
    connect(m_player, &TakePlayer::durationChanged, this, [this](qint64 duration) {
        if (duration > 0 && m_player->take() == m_path) {
            m_slider->setDuration(duration);
            showPosition(m_position);
        }
    });
    connect(m_player, &TakePlayer::stateChanged, this, [this] {
        updatePlayButton();
        Q_EMIT playingChanged(isPlaying());
    });
    connect(m_player, &TakePlayer::finished, this, [this] {
        m_position = 0;
        showPosition(0);
    });
    connect(m_player, &TakePlayer::errorOccurred, this, [this](const QString &message) { showStatus(message, true); });
    return m_player;
}

void TakePlayerWidget::setTake(const QString &wavPath, qint64 durationHint, const QList<WaveformSlider::Mark> &marks)
{
    m_slider->setMarks(marks);
    if (wavPath == m_path)
        return; // the same take: keep playing where it is
    if (m_player)
        m_player->stop();
    m_path = wavPath;
    m_position = 0;
    m_missing = false;
    m_slider->clearWaveform();
    m_slider->setDuration(durationHint);
    m_slider->setPosition(0);
    m_slider->setPlaceholderText(tr("Loading the waveform…"));
    m_slider->setEnabled(true);
    m_playButton->setEnabled(true);
    m_speed->setEnabled(true);
    showStatus({}, false);
    showPosition(0);
    updatePlayButton();

    const quint64 generation = ++m_generation;
    m_waveformLoading = true;
    WaveformPeaks::loadAsync(wavPath)
        .then(QtFuture::Launch::Async,
              [wavPath](const WaveformResult &result) {
                  // Only a failed load needs to know why; the check stays off the GUI thread.
                  return WaveformLoad{result, result.ok() || QFileInfo::exists(wavPath)};
              })
        .then(this, [this, generation](const WaveformLoad &load) {
            if (generation != m_generation)
                return;
            m_waveformLoading = false;
            if (load.result.ok()) {
                const Waveform &waveform = *load.result.waveform;
                if (waveform.durationMs() > 0)
                    m_slider->setDuration(waveform.durationMs());
                m_slider->setWaveform(waveform);
                if (waveform.peaks.isEmpty()) {
                    m_slider->setPlaceholderText(tr("This take holds no sound"));
                    m_playButton->setEnabled(false);
                } else {
                    m_slider->setPlaceholderText({});
                }
                showPosition(m_position);
            } else if (!load.fileExists) {
                m_missing = true;
                m_slider->setPlaceholderText(tr("The recording is missing"));
                m_playButton->setEnabled(false);
                showStatus(tr("The recording of this answer is missing: %1. It may have been moved or deleted outside "
                              "MockLoop. Put the file back to play it, or delete the answer if you no longer need it.")
                               .arg(QDir::toNativeSeparators(m_path)),
                           true);
            } else {
                m_slider->setPlaceholderText(tr("No waveform"));
                showStatus(tr("%1 The file may be damaged; you can still try to play it.").arg(load.result.error),
                           true);
            }
            Q_EMIT waveformLoaded();
        });
}

void TakePlayerWidget::clearTake(const QString &reason)
{
    if (m_player) {
        m_player->stop();
        if (!m_player->take().isEmpty())
            m_player->setTake({}); // lets go of the file, which may be about to be deleted
    }
    ++m_generation;
    m_waveformLoading = false;
    m_path.clear();
    m_position = 0;
    m_missing = false;
    m_slider->clearWaveform();
    m_slider->setMarks({});
    m_slider->setDuration(0);
    m_slider->setPlaceholderText(reason);
    m_slider->setEnabled(false);
    m_playButton->setEnabled(false);
    m_speed->setEnabled(false);
    showStatus({}, false);
    m_time->setText(u"–:–– / –:––"_s);
    updatePlayButton();
}

void TakePlayerWidget::togglePlayback()
{
    if (m_path.isEmpty() || !m_playButton->isEnabled())
        return;
    if (isPlaying()) {
        m_player->pause();
        return;
    }
    showStatus({}, false);
    TakePlayer *takePlayer = player();
    if (takePlayer->take() != m_path)
        takePlayer->setTake(m_path);
    takePlayer->setRate(m_speed->currentData().toDouble());
    const bool fromStart = takePlayer->state() == TakePlayer::State::Stopped;
    if (fromStart && m_position >= m_slider->duration())
        m_position = 0; // played to the end before: start again
    takePlayer->play();
    if (fromStart && m_position > 0)
        takePlayer->seek(m_position); // kept by the player until the media can seek
}

void TakePlayerWidget::pause()
{
    if (isPlaying())
        m_player->pause();
}

void TakePlayerWidget::seekTo(qint64 position)
{
    if (m_path.isEmpty())
        return;
    m_position = std::clamp<qint64>(position, 0, m_slider->duration());
    showPosition(m_position);
    if (m_player && m_player->take() == m_path && m_player->state() != TakePlayer::State::Stopped)
        m_player->seek(m_position);
}

void TakePlayerWidget::seekBy(qint64 delta)
{
    seekTo(m_position + delta);
}

bool TakePlayerWidget::isPlaying() const
{
    return m_player && m_player->state() == TakePlayer::State::Playing;
}

QString TakePlayerWidget::statusText() const
{
    return m_status->text();
}

void TakePlayerWidget::showStatus(const QString &message, bool problem)
{
    m_status->setText(message);
    m_status->setVisible(!message.isEmpty());
    m_statusIsProblem = problem;
    QPalette colours = m_status->palette();
    colours.setColor(QPalette::WindowText, problem ? warningColour(palette()) : palette().color(QPalette::WindowText));
    m_status->setPalette(colours);
}

void TakePlayerWidget::showPosition(qint64 position)
{
    m_slider->setPosition(position);
    m_time->setText(tr("%1 / %2").arg(clock(position), clock(m_slider->duration())));
    if (const QString spoken = m_slider->spokenText(); spoken != m_time->accessibleName())
        m_time->setAccessibleName(spoken); // "Position 1:12 of 4:50", once a second as it plays
    Q_EMIT positionChanged(position);
}

QIcon TakePlayerWidget::playbackIcon(bool pause) const
{
    // Drawn in the button's text colour: the style's media icons are dark on a dark palette.
    const int size = style()->pixelMetric(QStyle::PM_ButtonIconSize, nullptr, m_playButton);
    const qreal ratio = devicePixelRatioF();
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(m_playButton->palette().color(QPalette::ButtonText));
    const QRectF box(size * 0.2, size * 0.15, size * 0.6, size * 0.7);
    if (pause) {
        const qreal bar = box.width() * 0.36;
        painter.drawRect(QRectF(box.left(), box.top(), bar, box.height()));
        painter.drawRect(QRectF(box.right() - bar, box.top(), bar, box.height()));
    } else {
        painter.drawPolygon(QPolygonF({box.topLeft(), QPointF(box.right(), box.center().y()), box.bottomLeft()}));
    }
    painter.end();
    return QIcon(pixmap);
}

void TakePlayerWidget::updatePlayButton()
{
    const bool playing = isPlaying();
    m_playButton->setIcon(playbackIcon(playing));
    const QString text = playing ? tr("Pa&use") : tr("Pla&y");
    m_playButton->setText(m_mnemonics ? text : QString(text).remove(u'&'));
}

void TakePlayerWidget::setMnemonicsEnabled(bool enabled)
{
    m_mnemonics = enabled;
    const QString speed = tr("Sp&eed:");
    m_speedLabel->setText(enabled ? speed : QString(speed).remove(u'&'));
    updatePlayButton();
}

bool TakePlayerWidget::handleKey(QKeyEvent *event)
{
    if ((event->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier)
        return false;
    const int key = event->key();
    if (key != Qt::Key_Space && key != Qt::Key_Left && key != Qt::Key_Right)
        return false;
    if (event->type() == QEvent::ShortcutOverride) {
        // These keys belong to the player while it has the focus, whatever shortcuts the window has.
        event->accept();
        return true;
    }
    if (event->type() != QEvent::KeyPress)
        return key == Qt::Key_Space; // the release of Space must not click the play button as well
    if (key == Qt::Key_Space) {
        if (!event->isAutoRepeat())
            togglePlayback();
    } else {
        seekBy(key == Qt::Key_Left ? -SeekStep : SeekStep);
    }
    event->accept();
    return true;
}

bool TakePlayerWidget::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::KeyPress || event->type() == QEvent::KeyRelease
        || event->type() == QEvent::ShortcutOverride) {
        if (handleKey(static_cast<QKeyEvent *>(event)))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

void TakePlayerWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        showStatus(m_status->text(), m_statusIsProblem);
        updatePlayButton();
    }
}

} // namespace MockLoop
