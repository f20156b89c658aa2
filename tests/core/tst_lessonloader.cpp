#include "LessonFixtures.h"
#include "core/lesson/LessonLoader.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;
using namespace locklab::test;

namespace {

QString sourceLessonsPath()
{
    return qEnvironmentVariable("LOCKLAB_SOURCE_LESSONS");
}

// What the loader says about `content`, which must be one line of broken JSON.
QString jsonError(const QString& content)
{
    QJsonParseError error;
    QJsonDocument::fromJson(content.toUtf8(), &error);
    return QString("not valid JSON: %1 at offset %2 (line 1, column %3)")
        .arg(error.errorString())
        .arg(error.offset)
        .arg(error.offset + 1);
}

// One way to break the built-in lessons, and what the loader must say about it.
struct BrokenCase
{
    const char* name;
    const char* file; // relative to the lessons directory
    const char* edit; // "set"/"remove" the JSON value at `path`, "write" `value` as the file, "delete" it
    const char* path; // "steps/@backfill/probes": '@x' is the array element whose name, id or table is x
    QString value; // JSON text for "set", the whole content for "write"
    QStringList expected; // each must begin an error line of the library or of a lesson
    QStringList broken; // directories of the lessons that must be broken ("*": all); all others must load
};

const QString notJsonLesson = R"({"id": "not-null", "number": 3,, "title": "x"})";
const QString notJsonMigrations = R"({"migrations": [)";

// clang-format off
const QList<BrokenCase> brokenCases = {
    { "not JSON", "03-not-null/lesson.json", "write", "", notJsonLesson,
      { "lessons/03-not-null/lesson.json: " + jsonError(notJsonLesson) }, { "03-not-null" } },
    { "not an object", "02-nullable/lesson.json", "write", "", "[1, 2]",
      { "lessons/02-nullable/lesson.json: must hold one JSON object ({...})" }, { "02-nullable" } },
    { "missing target", "03-not-null/lesson.json", "remove", "steps/@not-null/target", "",
      { "lessons/03-not-null/lesson.json: step 'not-null': 'target' is missing" }, { "03-not-null" } },
    { "target outside the step's plan", "03-not-null/lesson.json", "set", "steps/@not-null/plan",
      R"(["0001_initial"])",
      { "lessons/03-not-null/lesson.json: step 'not-null': 'target' '0003_alter_largeuser_status_alter_smalluser_status' is not in the step's 'plan'" },
      { "03-not-null" } },
    { "unknown migration in a step's plan", "03-not-null/lesson.json", "set", "steps/@not-null/plan",
      R"(["0001_initial", "0009_nope", "0003_alter_largeuser_status_alter_smalluser_status"])",
      { "lessons/03-not-null/lesson.json: step 'not-null': 'plan' names the unknown migration '0009_nope'" },
      { "03-not-null" } },
    { "plan on a seed step", "01-seed/lesson.json", "set", "steps/@seed/plan", R"(["0001_initial"])",
      { "lessons/01-seed/lesson.json: step 'seed': 'plan' is only used by steps of kind 'migrate'" }, { "01-seed" } },
    { "missing step id", "02-nullable/lesson.json", "remove", "steps/0/id", "",
      { "lessons/02-nullable/lesson.json: step 1: 'id' is missing" }, { "02-nullable" } },
    { "missing title", "04-rollback/lesson.json", "remove", "title", "",
      { "lessons/04-rollback/lesson.json: 'title' is missing" }, { "04-rollback" } },
    { "sql step without sql", "02-nullable/lesson.json", "set", "steps/0/kind", R"("sql")",
      { "lessons/02-nullable/lesson.json: step 'add-column': 'sql' is missing",
        "lessons/02-nullable/lesson.json: step 'add-column': 'target' is only used by steps of kind 'migrate'" },
      { "02-nullable" } },
    { "unknown kind", "02-nullable/lesson.json", "set", "steps/0/kind", R"("dance")",
      { R"(lessons/02-nullable/lesson.json: step 'add-column': 'kind' must be "seed", "migrate" or "sql", not "dance")" },
      { "02-nullable" } },
    { "unknown field", "02-nullable/lesson.json", "set", "steps/0/lookfor", R"("x.md")",
      { "lessons/02-nullable/lesson.json: step 'add-column': unknown field 'lookfor'" }, { "02-nullable" } },
    { "probes not a bool", "05-safe-path/lesson.json", "set", "steps/@backfill/probes", R"("yes")",
      { "lessons/05-safe-path/lesson.json: step 'backfill': 'probes' must be true or false" }, { "05-safe-path" } },
    { "number not a number", "01-seed/lesson.json", "set", "number", R"("one")",
      { "lessons/01-seed/lesson.json: 'number' must be a whole number" }, { "01-seed" } },
    { "atomic not a bool", "migrations.json", "set",
      "migrations/@0003_alter_largeuser_status_alter_smalluser_status/atomic", R"("yes")",
      { "lessons/migrations.json: migration '0003_alter_largeuser_status_alter_smalluser_status': "
        "'atomic' must be true or false",
        "lessons/02-nullable/lesson.json: 'plan' names the migration "
        "'0003_alter_largeuser_status_alter_smalluser_status', which is broken in lessons/migrations.json" },
      { "02-nullable", "03-not-null", "04-rollback" } },
    { "missing explanation file", "03-not-null/lesson.json", "set", "steps/@not-null/explanation", R"("step9.md")",
      { "lessons/03-not-null/lesson.json: step 'not-null': 'explanation' names the missing file 'step9.md'" },
      { "03-not-null" } },
    { "deleted Markdown file", "04-rollback/rollback-look-for.md", "delete", "", "",
      { "lessons/04-rollback/lesson.json: step 'rollback': 'look_for' names the missing file 'rollback-look-for.md'" },
      { "04-rollback" } },
    { "unknown target", "03-not-null/lesson.json", "set", "steps/@not-null/target", R"("0009_x")",
      { "lessons/03-not-null/lesson.json: step 'not-null': 'target' names the unknown migration '0009_x'" },
      { "03-not-null" } },
    { "unknown planned migration", "02-nullable/lesson.json", "set", "plan/2", R"("0009_x")",
      { "lessons/02-nullable/lesson.json: 'plan' names the unknown migration '0009_x'" }, { "02-nullable" } },
    { "target not in plan", "02-nullable/lesson.json", "set", "steps/0/target", R"("0003_backfill_status")",
      { "lessons/02-nullable/lesson.json: step 'add-column': 'target' '0003_backfill_status' is not in the "
        "lesson's 'plan'" },
      { "02-nullable" } },
    { "default below min", "01-seed/lesson.json", "set", "steps/@seed/parameters/@rows/default", "5",
      { "lessons/01-seed/lesson.json: step 'seed': parameter 'rows': 'default' 5 is below 'min' 1000" },
      { "01-seed" } },
    { "default above max", "05-safe-path/lesson.json", "set", "parameter_blocks/backfill/@batch_size/default",
      "2000000",
      { "lessons/05-safe-path/lesson.json: 'parameter_blocks': block 'backfill': parameter 'batch_size': 'default' "
        "2000000 is above 'max' 1000000" },
      { "05-safe-path" } },
    { "negative min", "05-safe-path/lesson.json", "set", "parameter_blocks/backfill/@pause_ms/min", "-1",
      { "lessons/05-safe-path/lesson.json: 'parameter_blocks': block 'backfill': parameter 'pause_ms': 'min' -1 is "
        "negative" },
      { "05-safe-path" } },
    // Shared parameter blocks (lessons/README.md, "Shared parameters").
    { "unknown parameter block", "05-safe-path/lesson.json", "set", "steps/@validate/parameters", R"(["backfil"])",
      { "lessons/05-safe-path/lesson.json: step 'validate': 'parameters' names the unknown block 'backfil'; declare "
        "it in the lesson's 'parameter_blocks' or fix the name (the lesson's 'parameter_blocks' are: backfill)" },
      { "05-safe-path" } },
    { "parameter block in a lesson without blocks", "01-seed/lesson.json", "set", "steps/@seed/parameters",
      R"(["rows"])",
      { "lessons/01-seed/lesson.json: step 'seed': 'parameters' names the unknown block 'rows'; declare it in the "
        "lesson's 'parameter_blocks' or fix the name (the lesson declares no 'parameter_blocks')" },
      { "01-seed" } },
    { "parameter block used by no step", "05-safe-path/lesson.json", "set", "parameter_blocks/spare",
      R"([{"name": "x", "label": "X", "default": 1, "min": 0, "max": 2}])",
      { "lessons/05-safe-path/lesson.json: 'parameter_blocks': block 'spare' is used by no step; name it in a step's "
        "'parameters' or remove it" },
      { "05-safe-path" } },
    { "parameter block not a list", "05-safe-path/lesson.json", "set", "parameter_blocks/backfill", "5",
      { "lessons/05-safe-path/lesson.json: 'parameter_blocks': block 'backfill' must be a list of parameters "
        "([{...}, ...])" },
      { "05-safe-path" } },
    { "parameter both in a block and the step", "05-safe-path/lesson.json", "set", "steps/@validate/parameters",
      R"(["backfill", {"name": "pause_ms", "label": "Pause", "default": 0, "min": 0, "max": 10}])",
      { "lessons/05-safe-path/lesson.json: step 'validate': parameter 'pause_ms' is declared twice" },
      { "05-safe-path" } },
    { "parameter entry neither object nor block", "05-safe-path/lesson.json", "set", "steps/@validate/parameters",
      "[7]",
      { "lessons/05-safe-path/lesson.json: step 'validate': parameter 1 must be an object ({...}) or the name of a "
        "block in the lesson's 'parameter_blocks'" },
      { "05-safe-path" } },
    { "duplicate lesson id", "03-not-null/lesson.json", "set", "id", R"("nullable")",
      { "lessons/03-not-null/lesson.json: 'id' 'nullable' is already used by lessons/02-nullable/lesson.json" },
      { "03-not-null" } },
    // Both lessons now have number 3; the first in directory order keeps it.
    { "duplicate lesson number", "04-rollback/lesson.json", "set", "number", "3",
      { "lessons/04-rollback/lesson.json: 'number' 3 is already used by lessons/03-not-null/lesson.json" },
      { "04-rollback" } },
    { "duplicate step id", "05-safe-path/lesson.json", "set", "steps/1/id", R"("add-column")",
      { "lessons/05-safe-path/lesson.json: step 'add-column': 'id' is not unique: steps 1 and 2 both use it" },
      { "05-safe-path" } },
    // Reaching the last step may run the backfill first, so that step needs its parameters too.
    { "batch parameters not declared", "05-safe-path/lesson.json", "remove", "steps/@set-not-null/parameters", "",
      { "lessons/05-safe-path/lesson.json: step 'set-not-null': migration '0003_backfill_status' (forward) has a "
        "batched statement that needs the parameter 'batch_size'",
        "lessons/05-safe-path/lesson.json: step 'set-not-null': migration '0003_backfill_status' (forward) has a "
        "batched statement that needs the parameter 'pause_ms'" },
      { "05-safe-path" } },
    { "undeclared rows parameter", "01-seed/lesson.json", "set", "steps/@seed/seed/tables/@large_user/rows_param",
      R"("rowz")",
      { "lessons/01-seed/lesson.json: step 'seed': 'seed' table 'large_user': 'rows_param' names the undeclared "
        "parameter 'rowz'" },
      { "01-seed" } },
    { "seed value with a stray brace", "01-seed/lesson.json", "set", "steps/@seed/seed/tables/@large_user/values",
      R"(["{n}", "user_{id}"])",
      { "lessons/01-seed/lesson.json: step 'seed': 'seed': table 'large_user': 'values': the value \"user_{id}\" has a brace that is not {n} (the row number); write {{ or }} for a literal brace" },
      { "01-seed" } },
    { "seed columns and values differ", "01-seed/lesson.json", "set", "steps/@seed/seed/tables/@large_user/values",
      R"(["{n}"])",
      { "lessons/01-seed/lesson.json: step 'seed': 'seed': table 'large_user': 'columns' names 2 column(s) but 'values' gives 1; give one value per column" },
      { "01-seed" } },
    { "seed insert and columns", "01-seed/lesson.json", "set", "steps/@seed/seed/tables/@large_user/insert",
      R"("INSERT INTO large_user (id) SELECT g FROM generate_series(:first, :last) AS g")",
      { "lessons/01-seed/lesson.json: step 'seed': 'seed': table 'large_user': give either 'insert' (SQL the server runs) or 'columns' and 'values' (rows LockLab generates), not both" },
      { "01-seed" } },
    { "batched statement in atomic migration", "migrations.json", "set", "migrations/@0003_backfill_status/atomic",
      "true",
      { "lessons/migrations.json: migration '0003_backfill_status': a batched statement commits every batch, so "
        "its migration needs 'atomic': false" },
      { "05-safe-path" } },
    { "batched statement without :last", "migrations.json", "set", "migrations/@0003_backfill_status/forward/0/sql",
      R"("UPDATE large_user SET status = 'active' WHERE id >= :first")",
      { "lessons/migrations.json: migration '0003_backfill_status': 'forward' statement 1: 'sql' must use the "
        "placeholder :last" },
      { "05-safe-path" } },
    { "retry without lock_timeout_ms", "migrations.json", "remove",
      "migrations/@0004_status_check_not_valid/lock_timeout_ms", "",
      { "lessons/migrations.json: migration '0004_status_check_not_valid': 'retry' needs 'lock_timeout_ms': only a "
        "lock that was not granted in time is retried" },
      { "05-safe-path" } },
    { "lock_timeout_ms not a number", "migrations.json", "set",
      "migrations/@0004_status_check_not_valid/lock_timeout_ms", R"("500ms")",
      { "lessons/migrations.json: migration '0004_status_check_not_valid': 'lock_timeout_ms' must be a whole number" },
      { "05-safe-path" } },
    { "retry attempts out of range", "migrations.json", "set",
      "migrations/@0004_status_check_not_valid/retry/attempts", "0",
      { "lessons/migrations.json: migration '0004_status_check_not_valid': 'retry': 'attempts' must be from 1 to 20 "
        "(got 0)" },
      { "05-safe-path" } },
    { "retry unknown field", "migrations.json", "set",
      "migrations/@0004_status_check_not_valid/retry/jitter", "true",
      { "lessons/migrations.json: migration '0004_status_check_not_valid': 'retry': unknown field 'jitter'" },
      { "05-safe-path" } },
    { "lock_timeout_applies_to unknown", "migrations.json", "set",
      "migrations/@0004_status_check_not_valid/lock_timeout_applies_to", R"("sideways")",
      { R"(lessons/migrations.json: migration '0004_status_check_not_valid': 'lock_timeout_applies_to' must be "both", "forward" or "backward", not "sideways")" },
      { "05-safe-path" } },
    { "hand-written lock_timeout beside lock_timeout_ms", "migrations.json", "set",
      "migrations/@0004_status_check_not_valid/backward/0", R"("SET LOCAL lock_timeout = '3s'")",
      { "lessons/migrations.json: migration '0004_status_check_not_valid': remove the hand-written 'SET LOCAL "
        "lock_timeout = '3s'': 'lock_timeout_ms' makes LockLab set the lock timeout itself" },
      { "05-safe-path" } },
    { "migrations.json missing", "migrations.json", "delete", "", "",
      { "lessons/migrations.json: the file is missing",
        "lessons/01-seed/lesson.json: the lesson uses migrations, but lessons/migrations.json could not be loaded",
        "lessons/05-safe-path/lesson.json: the lesson uses migrations, but lessons/migrations.json could not be loaded" },
      { "*" } },
    { "migrations.json not JSON", "migrations.json", "write", "", notJsonMigrations,
      { "lessons/migrations.json: " + jsonError(notJsonMigrations) },
      { "*" } },
    { "unknown actor kind", "06-lock-queue/lesson.json", "set", "steps/@behind-report/actors/0/kind", R"("dance")",
      { R"(lessons/06-lock-queue/lesson.json: step 'behind-report': 'actors' actor 1: 'kind' must be "long_query", )"
        R"("idle_in_transaction" or "writer", not "dance")" },
      { "06-lock-queue" } },
    { "long query without hold", "06-lock-queue/lesson.json", "remove", "steps/@behind-report/actors/0/hold_ms", "",
      { "lessons/06-lock-queue/lesson.json: step 'behind-report': 'actors' actor 1: 'hold_ms' is missing: how long "
        "the long query runs",
        "lessons/06-lock-queue/lesson.json: step 'behind-report': 'actors' actor 1: 'sql' uses :hold_seconds but "
        "'hold_ms' is not given" },
      { "06-lock-queue" } },
    { "writer without rate", "06-lock-queue/lesson.json", "set", "steps/@behind-report/actors/0/kind", R"("writer")",
      { "lessons/06-lock-queue/lesson.json: step 'behind-report': 'actors' actor 1: 'rate' is missing: how many "
        "statements a second the writer runs" },
      { "06-lock-queue" } },
    { "actor name not plain", "06-lock-queue/lesson.json", "set", "steps/@behind-report/actors/0/name",
      R"("nightly\nreport")",
      { "lessons/06-lock-queue/lesson.json: step 'behind-report': 'actors' actor 1: 'name' must be at most 40 plain "
        "characters" },
      { "06-lock-queue" } },
    { "unknown probe kind", "06-lock-queue/lesson.json", "set", "probes/0/kind", R"("both")",
      { R"(lessons/06-lock-queue/lesson.json: 'probes' probe 1: 'kind' must be "read" or "write", not "both")" },
      { "06-lock-queue" } },
    { "probe on another table", "06-lock-queue/lesson.json", "set", "probes/1/table", R"("small_user")",
      { "lessons/06-lock-queue/lesson.json: 'probes' probe 2: 'sql' does not mention its table 'small_user'" },
      { "06-lock-queue" } },
    { "default probe without sql", "probes.json", "remove", "probes/0/sql", "",
      { "lessons/probes.json: 'probes' probe 1: 'sql' is missing" }, {} },
};
// clang-format on

// A writable copy of the built-in lessons in <directory>/lessons, so that
// errors name files "lessons/...", as they do for the built-in ones.
QString copyOfLessons(const QTemporaryDir& directory)
{
    const QString root = directory.path() + "/lessons";
    return copyTree(LessonLoader::builtInPath(), root) ? root : QString();
}

} // namespace

