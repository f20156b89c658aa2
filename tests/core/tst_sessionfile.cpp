// Session files (.locklab): save -> open gives the same runs, statistics and
// verdicts; damaged, truncated, foreign and newer files are refused with a
// message that says so.
#include "../gui/SyntheticRuns.h"
#include "core/run/RunExporter.h"
#include "core/run/RunStatistics.h"
#include "core/run/Verdict.h"
#include "core/session/GzipCodec.h"
#include "core/session/SessionFile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace locklab;
using namespace locklab::test;

class TstSessionFile : public QObject
{
    Q_OBJECT

    QList<RunRecord> twoRuns()
    {
        RunRecord risky = riskyRun();
        risky.parameters = { { "rows", 1000000 }, { "batch_size", 10000 } };
        RunRecord safe = safeRun();
        ProbeSample stuck = makeSample(safe.endMs - 20, 0);
        stuck.inFlight = true;
        stuck.step = QStringLiteral("backfill, \"quoted\"\nline");
        safe.samples.append(stuck);
        return { risky, safe };
    }

    static QJsonObject statsJson(const RunRecord& record) { return RunExporter::toJson(RunSummary(record)); }

private slots:
    void roundTripKeepsEverything()
    {
        const QList<RunRecord> runs = twoRuns();
        QTemporaryDir dir;
        const QString path = dir.filePath("workshop.locklab");
        QString error;
        QVERIFY2(SessionFile::save(runs, path, &error), qPrintable(error));
        Session session;
        QVERIFY2(SessionFile::load(path, &session, &error), qPrintable(error));
        QCOMPARE(session.schemaVersion, SessionFile::kSchemaVersion);
        QCOMPARE(session.locklabVersion, QStringLiteral(LOCKLAB_VERSION));
        QCOMPARE(session.runs.size(), runs.size());
        for (int i = 0; i < runs.size(); ++i) {
            const RunRecord& a = runs.at(i);
            const RunRecord& b = session.runs.at(i);
            QCOMPARE(b.lessonId, a.lessonId);
            QCOMPARE(b.stepTitle, a.stepTitle);
            QCOMPARE(b.parameters, a.parameters);
            QCOMPARE(b.serverVersion, a.serverVersion);
            QCOMPARE(b.startedAt, a.startedAt);
            QCOMPARE(b.samples.size(), a.samples.size());
            QCOMPARE(b.samples.last().inFlight, a.samples.last().inFlight);
            QCOMPARE(b.samples.last().step, a.samples.last().step);
            QCOMPARE(b.statements.size(), a.statements.size());
            QCOMPARE(b.locks.size(), a.locks.size());
            // Identical statistics and verdict text: the exported JSON summary
            // (every statistic, the verdict and the headline) matches field for field.
            QCOMPARE(statsJson(b), statsJson(a));
            QCOMPARE(Verdict::describe(RunSummary(b)), Verdict::describe(RunSummary(a)));
            QCOMPARE(RunExporter::toCsv(b), RunExporter::toCsv(a));
        }
    }

    // Lesson 6 and the retry engine add fields: write samples, actors, the pre-flight's warnings, who blocked a
    // wait, the try a statement ran in. All of them come back.
    void actorsSeriesAndRetriesSurvive()
    {
        RunRecord run = lockQueueRun();
        run.preflightWarnings = { "pid 4711 (forgotten psql) has been idle in transaction for 42 s" };
        run.statements[1].attempt = 2;
        run.statements[1].sqlState = "55P03";
        run.locks[2].blockedBy = "nightly report, migration";
        run.succeeded = false;
        run.failedAsExpected = true;
        run.error = "ERROR: canceling statement due to statement timeout";
        QTemporaryDir dir;
        const QString path = dir.filePath("queue.locklab");
        QString error;
        QVERIFY2(SessionFile::save({ run }, path, &error), qPrintable(error));
        Session session;
        QVERIFY2(SessionFile::load(path, &session, &error), qPrintable(error));
        const RunRecord& back = session.runs.first();
        QCOMPARE(back.preflightWarnings, run.preflightWarnings);
        QVERIFY(back.failedAsExpected);
        QCOMPARE(back.statements.at(1).attempt, 2);
        QCOMPARE(back.locks.at(2).blockedBy, QString("nightly report, migration"));
        QCOMPARE(back.actors.size(), 1);
        QCOMPARE(back.actors.first().name, QString("nightly report"));
        QCOMPARE(back.actors.first().kind, QString("long_query"));
        QCOMPARE(back.actors.first().endMs, run.actors.first().endMs);
        int writes = 0;
        for (const ProbeSample& sample : back.samples)
            writes += sample.kind == ProbeKind::Write ? 1 : 0;
        QCOMPARE(writes, int(run.samples.size() / 2));
        QCOMPARE(Verdict::describe(RunSummary(back)), Verdict::describe(RunSummary(run)));
        QCOMPARE(Verdict::headline(RunSummary(back)), Verdict::headline(RunSummary(run)));
        QVERIFY2(Verdict::headline(RunSummary(back)).contains("writes blocked"),
                 qPrintable(Verdict::headline(RunSummary(back))));
        QCOMPARE(RunExporter::toCsv(back), RunExporter::toCsv(run));
    }

