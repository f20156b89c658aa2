#include "cli/VersionsCommand.h"

#include "core/server/EmbeddedServer.h"
#include "core/server/PostgresBinaries.h"
#include "core/server/PostgresInstalls.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>

namespace locklab {

int VersionsCommand::main(const QStringList& arguments)
{
    const QStringList rest = arguments.mid(2);
    const bool json = rest == QStringList { "--json" };
    if (!rest.isEmpty() && !json) {
        std::fprintf(stderr, "locklab-cli versions: unexpected '%s'. Usage: locklab-cli versions [--json]\n",
                     qPrintable(rest.first()));
        return 2;
    }
    const QList<PostgresInstall> installs = PostgresInstalls::findAll();
    const PostgresBinaries chosen = PostgresBinaries::discover();
    QJsonArray list;
    QString text;
    for (const PostgresInstall& install : installs) {
        const bool isDefault = chosen.isValid() && chosen.binDir() == install.binDir;
        const QString cluster = install.runs() ? EmbeddedServer::clusterDirFor(install.major) : QString();
        list.append(QJsonObject { { "version", install.version },
                                  { "major", install.major },
                                  { "bindir", install.binDir },
                                  { "found_in", install.source },
                                  { "default", isDefault },
                                  { "cluster", cluster } });
        text += QString("%1 %2\n    cluster: %3\n")
                    .arg(isDefault ? "*" : " ", install.label(), cluster.isEmpty() ? QString("-") : cluster);
    }
    if (json) {
        std::fprintf(stdout, "%s", QJsonDocument(list).toJson(QJsonDocument::Indented).constData());
        return 0;
    }
    if (installs.isEmpty()) {
        std::fprintf(stdout, "No PostgreSQL server installation found. %s\n", qPrintable(chosen.errorMessage()));
        return 1;
    }
    std::fprintf(stdout, "%s* = used by default; choose another with --pg-bindir DIR (or in the window's Settings).\n",
                 qPrintable(text));
    return 0;
}

} // namespace locklab
