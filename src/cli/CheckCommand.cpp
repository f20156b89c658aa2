#include "cli/CheckCommand.h"

#include "cli/CheckOutput.h"
#include "core/analysis/AnalysisRules.h"
#include "core/analysis/MigrationAnalyzer.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace locklab {

namespace {
bool readText(const QString& path, QString* text, QString* err)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *err += QString("locklab-cli check: cannot read %1: %2\n").arg(path, file.errorString());
        return false;
    }
    *text = QString::fromUtf8(file.readAll());
    return true;
}
} // namespace

QString CheckCommand::usage()
{
    return "Usage: locklab-cli check [--format text|json|github] [--strict] [--pg-version N] [--schema "
           "DDL.sql] "
           "FILE.sql...\n"
           "Predicts the locks each statement takes and reports risky migrations; no server needed.\n"
           "  --format F      text (default), json, or github (GitHub Actions annotations)\n"
           "  --strict        notes (advice not about locks or rewrites) fail the check too\n"
           "  --pg-version N  the PostgreSQL major the migration will run on (12-18), for the version notes\n"
           "  --schema FILE   CREATE TABLE statements of the existing tables (column types)\n"
           "Exit status: 0 nothing found, 1 findings, 2 usage errors or SQL that does not parse.\n";
}

int CheckCommand::run(const QStringList& arguments, QString* out, QString* err)
{
    QString format = "text";
    bool strict = false;
    MigrationAnalyzer::Options options;
    QStringList files;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString a = arguments.at(i);
        const auto value = [&](QString* target) {
            if (i + 1 >= arguments.size()) {
                *err += QString("locklab-cli check: %1 needs a value.\n").arg(a);
                return false;
            }
            *target = arguments.at(++i);
            return true;
        };
        QString v;
        if (a == "--help" || a == "-h") {
            *out += usage();
            return 0;
        } else if (a == "--strict") {
            strict = true;
        } else if (a == "--format") {
            if (!value(&format))
                return 2;
            if (format != "text" && format != "json" && format != "github") {
                *err += QString("locklab-cli check: --format must be text, json or github (got '%1').\n").arg(format);
                return 2;
            }
        } else if (a == "--pg-version") {
            if (!value(&v))
                return 2;
            bool ok = false;
            options.pgVersion = v.toInt(&ok);
            if (!ok || options.pgVersion < 10 || options.pgVersion > 18) {
                *err += QString("locklab-cli check: --pg-version must be a PostgreSQL major version such as 15 "
                                "(10 to 18; got '%1').\n")
                            .arg(v);
                return 2;
            }
        } else if (a == "--schema") {
            if (!value(&v) || !readText(v, &options.schemaSql, err))
                return 2;
        } else if (a.startsWith("--")) {
            *err += QString("locklab-cli check: unknown option %1.\n%2").arg(a, usage());
            return 2;
        } else {
            files.append(a);
        }
    }
    if (files.isEmpty()) {
        *err += "locklab-cli check: give at least one SQL file.\n" + usage();
        return 2;
    }
    if (!AnalysisRules::instance().loadError().isEmpty()) {
        *err += "locklab-cli check: " + AnalysisRules::instance().loadError() + "\n";
        return 2;
    }
    int status = 0;
    QJsonArray reports;
    for (const QString& path : files) {
        QString sql;
        if (!readText(path, &sql, err)) {
            status = 2;
            continue;
        }
        const AnalysisReport report = MigrationAnalyzer::analyze(sql, options, path);
        if (format == "json")
            reports.append(CheckOutput::json(report));
        else if (format == "github")
            *out += CheckOutput::github(report, strict);
        else
            *out += CheckOutput::text(report, strict);
        if (report.hasParseErrors())
            status = 2;
        else if (status == 0 && report.findingCount(strict) > 0)
            status = 1;
    }
    if (format == "json")
        *out += QString::fromUtf8(QJsonDocument(QJsonObject { { "files", reports } }).toJson(QJsonDocument::Indented));
    return status;
}

} // namespace locklab
