#include "app/StepProgress.h"

#include "core/lesson/CountParser.h"

#include <QLabel>
#include <QProgressBar>

namespace locklab {

StepProgress::StepProgress(QProgressBar* bar, QLabel* label, QObject* parent)
    : QObject(parent)
    , m_bar(bar)
    , m_label(label)
{
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_tick.setInterval(100);
    connect(&m_tick, &QTimer::timeout, this, &StepProgress::tick);
}

QString StepProgress::firstLine(const QString& sql)
{
    const QString line = sql.trimmed().section('\n', 0, 0);
    return line.size() > 90 ? line.left(87) + "..." : line;
}

QString StepProgress::duration(double ms)
{
    return ms >= 1000 ? QString::number(ms / 1000.0, 'f', 2) + " s" : QString::number(ms, 'f', 1) + " ms";
}

void StepProgress::begin()
{
    m_progressTimer.start();
    m_statement.clear();
}

void StepProgress::reset()
{
    if (m_phase != LessonRunner::Phase::Idle)
        return;
    m_label->clear();
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
}

void StepProgress::setPhase(LessonRunner::Phase phase)
{
    m_phase = phase;
    switch (phase) {
    case LessonRunner::Phase::Idle:
        m_tick.stop();
        break;
    case LessonRunner::Phase::Before:
        m_bar->setRange(0, 0);
        m_label->setText(tr("Probing reads before the step ..."));
        m_tick.start();
        break;
    case LessonRunner::Phase::Running:
        m_bar->setRange(0, 0);
        m_label->setText(tr("Running ..."));
        m_tick.start();
        break;
    case LessonRunner::Phase::After:
        m_statement.clear();
        m_bar->setRange(0, 1);
        m_bar->setValue(1);
        m_label->setText(tr("Step done; probing reads a little longer ..."));
        break;
    }
}

void StepProgress::progress(qint64 done, qint64 total, const QString& what)
{
    if (total <= 0) {
        m_bar->setRange(0, 0);
        m_label->setText(what);
        m_progressTimer.restart();
        return;
    }
    // QProgressBar takes ints: per-mille keeps 50M rows in range.
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(1000.0 * double(done) / double(total)));
    QString eta;
    const double elapsed = double(m_progressTimer.elapsed());
    if (done > 0 && done < total && elapsed > 500) {
        const double remainingSeconds = elapsed * double(total - done) / double(done) / 1000.0;
        eta = remainingSeconds < 1 ? tr(", under 1 s left") : tr(", about %1 s left").arg(qRound(remainingSeconds));
    }
    m_label->setText(tr("%1: %2 / %3 rows%4").arg(what, CountParser::format(done), CountParser::format(total), eta));
}

void StepProgress::statementStarted(const QString& sql)
{
    m_statement = firstLine(sql);
    m_statementTimer.start();
    tick();
}

void StepProgress::tick()
{
    // Only when no row counts are shown: those say more than a timer.
    if (m_phase != LessonRunner::Phase::Running || m_statement.isEmpty() || m_bar->maximum() != 0)
        return;
    m_label->setText(tr("%1  (%2 s)").arg(m_statement).arg(m_statementTimer.elapsed() / 1000.0, 0, 'f', 1));
}

void StepProgress::cancelling()
{
    m_label->setText(tr("Cancelling ..."));
}

void StepProgress::finished(const StepOutcome& outcome, bool expected)
{
    m_tick.stop();
    m_statement.clear();
    m_bar->setRange(0, 1);
    m_bar->setValue(outcome.succeeded || expected ? 1 : 0);
    m_label->setText(outcome.succeeded       ? tr("Done in %1").arg(duration(outcome.endMs - outcome.startMs))
                         : expected          ? tr("Failed, as the lesson expects")
                         : outcome.cancelled ? tr("Cancelled")
                                             : tr("Failed"));
}

} // namespace locklab