class TestLessonLoader : public QObject
{
    Q_OBJECT

private slots:
    void builtInResourceIsReadable();
    void everySourceFileIsBuiltIn();
    void builtInLessonsLoadWithoutErrors();
    void builtInLessonsHaveTheirSteps();
    void builtInMigrationsAreParsed();
    void everyPlannedMigrationExists();
    void everyStepIsExplained();
    void sourceDirectoryLoadsLikeBuiltIn();
    void brokenFileIsReported_data();
    void brokenFileIsReported();
    void unreadableLessonKeepsItsDirectoryName();
    void directoryWithoutLessonJsonIsIgnored();
    void nonexistentDirectoryIsReported();
    void parametersResolveWithinLimits();
    void libraryFindsLessonsAndMigrations();
};

void TestLessonLoader::builtInResourceIsReadable()
{
    // Resources of a static library reach executables only if CMake links them in.
    QFile file(":/lessons/migrations.json");
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    QVERIFY(file.readAll().contains("0001_initial"));
}

void TestLessonLoader::everySourceFileIsBuiltIn()
{
    const QString source = sourceLessonsPath();
    QVERIFY2(QFileInfo(source).isDir(), "LOCKLAB_SOURCE_LESSONS must name the source lessons directory");
    QDirIterator it(source, QDir::Files, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        const QString relative = QDir(source).relativeFilePath(it.next());
        QVERIFY2(
            QFile::exists(":/lessons/" + relative),
            qPrintable(QString("lessons/%1 is not in the resource list of src/core/CMakeLists.txt").arg(relative)));
        ++files;
    }
    QVERIFY(files > 10);
}

