#include "core/server/ConnectionSettings.h"
#include "core/server/DatabaseConnection.h"

#include <QSqlDatabase>
#include <QtTest>

using namespace locklab;

class TestConnectionSettings : public QObject
{
    Q_OBJECT

private slots:
    void parsesUrisAndKeyValueStrings_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("database");
        QTest::newRow("full uri") << "postgresql://ann:s3cret@db.example.org:6543/shop"
                                  << "db.example.org" << 6543 << "ann"
                                  << "s3cret"
                                  << "shop";
        QTest::newRow("short scheme") << "postgres://bob@localhost/app"
                                      << "localhost" << 0 << "bob"
                                      << ""
                                      << "app";
        QTest::newRow("percent-encoded socket") << "postgresql://%2Fvar%2Frun%2Fpostgresql/x"
                                                << "/var/run/postgresql" << 0 << ""
                                                << ""
                                                << "x";
        QTest::newRow("host query parameter") << "postgresql:///db?host=/tmp/sock&port=5433"
                                              << "/tmp/sock" << 5433 << ""
                                              << ""
                                              << "db";
        QTest::newRow("key value") << "host=10.0.0.5 port=5432 user=carol dbname='my db'"
                                   << "10.0.0.5" << 5432 << "carol"
                                   << ""
                                   << "my db";
        QTest::newRow("password with specials") << "postgresql://dan:p%40ss%3Aword@h/d"
                                                << "h" << 0 << "dan"
                                                << "p@ss:word"
                                                << "d";
    }

    void parsesUrisAndKeyValueStrings()
    {
        QFETCH(QString, input);
        QString error = "not cleared";
        const auto settings = ConnectionSettings::fromConnectionString(input, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QTEST(settings.host, "host");
        QTEST(settings.port, "port");
        QTEST(settings.user, "user");
        QTEST(settings.password, "password");
        QTEST(settings.database, "database");
    }

    void keepsOtherOptions()
    {
        QString error;
        const auto settings = ConnectionSettings::fromConnectionString(
            "postgresql://h/d?sslmode=require&connect_timeout=4", &error);
        QVERIFY(error.isEmpty());
        QCOMPARE(settings.options.value("sslmode"), QString("require"));
        QCOMPARE(settings.options.value("connect_timeout"), QString("4"));
    }

    void rejectsMalformedStrings_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("unknown option") << "postgresql://h/d?frobnicate=1"
                                        << "frobnicate";
        QTest::newRow("bad port") << "postgresql://h:notaport/d"
                                  << "port";
        QTest::newRow("unterminated quote") << "host='oops"
                                            << "could not be parsed";
        QTest::newRow("garbage") << "this is not a uri"
                                 << "could not be parsed";
        QTest::newRow("port out of range") << "host=h port=70000"
                                           << "70000";
    }

    void rejectsMalformedStrings()
    {
        QFETCH(QString, input);
        QFETCH(QString, mentions);
        QString error;
        ConnectionSettings::fromConnectionString(input, &error);
        QVERIFY2(error.contains(mentions, Qt::CaseInsensitive), qPrintable(error));
    }

    void displayNeverShowsThePassword()
    {
        QString error;
        const auto settings = ConnectionSettings::fromConnectionString("postgresql://ann:hunter2@h:5432/d", &error);
        const QString shown = settings.displayString();
        QVERIFY(!shown.contains("hunter2"));
        QCOMPARE(shown, QString("ann:***@h:5432/d"));
    }

    void environmentNamesAServer()
    {
        const QByteArray saved = qgetenv("PGHOST");
        qunsetenv("PGHOST");
        for (const char* name : { "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE" })
            qunsetenv(name);
        QVERIFY(!ConnectionSettings::environmentNamesAServer());
        qputenv("PGHOST", "db.example.org");
        QVERIFY(ConnectionSettings::environmentNamesAServer());
        // libpq's defaults reflect the environment, so the UI can show the real target.
        QCOMPARE(ConnectionSettings().resolvedWithLibpqDefaults().host, QString("db.example.org"));
        qputenv("PGHOST", saved);
        if (saved.isEmpty())
            qunsetenv("PGHOST");
    }

    void applyToSetsApplicationName()
    {
        ConnectionSettings settings;
        settings.host = "/tmp/sock dir";
        settings.port = 5544;
        settings.user = "u";
        settings.database = "d";
        QSqlDatabase db = QSqlDatabase::addDatabase("QPSQL", "apply-test");
        settings.applyTo(db, "locklab-probe-1");
        QCOMPARE(db.hostName(), QString("/tmp/sock dir"));
        QCOMPARE(db.port(), 5544);
        QVERIFY(db.connectOptions().contains("application_name=locklab-probe-1"));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase("apply-test");
    }

    void explainsConnectionFailures_data()
    {
        QTest::addColumn<QString>("driverMessage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("auth") << "FATAL:  password authentication failed for user \"ann\""
                              << "user name or password";
        QTest::newRow("no db") << "FATAL:  database \"nope\" does not exist"
                               << "does not exist";
        QTest::newRow("refused") << "connection to server at \"127.0.0.1\", port 1 failed: Connection refused"
                                 << "No PostgreSQL server answered";
        QTest::newRow("dns") << "could not translate host name \"nohost.invalid\" to address"
                             << "could not be resolved";
        QTest::newRow("not postgres") << "server closed the connection unexpectedly"
                                      << "not a PostgreSQL server";
    }

    void explainsConnectionFailures()
    {
        QFETCH(QString, driverMessage);
        QFETCH(QString, expected);
        ConnectionSettings settings;
        settings.host = "h";
        settings.database = "nope";
        settings.password = "secret";
        const QString text = DatabaseConnection::explainConnectionError(driverMessage, settings);
        QVERIFY2(text.contains(expected), qPrintable(text));
        QVERIFY(text.contains(driverMessage));
        QVERIFY(!text.contains("secret"));
    }

    void masksPasswordsInMessages_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QStringList>("passwords");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<QString>("expected");
        QTest::newRow("echoed token") << "invalid percent-encoded token: \"hun%zzter\""
                                      << ConnectionSettings::passwordsIn("postgresql://ann:hun%zzter@h/d")
                                      << "hun%zzter"
                                      << "invalid percent-encoded token: \"***\"";
        QTest::newRow("key=value") << "missing \"=\" after \"x\": host=h password=s3cr3t x" << QStringList() << "s3cr3t"
                                   << "missing \"=\" after \"x\": host=h password=*** x";
        QTest::newRow("quoted with a space") << "options: password = 'my s3cret' host=h" << QStringList() << "s3cret"
                                             << "options: password = *** host=h";
        QTest::newRow("uri") << "bad: postgresql://ann:hunter2@h/d" << QStringList() << "hunter2"
                             << "bad: postgresql://ann:***@h/d";
        QTest::newRow("given password") << "failed for hunter2 at h" << QStringList { "hunter2" } << "hunter2"
                                        << "failed for *** at h";
        QTest::newRow("given, conninfo-quoted") << "at 'it\\'s'" << QStringList { "it's" } << "it\\'s"
                                                << "at '***'";
        QTest::newRow("short password only where it stands alone") << "about ab: ab" << QStringList { "ab" } << " ab"
                                                                   << "about ***: ***";
        QTest::newRow("nothing to mask") << "Connection refused" << QStringList { "hunter2" } << "hunter2"
                                         << "Connection refused";
    }

    void masksPasswordsInMessages()
    {
        QFETCH(QString, text);
        QFETCH(QStringList, passwords);
        QFETCH(QString, secret);
        const QString masked = ConnectionSettings::maskPasswords(text, passwords);
        QTEST(masked, "expected");
        QVERIFY(!masked.contains(secret));
    }

    void parseErrorsNeverShowThePassword()
    {
        QString error;
        ConnectionSettings::fromConnectionString("postgresql://ann:pa%zzword@h/d", &error);
        QVERIFY2(error.contains("could not be parsed"), qPrintable(error));
        QVERIFY2(!error.contains("pa%zzword"), qPrintable(error));
        ConnectionSettings::fromConnectionString("host=h password='pa ss' user", &error);
        QVERIFY2(!error.isEmpty(), "a dangling key must not parse");
        QVERIFY2(!error.contains("pa ss"), qPrintable(error));
    }

    // One quoting for every conninfo LockLab writes (saved settings, the
    // benchmark's libpq connections): libpq reads the value back unchanged.
    void conninfoQuotedValuesParseBack_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("plain") << "localhost";
        QTest::newRow("space") << "my db";
        QTest::newRow("apostrophe") << "it's";
        QTest::newRow("backslash") << "C:\\pg\\data";
        QTest::newRow("both") << "a\\'b";
        QTest::newRow("equals and umlaut") << "x=y \u00fc";
    }

    void conninfoQuotedValuesParseBack()
    {
        QFETCH(QString, value);
        QString error;
        const ConnectionSettings parsed = ConnectionSettings::fromConnectionString(
            "dbname=" + ConnectionSettings::conninfoQuoted(value), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(parsed.database, value);
    }

    void explanationsNeverShowThePassword()
    {
        ConnectionSettings settings;
        settings.host = "h";
        settings.user = "ann";
        settings.password = "hunter2";
        // As libpq would put it if it echoed the conninfo QPSQL built.
        const QString text = DatabaseConnection::explainConnectionError(
            "invalid connection option: host='h' user='ann' password='hunter2' dbname='x'", settings);
        QVERIFY2(!text.contains("hunter2"), qPrintable(text));
        QVERIFY2(text.contains("ann:***@h"), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestConnectionSettings)
#include "tst_connectionsettings.moc"
