#include "core/server/PostgresBinaries.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;

class TestPostgresBinaries : public QObject
{
    Q_OBJECT

private:
    static void makeServerTree(const QString& dir, const QStringList& programs = PostgresBinaries::requiredPrograms())
    {
        QVERIFY(QDir().mkpath(dir));
        for (const QString& program : programs) {
            QFile file(QDir(dir).filePath(program));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("#!/bin/sh\n");
            file.close();
            QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        }
    }

private slots:
    void prefersPathOverEverythingElse()
    {
        QTemporaryDir tmp;
        makeServerTree(tmp.filePath("path/bin"));
        makeServerTree(tmp.filePath("debian/15/bin"));
        const auto found = PostgresBinaries::discover({ tmp.filePath("empty"), tmp.filePath("path/bin") }, QString(),
                                                      tmp.filePath("debian"));
        QVERIFY(found.isValid());
        QCOMPARE(found.binDir(), tmp.filePath("path/bin"));
        QCOMPARE(found.pgCtl(), tmp.filePath("path/bin/pg_ctl"));
    }

    void usesPgConfigWhenPathHasNoServer()
    {
        QTemporaryDir tmp;
        makeServerTree(tmp.filePath("pgconfig/bin"));
        makeServerTree(tmp.filePath("debian/15/bin"));
        const auto found = PostgresBinaries::discover({}, tmp.filePath("pgconfig/bin"), tmp.filePath("debian"));
        QCOMPARE(found.binDir(), tmp.filePath("pgconfig/bin"));
    }

    void picksNewestDebianVersion_data()
    {
        QTest::addColumn<QStringList>("versions");
        QTest::addColumn<QString>("expected");
        QTest::newRow("numeric not lexical") << QStringList { "9.6", "15", "13" } << "15";
        QTest::newRow("newest first") << QStringList { "16", "15" } << "16";
        QTest::newRow("single") << QStringList { "15" } << "15";
    }

    void picksNewestDebianVersion()
    {
        QFETCH(QStringList, versions);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        for (const QString& version : versions)
            makeServerTree(tmp.filePath("debian/" + version + "/bin"));
        const auto found = PostgresBinaries::discover({}, QString(), tmp.filePath("debian"));
        QCOMPARE(found.binDir(), tmp.filePath("debian/" + expected + "/bin"));
    }

    void skipsIncompleteInstallations()
    {
        QTemporaryDir tmp;
        // A client-only install (psql but no server programs) must not be taken.
        makeServerTree(tmp.filePath("client/bin"), { "pg_ctl" });
        makeServerTree(tmp.filePath("debian/17/bin"), { "initdb", "pg_ctl" });
        makeServerTree(tmp.filePath("debian/15/bin"));
        const auto found = PostgresBinaries::discover({ tmp.filePath("client/bin") }, QString(),
                                                      tmp.filePath("debian"));
        QCOMPARE(found.binDir(), tmp.filePath("debian/15/bin"));
    }

    void explainsWhatToInstallWhenNothingIsFound()
    {
        QTemporaryDir tmp;
        const auto found = PostgresBinaries::discover({ tmp.path() }, QString(), tmp.filePath("nothing"));
        QVERIFY(!found.isValid());
        QVERIFY2(found.errorMessage().contains("apt install postgresql"), qPrintable(found.errorMessage()));
        QVERIFY(found.errorMessage().contains("--db"));
    }

    void realMachineHasAServer()
    {
        // The test machine is set up by installer/install-deps.sh, which installs the server.
        const auto found = PostgresBinaries::discover();
        QVERIFY2(found.isValid(), qPrintable(found.errorMessage()));
        QVERIFY(QFileInfo(found.initdb()).isExecutable());
    }
};

QTEST_GUILESS_MAIN(TestPostgresBinaries)
#include "tst_postgresbinaries.moc"
