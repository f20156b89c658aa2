#include "SqlCheck.h"
#include "StepRun.h"
#include "TestServer.h"
#include "cli/ClassroomCommand.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/LessonRunner.h"
#include "core/run/ProbeCoverage.h"
#include "core/run/Verdict.h"
#include "core/server/ConnectionBudget.h"
#include "core/server/DatabaseConnection.h"
#include "core/server/Sandbox.h"
#include "core/server/ServerSession.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>
#include <QtTest>

using namespace locklab;

// A class on one shared server: prepare/drop make and remove exactly the
// attendees' roles and sandboxes, an attendee sees only their own database,
// the classroom profile stays at 4 connections, a full server is refused at
// start, and probes that cannot connect give "measurement incomplete".
class TestClassroom : public QObject
{
    Q_OBJECT

private:
    test::TestServer* m_server = nullptr;
    std::unique_ptr<DatabaseConnection> m_admin;
    QTemporaryDir m_dir;

    QString instructorUri() const
    {
        const ConnectionSettings s = m_server->server().connectionSettings("postgres");
        return QString("host=%1 port=%2 user=%3 dbname=postgres").arg(s.host).arg(s.port).arg(s.user);
    }

    ConnectionSettings attendee(int n) const
    {
        ConnectionSettings s = m_server->server().connectionSettings(
            Sandbox::externalDatabaseName(ClassroomCommand::roleName("ws", n)));
        s.user = ClassroomCommand::roleName("ws", n);
        return s;
    }

    QStringList names(const QString& sql)
    {
        QSqlQuery query(m_admin->database());
        if (!query.exec(sql))
            qWarning("%s", qPrintable(query.lastError().text()));
        QStringList result;
        while (query.next())
            result << query.value(0).toString();
        return result;
    }

    bool exec(DatabaseConnection& c, const QString& sql) { return test::execOrWarn(c.database(), sql); }

    int classroom(const QStringList& args)
    {
        return ClassroomCommand::main(QStringList { "locklab-cli", "classroom" } + args);
    }

    RunRecord runStep(LessonRunner& runner, const LessonLibrary& library, const QString& lesson, int step,
                      const QVariantMap& parameters = {})
    {
        return test::runStepAndWait(runner, library, lesson, step, parameters, 120000);
    }

private slots:
    void initTestCase()
    {
        QString error = test::prepareStepRuns(&m_server);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_admin = std::make_unique<DatabaseConnection>(m_server->server().connectionSettings("postgres"), "test-admin");
        QVERIFY2(m_admin->open(&error), qPrintable(error));
        // Someone else's role and database with a name prepare could have used: drop must leave them.
        QVERIFY(exec(*m_admin, "CREATE ROLE ws_other LOGIN"));
        QVERIFY(exec(*m_admin, "CREATE ROLE ws04 LOGIN"));
        QVERIFY(exec(*m_admin, "CREATE DATABASE locklab_ws_other"));
    }

    void refusesBadUsage()
    {
        QCOMPARE(classroom({ "prepare", "--attendees", "3" }), 2); // no --db
        QCOMPARE(classroom({ "prepare", "--db", instructorUri(), "--attendees", "0" }), 2);
        QCOMPARE(classroom({ "prepare", "--db", instructorUri(), "--attendees", "3", "--prefix", "Bad-Name" }), 2);
        QCOMPARE(classroom({ "shuffle", "--db", instructorUri() }), 2);
        QVERIFY(names("SELECT rolname FROM pg_roles WHERE rolname LIKE 'ws0%'") == QStringList { "ws04" });
    }

    void prepareMakesOneRoleAndMarkedSandboxPerAttendee()
    {
        const QString sheet = m_dir.filePath("sheet.md");
        QCOMPARE(classroom({ "prepare", "--db", instructorUri(), "--attendees", "3", "--out", sheet }), 0);
        QCOMPARE(names("SELECT rolname FROM pg_roles WHERE rolname ~ '^ws[0-9]+$' ORDER BY 1"),
                 (QStringList { "ws01", "ws02", "ws03", "ws04" }));
        QCOMPARE(names("SELECT datname FROM pg_database WHERE datname LIKE 'locklab_ws%' ORDER BY 1"),
                 (QStringList { "locklab_ws01", "locklab_ws02", "locklab_ws03", "locklab_ws_other" }));
        QFile file(sheet);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(file.readAll());
        for (int i = 1; i <= 3; ++i)
            QVERIFY2(text.contains(QString("postgresql://ws0%1:").arg(i)), qPrintable(text));
        QVERIFY(!(file.permissions() & (QFile::ReadOther | QFile::ReadGroup))); // it holds passwords
        QVERIFY(QFileInfo(m_dir.filePath("sheet.pdf")).size() > 1000);

        for (int i = 1; i <= 3; ++i) {
            DatabaseConnection own(attendee(i), "test-attendee");
            QString error;
            QVERIFY2(own.open(&error), qPrintable(error));
            QVERIFY(Sandbox::isMarked(own.database()));
            // The attendee can use it the way LockLab does (tables in public and in locklab).
            QVERIFY(exec(own, "CREATE TABLE public.t (id int)"));
            QVERIFY(exec(own, "CREATE TABLE locklab.t (id int)"));
        }
        // Nobody may connect to another attendee's database.
        ConnectionSettings intruder = attendee(2);
        intruder.database = attendee(1).database;
        DatabaseConnection foreign(intruder, "test-intruder");
        QString error;
        QVERIFY(!foreign.open(&error));
        QVERIFY2(error.contains("permission denied") || error.contains("CONNECT"), qPrintable(error));

        // A second prepare over the same names refuses and changes nothing.
        QCOMPARE(classroom({ "prepare", "--db", instructorUri(), "--attendees", "2", "--out", sheet }), 1);
    }

