#include "LessonFixtures.h"
#include "RecordedRun.h"
#include "core/lesson/LessonLoader.h"
#include "core/teach/PredictionResult.h"
#include "core/teach/RunMetrics.h"
#include "core/teach/VersionNotes.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using namespace locklab;
using namespace locklab::test;

namespace {

const LessonStep* findStep(const LessonLibrary& library, const QString& lessonId, const QString& stepId)
{
    const Lesson* lesson = library.lesson(lessonId);
    if (!lesson)
        return nullptr;
    for (const LessonStep& step : lesson->steps) {
        if (step.id == stepId)
            return &step;
    }
    return nullptr;
}

QStringList allErrors(const LessonLibrary& library)
{
    QStringList errors = library.errors;
    for (const Lesson& lesson : library.lessons)
        errors += lesson.error.split('\n', Qt::SkipEmptyParts);
    return errors;
}

} // namespace

// The teaching fields of lessons (predictions, Django code, version and size
// notes, answers) and the rules that turn a run into a measured answer.
class TestTeaching : public QObject
{
    Q_OBJECT

private slots:
    void everyBuiltInStepTeaches();
    void majorVersionIsParsed_data();
    void majorVersionIsParsed();
    void stepForANewerServerSaysSo();
    void fakeVersionPicksTheRightNotes_data();
    void fakeVersionPicksTheRightNotes();
    void firstMatchingChoiceIsMeasured();
    void recordedRunPicksTheMeasuredAnswer_data();
    void recordedRunPicksTheMeasuredAnswer();
    void metricsAreFilledIntoText();
    void writeMetricsComeFromTheWrites();
    void brokenTeachingFieldIsReported_data();
    void brokenTeachingFieldIsReported();
};

void TestTeaching::everyBuiltInStepTeaches()
{
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    QVERIFY2(allErrors(library).isEmpty(), qPrintable(allErrors(library).join('\n')));
    int steps = 0;
    QMap<int, int> stepsOfLesson;
    for (const Lesson& lesson : library.lessons) {
        if (lesson.number > 11)
            continue;
        for (const LessonStep& step : lesson.steps) {
            ++stepsOfLesson[lesson.number];
            const QString where = lesson.id + "/" + step.id;
            const StepTeaching& t = step.teaching;
            QVERIFY2(!t.prediction.isEmpty() && t.prediction.choices.size() >= 2, qPrintable(where));
            QVERIFY2(!t.prediction.measured.isEmpty(), qPrintable(where));
            QVERIFY2(!t.django.isEmpty() && !t.django.minVersion.isEmpty(), qPrintable(where));
            QVERIFY2(!t.answer.trimmed().isEmpty(), qPrintable(where));
            QVERIFY2(!t.instructorNotes.trimmed().isEmpty(), qPrintable(where));
            for (const DjangoFile& file : t.django.files)
                QVERIFY2(!file.code.trimmed().isEmpty() && !file.path.isEmpty(), qPrintable(where));
            // The explanation is read before the prediction: it must not
            // hold the answer's opening words ("Both wait", "Reads answer").
            const QString firstLine = t.answer.trimmed().section('\n', 0, 0).section('.', 0, 0).trimmed();
            QVERIFY2(firstLine.size() < 12 || !step.explanation.contains(firstLine),
                     qPrintable(where + ": " + firstLine));
            // A lesson with a write probe asks about writes too.
            if (lesson.number >= 6 && step.kind != StepKind::Seed) {
                bool asksWrites = t.prediction.measured.contains("writes_blocked_ms");
                for (const PredictionChoice& choice : t.prediction.choices) {
                    for (const MetricCondition& condition : choice.when)
                        asksWrites = asksWrites || condition.metric.startsWith("write");
                }
                QVERIFY2(asksWrites, qPrintable(where + ": the prediction ignores the write probe"));
            }
            ++steps;
        }
    }
    QCOMPARE(steps, 1 + 1 + 1 + 1 + 11 + 4 + 7 + 5 + 11 + 4 + 6);
    QCOMPARE(stepsOfLesson.value(9), 11); // with the primary-key path (pk-expand .. pk-validate-fk)
    QCOMPARE(stepsOfLesson.value(7), 7); // with the concurrent build behind a forgotten transaction
    // The safe path ends with the checklist of issue 11.
    const Lesson* safe = library.lesson("safe-path");
    QVERIFY(safe);
    QCOMPARE(safe->pages.size(), 1);
    QVERIFY(safe->pages.first().text.contains("idle_in_transaction_session_timeout"));
    QVERIFY(safe->pages.first().text.contains("hot standbys"));
}

