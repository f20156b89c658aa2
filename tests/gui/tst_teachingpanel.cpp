#include "../core/RecordedRun.h"
#include "app/DjangoCodeView.h"
#include "app/PredictionView.h"
#include "app/StepTeachingPanel.h"
#include "app/VersionNotesView.h"
#include "core/lesson/LessonLoader.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTextBrowser>
#include <QToolButton>
#include <QtTest>

using namespace locklab;

// The step-teaching views driven offscreen as an attendee would: predict,
// see the measured answer, read the Django code, open the notes of other
// versions, reveal the answer. Runs are real recorded ones (tests/core/data/runs).
class TestTeachingPanel : public QObject
{
    Q_OBJECT

    LessonLibrary m_library;

    const Lesson& lesson(const QString& id) { return *m_library.lesson(id); }
    const LessonStep& step(const QString& lessonId, const QString& stepId)
    {
        for (const LessonStep& s : lesson(lessonId).steps) {
            if (s.id == stepId)
                return s;
        }
        qFatal("no step %s", qPrintable(stepId));
    }
    static RunRecord recorded(const QString& name)
    {
        RunRecord record;
        const QString error = test::readRecordedRun(QString(LOCKLAB_SOURCE_TESTS) + "/core/data/runs/" + name, &record);
        if (!error.isEmpty())
            qFatal("%s", qPrintable(error));
        return record;
    }
    static void screenshot(QWidget* widget, const QString& name)
    {
        if (qEnvironmentVariableIsEmpty("LOCKLAB_SCREENSHOT_DIR"))
            return;
        QVERIFY(widget->grab().save(QDir(qEnvironmentVariable("LOCKLAB_SCREENSHOT_DIR")).filePath(name + ".png")));
    }

private slots:
    void initTestCase()
    {
        m_library = LessonLoader::loadBuiltIn();
        QVERIFY(m_library.lesson("not-null"));
    }

    void predictThenSeeTheMeasuredAnswer()
    {
        StepTeachingPanel panel;
        panel.resize(640, 520);
        panel.setServerMajor(15);
        panel.show();
        const LessonStep& notNull = step("not-null", "not-null");
        panel.showStep(lesson("not-null"), notNull, 200000, nullptr);
        auto* view = panel.predictionView();
        QCOMPARE(view->findChild<QLabel*>("predictionQuestion")->text(), notNull.teaching.prediction.question);
        // The answer waits for the run.
        auto* reveal = panel.findChild<QPushButton*>("revealAnswerButton");
        QVERIFY(!reveal->isEnabled());
        QVERIFY(view->resultText().isEmpty());
        // What to expect at 200,000 rows.
        QVERIFY(view->findChild<QLabel*>("sizeNote")->text().contains("well under a second"));

        // The attendee says "flat"; the run says "until COMMIT".
        auto* flat = view->findChild<QRadioButton*>("predictionChoice0");
        QTest::mouseClick(flat, Qt::LeftButton, {}, QPoint(5, flat->height() / 2));
        QCOMPARE(view->picked(), 0);
        screenshot(&panel, "teaching-predict-before");
        const RunRecord run = recorded("not-null-not-null");
        panel.showRun(run);
        const QString result = view->resultText();
        QVERIFY2(result.contains("You said: <i>answer as fast as before</i>"), qPrintable(result));
        QVERIFY2(result.contains("Measured: wait for the whole migration"), qPrintable(result));
        QVERIFY2(result.contains("Reads waited 2.4 s"), qPrintable(result));
        QVERIFY(view->findChild<QLabel*>("predictionChoiceText1")->text().contains("measured"));
        QVERIFY(!view->findChild<QLabel*>("predictionChoiceText0")->text().contains("measured"));
        // Clicking a choice's text picks it, like clicking its button.
        QTest::mouseClick(view->findChild<QLabel*>("predictionChoiceText2"), Qt::LeftButton);
        QCOMPARE(view->picked(), 2);
        QVERIFY(view->resultText().contains("You said: <i>wait now and then"));
        QTest::mouseClick(flat, Qt::LeftButton, {}, QPoint(5, flat->height() / 2));
        screenshot(&panel, "teaching-predict-after");

        // The pick is kept per step: back on this step it is still there.
        panel.showStep(lesson("nullable"), step("nullable", "add-column"), 200000, nullptr);
        QCOMPARE(view->picked(), -1);
        panel.showStep(lesson("not-null"), notNull, 200000, &run);
        QCOMPARE(view->picked(), 0);
        QVERIFY(!view->resultText().isEmpty());

        // Answers: revealed on request, instructor notes collapsed until opened.
        panel.setCurrentIndex(3);
        QVERIFY(reveal->isEnabled());
        QVERIFY(!panel.answerRevealed());
        QTest::mouseClick(reveal, Qt::LeftButton);
        QVERIFY(panel.answerRevealed());
        QVERIFY(panel.findChild<QTextBrowser*>("answerBrowser")->toPlainText().contains("until COMMIT"));
        QVERIFY(!panel.instructorNotesShown());
        panel.findChild<QToolButton*>("instructorNotesToggle")->click();
        QVERIFY(panel.instructorNotesShown());
        screenshot(&panel, "teaching-answers");
    }