void TestLessonLoader::builtInLessonsLoadWithoutErrors()
{
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    QVERIFY2(library.errors.isEmpty(), qPrintable(library.errors.join('\n')));
    for (const Lesson& lesson : library.lessons)
        QVERIFY2(lesson.isValid(), qPrintable(lesson.error));
}

void TestLessonLoader::builtInLessonsHaveTheirSteps()
{
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    struct Expected
    {
        int number;
        QString id;
        QStringList kinds;
    };
    const QList<Expected> expected = {
        { 1, "seed", { "seed" } },
        { 2, "nullable", { "migrate" } },
        { 3, "not-null", { "migrate" } },
        { 4, "rollback", { "migrate" } },
        { 5,
          "safe-path",
          { "migrate", "migrate", "migrate", "migrate", "migrate", "migrate", "sql", "migrate", "sql", "migrate",
            "migrate" } },
        { 6, "lock-queue", { "migrate", "migrate", "migrate", "sql" } },
        { 7, "indexes", { "seed", "migrate", "migrate", "migrate", "sql", "sql", "sql" } },
        { 8, "foreign-keys", { "seed", "migrate", "migrate", "migrate", "migrate" } },
        { 9,
          "column-types",
          { "seed", "migrate", "migrate", "migrate", "migrate", "migrate", "migrate", "migrate", "migrate", "migrate",
            "migrate" } },
        { 10, "defaults", { "seed", "migrate", "migrate", "migrate" } },
        { 11, "unique", { "seed", "migrate", "migrate", "migrate", "sql", "sql" } },
    };
    // Other lessons (the lock queue, 6) may sit between these: compare the ones listed, in order.
    QList<Lesson> listed;
    for (const Lesson& lesson : library.lessons) {
        if (std::any_of(expected.cbegin(), expected.cend(), [&](const Expected& e) { return e.id == lesson.id; }))
            listed << lesson;
    }
    QCOMPARE(listed.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const Lesson& lesson = listed.at(i);
        QCOMPARE(lesson.number, expected.at(i).number);
        QCOMPARE(lesson.id, expected.at(i).id);
        QStringList kinds;
        for (const LessonStep& step : lesson.steps)
            kinds.append(stepKindName(step.kind));
        QCOMPARE(kinds, expected.at(i).kinds);
    }

    const LessonStep& seed = library.lessons.at(0).steps.at(0);
    QVERIFY(!seed.probes);
    QCOMPARE(seed.resetTo, QString("0001_initial"));
    QCOMPARE(seed.seedTables.size(), 2);
    QCOMPARE(seed.seedTables.at(0).table, QString("small_user"));
    QCOMPARE(seed.seedTables.at(0).fixedRows, 10);
    QCOMPARE(seed.seedTables.at(1).rowsParameter, QString("rows"));
    QVERIFY(seed.parameter("rows"));
    QCOMPARE(seed.parameter("rows")->defaultValue, 1000000);
    QCOMPARE(seed.parameter("rows")->minimum, 1000);
    QCOMPARE(seed.parameter("rows")->maximum, 50000000);

    QCOMPARE(library.lessons.at(2).steps.at(0).target, QString("0003_alter_largeuser_status_alter_smalluser_status"));
    QCOMPARE(library.lessons.at(3).steps.at(0).target, QString("0001_initial"));
    const Lesson& safePath = library.lessons.at(4);
    QCOMPARE(safePath.plan.size(), 6);
    QCOMPARE(safePath.steps.at(1).target, QString("0003_backfill_status"));
    QCOMPARE(safePath.steps.at(1).parameter("batch_size")->defaultValue, 10000);
    QCOMPARE(safePath.steps.at(1).parameter("pause_ms")->maximum, 10000);
    // Declared once ("parameter_blocks"), the batch parameters stand in every step that may run the backfill.
    int batched = 0;
    for (const LessonStep& step : safePath.steps) {
        if (const LessonParameter* batchSize = step.parameter("batch_size")) {
            ++batched;
            QCOMPARE(step.parameters.size(), 2);
            QCOMPARE(batchSize->label, safePath.steps.at(1).parameter("batch_size")->label);
            QCOMPARE(batchSize->maximum, 1000000);
            QCOMPARE(step.parameter("pause_ms")->defaultValue, 0);
        }
    }
    QCOMPARE(batched, 8);
    QCOMPARE(safePath.steps.at(4).target, QString("0006_status_set_not_null"));
    // Then a NULL slips in and VALIDATE fails, as the lesson means it to.
    QCOMPARE(safePath.steps.at(7).expectedError, QString("23514"));
    QCOMPARE(safePath.steps.at(9).target, QString("0005_validate_status_check"));
    // Last, PostgreSQL 18's short path, on its own plan from the backfill.
    QCOMPARE(safePath.steps.last().minServerVersion, 18);
    QCOMPARE(safePath.steps.last().target, QString("0005_validate_status_not_null"));
    QCOMPARE(safePath.steps.last().plan.at(2), QString("0003_backfill_status"));

    // Probes: lessons without their own get probes.json's read probe; lesson 6 reads and writes.
    QCOMPARE(safePath.steps.at(0).probeSpecs.size(), 1);
    QCOMPARE(safePath.steps.at(0).probeSpecs.at(0).kind, ProbeKind::Read);
    QCOMPARE(safePath.steps.at(0).probeSpecs.at(0).table, QString("large_user"));
    const Lesson& queue = *library.lesson("lock-queue");
    QCOMPARE(queue.steps.at(0).target, QString("0001_initial")); // back to the start, before any actor
    QVERIFY(queue.steps.at(0).actors.isEmpty());
    for (const LessonStep& step : queue.steps.mid(1)) {
        QCOMPARE(step.probeSpecs.size(), 2);
        QCOMPARE(step.probeSpecs.at(1).kind, ProbeKind::Write);
        QCOMPARE(step.actors.size(), 1);
    }
    const ActorSpec& report = queue.steps.at(1).actors.at(0);
    QCOMPARE(report.name, QString("nightly report"));
    QCOMPARE(report.kind, ActorKind::LongQuery);
    QCOMPARE(report.holdMs, 10000);
    QVERIFY2(report.resolvedSql().contains("pg_sleep(10.000)"), qPrintable(report.resolvedSql()));
    QCOMPARE(report.applicationName(), QString("locklab-actor:nightly report"));
    QCOMPARE(queue.steps.at(3).actors.at(0).kind, ActorKind::IdleInTransaction);
    QCOMPARE(queue.steps.at(3).leadMs, 6000);
}

