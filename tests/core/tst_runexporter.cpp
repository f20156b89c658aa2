#include "RecordBuilders.h"
#include "core/run/RunExporter.h"
#include "core/run/Verdict.h"
#include "core/teach/RunMetrics.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;

namespace {

ProbeSample sample(double startMs, double latencyMs, ProbeOutcome outcome, int probe, const QString& message = {})
{
    ProbeSample s = test::probeSample(startMs, latencyMs, outcome, probe);
    s.scheduledMs = startMs - 0.25;
    s.message = message;
    s.step = "not_null";
    return s;
}

RunRecord record()
{
    RunRecord r;
    r.lessonId = "03_not_null";
    r.lessonTitle = "Add a NOT NULL constraint";
    r.stepId = "not_null";
    r.stepTitle = "Add NOT NULL the way Django does it";
    r.rowCount = 1000000;
    r.serverVersion = "PostgreSQL 16.2";
    r.startedAt = QDateTime(QDate(2024, 5, 17), QTime(9, 30, 0, 125), Qt::UTC);
    r.migrationStartMs = 100;
    r.migrationEndMs = 4300;
    r.endMs = 5000;
    r.succeeded = true;
    r.samples << sample(50, 1.5, ProbeOutcome::Ok, 1)
              << sample(150, 3000, ProbeOutcome::Timeout, 2, "canceling statement due to statement timeout")
              << sample(200, 0, ProbeOutcome::NoFreeConnection, 0)
              << sample(250, 12, ProbeOutcome::Error, 1, "he said \"no\", twice,\nthen left")
              << sample(4400, 0.75, ProbeOutcome::Ok, 1);

    const StatementTiming alter = test::statementTiming("ALTER TABLE large_user ALTER COLUMN status SET NOT NULL", 100,
                                                        4250);
    StatementTiming update = test::statementTiming("UPDATE large_user SET status = 'active'", 4250, 4300);
    update.rowsAffected = 1000000;
    update.error = "boom";
    update.sqlState = "XX000";
    r.statements << alter << update;

    r.locks << test::lockInterval("large_user", "AccessExclusiveLock", "migration", 120, 4320, true, 321);
    return r;
}

// A small RFC 4180 reader, so the test checks what a spreadsheet would see.
QList<QStringList> parseCsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text.at(i + 1) == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            row << field;
            field.clear();
        } else if (c == '\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
        } else {
            field += c;
        }
    }
    if (!field.isEmpty() || !row.isEmpty())
        rows << (row << field);
    return rows;
}

} // namespace

