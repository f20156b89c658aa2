#include "core/analysis/ParseTree.h"
#include "core/tryout/CheckConstraintReader.h"
#include "core/tryout/SeedPlanner.h"

#include <QtTest>

using namespace locklab;

// The rows "try your own" generates: values per type that keep to NOT NULL,
// UNIQUE and the simple CHECK constraints, and notes naming the checks the
// generator cannot keep to. (tst_tryyourown fills such tables on a server.)
class TestSeedPlanner : public QObject
{
    Q_OBJECT

    static SeedPlan plan(const QString& ddl, qint64 rows = 1000) { return SeedPlanner::plan(ddl, {}, rows); }

    // The expression of `column` in the table's INSERT ... SELECT.
    static QString valueOf(const TableSeed& t, const QString& column)
    {
        const QString sql = t.insertSql;
        const int open = int(sql.indexOf('(')), close = int(sql.indexOf(')'));
        const QStringList columns = sql.mid(open + 1, close - open - 1).split(", ");
        const int at = int(columns.indexOf('"' + column + '"'));
        if (at < 0)
            return {};
        // The values are separated by ", " at parenthesis depth 0.
        const QString values = sql.mid(sql.indexOf("SELECT ") + 7,
                                       sql.lastIndexOf(" FROM generate_series") - sql.indexOf("SELECT ") - 7);
        QStringList parts;
        int depth = 0;
        QString part;
        for (int i = 0; i < values.size(); ++i) {
            const QChar ch = values.at(i);
            depth += ch == '(' || ch == '[' ? 1 : (ch == ')' || ch == ']' ? -1 : 0);
            if (depth == 0 && values.mid(i, 2) == ", ") {
                parts.append(part);
                part.clear();
                ++i;
                continue;
            }
            part += ch;
        }
        parts.append(part);
        return parts.value(at);
    }

private slots:
    void readsSimpleConditions()
    {
        const QByteArray ddl = "CREATE TABLE t (a int CHECK (a > 0 AND a <= 10), b text CONSTRAINT bn CHECK "
                               "(length(b) <= 5), c numeric CHECK (c BETWEEN 1 AND 2.5), d text CHECK (d IN "
                               "('x','y')), e text CHECK (e <> ''), f int CHECK (f IS NULL OR f >= -3), "
                               "CHECK (char_length(b) > 1), g int CHECK (g = ANY (ARRAY[1,2])), "
                               "h int CHECK (-20 < h), CHECK ((h)::numeric <= ('-5'::integer)::numeric))";
        QList<ParsedStatement> statements;
        QString error;
        int offset = -1;
        QVERIFY(PgParser::parseScript(ddl, &statements, &error, &offset));
        CheckConstraintReader reader(ddl);
        QList<QJsonObject> constraints;
        ParseTree::collect(statements.first().node, "Constraint", &constraints);
        for (const QJsonObject& c : constraints)
            QVERIFY2(reader.add(c), qPrintable(reader.text(c)));
        const QMap<QString, ColumnCheck> cols = reader.columns();
        QCOMPARE(cols["a"].low->sql, QString("0"));
        QVERIFY(!cols["a"].lowInclusive);
        QCOMPARE(*cols["a"].high->number, 10.0);
        QVERIFY(cols["a"].highInclusive);
        QCOMPARE(cols["b"].maxLength, 5);
        QCOMPARE(cols["b"].minLength, 2);
        QCOMPARE(cols["b"].checks,
                 QStringList({ "CONSTRAINT bn CHECK (length(b) <= 5)", "CHECK (char_length(b) > 1)" }));
        QCOMPARE(*cols["c"].low->number, 1.0);
        QCOMPARE(cols["c"].high->sql, QString("2.5"));
        QCOMPARE(cols["d"].allowed.size(), 2);
        QCOMPARE(cols["d"].allowed.at(1).sql, QString("'y'"));
        QCOMPARE(cols["e"].minLength, 1);
        QCOMPARE(*cols["f"].low->number, -3.0); // the tree loses the sign; the scanner's tokens keep it
        QCOMPARE(cols["g"].allowed.size(), 2);
        QCOMPARE(*cols["h"].low->number, -20.0); // constant on the left: flipped
        QVERIFY(!cols["h"].lowInclusive);
        QCOMPARE(*cols["h"].high->number, -5.0); // pg_dump's casts looked through
    }