void TestLessonLoader::builtInMigrationsAreParsed()
{
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    QVERIFY(library.migrations.size() >= 29); // 7 of lessons 1-5, 2 of lesson 6, 20 of lessons 7-11
    const Migration* django = library.migration("0003_alter_largeuser_status_alter_smalluser_status");
    QVERIFY(django);
    QVERIFY(django->atomic);
    QCOMPARE(django->forward.size(), 8);
    QCOMPARE(django->forward.first().sql,
             QString("ALTER TABLE \"large_user\" ALTER COLUMN \"status\" SET DEFAULT 'active'"));
    QCOMPARE(django->backward.size(), 2);

    const Migration* backfill = library.migration("0003_backfill_status");
    QVERIFY(backfill);
    QVERIFY(!backfill->atomic);
    QVERIFY(backfill->backward.isEmpty());
    const SqlStatement& batched = backfill->forward.first();
    QVERIFY(batched.batched);
    QCOMPARE(batched.batchTable, QString("large_user"));
    QCOMPARE(batched.batchKey, QString("id"));
    QCOMPARE(batched.batchSizeParameter, QString("batch_size"));
    QCOMPARE(batched.pauseParameter, QString("pause_ms"));
    QVERIFY(!backfill->forward.last().batched);
    QVERIFY(!library.migration("0005_validate_status_check")->atomic);
}

