#include "EmbeddedWindowFixture.h"
#include "MessageBoxAnswerer.h"
#include "app/MainWindow.h"
#include "app/SchemaView.h"
#include "core/lesson/LessonLoader.h"
#include "core/server/ServerSession.h"

#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

using namespace locklab;

// The window as a workshop attendee sees it, at the table sizes of a real
// workshop: lesson 3 (NOT NULL) and every step of lessons 7-11 run in the
// real MainWindow (1440 x 900) on an embedded server, one window screenshot
// after each step, to be looked at by a person. Not part of ctest: it takes
// minutes at 1M rows. Run it when the window or a catalogue lesson changes:
//   export QT_QPA_PLATFORM=offscreen LOCKLAB_SOURCE_LESSONS=$PWD/lessons
//   LOCKLAB_SCREENSHOT_DIR=/tmp/shots build/tests/gui/tst_windowshots
// LOCKLAB_SHOTS_ROWS (default 1M) sets large_user's rows and lesson 8's orders.
// It still checks what a screenshot should show: each step ended as the lesson
// means it to, the verdict names the side that stalled (or none), and the
// schema view marks the INVALID index and the NOT VALID constraint.
class TestWindowShots : public QObject
{
    Q_OBJECT

    enum class Expect { Done, Flat, ReadsStall, WritesStall, BothStall, Fails };

    struct Shot
    {
        QString step;
        Expect expect;
        QString schemaShows = {}; // text the schema view shows after the step
        QString schemaLacks = {}; // and text it no longer shows
    };

    test::EmbeddedWindowFixture m_fixture;
    MainWindow* m_window = nullptr;
    LessonLibrary m_library;
    QString m_rows;
    QString m_dir;

    int lessonIndex(const QString& id) const
    {
        for (int i = 0; i < m_library.lessons.size(); ++i) {
            if (m_library.lessons.at(i).id == id)
                return i;
        }
        return -1;
    }

    QString verdict() const { return m_window->findChild<QLabel*>("verdictLabel")->text(); }
    QString schemaText() const { return m_window->findChild<SchemaView*>("schemaView")->objectsText(); }

    void save(const QString& name)
    {
        QVERIFY2(m_window->grab().save(QDir(m_dir).filePath(name + ".png")), qPrintable(name));
    }

    void setParameter(const QString& name, const QString& value)
    {
        if (auto* box = m_window->findChild<QComboBox*>("parameter_" + name))
            box->setCurrentText(value);
    }

    // Runs the step shown, through any question the window asks (seed again,
    // open transactions), and waits for its record to be shown.
    bool run(int lesson, int step)
    {
        m_window->selectStep(lesson, step);
        if (m_library.lessons.at(lesson).steps.at(step).kind == StepKind::Seed) {
            setParameter("rows", m_rows);
            setParameter("orders", m_rows);
        }
        auto* button = m_window->findChild<QPushButton*>("runButton");
        if (!button->isEnabled())
            return false;
        test::MessageBoxAnswerer answerer("Run anyway");
        QTest::mouseClick(button, Qt::LeftButton);
        if (!QTest::qWaitFor([&]() { return m_window->runner()->isBusy(); }, 5000))
            return false;
        if (!QTest::qWaitFor([&]() { return !m_window->runner()->isBusy(); }, 600000))
            return false;
        QTest::qWait(500); // the finished record is drawn again, the schema snapshot arrives
        return true;
    }

    void check(const Lesson& lesson, const Shot& shot, const RunRecord& record)
    {
        const QString what = lesson.id + "/" + shot.step + ": ";
        const QString said = verdict();
        const bool reads = said.contains("Reads were blocked");
        const bool writes = said.contains("Writes were blocked");
        switch (shot.expect) {
        case Expect::Done:
            QVERIFY2(record.succeeded, qPrintable(what + record.error));
            break;
        case Expect::Flat:
            QVERIFY2(record.succeeded, qPrintable(what + record.error));
            QVERIFY2(!reads && !writes, qPrintable(what + said));
            break;
        case Expect::ReadsStall: // a lesson that probes reads only
            QVERIFY2(record.succeeded, qPrintable(what + record.error));
            QVERIFY2(reads, qPrintable(what + said));
            break;
        case Expect::WritesStall:
            QVERIFY2(record.succeeded, qPrintable(what + record.error));
            QVERIFY2(writes && !reads, qPrintable(what + said));
            break;
        case Expect::BothStall:
            QVERIFY2(record.succeeded, qPrintable(what + record.error));
            QVERIFY2(writes && reads, qPrintable(what + said));
            break;
        case Expect::Fails:
            QVERIFY2(!record.succeeded && !record.statements.isEmpty(), qPrintable(what + "did not fail"));
            QVERIFY2(m_window->findChild<QLabel*>("progressLabel")->text().contains("as the lesson expects"),
                     qPrintable(what + m_window->findChild<QLabel*>("progressLabel")->text()));
            break;
        }
        if (!shot.schemaShows.isEmpty())
            QTRY_VERIFY2(schemaText().contains(shot.schemaShows), qPrintable(what + schemaText()));
        if (!shot.schemaLacks.isEmpty())
            QTRY_VERIFY2(!schemaText().contains(shot.schemaLacks), qPrintable(what + schemaText()));
    }

