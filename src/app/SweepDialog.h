#pragma once

#include "core/lesson/Lesson.h"
#include "core/run/RunRecord.h"
#include "core/server/ConnectionSettings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace locklab {

class LessonRunner;
class SweepChart;
class SweepRunner;

// Sweep: one step at several table sizes (default 10k, 100k, 1M), each
// freshly seeded, vacuumed and analyzed, with one progress bar and Cancel;
// the log-log plot of reads blocked and the ACCESS EXCLUSIVE hold against
// rows with the fitted slope in words, the safe path on the same axes when
// ticked, and "What about my table?" (an extrapolation with its range and
// caveat). Opened from a session file it plots the recorded sweep only.
class SweepDialog : public QDialog
{
    Q_OBJECT
public:
    // Live: runs sweeps through `runner` (which must be idle).
    SweepDialog(LessonRunner* runner, const LessonLibrary& library, const ConnectionSettings& sandbox,
                QWidget* parent = nullptr);
    // From recorded runs (a session file): plot and estimate, nothing to run.
    explicit SweepDialog(const QList<RunRecord>& runs, QWidget* parent = nullptr);

    bool startSweep(QString* error); // with the values in the form
    void cancelSweep();
    void setRowsText(const QString& text);
    void setSafePath(bool on);
    void setEstimateText(const QString& text);
    bool isRunning() const;

    const QList<RunRecord>& runs() const { return m_runs; }
    SweepChart* chart() const { return m_chart; }
    QString findingsText() const;
    QString estimateText() const;
    bool exportTo(const QString& path, QString* error);

signals:
    void sweepFinished(const QList<locklab::RunRecord>& runs);

protected:
    void reject() override;

private:
    void build(bool live);
    void setRuns(const QList<RunRecord>& runs);
    void updateEstimate();
    void exportWithDialog();
    qint64 estimateRows() const;

    LessonRunner* m_runner = nullptr;
    LessonLibrary m_library;
    ConnectionSettings m_sandbox;
    SweepRunner* m_sweep = nullptr;
    QList<RunRecord> m_runs;

    QComboBox* m_step = nullptr;
    QLineEdit* m_rows = nullptr;
    QCheckBox* m_safe = nullptr;
    QPushButton* m_start = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    SweepChart* m_chart = nullptr;
    QLabel* m_findings = nullptr;
    QLineEdit* m_estimateRows = nullptr;
    QLabel* m_estimate = nullptr;
};

} // namespace locklab