    void djangoCodeIsShownAndCopied()
    {
        StepTeachingPanel panel;
        panel.resize(640, 700);
        panel.show();
        const LessonStep& check = step("safe-path", "add-check");
        panel.showStep(lesson("safe-path"), check, 1000000, nullptr);
        panel.setCurrentIndex(1);
        auto* django = panel.djangoView();
        QCOMPARE(django->fileCount(), check.teaching.django.files.size());
        QVERIFY(django->findChild<QLabel*>("djangoVersionLabel")->text().contains("Django 4.0"));
        auto* migration = django->findChild<QPlainTextEdit*>("djangoFile1");
        QVERIFY(migration->toPlainText().contains("AddConstraintNotValid"));
        QApplication::clipboard()->clear();
        auto* copy = django->findChild<QPushButton*>("djangoCopy1");
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), django->fileText(1));
        QCOMPARE(copy->text(), QString("Copied"));
        screenshot(&panel, "teaching-django");
    }

    void versionNotesFollowTheServer()
    {
        StepTeachingPanel panel;
        panel.resize(640, 480);
        panel.show();
        const LessonStep& setNotNull = step("safe-path", "set-not-null");
        panel.setServerMajor(11);
        panel.showStep(lesson("safe-path"), setNotNull, 1000000, nullptr);
        panel.setCurrentIndex(2);
        auto* versions = panel.versionView();
        QVERIFY(versions->currentText().contains("Before PostgreSQL 12, SET NOT NULL always scans"));
        QVERIFY(!versions->othersShown());
        panel.setServerMajor(16);
        QVERIFY(versions->currentText().contains("From PostgreSQL 12, SET NOT NULL skips its scan"));
        QVERIFY(!versions->currentText().contains("Before PostgreSQL 12"));
        // The notes of other versions, one click away.
        versions->findChild<QToolButton*>("versionNotesToggle")->click();
        QVERIFY(versions->othersShown());
        QVERIFY(versions->otherText().contains("Before PostgreSQL 12"));
        QVERIFY(versions->otherText().contains("PostgreSQL 18 and newer"));
        screenshot(&panel, "teaching-versions");
    }

    void lessonPagesAreTabs()
    {
        StepTeachingPanel panel;
        panel.resize(640, 640);
        panel.show();
        panel.showStep(lesson("safe-path"), step("safe-path", "set-not-null"), 1000000, nullptr);
        QCOMPARE(panel.count(), 5);
        QCOMPARE(panel.tabText(4), QString("Production checklist"));
        panel.setCurrentIndex(4);
        screenshot(&panel, "teaching-checklist");
        // Another lesson without pages: the tab goes.
        panel.showStep(lesson("not-null"), step("not-null", "not-null"), 1000000, nullptr);
        QCOMPARE(panel.count(), 4);
    }
};

QTEST_MAIN(TestTeachingPanel)
#include "tst_teachingpanel.moc"
