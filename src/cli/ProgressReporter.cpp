#include "cli/ProgressReporter.h"

#include "core/lesson/CountParser.h"

#include <sys/ioctl.h>
#include <unistd.h>

namespace locklab {

namespace {
constexpr int kTerminalRedrawMs = 100;
constexpr int kLineIntervalMs = 500; // plain lines: at most two a second
constexpr int kBarWidth = 24;

QString firstLine(const QString& sql)
{
    const QString line = sql.trimmed().section('\n', 0, 0).simplified();
    return line.size() > 60 ? line.left(57) + "..." : line;
}
} // namespace

ProgressReporter::ProgressReporter(LessonRunner* runner, std::FILE* stream, QObject* parent)
    : QObject(parent)
    , m_stream(stream)
    , m_terminal(streamIsTerminal(stream))
{
    connect(runner, &LessonRunner::phaseChanged, this, &ProgressReporter::onPhase);
    connect(runner, &LessonRunner::progress, this, &ProgressReporter::onProgress);
    connect(runner, &LessonRunner::statementStarted, this, [this](const QString& sql) { onStatement(sql); });
    connect(&m_redraw, &QTimer::timeout, this, &ProgressReporter::redraw);
}

bool ProgressReporter::streamIsTerminal(std::FILE* stream)
{
    return ::isatty(::fileno(stream)) == 1;
}

void ProgressReporter::beginStep(const QString& heading)
{
    clearLive();
    writeLine(heading);
    m_active = true;
    m_phase.clear();
    m_what.clear();
    m_done = m_total = 0;
    m_lastLine.clear();
    m_stepClock.start();
    m_lineClock.invalidate();
    m_redraw.start(m_terminal ? kTerminalRedrawMs : kLineIntervalMs);
}

void ProgressReporter::endStep(const QString& line)
{
    m_redraw.stop();
    m_active = false;
    clearLive();
    if (!line.isEmpty())
        writeLine(line);
}

void ProgressReporter::note(const QString& line)
{
    clearLive();
    writeLine(line);
    if (m_active)
        redraw();
}

void ProgressReporter::onPhase(LessonRunner::Phase phase)
{
    switch (phase) {
    case LessonRunner::Phase::Idle:
        return;
    case LessonRunner::Phase::Before:
        m_phase = "probing reads before the step";
        break;
    case LessonRunner::Phase::Running:
        m_phase = "running";
        break;
    case LessonRunner::Phase::After:
        m_phase = "step done, probing reads a little longer";
        m_what.clear();
        m_total = 0;
        break;
    }
    m_lineClock.invalidate(); // a new phase is always worth a line
    redraw();
}

void ProgressReporter::onProgress(qint64 done, qint64 total, const QString& what)
{
    m_done = done;
    m_total = total;
    if (!what.isEmpty())
        m_what = what;
}

void ProgressReporter::onStatement(const QString& sql)
{
    m_what = firstLine(sql);
    m_total = 0;
}

QString ProgressReporter::statusLine() const
{
    const QString elapsed = QString::number(double(m_stepClock.elapsed()) / 1000.0, 'f', 1) + " s";
    QString line;
    if (m_total > 0) {
        const double fraction = qBound(0.0, double(m_done) / double(m_total), 1.0);
        const int filled = int(fraction * kBarWidth);
        line = QString("[%1%2] %3% %4 / %5 rows  ")
                   .arg(QString(filled, '#'), QString(kBarWidth - filled, '.'))
                   .arg(int(fraction * 100), 3)
                   .arg(CountParser::format(m_done), CountParser::format(m_total));
    }
    line += m_what.isEmpty() ? m_phase : m_phase + ": " + m_what;
    return "  " + line + "  " + elapsed;
}

void ProgressReporter::redraw()
{
    if (!m_active || m_phase.isEmpty())
        return;
    const QString line = statusLine();
    if (m_terminal) {
        // One screen line, or \r cannot go back to its start.
        winsize size {};
        const int columns = ::ioctl(::fileno(m_stream), TIOCGWINSZ, &size) == 0 && size.ws_col > 10 ? size.ws_col : 80;
        const QString shown = line.size() < columns ? line : line.left(columns - 4) + "...";
        std::fprintf(m_stream, "\r\033[K%s", qPrintable(shown));
        std::fflush(m_stream);
        m_liveShown = true;
        return;
    }
    // Plain lines: only when something other than the clock changed, at most
    // two a second; a long statement still shows a sign of life every 5 s.
    const QString withoutClock = line.section("  ", 0, -2);
    const bool changed = withoutClock != m_lastLine;
    if (m_lineClock.isValid()
        && (m_lineClock.elapsed() < kLineIntervalMs || (!changed && m_lineClock.elapsed() < 5000)))
        return;
    m_lastLine = withoutClock;
    m_lineClock.start();
    writeLine(line);
}

void ProgressReporter::clearLive()
{
    if (m_terminal && m_liveShown) {
        std::fprintf(m_stream, "\r\033[K");
        std::fflush(m_stream);
    }
    m_liveShown = false;
}

void ProgressReporter::writeLine(const QString& line)
{
    std::fprintf(m_stream, "%s\n", qPrintable(line));
    std::fflush(m_stream);
}

} // namespace locklab
