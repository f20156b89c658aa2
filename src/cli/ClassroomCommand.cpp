#include "cli/ClassroomCommand.h"

#include "core/server/ConnectionBudget.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/Sandbox.h"
#include "core/server/SqlUtil.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QGuiApplication>
#include <QPdfWriter>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QTextDocument>
#include <QUrl>

#include <cstdio>

namespace locklab {

namespace {

constexpr int kMaxAttendees = 200;
// Per attendee: the default profile's 6 while a step runs, the short setup connection, and a spare.
constexpr int kRoleConnectionLimit = 8;

void say(const QString& text)
{
    std::fprintf(stdout, "%s\n", qPrintable(text));
    std::fflush(stdout);
}

int usageError(const QString& message)
{
    std::fprintf(stderr,
                 "locklab-cli classroom: %s\nUsage:\n  locklab-cli classroom prepare --db URI --attendees N "
                 "[--prefix NAME] [--out FILE]\n  locklab-cli classroom drop --db URI [--prefix NAME]\n",
                 qPrintable(message));
    return 2;
}

int failure(const QString& message)
{
    std::fprintf(stderr, "locklab-cli classroom: %s\n", qPrintable(message));
    return 1;
}

QString randomPassword()
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString password;
    for (int i = 0; i < 16; ++i)
        password += QChar(alphabet[QRandomGenerator::system()->bounded(int(sizeof(alphabet) - 1))]);
    return password;
}

bool run(QSqlDatabase& db, const QString& sql, QString* error)
{
    QSqlQuery query(db);
    if (query.exec(sql))
        return true;
    *error = QString("%1\n  (%2)").arg(query.lastError().databaseText(), sql.left(120));
    return false;
}

} // namespace

QString ClassroomCommand::roleName(const QString& prefix, int attendee)
{
    return QString("%1%2").arg(prefix).arg(attendee, 2, 10, QChar('0'));
}

QString ClassroomCommand::marker(const QString& prefix, int attendee)
{
    return QString("LockLab classroom '%1': attendee %2, made by locklab-cli classroom prepare")
        .arg(prefix)
        .arg(attendee);
}

int ClassroomCommand::main(const QStringList& arguments)
{
    Options options;
    const int status = parse(arguments, &options);
    if (status != 0)
        return status;
    return options.action == "prepare" ? prepare(options) : drop(options);
}

int ClassroomCommand::parse(const QStringList& arguments, Options* options)
{
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOptions({ { "db", "instructor's server", "URI" },
                        { "attendees", "attendees", "N" },
                        { "prefix", "prefix", "NAME" },
                        { "out", "sheet", "FILE" } });
    if (!parser.parse(arguments))
        return usageError(parser.errorText());
    const QStringList positional = parser.positionalArguments(); // "classroom", action
    if (positional.size() != 2 || (positional.at(1) != "prepare" && positional.at(1) != "drop"))
        return usageError("name an action: prepare or drop.");
    options->action = positional.at(1);
    if (!parser.isSet("db") || parser.value("db").trimmed().isEmpty())
        return usageError("--db is required: the server, as a role that may create roles and databases "
                          "(postgresql://teacher@host/postgres).");
    QString problem;
    options->server = ConnectionSettings::fromConnectionString(parser.value("db"), &problem);
    if (!problem.isEmpty())
        return usageError("--db: " + problem);
    if (parser.isSet("prefix"))
        options->prefix = parser.value("prefix");
    static const QRegularExpression safePrefix("^[a-z][a-z0-9_]{0,20}$");
    if (!safePrefix.match(options->prefix).hasMatch())
        return usageError(QString("--prefix '%1' must start with a lower-case letter and hold only a-z, 0-9 and _ "
                                  "(at most 21 characters).")
                              .arg(options->prefix));
    if (options->action == "prepare") {
        bool ok = false;
        options->attendees = parser.value("attendees").toInt(&ok);
        if (!parser.isSet("attendees") || !ok || options->attendees < 1 || options->attendees > kMaxAttendees)
            return usageError(QString("--attendees must be a whole number from 1 to %1.").arg(kMaxAttendees));
        options->out = parser.isSet("out") ? parser.value("out") : QString("classroom-%1.md").arg(options->prefix);
    } else if (parser.isSet("attendees") || parser.isSet("out")) {
        return usageError("drop takes only --db and --prefix: it removes every role and database prepare made "
                          "for the prefix.");
    }
    return 0;
}