    // Every step of the lesson in order; steps not in `shots` (added later) only have to finish.
    void runLesson(const QString& id, const QList<Shot>& shots)
    {
        const int index = lessonIndex(id);
        QVERIFY2(index >= 0, qPrintable(id));
        const Lesson& lesson = m_library.lessons.at(index);
        for (int step = 0; step < lesson.steps.size(); ++step) {
            const QString stepId = lesson.steps.at(step).id;
            Shot shot { stepId, Expect::Done };
            for (const Shot& s : shots) {
                if (s.step == stepId)
                    shot = s;
            }
            QVERIFY2(run(index, step), qPrintable(id + "/" + stepId + " did not run"));
            const RunRecord* record = m_window->lastRecord(id, stepId);
            QVERIFY2(record, qPrintable(id + "/" + stepId + ": no record"));
            const QString name = QString("%1-%2-%3").arg(index + 1, 2, 10, QChar('0')).arg(step).arg(stepId);
            save(name);
            check(lesson, shot, *record);
            if (QTest::currentTestFailed())
                return;
        }
    }

private slots:
    void initTestCase()
    {
        m_dir = qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR");
        QVERIFY2(!m_dir.isEmpty() && QDir().mkpath(m_dir), "set LOCKLAB_SCREENSHOT_DIR to a writable directory");
        m_rows = qEnvironmentVariable("LOCKLAB_SHOTS_ROWS", "1M");
        QString error;
        QVERIFY2(m_fixture.open("locklab-shots", &error), qPrintable(error));
        m_library = LessonLoader::loadBuiltIn();
        QVERIFY2(m_library.errors.isEmpty(), qPrintable(m_library.errors.join('\n')));
        m_window = m_fixture.createWindow(m_library);
        QVERIFY(m_fixture.show());
    }

    void cleanupTestCase()
    {
        m_window = nullptr;
        m_fixture.close();
    }

    // Issue 14's normal window: the NOT NULL stall after a real run.
    void notNull()
    {
        runLesson("seed", {});
        runLesson("nullable", {});
        runLesson("not-null", { { "not-null", Expect::ReadsStall } });
    }

    void indexes()
    {
        runLesson("indexes",
                  { { "create-index", Expect::WritesStall },
                    { "drop-index", Expect::Flat },
                    { "create-index-concurrently", Expect::Flat },
                    { "cic-waits", Expect::Flat },
                    { "invalid-index", Expect::Fails, "INVALID" },
                    { "clean-up", Expect::Flat, "(dropped)", "INVALID" } });
    }

    void foreignKeys()
    {
        runLesson("foreign-keys",
                  { { "add-foreign-key", Expect::WritesStall },
                    { "index-referencing-column", Expect::Flat },
                    { "add-not-valid", Expect::Flat, "NOT VALID" },
                    { "validate", Expect::Flat, {}, "NOT VALID" } });
    }

    void columnTypes()
    {
        runLesson("column-types",
                  { { "widen-varchar", Expect::Flat },
                    { "bigint-rewrite", Expect::BothStall },
                    { "roll-back-rewrite", Expect::BothStall },
                    { "expand", Expect::Flat },
                    { "backfill", Expect::Flat },
                    { "swap", Expect::Flat } });
    }

    void defaults()
    {
        runLesson("defaults",
                  { { "default-now", Expect::Flat },
                    { "default-clock-timestamp", Expect::BothStall },
                    { "not-null-default", Expect::Flat } });
    }

    void unique()
    {
        runLesson("unique",
                  { { "add-unique", Expect::BothStall },
                    { "unique-index-concurrently", Expect::Flat },
                    { "using-index", Expect::Flat },
                    { "duplicates", Expect::Fails, "INVALID" },
                    { "clean-up", Expect::Flat, {}, "INVALID" } });
    }
};

QTEST_MAIN(TestWindowShots)
#include "tst_windowshots.moc"
