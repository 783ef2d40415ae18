#include "TranscriptModel.h"

#include "TakeMarks.h"
#include "common/Format.h"

#include <QFont>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

// A word stays the playing one through the short gap after it, not through a long silence.
constexpr qint64 PlayingAfterEndMs = 1000;

QString at(qint64 milliseconds)
{
    return Format::elapsed(std::chrono::milliseconds(milliseconds));
}

// The recogniser's dictionary writes "i" and "i'm"; the transcript reads better with "I".
QString shownWord(const QString &word)
{
    if (word == u"i"_s || word.startsWith(u"i'"_s))
        return u'I' + word.mid(1);
    return word;
}

bool overlaps(const RecognizedWord &word, const QList<EvidenceItem> &items, QString *what = nullptr)
{
    for (const EvidenceItem &item : items) {
        if (word.startMs < item.endMs && word.endMs > item.startMs) {
            if (what)
                *what = item.value.isEmpty() ? item.text : item.value;
            return true;
        }
    }
    return false;
}

} // namespace

TranscriptModel::TranscriptModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void TranscriptModel::setAnalysis(const AnswerAnalysis &analysis)
{
    QList<Item> items;
    items.reserve(analysis.words.size() + 8);
    const QList<TimeRange> pauses = TakeMarks::longPauses(analysis);
    qsizetype nextPause = 0;
    const auto addPausesBefore = [&](qint64 time) {
        for (; nextPause < pauses.size() && pauses.at(nextPause).startMs <= time; ++nextPause) {
            const TimeRange &pause = pauses.at(nextPause);
            const bool beforeFirstWords
                = analysis.silenceBeforeSpeech && pause.startMs == analysis.silenceBeforeSpeech->startMs;
            Item item;
            item.kind = Kind::LongPause;
            item.startMs = pause.startMs;
            item.endMs = pause.endMs;
            item.text = tr("[pause %1 s]").arg(Format::tenthsOfSeconds(std::chrono::milliseconds(pause.durationMs())));
            item.note = beforeFirstWords
                ? tr("%1 s of silence before the first words")
                      .arg(Format::tenthsOfSeconds(std::chrono::milliseconds(pause.durationMs())))
                : tr("A pause of %1 s").arg(Format::tenthsOfSeconds(std::chrono::milliseconds(pause.durationMs())));
            item.spoken
                = tr("pause of %1 seconds, at %2")
                      .arg(Format::tenthsOfSeconds(std::chrono::milliseconds(pause.durationMs())), at(pause.startMs));
            items.append(item);
        }
    };
    for (const RecognizedWord &word : analysis.words) {
        addPausesBefore(word.startMs);
        Item item;
        item.startMs = word.startMs;
        item.endMs = word.endMs;
        const QString confidence
            = tr("heard with %1% confidence").arg(qRound(std::clamp(word.confidence, 0.0, 1.0) * 100));
        QStringList notes;
        QStringList spoken{shownWord(word.text)};
        if (word.likelyFiller) {
            item.kind = Kind::LikelyFiller;
            item.text = tr("(%1)").arg(word.text);
            notes << tr("Likely filler");
            spoken << tr("likely filler");
        } else {
            item.text = shownWord(word.text);
        }
        QString value;
        if (overlaps(word, analysis.numbersHeard, &value)) {
            item.evidence |= NumberHeard;
            notes << tr("Number heard: %1").arg(value);
            spoken << tr("number heard");
        }
        if (overlaps(word, analysis.hedges, &value)) {
            item.evidence |= Hedge;
            notes << tr("Hedge: “%1”").arg(value);
            spoken << tr("hedge");
        }
        if (overlaps(word, analysis.audienceMentions)) {
            item.evidence |= AudienceMention;
            notes << tr("Mentions the people it served");
            spoken << tr("mentions the people it served");
        }
        notes << tr("At %1, %2").arg(at(word.startMs), confidence);
        item.note = notes.join(u'\n');
        item.spoken = spoken.join(u", "_s);
        items.append(item);
    }
    addPausesBefore(std::numeric_limits<qint64>::max());

    beginResetModel();
    m_items = std::move(items);
    m_playingRow = -1;
    endResetModel();
}

void TranscriptModel::clear()
{
    beginResetModel();
    m_items.clear();
    m_playingRow = -1;
    endResetModel();
}

int TranscriptModel::rowAt(qint64 position) const
{
    // The last item begun by position.
    const auto after = std::upper_bound(m_items.cbegin(), m_items.cend(), position,
                                        [](qint64 time, const Item &item) { return time < item.startMs; });
    if (after == m_items.cbegin())
        return -1;
    const auto item = after - 1;
    if (position > item->endMs + PlayingAfterEndMs)
        return -1;
    return int(item - m_items.cbegin());
}

int TranscriptModel::setPlayingPosition(qint64 position)
{
    const int row = rowAt(position);
    if (row == m_playingRow)
        return row;
    const int previous = std::exchange(m_playingRow, row);
    for (const int changed : {previous, row}) {
        if (changed >= 0)
            Q_EMIT dataChanged(index(changed), index(changed), {PlayingRole});
    }
    return row;
}

int TranscriptModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant TranscriptModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return item.text;
    case Qt::ToolTipRole:
        return item.note;
    case Qt::AccessibleTextRole:
        return item.spoken;
    case Qt::FontRole: {
        // Only what is set here changes the view's font.
        if (item.kind == Kind::Word && !(item.evidence & NumberHeard))
            return {};
        QFont font;
        if (item.kind != Kind::Word)
            font.setItalic(true);
        if (item.evidence & NumberHeard)
            font.setUnderline(true);
        return font;
    }
    case KindRole:
        return int(item.kind);
    case StartRole:
        return item.startMs;
    case EndRole:
        return item.endMs;
    case EvidenceRole:
        return item.evidence;
    case PlayingRole:
        return index.row() == m_playingRow;
    default:
        return {};
    }
}

} // namespace MockLoop
