#include "RatingsComparison.h"

#include "LibraryFormat.h"
#include "widgets/CountdownLabel.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace MockLoop {

namespace {

QLabel *cell(const QString &text, QWidget *parent, const QString &objectName = {})
{
    auto *label = new QLabel(text, parent);
    label->setObjectName(objectName);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    return label;
}

void setBold(QWidget *widget, bool bold = true)
{
    QFont font = widget->font();
    font.setBold(bold);
    widget->setFont(font);
}

} // namespace

RatingsComparison::RatingsComparison(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"ratingsTable"_s);
}

QString RatingsComparison::redFlagText(const QString &flagId) const
{
    if (m_loop) {
        for (const RedFlagGroup &group : m_loop->redFlagGroups) {
            for (const RedFlag &flag : group.flags) {
                if (flag.id == flagId)
                    return flag.text;
            }
        }
    }
    return flagId;
}

void RatingsComparison::showRatings(const AnswerDetail &detail, std::shared_ptr<const Loop> loop)
{
    m_detail = detail;
    m_loop = std::move(loop);
    rebuild();
}

void RatingsComparison::rebuild()
{
    // The grid is rebuilt for every answer: the dimensions differ from round to round.
    qDeleteAll(findChildren<QWidget *>(Qt::FindDirectChildrenOnly));
    delete layout();
    m_ratingsGrid = new QGridLayout(this);
    m_ratingsGrid->setContentsMargins(0, 0, 0, 0);
    m_ratingsGrid->setHorizontalSpacing(fontMetrics().averageCharWidth() * 2);

    const std::optional<Rating> &first = m_detail.rightAfter;
    const std::optional<Rating> latest
        = m_detail.afterReplay.isEmpty() ? std::nullopt : std::optional<Rating>(m_detail.afterReplay.last());
    // A coach's rating, brought back from a coach bundle: beside the person's own, never merged.
    const std::optional<Rating> &coach = m_detail.coach;
    const int coachColumn = latest ? 3 : 2;

    // The round's rubric in its order, then any dimension a rating holds that the rubric no longer has.
    struct Dimension
    {
        QString id;
        QString title;
        const RubricDimension *rubric = nullptr;
    };
    QList<Dimension> dimensions;
    const Round *round = m_loop ? m_loop->round(m_detail.row.roundId) : nullptr;
    if (round) {
        for (const RubricDimension *dimension : m_loop->rubricFor(*round))
            dimensions.append({dimension->id, dimension->title, dimension});
    }
    for (const std::optional<Rating> &rating : {first, latest, coach}) {
        if (!rating)
            continue;
        for (auto it = rating->scores.cbegin(); it != rating->scores.cend(); ++it) {
            const bool known = std::any_of(dimensions.cbegin(), dimensions.cend(),
                                           [&it](const Dimension &dimension) { return dimension.id == it.key(); });
            if (!known) {
                const RubricDimension *rubric = m_loop ? m_loop->dimension(it.key()) : nullptr;
                dimensions.append({it.key(), rubric ? rubric->title : it.key(), rubric});
            }
        }
    }

    int row = 0;
    const auto header = [this](const QString &title, const std::optional<Rating> &rating, const QString &name) {
        QString text = title;
        if (rating && rating->ratedAt.isValid())
            text += u'\n' + QLocale().toString(rating->ratedAt.toLocalTime().date(), QLocale::ShortFormat);
        QLabel *label = cell(text, this, name);
        setBold(label);
        label->setAlignment(Qt::AlignCenter);
        return label;
    };
    m_ratingsGrid->addWidget(
        header(first ? tr("Right after") : tr("Right after\n(not rated)"), first, u"rightAfterHeader"_s), row, 1);
    if (latest) {
        const QString title = m_detail.afterReplay.size() > 1
            ? tr("After replay\n(latest of %1)").arg(m_detail.afterReplay.size())
            : tr("After replay");
        m_ratingsGrid->addWidget(header(title, latest, u"afterReplayHeader"_s), row, 2);
    }
    if (coach)
        m_ratingsGrid->addWidget(header(tr("Coach"), coach, u"coachHeader"_s), row, coachColumn);
    ++row;

    for (const Dimension &dimension : std::as_const(dimensions)) {
        QLabel *title = cell(dimension.title, this, u"dimensionTitle_"_s + dimension.id);
        if (dimension.rubric && !dimension.rubric->description.isEmpty())
            title->setToolTip(dimension.rubric->description);
        m_ratingsGrid->addWidget(title, row, 0);
        const auto scoreCell
            = [&](const std::optional<Rating> &rating, const QString &name, const std::optional<int> &compareWith) {
                  const int score = rating ? rating->scores.value(dimension.id, 0) : 0;
                  QString text = score > 0 ? QString::number(score) : u"—"_s;
                  if (score > 0 && compareWith && *compareWith > 0 && score != *compareWith)
                      text += u" (%1%2)"_s.arg(score > *compareWith ? u"+"_s : u"\u2212"_s)
                                  .arg(std::abs(score - *compareWith));
                  QLabel *label = cell(text, this, name + dimension.id);
                  label->setAlignment(Qt::AlignCenter);
                  if (score > 0 && dimension.rubric)
                      label->setToolTip(tr("%1: %2").arg(score).arg(dimension.rubric->anchor(score)));
                  label->setAccessibleName(tr("%1, %2").arg(dimension.title, text));
                  return label;
              };
        const std::optional<int> firstScore = first && first->scores.contains(dimension.id)
            ? std::optional<int>(first->scores.value(dimension.id))
            : std::nullopt;
        m_ratingsGrid->addWidget(scoreCell(first, u"rightAfterScore_"_s, std::nullopt), row, 1);
        if (latest)
            m_ratingsGrid->addWidget(scoreCell(latest, u"afterReplayScore_"_s, firstScore), row, 2);
        if (coach)
            m_ratingsGrid->addWidget(scoreCell(coach, u"coachScore_"_s, std::nullopt), row, coachColumn);
        ++row;
    }

    QLabel *averageTitle = cell(tr("Average"), this);
    setBold(averageTitle);
    m_ratingsGrid->addWidget(averageTitle, row, 0);
    QLabel *firstAverage
        = cell(LibraryFormat::score(first ? first->average() : std::nullopt), this, u"rightAfterAverage"_s);
    setBold(firstAverage);
    firstAverage->setAlignment(Qt::AlignCenter);
    m_ratingsGrid->addWidget(firstAverage, row, 1);
    if (latest) {
        QLabel *latestAverage = cell(LibraryFormat::score(latest->average()), this, u"afterReplayAverage"_s);
        setBold(latestAverage);
        latestAverage->setAlignment(Qt::AlignCenter);
        m_ratingsGrid->addWidget(latestAverage, row, 2);
    }
    if (coach) {
        QLabel *coachAverage = cell(LibraryFormat::score(coach->average()), this, u"coachAverage"_s);
        setBold(coachAverage);
        coachAverage->setAlignment(Qt::AlignCenter);
        m_ratingsGrid->addWidget(coachAverage, row, coachColumn);
    }
    ++row;

    // Red flags, ticked ones by their text.
    const auto flagsCell = [this](const std::optional<Rating> &rating, const QString &name) {
        QStringList lines;
        if (rating) {
            for (const QString &flag : rating->redFlagIds)
                lines << u"⚑ "_s + redFlagText(flag);
        }
        QLabel *label = cell(lines.isEmpty() ? tr("None") : lines.join(u'\n'), this, name);
        if (!lines.isEmpty()) {
            QPalette colours = label->palette();
            colours.setColor(QPalette::WindowText, warningColour(palette()));
            label->setPalette(colours);
        }
        label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        return label;
    };
    QLabel *flagsTitle = cell(tr("Red flags"), this);
    flagsTitle->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_ratingsGrid->addWidget(flagsTitle, row, 0);
    m_ratingsGrid->addWidget(flagsCell(first, u"rightAfterRedFlags"_s), row, 1);
    if (latest)
        m_ratingsGrid->addWidget(flagsCell(latest, u"afterReplayRedFlags"_s), row, 2);
    if (coach)
        m_ratingsGrid->addWidget(flagsCell(coach, u"coachRedFlags"_s), row, coachColumn);
    ++row;

    const bool anyNotes = (first && !first->notes.isEmpty()) || (latest && !latest->notes.isEmpty())
        || (coach && !coach->notes.isEmpty());
    if (anyNotes) {
        QLabel *notesTitle = cell(tr("Rating notes"), this);
        notesTitle->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_ratingsGrid->addWidget(notesTitle, row, 0);
        QLabel *firstNotes = cell(first ? first->notes : QString(), this, u"rightAfterNotes"_s);
        firstNotes->setAlignment(Qt::AlignLeft | Qt::AlignTop);
        m_ratingsGrid->addWidget(firstNotes, row, 1);
        if (latest) {
            QLabel *latestNotes = cell(latest->notes, this, u"afterReplayNotes"_s);
            latestNotes->setAlignment(Qt::AlignLeft | Qt::AlignTop);
            m_ratingsGrid->addWidget(latestNotes, row, 2);
        }
        if (coach) {
            QLabel *coachNotes = cell(coach->notes, this, u"coachNotes"_s);
            coachNotes->setAlignment(Qt::AlignLeft | Qt::AlignTop);
            m_ratingsGrid->addWidget(coachNotes, row, coachColumn);
        }
    }
    m_ratingsGrid->setColumnStretch(0, 3);
    m_ratingsGrid->setColumnStretch(1, 2);
    m_ratingsGrid->setColumnStretch(2, latest || coach ? 2 : 0);
    m_ratingsGrid->setColumnStretch(3, latest && coach ? 2 : 0);
}

void RatingsComparison::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_detail.row.id > 0)
        rebuild(); // the red flags take the new warning colour
}

} // namespace MockLoop