bool ClassroomCommand::checkPrivileges(const QSqlDatabase& db, int attendees, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec("SELECT rolsuper, rolcreaterole, rolcreatedb, current_user, "
                    "current_setting('max_connections')::int FROM pg_roles WHERE rolname = current_user")
        || !query.next()) {
        *error = query.lastError().text();
        return false;
    }
    const bool super = query.value(0).toBool();
    if (!super && !(query.value(1).toBool() && query.value(2).toBool())) {
        *error = QString("The role '%1' may not create roles and databases. Connect as a role with CREATEROLE and "
                         "CREATEDB (ALTER ROLE %1 CREATEROLE CREATEDB) or as a superuser.")
                     .arg(query.value(3).toString());
        return false;
    }
    const int maxConnections = query.value(4).toInt();
    const int classroom = ConnectionBudget::classroomProbeConnections + ConnectionBudget::fixedConnections;
    const int needed = attendees * classroom + 10;
    say(QString("Connections: %1 attendees with the classroom probe profile use %2 each, %3 in all (plus 10 for "
                "you and the server); max_connections is %4.")
            .arg(attendees)
            .arg(classroom)
            .arg(attendees * classroom)
            .arg(maxConnections));
    if (needed > maxConnections)
        say(QString("WARNING: not enough room. Set max_connections to at least %1 (ALTER SYSTEM SET "
                    "max_connections = %1; then restart the server), or attendees' probes will fail to connect "
                    "and their measurements will be incomplete.")
                .arg(needed));
    return true;
}

bool ClassroomCommand::prepareAttendee(QSqlDatabase& db, const Options& options, int attendee, const QString& password,
                                       QString* error)
{
    const QString role = roleName(options.prefix, attendee);
    const QString database = Sandbox::externalDatabaseName(role);
    const QString comment = escapeLiteral(db, marker(options.prefix, attendee));
    const QString r = escapeIdentifier(db, role);
    const QString d = escapeIdentifier(db, database);
    // The instructor becomes a member of the role so that it may own, mark and later drop its database.
    const QStringList statements = {
        QString("CREATE ROLE %1 LOGIN PASSWORD %2 CONNECTION LIMIT %3")
            .arg(r, escapeLiteral(db, password))
            .arg(kRoleConnectionLimit),
        QString("COMMENT ON ROLE %1 IS %2").arg(r, comment),
        QString("GRANT %1 TO CURRENT_USER").arg(r),
        QString("CREATE DATABASE %1 OWNER %2").arg(d, r),
        QString("COMMENT ON DATABASE %1 IS %2").arg(d, comment),
        // Nobody else may connect: an attendee sees and measures only their own database.
        QString("REVOKE CONNECT, TEMPORARY ON DATABASE %1 FROM PUBLIC").arg(d),
        QString("GRANT CONNECT, TEMPORARY ON DATABASE %1 TO %2").arg(d, r),
    };
    for (const QString& sql : statements) {
        if (!run(db, sql, error))
            return false;
    }
    // Marked as the attendee, so the marker and the locklab schema are theirs.
    DatabaseConnection sandbox(options.server.withDatabase(database), "locklab-classroom");
    if (!sandbox.open(error))
        return false;
    QSqlDatabase sandboxDb = sandbox.database();
    return run(sandboxDb, QString("SET ROLE %1").arg(r), error) && Sandbox::mark(sandboxDb, error)
        && run(sandboxDb, "RESET ROLE", error);
}

int ClassroomCommand::prepare(const Options& options)
{
    DatabaseConnection connection(options.server, "locklab-classroom");
    QString error;
    if (!connection.open(&error))
        return failure("Could not connect: " + error);
    QSqlDatabase db = connection.database();
    if (!checkPrivileges(db, options.attendees, &error))
        return failure(error);
    // Refuse before creating anything when a name is taken (ours from an earlier prepare, or someone else's).
    for (int i = 1; i <= options.attendees; ++i) {
        QSqlQuery query(db);
        if (!execPrepared(
                query, "SELECT 1 FROM pg_roles WHERE rolname = ? UNION ALL SELECT 1 FROM pg_database WHERE datname = ?",
                { roleName(options.prefix, i), Sandbox::externalDatabaseName(roleName(options.prefix, i)) }, &error))
            return failure(error);
        if (query.next())
            return failure(QString("The role or database for attendee %1 (%2) already exists. Run 'locklab-cli "
                                   "classroom drop --prefix %3' if an earlier prepare made it, or choose another "
                                   "--prefix.")
                               .arg(i)
                               .arg(roleName(options.prefix, i), options.prefix));
    }
    QStringList passwords;
    for (int i = 1; i <= options.attendees; ++i) {
        const QString password = randomPassword();
        if (!prepareAttendee(db, options, i, password, &error))
            return failure(QString("Preparing attendee %1 failed: %2\nWhat was made so far is removed by "
                                   "'locklab-cli classroom drop --prefix %3'.")
                               .arg(i)
                               .arg(error, options.prefix));
        passwords << password;
    }
    QString written;
    if (!writeSheet(options, passwords, &written, &error))
        return failure(error);
    say(QString("Prepared %1 attendees (roles %2 to %3, each with its own sandbox database). Sheet: %4")
            .arg(options.attendees)
            .arg(roleName(options.prefix, 1), roleName(options.prefix, options.attendees), written));
    return 0;
}

