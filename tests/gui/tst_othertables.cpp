#include "StepRun.h"
#include "TestServer.h"
#include "app/SchemaView.h"
#include "core/lesson/LessonLoader.h"
#include "core/run/LessonRunner.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;

namespace {

bool writeFile(const QString& path, const QByteArray& text)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text) == text.size();
}

// A lesson directory about a shop instead of users: nothing in it is named
// like the built-in lessons' tables. The second lesson leaves "tables" out
// and so works on the ones the seed lesson declares.
bool writeShopLessons(const QString& root)
{
    return writeFile(root + "/01-fill/fill.md", "Fill the shop.") && writeFile(root + "/02-note/note.md", "Add a note.")
        && writeFile(root + "/migrations.json", R"J({"migrations": [
        {"name": "0001_shop", "title": "Create the shop", "forward": [
            "CREATE TABLE customer (id bigserial PRIMARY KEY, name text NOT NULL)",
            "CREATE TABLE purchase (id bigserial PRIMARY KEY, amount integer NOT NULL)"],
         "backward": ["DROP TABLE purchase", "DROP TABLE customer"]},
        {"name": "0002_note", "title": "Add a note", "forward": ["ALTER TABLE purchase ADD COLUMN note text"],
         "backward": ["ALTER TABLE purchase DROP COLUMN note"]}]
})J") && writeFile(root + "/01-fill/lesson.json", R"J({"id": "fill", "number": 1, "title": "Fill the shop",
            "tables": ["purchase", "customer"], "plan": ["0001_shop"],
            "steps": [{"id": "fill", "title": "Fill", "explanation": "fill.md", "kind": "seed", "probes": false,
              "parameters": [{"name": "rows", "label": "Purchases", "default": 1500, "min": 10, "max": 100000}],
              "seed": {"reset": ["DROP TABLE IF EXISTS purchase", "DROP TABLE IF EXISTS customer"],
                       "reset_to": "0001_shop",
                       "tables": [
                         {"table": "customer", "rows": 7,
                          "insert": "INSERT INTO customer (name) SELECT 'c' || g FROM generate_series(:first, :last) g"},
                         {"table": "purchase", "rows_param": "rows",
                          "insert": "INSERT INTO purchase (amount) SELECT g FROM generate_series(:first, :last) g"}]}}]})J")
        && writeFile(root + "/02-note/lesson.json", R"J({"id": "note", "number": 2, "title": "Add a note",
            "plan": ["0001_shop", "0002_note"],
            "steps": [{"id": "note", "title": "Note", "explanation": "note.md", "kind": "migrate",
                       "target": "0002_note", "probes": false}]})J");
}

} // namespace

// A lesson directory whose tables are named otherwise: the runner reads, the
// schema view shows and a run records that lesson's tables and counts.
class TestOtherTables : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    LessonLibrary m_library;

    RunRecord run(LessonRunner& runner, const Lesson& lesson, const QVariantMap& parameters = {})
    {
        return test::runStepAndWait(runner, lesson, lesson.steps.first(), m_library.migrations, parameters, 120000);
    }

    static SchemaSnapshot refreshed(LessonRunner& runner)
    {
        QSignalSpy changed(&runner, &LessonRunner::snapshotChanged);
        runner.refreshSnapshot();
        if (!changed.wait(60000))
            return {};
        return changed.first().at(0).value<SchemaSnapshot>();
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<RunRecord>();
        qRegisterMetaType<SchemaSnapshot>();
        QVERIFY(m_dir.isValid());
        QVERIFY(writeShopLessons(m_dir.path()));
        m_library = LessonLoader::loadDirectory(m_dir.path());
        QVERIFY2(m_library.errors.isEmpty(), qPrintable(m_library.errors.join('\n')));
        QCOMPARE(m_library.lessons.size(), 2);
        for (const Lesson& lesson : m_library.lessons)
            QVERIFY2(lesson.isValid(), qPrintable(lesson.error));
    }

    void lessonsDeclareOrInheritTheirTables()
    {
        QCOMPARE(m_library.lesson("fill")->tables, QStringList({ "purchase", "customer" }));
        QCOMPARE(m_library.lesson("note")->tables, QStringList({ "purchase", "customer" }));
        QCOMPARE(m_library.lesson("note")->mainTable(), QString("purchase"));
    }

    void schemaAndCountsComeFromTheLesson()
    {
        LOCKLAB_REQUIRE_SERVER(server);
        LessonRunner runner(server->sandboxSettings());
        const Lesson& fill = *m_library.lesson("fill");
        const Lesson& note = *m_library.lesson("note");

        RunRecord record = run(runner, fill, { { "rows", 1500 } });
        QVERIFY2(record.succeeded, qPrintable(record.error));
        QCOMPARE(record.rowCount, 1500);

        // A step of a lesson that does not seed records the main table's rows.
        runner.setTables(note.tables);
        const SchemaSnapshot before = refreshed(runner);
        QVERIFY2(before.error.isEmpty(), qPrintable(before.error));
        record = run(runner, note);
        QVERIFY2(record.succeeded, qPrintable(record.error));
        QCOMPARE(record.rowCount, 1500);

        const SchemaSnapshot after = refreshed(runner);
        QVERIFY2(after.error.isEmpty(), qPrintable(after.error));
        QCOMPARE(after.tables.size(), 2);
        const TableInfo* purchase = after.table("purchase");
        const TableInfo* customer = after.table("customer");
        QVERIFY(purchase && purchase->exists);
        QVERIFY(customer && customer->exists);
        QCOMPARE(purchase->rowCount, 1500);
        QCOMPARE(customer->rowCount, 7);

        SchemaView view;
        view.setTableName(note.mainTable());
        view.setSnapshot(before);
        view.setSnapshot(after);
        const QStringList lines = view.structureLines();
        QVERIFY2(lines.contains("id | bigint | NOT NULL | nextval('purchase_id_seq'::regclass)"),
                 qPrintable(lines.join('\n')));
        QVERIFY2(lines.contains("amount | integer | NOT NULL | "), qPrintable(lines.join('\n')));
        QVERIFY2(lines.contains("*note | text | yes | "), qPrintable(lines.join('\n'))); // added by the step
        QVERIFY2(view.rowCountsText().contains("purchase: 1,500 rows"), qPrintable(view.rowCountsText()));
        QVERIFY2(view.rowCountsText().contains("customer: 7 rows"), qPrintable(view.rowCountsText()));
        QVERIFY(!view.rowCountsText().contains("user"));
    }
};

QTEST_MAIN(TestOtherTables)
#include "tst_othertables.moc"
