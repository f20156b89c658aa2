#include "charts/BandLabels.h"

#include "core/observe/LockModes.h"
#include "core/run/Verdict.h"

#include <QRegularExpression>
#include <QStringList>
#include <algorithm>

namespace locklab {

namespace {

const QString kEllipsis = QStringLiteral(" \u2026");

// Statement text without leading comments, on one line.
QString cleaned(const QString& sql)
{
    static const QRegularExpression comments(QStringLiteral(R"(--[^\n]*|/\*.*?\*/)"),
                                             QRegularExpression::DotMatchesEverythingOption);
    QString text = sql;
    text.replace(comments, QStringLiteral(" "));
    text = text.simplified();
    while (text.endsWith(';'))
        text.chop(1);
    return text.trimmed();
}

// "large_user(id, name)" -> "large_user"; quotes dropped for reading.
QString tableName(QString token)
{
    const qsizetype paren = token.indexOf('(');
    if (paren >= 0)
        token.truncate(paren);
    token.remove('"');
    return token;
}

bool is(const QStringList& words, int index, const char* keyword)
{
    return index < words.size() && words.at(index).compare(QLatin1String(keyword), Qt::CaseInsensitive) == 0;
}

// Index of the table name after optional keywords such as ONLY / IF EXISTS.
int skipOptional(const QStringList& words, int index)
{
    for (;;) {
        if (is(words, index, "ONLY") || is(words, index, "CONCURRENTLY"))
            ++index;
        else if (is(words, index, "IF") && is(words, index + 1, "EXISTS"))
            index += 2;
        else if (is(words, index, "IF") && is(words, index + 1, "NOT") && is(words, index + 2, "EXISTS"))
            index += 3;
        else
            return index;
    }
}

// What an ALTER TABLE does, in the words a lesson talks about.
QString alterAction(const QString& rest)
{
    static const char* const phrases[] = {
        "SET NOT NULL",        "DROP NOT NULL",  "SET DEFAULT",     "DROP DEFAULT",
        "VALIDATE CONSTRAINT", "ADD CONSTRAINT", "DROP CONSTRAINT", "ADD COLUMN",
        "DROP COLUMN",         "TYPE",           "RENAME",
    };
    const QString upper = ' ' + rest.toUpper() + ' ';
    qsizetype best = -1;
    QString action;
    for (const char* phrase : phrases) {
        const qsizetype at = upper.indexOf(' ' + QLatin1String(phrase) + ' ');
        if (at >= 0 && (best < 0 || at < best)) {
            best = at;
            action = QLatin1String(phrase);
        }
    }
    if (action.startsWith(QLatin1String("ADD")) && upper.endsWith(QLatin1String(" NOT VALID ")))
        action += QStringLiteral(" NOT VALID");
    return action;
}

} // namespace

QString BandLabels::shortSql(const QString& sql, bool* shortened)
{
    const QString text = cleaned(sql);
    const QStringList words = text.split(' ', Qt::SkipEmptyParts);
    QString result;
    if (is(words, 0, "UPDATE")) {
        const int t = skipOptional(words, 1);
        if (t < words.size())
            result = QStringLiteral("UPDATE ") + tableName(words.at(t));
    } else if ((is(words, 0, "INSERT") && is(words, 1, "INTO")) || (is(words, 0, "DELETE") && is(words, 1, "FROM"))) {
        const int t = skipOptional(words, 2);
        if (t < words.size())
            result = words.at(0).toUpper() + ' ' + words.at(1).toUpper() + ' ' + tableName(words.at(t));
    } else if (is(words, 0, "ALTER") && is(words, 1, "TABLE")) {
        const int t = skipOptional(words, 2);
        if (t < words.size()) {
            result = QStringLiteral("ALTER TABLE ") + tableName(words.at(t));
            const QString action = alterAction(words.mid(t + 1).join(' '));
            if (!action.isEmpty())
                result += ' ' + action;
        }
    } else if (is(words, 0, "CREATE") && (is(words, 1, "INDEX") || (is(words, 1, "UNIQUE") && is(words, 2, "INDEX")))) {
        const int on = int(
            words.indexOf(QRegularExpression(QStringLiteral("^ON$"), QRegularExpression::CaseInsensitiveOption)));
        if (on > 0 && skipOptional(words, on + 1) < words.size()) {
            result = is(words, 1, "UNIQUE") ? QStringLiteral("CREATE UNIQUE INDEX") : QStringLiteral("CREATE INDEX");
            if (words.contains(QStringLiteral("CONCURRENTLY"), Qt::CaseInsensitive))
                result += QStringLiteral(" CONCURRENTLY");
            result += QStringLiteral(" ON ") + tableName(words.at(skipOptional(words, on + 1)));
        }
    }
    if (result.isEmpty()) {
        result = QStringList(words.mid(0, 3)).join(' ');
        constexpr int kMaxChars = 36;
        if (result.size() > kMaxChars)
            result = result.left(kMaxChars - 1).trimmed();
    }
    if (shortened)
        *shortened = result != text;
    return result;
}

QString BandLabels::statementLabel(const StatementTiming& statement)
{
    bool shortened = false;
    QString label = shortSql(statement.sql, &shortened);
    if (shortened)
        label += kEllipsis;
    label += ' ' + Verdict::formatDuration(std::max(0.0, statement.durationMs()));
    // A try that ran out of lock_timeout is a marker of its own: "(try 2: lock timeout)".
    if (statement.attempt > 0 && statement.lockTimedOut())
        label += QStringLiteral(" (try %1: lock timeout)").arg(statement.attempt);
    else if (!statement.error.isEmpty())
        label += QStringLiteral(" (failed)");
    return label;
}

QString BandLabels::batchLabel(const QString& shortSql, int count, double spanMs)
{
    return QStringLiteral("%1 \u00d7 %2%3 %4")
        .arg(count)
        .arg(shortSql, kEllipsis, Verdict::formatDuration(std::max(0.0, spanMs)));
}

QString BandLabels::lockLabel(const LockInterval& lock)
{
    return QStringLiteral("%1 on %2: %3")
        .arg(LockModes::displayName(lock.mode), lock.relation,
             Verdict::formatDuration(std::max(0.0, lock.durationMs())));
}

bool BandLabels::isControlStatement(const QString& sql)
{
    static const QRegularExpression control(
        QStringLiteral(R"(^(BEGIN|COMMIT|END|ROLLBACK|ABORT|START\s+TRANSACTION|SAVEPOINT|RELEASE|SET|RESET)\b)"),
        QRegularExpression::CaseInsensitiveOption);
    return control.match(cleaned(sql)).hasMatch();
}

bool BandLabels::deservesLabel(const QString& sql)
{
    static const QRegularExpression rollback(QStringLiteral(R"(^(ROLLBACK|ABORT)\b)"),
                                             QRegularExpression::CaseInsensitiveOption);
    return !isControlStatement(sql) || rollback.match(cleaned(sql)).hasMatch();
}

bool BandLabels::isChartedLock(const LockInterval& lock)
{
    if (!lock.granted || lock.holder != QLatin1String("migration"))
        return false;
    // A relation the monitor can only name by its number is one this migration is still creating (the index a
    // CREATE INDEX builds): nobody else can see it, so nobody waits for it.
    bool numeric = false;
    lock.relation.toLongLong(&numeric);
    if (numeric)
        return false;
    // The modes that stop writes (SHARE and up) or, for SHARE UPDATE EXCLUSIVE, show that a safe path's lock was
    // there without stopping them; the weaker ones every statement takes would only crowd the lane.
    const std::optional<LockMode> mode = LockModes::fromName(lock.mode);
    return mode
        && (*mode == LockMode::ShareUpdateExclusive || *mode == LockMode::Share || *mode == LockMode::ShareRowExclusive
            || *mode == LockMode::Exclusive || *mode == LockMode::AccessExclusive);
}

} // namespace locklab
