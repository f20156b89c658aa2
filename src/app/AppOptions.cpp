#include "app/AppOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace locklab {

AppOptions AppOptions::parse(const QStringList& arguments)
{
    AppOptions result;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "LockLab teaches zero-downtime PostgreSQL migrations by doing them.\n\n"
        "With no server named, LockLab runs its own private PostgreSQL cluster. Name a server with --db or with\n"
        "the libpq environment (PGHOST, PGPORT, PGUSER, PGDATABASE, PGPASSWORD, ~/.pgpass).");
    const QCommandLineOption helpOption({ "h", "help" }, "Show this help and exit.");
    const QCommandLineOption versionOption({ "v", "version" }, "Show the version and exit.");
    const QCommandLineOption dbOption("db",
                                      "Connect to this PostgreSQL server instead of the embedded one: a URI "
                                      "(postgresql://user@host:5432/dbname) or key=value pairs.",
                                      "uri");
    const QCommandLineOption dataDirOption("data-dir",
                                           "Keep the embedded cluster here (default: ~/.local/share/LockLab/cluster, "
                                           "or /var/lib/locklab/cluster as root).",
                                           "dir");
    const QCommandLineOption pgBinDirOption("pg-bindir",
                                            "Run the embedded server with the PostgreSQL in this bin "
                                            "directory (default: the one chosen in Settings, or the "
                                            "newest found).",
                                            "dir");
    const QCommandLineOption embeddedOption("embedded", "Use the embedded server even when PG* variables are set.");
    const QCommandLineOption lessonsOption("lessons",
                                           "Load lessons from this directory instead of the built-in "
                                           "ones.",
                                           "dir");
    parser.addOptions(
        { helpOption, versionOption, dbOption, dataDirOption, pgBinDirOption, embeddedOption, lessonsOption });
    parser.addPositionalArgument("session", "A saved session (.locklab) to show; it needs no server.",
                                 "[SESSION.locklab]");

    if (!parser.parse(arguments)) {
        result.action = Action::Error;
        result.message = parser.errorText() + "\nRun 'locklab --help' for the options.";
        return result;
    }
    if (parser.isSet(helpOption)) {
        result.action = Action::ShowHelp;
        result.message = parser.helpText();
        return result;
    }
    if (parser.isSet(versionOption)) {
        result.action = Action::ShowVersion;
        result.message = QString("LockLab %1 (Qt %2)").arg(LOCKLAB_VERSION, qVersion());
        return result;
    }
    const QStringList positional = parser.positionalArguments();
    if (positional.size() == 1 && positional.first().endsWith(".locklab", Qt::CaseInsensitive)) {
        result.action = Action::OpenSession;
        result.sessionFile = QFileInfo(positional.first()).absoluteFilePath();
        return result;
    }
    if (!positional.isEmpty()) {
        result.action = Action::Error;
        result.message = QString("Unexpected argument '%1'. Run 'locklab --help' for the options.")
                             .arg(parser.positionalArguments().first());
        return result;
    }
    result.launch.connectionString = parser.value(dbOption);
    result.launch.dataDir = parser.value(dataDirOption);
    result.launch.pgBinDir = parser.value(pgBinDirOption);
    result.launch.forceEmbedded = parser.isSet(embeddedOption);
    result.lessonsDir = parser.value(lessonsOption);
    return result;
}

} // namespace locklab
