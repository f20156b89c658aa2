#pragma once

#include "core/lesson/StepTeaching.h"

#include <QWidget>

class QLabel;
class QTextBrowser;
class QToolButton;

namespace locklab {

// A step's version notes: those that hold for the connected server first,
// the ones for other PostgreSQL versions one click away.
class VersionNotesView : public QWidget
{
    Q_OBJECT
public:
    explicit VersionNotesView(QWidget* parent = nullptr);

    // `major` 0: not connected (every note is "other versions").
    void setNotes(const QList<VersionNote>& notes, int major);
    QString currentText() const;
    QString otherText() const;
    bool othersShown() const;
    void showOthers(bool show);

private:
    QLabel* m_heading = nullptr;
    QTextBrowser* m_current = nullptr;
    QToolButton* m_toggle = nullptr;
    QTextBrowser* m_others = nullptr;
};

} // namespace locklab
