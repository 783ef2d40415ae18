#pragma once

#include <QTableView>

namespace MockLoop {

class AnswerSortProxy;
class AnswerTableModel;

// The library's table of answers: sorted by any column, dates without seconds, a microphone for
// a recording, red flags in the warning colour, column widths from the font, and a header menu to
// show or hide columns. The loop column shows by default only when there are several loops.
class AnswerTableView : public QTableView
{
    Q_OBJECT

public:
    AnswerTableView(AnswerTableModel *model, QWidget *parent = nullptr);

    AnswerSortProxy *proxy() const { return m_proxy; }
    // Shows the loop column when answers may come from several loops, unless the person chose.
    void setSeveralLoops(bool several);

private:
    AnswerSortProxy *m_proxy;
    bool m_loopColumnChosen = false; // the person showed or hid it
};

} // namespace MockLoop
