#include "core/migration/RunJournal.h"

#include "core/server/SqlUtil.h"

#include <QCoreApplication>
#include <QLocale>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace locklab {

QString InterruptedStep::message() const
{
    const QString step = stepTitle.isEmpty() ? stepId : stepTitle;
    const QString lesson = lessonTitle.isEmpty() ? lessonId : lessonTitle;
    const QString when = QLocale(QLocale::English).toString(startedAt.time(), "HH:mm");
    QString text = QString("The step '%1' of lesson '%2' was interrupted at %3 (LockLab or the server stopped "
                           "while it ran).")
                       .arg(step, lesson, when);
    if (backendAlive)
        return text
            + " Its server session still exists, so it may still be running; the ledger will show what is "
              "applied once it ends.";
    return text + " PostgreSQL rolled back the transaction that was open; the ledger shows what is applied.";
}

bool RunJournal::ensureTable(QSqlDatabase& db, QString* error)
{
    return ensureLocklabTable(db,
                              "CREATE TABLE IF NOT EXISTS locklab.run_journal ("
                              "id bigserial PRIMARY KEY, lesson_id text NOT NULL, lesson_title text NOT NULL, "
                              "step_id text NOT NULL, step_title text NOT NULL, "
                              "started_at timestamptz NOT NULL DEFAULT clock_timestamp(), "
                              "app_pid bigint NOT NULL, backend_pid int NOT NULL DEFAULT pg_backend_pid())",
                              "Could not create the run journal", error);
}

qint64 RunJournal::begin(QSqlDatabase& db, const QString& lessonId, const QString& lessonTitle, const QString& stepId,
                         const QString& stepTitle, QString* error)
{
    QSqlQuery query(db);
    // A new step supersedes entries that earlier, interrupted steps left: by
    // now LockLab has reported them (at start-up or as a lost connection).
    // Entries of steps still running elsewhere (another LockLab on this
    // sandbox) stay.
    if (!query.exec("DELETE FROM locklab.run_journal j WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a "
                    "WHERE a.pid = j.backend_pid AND a.backend_start <= j.started_at)")) {
        *error = "Could not update the run journal: " + query.lastError().text();
        return 0;
    }
    if (!execPrepared(query,
                      "INSERT INTO locklab.run_journal (lesson_id, lesson_title, step_id, step_title, app_pid) "
                      "VALUES (?, ?, ?, ?, ?) RETURNING id",
                      { lessonId, lessonTitle, stepId, stepTitle, QCoreApplication::applicationPid() }, error,
                      "Could not write the run journal")
        || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

bool RunJournal::end(QSqlDatabase& db, qint64 entryId, QString* error)
{
    QSqlQuery query(db);
    return execPrepared(query, "DELETE FROM locklab.run_journal WHERE id = ?", { entryId }, error,
                        "Could not update the run journal");
}

std::optional<InterruptedStep> RunJournal::interruptedStep(const QSqlDatabase& db, QString* error)
{
    const std::optional<bool> exists = relationExists(db, "locklab.run_journal", error);
    if (!exists || !*exists)
        return std::nullopt;
    QSqlQuery query(db);
    // A backend with the recorded pid that started before the step is the one
    // that ran it (a pid reused later started after).
    if (!query.exec("SELECT j.lesson_id, j.lesson_title, j.step_id, j.step_title, j.started_at, j.app_pid, "
                    "  EXISTS (SELECT 1 FROM pg_stat_activity a "
                    "          WHERE a.pid = j.backend_pid AND a.backend_start <= j.started_at) "
                    "FROM locklab.run_journal j ORDER BY j.started_at DESC, j.id DESC LIMIT 1")) {
        if (error)
            *error = query.lastError().text();
        return std::nullopt;
    }
    if (!query.next())
        return std::nullopt;
    InterruptedStep step;
    step.lessonId = query.value(0).toString();
    step.lessonTitle = query.value(1).toString();
    step.stepId = query.value(2).toString();
    step.stepTitle = query.value(3).toString();
    step.startedAt = query.value(4).toDateTime().toLocalTime();
    step.appPid = query.value(5).toLongLong();
    step.backendAlive = query.value(6).toBool();
    return step;
}

bool RunJournal::clear(QSqlDatabase& db, QString* error)
{
    QString reason;
    const std::optional<bool> exists = relationExists(db, "locklab.run_journal", &reason);
    if (!exists) {
        *error = "Could not read the run journal: " + reason;
        return false;
    }
    QSqlQuery query(db);
    if (*exists && !query.exec("DELETE FROM locklab.run_journal")) {
        *error = "Could not clear the run journal: " + query.lastError().text();
        return false;
    }
    return true;
}

} // namespace locklab
