#include "TranscriptView.h"

#include "TranscriptModel.h"
#include "widgets/WaveformSlider.h"

#include <QApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

constexpr int VisibleLines = 5;

bool plainKey(const QKeyEvent *event)
{
    return (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier;
}

// A word as a piece of text with a little room around it. Fillers in the fillers' colour (and in
// brackets and italics, by the model), long pauses dimmed, the playing word in a tinted box with a
// bar under it, hedges with a dashed line under them.
class WordDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        const QFontMetrics metrics(item.font);
        return {metrics.horizontalAdvance(item.text) + padding(metrics) * 2, metrics.height() + 6};
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem item = option;
        initStyleOption(&item, index);
        const QString text = item.text;
        const QFontMetrics metrics(item.font);
        const bool selected = item.state & QStyle::State_Selected;
        const QPalette &colours = item.palette;

        // The selection and focus as the style draws them, without the text.
        item.text.clear();
        const QWidget *widget = item.widget;
        QStyle *style = widget ? widget->style() : QApplication::style();
        style->drawControl(QStyle::CE_ItemViewItem, &item, painter, widget);

        painter->save();
        painter->setRenderHint(QPainter::Antialiasing);
        const QRectF box = QRectF(item.rect).adjusted(0.5, 1.5, -0.5, -1.5);
        if (index.data(TranscriptModel::PlayingRole).toBool()) {
            QColor tint = colours.color(QPalette::Highlight);
            tint.setAlpha(selected ? 0 : 60);
            painter->setPen(QPen(colours.color(QPalette::Highlight), 1));
            painter->setBrush(tint);
            painter->drawRoundedRect(box, 3, 3);
            painter->fillRect(QRectF(box.left() + 2, box.bottom() - 2, box.width() - 4, 2),
                              colours.color(QPalette::Highlight));
        }
        const auto kind = TranscriptModel::Kind(index.data(TranscriptModel::KindRole).toInt());
        QColor ink = colours.color(selected ? QPalette::HighlightedText : QPalette::Text);
        if (!selected && kind == TranscriptModel::Kind::LikelyFiller)
            ink = likelyFillerColour(colours);
        else if (!selected && kind == TranscriptModel::Kind::LongPause)
            ink = colours.color(QPalette::PlaceholderText);
        painter->setPen(ink);
        painter->setFont(item.font);
        const QRectF textBox = box.adjusted(padding(metrics) - 0.5, 0, -padding(metrics) + 0.5, 0);
        painter->drawText(textBox, Qt::AlignCenter, text);
        if (index.data(TranscriptModel::EvidenceRole).toInt() & TranscriptModel::Hedge) {
            QPen dashed(ink, 1, Qt::DashLine);
            painter->setPen(dashed);
            const qreal y = textBox.center().y() + metrics.ascent() / 2.0 + metrics.descent();
            painter->drawLine(QPointF(textBox.left(), y), QPointF(textBox.right(), y));
        }
        painter->restore();
    }

private:
    static int padding(const QFontMetrics &metrics) { return std::max(2, metrics.averageCharWidth() / 3); }
};

} // namespace

