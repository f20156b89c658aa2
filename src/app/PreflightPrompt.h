#pragma once

#include "core/observe/PreflightCheck.h"

#include <QObject>
#include <QPointer>

class QMessageBox;
class QWidget;

namespace locklab {

class LessonRunner;

// Shows the pre-flight warning (long-open transactions in the sandbox
// database) before a step's statements run, with Run anyway / Cancel. The
// runner waits for the answer without blocking anything: the box is opened
// window-modal with open(), not exec(), and the answer is passed on with
// LessonRunner::continueAfterPreflight() or cancel().
class PreflightPrompt : public QObject
{
    Q_OBJECT
public:
    PreflightPrompt(LessonRunner* runner, QWidget* window);

    static QString text(const PreflightReport& report);

private:
    void ask(const PreflightReport& report);

    LessonRunner* m_runner;
    QWidget* m_window;
    QPointer<QMessageBox> m_box;
};

} // namespace locklab