void TestTeaching::majorVersionIsParsed_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("major");
    QTest::newRow("15.8") << "15.8" << 15;
    QTest::newRow("with name") << "PostgreSQL 12.22" << 12;
    QTest::newRow("beta") << "18beta1" << 18;
    QTest::newRow("old scheme") << "9.6.24" << 9;
    QTest::newRow("empty") << "" << 0;
}

void TestTeaching::majorVersionIsParsed()
{
    QFETCH(QString, text);
    QFETCH(int, major);
    QCOMPARE(VersionNotes::majorOf(text), major);
    QCOMPARE(VersionNotes::majorOfNumber(150008), 15);
    QCOMPARE(VersionNotes::majorOfNumber(180000), 18);
    QCOMPARE(VersionNotes::majorOfNumber(90624), 9);
}

void TestTeaching::fakeVersionPicksTheRightNotes_data()
{
    // Fake servers of each version, against the notes of the built-in lessons.
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<QString>("step");
    QTest::addColumn<int>("major");
    QTest::addColumn<QStringList>("mustShow"); // a phrase of each note that applies
    QTest::addColumn<QStringList>("mustNotShow"); // a phrase of each note that does not
    const QString before12 = "Before PostgreSQL 12, SET NOT NULL always scans";
    const QString from12 = "From PostgreSQL 12, SET NOT NULL skips its scan";
    const QString from18 = "On PostgreSQL 18 you could skip this step";
    QTest::newRow("11: SET NOT NULL scans")
        << "safe-path"
        << "set-not-null" << 11 << QStringList { before12 } << QStringList { from12, from18 };
    QTest::newRow("12: no scan") << "safe-path"
                                 << "set-not-null" << 12 << QStringList { from12 } << QStringList { before12, from18 };
    QTest::newRow("17: no scan, no NOT VALID NOT NULL")
        << "safe-path"
        << "set-not-null" << 17 << QStringList { from12 } << QStringList { before12, from18 };
    QTest::newRow("18: shorter path") << "safe-path"
                                      << "set-not-null" << 18 << QStringList { from12, from18 }
                                      << QStringList { before12 };
    QTest::newRow("10: ADD COLUMN DEFAULT rewrites")
        << "nullable"
        << "add-column" << 10
        << QStringList { "Before PostgreSQL 11, `ADD COLUMN` **with a `DEFAULT`**", "is built in from PostgreSQL 13" }
        << QStringList { "From PostgreSQL 11" };
    QTest::newRow("13: fast default, gen_random_uuid built in")
        << "nullable"
        << "add-column" << 13 << QStringList { "From PostgreSQL 11" }
        << QStringList { "Before PostgreSQL 11", "is built in from PostgreSQL 13" };
    QTest::newRow("18: NOT NULL NOT VALID")
        << "safe-path"
        << "add-check" << 18 << QStringList { "PostgreSQL 18 can add the NOT NULL constraint" }
        << QStringList { "Before PostgreSQL 18" };
    QTest::newRow("16: CHECK detour") << "safe-path"
                                      << "add-check" << 16 << QStringList { "Before PostgreSQL 18" }
                                      << QStringList { "PostgreSQL 18 can add the NOT NULL constraint" };
}

