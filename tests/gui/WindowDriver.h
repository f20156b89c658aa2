#pragma once

#include "app/MainWindow.h"
#include "core/run/LessonRunner.h"

#include <QDir>
#include <QPushButton>
#include <QTest>

// Driving the main window as a user does, for the GUI tests.
namespace locklab::test {

// Selects step `step` of lesson `lesson`, clicks Run and waits until the
// runner has started and finished the step. False when Run was disabled, the
// step did not start within 5 s or did not end within `timeoutMs`.
inline bool clickRunAndWait(MainWindow& window, int lesson, int step, int timeoutMs = 120000)
{
    window.selectStep(lesson, step);
    auto* run = window.findChild<QPushButton*>("runButton");
    if (!run || !run->isEnabled())
        return false;
    QTest::mouseClick(run, Qt::LeftButton);
    return QTest::qWaitFor([&]() { return window.runner()->isBusy(); }, 5000)
        && QTest::qWaitFor([&]() { return !window.runner()->isBusy(); }, timeoutMs);
}

// `widget` as `name`.png in LOCKLAB_SCREENSHOT_DIR, when that is set.
inline void saveScreenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(QDir(dir).filePath(name + ".png"));
}

} // namespace locklab::test