    void refusesWhatItCannotRespect_data()
    {
        QTest::addColumn<QString>("check");
        QTest::newRow("two columns") << "CHECK (a < b)";
        QTest::newRow("regular expression") << "CHECK (b ~ '^[a-z]+$')";
        QTest::newRow("NOT IN") << "CHECK (a NOT IN (1, 2))";
        QTest::newRow("OR of two conditions") << "CHECK (a < 0 OR a > 10)";
        QTest::newRow("function of the column") << "CHECK (lower(b) = b)";
        QTest::newRow("not equal to a number") << "CHECK (a <> 5)";
    }

    void refusesWhatItCannotRespect()
    {
        QFETCH(QString, check);
        const SeedPlan p = plan(QString("CREATE TABLE t (a int, b text, %1);").arg(check));
        QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.join('\n')));
        QCOMPARE(p.notes.size(), 1);
        QVERIFY2(p.notes.first().contains("does not understand " + check), qPrintable(p.notes.first()));
    }

    void integersStayInsideTheRange()
    {
        const SeedPlan p = plan("CREATE TABLE t (id bigint PRIMARY KEY CHECK (id >= 100), "
                                "pos int CHECK (pos > 0), small int CHECK (small BETWEEN 3 AND 7), "
                                "neg int CHECK (neg < -10), free int, bounded int CHECK (bounded < 50));");
        QVERIFY2(p.problems.isEmpty() && p.notes.isEmpty(), qPrintable(p.problems.join('\n') + p.notes.join('\n')));
        const TableSeed& t = p.tables.first();
        QCOMPARE(valueOf(t, "id"), QString("(g + 99)")); // 100 .. 1099, unique
        QVERIFY(t.keyColumn.isEmpty()); // batches and probes need keys 1..rows
        QCOMPARE(valueOf(t, "pos"), QString("(1 + (g % 1000))"));
        QCOMPARE(valueOf(t, "small"), QString("(3 + (g % 5))"));
        QCOMPARE(valueOf(t, "neg"), QString("(-1010 + (g % 1000))")); // -1010 .. -11
        QCOMPARE(valueOf(t, "free"), QString("(g % 1000)"));
        QCOMPARE(valueOf(t, "bounded"), QString("(-950 + (g % 1000))")); // -950 .. 49
    }

    void uniqueValuesNeedRoom()
    {
        const SeedPlan p = plan("CREATE TABLE t (id int PRIMARY KEY CHECK (id BETWEEN 1 AND 500));", 1000);
        QCOMPARE(p.problems.size(), 1);
        QVERIFY2(p.problems.first().contains("allows only 500 values, fewer than 1000 rows"),
                 qPrintable(p.problems.first()));
        const SeedPlan small = plan("CREATE TABLE t (id smallint PRIMARY KEY);", 70000);
        QVERIFY2(small.problems.value(0).contains("smallint allows only 65535 values, fewer than 70000 rows"),
                 qPrintable(small.problems.join('\n')));
        const SeedPlan list = plan("CREATE TABLE t (code text NOT NULL UNIQUE CHECK (code IN ('a', 'b')));", 10);
        QVERIFY2(list.problems.value(0).contains("allows only 2 value(s)"), qPrintable(list.problems.join("\n")));
    }

    void decimalsListsAndText()
    {
        const SeedPlan p = plan("CREATE TABLE t (id int PRIMARY KEY, balance numeric(12,2) CHECK (balance >= 0), "
                                "rate float8 CHECK (rate > 0 AND rate < 1), price numeric(8) CHECK (price > 0), "
                                "status varchar(20) NOT NULL CHECK (status IN ('new', 'active', 'closed')), "
                                "code varchar(12) CHECK (length(code) >= 10), name text CHECK (name <> '') "
                                "CHECK (length(name) <= 4));");
        QVERIFY2(p.problems.isEmpty() && p.notes.isEmpty(), qPrintable(p.problems.join('\n') + p.notes.join('\n')));
        const TableSeed& t = p.tables.first();
        QCOMPARE(valueOf(t, "balance"), QString("((0) + ((g % 100) + 1) / 4.0)::numeric"));
        QCOMPARE(valueOf(t, "rate"), QString("((0) + ((g % 99) + 1) * ((1) - (0)) / 100.0)::float8"));
        QCOMPARE(valueOf(t, "price"), QString("(1 + (g % 1000))")); // numeric(8): whole numbers
        QCOMPARE(valueOf(t, "status"), QString("(ARRAY['new', 'active', 'closed']::varchar[])[1 + ((g - 1) % 3)]"));
        QCOMPARE(
            valueOf(t, "code"),
            QString("left(rpad(('value ' || (g % 1000)), greatest(10, length(('value ' || (g % 1000)))), 'x'), 12)"));
        QCOMPARE(valueOf(t, "name"), QString("left(('value ' || (g % 1000)), 4)"));
    }

    // Keys are numbered 1..rows, so foreign keys and probes find their rows.
    void keysAndForeignKeys()
    {
        const SeedPlan p = plan("CREATE TABLE a (id int PRIMARY KEY CHECK (id > 0));\n"
                                "CREATE TABLE b (id int PRIMARY KEY CHECK (id >= 1000), a_id int REFERENCES a);\n"
                                "CREATE TABLE c (id int PRIMARY KEY, b_id int NOT NULL REFERENCES b (id));");
        QCOMPARE(p.tables.size(), 3);
        QCOMPARE(p.tables.at(0).keyColumn, QString("id"));
        QCOMPARE(valueOf(p.tables.at(0), "id"), QString("g"));
        QCOMPARE(valueOf(p.tables.at(1), "a_id"), QString("((g - 1) % 1000) + 1"));
        QCOMPARE(p.problems.size(), 1);
        QVERIFY2(p.problems.first().contains("c.b_id references b, which is not a generated table with rows numbered"),
                 qPrintable(p.problems.first()));
    }

    void contradictoryChecksAreAProblem()
    {
        const SeedPlan p = plan("CREATE TABLE t (a int NOT NULL CHECK (a > 10) CHECK (a < 5));");
        QVERIFY2(p.problems.value(0).contains("allow no integer"), qPrintable(p.problems.join('\n')));
        const SeedPlan text = plan("CREATE TABLE t (a varchar(3) NOT NULL CHECK (length(a) > 5));");
        QVERIFY2(text.problems.value(0).contains("at least 6 and at most 3 characters"),
                 qPrintable(text.problems.join('\n')));
    }

    void checksOnOtherTypesAreNamedInANote()
    {
        const SeedPlan p = plan("CREATE TABLE t (d date CHECK (d > '2020-01-01'), b bytea CHECK (length(b) <= 64), "
                                "u uuid CHECK (u IN ('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')));");
        QVERIFY2(p.problems.isEmpty(), qPrintable(p.problems.join('\n')));
        QCOMPARE(p.notes.size(), 2);
        QVERIFY2(p.notes.at(0).contains("t: the row generator does not understand CHECK (d > '2020-01-01')"),
                 qPrintable(p.notes.at(0)));
        QVERIFY2(p.notes.at(1).contains("t.b: the row generator cannot keep to CHECK (length(b) <= 64) "
                                        "(conditions on a bytea column)"),
                 qPrintable(p.notes.at(1)));
        QCOMPARE(valueOf(p.tables.first(), "u"),
                 QString("(ARRAY['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11']::uuid[])[1 + ((g - 1) % 1)]"));
    }
};

QTEST_GUILESS_MAIN(TestSeedPlanner)
#include "tst_seedplanner.moc"