class TestRunExporter : public QObject
{
    Q_OBJECT

private slots:
    void csvHasHeaderAndOneRowPerSample()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("run.csv");
        QString error;
        QVERIFY2(RunExporter::writeCsv(record(), path, &error), qPrintable(error));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(file.readAll()));
        QCOMPARE(rows.size(), record().samples.size() + 1);
        QCOMPARE(rows.first().join(','),
                 QString("scheduled_ms,start_ms,latency_ms,outcome,probe,step,message,waited_on_lock,kind"));
        for (const QStringList& row : rows)
            QCOMPARE(row.size(), qsizetype(9));
        QCOMPARE(rows.at(1), (QStringList { "49.750", "50.000", "1.500", "ok", "1", "not_null", "", "0", "read" }));
    }

    void csvOutcomesAndQuoting_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("outcome");
        QTest::addColumn<QString>("probe");
        QTest::addColumn<QString>("message");
        QTest::newRow("timeout") << 2 << "timeout"
                                 << "2"
                                 << "canceling statement due to statement timeout";
        QTest::newRow("no free connection") << 3 << "no_free_connection"
                                            << "0"
                                            << "";
        QTest::newRow("error with comma, quotes, newline") << 4 << "error"
                                                           << "1"
                                                           << "he said \"no\", twice,\nthen left";
    }

    void csvOutcomesAndQuoting()
    {
        QFETCH(int, row);
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(RunExporter::toCsv(record())));
        const QStringList fields = rows.at(row);
        QTEST(fields.at(3), "outcome");
        QTEST(fields.at(4), "probe");
        QTEST(fields.at(6), "message");
    }

    void csvQuotesRawText()
    {
        const QString csv = QString::fromUtf8(RunExporter::toCsv(record()));
        QVERIFY(csv.contains("\"he said \"\"no\"\", twice,\nthen left\""));
    }

    void csvMarksInFlightProbes()
    {
        RunRecord r = record();
        r.samples[0].inFlight = true;
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(RunExporter::toCsv(r)));
        QCOMPARE(rows.at(1).at(2), QString()); // no latency yet
        QCOMPARE(rows.at(1).at(3), QString("in_flight"));
    }

    void csvMarksLockWaits()
    {
        RunRecord r = record();
        LockInterval wait;
        wait.holder = QString("probe %1").arg(r.samples[1].probe);
        wait.relation = "large_user";
        wait.mode = "AccessShareLock";
        wait.granted = false;
        wait.fromMs = wait.toMs = r.samples[1].startMs + 1;
        r.locks << wait;
        const QList<QStringList> rows = parseCsv(QString::fromUtf8(RunExporter::toCsv(r)));
        QCOMPARE(rows.at(1).at(7), QString("0"));
        QCOMPARE(rows.at(2).at(7), QString("1"));
    }

    void emptyRecordCsvIsJustTheHeader()
    {
        QCOMPARE(RunExporter::toCsv(RunRecord()), (RunExporter::csvHeader() + '\n').toUtf8());
    }

    void jsonRoundTrip()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath("run.json");
        const RunRecord r = record();
        QString error;
        QVERIFY2(RunExporter::writeJson(RunSummary(r), path, &error), qPrintable(error));

        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QJsonObject json = doc.object();

        for (const char* key : { "lesson", "step", "row_count", "server_version", "started_at", "succeeded",
                                 "cancelled", "error", "statements", "locks", "statistics", "verdict", "sample_count" })
            QVERIFY2(json.contains(QLatin1String(key)), key);
        QCOMPARE(json["lesson"].toString(), QString("03_not_null"));
        QCOMPARE(json["step"].toString(), QString("not_null"));
        QCOMPARE(json["row_count"].toInteger(), 1000000);
        QCOMPARE(json["server_version"].toString(), QString("PostgreSQL 16.2"));
        QCOMPARE(json["started_at"].toString(), QString("2024-05-17T09:30:00.125Z"));
        QCOMPARE(json["succeeded"].toBool(), true);
        QCOMPARE(json["cancelled"].toBool(), false);
        QCOMPARE(json["sample_count"].toInt(), 5);
        QCOMPARE(json["verdict"].toString(), Verdict::describe(RunSummary(r)));

        const QJsonArray statements = json["statements"].toArray();
        QCOMPARE(statements.size(), 2);
        const QJsonObject alter = statements.at(0).toObject();
        QCOMPARE(alter["sql"].toString(), r.statements.at(0).sql);
        QCOMPARE(alter["duration_ms"].toDouble(), 4150.0);
        QVERIFY(alter["rows_affected"].isNull()); // -1: not applicable
        const QJsonObject update = statements.at(1).toObject();
        QCOMPARE(update["rows_affected"].toInteger(), 1000000);
        QCOMPARE(update["error"].toString(), QString("boom"));
        QCOMPARE(update["sqlstate"].toString(), QString("XX000"));
        for (const char* key : { "start_ms", "end_ms" })
            QVERIFY2(update.contains(QLatin1String(key)), key);

        const QJsonObject lock = json["locks"].toArray().at(0).toObject();
        QCOMPARE(lock["pid"].toInt(), 321);
        QCOMPARE(lock["holder"].toString(), QString("migration"));
        QCOMPARE(lock["relation"].toString(), QString("large_user"));
        QCOMPARE(lock["mode"].toString(), QString("AccessExclusiveLock"));
        QCOMPARE(lock["granted"].toBool(), true);
        QCOMPARE(lock["from_ms"].toDouble(), 120.0);
        QCOMPARE(lock["to_ms"].toDouble(), 4320.0);
        QCOMPARE(lock["duration_ms"].toDouble(), 4200.0);

        const QJsonObject stats = json["statistics"].toObject();
        QCOMPARE(stats["ok_count"].toInt(), 2);
        QCOMPARE(stats["timeout_count"].toInt(), 1);
        QCOMPARE(stats["error_count"].toInt(), 1);
        QCOMPARE(stats["no_free_connection_count"].toInt(), 1);
        QCOMPARE(stats["p50_ms"].toDouble(), 1.5);
        QCOMPARE(stats["max_ms"].toDouble(), 3000.0);
        // Nobody saw the timed-out probe wait on a lock: slow, not blocked.
        QCOMPARE(stats["blocked_ms"].toDouble(), 0.0);
        QCOMPARE(stats["lock_wait_count"].toInt(), 0);
        QCOMPARE(stats["slow_count"].toInt(), 1);
        QCOMPARE(stats["slow_ms"].toDouble(), 3000.0);
        QVERIFY(stats["longest_blocked"].isNull());
        QCOMPARE(stats["longest_locks"].toArray().size(), 1);
    }

    void jsonOfEmptyRecordHasNullsNotZeros()
    {
        const QJsonObject json = RunExporter::toJson(RunSummary(RunRecord()));
        QVERIFY(json["started_at"].isNull());
        QCOMPARE(json["sample_count"].toInt(), 0);
        const QJsonObject stats = json["statistics"].toObject();
        for (const char* key : { "p50_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms", "longest_blocked" })
            QVERIFY2(stats[QLatin1String(key)].isNull(), key);
        // A default record has not succeeded: the verdict says so before the (absent) reads.
        QCOMPARE(json["verdict"].toString(), QString("The step did not finish. No probes ran during this step."));
    }

    void unwritablePathFailsNamingThePath_data()
    {
        QTest::addColumn<bool>("json");
        QTest::newRow("csv") << false;
        QTest::newRow("json") << true;
    }

    void unwritablePathFailsNamingThePath()
    {
        QFETCH(bool, json);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A path below a regular file cannot be created, even by root.
        const QString blocker = dir.filePath("not-a-directory");
        QFile file(blocker);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const QString path = blocker + "/run.out";

        QString error;
        const bool ok = json ? RunExporter::writeJson(RunSummary(record()), path, &error)
                             : RunExporter::writeCsv(record(), path, &error);
        QVERIFY(!ok);
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!QFileInfo::exists(path));

        QVERIFY(!RunExporter::writeCsv(record(), QString(), &error));
        QVERIFY(!error.isEmpty());
    }

    // One way through: the record's statistics are computed when its summary
    // is made (whole run, each series, each series during the migration) and
    // never again by the exports, the verdict, the headline or the metrics
    // that read it. (Before, one JSON export computed them four times.)
    void statisticsAreComputedOnce_data()
    {
        QTest::addColumn<bool>("writes");
        QTest::addColumn<quint64>("computations");
        QTest::newRow("reads only: the run, during the migration") << false << quint64(2);
        QTest::newRow("reads and writes: the run, each series, each during the migration") << true << quint64(5);
    }

    void statisticsAreComputedOnce()
    {
        QFETCH(bool, writes);
        QFETCH(quint64, computations);
        RunRecord run = record();
        if (writes) {
            ProbeSample write = sample(300, 2.5, ProbeOutcome::Ok, 3);
            write.kind = ProbeKind::Write;
            run.samples << write;
        }
        quint64 before = RunStatistics::computeCount();
        const RunSummary summary(run);
        QCOMPARE(RunStatistics::computeCount() - before, computations);

        before = RunStatistics::computeCount();
        const QJsonObject json = RunExporter::toJson(summary);
        const QString verdict = Verdict::describe(summary);
        const QString headline = Verdict::headline(summary);
        const RunMetrics metrics(summary);
        QTemporaryDir dir;
        QString error;
        QVERIFY2(RunExporter::writeJson(summary, dir.filePath("run.json"), &error), qPrintable(error));
        QCOMPARE(RunStatistics::computeCount() - before, quint64(0));

        // What they show is what the summary holds.
        QCOMPARE(json["verdict"].toString(), verdict);
        QCOMPARE(json["headline"].toString(), headline);
        QCOMPARE(json["statistics"].toObject()["blocked_ms"].toDouble(), summary.statistics().blockedMs);
        QCOMPARE(json["series"].toObject().size(), writes ? 2 : 1);
        QCOMPARE(metrics.value("reads"), double(summary.seriesStatistics(ProbeKind::Read).sampleCount));
        QCOMPARE(metrics.value("writes"), writes ? 1.0 : 0.0);
    }

    void overwritesAnExistingFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("run.csv");
        QFile old(path);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.write("stale content that is longer than the new file would be ............................"
                  "...............................................................................");
        old.close();
        QVERIFY(RunExporter::writeCsv(RunRecord(), path, nullptr));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), (RunExporter::csvHeader() + '\n').toUtf8());
    }
};

QTEST_GUILESS_MAIN(TestRunExporter)
#include "tst_runexporter.moc"