void TestTeaching::fakeVersionPicksTheRightNotes()
{
    QFETCH(QString, lesson);
    QFETCH(QString, step);
    QFETCH(int, major);
    QFETCH(QStringList, mustShow);
    QFETCH(QStringList, mustNotShow);
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    const LessonStep* found = findStep(library, lesson, step);
    QVERIFY(found);
    const QList<VersionNote> shown = VersionNotes::applying(found->teaching.versionNotes, major);
    const QList<VersionNote> others = VersionNotes::notApplying(found->teaching.versionNotes, major);
    QCOMPARE(shown.size() + others.size(), found->teaching.versionNotes.size());
    auto contains = [](const QList<VersionNote>& notes, const QString& phrase) {
        return std::any_of(notes.cbegin(), notes.cend(),
                           [&](const VersionNote& note) { return note.text.contains(phrase); });
    };
    for (const QString& phrase : mustShow) {
        QVERIFY2(contains(shown, phrase), qPrintable(phrase));
        QVERIFY2(!contains(others, phrase), qPrintable(phrase));
    }
    for (const QString& phrase : mustNotShow) {
        QVERIFY2(!contains(shown, phrase), qPrintable(phrase));
        QVERIFY2(contains(others, phrase), qPrintable(phrase)); // one click away
    }
    // Not connected: nothing applies, everything is "other versions".
    QVERIFY(VersionNotes::applying(found->teaching.versionNotes, 0).isEmpty());
    QCOMPARE(VersionNotes::range(VersionNote { 12, 0, {} }), QString("PostgreSQL 12 and newer"));
    QCOMPARE(VersionNotes::range(VersionNote { 0, 12, {} }), QString("PostgreSQL 11 and older"));
    QCOMPARE(VersionNotes::range(VersionNote { 12, 18, {} }), QString("PostgreSQL 12 to 17"));
}

void TestTeaching::firstMatchingChoiceIsMeasured()
{
    Prediction prediction;
    prediction.question = "Reads will...";
    prediction.measured = "Waited {reads_blocked_ms}.";
    prediction.choices = {
        { "flat", "stay flat", { { "reads_blocked_ms", std::nullopt, 100.0 } } },
        { "whole", "wait until COMMIT", { { "blocked_share", 0.6, std::nullopt } } },
        { "part", "wait now and then", {} },
    };
    RunMetrics metrics;
    metrics.set("reads_blocked_ms", 50);
    QCOMPARE(PredictionResult::evaluate(prediction, metrics).measuredIndex, 0);
    metrics.set("reads_blocked_ms", 100); // 'below' is exclusive
    metrics.set("blocked_share", 0.6); // 'at_least' is inclusive
    PredictionResult result = PredictionResult::evaluate(prediction, metrics, 0);
    QCOMPARE(result.measuredIndex, 1);
    QVERIFY(!result.pickedRight());
    QCOMPARE(result.sentence(prediction), QString("You said: stay flat. Measured: wait until COMMIT. Waited 100 ms."));
    metrics.set("blocked_share", 0.2);
    result = PredictionResult::evaluate(prediction, metrics, 2);
    QCOMPARE(result.measuredIndex, 2);
    QVERIFY(result.pickedRight());
    QCOMPARE(PredictionResult::evaluate(prediction, metrics).sentence(prediction),
             QString("Measured: wait now and then. Waited 100 ms."));
}

void TestTeaching::recordedRunPicksTheMeasuredAnswer_data()
{
    // Real runs at 200,000 rows (locklab-cli run ... --formats csv,json), and
    // the choice their numbers must pick: what an attendee saw happen.
    QTest::addColumn<QString>("run");
    QTest::addColumn<QString>("expected");
    QTest::newRow("lesson 2: flat") << "nullable-add-column"
                                    << "flat";
    QTest::newRow("lesson 3: until COMMIT") << "not-null-not-null"
                                            << "until-commit";
    QTest::newRow("lesson 4: flat") << "rollback-rollback"
                                    << "flat";
    QTest::newRow("5.1 add column: a moment") << "safe-path-add-column"
                                              << "moment";
    QTest::newRow("5.2 backfill: flat") << "safe-path-backfill"
                                        << "flat";
    QTest::newRow("5.3 add check: a moment") << "safe-path-add-check"
                                             << "moment";
    QTest::newRow("5.4 validate: flat") << "safe-path-validate"
                                        << "flat";
    QTest::newRow("5.5 set not null: a moment") << "safe-path-set-not-null"
                                                << "moment";
    QTest::newRow("5.6 rewind: flat") << "safe-path-rewind"
                                      << "flat";
    QTest::newRow("5.7 slip: accepted") << "safe-path-slip"
                                        << "accepted";
    QTest::newRow("5.8 validate fails") << "safe-path-validate-fails"
                                        << "fails";
    QTest::newRow("5.9 fix: flat") << "safe-path-fix"
                                   << "flat";
    QTest::newRow("5.10 validate again") << "safe-path-validate-again"
                                         << "succeeds";
}

