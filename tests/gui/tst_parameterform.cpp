#include "app/ParameterForm.h"
#include "core/lesson/LessonLoader.h"

#include <QComboBox>
#include <QLabel>
#include <QtTest>

using namespace locklab;

// Row counts and batch sizes typed by attendees: bad ones are refused next
// to the field with the allowed range, good ones in any common spelling pass.
class TestParameterForm : public QObject
{
    Q_OBJECT

private:
    LessonLibrary m_library = LessonLoader::loadBuiltIn();

    const LessonStep* step(const QString& lesson, int index) const
    {
        return &m_library.lesson(lesson)->steps.at(index);
    }

private slots:
    void refusesBadValuesInline_data()
    {
        QTest::addColumn<QString>("lesson");
        QTest::addColumn<QString>("parameter");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("rows 0") << "seed"
                                << "rows"
                                << "0"
                                << "Rows in large_user: 0 is out of range";
        QTest::newRow("rows -5") << "seed"
                                 << "rows"
                                 << "-5"
                                 << "Rows in large_user: -5 is out of range";
        QTest::newRow("rows 10^12") << "seed"
                                    << "rows"
                                    << "1000000000000"
                                    << "1,000,000,000,000 is out of range";
        QTest::newRow("rows text") << "seed"
                                   << "rows"
                                   << "lots"
                                   << "'lots' is not a whole number";
        QTest::newRow("batch 0") << "safe-path"
                                 << "batch_size"
                                 << "0"
                                 << "is out of range";
    }

    void refusesBadValuesInline()
    {
        QFETCH(QString, lesson);
        QFETCH(QString, parameter);
        QFETCH(QString, text);
        QFETCH(QString, message);
        ParameterForm form;
        form.setStep(step(lesson, lesson == "safe-path" ? 1 : 0));
        form.show();
        auto* combo = form.findChild<QComboBox*>("parameter_" + parameter);
        QVERIFY(combo);
        combo->setCurrentText(text);
        QVariantMap values;
        QString error;
        QVERIFY(!form.values(&values, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
        auto* shown = form.findChild<QLabel*>("parameterError");
        QVERIFY(shown->isVisible());
        QCOMPARE(shown->text(), error);
        QVERIFY(error.contains("from")); // says what is allowed
    }

    void acceptsCommonSpellings_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("value");
        QTest::newRow("1M") << "1M" << qint64(1000000);
        QTest::newRow("250k") << "250k" << qint64(250000);
        QTest::newRow("commas") << "1,000,000" << qint64(1000000);
        QTest::newRow("plain") << "20000" << qint64(20000);
    }

    void acceptsCommonSpellings()
    {
        QFETCH(QString, text);
        QFETCH(qint64, value);
        ParameterForm form;
        form.setStep(step("seed", 0));
        form.findChild<QComboBox*>("parameter_rows")->setCurrentText(text);
        QVariantMap values;
        QString error;
        QVERIFY2(form.values(&values, &error), qPrintable(error));
        QCOMPARE(values.value("rows").toLongLong(), value);
        QVERIFY(!form.findChild<QLabel*>("parameterError")->isVisible());
    }
};

QTEST_MAIN(TestParameterForm)
#include "tst_parameterform.moc"