    void attendeeSeesOnlyOwnDatabaseAndStaysWithinFourConnections()
    {
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        // Attendee 2 holds ACCESS EXCLUSIVE on a table of the same name in their database all along.
        DatabaseConnection other(attendee(2), "test-other-attendee");
        QString error;
        QVERIFY2(other.open(&error), qPrintable(error));
        QVERIFY(exec(other, "CREATE TABLE large_user (id bigint)"));
        QVERIFY(exec(other, "BEGIN"));
        QVERIFY(exec(other, "LOCK TABLE large_user IN ACCESS EXCLUSIVE MODE"));

        LessonRunner runner(attendee(1));
        ProbeSettings probes;
        ConnectionBudget::applyClassroomProfile(&probes);
        probes.leadMs = 300;
        probes.tailMs = 300;
        runner.setProbeSettings(probes);
        QVERIFY(runStep(runner, library, "seed", 0, { { "rows", 5000 } }).succeeded);

        int most = 0;
        QTimer counter;
        connect(&counter, &QTimer::timeout, this, [&]() {
            const QStringList n = names(
                QString("SELECT count(*) FROM pg_stat_activity WHERE datname = '%1'").arg(attendee(1).database));
            most = qMax(most, n.value(0).toInt());
        });
        counter.start(20);
        const RunRecord record = runStep(runner, library, "nullable", 0);
        counter.stop();
        QVERIFY2(record.succeeded, qPrintable(record.error));
        qInfo("classroom profile: at most %d connections to the attendee's database during a step", most);
        QVERIFY2(most >= 3 && most <= 4, qPrintable(QString::number(most)));
        for (const LockInterval& lock : record.locks)
            QVERIFY2(lock.pid != other.backendPid(), "another attendee's lock appeared in the record");
        QVERIFY(!Verdict::describe(RunSummary(record)).contains("ACCESS EXCLUSIVE lock held by"));
        QVERIFY(exec(other, "ROLLBACK"));
    }

    void fullServerIsRefusedAtStartWithWhatToDo()
    {
        LaunchOptions launch;
        const ConnectionSettings s = attendee(3);
        launch.connectionString
            = QString("host=%1 port=%2 user=%3 dbname=%4").arg(s.host).arg(s.port).arg(s.user, s.database);
        launch.connectionsNeeded = 1000;
        ServerSession session(launch);
        QString error;
        QVERIFY(!session.open(&error));
        QVERIFY2(error.contains("max_connections") && error.contains("classroom"), qPrintable(error));
        launch.connectionsNeeded = 4;
        ServerSession fits(launch);
        QVERIFY2(fits.open(&error), qPrintable(error));
        QVERIFY(fits.room().available() >= 4);
    }

    void probesThatCannotConnectMakeTheMeasurementIncomplete()
    {
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        LessonRunner runner(attendee(3));
        ProbeSettings probes;
        probes.leadMs = 300;
        probes.tailMs = 300;
        runner.setProbeSettings(probes);
        QVERIFY(runStep(runner, library, "seed", 0, { { "rows", 2000 } }).succeeded);
        // Room for the migration and the lock monitor, none for the four probes.
        QVERIFY(exec(*m_admin, "ALTER ROLE ws03 CONNECTION LIMIT 2"));
        const RunRecord record = runStep(runner, library, "nullable", 0);
        QVERIFY(exec(*m_admin, "ALTER ROLE ws03 CONNECTION LIMIT 8"));
        const QString verdict = Verdict::describe(RunSummary(record));
        qInfo("%s", qPrintable(verdict));
        QVERIFY2(ProbeCoverage::notConnectedCount(record) > 0, qPrintable(verdict));
        QVERIFY2(verdict.contains("Measurement incomplete"), qPrintable(verdict));
    }

    void dropRemovesExactlyWhatPrepareMade()
    {
        QCOMPARE(classroom({ "drop", "--db", instructorUri() }), 0);
        QCOMPARE(names("SELECT rolname FROM pg_roles WHERE rolname LIKE 'ws%' ORDER BY 1"),
                 (QStringList { "ws04", "ws_other" }));
        QCOMPARE(names("SELECT datname FROM pg_database WHERE datname LIKE 'locklab_ws%' ORDER BY 1"),
                 QStringList { "locklab_ws_other" });
        QCOMPARE(classroom({ "drop", "--db", instructorUri() }), 0); // nothing left to drop: fine
    }

    void cleanupTestCase()
    {
        if (!m_admin)
            return;
        exec(*m_admin, "DROP DATABASE IF EXISTS locklab_ws_other");
        exec(*m_admin, "DROP ROLE IF EXISTS ws_other");
        exec(*m_admin, "DROP ROLE IF EXISTS ws04");
        m_admin.reset();
    }
};

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