void TestTeaching::recordedRunPicksTheMeasuredAnswer()
{
    QFETCH(QString, run);
    QFETCH(QString, expected);
    RunRecord record;
    const QString error = readRecordedRun(qEnvironmentVariable("LOCKLAB_TEST_DATA") + "/runs/" + run, &record);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(!record.samples.isEmpty() || record.stepId == "seed");
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    const LessonStep* step = findStep(library, record.lessonId, record.stepId);
    QVERIFY2(step, qPrintable(record.lessonId + "/" + record.stepId));
    const Prediction& prediction = step->teaching.prediction;
    const RunSummary summary(record);
    const PredictionResult result = PredictionResult::evaluate(prediction, summary);
    QVERIFY2(result.hasMeasured(), qPrintable(result.sentence(prediction)));
    QCOMPARE(prediction.choices.at(result.measuredIndex).id, expected);
    // Every placeholder was filled with a number.
    QVERIFY2(!result.measuredText.contains('{'), qPrintable(result.measuredText));
    // Picking the measured answer says so; picking another one does not.
    QVERIFY(PredictionResult::evaluate(prediction, summary, result.measuredIndex).pickedRight());
    const int other = result.measuredIndex == 0 ? 1 : 0;
    QVERIFY(!PredictionResult::evaluate(prediction, summary, other).pickedRight());
}

void TestTeaching::metricsAreFilledIntoText()
{
    RunMetrics metrics;
    metrics.set("reads_blocked_ms", 5123);
    metrics.set("longest_read_ms", 340.4);
    metrics.set("blocked_share", 0.854);
    metrics.set("rows", 1000000);
    QCOMPARE(metrics.fill("{reads_blocked_ms} / {longest_read_ms} / {blocked_share} / {rows} / {nope}"),
             QString("5.1 s / 340 ms / 85 % / 1,000,000 / {nope}"));
    QCOMPARE(MetricCatalog::unknownPlaceholders("{rows} {nope} {nope}"), QStringList { "nope" });
}

// Lesson 7's CREATE INDEX: reads flat, one write held 1.2 s behind SHARE.
// The read metrics count the reads only, the write metrics the writes only.
void TestTeaching::writeMetricsComeFromTheWrites()
{
    RunRecord run;
    run.startedAt = QDateTime::currentDateTimeUtc();
    run.migrationStartMs = 1000;
    run.migrationEndMs = 2300;
    run.endMs = 3000;
    run.blockedThresholdMs = 100;
    auto sample = [](ProbeKind kind, double startMs, double latencyMs) {
        ProbeSample s;
        s.kind = kind;
        s.scheduledMs = s.startMs = startMs;
        s.latencyMs = latencyMs;
        s.outcome = ProbeOutcome::Ok;
        s.probe = 1;
        return s;
    };
    for (int i = 0; i < 30; ++i) {
        run.samples.append(sample(ProbeKind::Read, i * 100, 0.5));
        if (i < 10 || i > 23)
            run.samples.append(sample(ProbeKind::Write, i * 100 + 50, 0.8));
    }
    run.samples.append(sample(ProbeKind::Write, 1050, 1200));
    LockInterval wait;
    wait.pid = 7;
    wait.holder = "write probe 1";
    wait.relation = "large_user";
    wait.mode = "RowExclusiveLock";
    wait.granted = false;
    wait.fromMs = 1060;
    wait.toMs = 2250;
    LockInterval share = wait;
    share.pid = 8;
    share.holder = "migration";
    share.mode = "ShareLock";
    share.granted = true;
    share.fromMs = 1000;
    share.toMs = 2300;
    run.locks = { share, wait };

    const RunMetrics metrics { RunSummary(run) };
    QCOMPARE(metrics.value("reads_blocked_ms"), 0.0);
    QCOMPARE(metrics.value("longest_read_ms"), 0.5);
    QCOMPARE(metrics.value("reads"), 30.0);
    QCOMPARE(metrics.value("writes"), 17.0);
    QCOMPARE(metrics.value("longest_write_ms"), 1200.0);
    QCOMPARE(metrics.value("writes_blocked_ms"), 1200.0);
    QCOMPARE(metrics.value("blocked_share"), 0.0);

    // Lesson 7's prediction picks "reads answer, writes wait".
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    const LessonStep* step = findStep(library, "indexes", "create-index");
    QVERIFY(step);
    const PredictionResult result = PredictionResult::evaluate(step->teaching.prediction, metrics);
    QVERIFY(result.hasMeasured());
    QCOMPARE(step->teaching.prediction.choices.at(result.measuredIndex).id, QString("writes-wait"));

    // Without a write probe the write metrics are zero, the reads unchanged.
    RunRecord readsOnly = RunStatistics::seriesRecord(run, ProbeKind::Read);
    const RunMetrics readMetrics { RunSummary(readsOnly) };
    QCOMPARE(readMetrics.value("writes"), 0.0);
    QCOMPARE(readMetrics.value("writes_blocked_ms"), 0.0);
    QCOMPARE(readMetrics.value("reads"), 30.0);
}

