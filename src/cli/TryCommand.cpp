#include "cli/TryCommand.h"

#include "cli/RunOutput.h"
#include "core/lesson/CountParser.h"
#include "core/lesson/LessonLoader.h"
#include "core/server/ServerSession.h"
#include "core/tryout/TryRunner.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <cstdio>

namespace locklab {

namespace {

void print(const QString& text, FILE* to = stdout)
{
    std::fputs((text + '\n').toUtf8().constData(), to);
    std::fflush(to);
}

bool readText(const QString& path, QString* text)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        print(QString("locklab-cli try: cannot read %1: %2").arg(path, file.errorString()), stderr);
        return false;
    }
    *text = QString::fromUtf8(file.readAll());
    return true;
}

} // namespace

QString TryCommand::usage()
{
    return "Usage: locklab-cli try FILE.sql [--schema DDL.sql] [--rows TABLE=N,...] [--write-probe] [--safe-rewrite]\n"
           "                      [--db URI] [--data-dir DIR] [--out DIR --formats png,svg,pdf,csv,json]\n"
           "Runs the migration on generated tables in the sandbox's own schema (dropped afterwards), with\n"
           "probes and the lock monitor, and prints what was predicted next to what was measured.\n"
           "  --schema FILE   CREATE TABLE statements of the tables it uses (default: the lesson tables)\n"
           "  --rows LIST     rows per table, e.g. large_user=100k,small_user=10 (default 100,000)\n"
           "  --write-probe   probe writes instead of reads\n"
           "  --safe-rewrite  run the generated safe rewrite instead of the migration\n";
}

int TryCommand::run(const QStringList& arguments)
{
    TryRequest request;
    LaunchOptions launch;
    QString file, schemaFile, outDir;
    QStringList formats;
    for (int i = 0; i < arguments.size(); ++i) {
        const QString a = arguments.at(i);
        const bool hasValue = i + 1 < arguments.size();
        if (a == "--help" || a == "-h") {
            print(usage());
            return 0;
        } else if (a == "--write-probe") {
            request.writeProbe = true;
        } else if (a == "--safe-rewrite") {
            request.safeRewrite = true;
        } else if (QStringList { "--schema", "--rows", "--db", "--data-dir", "--out", "--formats" }.contains(a)) {
            if (!hasValue) {
                print(QString("locklab-cli try: %1 needs a value.").arg(a), stderr);
                return 2;
            }
            const QString v = arguments.at(++i);
            if (a == "--schema")
                schemaFile = v;
            else if (a == "--db")
                launch.connectionString = v;
            else if (a == "--data-dir")
                launch.dataDir = v;
            else if (a == "--out")
                outDir = v;
            else if (a == "--formats")
                formats = v.toLower().split(',', Qt::SkipEmptyParts);
            else {
                for (const QString& item : v.split(',', Qt::SkipEmptyParts)) {
                    qint64 n = 0;
                    const QString table = item.section('=', 0, 0).trimmed().toLower();
                    if (table.isEmpty() || !CountParser::parse(item.section('=', 1), &n) || n < 1 || n > 50000000) {
                        print(QString("locklab-cli try: --rows wants TABLE=N with N from 1 to 50,000,000 (got '%1').")
                                  .arg(item),
                              stderr);
                        return 2;
                    }
                    request.rows.insert(table, n);
                }
            }
        } else if (a.startsWith("--")) {
            print(QString("locklab-cli try: unknown option %1.\n%2").arg(a, usage()), stderr);
            return 2;
        } else if (file.isEmpty()) {
            file = a;
        } else {
            print("locklab-cli try: give one migration file.", stderr);
            return 2;
        }
    }
    if (file.isEmpty()) {
        print("locklab-cli try: give the migration file.\n" + usage(), stderr);
        return 2;
    }
    if (!readText(file, &request.migrationSql))
        return 2;
    if (!schemaFile.isEmpty()) {
        if (!readText(schemaFile, &request.schemaSql))
            return 2;
    } else {
        request.schemaSql = TryPlan::lessonSchema(LessonLoader::loadBuiltIn());
    }
    const TryPlan plan = TryPlan::build(request, ProbeSettings());
    if (!plan.ok()) {
        print("locklab-cli try: nothing was run.\n" + plan.error, stderr);
        return 2;
    }
    for (const QString& note : plan.seed.notes)
        print("note: " + note, stderr);

    ServerSession session(launch);
    QString problem;
    if (!session.open(&problem)) {
        print("locklab-cli try: could not open the server: " + problem, stderr);
        return 1;
    }
    print("Using " + session.describe(), stderr);
    int status = 1;
    {
        TryRunner runner(session.sandboxSettings());
        runner.setServerVersion(session.serverVersion());
        QEventLoop loop;
        TryResult result;
        QObject::connect(&runner, &TryRunner::stageChanged, [](const QString& what) { print(what + "...", stderr); });
        QObject::connect(&runner, &TryRunner::finished, &loop, [&](const TryResult& r) {
            result = r;
            loop.quit();
        });
        QString error;
        if (!runner.start(plan, &error)) {
            print("locklab-cli try: " + error, stderr);
            return 2;
        }
        loop.exec();
        if (result.refused) {
            print("locklab-cli try: nothing was run.\n" + result.error, stderr);
            status = 2;
        } else {
            if (request.safeRewrite)
                print("The safe rewrite:\n" + plan.rewrite.sql + plan.rewrite.changes.join('\n') + "\n");
            for (const StatementComparison& row : result.comparison) {
                print(QString("%1 %2").arg(row.statement).arg(row.sql.simplified().left(100)));
                print("    predicted: " + row.predicted);
                print("    measured:  " + row.measured);
                if (row.contradiction)
                    print("    CONTRADICTION: the measurement does not match the prediction.");
            }
            print(result.verdict);
            if (!result.error.isEmpty())
                print("The run failed: " + result.error, stderr);
            if (!outDir.isEmpty() && result.record.samples.size() > 0) {
                QStringList errors;
                for (const QString& path :
                     RunOutput::exportRecord(RunSummary(result.record), outDir,
                                             formats.isEmpty() ? QStringList { "csv", "json" } : formats, &errors))
                    print("wrote " + path, stderr);
                for (const QString& e : errors)
                    print(e, stderr);
            }
            status = result.succeeded && PredictionCheck::contradictions(result.comparison) == 0 ? 0 : 1;
        }
    }
    session.close();
    return status;
}

} // namespace locklab