    void fileIsGzipReadableByZcat()
    {
        const QByteArray data = SessionFile::encode(twoRuns());
        QVERIFY(GzipCodec::looksCompressed(data));
        QTemporaryDir dir;
        QFile file(dir.filePath("s.locklab"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(data);
        file.close();
        const QString gzip = QStandardPaths::findExecutable("gzip");
        QVERIFY2(!gzip.isEmpty(), "gzip is part of every Debian system");
        QProcess zcat;
        zcat.start(gzip, { "-dc", file.fileName() });
        QVERIFY(zcat.waitForFinished(10000));
        const QJsonObject root = QJsonDocument::fromJson(zcat.readAllStandardOutput()).object();
        QCOMPARE(root.value("format").toString(), QStringLiteral("locklab-session"));
        QCOMPARE(root.value("runs").toArray().size(), 2);
    }

    void oneHourRunStaysSmall()
    {
        RunRecord run = riskyRun();
        run.samples.clear();
        for (int i = 0; i < 72000; ++i)
            run.samples.append(makeSample(i * 50.0, fastLatency(i), ProbeOutcome::Ok, 1 + i % 4));
        const QByteArray data = SessionFile::encode({ run });
        qInfo("72,000 samples: %lld bytes compressed", qint64(data.size()));
        QVERIFY(data.size() < 3 * 1024 * 1024);
        Session session;
        QString error;
        QVERIFY2(SessionFile::decode(data, &session, &error), qPrintable(error));
        QCOMPARE(session.runs.first().samples.size(), 72000);
    }

    void truncatedFileIsRefused()
    {
        const QByteArray data = SessionFile::encode(twoRuns());
        for (const qsizetype cut : { qsizetype(10), data.size() / 2, data.size() - 4 }) {
            Session session;
            QString error;
            QVERIFY(!SessionFile::decode(data.left(cut), &session, &error));
            QVERIFY2(error.contains("truncated"), qPrintable(error));
        }
    }

    void corruptFileIsRefused()
    {
        QByteArray data = SessionFile::encode(twoRuns());
        for (qsizetype i = 40; i < 60; ++i)
            data[i] = char(data[i] ^ 0x5a);
        Session session;
        QString error;
        QVERIFY(!SessionFile::decode(data, &session, &error));
        QVERIFY2(error.contains("damaged"), qPrintable(error));

        // Valid gzip, broken JSON.
        QVERIFY(!SessionFile::decode(GzipCodec::compress("{\"format\": \"locklab-session\", \"runs\": ["), &session,
                                     &error));
        QVERIFY2(error.contains("damaged"), qPrintable(error));

        // Valid JSON, a field of the wrong type.
        QJsonObject root = QJsonDocument::fromJson(GzipCodecUnpack(SessionFile::encode(twoRuns()))).object();
        QJsonArray runs = root.value("runs").toArray();
        QJsonObject run = runs.at(0).toObject();
        run.insert("end_ms", "soon");
        runs.replace(0, run);
        root.insert("runs", runs);
        QVERIFY(!SessionFile::decode(QJsonDocument(root).toJson(), &session, &error));
        QVERIFY2(error.contains("damaged") && error.contains("end_ms"), qPrintable(error));

        QVERIFY(!SessionFile::decode("PNG not a session", &session, &error));
        QVERIFY2(error.contains("not a LockLab session"), qPrintable(error));
        QVERIFY(!SessionFile::decode(QByteArray(), &session, &error));
        QVERIFY2(error.contains("empty"), qPrintable(error));
    }

    void newerFileSaysSo()
    {
        QJsonObject root = QJsonDocument::fromJson(GzipCodecUnpack(SessionFile::encode(twoRuns()))).object();
        root.insert("schema_version", SessionFile::kSchemaVersion + 1);
        root.insert("locklab_version", "9.0.0");
        Session session;
        QString error;
        QVERIFY(!SessionFile::decode(GzipCodec::compress(QJsonDocument(root).toJson()), &session, &error));
        QVERIFY2(error.contains("newer LockLab (9.0.0") && error.contains("Update LockLab"), qPrintable(error));
    }

    void olderFileWithoutNewFieldsOpens()
    {
        // A run written before a field existed keeps that field's default.
        QJsonObject root = QJsonDocument::fromJson(GzipCodecUnpack(SessionFile::encode(twoRuns()))).object();
        QJsonArray runs = root.value("runs").toArray();
        QJsonObject run = runs.at(0).toObject();
        run.remove("parameters");
        run.remove("blocked_threshold_ms");
        runs.replace(0, run);
        root.insert("runs", runs);
        Session session;
        QString error;
        QVERIFY2(SessionFile::decode(QJsonDocument(root).toJson(), &session, &error), qPrintable(error));
        QVERIFY(session.runs.first().parameters.isEmpty());
        QCOMPARE(session.runs.first().blockedThresholdMs, RunRecord().blockedThresholdMs);
    }

    void missingFileNamesThePath()
    {
        Session session;
        QString error;
        QVERIFY(!SessionFile::load("/nonexistent/dir/x.locklab", &session, &error));
        QVERIFY2(error.startsWith("Cannot open /nonexistent/dir/x.locklab"), qPrintable(error));
    }

private:
    static QByteArray GzipCodecUnpack(const QByteArray& data)
    {
        QByteArray out;
        QString error;
        if (!GzipCodec::decompress(data, &out, &error))
            qFatal("%s", qPrintable(error));
        return out;
    }
};

QTEST_GUILESS_MAIN(TstSessionFile)
#include "tst_sessionfile.moc"