// Lesson 5's short safe path runs on PostgreSQL 18 only; on older servers
// the window and the runner give this sentence instead of running it.
void TestTeaching::stepForANewerServerSaysSo()
{
    const LessonLibrary library = LessonLoader::loadBuiltIn();
    const Lesson* safe = library.lesson("safe-path");
    QVERIFY(safe);
    const LessonStep* shortPath = nullptr;
    for (const LessonStep& step : safe->steps)
        shortPath = step.id == "short-path-18" ? &step : shortPath;
    QVERIFY(shortPath);
    QCOMPARE(shortPath->minServerVersion, 18);
    QCOMPARE(shortPath->versionShortfall(15), QString("needs PostgreSQL 18 or newer; this server is 15"));
    QVERIFY(shortPath->versionShortfall(18).isEmpty());
    QVERIFY(shortPath->versionShortfall(0).isEmpty()); // unknown version: the server decides
    // Every other step of lessons 1-5 runs on any supported version.
    for (const Lesson& lesson : library.lessons) {
        for (const LessonStep& step : lesson.steps) {
            if (lesson.number <= 5 && &step != shortPath)
                QVERIFY2(step.versionShortfall(12).isEmpty(), qPrintable(lesson.id + "/" + step.id));
        }
    }
}

void TestTeaching::brokenTeachingFieldIsReported_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    const QString notNull = "lessons/03-not-null/lesson.json: step 'not-null': ";
    QTest::newRow("unknown metric") << "03-not-null/lesson.json"
                                    << "steps/@not-null/prediction/choices/0/when"
                                    << R"({"reads_blokced_ms": {"below": 100}})"
                                    << notNull
            + "'prediction': choice 'flat': 'when' metric 'reads_blokced_ms' is unknown";
    QTest::newRow("bound not a number") << "03-not-null/lesson.json"
                                        << "steps/@not-null/prediction/choices/0/when/reads_blocked_ms"
                                        << R"({"below": "100"})"
                                        << notNull
            + "'prediction': choice 'flat': 'when' metric 'reads_blocked_ms': 'below' must be a number";
    QTest::newRow("empty range") << "03-not-null/lesson.json"
                                 << "steps/@not-null/prediction/choices/0/when/reads_blocked_ms"
                                 << R"({"at_least": 5, "below": 5})"
                                 << notNull
            + "'prediction': choice 'flat': 'when' metric 'reads_blocked_ms': 'at_least' 5 is not below 'below' 5";
    QTest::newRow("one choice") << "03-not-null/lesson.json"
                                << "steps/@not-null/prediction/choices"
                                << R"([{"id": "a", "text": "a"}])"
                                << notNull + "'prediction': 'choices' has 1 choices; give 2 to 4";
    QTest::newRow("catch-all first") << "03-not-null/lesson.json"
                                     << "steps/@not-null/prediction/choices/0/when"
                                     << "" << notNull + "'prediction': choice 1 has no 'when'";
    QTest::newRow("unknown placeholder") << "03-not-null/lesson.json"
                                         << "steps/@not-null/prediction/measured"
                                         << R"("Reads waited {blocked}.")"
                                         << notNull + "'prediction': 'measured' uses the unknown metric {blocked}";
    QTest::newRow("missing question") << "03-not-null/lesson.json"
                                      << "steps/@not-null/prediction/question"
                                      << "" << notNull + "'prediction': 'question' is missing";
    QTest::newRow("missing Django file") << "03-not-null/lesson.json"
                                         << "steps/@not-null/django/files/1/source"
                                         << R"("django/nope.py")"
                                         << notNull
            + "'django': file 2: 'source' names the missing file 'django/nope.py'";
    QTest::newRow("bad Django version") << "03-not-null/lesson.json"
                                        << "steps/@not-null/django/min_version"
                                        << R"("4")" << notNull + "'django': 'min_version' must look like \"4.0\"";
    QTest::newRow("bad language") << "03-not-null/lesson.json"
                                  << "steps/@not-null/django/files/0/language"
                                  << R"("ruby")" << notNull + "'django': file 1: 'language' must be";
    QTest::newRow("version not a major") << "03-not-null/lesson.json"
                                         << "steps/@not-null/version_notes/0/from"
                                         << "120"
                                         << notNull
            + "'version_notes' note 1: 'from' 120 is not a PostgreSQL major version";
    QTest::newRow("min server version not a major")
        << "03-not-null/lesson.json"
        << "steps/@not-null/min_server_version"
        << "180000" << notNull + "'min_server_version' 180000 must be a PostgreSQL major version between 10 and 99";
    QTest::newRow("empty version range") << "03-not-null/lesson.json"
                                         << "steps/@not-null/version_notes/0/before"
                                         << "12"
                                         << notNull + "'version_notes' note 1: 'from' 12 is not below 'before' 12";
    QTest::newRow("size notes out of order")
        << "03-not-null/lesson.json"
        << "steps/@not-null/size_notes/1/below_rows"
        << "1000" << notNull + "'size_notes' note 2: 'below_rows' 1000 must be above";
    QTest::newRow("missing answer") << "03-not-null/lesson.json"
                                    << "steps/@not-null/answer"
                                    << R"("gone.md")" << notNull + "'answer' names the missing file 'gone.md'";
    QTest::newRow("unknown teaching field") << "03-not-null/lesson.json"
                                            << "steps/@not-null/instructor_note"
                                            << R"("x.md")" << notNull + "unknown field 'instructor_note'";
    QTest::newRow("missing page file") << "05-safe-path/lesson.json"
                                       << "pages/0/file"
                                       << R"("nope.md")"
                                       << "lessons/05-safe-path/lesson.json: 'pages' page 1: 'file' names the missing "
                                          "file 'nope.md'";
}

