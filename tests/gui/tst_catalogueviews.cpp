#include "app/LedgerView.h"
#include "app/LessonNavigator.h"
#include "app/SchemaView.h"
#include "core/lesson/LessonLoader.h"

#include <QtTest>

using namespace locklab;

// What the catalogue lessons need the window to show: lessons grouped under
// their headings, and the indexes and constraints of every lesson table with
// INVALID and NOT VALID marked.
class TestCatalogueViews : public QObject
{
    Q_OBJECT

    static void saveScreenshot(QWidget* widget, const QString& name)
    {
        const QString directory = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
        if (!directory.isEmpty())
            widget->grab().save(directory + "/" + name + ".png");
    }

private slots:
    void navigatorGroupsLessons()
    {
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        LessonNavigator navigator;
        navigator.resize(320, 900);
        navigator.setLibrary(library);
        navigator.show();
        QVERIFY(QTest::qWaitForWindowExposed(&navigator));

        QStringList headings;
        for (int i = 0; i < navigator.topLevelItemCount(); ++i)
            headings << navigator.topLevelItem(i)->text(0);
        QVERIFY2(headings.contains("Basics") && headings.contains("Catalogue"), qPrintable(headings.join(", ")));
        QVERIFY(headings.indexOf("Basics") < headings.indexOf("Catalogue"));

        QTreeWidgetItem* catalogue = navigator.topLevelItem(headings.indexOf("Catalogue"));
        QStringList lessons;
        for (int i = 0; i < catalogue->childCount(); ++i)
            lessons << catalogue->child(i)->text(0);
        QCOMPARE(lessons.size(), 5);
        QVERIFY2(lessons.first().startsWith("7  Indexes"), qPrintable(lessons.first()));
        QVERIFY2(lessons.last().startsWith("11  Unique"), qPrintable(lessons.last()));

        // Selecting a step of a grouped lesson reports that lesson and step.
        int lessonIndex = -1;
        for (int i = 0; i < library.lessons.size(); ++i) {
            if (library.lessons.at(i).id == "unique")
                lessonIndex = i;
        }
        QVERIFY(lessonIndex >= 0);
        QSignalSpy selected(&navigator, &LessonNavigator::stepSelected);
        navigator.select(lessonIndex, 2);
        QCOMPARE(selected.size(), 1);
        QCOMPARE(selected.first().at(0).toInt(), lessonIndex);
        QCOMPARE(selected.first().at(1).toInt(), 2);
        navigator.markDone(lessonIndex, 1);
        QVERIFY(navigator.isDone(lessonIndex, 1));
        QVERIFY(catalogue->child(4)->child(1)->text(0).startsWith(QString::fromUtf8("\u2713")));
        saveScreenshot(&navigator, "navigator-groups");
    }

    // Lesson 8's safe steps walk another path than its risky step: the
    // ledger shows the path of the step shown, and the risky step's foreign
    // key as this lesson's other path, not as another lesson's migration.
    void ledgerShowsTheStepsPath()
    {
        const LessonLibrary library = LessonLoader::loadBuiltIn();
        const Lesson* lesson = library.lesson("foreign-keys");
        QVERIFY(lesson);
        const LessonStep* safe = nullptr;
        for (const LessonStep& step : lesson->steps) {
            if (step.id == "add-not-valid")
                safe = &step;
        }
        QVERIFY(safe);
        LedgerView ledger;
        ledger.setPlan(lesson->planFor(*safe), lesson->allMigrations());
        SchemaSnapshot snapshot;
        for (const char* name : { "0001_initial", "0008_user_order", "0008_user_order_user_fk" }) {
            AppliedMigration applied;
            applied.name = name;
            snapshot.applied.append(applied);
        }
        ledger.setSnapshot(snapshot);
        const QStringList lines = ledger.lines();
        QVERIFY2(lines.contains("[ ] 0008_user_order_user_fk_not_valid"), qPrintable(lines.join('\n')));
        QVERIFY2(lines.contains("[X] 0008_user_order_user_fk (another path of this lesson)"),
                 qPrintable(lines.join('\n')));
        ledger.setPlan(lesson->plan); // no lesson given: another lesson's, as before
        QVERIFY2(ledger.lines().contains("[X] 0008_user_order_user_fk (from another lesson)"),
                 qPrintable(ledger.lines().join('\n')));
    }

    void schemaViewMarksInvalidIndexesAndUnvalidatedConstraints()
    {
        SchemaSnapshot snapshot;
        TableInfo large;
        large.name = "large_user";
        large.exists = true;
        large.rowCount = 1000000;
        large.columns = { { "id", "bigint", false, "nextval('large_user_id_seq'::regclass)" },
                          { "name", "character varying(100)", false, "" } };
        large.indexes = {
            { "large_user_pkey", "CREATE UNIQUE INDEX large_user_pkey ON public.large_user USING btree (id)", true },
            { "large_user_name_key", "CREATE UNIQUE INDEX large_user_name_key ON public.large_user USING btree (name)",
              false }
        };
        large.constraints = { { "large_user_pkey", "PRIMARY KEY (id)", true } };
        TableInfo orders;
        orders.name = "user_order";
        orders.exists = true;
        orders.rowCount = 200000;
        orders.constraints = {
            { "user_order_user_id_fk_large_user_id",
              "FOREIGN KEY (user_id) REFERENCES large_user(id) DEFERRABLE INITIALLY DEFERRED NOT VALID", false }
        };
        snapshot.tables = { large, orders };

        SchemaView view;
        view.resize(420, 600);
        view.setTableName("large_user");
        view.setSnapshot(snapshot);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QString text = view.objectsText();
        QVERIFY2(text.contains("index large_user_name_key (unique) INVALID"), qPrintable(text));
        QVERIFY2(!text.contains("large_user_pkey (unique) INVALID"), qPrintable(text));
        QVERIFY2(text.contains("user_order"), qPrintable(text));
        QVERIFY2(text.contains("NOT VALID (new rows checked, old rows not yet)"), qPrintable(text));
        saveScreenshot(&view, "schema-invalid-index");

        // The clean-up step: the invalid index is gone, shown struck through.
        large.indexes.removeLast();
        orders.constraints.first().validated = true;
        orders.constraints.first().definition.remove(" NOT VALID");
        snapshot.tables = { large, orders };
        view.setSnapshot(snapshot);
        const QString after = view.objectsText();
        QVERIFY2(after.contains("index large_user_name_key (dropped)"), qPrintable(after));
        QVERIFY2(!after.contains("INVALID") && !after.contains("NOT VALID"), qPrintable(after));
    }
};

QTEST_MAIN(TestCatalogueViews)
#include "tst_catalogueviews.moc"