void TestLessonLoader::everyPlannedMigrationExists()
{
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    for (const Lesson& lesson : library.lessons) {
        QVERIFY(!lesson.plan.isEmpty());
        for (const QString& name : lesson.plan)
            QVERIFY2(library.migration(name), qPrintable(lesson.id + ": " + name));
        for (const LessonStep& step : lesson.steps) {
            if (step.kind == StepKind::Migrate)
                QVERIFY2(lesson.planFor(step).contains(step.target), qPrintable(lesson.id + "/" + step.id));
        }
    }
}

void TestLessonLoader::everyStepIsExplained()
{
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    for (const Lesson& lesson : library.lessons) {
        QVERIFY2(!lesson.title.isEmpty() && !lesson.summary.isEmpty(), qPrintable(lesson.id));
        for (const LessonStep& step : lesson.steps) {
            const QString where = lesson.id + "/" + step.id;
            QVERIFY2(step.explanation.size() > 200, qPrintable(where));
            QVERIFY2(!step.lookFor.trimmed().isEmpty(), qPrintable(where));
            QVERIFY2(!step.title.isEmpty(), qPrintable(where));
        }
    }
    QVERIFY(library.lessons.at(4).summary.contains("lesson 4"));
}

void TestLessonLoader::sourceDirectoryLoadsLikeBuiltIn()
{
    const LessonLibrary fromSource = LessonLoader::loadDirectory(sourceLessonsPath());
    QVERIFY2(fromSource.errors.isEmpty(), qPrintable(fromSource.errors.join('\n')));
    QCOMPARE(fromSource.lessons.size(), LessonLoader::loadBuiltIn().lessons.size());
    QCOMPARE(fromSource.lessons.first().source, sourceLessonsPath() + "/01-seed/lesson.json");
    QCOMPARE(describe(fromSource), describe(LessonLoader::loadBuiltIn()));
}