void TestTeaching::brokenTeachingFieldIsReported()
{
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QTemporaryDir directory;
    QVERIFY(directory.isValid());
    const QString root = directory.path() + "/lessons";
    QVERIFY(copyTree(LessonLoader::builtInPath(), root));
    QJsonValue json(QJsonValue::Undefined);
    if (!value.isEmpty()) {
        json = QJsonDocument::fromJson("[" + value.toUtf8() + "]").array().at(0);
        QVERIFY2(!json.isUndefined(), "the value must be JSON");
    }
    const QString error = editJsonFile(root + "/" + file, path, json);
    QVERIFY2(error.isEmpty(), qPrintable(error));

    const LessonLibrary library = LessonLoader::loadDirectory(root);
    const QStringList errors = allErrors(library);
    const bool found = std::any_of(errors.cbegin(), errors.cend(),
                                   [&](const QString& line) { return line.startsWith(expected); });
    QVERIFY2(found, qPrintable(QString("expected: %1\ngot:\n%2").arg(expected, errors.join('\n'))));
    // Only the edited lesson breaks.
    for (const Lesson& lesson : library.lessons)
        QCOMPARE(lesson.isValid(), !lesson.source.endsWith(file));
}

QTEST_GUILESS_MAIN(TestTeaching)
#include "tst_teaching.moc"
