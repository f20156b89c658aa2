#pragma once

#include "core/run/LessonRunner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>
#include <cstdio>

namespace locklab {

// Shows what a LessonRunner is doing on stderr. On a terminal: one line
// redrawn in place (\r) with a progress bar, the rows done, what runs and
// the time since the step started. Otherwise (a log, a CI job): plain lines,
// at most two a second, plus one when a phase starts.
class ProgressReporter : public QObject
{
    Q_OBJECT
public:
    explicit ProgressReporter(LessonRunner* runner, std::FILE* stream = stderr, QObject* parent = nullptr);

    static bool streamIsTerminal(std::FILE* stream);
    void setTerminal(bool terminal) { m_terminal = terminal; }

    // Starts a step: "[3/5] not-null: Migrate to 0003 ...".
    void beginStep(const QString& heading);
    // Ends the live line; prints `line` (e.g. "done in 2.1 s") when not empty.
    void endStep(const QString& line);
    // A message of its own (seeding first, server start), never lost in the bar.
    void note(const QString& line);

private:
    void onPhase(LessonRunner::Phase phase);
    void onProgress(qint64 done, qint64 total, const QString& what);
    void onStatement(const QString& sql);
    void redraw();
    QString statusLine() const;
    void writeLine(const QString& line);
    void clearLive();

    std::FILE* m_stream;
    bool m_terminal = false;
    bool m_active = false;
    bool m_liveShown = false;
    QString m_phase;
    QString m_what;
    qint64 m_done = 0;
    qint64 m_total = 0;
    QString m_lastLine;
    QElapsedTimer m_stepClock;
    QElapsedTimer m_lineClock;
    QTimer m_redraw;
};

} // namespace locklab