int ClassroomCommand::drop(const Options& options)
{
    DatabaseConnection connection(options.server, "locklab-classroom");
    QString error;
    if (!connection.open(&error))
        return failure("Could not connect: " + error);
    QSqlDatabase db = connection.database();
    const QString pattern = QString("LockLab classroom '%1': attendee %").arg(options.prefix);
    QSqlQuery find(db);
    if (!execPrepared(find,
                      "SELECT 'database', d.datname, (SELECT setting::int FROM pg_settings WHERE name = "
                      "'server_version_num') FROM pg_database d JOIN pg_shdescription s ON s.objoid = d.oid AND "
                      "s.classoid = 'pg_database'::regclass WHERE s.description LIKE ? "
                      "UNION ALL SELECT 'role', r.rolname, 0 FROM pg_roles r JOIN pg_shdescription s ON s.objoid = "
                      "r.oid AND s.classoid = 'pg_authid'::regclass WHERE s.description LIKE ? ORDER BY 1, 2",
                      { pattern, pattern }, &error))
        return failure(error);
    QStringList databases;
    QStringList roles;
    int versionNum = 0;
    while (find.next()) {
        (find.value(0).toString() == "database" ? databases : roles) << find.value(1).toString();
        versionNum = qMax(versionNum, find.value(2).toInt());
    }
    for (const QString& database : std::as_const(databases)) {
        // An attendee still connected would block the drop: end their sessions first.
        QSqlQuery end(db);
        execPrepared(end, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ?", { database });
        const QString sql = QString("DROP DATABASE %1%2")
                                .arg(escapeIdentifier(db, database), versionNum >= 130000 ? " WITH (FORCE)" : "");
        if (!run(db, sql, &error))
            return failure(QString("Could not drop %1: %2").arg(database, error));
    }
    for (const QString& role : std::as_const(roles)) {
        if (!run(db, QString("DROP ROLE %1").arg(escapeIdentifier(db, role)), &error))
            return failure(QString("Could not drop the role %1: %2").arg(role, error));
    }
    say(QString("Dropped %1 sandbox database(s) and %2 role(s) made for the classroom '%3'.")
            .arg(databases.size())
            .arg(roles.size())
            .arg(options.prefix));
    return 0;
}

bool ClassroomCommand::writeSheet(const Options& options, const QStringList& passwords, QString* written,
                                  QString* error)
{
    const ConnectionSettings server = options.server.resolvedWithLibpqDefaults();
    const bool socket = server.host.startsWith('/');
    QString markdown = QString("# LockLab workshop: your own sandbox\n\n"
                               "Server: PostgreSQL at %1, port %2. Each attendee has a role and a sandbox database "
                               "of their own; nobody else can connect to it.\n\n"
                               "Start LockLab with your line, for example `locklab --db '<connection string>'`, "
                               "or `locklab-cli run safe-path --probe-profile classroom --db '<connection "
                               "string>'`. Use the classroom probe profile (Settings, or `--probe-profile "
                               "classroom`): %3 connections each.\n\n"
                               "| # | Role | Password | Connection string |\n|---|---|---|---|\n")
                           .arg(socket ? QString("socket %1").arg(server.host) : server.host)
                           .arg(server.port)
                           .arg(ConnectionBudget::classroomProbeConnections + ConnectionBudget::fixedConnections);
    for (int i = 1; i <= passwords.size(); ++i) {
        const QString role = roleName(options.prefix, i);
        const QString database = Sandbox::externalDatabaseName(role);
        const QString uri = socket ? QString("postgresql://%1:%2@/%3?host=%4&port=%5")
                                         .arg(role, passwords.at(i - 1), database, server.host)
                                         .arg(server.port)
                                   : QString("postgresql://%1:%2@%3:%4/%5")
                                         .arg(role, passwords.at(i - 1), server.host)
                                         .arg(server.port)
                                         .arg(database);
        markdown += QString("| %1 | %2 | `%3` | `%4` |\n").arg(i).arg(role, passwords.at(i - 1), uri);
    }
    markdown += QString("\nWhen the workshop is over: `locklab-cli classroom drop --prefix %1 --db ...` removes "
                        "these roles and databases and nothing else.\n")
                    .arg(options.prefix);
    QFile file(options.out);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(markdown.toUtf8()) < 0) {
        *error = QString("Could not write the sheet %1: %2 (the roles exist; run drop and prepare again with "
                         "another --out).")
                     .arg(options.out, file.errorString());
        return false;
    }
    file.close();
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner); // it holds passwords
    *written = QFileInfo(options.out).absoluteFilePath();
    if (qobject_cast<QGuiApplication*>(QCoreApplication::instance())) {
        // A PDF beside it, one page per few attendees, for printing.
        const QString pdfPath = QFileInfo(options.out).absolutePath() + "/" + QFileInfo(options.out).completeBaseName()
            + ".pdf";
        QPdfWriter pdf(pdfPath);
        pdf.setPageSize(QPageSize(QPageSize::A4));
        QTextDocument document;
        document.setMarkdown(markdown);
        document.print(&pdf);
        QFile::setPermissions(pdfPath, QFile::ReadOwner | QFile::WriteOwner);
        *written += " and " + pdfPath;
    }
    return true;
}

} // namespace locklab