void TestLessonLoader::brokenFileIsReported_data()
{
    QTest::addColumn<int>("index");
    for (qsizetype i = 0; i < brokenCases.size(); ++i)
        QTest::newRow(brokenCases.at(i).name) << int(i);
}

void TestLessonLoader::brokenFileIsReported()
{
    QFETCH(int, index);
    const BrokenCase& broken = brokenCases.at(index);

    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString root = copyOfLessons(directory);
    QVERIFY(!root.isEmpty());
    const QString file = root + "/" + broken.file;
    const QString edit = broken.edit;
    if (edit == "delete") {
        QVERIFY(QFile::remove(file));
    } else if (edit == "write") {
        QFile target(file);
        QVERIFY(target.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(target.write(broken.value.toUtf8()) >= 0);
    } else {
        QJsonValue value(QJsonValue::Undefined);
        if (edit == "set") {
            value = QJsonDocument::fromJson("[" + broken.value.toUtf8() + "]").array().at(0);
            QVERIFY2(!value.isUndefined(), "the value of a \"set\" must be JSON");
        }
        const QString error = editJsonFile(file, broken.path, value);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    const LessonLibrary library = LessonLoader::loadDirectory(root);
    QStringList errors = library.errors;
    for (const Lesson& lesson : library.lessons)
        errors += lesson.error.split('\n', Qt::SkipEmptyParts);
    for (const QString& line : broken.expected) {
        const bool found = std::any_of(errors.cbegin(), errors.cend(),
                                       [&line](const QString& error) { return error.startsWith(line); });
        QVERIFY2(found, qPrintable(QString("expected: %1\ngot:\n%2").arg(line, errors.join('\n'))));
    }

    // The other lessons still load, in their order.
    QStringList directories;
    for (const Lesson& lesson : library.lessons) {
        const QString name = QFileInfo(lesson.source).dir().dirName();
        directories.append(name);
        const bool shouldBreak = broken.broken.contains(name) || broken.broken == QStringList { "*" };
        QVERIFY2(lesson.isValid() != shouldBreak, qPrintable(QString("%1: error '%2'").arg(name, lesson.error)));
    }
    QStringList allDirectories;
    for (const Lesson& lesson : LessonLoader::loadDirectory(sourceLessonsPath()).lessons)
        allDirectories.append(QFileInfo(lesson.source).dir().dirName());
    QCOMPARE(directories, allDirectories);
}

void TestLessonLoader::unreadableLessonKeepsItsDirectoryName()
{
    QTemporaryDir directory;
    const QString root = copyOfLessons(directory);
    QFile file(root + "/03-not-null/lesson.json");
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("not json");
    file.close();

    const LessonLibrary library = LessonLoader::loadDirectory(root);
    const Lesson& broken = library.lessons.at(2);
    QCOMPARE(broken.id, QString("not-null"));
    QCOMPARE(broken.number, 3);
    QCOMPARE(broken.title, QString("03-not-null"));
    QCOMPARE(broken.source, root + "/03-not-null/lesson.json");
    QVERIFY(!broken.isValid());
}

void TestLessonLoader::directoryWithoutLessonJsonIsIgnored()
{
    QTemporaryDir directory;
    const QString root = copyOfLessons(directory);
    QVERIFY(QDir().mkpath(root + "/images"));
    const LessonLibrary library = LessonLoader::loadDirectory(root);
    QVERIFY(library.errors.isEmpty());
    QCOMPARE(library.lessons.size(), LessonLoader::loadBuiltIn().lessons.size());
}

void TestLessonLoader::nonexistentDirectoryIsReported()
{
    QTemporaryDir directory;
    const QString missing = directory.path() + "/no-such-lessons";
    const LessonLibrary library = LessonLoader::loadDirectory(missing);
    QCOMPARE(library.errors,
             QStringList { "The lesson directory " + QDir::toNativeSeparators(missing) + " does not exist" });
    QVERIFY(library.lessons.isEmpty());
    QVERIFY(library.migrations.isEmpty());
}

void TestLessonLoader::parametersResolveWithinLimits()
{
    LessonStep step;
    step.parameters = { { "rows", "Rows", "rows", {}, 1000000, 1000, 50000000 },
                        { "pause_ms", "Pause", "ms", {}, 0, 0, 10000 } };
    QVERIFY(step.parameter("rows"));
    QCOMPARE(step.parameter("rows")->label, QString("Rows"));
    QVERIFY(!step.parameter("batch_size"));

    const QVariantMap defaults = step.resolvedParameters({});
    QCOMPARE(defaults.value("rows").toLongLong(), 1000000);
    QCOMPARE(defaults.value("pause_ms").toLongLong(), 0);

    const QVariantMap given = step.resolvedParameters(
        { { "rows", 5000 }, { "pause_ms", "250" }, { "batch_size", 10 } });
    QCOMPARE(given.value("rows").toLongLong(), 5000);
    QCOMPARE(given.value("pause_ms").toLongLong(), 250);
    QVERIFY2(!given.contains("batch_size"), "only the step's own parameters are resolved");

    const QVariantMap clamped = step.resolvedParameters({ { "rows", 5 }, { "pause_ms", 999999 } });
    QCOMPARE(clamped.value("rows").toLongLong(), 1000);
    QCOMPARE(clamped.value("pause_ms").toLongLong(), 10000);

    QCOMPARE(step.resolvedParameters({ { "rows", "many" } }).value("rows").toLongLong(), 1000000);
}

void TestLessonLoader::libraryFindsLessonsAndMigrations()
{
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    QVERIFY(library.lesson("safe-path"));
    QCOMPARE(library.lesson("safe-path")->number, 5);
    QVERIFY(!library.lesson("no-such-lesson"));
    QVERIFY(library.migration("0001_initial"));
    QCOMPARE(library.migration("0001_initial")->forward.size(), 2);
    QVERIFY(!library.migration("0009_x"));
}

QTEST_GUILESS_MAIN(TestLessonLoader)
#include "tst_lessonloader.moc"
