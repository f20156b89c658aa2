#pragma once

#include "core/run/LessonRunner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

class QLabel;
class QProgressBar;

namespace locklab {

// Drives the progress bar and the line beside it while a step runs: rows
// done / total with an ETA for long steps, otherwise the statement in flight
// and how long it has been running (so a blocked ALTER visibly counts up).
class StepProgress : public QObject
{
    Q_OBJECT
public:
    StepProgress(QProgressBar* bar, QLabel* label, QObject* parent = nullptr);

    void begin();
    void setPhase(LessonRunner::Phase phase);
    void progress(qint64 done, qint64 total, const QString& what);
    void statementStarted(const QString& sql);
    void cancelling();
    // `expected`: the step failed with the error its lesson means it to (a concurrent build cut short).
    void finished(const StepOutcome& outcome, bool expected = false);
    // Another step was selected: the last step's "Done in ..." no longer applies.
    void reset();

    static QString firstLine(const QString& sql);
    static QString duration(double ms);

private:
    void tick();

    QProgressBar* m_bar;
    QLabel* m_label;
    LessonRunner::Phase m_phase = LessonRunner::Phase::Idle;
    QString m_statement;
    QElapsedTimer m_statementTimer;
    QElapsedTimer m_progressTimer;
    QTimer m_tick;
};

} // namespace locklab