TranscriptWordsView::TranscriptWordsView(QWidget *parent)
    : QListView(parent)
{
    setViewMode(QListView::ListMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(false);
    setLayoutMode(QListView::Batched);
    setBatchSize(2000);
    setSpacing(0);
    setWordWrap(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setTabKeyNavigation(false);
    setItemDelegate(new WordDelegate(this));
    connect(this, &QAbstractItemView::clicked, this, &TranscriptWordsView::wordChosen);
}

void TranscriptWordsView::keyPressEvent(QKeyEvent *event)
{
    if (plainKey(event)) {
        switch (event->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (currentIndex().isValid())
                Q_EMIT wordChosen(currentIndex());
            event->accept();
            return;
        case Qt::Key_Space:
            if (!event->isAutoRepeat())
                Q_EMIT playPauseRequested();
            event->accept();
            return;
        default:
            break;
        }
    }
    QListView::keyPressEvent(event);
}

void TranscriptWordsView::focusInEvent(QFocusEvent *event)
{
    // Coming in with the keyboard, the person starts at the word being played (or the first).
    const auto *words = qobject_cast<const TranscriptModel *>(model());
    if (!currentIndex().isValid() && words && words->rowCount() > 0) {
        const int playing = std::max(words->playingRow(), 0);
        selectionModel()->setCurrentIndex(words->index(playing), QItemSelectionModel::ClearAndSelect);
    }
    QListView::focusInEvent(event);
}

bool TranscriptWordsView::event(QEvent *event)
{
    // Enter and Space belong to the transcript while it has the focus, whatever shortcuts the
    // window has for them.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (plainKey(key)
            && (key->key() == Qt::Key_Space || key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            event->accept();
            return true;
        }
    }
    return QListView::event(event);
}

TranscriptView::TranscriptView(QWidget *parent)
    : QGroupBox(tr("Approximate transcript"), parent)
    , m_model(new TranscriptModel(this))
    , m_status(new QLabel(this))
    , m_words(new TranscriptWordsView(this))
    , m_legend(new QLabel(this))
{
    setObjectName(u"transcript"_s);
    m_status->setObjectName(u"analysisStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_words->setObjectName(u"transcriptWords"_s);
    m_words->setModel(m_model);
    m_words->setAccessibleName(tr("Approximate transcript"));
    m_words->setAccessibleDescription(
        tr("Arrow keys move from word to word; Enter plays the take from the word; Space plays or pauses."));
    m_words->setToolTip(tr("Click a word, or press Enter on it, to play the take from there"));
    const int line = m_words->fontMetrics().height() + 6;
    m_words->setFixedHeight(line * VisibleLines + m_words->frameWidth() * 2);
    m_legend->setObjectName(u"transcriptLegend"_s);
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::PlainText);
    m_legend->setForegroundRole(QPalette::PlaceholderText);
    m_legend->setText(tr("Recognised automatically: some words are wrong. (um): a likely filler · [pause]: over "
                         "2 s · underlined: a number · dashed: a hedge"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_words);
    layout->addWidget(m_legend);

    connect(m_words, &TranscriptWordsView::wordChosen, this, [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT seekRequested(index.data(TranscriptModel::StartRole).toLongLong());
    });
    connect(m_words, &TranscriptWordsView::playPauseRequested, this, &TranscriptView::playPauseRequested);
    showAnalysis({});
}

QString TranscriptView::statusOf(const TakeAnalysis &analysis)
{
    QString status;
    switch (analysis.state) {
    case TakeAnalysis::State::NoRecording:
        status = tr("This answer has no recording, so there is no transcript.");
        break;
    case TakeAnalysis::State::NotAnalysed:
        status = tr("Not analysed yet.");
        break;
    case TakeAnalysis::State::Analysing:
        status = analysis.message.isEmpty() ? tr("Analysing…") : tr("Analysing… %1").arg(analysis.message);
        break;
    case TakeAnalysis::State::Off:
        status = tr("Not analysed: speech analysis is turned off in Settings.");
        break;
    case TakeAnalysis::State::Failed:
        status = tr("This take could not be analysed. %1").arg(analysis.message);
        break;
    case TakeAnalysis::State::Analysed:
        if (!analysis.result || !analysis.result->speechFound)
            status = tr("No speech was found in this take.");
        else if (analysis.result->words.isEmpty())
            status = tr("Speech was found, but no words were recognised in it.");
        break;
    }
    return status;
}

void TranscriptView::showAnalysis(const TakeAnalysis &analysis)
{
    const QString status = statusOf(analysis);
    const bool hasWords = status.isEmpty();
    if (!hasWords) {
        m_model->clear();
        m_shown.reset();
    } else if (m_shown != analysis.result) {
        // The same answer shown again (its notes saved, say) keeps the word the person is on.
        m_model->setAnalysis(*analysis.result);
        m_shown = analysis.result;
    }
    m_status->setText(status);
    m_status->setVisible(!hasWords);
    m_words->setVisible(hasWords);
    m_legend->setVisible(hasWords);
}

void TranscriptView::setPosition(qint64 position, bool follow)
{
    const int previous = m_model->playingRow();
    const int row = m_model->setPlayingPosition(position);
    // Brought into view as it changes, not on every tick: the person can scroll to read on.
    if (follow && row >= 0 && row != previous)
        m_words->scrollTo(m_model->index(row), QAbstractItemView::EnsureVisible);
}

QString TranscriptView::statusText() const
{
    return m_status->text();
}

} // namespace MockLoop
