#include "core/run/Verdict.h"

#include "core/observe/LockModes.h"
#include "core/run/ProbeCoverage.h"
#include "core/run/RunStatistics.h"
#include "core/run/RunSummary.h"

#include <QHash>
#include <QRegularExpression>
#include <QStringList>
#include <algorithm>
#include <cmath>

namespace locklab {

namespace {

// The lock monitor polls a few times a second and an interval runs from the
// first to the last poll that saw the lock, so its ends can be off by about
// one poll plus scheduling slack. Used only to decide whether a lock interval
// lines up with statement boundaries, never to change a number.
constexpr double kPollSlackMs = 250;

const QString kMigrationHolder = QStringLiteral("migration");
const QString kAccessExclusive = QStringLiteral("AccessExclusiveLock");

// The words for one probe series: reads or writes.
struct Noun
{
    QString plural; // "Reads"
    QString singular; // "read"
};

Noun nounFor(ProbeKind kind)
{
    return kind == ProbeKind::Write ? Noun { QStringLiteral("Writes"), QStringLiteral("write") }
                                    : Noun { QStringLiteral("Reads"), QStringLiteral("read") };
}

// "0.0" rather than "-0.0" for tiny negative values (clock jitter).
QString fixed(double value, int decimals)
{
    QString text = QString::number(value, 'f', decimals);
    if (text.startsWith('-') && QString::number(-value, 'f', decimals).toDouble() == 0)
        text.remove(0, 1);
    return text;
}

QString count(qsizetype n, const char* one, const char* many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

// The first one or two keywords of a statement, upper-cased, after leading
// whitespace and comments: "ALTER TABLE", "UPDATE LARGE_USER", "COMMIT".
QString leadingKeywords(const QString& sql)
{
    static const QRegularExpression lead(
        QStringLiteral(R"(^(?:\s+|--[^\n]*(?:\n|$)|/\*.*?\*/)*([A-Za-z]+)(?:\s+([A-Za-z]+))?)"),
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = lead.match(sql);
    if (!m.hasMatch())
        return QString();
    return (m.captured(1) + ' ' + m.captured(2)).trimmed().toUpper();
}

bool startsWith(const StatementTiming& statement, const QString& keywords)
{
    const QString lead = leadingKeywords(statement.sql);
    return lead == keywords || lead.startsWith(keywords + ' ');
}

// Batches of one batched statement differ only in their key bounds (or
// carry the :first/:last placeholders), so they share this shape.
QString statementShape(const QString& sql)
{
    static const QRegularExpression literals(QStringLiteral(R"((?<![\w.])\d+(?:\.\d+)?|:[A-Za-z_]\w*)"));
    QString shape = sql.toLower();
    shape.replace(literals, QStringLiteral("#"));
    return shape.simplified();
}

// Statements show a batched backfill when one UPDATE shape ran more than once.
bool showsBatchedBackfill(const RunRecord& record)
{
    QHash<QString, int> seen;
    for (const StatementTiming& statement : record.statements) {
        if (!startsWith(statement, QStringLiteral("UPDATE")))
            continue;
        if (statement.batches > 1 || ++seen[statementShape(statement.sql)] >= 2)
            return true;
    }
    return false;
}

bool showsExplicitTransaction(const RunRecord& record)
{
    for (const StatementTiming& statement : record.statements) {
        if (startsWith(statement, QStringLiteral("BEGIN")) || startsWith(statement, QStringLiteral("START TRANSACTION"))
            || startsWith(statement, QStringLiteral("ROLLBACK")) || startsWith(statement, QStringLiteral("ABORT")))
            return true;
    }
    return false;
}

// True when the lock appeared within about one poll of the first ALTER TABLE
// starting and disappeared within about one poll of the successful end of
// the migration, i.e. the lock was held from that statement to COMMIT.
bool spansFirstAlterToCommit(const RunRecord& record, const LockInterval& lock)
{
    if (!record.succeeded || record.migrationEndMs <= record.migrationStartMs)
        return false;
    for (const StatementTiming& statement : record.statements) {
        if (!startsWith(statement, QStringLiteral("ALTER TABLE")))
            continue;
        return std::abs(lock.fromMs - statement.startMs) <= kPollSlackMs
            && std::abs(lock.toMs - record.migrationEndMs) <= kPollSlackMs;
    }
    return false;
}

// Transactions LockLab retried because their lock_timeout ran out: how many
// tries, and when the lock came. Statements carry their try number; a block
// of tries starts at try 1 after anything that is not try 1, or after a COMMIT.
QString retrySentence(const RunRecord& record)
{
    struct Block
    {
        double startMs = 0;
        int tries = 0;
        int timeouts = 0;
        bool committed = false;
        double grantedMs = -1; // end of the first statement after SET LOCAL in the last try
    };
    QList<Block> blocks;
    const StatementTiming* previous = nullptr;
    for (const StatementTiming& statement : record.statements) {
        if (statement.attempt <= 0) {
            previous = &statement;
            continue;
        }
        const bool startsBlock = statement.attempt == 1
            && (!previous || previous->attempt != 1 || startsWith(*previous, QStringLiteral("COMMIT")));
        if (startsBlock || blocks.isEmpty()) {
            Block block;
            block.startMs = statement.startMs;
            blocks.append(block);
        }
        Block& block = blocks.last();
        if (statement.attempt > block.tries) {
            block.tries = statement.attempt;
            block.grantedMs = -1;
        }
        if (statement.lockTimedOut())
            ++block.timeouts;
        if (startsWith(statement, QStringLiteral("COMMIT")) && statement.error.isEmpty())
            block.committed = true;
        if (block.grantedMs < 0 && statement.error.isEmpty() && !startsWith(statement, QStringLiteral("BEGIN"))
            && !startsWith(statement, QStringLiteral("SET")))
            block.grantedMs = statement.endMs;
        previous = &statement;
    }
    QStringList parts;
    for (const Block& block : std::as_const(blocks)) {
        if (block.timeouts == 0)
            continue;
        if (block.committed) {
            parts << QStringLiteral("granted on try %1, %2 after the first try began")
                         .arg(block.tries)
                         .arg(Verdict::formatDuration(block.grantedMs - block.startMs));
        } else {
            parts << QStringLiteral("not granted in %1").arg(count(block.tries, "try", "tries"));
        }
    }
    if (parts.isEmpty())
        return QString();
    int timeouts = 0;
    for (const Block& block : std::as_const(blocks))
        timeouts += block.timeouts;
    return QStringLiteral("The migration's lock_timeout ran out %1, each time rolling its transaction back to try "
                          "again: %2.")
        .arg(count(timeouts, "time", "times"), parts.join(QStringLiteral("; ")));
}

QString statusSentence(const RunSummary& summary)
{
    const RunRecord& record = summary.record();
    if (record.cancelled) {
        const double duration = summary.migrationWindow().durationMs();
        QString text = QStringLiteral("The step was cancelled");
        if (duration > 0)
            text += QStringLiteral(" after ") + Verdict::formatDuration(duration);
        if (showsExplicitTransaction(record))
            text += QStringLiteral("; the transaction was rolled back");
        else if (showsBatchedBackfill(record))
            text += QStringLiteral("; batches committed before the cancel stay committed");
        return text + '.';
    }
    if (record.succeeded)
        return QString();
    if (record.error.trimmed().isEmpty())
        return QStringLiteral("The step did not finish.");
    QString text = (record.failedAsExpected ? QStringLiteral("The step failed, as the lesson expects: ")
                                            : QStringLiteral("The step failed: "))
        + record.error.simplified();
    if (!text.endsWith('.') && !text.endsWith('!') && !text.endsWith('?'))
        text += '.';
    return text;
}

QString lockSentence(const RunRecord& record, const RunStatistics& stats)
{
    if (const auto lock = stats.longestLock(QString(), kAccessExclusive, kMigrationHolder)) {
        QString text = QStringLiteral("The migration held %1 on %2 for %3")
                           .arg(LockModes::displayName(lock->mode), lock->relation,
                                Verdict::formatDuration(lock->durationMs()));
        if (spansFirstAlterToCommit(record, *lock))
            text += QStringLiteral(", from its first ALTER TABLE to COMMIT");
        return text + '.';
    }
    // No exclusive lock granted to the migration: it may have queued for one
    // (behind a long transaction), and reads queued behind it.
    const LockInterval* waited = nullptr;
    for (const LockInterval& lock : record.locks) {
        if (!lock.granted && lock.holder == kMigrationHolder && (!waited || lock.durationMs() > waited->durationMs()))
            waited = &lock;
    }
    if (waited) {
        return QStringLiteral("The migration waited %1 for %2 on %3.")
            .arg(Verdict::formatDuration(waited->durationMs()), LockModes::displayName(waited->mode), waited->relation);
    }
    if (const auto lock = stats.longestLock(QString(), kAccessExclusive)) {
        const QString who = lock->holder == QLatin1String("other") || lock->holder.isEmpty()
            ? QStringLiteral("another session")
            : lock->holder;
        return QStringLiteral("%1 on %2 was held for %3 by %4.")
            .arg(LockModes::displayName(lock->mode), lock->relation, Verdict::formatDuration(lock->durationMs()), who);
    }
    return QString();
}

// Reads blocked 970 ms next to "ACCESS EXCLUSIVE held 800 ms" looks like a
// contradiction to someone new to locks; when the two differ noticeably,
// say what each one is measured from.
QString measuredFromSentence(const RunStatistics& stats, const Noun& noun)
{
    const auto lock = stats.longestLock(QString(), kAccessExclusive, kMigrationHolder);
    if (!lock || stats.blockedMs <= 0)
        return QString();
    const double held = lock->durationMs();
    const double difference = stats.blockedMs - held;
    if (std::abs(difference) < std::max(50.0, 0.1 * held))
        return QString();
    QString text = QStringLiteral("The two figures are timed differently: the lock from the statement that took it "
                                  "to COMMIT, a %1 from when it was sent to when it was answered")
                       .arg(noun.singular);
    if (difference > 0)
        text += QStringLiteral(", so %1 sent while the migration was still queued for its lock waited longer than "
                               "the lock was held")
                    .arg(noun.plural.toLower());
    else
        text += QStringLiteral(", so the time before the first waiting %1 was sent is not counted, and a wait shorter "
                               "than the lock "
                               "monitor's poll (10 a second) can be missed")
                    .arg(noun.singular);
    return text + '.';
}

// Facts that hold whether or not reads were blocked.
QStringList sideFacts(const RunRecord& record, const RunStatistics& stats, const Noun& noun)
{
    QStringList facts;
    if (stats.noFreeConnectionCount > 0) {
        // In plain words: what a web app sees when its connection pool is exhausted.
        int connections = 0;
        for (const ProbeSample& sample : record.samples)
            connections = std::max(connections, sample.probe);
        const QString all = connections > 1 ? QStringLiteral("all %1 probe connections were").arg(connections)
            : connections == 1              ? QStringLiteral("the only probe connection was")
                                            : QStringLiteral("every probe connection was");
        facts << QStringLiteral("%1 could not even be sent: %2 stuck waiting, like a web app whose "
                                "connection pool is exhausted.")
                     .arg(QStringLiteral("%1 scheduled %2%3")
                              .arg(stats.noFreeConnectionCount)
                              .arg(noun.singular, stats.noFreeConnectionCount == 1 ? "" : "s"),
                          all);
    }
    if (stats.errorCount > 0) {
        QString firstError;
        for (const ProbeSample& sample : record.samples) {
            if (!sample.inFlight && sample.outcome == ProbeOutcome::Error && !sample.message.isEmpty()) {
                firstError = sample.message.simplified();
                break;
            }
        }
        QString text = count(stats.errorCount, "probe", "probes") + QStringLiteral(" failed");
        if (!firstError.isEmpty())
            text += QStringLiteral(" (first error: %1)").arg(firstError);
        facts << text + '.';
    }
    return facts;
}

// "3 more were slow (over 100 ms) without waiting on a lock, the slowest 350 ms."
QString slowSentence(const RunStatistics& stats, const Noun& noun, bool more)
{
    if (stats.slowCount == 0)
        return QString();
    QString text = more ? QStringLiteral("%1 more %2").arg(stats.slowCount).arg(stats.slowCount == 1 ? "was" : "were")
                        : QStringLiteral("%1 %2 %3")
                              .arg(stats.slowCount)
                              .arg(stats.slowCount == 1 ? noun.singular : noun.singular + 's')
                              .arg(stats.slowCount == 1 ? "was" : "were");
    text
        += QStringLiteral(" slow (over %1) without waiting on a lock").arg(Verdict::formatMs(stats.blockedThresholdMs));
    if (stats.slowestMs)
        text += QStringLiteral(", the slowest ") + Verdict::formatDuration(*stats.slowestMs);
    return text + '.';
}

QStringList blockedSentences(const RunRecord& record, const RunStatistics& stats, const Noun& noun)
{
    QString text = QStringLiteral("%1 were blocked for %2: %3 on a lock")
                       .arg(noun.plural, Verdict::formatDuration(stats.blockedMs),
                            count(stats.lockWaitCount, "probe waited", "probes waited"));
    if (stats.lockWaitCount > 1 && stats.longestLockWaitMs)
        text += QStringLiteral(", the longest ") + Verdict::formatDuration(*stats.longestLockWaitMs);
    if (stats.timeoutCount > 0) {
        text += QStringLiteral("; %1 timed out after %2")
                    .arg(stats.timeoutCount)
                    .arg(Verdict::formatDuration(stats.minTimeoutMs.value_or(record.probeTimeoutMs)));
    }
    QStringList sentences { text + '.' };
    const QString slow = slowSentence(stats, noun, true);
    if (!slow.isEmpty())
        sentences << slow;
    return sentences;
}

QStringList calmSentences(const RunSummary& summary, ProbeKind kind, const Noun& noun)
{
    const RunRecord& record = summary.seriesRecord(kind);
    const RunStatistics& stats = summary.seriesStatistics(kind);
    QStringList sentences;
    QString text;
    if (stats.slowCount == 0) {
        text = QStringLiteral("No %1 waited longer than %2").arg(noun.singular, Verdict::formatMs(*stats.maxMs));
    } else {
        sentences << QStringLiteral("No %1 waited on a lock.").arg(noun.singular) << slowSentence(stats, noun, false);
        text = QStringLiteral("Latency");
    }
    const double duration = summary.migrationWindow().durationMs();
    // p99 of the probes sent while the migration ran, when there were any;
    // otherwise of all probes, and the (short) migration is reported apart.
    const RunStatistics& during = summary.duringMigration(kind);
    const QString separator = stats.slowCount == 0 ? QStringLiteral("; p99 ") : QStringLiteral(" p99 ");
    if (during.hasLatency()) {
        const QString what = showsBatchedBackfill(record)
            ? QStringLiteral("%1 of batched backfill").arg(Verdict::formatDuration(duration))
            : QStringLiteral("the %1 migration").arg(Verdict::formatDuration(duration));
        text += separator + QStringLiteral("%1 during %2.").arg(Verdict::formatMs(*during.p99Ms), what);
        sentences << text;
        return sentences;
    }
    text += separator + QStringLiteral("%1.").arg(Verdict::formatMs(*stats.p99Ms));
    sentences << text;
    if (duration > 0)
        sentences << QStringLiteral("The migration took %1.").arg(Verdict::formatDuration(duration));
    return sentences;
}

} // namespace

QString Verdict::formatSeconds(double ms)
{
    return fixed(ms / 1000.0, 1) + QStringLiteral(" s");
}

QString Verdict::formatMs(double ms)
{
    // Decide on the rounded value so 9.96 becomes "10 ms", not "10.0 ms".
    const bool small = std::abs(std::round(ms * 10) / 10) < 10;
    return fixed(ms, small ? 1 : 0) + QStringLiteral(" ms");
}

QString Verdict::formatDuration(double ms)
{
    return std::abs(std::round(ms)) < 1000 ? formatMs(ms) : formatSeconds(ms);
}

QString Verdict::describe(const RunSummary& summary)
{
    const RunRecord& record = summary.record();
    QStringList sentences;
    const QString status = statusSentence(summary);
    if (!status.isEmpty())
        sentences << status;
    const QString incomplete = ProbeCoverage::incompleteSentence(record);
    if (!incomplete.isEmpty())
        return (sentences << incomplete).join(' ');

    const QList<ProbeKind>& kinds = summary.kinds();
    if (kinds.isEmpty())
        sentences << QStringLiteral("No probes ran during this step.");
    bool blocked = false;
    for (ProbeKind kind : kinds) {
        // One series at a time; with a single series this is the whole record.
        const RunRecord& series = summary.seriesRecord(kind);
        const RunStatistics& stats = summary.seriesStatistics(kind);
        const Noun noun = nounFor(kind);
        if (stats.blockedMs > 0) {
            blocked = true;
            sentences << blockedSentences(series, stats, noun);
            if (kinds.size() == 1) {
                const QString lock = lockSentence(record, stats);
                if (!lock.isEmpty())
                    sentences << lock;
                const QString measuredFrom = measuredFromSentence(stats, noun);
                if (!measuredFrom.isEmpty())
                    sentences << measuredFrom;
            }
            sentences << sideFacts(series, stats, noun);
        } else if (!stats.hasLatency()) {
            sentences << (kinds.size() == 1 ? QStringLiteral("No probe got an answer.")
                                            : QStringLiteral("No %1 probe got an answer.").arg(noun.singular))
                      << sideFacts(series, stats, noun);
        } else {
            sentences << calmSentences(summary, kind, noun) << sideFacts(series, stats, noun);
        }
    }
    // The lock that explains the blocking, once for all series.
    if (blocked && kinds.size() > 1) {
        const QString lock = lockSentence(record, summary.statistics());
        if (!lock.isEmpty())
            sentences << lock;
    }
    const QString retries = retrySentence(record);
    if (!retries.isEmpty())
        sentences << retries;
    // Both series may end on the same fact ("The migration took 4.1 ms."): say it once.
    sentences.removeDuplicates();
    return sentences.join(' ');
}

QString Verdict::headline(const RunSummary& summary)
{
    const RunRecord& record = summary.record();
    const QList<ProbeKind>& kinds = summary.kinds();
    QStringList parts;
    for (ProbeKind kind : kinds) {
        const RunStatistics& stats = summary.seriesStatistics(kind);
        const Noun noun = nounFor(kind);
        if (stats.blockedMs > 0)
            parts << noun.plural + QStringLiteral(" blocked ") + formatDuration(stats.blockedMs);
        else if (!stats.hasLatency())
            parts << (kinds.size() == 1 ? QStringLiteral("No probe answered")
                                        : QStringLiteral("No %1 probe answered").arg(noun.singular));
        else if (stats.slowCount > 0)
            parts << QStringLiteral("%1 never waited on a lock (%2 slow)").arg(noun.plural).arg(stats.slowCount);
        else
            parts << noun.plural + QStringLiteral(" never blocked");
    }
    // "Reads blocked 10.1 s; writes blocked 10.1 s"
    for (qsizetype i = 1; i < parts.size(); ++i)
        parts[i][0] = parts[i][0].toLower();
    QString line;
    if (!ProbeCoverage::isComplete(record))
        line = QStringLiteral("Measurement incomplete");
    else
        line = parts.isEmpty() ? QStringLiteral("No probes ran") : parts.join(QStringLiteral("; "));
    if (record.cancelled)
        line += QStringLiteral(" (cancelled)");
    else if (!record.succeeded)
        line += record.failedAsExpected        ? QStringLiteral(" (failed, as expected)")
            : record.error.trimmed().isEmpty() ? QStringLiteral(" (unfinished)")
                                               : QStringLiteral(" (failed)");
    return line;
}

} // namespace locklab
