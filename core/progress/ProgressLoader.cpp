#include "ProgressLoader.h"

#include "library/PracticeLibrary.h"
#include "loops/Loop.h"

namespace MockLoop {

QFuture<ProgressData> loadProgress(PracticeLibrary &library, std::shared_ptr<const Loop> loop, ProgressFilter filter,
                                   QDateTime now, QDate interviewDate)
{
    return library.run(
        [loop = std::move(loop), filter = std::move(filter), now = std::move(now), interviewDate](LibraryStore *store) {
            Progress::Input input;
            input.loop = loop;
            input.filter = filter;
            input.now = now;
            input.interviewDate = interviewDate;
            if (store && loop) {
                input.facts = store->answerFacts(filter.loopId, filter.levelId, Progress::dimensionIdsOf(*loop),
                                                 Progress::redFlagIdsOf(*loop));
                input.questionStats = store->questionStats(filter.loopId);
                input.storyPractice = store->storyPractice();
            } else if (loop) {
                input.facts.dimensionIds = Progress::dimensionIdsOf(*loop);
                input.facts.redFlagIds = Progress::redFlagIdsOf(*loop);
            }
            return Progress::compute(input);
        });
}

QFuture<Progress::DueSummary> loadDueSummary(PracticeLibrary &library, std::shared_ptr<const Loop> loop, QDateTime now)
{
    return library.run([loop = std::move(loop), now = std::move(now)](LibraryStore *store) {
        if (!loop)
            return Progress::DueSummary();
        return Progress::dueSummary(*loop, store ? store->questionStats(loop->id) : QHash<QString, QuestionStats>(),
                                    now);
    });
}

} // namespace MockLoop
